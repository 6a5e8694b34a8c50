// SPDX-License-Identifier: GPL-2.0-only
/*
 * Real-mode acceleration of device interrupts (spec/map.md,
 * spec/readpath.md, spec/passthru.md).
 *
 * Three things live here:
 * - the host's passed-through devices: one per hardware number, each
 *   routed to a guest IRQ while "live" (between passthru and unpassthru);
 * - the flat map (MAP-*): an array that only grows, read without a lock
 *   by the real-mode interrupt handler, so an entry is invalidated
 *   (r_hwirq = 0) and never removed;
 * - the read path of a physical CPU (ROUTE-READ-*) and the real-mode
 *   delivery into the virtual ICS (PT-*), with the re-targeting done by a
 *   real-mode guest EOI (PT-RETARGET).
 * XICS-on-XIVE has no such read path: the DEV-XIVE-PT-* quirks at the end
 * of the file say what a POWER9 host does instead.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model_internal.h"

/* Host devices a scenario may create: the shim has the same capacity */
#define XR_PT_MAX_DEVS	(2 * XR_PIRQ_MAPPED)

struct xr_ptdev {
	uint32_t hw;		/* XICS hardware number (what XIRR returns) */
	uint32_t irq;		/* guest IRQ it is routed to */
	bool live;		/* routed: the host path delivers it */
	/*
	 * DEV-XIVE-PT-ROUTE only: forwarded to a VCPU by the XIVE
	 * (kvmppc_xive_set_mapped), to the source of guest IRQ fwd_irq
	 */
	bool fwd;
	uint32_t fwd_irq;
};

struct xr_pirq {
	uint32_t r_hwirq;	/* 0: invalidated */
	uint32_t v_hwirq;
};

struct xr_pt {
	uint32_t nr_devs;
	struct xr_ptdev dev[XR_PT_MAX_DEVS];
	bool allocated;		/* kvm->arch.pimap exists */
	uint32_t n_mapped;
	struct xr_pirq mapped[XR_PIRQ_MAPPED];
};

static struct xr_src *src_of(struct xr_model *m, uint32_t irq)
{
	struct xr_ics *ics = xr_find_ics(m, irq);

	return ics ? xr_src_at(ics, irq) : NULL;
}

/*
 * Host-side work (irq input, the host path of a device interrupt)
 * runs on the last CPU with no VCPU, or the last CPU when all run one.
 */
int32_t xr_host_cpu(const struct xr_model *m)
{
	int32_t cpu;

	for (cpu = (int32_t)m->nr_cpus - 1; cpu >= 0; cpu--) {
		uint32_t i;
		bool busy = false;

		for (i = 0; i < m->nr_vcpus; i++)
			if (m->vcpu[i].cpu == cpu)
				busy = true;
		if (!busy)
			return cpu;
	}
	return (int32_t)m->nr_cpus - 1;
}

/* PT-INTR-CPU: the host path records the CPU a passthrough irq came on */
void xr_pt_arrived(struct xr_model *m, struct xr_src *s, int32_t cpu)
{
	if (s->host_irq)
		s->intr_cpu = cpu;
}

/*
 * PT-RETARGET: a real-mode guest EOI of a passthrough interrupt that
 * last came through the host re-routes the physical interrupt to thread
 * 0 of the core doing the EOI, unless it arrived on that very CPU.
 * Only ics_rm_eoi does this: the virtual-mode EOI neither re-targets nor
 * resets intr_cpu (PT-RETARGET-VM), so ics.c calls this in real mode only.
 */
void xr_pt_eoi(struct xr_model *m, struct xr_src *s)
{
	int32_t cpu, first;

	if (!s->host_irq || s->intr_cpu == -1 || m->caller < 0)
		return;
	cpu = m->vcpu[m->caller].cpu;
	first = cpu - cpu % (int32_t)m->setup.threads;
	if (s->intr_cpu != first)
		/* FAULT-RETARGET: a failed opal_set_xive is ignored */
		if (!xr_fault(m, XR_FAULT_OPAL_SET_XIVE))
			xr_emit(m, XR_EV_RETARGET, s->host_irq,
				(uint32_t)first);
	s->intr_cpu = -1;
}

