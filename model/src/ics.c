// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ICS (spec/ics.md): sources with their P/Q bits, delivery to the
 * server's ICP with reject and resend, and the ICS side of EOI.
 */
#include <errno.h>

#include "model_internal.h"

#define SRC_MASK	(XR_IRQS_PER_ICS - 1)

void xr_ics_set_resend(struct xr_ics *ics, struct xr_src *s, bool on)
{
	uint32_t i = (uint32_t)(s - ics->src);

	s->resend = on;
	if (on)
		ics->resend_bits[i / 64] |= 1ull << (i % 64);
	else
		ics->resend_bits[i / 64] &= ~(1ull << (i % 64));
}

/*
 * Deliver @irq (a new interrupt, a rejected one, or a resend when
 * @check_resend) to its server.  Delivery does not look at "exists": the
 * kernel delivers any source of an existing block that reaches here.
 */
void xr_ics_deliver(struct xr_model *m, struct xr_icp *icp, uint32_t irq,
		    bool check_resend)
{
	struct xr_ics *ics;
	struct xr_src *s;
	uint32_t reject;
	uint8_t prio;

again:
	ics = xr_find_ics(m, irq);
	if (!ics)
		return;
	s = xr_src_at(ics, irq);

	prio = xr_guest_prio(m, s->prio);
	if (xr_quirk(m, XR_QUIRK_XIVE_ROUTING)) {
		/*
		 * DEV-XIVE-ROUTING: a masked source's ESB holds the trigger,
		 * whatever its route
		 */
		if (s->prio == XR_PRIO_MASKED && !s->esb_open) {
			s->masked_pending = true;
			return;
		}
		/*
		 * The event goes where the routing entry sends it, at its
		 * priority; one never routed drops it (P left set, nothing
		 * logged)
		 */
		icp = s->eas_valid ? xr_find_server(m, s->eas_server) : NULL;
		if (!icp)
			return;
		prio = s->eas_prio;
	}

	/* ICS-NO-SERVER: no ICP for the server, the source stays as it is */
	if (!icp || (s->server != icp->server &&
		     !xr_quirk(m, XR_QUIRK_XIVE_ROUTING))) {
		icp = xr_find_server(m, s->server);
		if (!icp) {
			/*
			 * ICS-NO-SERVER-LOG: the virtual-mode path says so in
			 * the host's log; real mode only counts it.
			 */
			if (!m->in_rm)
				xr_emit(m, XR_EV_LOG, 0, 0);
			return;
		}
	}
	if (check_resend && !s->resend)
		return;
	xr_ics_set_resend(ics, s, false);

	/*
	 * ICS-MASKED, ICS-MASKED-RESEND: a masked source remembers the
	 * interrupt, whether this is a first delivery or a resend.
	 */
	if (s->prio == XR_PRIO_MASKED && !s->esb_open) {
		s->masked_pending = true;
		return;
	}

	/* DEV-XIVE-PRESENTER: queued at the server, never refused */
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER)) {
		xr_xive_event(m, icp, irq, prio);
		return;
	}
	if (xr_icp_try_deliver(m, icp, irq, prio, &reject)) {
		/*
		 * ICS-REJECT, ICS-IPI-NO-REJECT: the displaced interrupt is
		 * delivered again; an IPI lives in the MFRR and needs none.
		 */
		if (reject && reject != XR_XISR_IPI) {
			irq = reject;
			check_resend = false;
			goto again;
		}
		return;
	}
	/* ICS-DELIVER-FAIL: wait for the ICP to ask for a resend */
	xr_ics_set_resend(ics, s, true);
	icp->resend_map[ics->icsid / 64] |= 1ull << (ics->icsid % 64);
}

/*
 * ICP-RESEND, on the ICS side: resend every flagged source, in ascending
 * order.  A delivery may flag another source: one further on is resent
 * in this same walk, one already passed waits, as in a walk over every
 * source that reads each flag when it gets there.
 */
void xr_ics_check_resend(struct xr_model *m, struct xr_ics *ics,
			 struct xr_icp *icp)
{
	int32_t i;

	for (i = xr_next_bit(ics->resend_bits, 0, XR_IRQS_PER_ICS); i >= 0;
	     i = xr_next_bit(ics->resend_bits, (uint32_t)i + 1,
			     XR_IRQS_PER_ICS))
		xr_ics_deliver(m, icp, ics->icsid << XR_ICS_SHIFT | (uint32_t)i,
			       true);
}

/*
 * RTAS-SET-XIVE, RTAS-INT-ON, RTAS-INT-OFF: write server and priorities;
 * unmasking a source that holds an interrupt (masked_pending or resend)
 * hands it back for delivery.  @prio is compared whole and stored as a
 * byte (DEV-RTAS-PRIO-WIDE decides whether a wide value gets here).
 */
