// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing, concurrent_ops: a case as a scenario file with a
 * parallel block, and back.
 *
 * The set-up and the steps before the block print as every target
 * prints them (emit.c); the deviation lines go right after the machine
 * line (set-up statements may come in any order), the block last.  The
 * target runs the scenario its own printout parses to, so a finding is
 * exactly what it prints.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "conc.h"
#include "emit.h"

static void emit_devs(FILE *f, uint32_t devs)
{
	const struct xr_deviation *d;
	uint32_t i, nr = 0;

	d = xr_deviations(&nr);
	for (i = 0; i < nr && i < 32; i++)
		if (devs & (1u << i))
			fprintf(f, "deviation %s\n", d[i].id);
}

/* @text (emit.c's printout) with the deviations after its first statement */
static void put_with_devs(FILE *f, const char *text, uint32_t devs)
{
	const char *p = text;
	bool done = false;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);

		fwrite(p, 1, n, f);
		if (!done && *p != '#') {
			emit_devs(f, devs);
			done = true;
		}
		p += n;
	}
}

void xc_emit(FILE *f, const struct xc_case *c, const char *note)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	uint32_t i;

	if (!m)
		return;
	xf_emit(m, &c->seq, note);
	fclose(m);
	put_with_devs(f, buf, c->devs);
	free(buf);
	fprintf(f, "parallel\n");
	for (i = 0; i < c->nr_ops; i++) {
		fprintf(f, "  cpu %d: ", c->ops[i].cpu);
		xf_emit_step(f, &c->ops[i].step);
	}
	fprintf(f, "end\n");
}

int xc_scenario(const struct xc_case *c, struct xr_scenario *scn, char *why,
		size_t len)
{
	struct xr_parse_error err;
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);
	int rc;

	if (!f) {
		snprintf(why, len, "open_memstream failed");
		return -1;
	}
	xc_emit(f, c, NULL);
	fclose(f);
	memset(&err, 0, sizeof(err));
	rc = xr_parse(buf, blen, NULL, scn, &err);
	free(buf);
	if (rc) {
		snprintf(why, len, "line %u: %s", err.line, err.msg);
		return -1;
	}
	if (scn->nr_par != c->nr_ops || scn->par_first != c->seq.nr_steps) {
		snprintf(why, len, "parsed a block of %u operations after %u steps, the case has %u after %u",
			 scn->nr_par, scn->par_first, c->nr_ops,
			 c->seq.nr_steps);
		xr_scenario_free(scn);
		return -1;
	}
	return 0;
}

static uint32_t dev_bits(const struct xr_scenario *scn)
{
	const struct xr_deviation *d;
	uint32_t i, k, nr = 0, bits = 0;

	d = xr_deviations(&nr);
	for (i = 0; i < scn->nr_devs; i++)
		for (k = 0; k < nr && k < 32; k++)
			if (!strcmp(scn->devs[i], d[k].id))
				bits |= 1u << k;
	return bits;
}

int xc_from_scenario(const struct xr_scenario *scn, struct xc_case *c,
		     char *why, size_t len)
{
	uint32_t i;

	memset(c, 0, sizeof(*c));
	if (scn->nr_par < 2) {
		snprintf(why, len, "no parallel block");
		return -1;
	}
	c->seq.version = XF_FORMAT_VERSION;
	c->seq.setup = scn->setup;
	for (i = 0; i < scn->par_first && i < XF_MAX_STEPS; i++)
		c->seq.steps[c->seq.nr_steps++] = scn->steps[i].step;
	xf_case_blocks(&c->seq);
	for (i = 0; i < scn->nr_par && i < XC_MAX_OPS; i++) {
		c->ops[i].cpu = scn->steps[scn->par_first + i].cpu;
		c->ops[i].step = scn->steps[scn->par_first + i].step;
	}
	c->nr_ops = i;
	c->devs = dev_bits(scn);
	return 0;
}
