// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: printing outcomes and the summary.  One verdict line per
 * (scenario, implementation), then for anything but a plain PASS the
 * indented detail a reviewer can paste into a mail: where, what ran,
 * which pair of implementations (with versions), which rules, and every
 * differing field with both values.
 */
#include <string.h>

#include "cli.h"

static void rules_str(const struct xr_scenario *scn, char *buf, size_t len)
{
	size_t o = 0;
	uint32_t i;

	buf[0] = '\0';
	for (i = 0; i < scn->nr_rules && o + 1 < len; i++) {
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? " " : "",
				      scn->rules[i]);
		if (o >= len)
			o = len - 1;
	}
	if (!scn->nr_rules)
		snprintf(buf, len, "(none declared)");
}

/* "what: icp A B; source C D" (an empty side is left out) */
static void report_fields(FILE *f, const char *what, uint32_t icp,
			  uint32_t src)
{
	char a[160], b[200];

	xr_icp_fields_str(icp, a, sizeof(a));
	xr_src_fields_str(src, b, sizeof(b));
	fprintf(f, "%s:%s%s%s%s%s\n", what, icp ? " icp " : "", a,
		icp && src ? ";" : "", src ? " source " : "", b);
}

void xr_report_outcome(FILE *f, const char *file,
		       const struct xr_scenario *scn,
		       const struct xr_outcome *o, bool quiet)
{
	const struct xr_scn_step *st = NULL;
	char rules[512], kinds[128];
	uint32_t i;

	if (o->step && o->step <= scn->nr_steps)
		st = &scn->steps[o->step - 1];
	if (quiet && o->verdict == XR_V_PASS)
		return;
	fprintf(f, "%s %s %s %s\n", xr_verdict_name(o->verdict), file,
		o->impl->name, o->impl->version);
	if (o->verdict == XR_V_PASS) {
		if (o->exp_events_partial) {
			xr_kinds_str(o->exp_kinds, kinds, sizeof(kinds));
			fprintf(f, "    note: expect events checked only over the kinds %s reports: %s\n",
				o->impl->name, kinds);
		}
		return;
	}
	if (o->verdict == XR_V_DEV) {
		fprintf(f, "    shows %s exactly (differs from the strict model, agrees with the quirk)\n",
			o->reason);
		return;
	}
	if (st)
		fprintf(f, "    %s:%u: %s\n", file, st->line, st->text);
	if (o->verdict == XR_V_SKIP) {
		fprintf(f, "    skipped: %s\n", o->reason);
		return;
	}
	rules_str(scn, rules, sizeof(rules));
	if (o->vs_expect)
		fprintf(f, "    %s %s vs the scenario's expectations [rules: %s]\n",
			o->impl->name, o->impl->version, rules);
	else if (o->ref)
		fprintf(f, "    %s vs %s %s [rules: %s]%s\n", o->ref->name,
			o->impl->name, o->impl->version, rules,
			o->quirks ? " (model with deviation quirks)" : "");
	else
		fprintf(f, "    %s %s [rules: %s]\n", o->impl->name,
			o->impl->version, rules);
	if (o->reason[0])
		fprintf(f, "    %s\n", o->reason);
	if (o->at_end_sweep)
		fprintf(f, "    (found by the sweep of every ICS source; located by replay)\n");
	for (i = 0; i < o->nr_diffs; i++) {
		const struct xr_diff *d = &o->diffs[i];

		if (o->vs_expect)
			fprintf(f, "    %s: expected %s, got %s\n", d->field,
				d->a, d->b);
		else
			fprintf(f, "    %s: %s=%s %s=%s\n", d->field,
				o->ref ? o->ref->name : "?", d->a,
				o->impl->name, d->b);
	}
	if (o->more_diffs)
		fprintf(f, "    ... more fields differ\n");
	if (o->dev_hint[0])
		fprintf(f, "    hint: this difference is %s (spec/deviations.md): the model emulating %s agrees with %s over the whole scenario; declare `deviation %s` if the scenario means to show it\n",
			o->dev_hint, strchr(o->dev_hint, ' ') ? "them" : "it",
			o->impl->name, o->dev_hint);
	if (o->nr_diffs && !o->vs_expect && o->ref) {
		xr_kinds_str(o->cmp_kinds, kinds, sizeof(kinds));
		fprintf(f, "    events compared over: %s\n", kinds);
		if (o->icp_fields != XR_ICP_FIELDS_ALL ||
		    o->src_fields != XR_SRC_FIELDS_ALL)
			report_fields(f, "    state compared over", o->icp_fields,
				      o->src_fields);
	}
	if (o->nr_diffs && (o->exp_icp_unkept || o->exp_src_unkept))
		report_fields(f, "    expect parts not kept, not checked",
			      o->exp_icp_unkept, o->exp_src_unkept);
	if (o->nr_diffs && o->vs_expect && o->nr_exp_events) {
		xr_kinds_str(o->exp_kinds, kinds, sizeof(kinds));
		fprintf(f, "    expect events checked over: %s\n", kinds);
	}
}

