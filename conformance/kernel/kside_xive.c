// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side of kernel-xive: steps sequenced as a POWER9 HV host
 * runs them with XICS-on-XIVE (book3s_xive.c), and read-back of its
 * state.  A VCPU placed on a CPU is in the guest, its VP pushed on that
 * hardware thread; a hypercall is served as kvmhv_p9_guest_entry()
 * serves it, with the context still pushed, then the VP is pulled and
 * pushed again for the next entry.  Host-side operations (ONE_REG, the
 * device attributes, interrupt input) run while the VCPUs stay in the
 * guest, except ONE_REG, which KVM only does to a VCPU out of KVM_RUN.
 */
#include "kside.h"
#include "book3s_xive.h"
#include <asm/xive-regs.h>
#include <xr_shim/xive_hw.h>

/*
 * kvmppc_core_init_vm_hv() starts a VM in SMT mode 1 (the divisor of
 * kvmppc_pack_vcpu_id) with an LPID of its own; each VCPU has a virtual
 * core, of which XICS-on-XIVE reads the time base offset (H_XIRR_X).
 */
int xk_xive_build(struct xk_vm *vm, unsigned long long tb_offset)
{
	unsigned long i, n = vm->kvm.nr_vcpus;

	vm->kvm.arch.emul_smt_mode = 1;
	vm->kvm.arch.lpid = 1;
	vm->vcore = shim_zalloc((n ? n : 1) * sizeof(*vm->vcore));
	vm->regs_before = shim_zalloc((n ? n : 1) * sizeof(*vm->regs_before));
	if (!vm->vcore || !vm->regs_before)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		vm->vcpu[i].arch.vcore = &vm->vcore[i];
		vm->vcore[i].tb_offset = tb_offset;
	}
	return shim_xive_create(&vm->m);
}

/* Guest entry and exit of a VCPU on its thread (kvmhv_p9_guest_entry) */
static void xk_xive_enter(struct xk_vm *vm, struct kvm_vcpu *vcpu)
{
	xk_on_cpu(vm, vcpu->arch.thread_cpu);
	kvmppc_xive_push_vcpu(vcpu);
}

static void xk_xive_exit(struct xk_vm *vm, struct kvm_vcpu *vcpu)
{
	xk_on_cpu(vm, vcpu->arch.thread_cpu);
	kvmppc_xive_pull_vcpu(vcpu);
}

/*
 * kside.c's placement (xk_vcpu_run) calls this before it moves VCPU
 * @vi off its CPU and after it put it on the new one: a VCPU stops
 * running by a guest exit (pull), starts by a guest entry (push).
 */
void xk_xive_placed(struct xk_vm *vm, int vi, bool running)
{
	struct kvm_vcpu *vcpu = &vm->vcpu[vi];

	if (vcpu->arch.thread_cpu < 0)
		return;
	if (running)
		xk_xive_enter(vm, vcpu);
	else
		xk_xive_exit(vm, vcpu);
	xk_host_done(vm);
}

/*
 * A hypercall may change its caller's registers only: the others' are
 * snapshotted around it (FINDING-XIVE-IPOLL-R4 is such a write).
 * Returns the index of a VCPU whose registers changed, or -1.
 */
static int xk_other_regs_changed(struct xk_vm *vm, int vi,
				 const struct pt_regs_shim *before)
{
	unsigned long i;

	for (i = 0; i < vm->kvm.nr_vcpus; i++)
		if ((int)i != vi && memcmp(&vm->vcpu[i].arch.regs, &before[i],
					   sizeof(before[i])))
			return (int)i;
	return -1;
}

int xk_hcall(struct xk_vm *vm, int vi, unsigned long req, unsigned long a0,
	     unsigned long a1, _Bool real_mode_path, long *rc,
	     unsigned long *r4, unsigned long *r5, char *err,
	     unsigned long errlen)
{
	struct pt_regs_shim *before;
	struct kvm_vcpu *vcpu;
	unsigned long i;
	int other;
	long r;

	if (!xk_valid_vcpu(vm, vi)) {
		xk_msg(err, errlen, "no such VCPU");
		return -1;
	}
	vcpu = &vm->vcpu[vi];
	if (vcpu->arch.thread_cpu < 0) {
		xk_msg(err, errlen, "VCPU is not running: it cannot make "
		       "a hypercall");
		return -1;
	}
	xk_on_cpu(vm, vcpu->arch.thread_cpu);
	kvmppc_set_gpr(vcpu, 4, a0);
	kvmppc_set_gpr(vcpu, 5, a1);
	/*
	 * XICS hcalls are handled before the context is pulled; H_TOO_HARD
	 * (no XICS for this VCPU) goes on to the host, which hands it to
	 * userspace: the result is what the kernel's handler returned.
	 */
	before = vm->regs_before;
	for (i = 0; i < vm->kvm.nr_vcpus; i++)
		before[i] = vm->vcpu[i].arch.regs;
	r = kvmppc_xive_xics_hcall(vcpu, req);
	other = xk_other_regs_changed(vm, vi, before);
	if (other >= 0)
		shim_xive_bad_access("the hypercall wrote the registers of "
				     "another VCPU (address: its index)",
				     (unsigned long)other);
	xk_xive_exit(vm, vcpu);
	*rc = r;
	*r4 = kvmppc_get_gpr(vcpu, 4);
	*r5 = kvmppc_get_gpr(vcpu, 5);
	xk_host_done(vm);
	xk_xive_enter(vm, vcpu);
	xk_host_done(vm);
	return 0;
}

