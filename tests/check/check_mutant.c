// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "mutant": the comparison catches differences.  A wrapper
 * around the real model changes exactly one field from one step on; the
 * runner must report FAIL at that step's line with that field, and must
 * not report the one field it is told to ignore (intr_cpu while the
 * source is not mapped).  A change in a source that no step names is
 * found by the final sweep and located by the replay.  Every mutation runs
 * again on a mutant that also offers changed_sources (the sweep that reads
 * only changed sources, impl.h) and must give the very same outcome, as
 * must an implementation whose sources at rest differ from the model's.
 */
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "check_main.h"
#include "run.h"

/* M_REST: every source of block 0x1000 that no step names, at rest */
enum mut_where { M_RESULT, M_ICP, M_SOURCE, M_EVENT, M_REST };

struct mutation {
	const char *name;
	enum mut_where where;
	uint32_t step;			/* 0-based step it starts at */
	uint32_t id;			/* vcpu or irq */
	size_t off, size;		/* byte field of the struct */
	const char *field;		/* expected diff field, NULL: PASS */
	uint32_t line;			/* expected line */
	bool sweep;
};

#define R(f) offsetof(struct xr_result, f), sizeof(((struct xr_result *)0)->f)
#define I(f) offsetof(struct xr_icp_state, f), \
	     sizeof(((struct xr_icp_state *)0)->f)
#define S(f) offsetof(struct xr_source_state, f), \
	     sizeof(((struct xr_source_state *)0)->f)

static const char scenario[] =
	"vcpu 0\n"				/* 1 */
	"vcpu 1\n"
	"source 0x1000 msi server=1 prio=5\n"
	"vcpu 1 H_CPPR 0xff\n"			/* 4: step 0 */
	"irq 0x1000 pulse\n"			/* 5: step 1 */
	"vcpu 1 H_XIRR\n"			/* 6: step 2 */
	"rtas get-xive 0x1000\n"		/* 7: step 3 */
	"get-icp 1\n"				/* 8: step 4 */
	"vcpu 1 H_IPOLL 1\n";			/* 9: step 5 */

static const struct mutation muts[] = {
	{ "rc", M_RESULT, 0, 0, R(rc), "rc", 4, false },
	{ "xirr", M_RESULT, 2, 0, R(xirr), "xirr", 6, false },
	{ "server", M_RESULT, 3, 0, R(server), "server", 7, false },
	{ "prio", M_RESULT, 3, 0, R(prio), "prio", 7, false },
	{ "value", M_RESULT, 4, 0, R(value), "value", 8, false },
	{ "mfrr", M_RESULT, 5, 0, R(mfrr), "mfrr", 9, false },
	{ "event", M_EVENT, 1, 0, 0, 0, "events", 5, false },
	{ "icp.cppr", M_ICP, 1, 0, I(cppr), "icp v0.cppr", 5, false },
	{ "icp.mfrr", M_ICP, 1, 1, I(mfrr), "icp v1.mfrr", 5, false },
	{ "icp.pprio", M_ICP, 1, 0, I(pprio), "icp v0.pprio", 5, false },
	{ "icp.xisr", M_ICP, 1, 0, I(xisr), "icp v0.xisr", 5, false },
	{ "icp.resend", M_ICP, 2, 0, I(need_resend), "icp v0.resend", 6, false },
	{ "icp.ee", M_ICP, 1, 0, I(out_ee), "icp v0.ee", 5, false },
	{ "icp.line", M_ICP, 3, 1, I(line), "icp v1.line", 7, false },
	{ "src.exists", M_SOURCE, 1, 0x1000, S(exists), "source 0x1000.exists", 5, false },
	{ "src.lsi", M_SOURCE, 1, 0x1000, S(lsi), "source 0x1000.lsi", 5, false },
	{ "src.server", M_SOURCE, 1, 0x1000, S(server), "source 0x1000.server", 5, false },
	{ "src.prio", M_SOURCE, 2, 0x1000, S(prio), "source 0x1000.prio", 6, false },
	{ "src.saved", M_SOURCE, 1, 0x1000, S(saved), "source 0x1000.saved", 5, false },
	{ "src.p", M_SOURCE, 1, 0x1000, S(p), "source 0x1000.p", 5, false },
	{ "src.q", M_SOURCE, 1, 0x1000, S(q), "source 0x1000.q", 5, false },
	{ "src.resend", M_SOURCE, 1, 0x1000, S(resend), "source 0x1000.resend", 5, false },
	{ "src.masked_pending", M_SOURCE, 1, 0x1000, S(masked_pending), "source 0x1000.masked_pending", 5, false },
	{ "src.asserted", M_SOURCE, 1, 0x1000, S(asserted), "source 0x1000.asserted", 5, false },
	{ "src.pt_mapped", M_SOURCE, 1, 0x1000, S(pt_mapped), "source 0x1000.pt_mapped", 5, false },
	/* not mapped: where it last arrived means nothing, not compared */
	{ "src.intr_cpu", M_SOURCE, 1, 0x1000, S(intr_cpu), NULL, 0, false },
	/* a source no step names: the sweep finds it, the replay locates */
	{ "untouched", M_SOURCE, 2, 0x1005, S(p), "source 0x1005.p", 6, true },
	/* the last: at rest the mutant's sources are not the model's */
	{ "at-rest", M_REST, 2, 0x1000, S(saved), "source 0x1001.saved", 6, true },
};

