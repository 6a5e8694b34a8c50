// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing: print a case as a scenario; shrink a failing case.
 *
 * The printer writes every set-up value explicitly (no defaults), so
 * the file means the same case whatever the defaults of a later parser.
 * The shrinker is greedy, one element at a time: cases are at most 64
 * steps and a run takes microseconds, so ddmin would buy nothing.
 */
#include <inttypes.h>
#include <string.h>

#include "emit.h"

static const char *const irq_inputs[] = { "on", "off", "pulse" };

static const char *onoff(bool b)
{
	return b ? "on" : "off";
}

static void emit_setup(FILE *f, const struct xr_setup *s)
{
	uint32_t i;

	fprintf(f, "machine %s cores=%u threads=%u\n",
		s->machine == XR_POWER9 ? "power9" : "power8", s->cores,
		s->threads);
	fprintf(f, "option real_mode=%s bypass=%s ipi_redirect=%s\n",
		onoff(s->real_mode), onoff(s->bypass), onoff(s->ipi_redirect));
	fprintf(f, "option ack_notifier=%s\n", onoff(s->ack_notifier));
	if (s->tb_offset)
		fprintf(f, "option tb_offset=%#llx\n",
			(unsigned long long)s->tb_offset);
	for (i = 0; i < s->nr_vcpus; i++) {
		const struct xr_vcpu_cfg *v = &s->vcpus[i];

		fprintf(f, "vcpu %u server=%u", v->id, v->server);
		if (v->cpu < 0)
			fprintf(f, " cpu=none");
		else
			fprintf(f, " cpu=%d", v->cpu);
		fprintf(f, "%s\n", v->has_icp ? "" : " icp=none");
	}
	for (i = 0; i < s->nr_sources; i++) {
		const struct xr_source_cfg *src = &s->sources[i];

		fprintf(f, "source 0x%x %s server=%u prio=0x%x\n", src->irq,
			src->lsi ? "lsi" : "msi", src->server, src->prio);
	}
	for (i = 0; i < s->nr_passthru; i++)
		fprintf(f, "passthru hw=0x%x irq=0x%x\n", s->passthru[i].hw,
			s->passthru[i].irq);
}

void xf_emit_step(FILE *f, const struct xr_step *st)
{
	static const char *const hc[] = {
		[XR_STEP_H_CPPR] = "H_CPPR", [XR_STEP_H_XIRR] = "H_XIRR",
		[XR_STEP_H_XIRR_X] = "H_XIRR_X", [XR_STEP_H_EOI] = "H_EOI",
		[XR_STEP_H_IPI] = "H_IPI", [XR_STEP_H_IPOLL] = "H_IPOLL",
	};
	const uint64_t *a = st->arg;

	switch (st->kind) {
	case XR_STEP_H_XIRR:
	case XR_STEP_H_XIRR_X:
		fprintf(f, "vcpu %u %s\n", st->vcpu, hc[st->kind]);
		break;
	case XR_STEP_H_CPPR:
	case XR_STEP_H_EOI:
	case XR_STEP_H_IPOLL:
		fprintf(f, "vcpu %u %s 0x%" PRIx64 "\n", st->vcpu,
			hc[st->kind], a[0]);
		break;
	case XR_STEP_H_IPI:
		fprintf(f, "vcpu %u H_IPI 0x%" PRIx64 " 0x%" PRIx64 "\n",
			st->vcpu, a[0], a[1]);
		break;
	case XR_STEP_RTAS_SET_XIVE:
		fprintf(f, "rtas set-xive 0x%" PRIx64 " 0x%" PRIx64
			" 0x%" PRIx64 "\n", a[0], a[1], a[2]);
		break;
	case XR_STEP_RTAS_GET_XIVE:
		fprintf(f, "rtas get-xive 0x%" PRIx64 "\n", a[0]);
		break;
	case XR_STEP_RTAS_INT_OFF:
		fprintf(f, "rtas int-off 0x%" PRIx64 "\n", a[0]);
		break;
	case XR_STEP_RTAS_INT_ON:
		fprintf(f, "rtas int-on 0x%" PRIx64 "\n", a[0]);
		break;
	case XR_STEP_IRQ:
		if ((uint32_t)a[1] == XR_IRQ_RAW)
			fprintf(f, "irq 0x%" PRIx64 " level=%d\n", a[0],
				(int)XR_IRQ_RAW_LEVEL(a[1]));
		else
			fprintf(f, "irq 0x%" PRIx64 " %s\n", a[0],
				irq_inputs[a[1] < 3 ? a[1] : XR_IRQ_PULSE]);
		break;
	case XR_STEP_HWIRQ:
		fprintf(f, "hwirq 0x%" PRIx64 " cpu %" PRIu64 "%s\n", a[0], a[1],
			a[2] ? " host-ipi" : "");
		break;
	case XR_STEP_VCPU_RUN:
		if ((int64_t)a[0] < 0)
			fprintf(f, "vcpu %u run cpu=none\n", st->vcpu);
		else
			fprintf(f, "vcpu %u run cpu=%" PRIu64 "\n", st->vcpu,
				a[0]);
		break;
	case XR_STEP_PASSTHRU:
		fprintf(f, "passthru hw=0x%" PRIx64 " irq=0x%" PRIx64 "\n",
			a[0], a[1]);
		break;
	case XR_STEP_UNPASSTHRU:
		fprintf(f, "unpassthru irq=0x%" PRIx64 "\n", a[0]);
		break;
	case XR_STEP_SET_ICP:
		fprintf(f, "set-icp %u 0x%016" PRIx64 "\n", st->vcpu, a[0]);
		break;
	case XR_STEP_GET_ICP:
		fprintf(f, "get-icp %u\n", st->vcpu);
		break;
	case XR_STEP_SET_SOURCE:
		fprintf(f, "set-source 0x%" PRIx64 " 0x%" PRIx64 "\n", a[0],
			a[1]);
		break;
	case XR_STEP_GET_SOURCE:
		fprintf(f, "get-source 0x%" PRIx64 "\n", a[0]);
		break;
	default:
		fprintf(f, "# step kind %d has no statement\n", st->kind);
		break;
	}
}

