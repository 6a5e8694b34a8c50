// SPDX-License-Identifier: GPL-2.0-only
/*
 * DEV-XIVE-PRESENTER (spec/deviations.md): how XICS-on-XIVE presents
 * interrupts to a VCPU, for the model to reproduce it exactly.  The XICS
 * presentation controller holds one interrupt (XISR) and rejects what is
 * displaced back to the ICS; the XIVE queues every event of a VCPU in an
 * event queue per priority, and book3s_xive.c builds the XICS hcalls on
 * those queues: H_XIRR takes the most favoured queued entry (or the IPI,
 * synthesized from MFRR), nothing is ever rejected or resent, a CPPR
 * change leaves the queues alone (except for entries of sources routed
 * elsewhere meanwhile), and an MFRR change is signalled by a hardware
 * interrupt of the VCPU's own at priority 0.
 *
 * Two parts are kept per ICP: what the hardware holds (the thread's CPPR
 * register, its interrupt pending buffer, the signal's ESB and the
 * queues) and what the kernel keeps beside it (xc->pending, xc->hw_cppr).
 * The ICP's own cppr and mfrr are xc->cppr and xc->mfrr; its XISR,
 * pending priority and resend flag stay unused.  The guest's line is the
 * thread's exception: a pending priority more favoured than the CPPR
 * register (DEV-XIVE-LINE-OUTPUT reports it).
 */
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

#define XIVE_NR_PRIO	8	/* KVMPPC_XIVE_Q_COUNT */
#define XIVE_DUMMY	1	/* an entry taken out of a queue (XICS_DUMMY) */
#define PQ_P		2
#define PQ_Q		1

struct xive_queue {
	uint32_t *ent;
	uint32_t head;		/* next entry to read (q->idx) */
	uint32_t tail;		/* next entry the hardware writes */
	uint32_t cap;
};

struct xr_xive_vp {
	uint8_t tima_cppr;	/* the thread's CPPR register */
	uint8_t ipb;		/* the hardware's pending priorities, bit p */
	uint8_t ipi_pq;		/* the ESB of the MFRR-change signal */
	uint8_t hw_cppr;	/* xc->hw_cppr: the kernel's image of the CPPR */
	uint8_t pending;	/* xc->pending: priorities the kernel saw */
	struct xive_queue q[XIVE_NR_PRIO];
};

struct xr_xive {
	uint32_t cap;
	/* xive->qmap: priorities whose queues are provisioned */
	uint8_t qmap;
	struct xr_xive_vp *vp;	/* one per ICP, by index */
};

enum scan_type { SCAN_FETCH, SCAN_POLL, SCAN_EOI };

static uint8_t first_prio(uint8_t bits)
{
	return bits ? (uint8_t)__builtin_ctz(bits) : XR_PRIO_MASKED;
}

static uint8_t prio_bit(uint8_t prio)
{
	return (uint8_t)(1u << prio);
}

static struct xr_xive_vp *vp_of(struct xr_model *m, struct xr_icp *icp)
{
	return &m->xive->vp[icp - m->icp];
}

/*
 * A model built with the quirk gets the presenter state, cleared; its
 * queues' memory is kept across resets
 */
int xr_xive_build(struct xr_model *m)
{
	struct xr_xive *x = m->xive;
	uint32_t i, p;

	if (!xr_quirk(m, XR_QUIRK_XIVE_PRESENTER))
		return 0;
	if (!x) {
		x = calloc(1, sizeof(*x));
		if (!x)
			return -1;
		m->xive = x;
	}
	if (m->nr_icps > x->cap) {
		struct xr_xive_vp *vp = realloc(x->vp, m->nr_icps *
						sizeof(*vp));

		if (!vp)
			return -1;
		memset(vp + x->cap, 0, (m->nr_icps - x->cap) * sizeof(*vp));
		x->vp = vp;
		x->cap = m->nr_icps;
	}
	x->qmap = 0;
	for (i = 0; i < m->nr_icps; i++) {
		struct xr_xive_vp *vp = &x->vp[i];

		vp->tima_cppr = m->icp[i].cppr;
		vp->hw_cppr = m->icp[i].cppr;
		vp->ipb = 0;
		vp->ipi_pq = 0;
		vp->pending = 0;
		for (p = 0; p < XIVE_NR_PRIO; p++)
			vp->q[p].head = vp->q[p].tail = 0;
	}
	return 0;
}