static struct xr_ptdev *dev_of_hw(struct xr_pt *pt, uint32_t hw)
{
	uint32_t i;

	for (i = 0; i < pt->nr_devs; i++)
		if (pt->dev[i].hw == hw)
			return &pt->dev[i];
	return NULL;
}

static void xive_set_mapped(struct xr_model *m, struct xr_ptdev *d,
			    struct xr_pirq *e, struct xr_src *s);
static void xive_clr_mapped(struct xr_model *m, struct xr_ptdev *d,
			    struct xr_src *s);

/* MAP-ADD, MAP-REUSE, MAP-BUSY, MAP-FULL, MAP-BYPASS-OFF, FAULT-MAP-ALLOC */
static int64_t map_add(struct xr_model *m, struct xr_ptdev *d, uint32_t irq)
{
	struct xr_pt *pt = m->pt;
	uint32_t hw = d->hw;
	struct xr_src *s;
	uint32_t i;

	if (!m->setup.bypass)
		return 1;
	/* FAULT-MAP-ALLOC: the first passthru allocates the map */
	if (!pt->allocated && xr_fault(m, XR_FAULT_ALLOC))
		return -ENOMEM;
	pt->allocated = true;
	for (i = 0; i < pt->n_mapped; i++) {
		if (pt->mapped[i].v_hwirq != irq)
			continue;
		if (pt->mapped[i].r_hwirq)
			return -EINVAL;
		break;
	}
	if (i == XR_PIRQ_MAPPED)
		return -EAGAIN;
	pt->mapped[i].v_hwirq = irq;
	pt->mapped[i].r_hwirq = hw;
	if (i == pt->n_mapped)
		pt->n_mapped++;
	/* PT-MAPPED: the source learns its hardware number */
	s = src_of(m, irq);
	xive_set_mapped(m, d, &pt->mapped[i], s);
	if (s) {
		s->host_irq = hw;
		s->intr_cpu = -1;
	}
	return 0;
}

/* A passthru: the device for @hw (created on first use) is routed */
static int64_t pt_add(struct xr_model *m, uint32_t hw, uint32_t irq)
{
	struct xr_pt *pt = m->pt;
	struct xr_ptdev *d = dev_of_hw(pt, hw);

	if (!d) {
		if (pt->nr_devs == XR_PT_MAX_DEVS)
			return -EIO;	/* no descriptor: irq_to_desc fails */
		d = &pt->dev[pt->nr_devs++];
		d->hw = hw;
	}
	d->irq = irq;
	d->live = true;
	return map_add(m, d, irq);
}

int64_t xr_passthru_add(struct xr_model *m, uint32_t hw, uint32_t irq)
{
	int64_t rc;

	xr_step_begin(m, -1, false);
	rc = pt_add(m, hw, irq);
	xr_step_end(m);
	return rc;
}

/* passthru-fill: @n entries hw+i -> irq+i, stopping at the first error */
int64_t xr_passthru_fill(struct xr_model *m, uint32_t hw, uint32_t irq,
			 uint32_t n)
{
	int64_t rc = 0;
	uint32_t i;

	xr_step_begin(m, -1, false);
	for (i = 0; i < n && !rc; i++)
		rc = pt_add(m, hw + i, irq + i);
	xr_step_end(m);
	return rc;
}