bool xr_ics_write_xive(struct xr_ics *ics, struct xr_src *s, uint32_t server,
		       uint32_t prio, uint32_t saved)
{
	s->server = server;
	/*
	 * DEV-XIVE-BARE-MASK: the unmask of a source restored with a bare
	 * 0xff runs xive_finish_unmask on the P and Q it was restored with:
	 * Q is set again, and without P the EOI re-triggers it
	 */
	if (s->esb_open && (uint8_t)prio != XR_PRIO_MASKED) {
		s->esb_open = false;
		s->server = server;
		s->prio = (uint8_t)prio;
		s->saved = (uint8_t)saved;
		if (s->old_q)
			s->pq |= XR_PQ_Q;
		if (s->old_p)
			return false;
		s->pq >>= 1;
		return s->pq & XR_PQ_P;
	}
	/*
	 * DEV-XIVE-SAVE-MASKED, DEV-XIVE-PT-MAP-STATE: masking keeps the P
	 * and Q it had (xive_lock_and_mask's old_p, old_q)
	 */
	if (s->prio != XR_PRIO_MASKED && (uint8_t)prio == XR_PRIO_MASKED) {
		s->old_p = (s->pq & XR_PQ_P) && !s->masked_pending;
		s->old_q = s->pq & XR_PQ_Q;
	}
	s->prio = (uint8_t)prio;
	s->saved = (uint8_t)saved;
	if ((s->masked_pending || s->resend) && prio != XR_PRIO_MASKED) {
		s->masked_pending = false;
		xr_ics_set_resend(ics, s, false);
		return true;
	}
	return false;
}

/*
 * ICP-EOI-ICS, ICS-EOI-MSI, ICS-EOI-LSI: the ICS side of H_EOI.  An MSI
 * shifts Q into P; an LSI keeps P while its input is high.  P still set
 * presents the interrupt again.  The ack notifiers learn of every EOI
 * that reaches an ICS block.  No ICS block: H_PARAMETER, except on the
 * kernel's real-mode path (DEV-RM-EOI-NOICS).
 */
int64_t xr_ics_eoi(struct xr_model *m, struct xr_icp *caller, uint32_t irq)
{
	struct xr_ics *ics = xr_find_ics(m, irq);
	struct xr_src *s;
	bool held;
	bool xive_lsi;

	if (!ics) {
		if (m->in_rm && xr_quirk(m, XR_QUIRK_RM_EOI_NOICS))
			return XR_H_SUCCESS;
		return XR_H_PARAMETER;
	}
	s = xr_src_at(ics, irq);
	/*
	 * DEV-XIVE-MASKED-HELD: an EOI while masked ends the interrupt in
	 * flight (old_p); a trigger held for the unmask stays held
	 */
	held = xr_quirk(m, XR_QUIRK_XIVE_MASKED_HELD) &&
	       s->prio == XR_PRIO_MASKED && s->masked_pending;
	/*
	 * DEV-XIVE-BARE-MASK: H_EOI takes the masked branch (old_p cleared)
	 * and never EOIs the open ESB: its P stays
	 */
	if (s->esb_open && s->prio == XR_PRIO_MASKED) {
		s->old_p = false;
		xr_notify_ack(m, irq);
		return XR_H_SUCCESS;
	}
	/*
	 * DEV-XIVE-PT-LSI (without DEV-XIVE-LSI-EDGE's ESB for every LSI): a
	 * passed-through LSI's ESB is the device's MSI, EOId as one; a level
	 * high at the mapping triggers it again
	 */
	xive_lsi = s->lsi && s->host_irq &&
		   xr_quirk(m, XR_QUIRK_XIVE_PT_LSI) &&
		   !xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE);
	/* the masked branch of H_EOI clears old_p */
	if (s->prio == XR_PRIO_MASKED)
		s->old_p = false;
	if (!held && (!s->lsi || xive_lsi ||
		      xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE)))
		s->pq >>= 1;
	/* real mode starts the server lookup afresh; same result */
	if (s->pq & XR_PQ_P)
		xr_ics_deliver(m, m->in_rm ? NULL : caller, irq, false);
	/*
	 * DEV-XIVE-LSI-EDGE: the ESB's EOI re-triggers on Q only; KVM looks
	 * at the level after it, and only when the source is unmasked
	 */
	if (s->lsi && xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE) && s->level &&
	    s->prio != XR_PRIO_MASKED)
		xr_src_trigger(m, irq, s);
	if (xive_lsi && s->level) {
		s->pq = ((s->pq << 1) & 3) | XR_PQ_P;
		if (s->pq == XR_PQ_P)
			xr_ics_deliver(m, NULL, irq, false);
	}
	xr_notify_ack(m, irq);
	if (m->in_rm)
		xr_pt_eoi(m, s);	/* PT-RETARGET */
	return XR_H_SUCCESS;
}

/*
 * ICS-MSI-PQ: a trigger shifts P into Q and sets P; only the transition
 * to P=1, Q=0 presents.
 */
