// SPDX-License-Identifier: GPL-2.0-only
/*
 * Save and restore of ICP and source state (spec/state.md), in the
 * layouts of KVM_REG_PPC_ICP_STATE and KVM_DEV_XICS_GRP_SOURCES.  Always
 * runs in the host (virtual context).
 */
#include <errno.h>

#include "model_internal.h"

#define ICP_CPPR_SHIFT		56
#define ICP_XISR_SHIFT		32
#define ICP_MFRR_SHIFT		24
#define ICP_PPRI_SHIFT		16

#define SRC_DEST_MASK		0xffffffffull
#define SRC_PRIO_SHIFT		32
#define SRC_LSI			(1ull << 40)
#define SRC_MASKED		(1ull << 41)
#define SRC_PENDING		(1ull << 42)
#define SRC_PRESENTED		(1ull << 43)
#define SRC_QUEUED		(1ull << 44)

static struct xr_icp *icp_of(struct xr_model *m, uint32_t vcpu)
{
	struct xr_vcpu *v = xr_vcpu_of(m, vcpu);

	return v && v->icp >= 0 ? &m->icp[v->icp] : NULL;
}

/* STATE-ICP-GET, STATE-ICP-NOICP (0 for a VCPU without an ICP) */
int64_t xr_get_icp_value(struct xr_model *m, uint32_t vcpu, uint64_t *value)
{
	struct xr_icp *icp;

	xr_step_begin(m, -1, false);
	icp = icp_of(m, vcpu);
	*value = 0;
	if (icp)
		*value = (uint64_t)icp->cppr << ICP_CPPR_SHIFT |
			 (uint64_t)icp->xisr << ICP_XISR_SHIFT |
			 (uint64_t)icp->mfrr << ICP_MFRR_SHIFT |
			 (uint64_t)icp->pprio << ICP_PPRI_SHIFT;
	/*
	 * DEV-XIVE-GET-ICP: XICS-on-XIVE keeps no XISR: it reports none,
	 * and no pending priority (0xff)
	 */
	if (icp && xr_quirk(m, XR_QUIRK_XIVE_GET_ICP))
		*value = (uint64_t)icp->cppr << ICP_CPPR_SHIFT |
			 (uint64_t)icp->mfrr << ICP_MFRR_SHIFT |
			 (uint64_t)XR_PRIO_MASKED << ICP_PPRI_SHIFT;
	xr_step_end(m);
	return 0;
}

/* STATE-ICP-VALID: the restored state must be one the ICP can be in */
static bool icp_value_valid(struct xr_model *m, uint8_t cppr, uint32_t xisr,
			    uint8_t mfrr, uint8_t ppri)
{
	if (xisr == XR_XISR_NONE)
		return ppri == XR_PRIO_MASKED;
	if (xisr == XR_XISR_IPI)
		return ppri == mfrr && ppri < cppr;
	return ppri < mfrr && ppri < cppr && xr_find_ics(m, xisr);
}

/*
 * DEV-XIVE-SET-ICP: kvmppc_xive_set_icp restores CPPR and MFRR as given
 * and checks nothing.  The XISR and pending priority of the value are
 * not kept: what is pending stays pending (in the XIVE's queues), an IPI
 * lives only as long as MFRR is more favoured than CPPR, and an MFRR
 * more favoured than CPPR sends the IPI again.  An XISR that names a
 * defined source triggers the ESB behind it once more, an LSI's as an
 * MSI's (its level stays, DEV-XIVE-LSI-EDGE; xive_restore_pending_irq
 * triggers the IPI data, which has no LSI flag).  An XISR naming no
 * defined source is kept for the set-source that defines it
 * (delayed_irq), which then restores it as PENDING.
 */
static void xive_set_icp(struct xr_model *m, struct xr_icp *icp,
			 uint8_t cppr, uint32_t xisr, uint8_t mfrr)
{
	struct xr_ics *ics = xisr > XR_XISR_IPI ? xr_find_ics(m, xisr) : NULL;
	struct xr_src *s = ics ? xr_src_at(ics, xisr) : NULL;
	uint32_t reject = 0;

	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER)) {
		xr_xive_set_icp(m, icp, cppr, mfrr);
		goto source;
	}
	icp->cppr = cppr;
	icp->mfrr = mfrr;
	if (icp->xisr == XR_XISR_IPI && !(mfrr < cppr)) {
		icp->xisr = XR_XISR_NONE;
		icp->pprio = XR_PRIO_MASKED;
	}
	if (mfrr < cppr && mfrr <= icp->pprio) {
		reject = icp->xisr;
		icp->xisr = XR_XISR_IPI;
		icp->pprio = mfrr;
	}
	xr_icp_update(m, icp, false);
	if (reject && reject != XR_XISR_IPI)
		xr_ics_deliver(m, icp, reject, false);