/* MAP-INVALIDATE, MAP-DEL-UNKNOWN, MAP-BYPASS-OFF */
int64_t xr_passthru_del(struct xr_model *m, uint32_t irq)
{
	struct xr_pt *pt = m->pt;
	struct xr_ptdev *d = NULL;
	struct xr_src *s;
	int64_t rc = 0;
	uint32_t i;

	xr_step_begin(m, -1, false);
	for (i = 0; i < pt->nr_devs && !d; i++)
		if (pt->dev[i].live && pt->dev[i].irq == irq)
			d = &pt->dev[i];
	if (d)
		d->live = false;
	else if (pt->nr_devs)
		d = &pt->dev[0];	/* the harness names some device */
	if (!m->setup.bypass)
		goto out;
	if (!d) {
		rc = -EIO;
		goto out;
	}
	if (!pt->allocated)
		goto out;
	for (i = 0; i < pt->n_mapped; i++)
		if (pt->mapped[i].v_hwirq == irq)
			break;
	if (i == pt->n_mapped) {
		rc = -ENODEV;
		goto out;
	}
	s = src_of(m, irq);
	/* DEV-XIVE-PT-NO-ICS: kvmppc_xive_clr_mapped's -EINVAL is returned */
	if (!s && xr_quirk(m, XR_QUIRK_XIVE_PT_NO_ICS))
		rc = -EINVAL;
	xive_clr_mapped(m, d, s);
	if (s)
		s->host_irq = 0;
	pt->mapped[i].r_hwirq = 0;	/* the array never shrinks */
out:
	xr_step_end(m);
	return rc;
}

/*
 * MAP-LOOKUP: the first entry with that hardware number.  MAP-ORDER: the
 * kernel reads this array without a lock; that is safe because entries
 * are never removed, v_hwirq never changes once set, and the writer
 * stores v_hwirq and desc, then a write barrier, then r_hwirq, while the
 * reader puts a read barrier after a match.  A sequential model cannot
 * show the ordering; it only keeps "found means complete".
 */
static struct xr_pirq *map_lookup(struct xr_pt *pt, uint32_t hw)
{
	uint32_t i;

	for (i = 0; i < pt->n_mapped; i++)
		if (pt->mapped[i].r_hwirq == hw)
			return &pt->mapped[i];
	return NULL;
}

/* For bench/bench_map.c and the unit tests: MAP-LOOKUP alone */
int64_t xr_map_lookup(struct xr_model *m, uint32_t hw)
{
	struct xr_pirq *e = map_lookup(m->pt, hw);

	return e ? (int64_t)e->v_hwirq : -1;
}

/*
 * ROUTE-READ-HOST-DELIVER: the host handles a routed device interrupt
 * through the VFIO irqfd: the guest IRQ is asserted on the CPU it came
 * in on (virtual mode, so PT-INTR-CPU records that CPU).
 */
static void host_deliver(struct xr_model *m, uint32_t hw, int32_t cpu)
{
	struct xr_ptdev *d = dev_of_hw(m->pt, hw);

	if (d && d->live)
		xr_ics_input(m, d->irq, XR_IRQ_PULSE, cpu);
}

/* The physical ICP of the CPU the read path runs on, for one step */
struct xr_read {
	uint32_t cpu;
	uint32_t pending[2];	/* presented, then queued behind it */
	bool host_ipi;
	uint32_t host_hw;	/* the interrupt left to the host, 0: none */
};

/* Reading the XIRR accepts the interrupt; the queued one is presented */
static uint32_t read_xirr(struct xr_read *r)
{
	uint32_t hw = r->pending[0];

	r->pending[0] = r->pending[1];
	r->pending[1] = 0;
	return hw;
}

/*
 * ROUTE-READ-AGAIN: OPAL's EOI (POWER9) says whether another interrupt
 * is pending; the POWER8 XIRR store returns nothing.
 */
static bool eoi_more(const struct xr_model *m, const struct xr_read *r)
{
	return m->setup.machine == XR_POWER9 && r->pending[0];
}

/*
 * FAULT-OPAL-EOI: POWER9 EOIs the XIRR through opal_int_eoi, whose
 * positive return is "another one is pending".  A failed call EOIs
 * nothing and does not read again.  POWER8 stores to the XIRR.
 */
static bool opal_eoi_failed(struct xr_model *m)
{
	return m->setup.machine == XR_POWER9 &&
	       xr_fault(m, XR_FAULT_OPAL_EOI);
}

