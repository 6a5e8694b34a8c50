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
 * Is every difference CONC-LINEARIZABLE listed (the lines after the
 * first of @detail, "source IRQ.FIELD: MODEL / KERNEL") a source's
 * @field?
 */
static bool only_source_field(const char *detail, const char *field)
{
	const char *p = strchr(detail, '\n');
	char f[40];
	unsigned int irq;
	bool any = false;

	while (p && *p) {
		while (*p == '\n' || *p == ' ')
			p++;
		if (!*p)
			break;
		if (sscanf(p, "source %x.%39[a-z_]:", &irq, f) != 2 ||
		    strcmp(f, field))
			return false;
		any = true;
		p = strchr(p, '\n');
	}
	return any;
}

static bool has_op(const struct xc_case *c, enum xr_step_kind k)
{
	uint32_t i;

	for (i = 0; i < c->nr_ops; i++)
		if (c->ops[i].step.kind == k)
			return true;
	return false;
}

/*
 * kvmppc_xics_set_mapped stores host_irq, then intr_cpu = -1: an
 * interrupt that takes the host path in between records its CPU
 * (PT-INTR-CPU), which the reset then loses.  No order of the two
 * operations ends that way.
 */
static bool set_mapped_intr_cpu(const struct xc_case *c,
				const struct xc_outcome *o)
{
	return has_op(c, XR_STEP_PASSTHRU) &&
	       (has_op(c, XR_STEP_HWIRQ) || has_op(c, XR_STEP_IRQ)) &&
	       only_source_field(o->text, "intr_cpu");
}

static const struct xc_known xc_known_list[] = {
	{
		.id = "FUZZ-CONC-SET-MAPPED-INTR-CPU",
		.oracle = "CONC-LINEARIZABLE",
		.matches = set_mapped_intr_cpu,
		.what = "a kernel race: kvmppc_xics_set_mapped resets intr_cpu after publishing host_irq",
	},
};

#define XC_NR_KNOWN	(sizeof(xc_known_list) / sizeof(xc_known_list[0]))

const struct xc_known *xc_known_finding(const struct xc_case *c,
					const struct xc_outcome *o,
					uint32_t *index)
{
	uint32_t i;

	if (o->verdict != XR_X_FINDING || o->hang)
		return NULL;
	for (i = 0; i < XC_NR_KNOWN; i++)
		if (!strcmp(o->oracle, xc_known_list[i].oracle) &&
		    xc_known_list[i].matches(c, o)) {
			if (index)
				*index = i;
			return &xc_known_list[i];
		}
	return NULL;
}

/* -- counted, the first of each printed -- */

static uint64_t nr_seen[XC_NR_KNOWN];

void xc_known_totals(void)
{
	uint32_t i;

	for (i = 0; i < XC_NR_KNOWN; i++)
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
