// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: "xicsref trace" runs a scenario on one implementation and
 * prints, after each step, its result, its events and the ICP and source
 * state as tables: the way to read what a scenario does.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_icps(FILE *f, const struct xr_scenario *scn,
		       const struct xr_impl_ops *impl, void *inst)
{
	uint32_t i;

	fprintf(f, "    %-5s %-6s %-5s %-5s %-5s %-8s %-6s %-3s %-4s\n", "vcpu",
		"server", "cppr", "mfrr", "pprio", "xisr", "resend", "ee",
		"line");
	for (i = 0; i < scn->setup.nr_vcpus; i++) {
		const struct xr_vcpu_cfg *v = &scn->setup.vcpus[i];
		struct xr_icp_state s;

		memset(&s, 0, sizeof(s));
		if (!impl->get_icp(inst, v->id, &s)) {
			fprintf(f, "    %-5u %-6s (no ICP)\n", v->id, "-");
			continue;
		}
		fprintf(f, "    %-5u %-6u 0x%02x  0x%02x  0x%02x  0x%06x %-6u %-3u %-4u\n",
			v->id, v->server, s.cppr, s.mfrr, s.pprio, s.xisr,
			s.need_resend, s.out_ee, s.line);
	}
}

static void print_sources(FILE *f, const uint32_t *irqs, uint32_t n,
			  const struct xr_impl_ops *impl, void *inst)
{
	uint32_t i;

	if (!n)
		return;
	fprintf(f, "    %-8s %-3s %-3s %-6s %-4s %-5s %-1s %-1s %-6s %-2s %-3s %-3s %s\n",
		"source", "ex", "lsi", "server", "prio", "saved", "p", "q",
		"resend", "mp", "asr", "pt", "intr_cpu");
	for (i = 0; i < n; i++) {
		struct xr_source_state s;

		memset(&s, 0, sizeof(s));
		if (!impl->get_source(inst, irqs[i], &s)) {
			fprintf(f, "    0x%-6x (no ICS block)\n", irqs[i]);
			continue;
		}
		fprintf(f, "    0x%-6x %-3u %-3u %-6u 0x%02x 0x%02x  %u %u %-6u %-2u %-3u %-3u %d\n",
			irqs[i], s.exists, s.lsi, s.server, s.prio, s.saved,
			s.p, s.q, s.resend, s.masked_pending, s.asserted,
			s.pt_mapped, s.intr_cpu);
	}
}

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

int xr_trace(FILE *f, const struct xr_scenario *scn,
	     const struct xr_impl_ops *impl)
{
	uint32_t irqs[XR_MAX_SOURCES], n = 0, i;
	char err[200], ev[512];
	void *inst;

	for (i = 0; i < scn->setup.nr_sources; i++)
		add_irq(irqs, &n, scn->setup.sources[i].irq);
	err[0] = '\0';
	inst = impl->create(&scn->setup, err, sizeof(err));
	fprintf(f, "== %s %s\n", impl->name, impl->version);
	if (!inst) {
		fprintf(f, "    create failed: %s\n", err);
		return -1;
	}
	fprintf(f, "set-up:\n");
	print_icps(f, scn, impl, inst);
	print_sources(f, irqs, n, impl, inst);
	for (i = 0; i < scn->nr_steps; i++) {
		const struct xr_scn_step *st = &scn->steps[i];
		struct xr_result r;
		enum xr_status s;

		memset(&r, 0, sizeof(r));
		err[0] = '\0';
		fprintf(f, "line %u: %s\n", st->line, st->text);
		if (!(impl->step_kinds & (1u << st->step.kind)))
			s = XR_UNSUPPORTED;
		else
			s = impl->step(inst, &st->step, &r, err, sizeof(err));
		if (s != XR_OK) {
			fprintf(f, "    %s: %s\n",
				s == XR_UNSUPPORTED ? "unsupported" : "failed",
				err);
			break;
		}
		if (st->step.kind == XR_STEP_SET_SOURCE)
			add_irq(irqs, &n, st->step.arg[0]);
		xr_events_str(&r.events, XR_EV_ALL, ev, sizeof(ev));
		fprintf(f, "    rc=%lld xirr=0x%llx mfrr=0x%llx server=%u prio=%u value=0x%llx path=%s\n",
			(long long)r.rc, (unsigned long long)r.xirr,
			(unsigned long long)r.mfrr, r.server, r.prio,
			(unsigned long long)r.value, xr_path_name(r.path));
		fprintf(f, "    events: %s\n", ev);
		print_icps(f, scn, impl, inst);
		print_sources(f, irqs, n, impl, inst);
	}
	impl->destroy(inst);
	return 0;
}