/*
 * PT-DELIVER, PT-HW-EOI, PT-RESULT: kvmppc_deliver_irq_passthru, run in
 * real mode as if by VCPU @vi, the one loaded on the CPU: the target is
 * notified as by a real-mode hcall of that VCPU (ROUTE-PT-NOTIFY).
 * Returns the kernel's value: -2 handled, 2 host-complete.
 */
static int pt_deliver(struct xr_model *m, int32_t vi, const struct xr_pirq *e,
		      uint32_t hw, struct xr_read *r, bool *again)
{
	struct xr_src *s = src_of(m, e->v_hwirq);
	bool failed;

	m->caller = vi;
	m->in_rm = true;
	/* PT-NO-ICS: no block for the guest IRQ, no EOI either */
	if (!s)
		return 2;
	s->pq = ((s->pq << 1) & 3) | XR_PQ_P;
	if (s->pq == XR_PQ_P)
		xr_ics_deliver(m, NULL, e->v_hwirq, false);
	/*
	 * FAULT-PHB-EOI: a failed PHB EOI is recorded in a variable nobody
	 * reads; the XIRR is EOIed all the same.
	 */
	(void)xr_fault(m, XR_FAULT_PHB_EOI);
	/* FAULT-OPAL-EOI: a failed XIRR EOI reaches no ICP */
	failed = opal_eoi_failed(m);
	if (!failed)
		xr_emit(m, XR_EV_HW_EOI, hw, 0);
	*again = !failed && eoi_more(m, r);
	return m->rm_kick || m->rm_notify_eoi ? 2 : -2;
}

static int32_t vcpu_on(const struct xr_model *m, uint32_t cpu)
{
	uint32_t i;

	for (i = 0; i < m->nr_vcpus; i++)
		if (m->vcpu[i].cpu == (int32_t)cpu)
			return (int32_t)i;
	return -1;
}

/* ROUTE-READ-*: kvmppc_read_one_intr; the kernel's result value */
static int read_one(struct xr_model *m, struct xr_read *r, bool *again)
{
	struct xr_pirq *e;
	uint32_t hw;
	int32_t vi;

	/* ROUTE-READ-HOST-IPI: the host takes the CPU, XIRR unread */
	if (r->host_ipi) {
		r->host_hw = r->pending[0];
		return 1;
	}
	/* FAULT-READ-XIRR: OPAL could not read the XIRR: the host will */
	if (m->setup.machine == XR_POWER9 &&
	    xr_fault(m, XR_FAULT_OPAL_GET_XIRR)) {
		r->host_hw = r->pending[0];
		return 1;
	}
	hw = read_xirr(r);
	if (hw == XR_XISR_NONE)
		return 0;			/* ROUTE-READ-NONE */
	if (hw == XR_XISR_IPI) {
		/* ROUTE-READ-IPI, FAULT-OPAL-EOI */
		*again = !opal_eoi_failed(m) && eoi_more(m, r);
		return -1;
	}
	vi = vcpu_on(m, r->cpu);
	e = vi >= 0 && m->setup.bypass && m->pt->allocated ?
	    map_lookup(m->pt, hw) : NULL;
	if (!e) {
		/* ROUTE-READ-NO-VCPU ROUTE-READ-BYPASS-OFF ROUTE-READ-UNMAPPED */
		r->host_hw = hw;
		return 1;
	}
	return pt_deliver(m, vi, e, hw, r, again);	/* ROUTE-READ-MAPPED */
}

static enum xr_path path_of(int v)
{
	switch (v) {
	case 0: return XR_PATH_NONE;
	case 1: return XR_PATH_HOST;
	case 2: return XR_PATH_HOST_COMPLETE;
	case -1: return XR_PATH_GUEST_IPI;
	default: return XR_PATH_HANDLED;
	}
}

static int xive_hwirq(struct xr_model *m, uint32_t hw, uint32_t cpu,
		      bool host_ipi, uint32_t then_hw);

