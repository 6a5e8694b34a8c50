// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side of a parallel block (explore builds): which simulated
 * CPU runs, where its events go, the host work an IPI starts, names for
 * kernel locations in the interleaving, and the kernel's own bookkeeping
 * checked once the block is quiescent.  Compiled like the kernel files
 * (no libc headers); the explorer reaches it through xk_api.h.
 */
#include "kside.h"

void xk_explore_begin(struct xk_vm *vm)
{
	unsigned int i;

	shim_select(&vm->m);
	if (!vm->m.par_marked) {
		vm->m.par_mark = shim_arena_mark();
		vm->m.par_marked = true;
	}
	vm->m.exploring = true;
	/* what is pending now, the VCPUs in the guest have been told */
	for (i = 0; i < vm->kvm.nr_vcpus; i++)
		vm->m.entry[i] = (vm->vcpu[i].arch.pending_exceptions >>
				  BOOK3S_IRQPRIO_EXTERNAL) & 1 ?
				 SHIM_ENTRY_SAW : 0;
	for (i = 0; i < (unsigned int)vm->m.nr_cpus; i++)
		vm->m.cpu[i].doorbell = false;
}

void xk_explore_end(struct xk_vm *vm)
{
	vm->m.exploring = false;
	vm->m.sink = NULL;
}

void xk_explore_cpu(struct xk_vm *vm, int cpu, struct xk_events *sink)
{
	shim_select(&vm->m);
	vm->m.cur_cpu = cpu;
	vm->m.sink = sink;
}

int xk_explore_host_pending(struct xk_vm *vm, int cpu)
{
	if (cpu < 0 || cpu >= vm->m.nr_cpus)
		return XK_WORK_NONE;
	if (shim_host_msg_pending(cpu))
		return XK_WORK_HOST;
	return shim_doorbell_pending(cpu) ? XK_WORK_GUEST : XK_WORK_NONE;
}

void xk_explore_host_work(struct xk_vm *vm, int cpu)
{
	shim_select(&vm->m);
	if (shim_host_msg_pending(cpu))
		shim_host_action(cpu);
	else if (shim_doorbell_pending(cpu))
		shim_guest_entry(cpu);
}

/* A store became visible: the raise/lower edge detector looks at it */
void xk_explore_visible(struct xk_vm *vm, unsigned long addr)
{
	unsigned long base = (unsigned long)vm->m.cpu, k, mfrr;
	unsigned int i;

	/* an MFRR store reached the physical ICP (shim_mfrr_landed) */
	if (addr >= base &&
	    addr < base + vm->m.nr_cpus * sizeof(struct shim_cpu)) {
		k = (addr - base) / sizeof(struct shim_cpu);
		mfrr = (unsigned long)&vm->m.cpu[k].mmio[XICS_MFRR];
		if (addr <= mfrr && mfrr < addr + 8)
			shim_mfrr_landed((int)k);
		if (k + 1 < (unsigned long)vm->m.nr_cpus) {
			mfrr = (unsigned long)&vm->m.cpu[k + 1].mmio[XICS_MFRR];
			if (addr <= mfrr && mfrr < addr + 8)
				shim_mfrr_landed((int)k + 1);
		}
		return;
	}
	for (i = 0; i < vm->kvm.nr_vcpus; i++)
		if (addr == (unsigned long)&vm->vcpu[i].arch.pending_exceptions)
			shim_bit_changed(&vm->vcpu[i].arch.pending_exceptions);
}

struct field {
	const char *name;
	unsigned long off, size;
};

#define F(type, member)	{ #member, __builtin_offsetof(type, member), \
			  sizeof(((type *)0)->member) }

static const struct field icp_fields[] = {
	F(struct kvmppc_icp, vcpu), F(struct kvmppc_icp, server_num),
	F(struct kvmppc_icp, state), F(struct kvmppc_icp, resend_map),
	F(struct kvmppc_icp, rm_action), F(struct kvmppc_icp, rm_kick_target),
	F(struct kvmppc_icp, rm_resend_icp), F(struct kvmppc_icp, rm_reject),
	F(struct kvmppc_icp, rm_eoied_irq),
	F(struct kvmppc_icp, n_rm_kick_vcpu),
	F(struct kvmppc_icp, n_rm_check_resend),
	F(struct kvmppc_icp, n_rm_notify_eoi),
	F(struct kvmppc_icp, n_check_resend), F(struct kvmppc_icp, n_reject),
	F(struct kvmppc_icp, rm_dbgstate), F(struct kvmppc_icp, rm_dbgtgt),
};