void xf_emit(FILE *f, const struct xf_case *c, const char *note)
{
	const char *p = note;
	uint32_t i;

	fprintf(f, "# SPDX-License-Identifier: GPL-2.0-only\n");
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		fprintf(f, "# %.*s\n", n, p);
		p += n + (nl ? 1 : 0);
	}
	emit_setup(f, &c->setup);
	for (i = 0; i < c->nr_steps; i++)
		xf_emit_step(f, &c->steps[i]);
}

/* -- Shrinking -- */

static bool step_names_vcpu(const struct xr_step *st, uint32_t id)
{
	switch (st->kind) {
	case XR_STEP_H_CPPR:
	case XR_STEP_H_XIRR:
	case XR_STEP_H_XIRR_X:
	case XR_STEP_H_EOI:
	case XR_STEP_H_IPI:
	case XR_STEP_H_IPOLL:
	case XR_STEP_VCPU_RUN:
	case XR_STEP_SET_ICP:
	case XR_STEP_GET_ICP:
		return st->vcpu == id;
	default:
		return false;
	}
}

static bool vcpu_needed(const struct xf_case *c, uint32_t i)
{
	const struct xr_vcpu_cfg *v = &c->setup.vcpus[i];
	uint32_t k;

	if (c->setup.nr_vcpus == 1)
		return true;
	for (k = 0; k < c->nr_steps; k++)
		if (step_names_vcpu(&c->steps[k], v->id))
			return true;
	for (k = 0; k < c->setup.nr_sources; k++)
		if (c->setup.sources[k].server == v->server)
			return true;
	return false;
}

/* Try @cand; keep it in @c when it still fails */
static bool try(struct xf_case *c, const struct xf_case *cand,
		xf_still_fails_fn fails, void *arg, unsigned int *runs)
{
	(*runs)++;
	if (!fails(cand, arg))
		return false;
	*c = *cand;
	return true;
}

static bool shrink_steps(struct xf_case *c, struct xf_case *t,
			 xf_still_fails_fn fails, void *arg,
			 unsigned int *runs)
{
	bool progress = false;
	uint32_t i;

	for (i = c->nr_steps; i-- > 0;) {
		*t = *c;
		memmove(&t->steps[i], &t->steps[i + 1],
			(t->nr_steps - i - 1) * sizeof(t->steps[0]));
		t->nr_steps--;
		progress |= try(c, t, fails, arg, runs);
	}
	return progress;
}

static bool shrink_setup(struct xf_case *c, struct xf_case *t,
			 xf_still_fails_fn fails, void *arg,
			 unsigned int *runs)
{
	struct xr_setup *s;
	bool progress = false;
	uint32_t i;

	for (i = c->setup.nr_sources; i-- > 0 && c->setup.nr_sources > 1;) {
		*t = *c;
		s = &t->setup;
		memmove(&s->sources[i], &s->sources[i + 1],
			(s->nr_sources - i - 1) * sizeof(s->sources[0]));
		s->nr_sources--;
		progress |= try(c, t, fails, arg, runs);
	}
	for (i = c->setup.nr_vcpus; i-- > 0;) {
		if (vcpu_needed(c, i))
			continue;
		*t = *c;
		s = &t->setup;
		memmove(&s->vcpus[i], &s->vcpus[i + 1],
			(s->nr_vcpus - i - 1) * sizeof(s->vcpus[0]));
		s->nr_vcpus--;
		progress |= try(c, t, fails, arg, runs);
	}
	return progress;
}

static bool shrink_options(struct xf_case *c, struct xf_case *t,
			   xf_still_fails_fn fails, void *arg,
			   unsigned int *runs)
{
	bool progress = false;

	if (!c->setup.real_mode || !c->setup.ipi_redirect ||
	    c->setup.ack_notifier) {
		*t = *c;
		t->setup.real_mode = true;
		t->setup.ipi_redirect = true;
		t->setup.ack_notifier = false;
		progress |= try(c, t, fails, arg, runs);
	}
	return progress;
}

unsigned int xf_shrink(struct xf_case *c, xf_still_fails_fn fails, void *arg)
{
	static struct xf_case t;	/* large: keep it off the stack */
	unsigned int runs = 0;
	bool progress = true;

	while (progress) {
		progress = shrink_steps(c, &t, fails, arg, &runs);
		progress |= shrink_setup(c, &t, fails, arg, &runs);
		progress |= shrink_options(c, &t, fails, arg, &runs);
	}
	return runs;
}
