// SPDX-License-Identifier: GPL-2.0-only
/*
 * The router: an event that passed its source's ESB is looked up in the
 * routing table (EAS), written into the END's queue, and notified to the
 * VP: to the thread that has it pushed (its OS ring), else into the VP's
 * backlog and, when the END escalates, through the escalation ESB to the
 * host.  The order of those steps is QEMU's xive_router_notify and
 * xive_router_end_notify (hw/intc/xive.c); what skiboot sets up in the
 * END (always notify, backlog on, the silent gather queue of single
 * escalation) is skiboot hw/xive.c opal_xive_set_queue_info and
 * xive_setup_silent_gather.
 */
#include <xr_shim/xive_hw.h>

/*
 * How many entries the kernel has not read yet: the writer is at
 * (end->idx, end->gen), the reader at (q->idx, q->toggle) and it reads
 * entries whose generation is not its toggle.
 */
static u32 shim_xive_unread(const struct shim_xive_end *end, u32 size)
{
	const struct xive_q *q = end->q;

	if (end->gen != q->toggle)
		return end->idx - q->idx;
	return end->idx + size - q->idx;
}

/*
 * Write one entry.  Hardware does not look at the reader: a full queue
 * overwrites its oldest unread entry.  The kernel sizes its queues so
 * that this never happens (XIVE_Q_GAP), so here it is reported.
 */
static void shim_xive_enqueue(struct shim_xive *x, struct shim_xive_end *end,
			      u32 data)
{
	u32 size = 1u << (end->order - 2);

	if (end->q && shim_xive_unread(end, size) >= size)
		shim_xive_bad_access("event queue overflow: an unread entry "
				     "is overwritten", (unsigned long)end->qpage);
	end->qpage[end->idx] = cpu_to_be32((u32)end->gen << 31 |
					   (data & 0x7fffffff));
	end->idx = (end->idx + 1) & (size - 1);
	if (!end->idx)
		end->gen ^= 1;
}

int shim_xive_presenter(struct shim_xive *x, u32 vp)
{
	int cpu;

	for (cpu = 0; cpu < x->nr_cpus; cpu++) {
		const u8 *w2 = &x->thr[cpu].os[TM_WORD2];
		u32 cam = (u32)w2[1] << 16 | (u32)w2[2] << 8 | w2[3];

		if ((w2[0] & 0x80) && cam == vp)
			return cpu;
	}
	return -1;
}

/*
 * Escalation: the END's ESe coalesces like a source ESB; an event that
 * passes it is the escalation interrupt's, which the host routes.
 */
static void shim_xive_escalate(struct shim_xive *x, struct shim_xive_vp *vp,
			       struct shim_xive_end *end)
{
	if (!end->escalate)
		return;
	if (end->uncond) {
		/* single escalation: straight to the gather END of prio 7 */
		end = &vp->end[SHIM_XIVE_GATHER_PRIO];
		if (!end->valid || !end->silent || !end->escalate) {
			x->dropped++;
			return;
		}
	}
	if (shim_xive_pq_trigger(&end->ese))
		shim_xive_esc_raise(x, end);
}

static void shim_xive_end_notify(struct shim_xive *x, struct shim_xive_vp *vp,
				 u8 prio, u32 data)
{
	struct shim_xive_end *end = &vp->end[prio];
	int cpu;

	if (!end->valid) {
		x->dropped++;
		return;
	}
	/* a gather END neither queues nor notifies: it only escalates */
	if (end->silent) {
		shim_xive_escalate(x, vp, end);
		return;
	}
	if (end->order)
		shim_xive_enqueue(x, end, data);
	/* skiboot sets "always notify": the ESn is not consulted */
	cpu = shim_xive_presenter(x, vp->id);
	if (cpu >= 0) {
		shim_xive_tima_notify(x, cpu, prio);
		return;
	}
	/* backlog: merged into the thread's IPB when the VP is pushed */
	vp->ipb |= shim_xive_prio_bit(prio);
	shim_xive_escalate(x, vp, end);
}

/*
 * A masked EAS (priority 0xff) drops the event: nothing is queued and
 * the source stays at P=1 (its trigger set it), so later events only set
 * Q until software sets PQ again.  The same for an END that is not
 * valid.  A device's entry may name a host thread instead of a VP while
 * the host owns the interrupt: the host takes it (xive_dev.c).
 */
void shim_xive_route(struct shim_xive *x, u32 girq)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_hw(x, girq);
	struct shim_xive_src *s = dev ? &dev->src : shim_xive_src(x, girq);
	struct shim_xive_vp *vp;

	if (!s || !s->used || s->prio == 0xff) {
		x->dropped++;
		return;
	}
	if (dev && dev->host_cpu >= 0) {
		shim_xive_dev_host(x, dev);
		return;
	}
	vp = shim_xive_vp(x, s->vp, false);
	if (!vp || s->prio >= SHIM_XIVE_NR_PRIO) {
		x->dropped++;
		return;
	}
	shim_xive_end_notify(x, vp, s->prio, s->data);
}
