// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: instances kept between runs (run.h, xr_inst_cache).
 *
 * Only implementations with a reset operation are kept: their instance is
 * taken out of the cache for a run and reset to the run's set-up, then
 * put back.  An instance in use is never in the cache, so a run that is
 * abandoned (a hang cut short by the fuzzers) cannot leave a half-used one
 * behind for the next run; the cache notes it as busy, and
 * xr_inst_reclaim destroys what such a run had.
 */
#include <stdio.h>
#include <stdlib.h>

#include "run.h"

/* Note @inst as handed out (to reclaim it if its run is abandoned) */
static void *busy_add(struct xr_inst_cache *c, const struct xr_impl_ops *ops,
		      void *inst)
{
	uint32_t i;

	for (i = 0; c && inst && i < XR_CACHE_SLOTS; i++)
		if (!c->busy[i].inst) {
			c->busy[i].ops = ops;
			c->busy[i].inst = inst;
			break;
		}
	return inst;
}

static void busy_del(struct xr_inst_cache *c, void *inst)
{
	uint32_t i;

	for (i = 0; c && i < XR_CACHE_SLOTS; i++)
		if (c->busy[i].inst == inst) {
			c->busy[i].inst = NULL;
			c->busy[i].ops = NULL;
			break;
		}
}

void xr_inst_reclaim(struct xr_inst_cache *c)
{
	uint32_t i;

	for (i = 0; c && i < XR_CACHE_SLOTS; i++)
		if (c->busy[i].inst) {
			c->busy[i].ops->destroy(c->busy[i].inst);
			c->busy[i].inst = NULL;
			c->busy[i].ops = NULL;
		}
}

void *xr_inst_get(struct xr_inst_cache *c, const struct xr_impl_ops *ops,
		  const struct xr_setup *setup, char *err, size_t errlen)
{
	bool (*reset)(void *, const struct xr_setup *, char *, size_t) =
		XR_IMPL_OPT(ops, reset);
	uint32_t i;

	for (i = 0; c && reset && i < XR_CACHE_SLOTS; i++) {
		void *inst = c->slot[i].inst;

		if (c->slot[i].ops != ops || !inst)
			continue;
		c->slot[i].inst = NULL;
		if (reset(inst, setup, err, errlen))
			return busy_add(c, ops, inst);
		ops->destroy(inst);
		return NULL;
	}
	return busy_add(c, ops, ops->create(setup, err, errlen));
}

void xr_inst_put(struct xr_inst_cache *c, const struct xr_impl_ops *ops,
		 void *inst)
{
	uint32_t i, free_slot = XR_CACHE_SLOTS;

	busy_del(c, inst);
	for (i = 0; c && XR_IMPL_OPT(ops, reset) && i < XR_CACHE_SLOTS; i++) {
		if (c->slot[i].ops == ops && !c->slot[i].inst) {
			free_slot = i;
			break;
		}
		if (!c->slot[i].ops && free_slot == XR_CACHE_SLOTS)
			free_slot = i;
	}
	if (free_slot == XR_CACHE_SLOTS) {
		ops->destroy(inst);
		return;
	}
	c->slot[free_slot].ops = ops;
	c->slot[free_slot].inst = inst;
}

void xr_inst_cache_flush(struct xr_inst_cache *c)
{
	uint32_t i;

	xr_inst_reclaim(c);
	for (i = 0; i < XR_CACHE_SLOTS; i++) {
		if (c->slot[i].inst)
			c->slot[i].ops->destroy(c->slot[i].inst);
		c->slot[i].ops = NULL;
		c->slot[i].inst = NULL;
	}
	free(c->group_mem);
	c->group_mem = NULL;
	free(c->replay_mem);
	c->replay_mem = NULL;
}