#define NR_MUTS		(sizeof(muts) / sizeof(muts[0]))

static const struct mutation *cur;

struct mut_inst {
	void *inner;
	uint32_t steps;			/* steps run so far */
};

static const struct xr_impl_ops *inner(void)
{
	return xr_model_ops(XR_CTX_VIRTUAL);
}

static void flip(void *base, size_t off, size_t size)
{
	uint8_t *p = (uint8_t *)base + off;

	/* the low bit: a bool stays a valid bool, a number changes */
	*p ^= 1;
}

static void *m_create(const struct xr_setup *s, char *err, size_t len)
{
	struct mut_inst *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->inner = inner()->create(s, err, len);
	if (!m->inner) {
		free(m);
		return NULL;
	}
	return m;
}

static void m_destroy(void *p)
{
	struct mut_inst *m = p;

	inner()->destroy(m->inner);
	free(m);
}

static enum xr_status m_step(void *p, const struct xr_step *st,
			     struct xr_result *r, char *err, size_t len)
{
	struct mut_inst *m = p;
	enum xr_status s = inner()->step(m->inner, st, r, err, len);
	uint32_t idx = m->steps++;

	if (s != XR_OK || idx != cur->step)
		return s;
	if (cur->where == M_RESULT)
		flip(r, cur->off, cur->size);
	if (cur->where == M_EVENT && r->events.nr < XR_MAX_EVENTS)
		r->events.ev[r->events.nr++] =
			(struct xr_event){ .kind = XR_EV_KICK, .a = 0 };
	return s;
}

static bool m_get_icp(void *p, uint32_t vcpu, struct xr_icp_state *o)
{
	struct mut_inst *m = p;
	bool r = inner()->get_icp(m->inner, vcpu, o);

	if (r && cur->where == M_ICP && vcpu == cur->id &&
	    m->steps > cur->step)
		flip(o, cur->off, cur->size);
	return r;
}

static bool at_rest_mutated(uint32_t irq)
{
	return cur->where == M_REST && irq > cur->id &&
	       irq < cur->id + XR_IRQS_PER_ICS;
}

static bool m_get_source(void *p, uint32_t irq, struct xr_source_state *o)
{
	struct mut_inst *m = p;
	bool r = inner()->get_source(m->inner, irq, o);

	if (r && (cur->where == M_SOURCE || at_rest_mutated(irq)) &&
	    (irq == cur->id || cur->where == M_REST) && m->steps > cur->step)
		flip(o, cur->off, cur->size);
	return r;
}

/*
 * Honest about the one mutated source (it is changed), silent about the
 * M_REST ones: those are this mutant's sources at rest, which the runner
 * must find differ from the model's through its probe.
 */