enum xr_path xr_hwirq_ex(struct xr_model *m, uint32_t hw, uint32_t cpu,
			 bool host_ipi, uint32_t then_hw)
{
	struct xr_read r = {
		.cpu = cpu, .pending = { hw, then_hw },
		.host_ipi = host_ipi || (cpu < XR_MAX_CPUS && m->host_ipi[cpu]),
	};
	bool again, rm;
	int ret = 0, rc;

	if (xr_quirk(m, XR_QUIRK_XIVE_PT_ROUTE)) {
		xr_step_begin(m, -1, false);
		ret = xive_hwirq(m, hw, cpu, host_ipi, then_hw);
		xr_step_end(m);
		return path_of(ret);
	}
	xr_step_begin(m, -1, false);
	/* ROUTE-READ-AGAIN: first non-zero result, replaced by a larger one */
	do {
		again = false;
		rc = read_one(m, &r, &again);
		if (rc && (ret == 0 || rc > ret))
			ret = rc;
	} while (again);
	/* ROUTE-HOST-IPI: an exit to the host takes a host IPI flagged here */
	if ((ret == 1 || ret == 2) && cpu < XR_MAX_CPUS)
		m->host_ipi[cpu] = false;
	/* what is still pending would be another exit, not this step */
	rm = m->in_rm;
	m->in_rm = false;
	/* interrupts are enabled before the exit is handled */
	if (r.host_hw && r.host_hw != XR_XISR_IPI)
		host_deliver(m, r.host_hw, (int32_t)cpu);
	/* ROUTE-READ-COMPLETE: the host finishes what real mode left */
	if (rm)
		xr_rm_complete(m);
	xr_step_end(m);
	return path_of(ret);
}

/*
 * ROUTE-HOST-IPI: the host sends physical CPU @cpu an IPI (a muxed host
 * message; kvmppc_set_host_ipi, then the XICS IPI).  A CPU in the host
 * takes it at once.  A CPU that runs a VCPU keeps host_ipi set in its
 * PACA until it next exits to the host: its read path returns 1 without
 * reading the XIRR (ROUTE-READ-HOST-IPI), or re-raises the IPI and
 * returns 1 if it took the physical IPI for a guest wake-up.
 */
void xr_host_ipi(struct xr_model *m, uint32_t cpu)
{
	xr_step_begin(m, -1, false);
	/* DEV-XIVE-PT-ROUTE: the XIVE's host IPI is taken at once */
	if (cpu < XR_MAX_CPUS && vcpu_on(m, cpu) >= 0 &&
	    !xr_quirk(m, XR_QUIRK_XIVE_PT_ROUTE))
		m->host_ipi[cpu] = true;
	xr_emit(m, XR_EV_IPI, cpu, 0);
	xr_step_end(m);
}

enum xr_path xr_hwirq(struct xr_model *m, uint32_t hw, uint32_t cpu)
{
	return xr_hwirq_ex(m, hw, cpu, false, 0);
}


/* A VCPU without an ICP on the CPU: the kernel would dereference NULL */
bool xr_hwirq_would_crash(const struct xr_model *m, uint32_t hw, uint32_t cpu)
{
	int32_t vi = vcpu_on(m, cpu);

	if (hw == XR_XISR_NONE || hw == XR_XISR_IPI)
		return false;	/* never looked up */
	/* DEV-XIVE-PT-ROUTE: a XIVE host reads no XIRR, looks nothing up */
	if (xr_quirk(m, XR_QUIRK_XIVE_PT_ROUTE))
		return false;
	if (vi < 0 || m->vcpu[vi].icp >= 0 || !m->setup.bypass ||
	    !m->pt->allocated)
		return false;
	return map_lookup(m->pt, hw) != NULL;
}

/*
 * DEV-XIVE-PT-MAP-STATE: what XICS-on-XIVE keeps of a source's P, Q and
 * masked-pending when kvmppc_xive_set_mapped switches it from its IPI to
 * the device's ESB: the P of an interrupt in flight, nothing else
 * ("old_p/old_q ... no longer relevant"), and nothing at all of a masked
 * source (xive_lock_and_mask returns early for it).
 */
