// SPDX-License-Identifier: GPL-2.0-only
/*
 * Passthrough steps on the kernel side: the flat map through the
 * kernel's own kvmppc_set_passthru_irq / kvmppc_clr_passthru_irq, and a
 * hardware interrupt through kvmppc_read_intr on the physical CPU it is
 * pending at, followed by what the host does with the result:
 *   2 (host-complete)  kvmppc_xics_rm_complete for the VCPU loaded there,
 *                      as book3s_hv.c does after such an exit;
 *   1 (host)           a routed device is delivered by the host (the VFIO
 *                      irqfd: kvmppc_xics_set_irq on that CPU), so the
 *                      kernel's ics_deliver_irq records intr_cpu.
 * Borrowed host cores then handle their messages, as for every step.
 * kernel-xive shares the flat map steps (book3s_hv.c calls
 * kvmppc_xive_set_mapped / clr_mapped there); a XIVE host has no such
 * read path, its hwirq and host-ipi are kside_xive_pt.c's.
 */
#include "kside.h"

int xk_kernel_set_passthru(struct kvm *kvm, int host_irq, int guest_gsi);
int xk_kernel_clr_passthru(struct kvm *kvm, int host_irq, int guest_gsi);

/*
 * virt/lib/irqbypass.c registers and unregisters every producer under one
 * global mutex, and calls kvmppc_set_passthru_irq / clr_passthru_irq
 * (through the consumer's add_producer / del_producer) inside it: two
 * passthrus of any VMs never overlap, in a parallel block either.
 */
static struct mutex xk_irqbypass_lock;

static void xk_pt_enter(struct xk_vm *vm, int cpu)
{
	xk_on_cpu(vm, cpu);
}

int xk_pt_init(struct xk_vm *vm, const struct xk_config *cfg)
{
	unsigned int i;

	shim_select(&vm->m);
	if (shim_pt_create(&vm->m))
		return -1;
	for (i = 0; i < cfg->nr_passthru; i++)
		xk_passthru(vm, cfg->pt[i].hw, cfg->pt[i].irq, 1);
	return 0;
}

void xk_pt_fini(struct xk_vm *vm)
{
	shim_select(&vm->m);
	kfree(vm->kvm.arch.pimap);	/* kvmppc_core_destroy_vm_hv */
	vm->kvm.arch.pimap = NULL;
	shim_pt_destroy(&vm->m);
}

/* One passthru; a device that cannot be created has no descriptor */
static long long xk_passthru_one(struct xk_vm *vm, unsigned int hw,
				 unsigned int irq)
{
	int host_irq = shim_pt_dev(hw, true);

	if (host_irq >= 0) {
#ifdef CONFIG_PPC_XIVE
		if (xk_xive_pt_unreachable(vm, host_irq, irq))
			return 0;
		/* VFIO requests the MSI before it registers the producer */
		xk_xive_vfio_request(vm, host_irq);
#endif
		shim_pt_route(host_irq, irq, true);
	}
	return xk_kernel_set_passthru(&vm->kvm, host_irq < 0 ? 0 : host_irq,
				      irq);
}

long long xk_passthru(struct xk_vm *vm, unsigned int hw, unsigned int irq,
		      unsigned int n)
{
	long long rc = 0;
	unsigned int i;

	xk_pt_enter(vm, vm->host_cpu);
	mutex_lock(&xk_irqbypass_lock);
	for (i = 0; i < n && !rc; i++)
		rc = xk_passthru_one(vm, hw + i, irq + i);
	mutex_unlock(&xk_irqbypass_lock);
	/* the host takes what the step sent it (a released device's resend) */
	xk_host_done(vm);
	return rc;
}

long long xk_unpassthru(struct xk_vm *vm, unsigned int irq)
{
	bool live;
	int host_irq;
	long long rc;

	xk_pt_enter(vm, vm->host_cpu);
	mutex_lock(&xk_irqbypass_lock);
	host_irq = shim_pt_host_irq_of(irq, &live);
#ifdef CONFIG_PPC_XIVE
	if (xk_xive_unpt_unreachable(vm, host_irq, irq, live)) {
		mutex_unlock(&xk_irqbypass_lock);
		return 0;
	}
#endif
	if (live)
		shim_pt_route(host_irq, irq, false);
	rc = xk_kernel_clr_passthru(&vm->kvm, host_irq < 0 ? 0 : host_irq,
				    irq);
	mutex_unlock(&xk_irqbypass_lock);
	xk_host_done(vm);
	return rc;
}

#ifndef CONFIG_PPC_XIVE
/* A VCPU with no ICP would make kvmppc_deliver_irq_passthru crash */
static bool xk_would_crash(struct xk_vm *vm, struct kvm_vcpu *vcpu,
			   unsigned int hw)
{
	struct kvmppc_passthru_irqmap *pimap = vm->kvm.arch.pimap;
	int i;

	if (!vcpu || vcpu->arch.icp || !vm->m.irq_bypass || !pimap ||
	    hw == 0 || hw == XICS_IPI)
		return false;
	for (i = 0; i < pimap->n_mapped; i++)
		if (pimap->mapped[i].r_hwirq == hw)
			return true;
	return false;
}

/*
 * The physical interrupt the host is left with: the XIRR the read path
 * saved for it, or, when a host IPI stopped it before reading or OPAL
 * could not read it (FAULT-READ-XIRR), the one still pending.  IPIs are
 * the host's own business.
 */
