// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref run --fail-each: each fallible host operation of a scenario
 * fails in turn (spec/faults.md).  This is how SQLite's out-of-memory
 * tests fail every allocation in turn.
 *
 * For a fault kind K, run n = 1, 2, ... puts "fail K nth=n" before the
 * scenario's first step and "fail K nth=0" after its last.  The
 * scenario's own expectations are dropped, because a failing operation
 * changes what they describe.  Each implementation is compared with the
 * model of its context after every step, as in any run, so the state
 * after the failing step must be the model's: the error and nothing
 * half-changed.  The final step compares whether the fault fired at all,
 * which is the only trace a failure with no visible effect (a PHB EOI)
 * leaves.  The model says when to stop: the first n that fires in no
 * context is the last run.  That run proves the kernel makes no
 * operation of that kind the model does not know about.
 *
 * Scenarios with a parallel block are skipped (make explore runs them),
 * and so are the kinds a scenario arms itself.
 */
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "cli.h"
#include "fail_each.h"

/* More operations of one kind than this in one scenario is a bug */
#define XR_FAIL_EACH_MAX	256

/*
 * The step at which the model of @ctx, running @v, meets the armed
 * fault of @k: its index, -1 if it never does, -2 if the model cannot
 * run the set-up.
 */
static int32_t model_fires(const struct xr_scenario *v, enum xr_context ctx,
			   enum xr_fault_kind k)
{
	const struct xr_impl_ops *ops = xr_model_ops(ctx);
	struct xr_result res;
	struct xr_model *m;
	char err[256];
	int32_t at = -1;
	uint32_t i;

	m = xr_model_create(&v->setup, ctx, err, sizeof(err));
	if (!m)
		return -2;
	for (i = 0; i < v->nr_steps; i++) {
		xr_result_clear(&res);
		if (ops->step(m, &v->steps[i].step, &res, err,
			      sizeof(err)) != XR_OK)
			break;
		if (v->steps[i].step.kind != XR_STEP_FAIL &&
		    !xr_fault_left(m, k)) {
			at = (int32_t)i;
			break;
		}
	}
	xr_model_destroy(m);
	return at;
}

static void fail_step(struct xr_scn_step *st, uint32_t line,
		      enum xr_fault_kind k, uint32_t n)
{
	memset(st, 0, sizeof(*st));
	st->line = line;
	st->step.kind = XR_STEP_FAIL;
	st->step.arg[0] = k;
	st->step.arg[1] = n;
	snprintf(st->text, sizeof(st->text), "fail %s nth=%u (--fail-each)",
		 xr_fault_name(k), n);
}

/*
 * @scn with "fail @k nth=@n" first and "fail @k nth=0" last, without
 * expectations.  Shares @scn's rule and deviation strings: free only
 * v->steps.  -1: out of memory.
 */
static int variant(const struct xr_scenario *scn, enum xr_fault_kind k,
		   uint32_t n, struct xr_scenario *v)
{
	uint32_t i, last = scn->steps[scn->nr_steps - 1].line;

	*v = *scn;
	v->nr_steps = scn->nr_steps + 2;
	v->steps = calloc(v->nr_steps, sizeof(*v->steps));
	if (!v->steps)
		return -1;
	fail_step(&v->steps[0], scn->steps[0].line, k, n);
	for (i = 0; i < scn->nr_steps; i++) {
		v->steps[i + 1] = scn->steps[i];
		v->steps[i + 1].want_mask = 0;
		v->steps[i + 1].nr_expects = 0;
		v->steps[i + 1].expects = NULL;
	}
	fail_step(&v->steps[v->nr_steps - 1], last, k, 0);
	return 0;
}

static bool arms_itself(const struct xr_scenario *scn, enum xr_fault_kind k)
{
	uint32_t i;

	for (i = 0; i < scn->nr_steps; i++)
		if (scn->steps[i].step.kind == XR_STEP_FAIL &&
		    scn->steps[i].step.arg[0] == k)
			return true;
	return false;
}

static void run_impl(struct xr_fail_each *fe, const struct xr_scenario *v,
		     const struct xr_impl_ops *impl, struct xr_outcome *out)
{
	if (fe->no_fork)
		xr_run_one(&xr_model_env, v, impl, out);
	else
		xr_run_isolated(&xr_model_env, v, impl, fe->timeout_ms, out);
}

/*
 * A failing operation can lead a scenario into a documented deviation
 * it did not declare (an undefined source left by a failed restore meets
 * DEV-RTAS-UNDEFINED-SOURCE).  When the failure's hint names deviations
 * the model reproduces exactly, run again with them declared: a DEV
 * then, and still a FAIL if anything else differs.
 */