source:
	if (s && s->exists) {
		xr_ics_input(m, xisr, XR_IRQ_TRIGGER, xr_host_cpu(m));
	} else if (xisr > XR_XISR_IPI) {
		/* kept for the source's restore; counted even if replaced */
		icp->delayed_irq = xisr;
		m->delayed_irqs++;
	}
}

/* xive_check_delayed_irq: the first ICP that kept @irq lets it go */
static bool take_delayed_irq(struct xr_model *m, uint32_t irq)
{
	uint32_t i;

	if (!m->delayed_irqs)
		return false;
	for (i = 0; i < m->nr_icps; i++) {
		if (m->icp[i].delayed_irq == irq) {
			m->icp[i].delayed_irq = 0;
			m->delayed_irqs--;
			return true;
		}
	}
	return false;
}

/*
 * STATE-ICP-SET, STATE-ICP-NOICP: replace the state.  The line is
 * withdrawn and re-derived (ICP-LINE-CLEAR); a displaced XISR is not
 * rejected (user space restores the sources to match).  need_resend is
 * kept, unless the MFRR grows: then it is consumed by a resend, so that
 * sources restored before the ICP end up delivered.
 */
int64_t xr_set_icp_value(struct xr_model *m, uint32_t vcpu, uint64_t value)
{
	struct xr_icp *icp;
	uint8_t cppr = (uint8_t)(value >> ICP_CPPR_SHIFT);
	uint32_t xisr = (uint32_t)(value >> ICP_XISR_SHIFT) & XR_XISR_MASK;
	uint8_t mfrr = (uint8_t)(value >> ICP_MFRR_SHIFT);
	uint8_t ppri = (uint8_t)(value >> ICP_PPRI_SHIFT);
	bool resend = false;
	int64_t rc = 0;

	xr_step_begin(m, -1, false);
	icp = icp_of(m, vcpu);
	if (!icp) {
		rc = -ENOENT;
		goto out;
	}
	if (xr_quirk(m, XR_QUIRK_XIVE_SET_ICP)) {
		xive_set_icp(m, icp, cppr, xisr, mfrr);
		goto out;
	}
	if (!icp_value_valid(m, cppr, xisr, mfrr, ppri)) {
		rc = -EINVAL;
		goto out;
	}
	xr_line_clear_self(m, &m->vcpu[icp->vcpu]);
	if (mfrr > icp->mfrr) {
		resend = icp->need_resend;
		icp->need_resend = false;
	}
	icp->cppr = cppr;
	icp->xisr = xisr;
	icp->mfrr = mfrr;
	icp->pprio = ppri;
	xr_icp_update(m, icp, false);
	if (resend)
		xr_icp_check_resend(m, icp);
out:
	xr_step_end(m);
	return rc;
}

/*
 * STATE-SRC-GET: a defined source of an existing block, else -ENOENT;
 * FAULT-SRC-PUT-USER when the copy to the caller faults.
 */
/* Is @irq presented at an ICP, not yet accepted? */
static bool presented_at_icp(const struct xr_model *m, uint32_t irq)
{
	uint32_t i;

	for (i = 0; i < m->nr_icps; i++)
		if (m->icp[i].xisr == irq)
			return true;
	return false;
}

/* Is @irq waiting in a queue (XIVE) or at an ICP, not yet accepted? */
static bool in_queue(struct xr_model *m, uint32_t irq)
{
	return xr_quirk(m, XR_QUIRK_XIVE_PRESENTER) ? xr_xive_queued(m, irq) :
		presented_at_icp(m, irq);
}

#define SRC_FLAGS	(SRC_PENDING | SRC_PRESENTED | SRC_QUEUED)

