// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing, concurrent_ops: findings that are known, so that the
 * fuzzer goes on past them (docs/fuzzing.md, "concurrent_ops").
 *
 * As the differential targets run the model with the quirks of the
 * documented deviations, this target passes over what is already known:
 * a kernel race that is understood but not yet in the spec, and gaps of
 * oracles.  Each is counted, its first occurrence printed, the totals at
 * exit; the shrinker never turns another finding into one of these.  An
 * entry goes when the spec or the oracle takes it over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conc.h"

/*
 * FINDING-SRC-SAVE-INFLIGHT (docs/findings.md): a get-source of the
 * block saved a source's P/Q-derived flags (KVM_XICS_PENDING, PRESENTED,
 * QUEUED: bits 42-44) as no state has them, because P/Q changed outside
 * the ICS lock while it read them: between an arriving interrupt's
 * cmpxchg and its delivery, or between its two reads of pq_state.  The
 * case has a get-source, and every saved value that differs from the
 * closest order's differs in those three flags only.
 */
#define XC_SAVE_PQ_FLAGS	(7ull << 42)

static bool save_inflight(const struct xc_case *c, const struct xc_outcome *o)
{
	const char *p = o->text;
	bool get_source = false, seen = false;
	uint32_t i;

	for (i = 0; i < c->nr_ops; i++)
		get_source |= c->ops[i].step.kind == XR_STEP_GET_SOURCE;
	if (!get_source || !strstr(o->text, "differs in"))
		return false;
	/* every difference the oracle listed is a saved value's flags */
	for (p = strstr(o->text, "differs in"); (p = strchr(p, '\n')); ) {
		unsigned long long model, kernel;
		char *end;

		p++;
		while (*p == ' ')
			p++;
		if (strncmp(p, "value: ", 7))
			return false;
		model = strtoull(p + 7, &end, 0);
		if (strncmp(end, " / ", 3))
			return false;
		kernel = strtoull(end + 3, NULL, 0);
		if (model == kernel || ((model ^ kernel) & ~XC_SAVE_PQ_FLAGS))
			return false;
		seen = true;
	}
	return seen;
}

/*
 * An entry names its oracle and a function that recognises the finding
 * in a case and its outcome; the list ends with an entry without ID.
 * Gone: FUZZ-CONC-SET-MAPPED-INTR-CPU, the relaxed rule CONC-MAP-ARRIVAL
 * since 2026-12-06 (the oracle took it over).
 */
static const struct xc_known xc_known_list[] = {
	{ .id = "FINDING-SRC-SAVE-INFLIGHT", .oracle = "CONC-LINEARIZABLE",
	  .matches = save_inflight,
	  .what = "a source save that read P/Q while another CPU changed them" },
	{ .id = NULL },
};

#define XC_LIST_LEN	(sizeof(xc_known_list) / sizeof(xc_known_list[0]))

const struct xc_known *xc_known_finding(const struct xc_case *c,
					const struct xc_outcome *o,
					uint32_t *index)
{
	uint32_t i;

	if (o->verdict != XR_X_FINDING || o->hang)
		return NULL;
	for (i = 0; xc_known_list[i].id; i++)
		if (!strcmp(o->oracle, xc_known_list[i].oracle) &&
		    xc_known_list[i].matches(c, o)) {
			if (index)
				*index = i;
			return &xc_known_list[i];
		}
	return NULL;
}

/* -- counted, the first of each printed -- */

static uint64_t nr_seen[XC_LIST_LEN];

void xc_known_totals(void)
{
	uint32_t i;

	for (i = 0; xc_known_list[i].id; i++)
		if (nr_seen[i])
			fprintf(stderr, "concurrent_ops: %llu executions showed the known %s\n",
				(unsigned long long)nr_seen[i],
				xc_known_list[i].id);
}

bool xc_pass_known(const struct xc_case *c, const struct xr_impl_ops *impl,
		   const struct xc_outcome *o)
{
	const struct xc_known *k;
	uint32_t i = 0;

	k = xc_known_finding(c, o, &i);
	if (!k)
		return false;
	if (!nr_seen[i]++)
		fprintf(stderr, "concurrent_ops: %s %s: %s, the known %s (%s): passed over (counted from now on, totals at exit)\n",
			impl->name, impl->version, o->oracle, k->id, k->what);
	return true;
}
