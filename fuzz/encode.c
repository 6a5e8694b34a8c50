// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing: a case -> bytes in the format of decode.c.
 *
 * For a case that the decoder produced, the bytes decode to exactly that
 * case (fuzz/selftest.c checks it): every argument is written with a raw
 * selector, every set-up choice with the value the decoder read.  A case
 * built from a scenario file may use what the format cannot say (more
 * sources, other ICS blocks); those are clamped, which is good enough
 * for a seed.
 */
#include <string.h>

#include "decode.h"
#include "decode_internal.h"

struct xf_writer {
	uint8_t *p;
	size_t len, cap;
};

static void wr8(struct xf_writer *w, uint8_t b)
{
	if (w->len < w->cap)
		w->p[w->len] = b;
	w->len++;
}

static void wr_le(struct xf_writer *w, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		wr8(w, v >> (8 * i));
}

static void wr_value(struct xf_writer *w, uint64_t v)
{
	wr8(w, XF_SEL_RAW64);
	wr_le(w, v, 8);
}

static void wr_irq(struct xf_writer *w, uint64_t irq)
{
	wr8(w, XF_SEL_RAW_IRQ);
	wr_le(w, irq % XR_NR_IRQS, 3);
}

static uint8_t block2_index(uint32_t block)
{
	switch (block) {
	case 6:
		return 1;
	case 0:
		return 2;
	case 1023:
		return 3;
	default:
		return 0;
	}
}

static void encode_setup(struct xf_writer *w, const struct xf_case *c)
{
	const struct xr_setup *s = &c->setup;
	uint32_t i, j, nr_vcpus = s->nr_vcpus, nr_src = s->nr_sources;
	uint32_t icps[XF_MAX_VCPUS], nr_icps = 0;

	if (nr_vcpus > XF_MAX_VCPUS)
		nr_vcpus = XF_MAX_VCPUS;
	if (!nr_vcpus)
		nr_vcpus = 1;
	if (nr_src > XF_MAX_SOURCES)
		nr_src = XF_MAX_SOURCES;
	if (!nr_src)
		nr_src = 1;

	wr8(w, (s->machine == XR_POWER9) |
	       (((s->cores - 1) & 3) << 1) |
	       (s->machine == XR_POWER9 && s->threads == 8) << 3);
	wr8(w, (nr_vcpus - 1) | (!s->real_mode) << 3 |
	       (!s->ipi_redirect) << 4 | s->ack_notifier << 5);
	for (i = 0; i < nr_vcpus; i++) {
		const struct xr_vcpu_cfg *v = &s->vcpus[i];
		uint8_t k = ((v->server - i) / XF_MAX_VCPUS) & 3;

		wr8(w, k << 4 | (v->has_icp || !i ? 0 : 0x0f));
		wr8(w, v->cpu < 0 ? 0x80 : v->cpu & 0x7f);
		if (v->has_icp || !i)
			icps[nr_icps++] = v->server;
	}

	wr8(w, (nr_src - 1) | (c->nr_blocks > 1) << 4 |
	       block2_index(c->blocks[1]) << 5);
	for (i = 0; i < nr_src; i++) {
		const struct xr_source_cfg *src = &s->sources[i];
		uint32_t blk = src->irq >> XR_ICS_SHIFT;
		uint32_t base = blk * XR_IRQS_PER_ICS + (blk ? 0 : XR_FIRST_IRQ);
		uint8_t sv = 0;

		for (j = 0; j < nr_icps; j++)
			if (icps[j] == src->server)
				sv = j;
		wr8(w, src->lsi | (blk != c->blocks[0]) << 1 |
		       ((src->irq - base) & 63) << 2);
		wr8(w, sv);
		if (src->prio == XR_PRIO_MASKED) {
			wr8(w, 0);
		} else if (src->prio < 8) {
			wr8(w, 0x40 | src->prio);
		} else {
			wr8(w, 0xc0);
			wr8(w, src->prio);
		}
	}
}

static void encode_args(struct xf_writer *w, const struct xr_step *st)
{
	switch (st->kind) {
	case XR_STEP_H_CPPR:
	case XR_STEP_H_EOI:
	case XR_STEP_H_IPOLL:
	case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF:
	case XR_STEP_RTAS_INT_ON:
	case XR_STEP_SET_ICP:
		wr_value(w, st->arg[0]);
		break;
	case XR_STEP_H_IPI:
		wr_value(w, st->arg[0]);
		wr_value(w, st->arg[1]);
		break;
	case XR_STEP_RTAS_SET_XIVE:
		wr_value(w, st->arg[0]);
		wr_value(w, st->arg[1]);
		wr_value(w, st->arg[2]);
		break;
	case XR_STEP_IRQ:
		wr_irq(w, st->arg[0]);
		wr8(w, st->arg[1]);
		break;
	case XR_STEP_HWIRQ:
		wr8(w, XF_SEL_RAW_IRQ);
		wr_le(w, st->arg[0], 3);
		wr8(w, (st->arg[1] & 0x3f) | (st->arg[2] ? 0xc0 : 0));
		break;
	case XR_STEP_PASSTHRU:
		wr8(w, XF_SEL_RAW_IRQ);
		wr_le(w, st->arg[0], 3);
		wr_irq(w, st->arg[1]);
		break;
	case XR_STEP_UNPASSTHRU:
	case XR_STEP_GET_SOURCE:
		wr_irq(w, st->arg[0]);
		break;
	case XR_STEP_SET_SOURCE:
		wr_irq(w, st->arg[0]);
		wr_value(w, st->arg[1]);
		break;
	case XR_STEP_VCPU_RUN:
		wr8(w, (int64_t)st->arg[0] < 0 ? 0x80 : st->arg[0] & 0x7f);
		break;
	default:
		break;
	}
}

size_t xf_encode(const struct xf_case *c, enum xf_profile profile,
		 uint8_t *buf, size_t cap)
{
	struct xf_writer w = { buf, 0, cap };
	uint32_t i;

	if (profile != XF_PROFILE_STATE)
		profile = XF_PROFILE_ALL;
	wr8(&w, c->version);
	encode_setup(&w, c);
	/* set-up passthru entries are leading passthru steps (decode.c) */
	for (i = 0; i < c->setup.nr_passthru; i++) {
		struct xr_step st = { .kind = XR_STEP_PASSTHRU };

		st.arg[0] = c->setup.passthru[i].hw;
		st.arg[1] = c->setup.passthru[i].irq;
		if (xf_kind_index(profile, XR_STEP_PASSTHRU) < 0)
			break;
		wr8(&w, xf_kind_index(profile, XR_STEP_PASSTHRU));
		encode_args(&w, &st);
	}
	for (i = 0; i < c->nr_steps && i < XF_MAX_STEPS; i++) {
		const struct xr_step *st = &c->steps[i];
		int k = xf_kind_index(profile, st->kind);

		if (k < 0)
			continue;	/* not drawn by this profile */
		wr8(&w, k | (st->vcpu & 7) << 5);
		encode_args(&w, st);
	}
	return w.len <= cap ? w.len : 0;
}

void xf_case_blocks(struct xf_case *c)
{
	uint32_t i, b;

	c->nr_blocks = 1;
	c->blocks[0] = 4;
	c->blocks[1] = 5;
	for (i = 0; i < c->setup.nr_sources; i++) {
		b = c->setup.sources[i].irq >> XR_ICS_SHIFT;
		if (b != c->blocks[0]) {
			c->nr_blocks = 2;
			c->blocks[1] = b;
			return;
		}
	}
}