void xr_xive_destroy(struct xr_model *m)
{
	struct xr_xive *x = m->xive;
	uint32_t i, p;

	if (!x)
		return;
	for (i = 0; i < x->cap; i++)
		for (p = 0; p < XIVE_NR_PRIO; p++)
			free(x->vp[i].q[p].ent);
	free(x->vp);
	free(x);
	m->xive = NULL;
}

/* xive_check_provisioning: a source is targeted at @prio (XIVE's) */
void xr_xive_provision(struct xr_model *m, uint8_t prio)
{
	if (m->xive && prio < XIVE_NR_PRIO)
		m->xive->qmap |= prio_bit(prio);
}

/* The thread's exception: its PIPR more favoured than its CPPR */
static void update_line(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);

	icp->out_ee = first_prio(vp->ipb) < vp->tima_cppr;
}

/*
 * The hardware writes an event into the VCPU's queue of @prio (if that
 * queue has a page) and notes the priority in the pending buffer
 */
static void hw_event(struct xr_model *m, struct xr_icp *icp, uint8_t prio,
		     uint32_t data)
{
	struct xr_xive_vp *vp = vp_of(m, icp);
	struct xive_queue *q = &vp->q[prio];

	if (m->xive->qmap & prio_bit(prio)) {
		if (q->tail == q->cap) {
			uint32_t cap = q->cap ? 2 * q->cap : 16;
			uint32_t *ent = realloc(q->ent, cap * sizeof(*ent));

			/* out of memory: the event is lost, say so */
			if (!ent) {
				xr_emit(m, XR_EV_WARN, 0, 0);
				return;
			}
			q->ent = ent;
			q->cap = cap;
		}
		q->ent[q->tail++] = data;
	}
	vp->ipb |= prio_bit(prio);
	update_line(m, icp);
}

/* A store to the signal's trigger page: the ESB's PQ machine */
static void ipi_trigger(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);

	if (vp->ipi_pq == 0) {
		vp->ipi_pq = PQ_P;
		hw_event(m, icp, 0, XR_XISR_IPI);
	} else {
		vp->ipi_pq |= PQ_Q;
	}
}

/* xive_vm_source_eoi of the signal: PQ to 00, trigger again if Q was set */
static void ipi_eoi(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);
	uint8_t old = vp->ipi_pq;

	vp->ipi_pq = 0;
	if (old & PQ_Q)
		ipi_trigger(m, icp);
}

/* ICS-DELIVER on XICS-on-XIVE: the source's event is queued, never refused */
void xr_xive_event(struct xr_model *m, struct xr_icp *icp, uint32_t irq,
		   uint8_t prio)
{
	if (prio >= XIVE_NR_PRIO)
		return;
	hw_event(m, icp, prio, irq);
}

/* The next entry of @q from @idx, 0 when there is none */
static uint32_t queue_read(const struct xr_model *m, uint8_t prio,
			   const struct xive_queue *q, uint32_t *idx)
{
	if (!(m->xive->qmap & prio_bit(prio)) || *idx >= q->tail)
		return 0;
	return q->ent[(*idx)++];
}

static void queue_consume(struct xive_queue *q, uint32_t idx)
{
	q->head = idx;
	if (q->head == q->tail)
		q->head = q->tail = 0;
}

/*
 * xive_vm_scan_interrupts: the most favoured queued interrupt below the
 * CPPR, or the IPI when the MFRR is as favoured or more.  Fetching
 * consumes what it passes, and EOIs the MFRR-change signal it finds;
 * polling changes nothing; both other kinds update xc->pending.
 */
static uint32_t scan(struct xr_model *m, struct xr_icp *icp, uint8_t pending,
		     enum scan_type type)
{
	struct xr_xive_vp *vp = vp_of(m, icp);
	uint32_t hirq = 0;
	uint8_t prio = XR_PRIO_MASKED;

