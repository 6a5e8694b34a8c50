// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: "xicsref trace" runs a scenario on one implementation and
 * prints, after each step, its result, its events and the ICP and source
 * state as tables: the way to read what a scenario does.  The walk is one;
 * the text and the Markdown (--format=md, for documentation) layouts are
 * two tables of printers over it, so both always show the same values.
 */
#include <string.h>

#include "cli.h"
#include "docs.h"

struct trace_fmt {
	void (*begin)(FILE *f, const char *file,
		      const struct xr_impl_ops *impl);
	void (*create_failed)(FILE *f, const char *err);
	void (*setup)(FILE *f);
	void (*step)(FILE *f, const struct xr_scn_step *st);
	void (*step_failed)(FILE *f, enum xr_status s, const char *err);
	void (*result)(FILE *f, const struct xr_result *r, const char *ev);
	void (*icp_head)(FILE *f);
	void (*icp_none)(FILE *f, uint32_t vcpu);
	void (*icp_row)(FILE *f, const struct xr_vcpu_cfg *v,
			const struct xr_icp_state *s);
	void (*src_head)(FILE *f);
	void (*src_none)(FILE *f, uint32_t irq);
	void (*src_row)(FILE *f, uint32_t irq,
			const struct xr_source_state *s);
	void (*end)(FILE *f);
};

/* -- plain text -- */

static void txt_begin(FILE *f, const char *file,
		      const struct xr_impl_ops *impl)
{
	fprintf(f, "== %s %s\n", impl->name, impl->version);
}

static void txt_create_failed(FILE *f, const char *err)
{
	fprintf(f, "    create failed: %s\n", err);
}

static void txt_setup(FILE *f)
{
	fprintf(f, "set-up:\n");
}

static void txt_step(FILE *f, const struct xr_scn_step *st)
{
	fprintf(f, "line %u: %s\n", st->line, st->text);
}

static void txt_step_failed(FILE *f, enum xr_status s, const char *err)
{
	fprintf(f, "    %s: %s\n",
		s == XR_UNSUPPORTED ? "unsupported" : "failed", err);
}

static void txt_result(FILE *f, const struct xr_result *r, const char *ev)
{
	fprintf(f, "    rc=%lld xirr=0x%llx mfrr=0x%llx server=%u prio=%u value=0x%llx path=%s\n",
		(long long)r->rc, (unsigned long long)r->xirr,
		(unsigned long long)r->mfrr, r->server, r->prio,
		(unsigned long long)r->value, xr_path_name(r->path));
	fprintf(f, "    events: %s\n", ev);
}

static void txt_icp_head(FILE *f)
{
	fprintf(f, "    %-5s %-6s %-5s %-5s %-5s %-8s %-6s %-3s %-4s\n", "vcpu",
		"server", "cppr", "mfrr", "pprio", "xisr", "resend", "ee",
		"line");
}

static void txt_icp_none(FILE *f, uint32_t vcpu)
{
	fprintf(f, "    %-5u %-6s (no ICP)\n", vcpu, "-");
}

static void txt_icp_row(FILE *f, const struct xr_vcpu_cfg *v,
			const struct xr_icp_state *s)
{
	fprintf(f, "    %-5u %-6u 0x%02x  0x%02x  0x%02x  0x%06x %-6u %-3u %-4u\n",
		v->id, v->server, s->cppr, s->mfrr, s->pprio, s->xisr,
		s->need_resend, s->out_ee, s->line);
}

static void txt_src_head(FILE *f)
{
	fprintf(f, "    %-8s %-3s %-3s %-6s %-4s %-5s %-1s %-1s %-6s %-2s %-3s %-3s %s\n",
		"source", "ex", "lsi", "server", "prio", "saved", "p", "q",
		"resend", "mp", "asr", "pt", "intr_cpu");
}

static void txt_src_none(FILE *f, uint32_t irq)
{
	fprintf(f, "    0x%-6x (no ICS block)\n", irq);
}