static bool m_changed(void *p, uint32_t first, uint64_t *map)
{
	struct mut_inst *m = p;
	bool r = inner()->changed_sources(m->inner, first, map);
	uint32_t i = cur->id - first;

	if (r && cur->where == M_SOURCE && m->steps > cur->step &&
	    cur->id >= first && i < XR_IRQS_PER_ICS)
		map[i / 64] |= 1ull << (i % 64);
	return r;
}

static uint32_t m_blocks(void *p, uint32_t *first, uint32_t max)
{
	struct mut_inst *m = p;

	return inner()->ics_blocks ? inner()->ics_blocks(m->inner, first, max)
				   : 0;
}

static struct xr_impl_ops mutant = {
	.abi_version = XR_IMPL_ABI_VERSION,
	.name = "mutant",
	.version = "test",
	.context = XR_CTX_VIRTUAL,
	.create = m_create,
	.destroy = m_destroy,
	.step = m_step,
	.get_icp = m_get_icp,
	.get_source = m_get_source,
	.ics_blocks = m_blocks,
};

/* The same mutant with changed_sources: the sweep of changed sources */
static struct xr_impl_ops mutant_fast;

static const struct xr_impl_ops *mutant_of(bool fast)
{
	mutant.event_kinds = inner()->event_kinds;
	mutant.step_kinds = inner()->step_kinds;
	/*
	 * no changed_sources, the full sweep (tables older than version 6
	 * are no longer loaded: the set-up they were built for is smaller)
	 */
	mutant.changed_sources = NULL;
	mutant_fast = mutant;
	mutant_fast.abi_version = XR_IMPL_ABI_VERSION;
	mutant_fast.changed_sources = m_changed;
	return fast ? &mutant_fast : &mutant;
}

START_TEST(test_mutation)
{
	struct xr_scenario scn;
	struct xr_parse_error err;
	struct xr_outcome *o = calloc(1, sizeof(*o));
	uint32_t i;
	bool found = false;

	cur = &muts[_i % NR_MUTS];
	ck_assert_int_eq(xr_test_parse(scenario, &scn, &err), 0);
	xr_run_one(&xr_model_env, &scn, mutant_of(_i >= (int)NR_MUTS), o);
	if (!cur->field) {
		ck_assert_msg(o->verdict == XR_V_PASS, "%s: verdict %s: %s",
			      cur->name, xr_verdict_name(o->verdict),
			      o->nr_diffs ? o->diffs[0].field : o->reason);
	} else {
		ck_assert_msg(o->verdict == XR_V_FAIL, "%s: not caught (%s %s)",
			      cur->name, xr_verdict_name(o->verdict),
			      o->reason);
		ck_assert_msg(o->line == cur->line, "%s: at line %u, want %u",
			      cur->name, o->line, cur->line);
		for (i = 0; i < o->nr_diffs; i++)
			found |= !strcmp(o->diffs[i].field, cur->field);
		/* at rest: every source of the block differs, 16 reported */
		if (cur->where == M_REST)
			ck_assert_msg(!strcmp(o->diffs[0].field, cur->field) &&
				      o->nr_diffs == XR_MAX_DIFFS &&
				      o->more_diffs,
				      "%s: %u diffs, first '%s', want '%s' and more",
				      cur->name, o->nr_diffs,
				      o->nr_diffs ? o->diffs[0].field : "",
				      cur->field);
		else
			ck_assert_msg(found && o->nr_diffs == 1,
				      "%s: %u diffs, first '%s', want only '%s'",
				      cur->name, o->nr_diffs,
				      o->nr_diffs ? o->diffs[0].field : "",
				      cur->field);
		ck_assert_int_eq(o->at_end_sweep, cur->sweep);
		ck_assert(!o->vs_expect);
	}
	free(o);
	xr_scenario_free(&scn);
}
END_TEST

/* Both sweeps give the same outcome, difference for difference */
START_TEST(test_fast_is_full)
{
	struct xr_scenario scn;
	struct xr_parse_error err;
	struct xr_outcome *a = calloc(1, sizeof(*a));
	struct xr_outcome *b = calloc(1, sizeof(*b));

	cur = &muts[_i];
	ck_assert_int_eq(xr_test_parse(scenario, &scn, &err), 0);
	xr_run_one(&xr_model_env, &scn, mutant_of(false), a);
	xr_run_one(&xr_model_env, &scn, mutant_of(true), b);
	xr_test_same_outcome(cur->name, a, b);
	free(a);
	free(b);
	xr_scenario_free(&scn);
}
END_TEST

