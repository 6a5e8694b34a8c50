// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref explore: one execution of a parallel block, decided by the
 * caller's chooser (explore.h, xr_explore_one).
 *
 * For callers that pick the decisions themselves, one execution at a
 * time (the concurrent_ops fuzz target).  The execution runs as
 * `xicsref explore --schedule S` replays one: a fresh instance, the
 * steps before the block in order, then the block with nothing learnt
 * from earlier executions (XR_PAR_NEW) and every access a decision
 * (XR_PAR_ALL_POINTS).  So the chooser meets every decision a schedule
 * string can name, the same ones whatever ran before, and the string of
 * the decisions it took replays the execution.
 */
#include <stdio.h>
#include <string.h>

#include "explore.h"

static enum xr_x_verdict set_why(struct xr_x_one *one, enum xr_x_verdict v,
				 const char *what, const char *err)
{
	snprintf(one->why, sizeof(one->why), "%s%s%.200s", what,
		 err[0] ? ": " : "", err);
	return v;
}

/* The steps before the block; a step @impl does not support is a skip */
static enum xr_x_verdict run_prefix(const struct xr_scenario *scn,
				    const struct xr_impl_ops *impl,
				    void *inst, struct xr_x_one *one)
{
	struct xr_result *res = &one->ex.res[0];
	char err[200] = "", what[48];
	enum xr_status st;
	uint32_t i;

	for (i = 0; i < scn->par_first; i++) {
		xr_result_clear(res);
		st = impl->step(inst, &scn->steps[i].step, res, err,
				sizeof(err));
		if (st == XR_OK)
			continue;
		snprintf(what, sizeof(what), "line %u", scn->steps[i].line);
		return set_why(one, st == XR_UNSUPPORTED ? XR_X_SKIP :
			       XR_X_ERROR, what, err);
	}
	return XR_X_PASS;
}

static void fill_block(const struct xr_scenario *scn, struct xr_x_one *one)
{
	struct xr_par_exec *ex = &one->ex;
	uint32_t i;

	memset(ex, 0, offsetof(struct xr_par_exec, st));
	ex->nr_ops = scn->nr_par;
	for (i = 0; i < scn->nr_par; i++) {
		ex->op[i].cpu = (uint32_t)scn->steps[scn->par_first + i].cpu;
		ex->op[i].step = scn->steps[scn->par_first + i].step;
	}
	ex->choose = one->choose;
	ex->ctx = one->ctx;
	ex->flags = XR_PAR_NEW | XR_PAR_ALL_POINTS;
	ex->max_accesses = one->max_accesses ? one->max_accesses : 200000;
}

/*
 * How the execution ended, as explore.c's execute() judges it; an
 * operation the implementation refused as unsupported is a skip here
 * (the runner core's verdict for such a step), where `xicsref explore`
 * reports it under the oracle "run".
 */
static enum xr_x_verdict judge(const struct xr_x_model *m,
			       const struct xr_scenario *scn,
			       const struct xr_impl_ops *impl, void *inst,
			       struct xr_x_one *one)
{
	struct xr_par_exec *ex = &one->ex;
	uint32_t i;

	switch (ex->end) {
	case XR_PAR_DONE:
		for (i = 0; i < ex->nr_ops; i++)
			if (ex->st[i] == XR_UNSUPPORTED)
				return set_why(one, XR_X_SKIP,
					       "an operation is not supported",
					       ex->why);
		if (one->quiescent)
			one->quiescent(one->ctx, impl, inst);
		if (!xr_x_check(m, scn, impl, inst, ex, one->oracle,
				sizeof(one->oracle), one->detail,
				sizeof(one->detail)))
			return XR_X_PASS;
		return XR_X_FINDING;
	case XR_PAR_DEADLOCK:
		snprintf(one->oracle, sizeof(one->oracle), "CONC-NO-DEADLOCK");
		break;
	case XR_PAR_LIVELOCK:
		snprintf(one->oracle, sizeof(one->oracle), "CONC-NO-LIVELOCK");
		break;
	case XR_PAR_STOPPED:
		return set_why(one, XR_X_SKIP, "stopped by the chooser", "");
	default:
		return set_why(one, XR_X_ERROR, "the block did not run",
			       ex->why);
	}
	snprintf(one->detail, sizeof(one->detail), "%s", ex->why);
	return XR_X_FINDING;
}

int xr_explore_one(const struct xr_x_model *m, const struct xr_scenario *scn,
		   const struct xr_impl_ops *impl, struct xr_x_one *one)
{
	struct xr_setup setup = scn->setup;
	char err[200] = "";
	void *inst;

	one->why[0] = one->oracle[0] = one->detail[0] = '\0';
	if (!scn->nr_par || !XR_IMPL_ABI_OK(impl) ||
	    !XR_IMPL_OPT(impl, run_parallel)) {
		one->verdict = set_why(one, XR_X_SKIP,
				       "no parallel block, or an implementation that cannot run one",
				       "");
		return 0;
	}
	setup.quirks = 0;
	inst = impl->create(&setup, err, sizeof(err));
	if (!inst) {
		one->verdict = set_why(one, XR_X_ERROR, "create failed", err);
		return -1;
	}
	one->verdict = run_prefix(scn, impl, inst, one);
	if (one->verdict == XR_X_PASS) {
		fill_block(scn, one);
		if (impl->run_parallel(inst, &one->ex, err, sizeof(err)) !=
		    XR_OK)
			one->verdict = set_why(one, XR_X_ERROR,
					       "run_parallel failed", err);
		else
			one->verdict = judge(m, scn, impl, inst, one);
	}
	impl->destroy(inst);
	return one->verdict == XR_X_ERROR ? -1 : 0;
}