static const struct field src_fields[] = {
	F(struct ics_irq_state, number), F(struct ics_irq_state, server),
	F(struct ics_irq_state, pq_state), F(struct ics_irq_state, priority),
	F(struct ics_irq_state, saved_priority),
	F(struct ics_irq_state, resend),
	F(struct ics_irq_state, masked_pending), F(struct ics_irq_state, lsi),
	F(struct ics_irq_state, exists), F(struct ics_irq_state, intr_cpu),
	F(struct ics_irq_state, host_irq),
};

static const struct field vcpu_fields[] = {
	F(struct kvm_vcpu, arch.icp), F(struct kvm_vcpu, arch.regs),
	F(struct kvm_vcpu, arch.thread_cpu),
	F(struct kvm_vcpu, arch.pending_exceptions),
	F(struct kvm_vcpu, stat.queue_intr), F(struct kvm_vcpu, stat.pthru_all),
	F(struct kvm_vcpu, stat.pthru_host),
	F(struct kvm_vcpu, stat.pthru_bad_aff),
};

static const struct field xics_fields[] = {
	F(struct kvmppc_xics, err_noics), F(struct kvmppc_xics, err_noicp),
	F(struct kvmppc_xics, real_mode), F(struct kvmppc_xics, max_icsid),
	F(struct kvmppc_xics, ics),
};

static const struct field hstate_fields[] = {
	F(struct kvmppc_host_state, kvm_vcpu),
	F(struct kvmppc_host_state, xics_phys),
	F(struct kvmppc_host_state, saved_xirr),
	F(struct kvmppc_host_state, host_ipi),
};

static const struct field core_fields[] = {
	F(struct kvmppc_host_rm_core, rm_state),
	F(struct kvmppc_host_rm_core, rm_data),
};

static const struct field map_fields[] = {
	F(struct kvmppc_irq_map, r_hwirq), F(struct kvmppc_irq_map, v_hwirq),
	F(struct kvmppc_irq_map, desc),
};

/* "PREFIX.field" for @off into a structure described by @f */
static bool name_in(const struct field *f, unsigned int n, unsigned long off,
		    const char *prefix, char *buf, unsigned long len)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (off >= f[i].off && off < f[i].off + f[i].size) {
			if (off == f[i].off)
				__builtin_snprintf(buf, len, "%s.%s", prefix,
						   f[i].name);
			else
				__builtin_snprintf(buf, len, "%s.%s+%lu",
						   prefix, f[i].name,
						   off - f[i].off);
			return true;
		}
	__builtin_snprintf(buf, len, "%s+%lu", prefix, off);
	return true;
}

static bool within(unsigned long a, const void *base, unsigned long size,
		   unsigned long *off)
{
	unsigned long b = (unsigned long)base;

	if (!base || a < b || a >= b + size)
		return false;
	*off = a - b;
	return true;
}

static bool name_xics(struct xk_vm *vm, unsigned long a, char *buf,
		      unsigned long len)
{
	struct kvmppc_xics *xics = vm->kvm.arch.xics;
	unsigned long off;
	char p[48];
	unsigned int i;

	if (!xics)
		return false;
	if (within(a, xics, sizeof(*xics), &off))
		return name_in(xics_fields, ARRAY_SIZE(xics_fields), off,
			       "xics", buf, len);
	for (i = 0; i <= xics->max_icsid; i++) {
		struct kvmppc_ics *ics = xics->ics[i];
		unsigned long s;

		if (!within(a, ics, sizeof(*ics), &off))
			continue;
		if (off < __builtin_offsetof(struct kvmppc_ics, irq_state)) {
			__builtin_snprintf(buf, len, "ics[%u].%s", i,
					   off < sizeof(ics->lock) ? "lock" :
					   "icsid");
			return true;
		}
		off -= __builtin_offsetof(struct kvmppc_ics, irq_state);
		s = off / sizeof(struct ics_irq_state);
		__builtin_snprintf(p, sizeof(p), "source(%#lx)",
				   ((unsigned long)i << KVMPPC_XICS_ICS_SHIFT) | s);
		return name_in(src_fields, ARRAY_SIZE(src_fields),
			       off % sizeof(struct ics_irq_state), p, buf, len);
	}
	return false;
}

