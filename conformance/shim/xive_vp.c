// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual processors and their event queues, as OPAL manages them for
 * KVM (skiboot hw/xive.c): VP blocks (opal_xive_alloc_vp_block), VP
 * enable with or without single escalation (opal_xive_set_vp_info,
 * xive_setup_silent_gather), queue configuration (opal_xive_get/
 * set_queue_info) and the kernel's wrappers around them
 * (arch/powerpc/sysdev/xive/native.c), whose effects on struct xive_q
 * are reproduced here: msk, idx, toggle, eoi_phys, esc_irq, and qpage set
 * last.
 */
#include <xr_shim/xive_hw.h>

static struct shim_xive_vp_block *shim_xive_block_of(struct shim_xive *x,
						     u32 id)
{
	int i;

	for (i = 0; i < SHIM_XIVE_VP_BLOCKS; i++)
		if (x->blk[i].count && id >= x->blk[i].base &&
		    id - x->blk[i].base < x->blk[i].count)
			return &x->blk[i];
	return NULL;
}

/* An END just out of reset (skiboot xive_cleanup_eq): both ESBs off */
static void shim_xive_end_reset(struct shim_xive_end *end)
{
	end->valid = end->escalate = end->silent = end->uncond = false;
	end->ese = SHIM_XIVE_PQ_OFF;
	end->gen = 0;
	end->order = end->idx = 0;
	end->qpage = NULL;
	end->q = NULL;
}

struct shim_xive_vp *shim_xive_vp(struct shim_xive *x, u32 id, bool make)
{
	struct shim_xive_vp_block *b = shim_xive_block_of(x, id);
	struct shim_xive_vp *vp;
	int p;

	if (!b)
		return NULL;
	vp = b->vp[id - b->base];
	if (vp || !make)
		return vp;
	vp = shim_zalloc(sizeof(*vp));
	if (!vp)
		return NULL;
	vp->id = id;
	for (p = 0; p < SHIM_XIVE_NR_PRIO; p++)
		shim_xive_end_reset(&vp->end[p]);
	b->vp[id - b->base] = vp;
	return vp;
}

u32 shim_xive_esc_girq(u32 vp, u8 prio)
{
	return SHIM_XIVE_ESC_FLAG | vp << 3 | prio;
}

struct shim_xive_end *shim_xive_esc_end(struct shim_xive *x, u32 girq)
{
	struct shim_xive_vp *vp;

	if (!(girq & SHIM_XIVE_ESC_FLAG) || girq & ~(SHIM_XIVE_ESC_FLAG |
						     SHIM_XIVE_END_MASK))
		return NULL;
	vp = shim_xive_vp(x, (girq & SHIM_XIVE_END_MASK) >> 3, false);
	return vp ? &vp->end[girq & 7] : NULL;
}

int shim_xive_vp_ipb(u32 id)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp *vp = x ? shim_xive_vp(x, id, false) : NULL;

	return vp ? vp->ipb : -1;
}

/*
 * A block of 2^order VPs, aligned to its size, first fit (skiboot uses a
 * buddy allocator over its VP space: the same placement for one VM).
 */
u32 xive_native_alloc_vp_block(u32 max_vcpus)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp_block *slot = NULL;
	u32 order = 0, size, base;
	int i;

	if (!x)
		return XIVE_INVALID_VP;
	while ((1u << order) < max_vcpus)
		order++;
	size = 1u << order;
	for (i = 0; i < SHIM_XIVE_VP_BLOCKS && !slot; i++)
		if (!x->blk[i].count)
			slot = &x->blk[i];
	if (!slot)
		return XIVE_INVALID_VP;
	for (base = SHIM_XIVE_VP_FIRST; base + size <= SHIM_XIVE_VP_LIMIT;
	     base += size) {
		bool clash = false;

		for (i = 0; i < SHIM_XIVE_VP_BLOCKS; i++)
			if (x->blk[i].count && base < x->blk[i].base +
			    x->blk[i].count && x->blk[i].base < base + size)
				clash = true;
		if (clash)
			continue;
		slot->vp = shim_zalloc(size * sizeof(*slot->vp));
		if (!slot->vp)
			return XIVE_INVALID_VP;
		slot->base = base;
		slot->count = size;
		return base;
	}
	return XIVE_INVALID_VP;
}

void xive_native_free_vp_block(u32 vp_base)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp_block *b;
	u32 i;
	int p;

	if (!x || vp_base == XIVE_INVALID_VP)
		return;
	b = shim_xive_block_of(x, vp_base);
	if (!b || b->base != vp_base)
		return;		/* OPAL_PARAMETER: the kernel only logs it */
	for (i = 0; i < b->count; i++) {
		if (!b->vp[i])
			continue;
		for (p = 0; p < SHIM_XIVE_NR_PRIO; p++)
			shim_xive_esc_forget(x, &b->vp[i]->end[p].esc);
		kfree(b->vp[i]);
	}
	kfree(b->vp);
	b->vp = NULL;
	b->base = b->count = 0;
}