static void xive_drop_at_map(struct xr_model *m, struct xr_src *s)
{
	if (!xr_quirk(m, XR_QUIRK_XIVE_PT_MAP_STATE))
		return;
	/*
	 * "Clear old_p/old_q as they are no longer relevant"; the device's
	 * ESB is masked as any masked source's (DEV-XIVE-BARE-MASK's open
	 * IPI ESB is turned off)
	 */
	s->old_p = false;
	s->old_q = false;
	s->esb_open = false;
	/*
	 * DEV-XIVE-ROUTING: the device's routing entry is made from the
	 * kernel's bookkeeping (act_server, act_priority), not copied from
	 * the IPI's: none for a source the kernel calls untargeted
	 */
	s->eas_valid = s->routed;
	if (s->prio == XR_PRIO_MASKED) {
		s->pq = 0;
		s->masked_pending = false;
	} else {
		s->pq &= XR_PQ_P;
	}
}

/*
 * ... and when kvmppc_xive_clr_mapped switches it back: a Q in the
 * device's ESB goes with the device to the host (the forced resend); of
 * a masked source, what arrived while masked sat in that ESB and goes
 * too, and the P and Q it had when it was masked stay.
 */
static void xive_drop_at_unmap(struct xr_model *m, struct xr_src *s)
{
	if (!xr_quirk(m, XR_QUIRK_XIVE_PT_MAP_STATE))
		return;
	/*
	 * the IPI's entry is made again from the bookkeeping too, and a
	 * masked source's IPI set to 10 (DEV-XIVE-BARE-MASK's open ESB is
	 * closed there)
	 */
	s->eas_valid = s->routed;
	s->esb_open = false;
	if (s->prio == XR_PRIO_MASKED) {
		/*
		 * what sat in the device's ESB goes with it; the IPI is read
		 * through the P and Q kept when the source was masked or
		 * restored (xive_lock_and_mask returns early for it)
		 */
		s->masked_pending = !s->old_p && s->old_q;
		s->pq = (s->old_p || s->old_q ? XR_PQ_P : 0) |
			(s->old_p && s->old_q ? XR_PQ_Q : 0);
	} else {
		s->pq &= XR_PQ_P;
	}
}

/*
 * kvmppc_xive_set_mapped, where the XICS back end only notes the number
 * (PT-MAPPED).  DEV-XIVE-PT-NO-ICS: with no source block for the guest
 * IRQ it fails, and kvmppc_set_passthru_irq invalidates the entry it has
 * just made (r_hwirq = 0) yet returns 0.  DEV-XIVE-PT-ROUTE: the device's
 * MSI is forwarded to the source's VCPU.
 */
static void xive_set_mapped(struct xr_model *m, struct xr_ptdev *d,
			    struct xr_pirq *e, struct xr_src *s)
{
	if (!s) {
		if (xr_quirk(m, XR_QUIRK_XIVE_PT_NO_ICS))
			e->r_hwirq = 0;
		return;
	}
	/*
	 * DEV-XIVE-PT-LSI: the level stays as it is now (the model's P, or
	 * the level DEV-XIVE-LSI-EDGE keeps)
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_PT_LSI) &&
	    !xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE))
		s->level = s->lsi && (s->pq & XR_PQ_P);
	xive_drop_at_map(m, s);
	if (xr_quirk(m, XR_QUIRK_XIVE_PT_ROUTE)) {
		d->fwd = true;
		d->fwd_irq = e->v_hwirq;
	}
}

/*
 * kvmppc_xive_clr_mapped: the device named gives its MSI back to the
 * host (irq_set_vcpu_affinity(host_irq, NULL)), whichever guest IRQ it
 * was forwarded to
 */
static void xive_clr_mapped(struct xr_model *m, struct xr_ptdev *d,
			    struct xr_src *s)
{
	if (!s)
		return;
	xive_drop_at_unmap(m, s);
	/*
	 * DEV-XIVE-PT-LSI: back on its IPI, the level is P again, Q clear
	 * (DEV-XIVE-LSI-EDGE: P and Q are the IPI's, the level stays)
	 */
	if (!xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE)) {
		if (s->lsi && s->host_irq &&
		    xr_quirk(m, XR_QUIRK_XIVE_PT_LSI))
			s->pq = s->level ? XR_PQ_P : 0;
		s->level = false;
	}
	if (d && xr_quirk(m, XR_QUIRK_XIVE_PT_ROUTE))
		d->fwd = false;
}