	while ((icp->mfrr != XR_PRIO_MASKED || pending) && !hirq) {
		struct xive_queue *q;
		bool page;
		uint32_t idx;

		prio = first_prio(pending);
		if (prio >= icp->cppr || prio >= XIVE_NR_PRIO) {
			if (icp->mfrr < icp->cppr) {
				prio = icp->mfrr;
				hirq = XR_XISR_IPI;
			}
			break;
		}
		q = &vp->q[prio];
		idx = q->head;
		page = m->xive->qmap & prio_bit(prio);
		for (;;) {
			hirq = queue_read(m, prio, q, &idx);
			/*
			 * the signal of an MFRR change (an entry, or the bare
			 * priority 0 without a queue): skipped, and when
			 * fetching, EOId so that the next change signals
			 */
			if (hirq == XR_XISR_IPI || (prio == 0 && !page)) {
				if (type == SCAN_FETCH) {
					ipi_eoi(m, icp);
					queue_consume(q, idx);
					idx = q->head;
				}
				if (hirq)
					continue;
			}
			if (hirq != XIVE_DUMMY)
				break;
		}
		if (!hirq)
			pending &= (uint8_t)~prio_bit(prio);
		/* an MFRR as favoured or more wins over the queue */
		if (prio >= icp->mfrr && icp->mfrr < icp->cppr) {
			prio = icp->mfrr;
			hirq = XR_XISR_IPI;
			break;
		}
		if (type == SCAN_FETCH)
			queue_consume(q, idx);
	}
	if (type == SCAN_POLL)
		return hirq;
	vp->pending = pending;
	if (type == SCAN_EOI)
		return hirq;
	if (hirq)
		icp->cppr = prio;
	if (icp->cppr != vp->hw_cppr) {
		vp->hw_cppr = icp->cppr;
		vp->tima_cppr = icp->cppr;
	}
	return hirq;
}

/*
 * xive_vm_ack_pending: the hardware's acknowledge gives the most
 * favoured pending priority (and raises the CPPR register to it); the
 * kernel notes it in xc->pending and logs an ack that is not more
 * favoured than what it believed the CPPR was
 */
static void ack_pending(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);
	uint8_t prio = first_prio(vp->ipb);

	if (prio >= vp->tima_cppr)
		return;
	vp->ipb &= (uint8_t)~prio_bit(prio);
	vp->tima_cppr = prio;
	vp->pending |= prio_bit(prio);
	if (prio >= vp->hw_cppr)
		xr_emit(m, XR_EV_LOG, 0, 0);
	vp->hw_cppr = prio;
}

/* xive_vm_push_pending_to_hw: have the hardware signal what is pending */
static void push_pending(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);
	uint8_t pending = vp->pending;

	if (icp->mfrr != XR_PRIO_MASKED)
		pending |= icp->mfrr < XIVE_NR_PRIO ? prio_bit(icp->mfrr) :
			   0x80;
	if (pending)
		vp->ipb |= prio_bit(first_prio(pending));
}

static void store_cppr(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);

	vp->hw_cppr = icp->cppr;
	vp->tima_cppr = icp->cppr;
	update_line(m, icp);
}

/* H_XIRR, H_XIRR_X: the old CPPR and the interrupt taken, if any */
uint32_t xr_xive_h_xirr(struct xr_model *m, struct xr_icp *icp)
{
	uint8_t old_cppr;
	uint32_t hirq;

	ack_pending(m, icp);
	old_cppr = icp->cppr;
	hirq = scan(m, icp, vp_of(m, icp)->pending, SCAN_FETCH);
	update_line(m, icp);
	return hirq | (uint32_t)old_cppr << 24;
}

/*
 * xive_vm_scan_for_rerouted_irqs: when the CPPR becomes more favoured,
 * the queued entries it now hides that belong to a source routed to
 * another server since are replaced by the dummy, and the source is
 * triggered again (PQ set to 11, then EOI) towards its new route, even
 * when it has been masked since
 */
/*
 * The ESB's EOI with Q set sends the event to the routing entry: the
 * source's mask (its guest priority) is not looked at
 */
static void retrigger(struct xr_model *m, uint32_t irq, struct xr_src *s)
{
	struct xr_icp *to;

	if (!xr_quirk(m, XR_QUIRK_XIVE_ROUTING)) {
		xr_ics_deliver(m, NULL, irq, false);
		return;
	}
	to = s->eas_valid ? xr_find_server(m, s->eas_server) : NULL;
	if (to)
		xr_xive_event(m, to, irq, s->eas_prio);
}

/*
 * PQ set to 11 and EOId leaves the ESB at 10.  A masked source is read
 * through the P and Q it had when masked (old_p, old_q; XICS's view:
 * held = old_q, the ESB's Q being clear now), which stay as they were.
 */
static void rerouted_pq(struct xr_src *s)
{
	bool old_p, held;

	if (s->prio != XR_PRIO_MASKED || s->esb_open) {
		s->pq = XR_PQ_P;
		return;
	}
	old_p = (s->pq & XR_PQ_P) && !s->masked_pending;
	held = s->old_q;
	s->masked_pending = !old_p && held;
	s->pq = (old_p || held ? XR_PQ_P : 0) | (old_p && held ? XR_PQ_Q : 0);
}