/*
 * Single escalation: prio 7 becomes a silent gather END (escalates only,
 * its ESe open), the other priorities escalate to it unconditionally.
 * Turning it off puts prio 7 back to reset and removes the redirection.
 */
static int shim_xive_silent_gather(struct shim_xive_vp *vp, bool enable)
{
	struct shim_xive_end *g = &vp->end[SHIM_XIVE_GATHER_PRIO];
	int p;

	if (enable && g->valid && !g->silent)
		return -EIO;	/* prio 7 already a normal queue */
	if (enable) {
		shim_xive_end_reset(g);
		g->valid = g->silent = g->escalate = true;
		g->ese = SHIM_XIVE_PQ_RESET;
	} else if (g->silent) {
		shim_xive_end_reset(g);
	}
	for (p = 0; p < SHIM_XIVE_GATHER_PRIO; p++) {
		if (enable) {
			vp->end[p].uncond = true;
		} else if (vp->end[p].uncond) {
			vp->end[p].uncond = false;
			vp->end[p].escalate = false;
		}
	}
	return 0;
}

int xive_native_enable_vp(u32 vp_id, bool single_escalation)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp *vp = x ? shim_xive_vp(x, vp_id, true) : NULL;

	if (!vp || shim_xive_silent_gather(vp, single_escalation))
		return -EIO;
	vp->enabled = true;
	return 0;
}

int xive_native_disable_vp(u32 vp_id)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp *vp = x ? shim_xive_vp(x, vp_id, true) : NULL;

	if (!vp)
		return -EIO;
	vp->enabled = false;
	shim_xive_silent_gather(vp, false);
	return 0;
}

int xive_native_get_vp_info(u32 vp_id, u32 *out_cam_id, u32 *out_chip_id)
{
	struct shim_xive *x = shim_xive_cur();

	if (!x || !shim_xive_block_of(x, vp_id))
		return -EIO;
	*out_cam_id = vp_id;	/* block 0 << 19 | index */
	*out_chip_id = 0;
	return 0;
}

int xive_native_configure_queue(u32 vp_id, struct xive_q *q, u8 prio,
				__be32 *qpage, u32 order, bool can_escalate)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp *vp;
	struct shim_xive_end *end;

	if (order && WARN_ON(!qpage))
		return -EINVAL;
	/*
	 * OPAL has queues 0-7 only and fails the call, but native.c has
	 * written the caller's struct xive_q first: KVM's is
	 * &xc->queues[prio], beyond the array for a priority above 7
	 * (FINDING-XIVE-SETXIVE-PRIO-OOB).  Refused before that write.
	 */
	if (prio >= SHIM_XIVE_NR_PRIO) {
		shim_xive_bad_access("a queue of priority above 7 configured "
				     "(KVM's struct xive_q for it lies beyond "
				     "xc->queues[])", prio);
		return -EIO;
	}
	q->msk = order ? ((1u << (order - 2)) - 1) : 0;
	q->idx = 0;
	q->toggle = 0;
	/* opal_xive_get_queue_info */
	vp = x && prio < SHIM_XIVE_NR_PRIO ? shim_xive_vp(x, vp_id, true) : NULL;
	if (!vp)
		return -EIO;
	end = &vp->end[prio];
	q->eoi_phys = SHIM_XIVE_END_PHYS +
		      ((u64)(shim_xive_esc_girq(vp_id, prio) &
			     SHIM_XIVE_END_MASK) << SHIM_XIVE_ESB_SHIFT);
	if (can_escalate)
		q->esc_irq = shim_xive_esc_girq(vp_id, end->uncond ?
						SHIM_XIVE_GATHER_PRIO : prio);
	/* opal_xive_set_queue_info */
	if (end->silent)
		return -EIO;
	if (order && order != 12 && order != 16 && order != 21 && order != 24)
		return -EIO;
	end->valid = true;
	end->escalate = can_escalate;
	end->order = order;
	end->qpage = order ? qpage : NULL;
	end->q = order ? q : NULL;
	end->idx = 0;
	end->gen = 1;
	/* the kernel's reader sees the queue only once it is set up */
	q->qpage = qpage;
	return 0;
}

void xive_native_disable_queue(u32 vp_id, struct xive_q *q, u8 prio)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_vp *vp;

	vp = x && prio < SHIM_XIVE_NR_PRIO ? shim_xive_vp(x, vp_id, false) : NULL;
	/* a gather END cannot be set directly: OPAL_PARAMETER, logged only */
	if (!vp || vp->end[prio].silent)
		return;
	shim_xive_end_reset(&vp->end[prio]);
}