/*
 * xive_get_source's flags for a source its save did not mask again, from
 * the P and Q it read (old_p, old_q): an LSI's P is PENDING; an MSI's P
 * and Q are PRESENTED and QUEUED, and it is PENDING when in a queue, or
 * when "prio == MASKED && saved_q" holds with prio replaced by the saved
 * priority (FINDING-XIVE-SAVE-MASKED-PENDING)
 */
static uint64_t masked_flags(struct xr_model *m, uint32_t irq,
			     const struct xr_src *s, bool old_p, bool old_q)
{
	uint64_t f = 0;

	if (s->lsi)
		return old_p ? SRC_PENDING : 0;
	if (old_p)
		f |= SRC_PRESENTED;
	if (old_q)
		f |= SRC_QUEUED;
	if (in_queue(m, irq) || (s->saved == XR_PRIO_MASKED && old_q))
		f |= SRC_PENDING;
	return f;
}

/* The value of source @s as STATE-SRC-GET reports it now */
static uint64_t source_value(struct xr_model *m, uint32_t irq,
			     const struct xr_src *s)
{
	uint64_t val, prio;
	bool p = s->pq & XR_PQ_P;

	val = s->server;
	prio = s->prio;
	if (prio == XR_PRIO_MASKED) {
		val |= SRC_MASKED;
		prio = s->saved;
	}
	val |= prio << SRC_PRIO_SHIFT;
	/*
	 * DEV-XIVE-LSI-EDGE: an LSI's PENDING is its ESB's P (the P it had
	 * when masked), not its level
	 */
	if (s->lsi && xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE))
		p = (s->pq & XR_PQ_P) && !s->masked_pending;
	if (s->lsi) {
		val |= SRC_LSI;
		if (p)
			val |= SRC_PENDING;
	} else if (s->masked_pending || s->resend) {
		val |= SRC_PENDING;
	}
	if (s->pq & XR_PQ_P)
		val |= SRC_PRESENTED;
	if (s->pq & XR_PQ_Q)
		val |= SRC_QUEUED;
	/*
	 * DEV-XIVE-GET-SOURCE: xive_get_source reports an LSI's P as
	 * PENDING only, and an MSI still in a queue (presented, not yet
	 * accepted) as PENDING as well as PRESENTED
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_GET_SOURCE)) {
		if (s->lsi)
			val &= ~(SRC_PRESENTED | SRC_QUEUED);
		else if (in_queue(m, irq))
			val |= SRC_PENDING;
	}
	/*
	 * DEV-XIVE-SAVE-MASKED (FINDING-XIVE-SAVE-MASKED-PENDING): a masked
	 * MSI reports the P and Q it had when masked (old_p, old_q), and
	 * its PENDING tests the saved priority in place of the mask
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_SAVE_MASKED) && !s->lsi &&
	    s->prio == XR_PRIO_MASKED)
		val = (val & ~SRC_FLAGS) |
		      masked_flags(m, irq, s, (s->pq & XR_PQ_P) &&
					      !s->masked_pending, s->old_q);
	/*
	 * DEV-XIVE-BARE-MASK: its guest priority says masked, so the save
	 * does not mask it again and reads the P and Q it was restored with
	 */
	if (s->esb_open && s->prio == XR_PRIO_MASKED)
		val = (val & ~SRC_FLAGS) |
		      masked_flags(m, irq, s, s->old_p, s->old_q);
	return val;
}


/*
 * DEV-XIVE-SAVE-SNAPSHOT: the first read of a save (xive_pre_save_scan)
 * records every source's priority and flags; each read converts that
 * record, with the server, saved priority and kind of now, until as many
 * reads as there are sources end the save.
 */
static void save_scan(struct xr_model *m)
{
	uint32_t b, i, n;

	for (b = 0; b < m->nr_blocks; b++) {
		struct xr_ics *ics = m->ics[b];

		for (i = 0; i < XR_IRQS_PER_ICS; i++) {
			struct xr_src *s = &ics->src[i];
			uint32_t irq = ics->icsid << XR_ICS_SHIFT | i;
			struct xr_src other = *s;

			if (!s->exists)
				continue;
			s = xr_src_at(ics, i);
			other.lsi = !s->lsi;
			s->snap_prio = s->prio;
			s->snap_in_queue = in_queue(m, irq);
			s->snap_flags[s->lsi] = source_value(m, irq, s) &
						SRC_FLAGS;
			s->snap_flags[!s->lsi] = source_value(m, irq, &other) &
						 SRC_FLAGS;
			/*
			 * xive_pre_save_set_queued: "Interrupt ... is marked
			 * in a queue but P not set !"
			 */
			if (!xr_quirk(m, XR_QUIRK_XIVE_PRESENTER) ||
			    (s->snap_flags[s->lsi] & (s->lsi ? SRC_PENDING :
						      SRC_PRESENTED)))
				continue;
			/* once for every entry the scan reads */
			for (n = xr_xive_queued(m, irq); n; n--)
				xr_emit(m, XR_EV_LOG, 0, 0);
		}
	}
}