void xr_src_trigger(struct xr_model *m, uint32_t irq, struct xr_src *s)
{
	/*
	 * DEV-XIVE-MASKED-HELD: a masked source holds one trigger in
	 * its ESB's Q; a second one while nothing is in flight is merged
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_MASKED_HELD) &&
	    s->prio == XR_PRIO_MASKED && s->masked_pending)
		return;
	s->pq = ((s->pq << 1) & 3) | XR_PQ_P;
	if (s->pq == XR_PQ_P)
		xr_ics_deliver(m, NULL, irq, false);
}

/*
 * ICS-INPUT-RAW: a level as KVM passes it.  Its three codes say what
 * they say (KVM_INTERRUPT_SET and _SET_LEVEL high, _UNSET low); of any
 * other value only whether it is 0 counts, as irqfd's 1 and 0 do.
 */
enum xr_irq_input xr_irq_raw_input(int32_t level)
{
	return level == 0 || level == XR_KVM_INTERRUPT_UNSET ?
		XR_IRQ_OFF : XR_IRQ_ON;
}

/*
 * DEV-XIVE-LSI-RAW-LEVEL: kvmppc_xive_set_irq asserts only on 1 and
 * KVM_INTERRUPT_SET_LEVEL; any other high value triggers alone.
 */
enum xr_irq_input xr_irq_raw_input_of(const struct xr_model *m,
				      int32_t level)
{
	if (!xr_quirk(m, XR_QUIRK_XIVE_LSI_RAW_LEVEL) || level == 1 ||
	    level == XR_KVM_INTERRUPT_SET_LEVEL)
		return xr_irq_raw_input(level);
	return xr_irq_raw_input(level) == XR_IRQ_OFF ? XR_IRQ_OFF :
		XR_IRQ_TRIGGER;
}

/*
 * ICS-MSI-PQ, ICS-MSI-OFF, ICS-LSI-LEVEL, ICS-UNDEFINED: input from the
 * host side.  "pulse" is one assertion (level 1) for both kinds.
 */
int64_t xr_ics_input(struct xr_model *m, uint32_t irq, enum xr_irq_input in,
		     int32_t cpu)
{
	struct xr_ics *ics;
	struct xr_src *s;
	bool level = in != XR_IRQ_OFF;
	int64_t rc = 0;

	/*
	 * ICS-INPUT-NO-XICS: without the device KVM has nowhere to look the
	 * IRQ up; the host is told so before anything else.
	 */
	if (m->setup.no_xics)
		return -ENODEV;
	ics = xr_find_ics(m, irq);
	/*
	 * ICS-INPUT-NO-BLOCK, ICS-UNDEFINED: an IRQ of no block and an
	 * undefined source are refused alike, and nothing changes.
	 */
	if (!ics || !ics->src[irq & SRC_MASK].exists) {
		rc = -EINVAL;
		goto out;
	}
	s = xr_src_at(ics, irq);
	/*
	 * DEV-XIVE-PT-INPUT: kvmppc_xive_set_irq allows no trigger of a
	 * passed-through source, at any level
	 */
	if (s->host_irq && xr_quirk(m, XR_QUIRK_XIVE_PT_INPUT)) {
		rc = -EINVAL;
		goto out;
	}
	/* DEV-XIVE-LSI-RAW-LEVEL: "pulse" is KVM_INTERRUPT_SET, a trigger */
	if (in == XR_IRQ_PULSE && xr_quirk(m, XR_QUIRK_XIVE_LSI_RAW_LEVEL))
		in = XR_IRQ_TRIGGER;
	if (s->lsi && xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE)) {
		/* DEV-XIVE-LSI-EDGE: a level low only lowers the level */
		if (in != XR_IRQ_TRIGGER)
			s->level = level;
		if (!level)
			goto out;
		xr_src_trigger(m, irq, s);
	} else if (s->lsi) {
		if (level && (s->pq & XR_PQ_P))
			goto out;
		s->pq = level ? XR_PQ_P : 0;
		if (s->pq == XR_PQ_P)
			xr_ics_deliver(m, NULL, irq, false);
	} else {
		if (!level)
			goto out;
		xr_src_trigger(m, irq, s);
	}
	/* PT-INTR-CPU: the host path records where it arrived */
	xr_pt_arrived(m, s, cpu);
out:
	return rc;
}

/* The host side runs the input on its CPU (xr_host_cpu) */
int64_t xr_irq_input(struct xr_model *m, uint32_t irq, enum xr_irq_input in)
{
	return xr_irq_input_on(m, irq, in, xr_host_cpu(m));
}

int64_t xr_irq_input_on(struct xr_model *m, uint32_t irq,
			enum xr_irq_input in, int32_t cpu)
{
	int64_t rc;

	xr_step_begin(m, -1, false);
	rc = xr_ics_input(m, irq, in, cpu);
	xr_step_end(m);
	return rc;
}