_Bool xk_name_addr(struct xk_vm *vm, unsigned long a, char *buf,
		   unsigned long len)
{
	struct kvmppc_passthru_irqmap *pimap = vm->kvm.arch.pimap;
	unsigned long off;
	char p[48];
	int i;

	for (i = 0; i < (int)vm->kvm.nr_vcpus; i++) {
		struct kvm_vcpu *v = &vm->vcpu[i];

		__builtin_snprintf(p, sizeof(p), "icp(v%d)", v->vcpu_id);
		if (within(a, v->arch.icp, sizeof(struct kvmppc_icp), &off))
			return name_in(icp_fields, ARRAY_SIZE(icp_fields), off,
				       p, buf, len);
		__builtin_snprintf(p, sizeof(p), "vcpu(v%d)", v->vcpu_id);
		if (within(a, v, sizeof(*v), &off))
			return name_in(vcpu_fields, ARRAY_SIZE(vcpu_fields),
				       off, p, buf, len);
	}
	if (name_xics(vm, a, buf, len))
		return true;
	for (i = 0; i < vm->m.nr_cpus; i++) {
		__builtin_snprintf(p, sizeof(p), "paca(cpu%d)", i);
		if (within(a, &vm->m.cpu[i].paca.kvm_hstate,
			   sizeof(struct kvmppc_host_state), &off))
			return name_in(hstate_fields, ARRAY_SIZE(hstate_fields),
				       off, p, buf, len);
	}
	for (i = 0; vm->m.rm_core && i < vm->m.cores; i++) {
		__builtin_snprintf(p, sizeof(p), "rm_core[%d]", i);
		if (within(a, &vm->m.rm_core[i], sizeof(vm->m.rm_core[i]),
			   &off))
			return name_in(core_fields, ARRAY_SIZE(core_fields),
				       off, p, buf, len);
	}
	if (pimap && within(a, pimap, sizeof(*pimap), &off)) {
		unsigned long m = __builtin_offsetof(
			struct kvmppc_passthru_irqmap, mapped);

		if (off < m) {
			__builtin_snprintf(buf, len, "pimap.n_mapped");
			return true;
		}
		off -= m;
		__builtin_snprintf(p, sizeof(p), "pimap.mapped[%lu]",
				   off / sizeof(struct kvmppc_irq_map));
		return name_in(map_fields, ARRAY_SIZE(map_fields),
			       off % sizeof(struct kvmppc_irq_map), p, buf,
			       len);
	}
	if (within(a, &vm->kvm.lock, sizeof(vm->kvm.lock), &off)) {
		__builtin_snprintf(buf, len, "kvm.lock");
		return true;
	}
	return false;
}

/*
 * Once a block is quiescent the kernel's bookkeeping must let every
 * interrupt it still owes reach the guest (CONC-RESEND-RECORDED,
 * CONC-RM-WORK-DONE in spec/concurrency.md):
 *  - a source waiting for a resend is in the resend map of an ICP that
 *    has need_resend set, so that ICP's next CPPR or MFRR change scans it;
 *  - no real-mode action is left undone and no host core is left
 *    borrowed.
 *  - a VCPU in the guest with its external interrupt pending was told:
 *    its last guest entry saw it, or it was kicked since, or its CPU
 *    still has the XICS IPI or doorbell that makes it exit
 *    (CONC-WAKEUP);
 *  - a host message is taken: a CPU in the host has none left and
 *    host_ipi clear, a CPU that runs a VCPU has host_ipi set and its XICS
 *    IPI raised, so its next exit takes it (CONC-HOST-IPI-KEPT).
 * Returns 0, or 1 with what is wrong in @buf.
 */