/* kvm_set_irq -> kvmppc_book3s_set_irq: the XIVE back end on this host */
int xk_set_irq_level(struct xk_vm *vm, unsigned int irq, int level)
{
	int rc;

	xk_on_cpu(vm, vm->host_cpu);
	rc = kvmppc_xive_set_irq(&vm->kvm, 0, irq, level, false);
	xk_host_done(vm);
	return rc;
}

long long xk_set_icp(struct xk_vm *vm, int vi, unsigned long long val)
{
	long long rc;

	if (!xk_valid_vcpu(vm, vi))
		return -ENOENT;
	xk_xive_placed(vm, vi, false);
	xk_on_cpu(vm, vm->host_cpu);
	rc = kvmppc_xive_set_icp(&vm->vcpu[vi], val);
	xk_host_done(vm);
	xk_xive_placed(vm, vi, true);
	return rc;
}

long long xk_get_icp(struct xk_vm *vm, int vi, unsigned long long *val)
{
	if (!xk_valid_vcpu(vm, vi))
		return -ENOENT;
	xk_xive_placed(vm, vi, false);
	xk_on_cpu(vm, vm->host_cpu);
	*val = kvmppc_xive_get_icp(&vm->vcpu[vi]);
	xk_xive_placed(vm, vi, true);
	return 0;
}

/*
 * The presentation state as the VCPU's kvmppc_xive_vcpu keeps it.  XICS-
 * on-XIVE has no XISR and no pending priority of its own (the queues and
 * the TIMA hold what is pending): they read as none, as
 * kvmppc_xive_get_icp reports them.  The line is the thread's NSR
 * exception bit for a pushed VP; for a pulled one, the exception its
 * next guest entry will raise: the push loads the saved CPPR and IPB,
 * merges the backlog the XIVE kept for the VP into the IPB and computes
 * PIPR from it (docs/xive-hardware.md).  The saved PIPR byte is not
 * used: book3s_hv.c reads it for wake-ups (xive_interrupt_pending), and
 * a VCPU that never ran holds the 0 of its initial w01 there, which a
 * restored CPPR of 0xff turns into a wake-up with nothing pending; no
 * scenario step cedes, so that is not compared.
 */
_Bool xk_icp_state(struct xk_vm *vm, int vi, struct xk_icp *out)
{
	struct kvm_vcpu *vcpu;
	struct kvmppc_xive_vcpu *xc;

	if (!xk_valid_vcpu(vm, vi) || !vm->vcpu[vi].arch.xive_vcpu)
		return false;
	vcpu = &vm->vcpu[vi];
	xc = vcpu->arch.xive_vcpu;
	out->cppr = xc->cppr;
	out->mfrr = xc->mfrr;
	out->pprio = 0xff;
	out->xisr = 0;
	out->need_resend = false;
	if (vcpu->arch.xive_pushed && vcpu->arch.thread_cpu >= 0) {
		struct shim_xive_os_ring ring;

		shim_xive_os_ring(vcpu->arch.thread_cpu, &ring);
		out->line = !!(ring.nsr & TM_QW1_NSR_EO);
	} else {
		int ipb = shim_xive_vp_ipb(xc->vp_id);
		u8 pipr = 0xff;

		if (ipb < 0)
			ipb = 0;
		ipb |= vcpu->arch.xive_saved_state.ipb;
		/* IPB bit 0x80 >> p for priority p: its first set bit */
		if (ipb)
			pipr = (u8)__builtin_clz((u32)ipb << 24);
		out->line = pipr < vcpu->arch.xive_saved_state.cppr;
	}
	out->out_ee = out->line;
	return true;
}

static struct kvmppc_xive_irq_state *xk_xive_state(struct xk_vm *vm,
						   unsigned int irq)
{
	struct kvmppc_xive *xive = vm->kvm.arch.xive;
	struct kvmppc_xive_src_block *sb;
	u16 src;

	if (!xive)
		return NULL;
	sb = kvmppc_xive_find_source(xive, irq, &src);
	return sb ? &sb->irq_state[src] : NULL;
}