static uint64_t saved_value(struct xr_model *m, const struct xr_src *s)
{
	uint64_t val = s->server, prio = s->snap_prio, flags;

	if (prio == XR_PRIO_MASKED) {
		val |= SRC_MASKED;
		prio = s->saved;
	}
	val |= prio << SRC_PRIO_SHIFT;
	if (s->lsi)
		val |= SRC_LSI;
	flags = s->snap_flags[s->lsi];
	/*
	 * DEV-XIVE-SAVE-MASKED: the test "prio == MASKED && saved_q" of a
	 * source masked at the snapshot reads the saved priority of now
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_SAVE_MASKED) && !s->lsi &&
	    s->snap_prio == XR_PRIO_MASKED) {
		flags &= ~SRC_PENDING;
		if (s->snap_in_queue ||
		    (s->saved == XR_PRIO_MASKED && (flags & SRC_QUEUED)))
			flags |= SRC_PENDING;
	}
	return val | flags;
}

int64_t xr_get_source_value(struct xr_model *m, uint32_t irq,
			    uint64_t *value)
{
	struct xr_ics *ics;
	struct xr_src *s;
	uint64_t val;
	int64_t rc = -ENOENT;

	xr_step_begin(m, -1, false);
	*value = 0;
	ics = xr_find_ics(m, irq);
	if (!ics || !ics->src[irq & (XR_IRQS_PER_ICS - 1)].exists)
		goto out;
	s = xr_src_at(ics, irq);
	if (xr_quirk(m, XR_QUIRK_XIVE_SAVE_SNAPSHOT)) {
		if (m->saved_src_count == 0)
			save_scan(m);
		m->saved_src_count++;
		val = saved_value(m, s);
		if (m->saved_src_count == m->src_count)
			m->saved_src_count = 0;
	} else {
		val = source_value(m, irq, s);
	}
	/* FAULT-SRC-PUT-USER: the copy out faults, the buffer stays as it was */
	if (xr_fault(m, XR_FAULT_PUT_USER)) {
		rc = -EFAULT;
		goto out;
	}
	*value = val;
	rc = 0;
out:
	xr_step_end(m);
	return rc;
}

/*
 * DEV-XIVE-ROUTING, set-source (xive_set_source): no server is checked.
 * The source is routed when its priority is unmasked and the server has
 * an ICP; otherwise it is left unrouted, with the server it had (0 for a
 * new one) and its routing entry as it was: one routed before still
 * sends its events there, at the old priority, once unmasked
 * (FINDING-XIVE-SETSOURCE-STALE-ROUTE).  Its priority is restored either
 * way.  PENDING becomes Q
 * without P (the unmask then delivers it, once), PRESENTED without
 * PENDING is P; for an LSI, PENDING is its asserted level.
 */
