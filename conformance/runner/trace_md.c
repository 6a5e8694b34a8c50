// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref trace --format=md: the same walk as "xicsref trace" (trace.c),
 * written as Markdown for documentation: a heading per implementation,
 * then per step its statement, result, events and the ICP and source
 * tables.  Values are printed exactly as the text trace prints them.
 */
#include <string.h>

#include "cli.h"
#include "docs.h"

static void md_icps(FILE *f, const struct xr_scenario *scn,
		    const struct xr_impl_ops *impl, void *inst)
{
	uint32_t i;

	fprintf(f, "\n| vcpu | server | cppr | mfrr | pprio | xisr | resend | ee | line |\n");
	fprintf(f, "|---:|---:|---|---|---|---|---:|---:|---:|\n");
	for (i = 0; i < scn->setup.nr_vcpus; i++) {
		const struct xr_vcpu_cfg *v = &scn->setup.vcpus[i];
		struct xr_icp_state s;

		memset(&s, 0, sizeof(s));
		if (!impl->get_icp(inst, v->id, &s)) {
			fprintf(f, "| %u | - | (no ICP) | | | | | | |\n", v->id);
			continue;
		}
		fprintf(f, "| %u | %u | 0x%02x | 0x%02x | 0x%02x | 0x%06x | %u | %u | %u |\n",
			v->id, v->server, s.cppr, s.mfrr, s.pprio, s.xisr,
			s.need_resend, s.out_ee, s.line);
	}
}

static void md_sources(FILE *f, const uint32_t *irqs, uint32_t n,
		       const struct xr_impl_ops *impl, void *inst)
{
	uint32_t i;

	if (!n)
		return;
	fprintf(f, "\n| source | ex | lsi | server | prio | saved | p | q | resend | mp | asr | pt | intr_cpu |\n");
	fprintf(f, "|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < n; i++) {
		struct xr_source_state s;

		memset(&s, 0, sizeof(s));
		if (!impl->get_source(inst, irqs[i], &s)) {
			fprintf(f, "| 0x%x | (no ICS block) | | | | | | | | | | | |\n",
				irqs[i]);
			continue;
		}
		fprintf(f, "| 0x%x | %u | %u | %u | 0x%02x | 0x%02x | %u | %u | %u | %u | %u | %u | %d |\n",
			irqs[i], s.exists, s.lsi, s.server, s.prio, s.saved,
			s.p, s.q, s.resend, s.masked_pending, s.asserted,
			s.pt_mapped, s.intr_cpu);
	}
}

static void md_add_irq(uint32_t *irqs, uint32_t *n, uint64_t irq)
{
	uint32_t i;

	if (irq < XR_FIRST_IRQ || irq >= XR_NR_IRQS || *n >= XR_MAX_SOURCES)
		return;
	for (i = 0; i < *n; i++)
		if (irqs[i] == irq)
			return;
	irqs[(*n)++] = (uint32_t)irq;
}

/* A statement in a code span: backquotes in it would end the span */
static void md_code(FILE *f, const char *s)
{
	fputc('`', f);
	for (; *s; s++)
		fputc(*s == '`' ? '\'' : *s, f);
	fputc('`', f);
}

int xr_trace_md(FILE *f, const char *file, const struct xr_scenario *scn,
		const struct xr_impl_ops *impl)
{
	uint32_t irqs[XR_MAX_SOURCES], n = 0, i;
	char err[200], ev[512];
	void *inst;

	for (i = 0; i < scn->setup.nr_sources; i++)
		md_add_irq(irqs, &n, scn->setup.sources[i].irq);
	err[0] = '\0';
	inst = impl->create(&scn->setup, err, sizeof(err));
	fprintf(f, "## %s: %s %s\n", file, impl->name, impl->version);
	if (!inst) {
		fprintf(f, "\ncreate failed: %s\n\n", err);
		return -1;
	}
	fprintf(f, "\n### set-up\n");
	md_icps(f, scn, impl, inst);
	md_sources(f, irqs, n, impl, inst);
	for (i = 0; i < scn->nr_steps; i++) {
		const struct xr_scn_step *st = &scn->steps[i];
		struct xr_result r;
		enum xr_status s;

		memset(&r, 0, sizeof(r));
		err[0] = '\0';
		fprintf(f, "\n### line %u: ", st->line);
		md_code(f, st->text);
		fputc('\n', f);
		if (!(impl->step_kinds & (1u << st->step.kind)))
			s = XR_UNSUPPORTED;
		else
			s = impl->step(inst, &st->step, &r, err, sizeof(err));
		if (s != XR_OK) {
			fprintf(f, "\n**%s**: %s\n",
				s == XR_UNSUPPORTED ? "unsupported" : "failed",
				err);
			break;
		}
		if (st->step.kind == XR_STEP_SET_SOURCE)
			md_add_irq(irqs, &n, st->step.arg[0]);
		xr_events_str(&r.events, XR_EV_ALL, ev, sizeof(ev));
		fprintf(f, "\nrc=%lld xirr=0x%llx mfrr=0x%llx server=%u prio=%u value=0x%llx path=%s; events: %s\n",
			(long long)r.rc, (unsigned long long)r.xirr,
			(unsigned long long)r.mfrr, r.server, r.prio,
			(unsigned long long)r.value, xr_path_name(r.path), ev);
		md_icps(f, scn, impl, inst);
		md_sources(f, irqs, n, impl, inst);
	}
	fputc('\n', f);
	impl->destroy(inst);
	return 0;
}