static unsigned int xk_host_xisr(struct xk_vm *vm, int cpu, bool host_ipi)
{
	unsigned int x = vm->m.cpu[cpu].paca.kvm_hstate.saved_xirr & 0xffffff;

	if (!x && (host_ipi || vm->m.cpu[cpu].xirr_unread))
		x = shim_xirr_head(cpu) & 0xffffff;
	return x == XICS_IPI ? 0 : x;
}

/*
 * What the read path must leave behind on the physical CPU, whatever the
 * guest sees (a broken one is an "unexpected hardware access" of the
 * step, as any access the hardware would not serve so):
 * - an XICS IPI it read is EOI'd at once (else the physical CPPR stays
 *   at the IPI's priority and nothing less favoured is presented), and
 *   taken for the guest (-1) its MFRR is back to 0xff (else it is
 *   presented again for ever); a raced host IPI re-raises it (1);
 * - when it read nothing for the host (0: nothing; -1, -2: the guest's;
 *   kvmppc_read_intr keeps the largest of its reads), no XISR is left
 *   in the host's latch (saved_xirr), which the host's next external
 *   interrupt would take instead of reading the XIRR.
 * Sequential runs only: in a parallel block the explorer judges.
 */
static void xk_read_path_left(struct xk_vm *vm, int cpu, long r)
{
	struct shim_cpu *c = &vm->m.cpu[cpu];

	if (c->ipi_unacked)
		shim_warn(__FILE__, __LINE__);
	if (r == -1 && c->ipi_raised)
		shim_warn(__FILE__, __LINE__);
	if (r <= 0 && (c->paca.kvm_hstate.saved_xirr & 0xffffff))
		shim_warn(__FILE__, __LINE__);
}

int xk_hwirq(struct xk_vm *vm, unsigned int hw, int cpu, bool host_ipi,
	     unsigned int then_hw, long *ret, char *err, unsigned long errlen)
{
	struct kvm_vcpu *vcpu;
	unsigned int host;
	bool flagged;
	long r, g;

	if (cpu < 0 || cpu >= vm->m.nr_cpus || hw > 0xffffff ||
	    then_hw > 0xffffff)
		return -1;
	xk_pt_enter(vm, cpu);
	vcpu = vm->m.cpu[cpu].paca.kvm_hstate.kvm_vcpu;
	if (!host_ipi && (xk_would_crash(vm, vcpu, hw) ||
			  (then_hw && xk_would_crash(vm, vcpu, then_hw))))
		return -1;
	/* a host IPI is flagged as smp_muxed_ipi_set_message would */
	if (host_ipi)
		kvmppc_set_host_ipi(cpu);
	vm->m.cpu[cpu].paca.kvm_hstate.saved_xirr = 0;
	/* the XICS presents XISR 2 because this CPU's MFRR asks for it */
	if (hw == XICS_IPI) {
		vm->m.cpu[cpu].mmio[XICS_MFRR] = IPI_PRIORITY;
		vm->m.cpu[cpu].ipi_raised = true;
	}
	shim_set_pending_xirr(cpu, 0xff000000u | hw);
	vm->m.cpu[cpu].queued_xirr = then_hw ? 0xff000000u | then_hw : 0;
	vm->m.cpu[cpu].xirr_unread = false;
	vm->m.cpu[cpu].ipi_unacked = false;
	/*
	 * A host IPI flagged in the PACA, by this step or by an earlier
	 * host-ipi step whose flag was kept, stops the read path before it
	 * reads the XIRR: what is pending is left to the host
	 */
	flagged = vm->m.cpu[cpu].paca.kvm_hstate.host_ipi;
	r = kvmppc_read_intr();
	if (!vm->m.exploring)
		xk_read_path_left(vm, cpu, r);
	/*
	 * An exit to the host (1, 2) takes the host IPIs flagged for this
	 * CPU; the guest (0, -1, -2) leaves them flagged (ROUTE-HOST-IPI).
	 */
	if (r == 1 || r == 2)
		shim_host_take_ipi(cpu);
	host = xk_host_xisr(vm, cpu, flagged);
	/* what is still pending would be another exit: not this step */
	shim_set_pending_xirr(cpu, 0);
	vm->m.cpu[cpu].queued_xirr = 0;
	/* interrupts are enabled before the exit is handled */
	g = host ? shim_pt_live_irq(host) : -1;
	if (g >= 0)
		kvmppc_xics_set_irq(&vm->kvm, 0, g, KVM_INTERRUPT_SET, false);
	if (r == 2 && vcpu)
		kvmppc_xics_rm_complete(vcpu, 0);
	/*
	 * A CPU that runs a VCPU enters its guest again, at once or once
	 * the host has handled the exit, and the entry reads what is
	 * pending (CONC-WAKEUP): a delivery to the VCPU itself only set MER
	 */
	if (vm->m.exploring && vcpu) {
		smp_mb();
		shim_guest_entry(cpu);
	}
	shim_run_host_messages();
	*ret = r;
	return 0;
}

/* ROUTE-HOST-IPI: the host (on its CPU) sends physical CPU @cpu an IPI */
int xk_host_ipi(struct xk_vm *vm, int cpu)
{
	if (cpu < 0 || cpu >= vm->m.nr_cpus)
		return -1;
	xk_pt_enter(vm, vm->host_cpu);
	shim_host_send_ipi(cpu);
	shim_run_host_messages();
	return 0;
}
#endif /* !CONFIG_PPC_XIVE */