static void xive_set_source(struct xr_model *m, struct xr_ics *ics,
			    struct xr_src *s, uint32_t irq, uint32_t server,
			    uint8_t prio, uint64_t value)
{
	bool masked;
	/* DEV-XIVE-LSI-EDGE: an LSI's P and Q are restored as an MSI's */
	bool esb_pq = !(value & SRC_LSI) ||
		      xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE);

	/* DEV-XIVE-PRESENTER: queues for the priority, on every VCPU */
	xr_xive_provision(m, xr_guest_prio(m, prio));
	/* DEV-XIVE-SET-ICP: an XISR restored before the source is PENDING */
	if (xr_quirk(m, XR_QUIRK_XIVE_SET_ICP) && take_delayed_irq(m, irq))
		value |= SRC_PENDING;
	masked = value & SRC_MASKED;
	s->routed = false;
	if (prio != XR_PRIO_MASKED && xr_find_server(m, server))
		xr_xive_route(s, server, xr_guest_prio(m, prio));
	s->saved = prio;
	s->prio = masked ? XR_PRIO_MASKED : prio;
	xr_ics_set_resend(ics, s, false);
	s->masked_pending = false;
	s->lsi = value & SRC_LSI;
	/*
	 * DEV-XIVE-BARE-MASK: priority 0xff without MASKED is "unmasked" to
	 * priority 0xff: xive_finish_unmask opens the ESB
	 */
	s->esb_open = xr_quirk(m, XR_QUIRK_XIVE_BARE_MASK) && !masked &&
		      prio == XR_PRIO_MASKED;
	s->level = s->lsi && (value & SRC_PENDING);
	s->old_q = value & (SRC_QUEUED | SRC_PENDING);
	s->old_p = (value & SRC_PRESENTED) && !(value & SRC_PENDING);
	s->pq = 0;
	if (value & SRC_PRESENTED && !(value & SRC_PENDING))
		s->pq |= XR_PQ_P;
	if (esb_pq && value & (SRC_QUEUED | SRC_PENDING))
		s->pq |= XR_PQ_Q;
	if (!esb_pq && value & SRC_PENDING)
		s->pq |= XR_PQ_P;
	if (!s->exists)
		m->src_count++;
	s->exists = true;
	/*
	 * masked, Q without P is held for the unmask, which delivers it:
	 * XICS's masked-pending (with P)
	 */
	if (masked && esb_pq && s->pq == XR_PQ_Q) {
		s->pq = XR_PQ_P;
		s->masked_pending = true;
	}
	if (masked || !esb_pq)
		return;
	/* the unmask: Q without P is an EOI that re-triggers */
	if (s->pq == XR_PQ_Q) {
		s->pq = XR_PQ_P;
		xr_ics_deliver(m, NULL, irq, false);
	}
}

/*
 * STATE-SRC-SET: IRQ 16..NR_IRQS-1; the ICS block is created first (and
 * stays even if the rest fails); an unmasked priority needs a server with
 * an ICP; the flags are loaded and a PENDING source is delivered.
 * FAULT-ICS-ALLOC and FAULT-SRC-GET-USER: the block's allocation or the
 * copy from the caller fails.
 */
int64_t xr_set_source_value(struct xr_model *m, uint32_t irq, uint64_t value)
{
	uint32_t server = (uint32_t)(value & SRC_DEST_MASK);
	uint8_t prio = (uint8_t)(value >> SRC_PRIO_SHIFT);
	struct xr_ics *ics;
	struct xr_src *s;
	int64_t rc = 0;

	xr_step_begin(m, -1, false);
	if (irq < XR_FIRST_IRQ || irq >= XR_NR_IRQS) {
		rc = -ENOENT;
		goto out;
	}
	ics = xr_create_ics(m, irq);
	if (!ics) {
		rc = -ENOMEM;
		goto out;
	}
	/* FAULT-SRC-GET-USER: the value is read after the block exists */
	if (xr_fault(m, XR_FAULT_GET_USER)) {
		rc = -EFAULT;
		goto out;
	}
	s = xr_src_at(ics, irq);
	if (xr_quirk(m, XR_QUIRK_XIVE_ROUTING)) {
		xive_set_source(m, ics, s, irq, server, prio, value);
		goto out;
	}
	if (prio != XR_PRIO_MASKED && !xr_find_server(m, server)) {
		rc = -EINVAL;
		goto out;
	}
	s->server = server;
	s->saved = prio;
	s->prio = value & SRC_MASKED ? XR_PRIO_MASKED : prio;
	xr_ics_set_resend(ics, s, false);
	s->masked_pending = false;
	s->lsi = value & SRC_LSI;
	s->pq = 0;
	/* PENDING implies P: older user space did not save P */
	if (value & (SRC_PRESENTED | SRC_PENDING))
		s->pq |= XR_PQ_P;
	if (value & SRC_QUEUED)
		s->pq |= XR_PQ_Q;
	if (!s->exists)
		m->src_count++;
	s->exists = true;
	if (value & SRC_PENDING)
		xr_ics_deliver(m, NULL, irq, false);
out:
	xr_step_end(m);
	return rc;
}
