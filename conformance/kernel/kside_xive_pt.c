// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-xive's device interrupts.  A POWER9 host has no XICS read path
 * (kvmppc_read_intr): a device's MSI goes where its routing entry in the
 * XIVE says (shim/xive_dev.c, docs/xive-hardware.md).  While KVM has it
 * forwarded (kvmppc_xive_set_mapped), the entry names the VP of the
 * guest source's server and the event lands in that VCPU's queue without
 * the host; otherwise the host takes it on the thread its entry names and
 * runs VFIO's handler, which asserts the guest IRQ through the irqfd
 * (kvm_set_irq -> kvmppc_xive_set_irq) when the device is routed to one.
 * The flat map steps (passthru, unpassthru) are passthru_steps.c's.
 */
#include "kside.h"
#include "book3s_xive.h"
#include <xr_shim/xive_hw.h>

/* vfio_msihandler: its eventfd is the irqfd of the guest IRQ, if any */
static irqreturn_t xk_vfio_msi(int irq, void *data)
{
	struct xk_vm *vm = data;
	long g = shim_pt_live_virq(irq);

	if (g >= 0)
		kvmppc_xive_set_irq(&vm->kvm, 0, (u32)g, KVM_INTERRUPT_SET,
				    false);
	return IRQ_HANDLED;
}

/* Requested when the device is first passed through, kept from then on */
void xk_xive_vfio_request(struct xk_vm *vm, int host_irq)
{
	int r = request_irq(host_irq, xk_vfio_msi, 0, "vfio-msi", vm);

	if (r && r != -EBUSY)
		shim_warn(__FILE__, __LINE__);
}

/*
 * What the harness's flat-map steps would do that KVM never does on a
 * XIVE host: irqbypass pairs a device's vector with one irqfd and calls
 * kvmppc_clr_passthru_irq once for each pair it made.  The XICS harness
 * passes one device to two guest IRQs (MAP-LOOKUP), and on an unpassthru
 * of a guest IRQ no device is routed to names a stand-in device
 * (MAP-INVALIDATE); on XIVE the first would give two sources one ESB,
 * the second would take the stand-in back from the guest IRQ it is
 * forwarded to, or, for a source that is not mapped and has its IPI's P
 * set, make kvmppc_xive_clr_mapped load through its NULL pt_data.  Such a
 * step is refused (the adapter reports it as unsupported).  So is the
 * unpassthru of a device whose passthru failed (a second device on one
 * guest IRQ, MAP-BUSY): irqbypass calls kvmppc_clr_passthru_irq only for
 * a pair whose add_producer succeeded, where the harness would call it
 * and reach the same NULL pt_data.
 */
static bool xk_unreachable(const char *why, unsigned int irq)
{
	shim_xive_bad_access(why, irq);
	return true;
}

bool xk_xive_pt_unreachable(struct xk_vm *vm, int host_irq, unsigned int irq)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(host_irq);
	long g = shim_pt_live_virq(host_irq);

	if (dev && dev->forwarded && g >= 0 && (unsigned long)g != irq)
		return xk_unreachable("unreachable: a device forwarded to a "
				      "guest IRQ passed through to another",
				      irq);
	return false;
}