static void rerun_with_hint(struct xr_fail_each *fe,
			    const struct xr_scenario *v,
			    const struct xr_impl_ops *impl,
			    struct xr_outcome *out)
{
	struct xr_scenario w = *v;
	char ids[sizeof(out->dev_hint)], *id, *save = NULL;

	memcpy(ids, out->dev_hint, sizeof(ids));
	ids[sizeof(ids) - 1] = '\0';
	for (id = strtok_r(ids, " ", &save); id && w.nr_devs < XR_SCN_MAX_DEVS;
	     id = strtok_r(NULL, " ", &save))
		w.devs[w.nr_devs++] = id;
	run_impl(fe, &w, impl, out);
}

/* One run of @v on every implementation; true if one failed */
static bool run_variant(struct xr_fail_each *fe, const char *label,
			const struct xr_scenario *v)
{
	static struct xr_outcome out;
	bool failed = false;
	uint32_t j;

	for (j = 0; j < fe->impls->nr; j++) {
		run_impl(fe, v, fe->impls->ops[j], &out);
		if (out.verdict == XR_V_FAIL && out.dev_hint[0])
			rerun_with_hint(fe, v, fe->impls->ops[j], &out);
		xr_report_outcome(fe->out, label, v, &out, fe->quiet);
		xr_tally_add(fe->tally, fe->nr_tally, fe->max_tally, &out);
		failed |= out.verdict == XR_V_FAIL;
	}
	fe->runs++;
	return failed;
}

static bool fail_kind(struct xr_fail_each *fe, const char *file,
		      const struct xr_scenario *scn, enum xr_fault_kind k)
{
	struct xr_scenario v;
	char label[512];
	bool failed = false;
	int32_t at_vm, at_rm, at;
	uint32_t n;

	for (n = 1; n <= XR_FAIL_EACH_MAX; n++) {
		if (variant(scn, k, n, &v)) {
			fprintf(stderr, "xicsref run: out of memory\n");
			return true;
		}
		at_vm = model_fires(&v, XR_CTX_VIRTUAL, k);
		at_rm = model_fires(&v, XR_CTX_REAL, k);
		at = at_vm >= 0 ? at_vm : at_rm;
		if (at >= 0)
			snprintf(label, sizeof(label),
				 "%s [fail %s nth=%u: fails in line %u]",
				 file, xr_fault_name(k), n,
				 v.steps[at].line);
		else
			snprintf(label, sizeof(label),
				 "%s [fail %s nth=%u: never reached]", file,
				 xr_fault_name(k), n);
		failed |= run_variant(fe, label, &v);
		free(v.steps);
		if (at < 0) {
			fe->faults += n - 1;
			return failed;
		}
	}
	fprintf(fe->out, "FAIL %s: more than %d %s operations: fail-each "
		"gave up\n", file, XR_FAIL_EACH_MAX, xr_fault_name(k));
	return true;
}

bool xr_fail_each_file(struct xr_fail_each *fe, const char *file,
		       const struct xr_scenario *scn)
{
	bool failed = false;
	uint32_t k;

	if (scn->nr_par || !scn->nr_steps) {
		fprintf(fe->out, "SKIP %s: --fail-each runs no %s\n", file,
			scn->nr_par ? "parallel block (make explore does)"
				    : "scenario without steps");
		fe->skipped++;
		return false;
	}
	for (k = 0; k < XR_FAULT_NR_KINDS; k++) {
		if (!(fe->kinds & (1u << k)) ||
		    arms_itself(scn, (enum xr_fault_kind)k))
			continue;
		failed |= fail_kind(fe, file, scn, (enum xr_fault_kind)k);
	}
	return failed;
}

/* "--fail-each" (every kind) or "--fail-each=alloc,get-user"; -1: bad */
int xr_fail_each_kinds(const char *spec, uint32_t *kinds)
{
	const char *p = spec;
	uint32_t k;
	size_t len;

	*kinds = 0;
	if (!p) {
		*kinds = (1u << XR_FAULT_NR_KINDS) - 1;
		return 0;
	}
	while (*p) {
		len = strcspn(p, ",");
		for (k = 0; k < XR_FAULT_NR_KINDS; k++)
			if (strlen(xr_fault_name((enum xr_fault_kind)k)) ==
			    len && !strncmp(p, xr_fault_name(
					(enum xr_fault_kind)k), len))
				break;
		if (k == XR_FAULT_NR_KINDS || !len)
			return -1;
		*kinds |= 1u << k;
		p += len;
		if (*p == ',')
			p++;
	}
	return *kinds ? 0 : -1;
}