/*
 * A source as the guest set it (guest_priority, saved_priority) with the
 * server it is routed to (act_server, what get-xive reports), and its P,
 * Q and masked-pending as XICS names them, read from the ESB of the
 * interrupt that serves it with the side-effect-free GET load the
 * kernel's debugfs uses:
 *  - unmasked: P and Q are the ESB's;
 *  - masked: masking set the ESB to 10 and kept the P and Q it had in
 *    old_p and old_q.  A trigger while masked sets the ESB's Q; either Q
 *    is held for the unmask (xive_finish_unmask ORs old_q into the ESB),
 *    which turns it into a delivery: XICS's masked-pending when nothing
 *    was in flight (old_p clear; XICS sets P with it), XICS's Q behind
 *    an interrupt in flight (old_p set).
 *  - an LSI: XICS's P is its level (state->asserted); Q is the ESB's as
 *    for an MSI, since a trigger latched there is presented again.
 */
_Bool xk_source_state(struct xk_vm *vm, unsigned int irq,
		      struct xk_source *out)
{
	struct kvmppc_xive_irq_state *st = xk_xive_state(vm, irq);
	struct xive_irq_data *xd;
	_Bool esb_p, esb_q;
	u64 pq = 0;

	if (!st)
		return false;
	xk_on_cpu(vm, vm->host_cpu);
	kvmppc_xive_select_irq(st, NULL, &xd);
	if (st->valid && xd && xd->eoi_mmio)
		pq = be64_to_cpu(__raw_readq(xd->eoi_mmio + XIVE_ESB_GET));
	esb_p = !!(pq & XIVE_ESB_VAL_P);
	esb_q = !!(pq & XIVE_ESB_VAL_Q);
	out->exists = st->valid;
	out->lsi = st->lsi;
	out->server = st->act_server;
	out->prio = st->guest_priority;
	out->saved = st->saved_priority;
	out->p = esb_p;
	out->q = esb_q;
	out->masked_pending = false;
	if (st->guest_priority == MASKED) {
		_Bool held = st->old_q || esb_q;

		out->masked_pending = !st->old_p && held;
		out->p = st->old_p || held;
		out->q = st->old_p && held;
	}
	/* passed through, the ESB is the device's MSI: its P is P */
	if (st->lsi && !st->pt_number)
		out->p = st->asserted;
	out->asserted = st->lsi && st->asserted;
	out->resend = false;
	out->pt_mapped = st->pt_number != 0;
	out->intr_cpu = -1;
	return true;
}

unsigned int xk_ics_blocks(struct xk_vm *vm, unsigned int *first_irqs,
			   unsigned int max)
{
	struct kvmppc_xive *xive = vm->kvm.arch.xive;
	unsigned int i, n = 0;

	if (!xive)
		return 0;
	for (i = 0; i <= xive->max_sbid && i <= KVMPPC_XICS_MAX_ICS_ID; i++) {
		if (!xive->src_blocks[i])
			continue;
		if (n < max)
			first_irqs[n] = i << KVMPPC_XICS_ICS_SHIFT;
		n++;
	}
	return n;
}

/*
 * Does xk_source_state() read @st as a source at rest (not defined,
 * masked, routed to server 0, nothing held)?  A source that is not
 * valid has no ESB read: its state is these fields alone, so this is
 * that function's derivation for them.  Keep the two in step;
 * check_diff.c's test_changed_sources reads every source left clear
 * after every step of every scenario and fails on one that is not at
 * rest.
 */
static _Bool xk_xive_at_rest(const struct kvmppc_xive_irq_state *st)
{
	return !st->valid && !st->lsi && !st->act_server &&
	       st->guest_priority == MASKED && st->saved_priority == MASKED &&
	       !st->old_p && !st->old_q && !st->asserted && !st->pt_number;
}

/*
 * Observe only: the sources of block @first_irq that may not read as at
 * rest.  Every valid source is marked (its P and Q are in the ESB), so
 * what the sweep skips is the rest of a block of 1024, read field by
 * field here instead of through the adapter on both sides.
 */
_Bool xk_changed_sources(struct xk_vm *vm, unsigned int first_irq,
			 unsigned long long *map)
{
	struct kvmppc_xive *xive = vm->kvm.arch.xive;
	unsigned int bid = first_irq >> KVMPPC_XICS_ICS_SHIFT, w, i;
	const struct kvmppc_xive_src_block *sb;

	if (!xive || bid > KVMPPC_XICS_MAX_ICS_ID || bid > xive->max_sbid ||
	    !xive->src_blocks[bid])
		return false;
	sb = xive->src_blocks[bid];
	for (w = 0; w < KVMPPC_XICS_IRQ_PER_ICS / 64; w++) {
		map[w] = 0;
		for (i = 0; i < 64; i++)
			if (!xk_xive_at_rest(&sb->irq_state[w * 64 + i]))
				map[w] |= 1ull << i;
	}
	return true;
}

int xk_hw_complaint(struct xk_vm *vm, char *buf, unsigned long len,
		    unsigned long *addr)
{
	const char *what;

	shim_select(&vm->m);
	what = shim_xive_take_bad(addr);
	if (!what)
		return 0;
	xk_msg(buf, len, what);
	return 1;
}