void xr_tally_add(struct xr_tally *t, uint32_t *nr, uint32_t max,
		  const struct xr_outcome *o)
{
	uint32_t i;

	for (i = 0; i < *nr; i++)
		if (!strcmp(t[i].name, o->impl->name) &&
		    !strcmp(t[i].version, o->impl->version))
			break;
	if (i == *nr) {
		if (*nr == max)
			return;
		memset(&t[i], 0, sizeof(t[i]));
		t[i].name = o->impl->name;
		t[i].version = o->impl->version;
		t[i].origin = XR_IMPL_OPT(o->impl, origin);
		(*nr)++;
	}
	switch (o->verdict) {
	case XR_V_PASS: t[i].pass++; break;
	case XR_V_FAIL: t[i].fail++; break;
	case XR_V_DEV: t[i].dev++; break;
	default: t[i].skip++; break;
	}
	if (o->ref) {
		t[i].compared = true;
		t[i].cmp_kinds = o->cmp_kinds;
		t[i].icp_fields = o->icp_fields;
		t[i].src_fields = o->src_fields;
	}
	t[i].exp_icp_unkept |= o->exp_icp_unkept;
	t[i].exp_src_unkept |= o->exp_src_unkept;
	if (o->nr_exp_events) {
		t[i].expected = true;
		t[i].exp_kinds = o->exp_kinds;
	}
}

/* Has an entry before @i named the same build? (vm and rm share one) */
static bool origin_seen(const struct xr_tally *t, uint32_t i)
{
	uint32_t j;

	for (j = 0; j < i; j++)
		if (t[j].origin && !strcmp(t[j].version, t[i].version) &&
		    !strcmp(t[j].origin, t[i].origin))
			return true;
	return false;
}

void xr_report_summary(FILE *f, const struct xr_tally *t, uint32_t nr)
{
	uint32_t i, pass = 0, fail = 0, skip = 0;
	int vw = 12;			/* the version column fits every version */
	char kinds[128], what[160];

	for (i = 0; i < nr; i++)
		if ((int)strlen(t[i].version) > vw)
			vw = (int)strlen(t[i].version);

	fputc('\n', f);
	for (i = 0; i < nr; i++)
		if (t[i].origin && !origin_seen(t, i))
			fprintf(f, "tested %s: %s\n", t[i].version,
				t[i].origin);
	fprintf(f, "%-16s %-*s %6s %6s %6s %6s\n", "implementation",
		vw, "version", "pass", "fail", "dev", "skip");
	for (i = 0; i < nr; i++) {
		fprintf(f, "%-16s %-*s %6u %6u %6u %6u\n", t[i].name,
			vw, t[i].version, t[i].pass, t[i].fail, t[i].dev,
			t[i].skip);
		pass += t[i].pass + t[i].dev;
		fail += t[i].fail;
		skip += t[i].skip;
	}
	fprintf(f, "(dev: shows a documented deviation exactly; counted as passed)\n");
	for (i = 0; i < nr; i++) {
		if (t[i].compared) {
			xr_kinds_str(t[i].cmp_kinds, kinds, sizeof(kinds));
			fprintf(f, "%s %s: events compared with the model over: %s\n",
				t[i].name, t[i].version, kinds);
			if (t[i].icp_fields != XR_ICP_FIELDS_ALL ||
			    t[i].src_fields != XR_SRC_FIELDS_ALL) {
				snprintf(what, sizeof(what),
					 "%s %s: state compared with the model over",
					 t[i].name, t[i].version);
				report_fields(f, what, t[i].icp_fields,
					      t[i].src_fields);
			}
		}
		if (t[i].exp_icp_unkept || t[i].exp_src_unkept) {
			snprintf(what, sizeof(what),
				 "%s %s: *** expect parts it does not keep, NOT checked",
				 t[i].name, t[i].version);
			report_fields(f, what, t[i].exp_icp_unkept,
				      t[i].exp_src_unkept);
		}
		if (t[i].expected) {
			xr_kinds_str(t[i].exp_kinds, kinds, sizeof(kinds));
			fprintf(f, "%s %s: expect events checked over: %s\n",
				t[i].name, t[i].version, kinds);
		}
	}
	fprintf(f, "%u passed, %u failed, %u skipped\n", pass, fail, skip);
}