static void take_out_rerouted(struct xr_model *m, struct xr_icp *icp)
{
	struct xr_xive_vp *vp = vp_of(m, icp);
	uint32_t prio, i;

	for (prio = icp->cppr; prio < XIVE_NR_PRIO; prio++) {
		struct xive_queue *q = &vp->q[prio];

		if (!(m->xive->qmap & prio_bit((uint8_t)prio)))
			continue;
		for (i = q->head; i < q->tail; i++) {
			uint32_t irq = q->ent[i];
			struct xr_ics *ics;
			struct xr_src *s;

			if (irq == XIVE_DUMMY || irq == XR_XISR_IPI)
				continue;
			ics = xr_find_ics(m, irq);
			if (!ics)
				continue;
			s = xr_src_at(ics, irq);
			if (s->server == icp->server)
				continue;
			q->ent[i] = XIVE_DUMMY;
			rerouted_pq(s);
			retrigger(m, irq, s);
		}
	}
}

/* H_CPPR: no reject; a less favoured CPPR has the hardware signal again */
void xr_xive_h_cppr(struct xr_model *m, struct xr_icp *icp, uint64_t cppr)
{
	uint8_t old_cppr = icp->cppr;

	icp->cppr = xr_guest_prio(m, (uint8_t)cppr);
	if (icp->cppr > old_cppr)
		push_pending(m, icp);
	else
		take_out_rerouted(m, icp);
	store_cppr(m, icp);
}

/*
 * H_EOI: the CPPR of the XIRR, the source's EOI (an IPI and XISR 0 have
 * none), then the kernel drops the priorities whose queues it finds
 * empty and has the hardware signal what is left
 */
int64_t xr_xive_h_eoi(struct xr_model *m, struct xr_icp *icp, uint64_t xirr)
{
	uint32_t irq = (uint32_t)xirr & XR_XISR_MASK;
	int64_t rc = XR_H_SUCCESS;

	icp->cppr = xr_guest_prio(m, (uint8_t)(xirr >> 24));
	if (irq != XR_XISR_IPI && irq != XR_XISR_NONE)
		rc = xr_ics_eoi(m, icp, irq);
	scan(m, icp, vp_of(m, icp)->pending, SCAN_EOI);
	push_pending(m, icp);
	store_cppr(m, icp);
	return rc;
}

/* H_IPI: the MFRR is written; it is signalled if @cmp beats the CPPR */
void xr_xive_h_ipi(struct xr_model *m, struct xr_icp *icp, uint64_t cmp,
		   uint8_t mfrr)
{
	icp->mfrr = mfrr;
	if (cmp < icp->cppr)
		ipi_trigger(m, icp);
}

/*
 * H_IPOLL: what H_XIRR would take, changing nothing.  For the caller
 * itself, the kernel's pending priorities and the thread's PIPR; for
 * another server, every priority.
 */
uint32_t xr_xive_h_ipoll(struct xr_model *m, struct xr_icp *caller,
			 struct xr_icp *icp, bool other)
{
	uint8_t pending = vp_of(m, caller)->pending;
	uint32_t hirq;

	/*
	 * "other" is the kernel's 64-bit server_num != server: a server
	 * whose low 32 bits are the caller's finds the caller, scanned as
	 * another VCPU
	 */
	if (other) {
		pending = 0xff;
	} else {
		uint8_t pipr = first_prio(vp_of(m, icp)->ipb);

		if (pipr < XIVE_NR_PRIO)
			pending |= prio_bit(pipr);
	}
	hirq = scan(m, icp, pending, SCAN_POLL);
	return hirq | (uint32_t)icp->cppr << 24;
}

/*
 * kvmppc_xive_set_icp: CPPR (the kernel's and the saved register) and
 * MFRR as given; an MFRR more favoured than the CPPR is signalled.  What
 * is queued stays queued (DEV-XIVE-SET-ICP says what the XISR does).
 */
void xr_xive_set_icp(struct xr_model *m, struct xr_icp *icp, uint8_t cppr,
		     uint8_t mfrr)
{
	icp->cppr = cppr;
	icp->mfrr = mfrr;
	store_cppr(m, icp);
	if (mfrr < cppr)
		ipi_trigger(m, icp);
}

/* Is @irq queued at some VCPU, not yet taken (xive_pre_save_scan)? */
uint32_t xr_xive_queued(struct xr_model *m, uint32_t irq)
{
	uint32_t i, p, e, n = 0;

	for (i = 0; i < m->nr_icps; i++)
		for (p = 0; p < XIVE_NR_PRIO; p++) {
			const struct xive_queue *q = &m->xive->vp[i].q[p];

			for (e = q->head; e < q->tail; e++)
				n += q->ent[e] == irq;
		}
	return n;
}