bool xk_xive_unpt_unreachable(struct xk_vm *vm, int host_irq,
			      unsigned int irq, bool live)
{
	struct kvmppc_passthru_irqmap *pimap = vm->kvm.arch.pimap;
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(host_irq);
	struct kvmppc_xive_src_block *sb;
	struct kvmppc_xive_irq_state *st;
	int i;
	u16 src;

	if (!vm->kvm.arch.xive || host_irq < 0 || !pimap)
		return false;
	/* kvmppc_clr_passthru_irq calls clr_mapped only for an entry */
	for (i = 0; i < pimap->n_mapped; i++)
		if (pimap->mapped[i].v_hwirq == irq)
			break;
	if (i == pimap->n_mapped)
		return false;
	if (!live && dev && dev->forwarded)
		return xk_unreachable("unreachable: unpassthru of a guest IRQ "
				      "no device is routed to, its stand-in "
				      "forwarded to another", irq);
	sb = kvmppc_xive_find_source(vm->kvm.arch.xive, irq, &src);
	st = sb ? &sb->irq_state[src] : NULL;
	/*
	 * A device routed to the guest IRQ but not the one mapped there:
	 * its passthru failed (MAP-BUSY), irqbypass never connected it and
	 * never calls kvmppc_clr_passthru_irq for it (the harness would
	 * release the mapped device in its name)
	 */
	if (live && dev && st && st->pt_number && st->pt_number != dev->hw)
		return xk_unreachable("unreachable: unpassthru of a device "
				      "whose passthru failed (never connected "
				      "by irqbypass)", irq);
	if (!st || st->pt_number ||
	    !(st->old_p || (st->ipi_data.eoi_mmio &&
			    shim_xive_pq(st->ipi_number) &
			    SHIM_XIVE_PQ_PENDING)))
		return false;
	/*
	 * A device still routed to a guest IRQ whose source is no longer
	 * mapped: its passthru failed (MAP-BUSY: another device had the
	 * guest IRQ), so irqbypass never connected it and never calls
	 * kvmppc_clr_passthru_irq for it
	 */
	return xk_unreachable(live ? "unreachable: unpassthru of a device "
			      "whose passthru failed, the source not mapped, "
			      "with P set (NULL pt_data)" :
			      "unreachable: unpassthru of a source "
			      "not mapped, with P set (NULL pt_data)", irq);
}

/*
 * Device @hw's MSI at CPU @cpu: the host moves its affinity there (not
 * while forwarded: Linux leaves KVM's route alone), then the device sends
 * it.  The result, in kvmppc_read_intr's terms, is what the routing entry
 * made of it: -2 a VCPU's queue (no host), 1 the host, 0 nowhere (masked).
 * A number of no device, and the XICS IPI (2), are the host's own: 1.
 */
static long xk_xive_msi(struct xk_vm *vm, unsigned int hw, int cpu)
{
	int virq;
	long r;

	if (!hw)
		return 0;
	virq = shim_pt_dev(hw, false);
	if (virq < 0) {
		if (hw == XICS_IPI)
			shim_host_take_ipi(cpu);
		return 1;
	}
	shim_xive_dev_set_affinity(virq, cpu);
	switch (shim_xive_dev_dest(virq)) {
	case SHIM_XIVE_TO_VP:
		r = -2;
		break;
	case SHIM_XIVE_TO_HOST:
		r = 1;
		break;
	default:
		r = 0;
		break;
	}
	shim_xive_dev_fire(virq);
	return r;
}

/*
 * `hwirq H cpu P [host-ipi] [then=H2]` on a XIVE host.  A host IPI is
 * taken by P at once, in the guest or not (the XIVE raises the host's
 * interrupt line: an exit), so it is a result of 1 and leaves nothing
 * flagged.  Results combine as kvmppc_read_intr's: the first non-zero
 * one, replaced by any larger one.
 */
int xk_hwirq(struct xk_vm *vm, unsigned int hw, int cpu, bool host_ipi,
	     unsigned int then_hw, long *ret, char *err, unsigned long errlen)
{
	long r, rc = 0;
	unsigned int i, h[2] = { hw, then_hw };

	if (cpu < 0 || cpu >= vm->m.nr_cpus || hw > 0xffffff ||
	    then_hw > 0xffffff)
		return -1;
	xk_on_cpu(vm, cpu);
	if (host_ipi) {
		smp_muxed_ipi_set_message(cpu, PPC_MSG_CALL_FUNCTION);
		kvmppc_set_host_ipi(cpu);
		shim_host_take_ipi(cpu);
		rc = 1;
	}
	for (i = 0; i < 2; i++) {
		r = xk_xive_msi(vm, h[i], cpu);
		if (r && (rc == 0 || r > rc))
			rc = r;
	}
	xk_host_done(vm);
	*ret = rc;
	return 0;
}

/* ROUTE-HOST-IPI on a XIVE host: taken at once by @cpu, as above */
int xk_host_ipi(struct xk_vm *vm, int cpu)
{
	if (cpu < 0 || cpu >= vm->m.nr_cpus)
		return -1;
	xk_on_cpu(vm, vm->host_cpu);
	smp_muxed_ipi_set_message(cpu, PPC_MSG_CALL_FUNCTION);
	kvmppc_set_host_ipi(cpu);
	xk_on_cpu(vm, cpu);
	shim_host_take_ipi(cpu);
	xk_host_done(vm);
	return 0;
}