static void txt_src_row(FILE *f, uint32_t irq, const struct xr_source_state *s)
{
	fprintf(f, "    0x%-6x %-3u %-3u %-6u 0x%02x 0x%02x  %u %u %-6u %-2u %-3u %-3u %d\n",
		irq, s->exists, s->lsi, s->server, s->prio, s->saved, s->p,
		s->q, s->resend, s->masked_pending, s->asserted, s->pt_mapped,
		s->intr_cpu);
}

static void txt_end(FILE *f)
{
}

static const struct trace_fmt text_fmt = {
	txt_begin, txt_create_failed, txt_setup, txt_step, txt_step_failed,
	txt_result, txt_icp_head, txt_icp_none, txt_icp_row, txt_src_head,
	txt_src_none, txt_src_row, txt_end,
};

/* -- Markdown -- */

static void md_begin(FILE *f, const char *file, const struct xr_impl_ops *impl)
{
	fprintf(f, "## %s: %s %s\n", file, impl->name, impl->version);
}

static void md_create_failed(FILE *f, const char *err)
{
	fprintf(f, "\ncreate failed: %s\n\n", err);
}

static void md_setup(FILE *f)
{
	fprintf(f, "\n### set-up\n");
}

/* The statement in a code span: backquotes in it would end the span */
static void md_step(FILE *f, const struct xr_scn_step *st)
{
	const char *s;

	fprintf(f, "\n### line %u: `", st->line);
	for (s = st->text; *s; s++)
		fputc(*s == '`' ? '\'' : *s, f);
	fputs("`\n", f);
}

static void md_step_failed(FILE *f, enum xr_status s, const char *err)
{
	fprintf(f, "\n**%s**: %s\n",
		s == XR_UNSUPPORTED ? "unsupported" : "failed", err);
}

static void md_result(FILE *f, const struct xr_result *r, const char *ev)
{
	fprintf(f, "\nrc=%lld xirr=0x%llx mfrr=0x%llx server=%u prio=%u value=0x%llx path=%s; events: %s\n",
		(long long)r->rc, (unsigned long long)r->xirr,
		(unsigned long long)r->mfrr, r->server, r->prio,
		(unsigned long long)r->value, xr_path_name(r->path), ev);
}

static void md_icp_head(FILE *f)
{
	fprintf(f, "\n| vcpu | server | cppr | mfrr | pprio | xisr | resend | ee | line |\n");
	fprintf(f, "|---:|---:|---|---|---|---|---:|---:|---:|\n");
}

static void md_icp_none(FILE *f, uint32_t vcpu)
{
	fprintf(f, "| %u | - | (no ICP) | | | | | | |\n", vcpu);
}

static void md_icp_row(FILE *f, const struct xr_vcpu_cfg *v,
		       const struct xr_icp_state *s)
{
	fprintf(f, "| %u | %u | 0x%02x | 0x%02x | 0x%02x | 0x%06x | %u | %u | %u |\n",
		v->id, v->server, s->cppr, s->mfrr, s->pprio, s->xisr,
		s->need_resend, s->out_ee, s->line);
}