/*
 * DEV-XIVE-PT-ROUTE: device @hw's MSI on a XIVE host, in the kernel's
 * result values.  Forwarded, the XIVE puts it in the VCPU's queue, the
 * source's P/Q deciding as for any MSI (-2: no host); with the source
 * never routed its entry is masked and the event stops there (0).  A
 * device the host owns is the host's (1): VFIO's handler asserts its
 * guest IRQ through the irqfd, on the CPU it came in on.  Any other
 * number, the XICS IPI included, is the host's own (1).
 */
static int xive_msi(struct xr_model *m, uint32_t hw, uint32_t cpu)
{
	struct xr_ptdev *d;
	struct xr_src *s;

	if (hw == XR_XISR_NONE)
		return 0;
	d = dev_of_hw(m->pt, hw);
	if (!d)
		return 1;
	if (!d->fwd) {
		if (d->live)
			xr_ics_input(m, d->irq, XR_IRQ_PULSE, (int32_t)cpu);
		return 1;
	}
	s = src_of(m, d->fwd_irq);
	if (!s)
		return 0;
	/* the device's ESB, masked or not, as the IPI's would be */
	xr_src_trigger(m, d->fwd_irq, s);
	/*
	 * the route is DEV-XIVE-ROUTING's routing entry (the kernel copied
	 * the IPI's to the device); XICS's is the server's ICP
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_ROUTING))
		return s->eas_valid ? -2 : 0;
	return xr_find_server(m, s->server) ? -2 : 0;
}

/*
 * ... and the step: a host IPI is taken at once (1, nothing stays
 * flagged); results combine as kvmppc_read_intr's, which is what the
 * harness of kernel-xive reports
 */
static int xive_hwirq(struct xr_model *m, uint32_t hw, uint32_t cpu,
		      bool host_ipi, uint32_t then_hw)
{
	uint32_t h[2] = { hw, then_hw };
	int ret = host_ipi ? 1 : 0, rc, i;

	for (i = 0; i < 2; i++) {
		rc = xive_msi(m, h[i], cpu);
		if (rc && (ret == 0 || rc > ret))
			ret = rc;
	}
	return ret;
}

/*
 * No device and an unallocated map; a reset model clears the one it has,
 * as far as it was used (every entry past the counts is still zero), so
 * that it is byte for byte a new one without clearing 32 KB per run.
 */
static void pt_clear(struct xr_pt *pt)
{
	memset(pt->dev, 0, pt->nr_devs * sizeof(pt->dev[0]));
	memset(pt->mapped, 0, pt->n_mapped * sizeof(pt->mapped[0]));
	pt->nr_devs = 0;
	pt->n_mapped = 0;
	pt->allocated = false;
}

int xr_pt_create(struct xr_model *m, char *err, size_t errlen)
{
	uint32_t i;

	if (m->pt)
		pt_clear(m->pt);
	else
		m->pt = calloc(1, sizeof(*m->pt));
	if (!m->pt) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* the set-up's passthru lines, in order, as at run time */
	for (i = 0; i < m->setup.nr_passthru; i++)
		pt_add(m, m->setup.passthru[i].hw, m->setup.passthru[i].irq);
	return 0;
}

void xr_pt_destroy(struct xr_model *m)
{
	free(m->pt);
	m->pt = NULL;
}