int xk_explore_check(struct xk_vm *vm, char *buf, unsigned long len)
{
	struct kvmppc_xics *xics = vm->kvm.arch.xics;
	unsigned int i, j;
	int k;

	for (k = 0; k < (int)vm->kvm.nr_vcpus; k++) {
		struct kvmppc_icp *icp = vm->vcpu[k].arch.icp;

		if (icp && icp->rm_action) {
			__builtin_snprintf(buf, len,
					   "CONC-RM-WORK-DONE: icp(v%d).rm_action = %#x: real-mode work left undone",
					   vm->vcpu[k].vcpu_id, icp->rm_action);
			return 1;
		}
	}
	for (k = 0; k < (int)vm->kvm.nr_vcpus; k++) {
		struct kvm_vcpu *v = &vm->vcpu[k];
		int cpu = v->arch.thread_cpu;

		if (cpu < 0 || cpu >= vm->m.nr_cpus ||
		    vm->m.cpu[cpu].paca.kvm_hstate.kvm_vcpu != v ||
		    !((v->arch.pending_exceptions >> BOOK3S_IRQPRIO_EXTERNAL) & 1) ||
		    vm->m.entry[k] || vm->m.cpu[cpu].ipi_raised ||
		    vm->m.cpu[cpu].doorbell)
			continue;
		__builtin_snprintf(buf, len,
				   "CONC-WAKEUP: vcpu %d, in the guest on cpu %d, has its external interrupt pending, but its last guest entry did not see it and no IPI, doorbell or kick is left to make it exit (a lost wake-up)",
				   v->vcpu_id, cpu);
		return 1;
	}
	for (k = 0; k < vm->m.nr_cpus; k++) {
		struct shim_cpu *c = &vm->m.cpu[k];

		if (!c->messages) {
			/*
			 * Its handler cleared host_ipi before taking the
			 * messages; a host_ipi := 1 that became visible only
			 * after that (no smp_mb() before the IPI) stays: the
			 * CPU's next guest exit is taken for the host.
			 */
			if (!c->paca.kvm_hstate.kvm_vcpu &&
			    c->paca.kvm_hstate.host_ipi) {
				__builtin_snprintf(buf, len,
						   "CONC-HOST-IPI-KEPT: cpu %d, in the host, has host_ipi set and no message: a host_ipi store landed after its handler cleared it",
						   k);
				return 1;
			}
			continue;
		}
		if (!c->paca.kvm_hstate.kvm_vcpu) {
			__builtin_snprintf(buf, len,
					   "CONC-HOST-IPI-KEPT: cpu %d, in the host, has a host message it never took",
					   k);
			return 1;
		}
		if (!c->paca.kvm_hstate.host_ipi || !c->ipi_raised) {
			__builtin_snprintf(buf, len,
					   "CONC-HOST-IPI-KEPT: cpu %d runs a VCPU with a host message pending, but host_ipi %d and its XICS IPI %s: its next exit does not take it (a lost host IPI)",
					   k, c->paca.kvm_hstate.host_ipi,
					   c->ipi_raised ? "raised" : "not raised");
			return 1;
		}
	}
	for (k = 0; vm->m.rm_core && k < vm->m.cores; k++)
		if (vm->m.rm_core[k].rm_state.rm_action ||
		    vm->m.rm_core[k].rm_data) {
			__builtin_snprintf(buf, len,
					   "CONC-RM-WORK-DONE: rm_core[%d]: rm_action %#x, rm_data %s: a borrowed host core was never given back",
					   k, vm->m.rm_core[k].rm_state.rm_action,
					   vm->m.rm_core[k].rm_data ? "set" : "NULL");
			return 1;
		}
	for (i = 0; xics && i <= xics->max_icsid; i++) {
		struct kvmppc_ics *ics = xics->ics[i];
		bool seen = false;

		if (!ics)
			continue;
		for (k = 0; k < (int)vm->kvm.nr_vcpus; k++) {
			struct kvmppc_icp *icp = vm->vcpu[k].arch.icp;

			if (icp && icp->state.need_resend &&
			    test_bit(i, icp->resend_map))
				seen = true;
		}
		for (j = 0; j < KVMPPC_XICS_IRQ_PER_ICS && !seen; j++)
			if (ics->irq_state[j].resend) {
				__builtin_snprintf(buf, len,
						   "CONC-RESEND-RECORDED: source %#x waits for a resend, but no ICP with need_resend has ICS %u in its resend map: it is never resent (lost)",
						   ics->irq_state[j].number, i);
				return 1;
			}
	}
	return 0;
}