static void md_src_head(FILE *f)
{
	fprintf(f, "\n| source | ex | lsi | server | prio | saved | p | q | resend | mp | asr | pt | intr_cpu |\n");
	fprintf(f, "|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
}

static void md_src_none(FILE *f, uint32_t irq)
{
	fprintf(f, "| 0x%x | (no ICS block) | | | | | | | | | | | |\n", irq);
}

static void md_src_row(FILE *f, uint32_t irq, const struct xr_source_state *s)
{
	fprintf(f, "| 0x%x | %u | %u | %u | 0x%02x | 0x%02x | %u | %u | %u | %u | %u | %u | %d |\n",
		irq, s->exists, s->lsi, s->server, s->prio, s->saved, s->p,
		s->q, s->resend, s->masked_pending, s->asserted, s->pt_mapped,
		s->intr_cpu);
}

static void md_end(FILE *f)
{
	fputc('\n', f);
}

static const struct trace_fmt md_fmt = {
	md_begin, md_create_failed, md_setup, md_step, md_step_failed,
	md_result, md_icp_head, md_icp_none, md_icp_row, md_src_head,
	md_src_none, md_src_row, md_end,
};

/* -- the walk -- */

static void show_state(FILE *f, const struct trace_fmt *fmt,
		       const struct xr_scenario *scn,
		       const struct xr_impl_ops *impl, void *inst,
		       const uint32_t *irqs, uint32_t n)
{
	uint32_t i;

	fmt->icp_head(f);
	for (i = 0; i < scn->setup.nr_vcpus; i++) {
		const struct xr_vcpu_cfg *v = &scn->setup.vcpus[i];
		struct xr_icp_state s;

		memset(&s, 0, sizeof(s));
		if (impl->get_icp(inst, v->id, &s))
			fmt->icp_row(f, v, &s);
		else
			fmt->icp_none(f, v->id);
	}
	if (!n)
		return;
	fmt->src_head(f);
	for (i = 0; i < n; i++) {
		struct xr_source_state s;

		memset(&s, 0, sizeof(s));
		if (impl->get_source(inst, irqs[i], &s))
			fmt->src_row(f, irqs[i], &s);
		else
			fmt->src_none(f, irqs[i]);
	}
}

/* The sources shown: those of the set-up, then any set-source names */
static void add_irq(uint32_t *irqs, uint32_t *n, uint64_t irq)
{
	uint32_t i;

	if (irq < XR_FIRST_IRQ || irq >= XR_NR_IRQS || *n >= XR_MAX_SOURCES)
		return;
	for (i = 0; i < *n; i++)
		if (irqs[i] == irq)
			return;
	irqs[(*n)++] = (uint32_t)irq;
}

static int trace_walk(FILE *f, const struct trace_fmt *fmt, const char *file,
		      const struct xr_scenario *scn,
		      const struct xr_impl_ops *impl)
{
	uint32_t irqs[XR_MAX_SOURCES], n = 0, i;
	char err[200], ev[512];
	void *inst;

	for (i = 0; i < scn->setup.nr_sources; i++)
		add_irq(irqs, &n, scn->setup.sources[i].irq);
	err[0] = '\0';
	inst = impl->create(&scn->setup, err, sizeof(err));
	fmt->begin(f, file, impl);
	if (!inst) {
		fmt->create_failed(f, err);
		return -1;
	}
	fmt->setup(f);
	show_state(f, fmt, scn, impl, inst, irqs, n);
	for (i = 0; i < scn->nr_steps; i++) {
		const struct xr_scn_step *st = &scn->steps[i];
		struct xr_result r;
		enum xr_status s;

		xr_result_clear(&r);
		err[0] = '\0';
		fmt->step(f, st);
		if (!(impl->step_kinds & (1u << st->step.kind)))
			s = XR_UNSUPPORTED;
		else
			s = impl->step(inst, &st->step, &r, err, sizeof(err));
		if (s != XR_OK) {
			fmt->step_failed(f, s, err);
			break;
		}
		if (st->step.kind == XR_STEP_SET_SOURCE)
			add_irq(irqs, &n, st->step.arg[0]);
		xr_events_str(&r.events, XR_EV_ALL, ev, sizeof(ev));
		fmt->result(f, &r, ev);
		show_state(f, fmt, scn, impl, inst, irqs, n);
	}
	fmt->end(f);
	impl->destroy(inst);
	return 0;
}

int xr_trace(FILE *f, const struct xr_scenario *scn,
	     const struct xr_impl_ops *impl)
{
	return trace_walk(f, &text_fmt, NULL, scn, impl);
}

int xr_trace_md(FILE *f, const char *file, const struct xr_scenario *scn,
		const struct xr_impl_ops *impl)
{
	return trace_walk(f, &md_fmt, file, scn, impl);
}