/*
 * Comparing only the step's own source after each step (the fuzzers'
 * xr_run_env.step_sources_only) finds every mutation, and reports it as
 * the full comparison does, field for field: a difference found late (in
 * a source that only a later step names, or by the end-of-run sweep) is
 * located by a replay that compares as much as without the option.
 */
START_TEST(test_lean_is_full)
{
	struct xr_run_env lean = xr_model_env;
	struct xr_scenario scn;
	struct xr_parse_error err;
	struct xr_outcome *a = calloc(1, sizeof(*a));
	struct xr_outcome *b = calloc(1, sizeof(*b));

	lean.step_sources_only = true;
	cur = &muts[_i % NR_MUTS];
	ck_assert_int_eq(xr_test_parse(scenario, &scn, &err), 0);
	xr_run_one(&xr_model_env, &scn, mutant_of(_i >= (int)NR_MUTS), a);
	xr_run_one(&lean, &scn, mutant_of(_i >= (int)NR_MUTS), b);
	xr_test_same_outcome(cur->name, a, b);
	free(a);
	free(b);
	xr_scenario_free(&scn);
}
END_TEST

/*
 * In a group with one reference (xr_run_group), a mutant gets the outcome
 * it gets alone, and a faithful copy of the model running beside it (and
 * on after the mutant's run ended) passes.
 */
START_TEST(test_group_is_alone)
{
	struct xr_run_env lean = xr_model_env;
	const struct xr_impl_ops *g[2];
	struct xr_impl_ops copy = *inner();
	struct xr_scenario scn;
	struct xr_parse_error err;
	struct xr_outcome *a = calloc(3, sizeof(*a));

	lean.step_sources_only = _i >= (int)NR_MUTS;
	cur = &muts[_i % NR_MUTS];
	copy.name = "model-copy";
	g[0] = mutant_of(true);
	g[1] = &copy;
	ck_assert_int_eq(xr_test_parse(scenario, &scn, &err), 0);
	xr_run_one(&lean, &scn, g[0], &a[0]);
	xr_run_group(&lean, &scn, g, 2, &a[1]);
	xr_test_same_outcome(cur->name, &a[0], &a[1]);
	ck_assert_msg(a[2].verdict == XR_V_PASS, "the copy: %s: %s",
		      xr_verdict_name(a[2].verdict), a[2].reason);
	free(a);
	xr_scenario_free(&scn);
}
END_TEST

/* Written expectations are checked, and a wrong one fails */
START_TEST(test_expectation_fails)
{
	struct xr_scenario scn;
	struct xr_parse_error err;
	struct xr_outcome o;

	ck_assert_int_eq(xr_test_parse("vcpu 0\nvcpu 0 H_CPPR 5 => rc=H_PARAMETER\n",
				       &scn, &err), 0);
	xr_run_one(&xr_model_env, &scn, inner(), &o);
	ck_assert_int_eq(o.verdict, XR_V_FAIL);
	ck_assert(o.vs_expect);
	ck_assert_uint_eq(o.line, 2);
	ck_assert_str_eq(o.diffs[0].field, "rc");
	xr_scenario_free(&scn);
}
END_TEST

Suite *xr_suite_mutant(void)
{
	Suite *s = suite_create("mutant");
	TCase *tc = tcase_create("one-field");

	/* each mutation with the full sweep, then with changed_sources */
	tcase_add_loop_test(tc, test_mutation, 0, 2 * (int)NR_MUTS);
	tcase_add_loop_test(tc, test_fast_is_full, 0, (int)NR_MUTS);
	tcase_add_loop_test(tc, test_lean_is_full, 0, 2 * (int)NR_MUTS);
	tcase_add_loop_test(tc, test_group_is_alone, 0, 2 * (int)NR_MUTS);
	tcase_add_test(tc, test_expectation_fails);
	suite_add_tcase(s, tc);
	return s;
}
