// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing: the byte format (docs/fuzzing.md, "Input format").
 *
 * A reader hands out bytes and then zeros forever, so every field has a
 * value whatever the length of the input; the step loop alone stops at
 * the end of the data.  Every choice that could break a scenario rule
 * (two VCPUs on one CPU, an hcall from a VCPU that is not running, two
 * sources with one number) is mapped to a valid one rather than refused.
 */
#include <string.h>

#include "decode.h"
#include "decode_internal.h"

static const uint64_t xf_edges[16] = {
	0, 1, 2, 0xfe, 0xff, 0x100, 0xffffffffull, 0x100000000ull,
	~0ull, 0x7fffffffull, 0x80000000ull, 0xff000000ull,
	0x1000, 0xffffffull, 0x8000000000000000ull, 0x100000005ull,
};

/* Step kinds by the low five bits of the kind byte, per profile */
static const uint8_t xf_kinds[2][32] = {
	[XF_PROFILE_ALL] = {
		XR_STEP_H_CPPR, XR_STEP_H_CPPR, XR_STEP_H_XIRR,
		XR_STEP_H_XIRR, XR_STEP_H_XIRR_X, XR_STEP_H_EOI,
		XR_STEP_H_EOI, XR_STEP_H_IPI, XR_STEP_H_IPI,
		XR_STEP_H_IPOLL, XR_STEP_RTAS_SET_XIVE,
		XR_STEP_RTAS_SET_XIVE, XR_STEP_RTAS_GET_XIVE,
		XR_STEP_RTAS_INT_OFF, XR_STEP_RTAS_INT_ON, XR_STEP_IRQ,
		XR_STEP_IRQ, XR_STEP_IRQ, XR_STEP_HWIRQ, XR_STEP_VCPU_RUN,
		XR_STEP_PASSTHRU, XR_STEP_UNPASSTHRU, XR_STEP_SET_ICP,
		XR_STEP_GET_ICP, XR_STEP_SET_SOURCE, XR_STEP_GET_SOURCE,
		XR_STEP_H_XIRR, XR_STEP_H_EOI, XR_STEP_H_CPPR,
		XR_STEP_H_IPI, XR_STEP_HWIRQ, XR_STEP_IRQ,
	},
	[XF_PROFILE_STATE] = {
		XR_STEP_SET_ICP, XR_STEP_SET_ICP, XR_STEP_SET_ICP,
		XR_STEP_SET_ICP, XR_STEP_SET_ICP, XR_STEP_SET_ICP,
		XR_STEP_SET_ICP, XR_STEP_SET_ICP, XR_STEP_SET_SOURCE,
		XR_STEP_SET_SOURCE, XR_STEP_SET_SOURCE, XR_STEP_SET_SOURCE,
		XR_STEP_SET_SOURCE, XR_STEP_SET_SOURCE, XR_STEP_GET_ICP,
		XR_STEP_GET_ICP, XR_STEP_GET_SOURCE, XR_STEP_GET_SOURCE,
		XR_STEP_H_XIRR, XR_STEP_H_XIRR, XR_STEP_H_EOI,
		XR_STEP_H_EOI, XR_STEP_H_CPPR, XR_STEP_H_CPPR,
		XR_STEP_H_IPI, XR_STEP_IRQ, XR_STEP_IRQ,
		XR_STEP_RTAS_INT_ON, XR_STEP_RTAS_INT_OFF,
		XR_STEP_RTAS_SET_XIVE, XR_STEP_VCPU_RUN, XR_STEP_H_IPOLL,
	},
};

/* Second ICS block, by two bits of the sources byte */
static const uint32_t xf_block2[4] = { 5, 6, 0, 1023 };
/* Host hardware IRQ numbers of the small pool (XICS domain) */
static const uint32_t xf_hw_pool[4] = { 0x2a0, 0x2a1, 0x2a7, 0x3000 };

struct xf_reader {
	const uint8_t *p;
	size_t left;
};

static uint8_t rd8(struct xf_reader *r)
{
	if (!r->left)
		return 0;
	r->left--;
	return *r->p++;
}

static uint64_t rd_le(struct xf_reader *r, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)rd8(r) << (8 * i);
	return v;
}

bool xf_is_hcall(enum xr_step_kind k)
{
	return k <= XR_STEP_H_IPOLL;
}

int xf_kind_index(enum xf_profile profile, enum xr_step_kind k)
{
	int i;

	for (i = 0; i < 32; i++)
		if (xf_kinds[profile][i] == k)
			return i;
	return -1;
}

/* The small priority: 0..7 mostly, masked, or the top of the range */
static uint8_t small_prio(uint8_t b)
{
	if (b < 0xc0)
		return b & 7;
	if (b < 0xe0)
		return 0xff;
	return b;
}

static uint32_t small_xisr(const struct xr_setup *s, uint8_t b)
{
	if (b < 0x40)
		return XR_XISR_IPI;
	if (b < 0x50)
		return XR_XISR_NONE;
	return s->sources[b % s->nr_sources].irq;
}

static uint64_t small_value(struct xf_reader *r, const struct xr_setup *s,
			    enum xf_hint h)
{
	uint8_t b = rd8(r);
	uint64_t cppr, xisr, mfrr, pprio;

	switch (h) {
	case XF_HINT_PRIO:
		return small_prio(b);
	case XF_HINT_SERVER:
		return s->vcpus[b % s->nr_vcpus].server;
	case XF_HINT_IRQ:
		return s->sources[b % s->nr_sources].irq;
	case XF_HINT_XIRR:
		return (uint64_t)small_prio(b) << 24 | small_xisr(s, rd8(r));
	case XF_HINT_ICP:
		cppr = small_prio(b);
		xisr = small_xisr(s, rd8(r));
		mfrr = small_prio(rd8(r));
		pprio = small_prio(rd8(r));
		return cppr << 56 | xisr << 32 | mfrr << 24 | pprio << 16;
	case XF_HINT_SOURCE:
		return s->vcpus[b % s->nr_vcpus].server |
		       (uint64_t)small_prio(rd8(r)) << 32 |
		       (uint64_t)(rd8(r) & 0x1f) << 40;
	}
	return 0;
}

static uint64_t xf_read_value(struct xf_reader *r, const struct xr_setup *s,
		       enum xf_hint h)
{
	uint8_t sel = rd8(r);

	if (sel < 0x50)
		return small_value(r, s, h);
	if (sel < 0x90)
		return xf_edges[sel & 15];
	if (sel < 0xa0)
		return small_value(r, s, h) | 1ull << (32 + (sel & 15) * 2);
	if (sel < 0xc0)
		return rd8(r);
	if (sel < 0xe0)
		return rd_le(r, 4);
	return rd_le(r, 8);
}

static uint32_t block_base(uint32_t block)
{
	return block * XR_IRQS_PER_ICS + (block ? 0 : XR_FIRST_IRQ);
}

/* An IRQ identifier (always < XR_NR_IRQS) */
static uint32_t read_irq(struct xf_reader *r, const struct xf_layout *l,
			 const struct xr_setup *s)
{
	uint8_t b = rd8(r);

	if (b < 0xc0)
		return s->sources[b % s->nr_sources].irq;
	if (b < 0xe0)
		return block_base(l->blocks[(b & 1) % l->nr_blocks]) + rd8(r);
	return rd_le(r, 3) % XR_NR_IRQS;
}

static void block_mark(struct xf_layout *l, uint32_t irq)
{
	if (irq >= XR_FIRST_IRQ && irq < XR_NR_IRQS)
		l->known[(irq >> XR_ICS_SHIFT) / 8] |=
			1u << ((irq >> XR_ICS_SHIFT) % 8);
}

static bool block_known(const struct xf_layout *l, uint32_t irq)
{
	return l->known[(irq >> XR_ICS_SHIFT) / 8] &
	       (1u << ((irq >> XR_ICS_SHIFT) % 8));
}

/* Passthrough IRQs and host numbers start at XR_FIRST_IRQ */
static uint32_t not_reserved(uint32_t n)
{
	return n < XR_FIRST_IRQ ? n + XR_FIRST_IRQ : n;
}

/*
 * Input goes to a source of an ICS block that exists: an IRQ of any
 * other block moves to the block of the first source, same offset.
 */
static uint32_t read_input_irq(struct xf_reader *r, const struct xf_layout *l,
			       const struct xr_setup *s)
{
	uint32_t irq = read_irq(r, l, s);

	if (irq >= XR_FIRST_IRQ && block_known(l, irq))
		return irq;
	irq = (s->sources[0].irq & ~(XR_IRQS_PER_ICS - 1)) |
	      (irq & (XR_IRQS_PER_ICS - 1));
	return not_reserved(irq);
}

static uint32_t read_hw(struct xf_reader *r)
{
	uint8_t b = rd8(r);

	if (b < 0xc0)
		return xf_hw_pool[b & 3];
	if (b < 0xe0)
		return 2;	/* the physical IPI */
	return rd_le(r, 3);
}

/*
 * A CPU for VCPU @v: @b's bit 7 says not running, otherwise CPU
 * b % nr_cpus or the next one that no other VCPU holds.
 */
static int32_t pick_cpu(const int32_t *owner, uint32_t nr_cpus, uint32_t v,
			uint8_t b)
{
	uint32_t i, cpu;

	if (b & 0x80)
		return -1;
	for (i = 0; i < nr_cpus; i++) {
		cpu = (b + i) % nr_cpus;
		if (owner[cpu] < 0 || owner[cpu] == (int32_t)v)
			return cpu;
	}
	return -1;
}

static void place(int32_t *owner, struct xf_layout *l, uint32_t v,
		  int32_t cpu)
{
	if (l->cpu_of[v] >= 0)
		owner[l->cpu_of[v]] = -1;
	l->cpu_of[v] = cpu;
	if (cpu >= 0)
		owner[cpu] = v;
}

static void decode_machine(struct xf_reader *r, struct xr_setup *s)
{
	uint8_t m = rd8(r), o = rd8(r);

	s->machine = (m & 1) ? XR_POWER9 : XR_POWER8;
	s->cores = 1 + ((m >> 1) & 3);
	/* POWER8 cores have 8 threads, POWER9 4 (or 8: big cores) */
	s->threads = (m & 1) && !(m & 0x08) ? 4 : 8;
	s->nr_vcpus = 1 + (o & 7);
	s->real_mode = !(o & 0x08);
	s->ipi_redirect = !(o & 0x10);
	s->ack_notifier = !!(o & 0x20);
	s->bypass = true;
}

static void decode_vcpus(struct xf_reader *r, struct xr_setup *s,
			 struct xf_layout *l, int32_t *owner)
{
	uint32_t i;

	for (i = 0; i < s->nr_vcpus; i++) {
		uint8_t sv = rd8(r), c = rd8(r);
		struct xr_vcpu_cfg *v = &s->vcpus[i];

		v->id = i;
		v->server = i + XF_MAX_VCPUS * ((sv >> 4) & 3);
		v->has_icp = !(i > 0 && (sv & 0x0f) == 0x0f);
		l->cpu_of[i] = -1;
		place(owner, l, i, pick_cpu(owner, xf_nr_cpus(s), i, c));
		v->cpu = l->cpu_of[i];
	}
}

static bool irq_taken(const struct xr_setup *s, uint32_t n, uint32_t irq)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (s->sources[i].irq == irq)
			return true;
	return false;
}

static void decode_sources(struct xf_reader *r, struct xr_setup *s,
			   struct xf_layout *l)
{
	uint8_t h = rd8(r);
	uint32_t i, icps[XF_MAX_VCPUS], nr_icps = 0;

	for (i = 0; i < s->nr_vcpus; i++)
		if (s->vcpus[i].has_icp)
			icps[nr_icps++] = s->vcpus[i].server;

	s->nr_sources = 1 + (h & 15);
	l->nr_blocks = 1 + ((h >> 4) & 1);
	l->blocks[0] = 4;
	l->blocks[1] = xf_block2[(h >> 5) & 3];
	for (i = 0; i < s->nr_sources; i++) {
		uint8_t a = rd8(r), sv = rd8(r), p = rd8(r);
		struct xr_source_cfg *src = &s->sources[i];
		uint32_t blk = l->blocks[((a >> 1) & 1) % l->nr_blocks];
		uint32_t off = a >> 2;

		while (irq_taken(s, i, block_base(blk) + off))
			off = (off + 1) & 63;
		src->irq = block_base(blk) + off;
		block_mark(l, src->irq);
		src->lsi = a & 1;
		src->server = icps[(sv & 7) % nr_icps];
		if ((p >> 6) == 0)
			src->prio = XR_PRIO_MASKED;
		else if ((p >> 6) < 3)
			src->prio = p & 7;
		else
			src->prio = rd8(r);
	}
}

static void decode_args(struct xf_reader *r, const struct xr_setup *s,
			struct xf_layout *l, struct xr_step *st)
{
	uint8_t b;

	switch (st->kind) {
	case XR_STEP_H_CPPR:
		st->arg[0] = xf_read_value(r, s, XF_HINT_PRIO);
		break;
	case XR_STEP_H_EOI:
		st->arg[0] = xf_read_value(r, s, XF_HINT_XIRR);
		break;
	case XR_STEP_H_IPI:
		st->arg[0] = xf_read_value(r, s, XF_HINT_SERVER);
		st->arg[1] = xf_read_value(r, s, XF_HINT_PRIO);
		break;
	case XR_STEP_H_IPOLL:
		st->arg[0] = xf_read_value(r, s, XF_HINT_SERVER);
		break;
	case XR_STEP_RTAS_SET_XIVE:
		st->arg[0] = xf_read_value(r, s, XF_HINT_IRQ);
		st->arg[1] = xf_read_value(r, s, XF_HINT_SERVER);
		st->arg[2] = xf_read_value(r, s, XF_HINT_PRIO);
		break;
	case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF:
	case XR_STEP_RTAS_INT_ON:
		st->arg[0] = xf_read_value(r, s, XF_HINT_IRQ);
		break;
	case XR_STEP_IRQ:
		st->arg[0] = read_input_irq(r, l, s);
		st->arg[1] = rd8(r) % 3;
		break;
	case XR_STEP_HWIRQ:
		st->arg[0] = read_hw(r);
		b = rd8(r);
		st->arg[1] = (b & 0x3f) % xf_nr_cpus(s);
		/* a quarter of them with a host IPI flagged on that CPU */
		st->arg[2] = (b & 0xc0) == 0xc0;
		break;
	case XR_STEP_PASSTHRU:
		st->arg[0] = not_reserved(read_hw(r));
		st->arg[1] = not_reserved(read_irq(r, l, s));
		break;
	case XR_STEP_UNPASSTHRU:
		st->arg[0] = not_reserved(read_irq(r, l, s));
		break;
	case XR_STEP_GET_SOURCE:
		st->arg[0] = read_irq(r, l, s);
		break;
	case XR_STEP_SET_ICP:
		st->arg[0] = xf_read_value(r, s, XF_HINT_ICP);
		break;
	case XR_STEP_SET_SOURCE:
		st->arg[0] = read_irq(r, l, s);
		block_mark(l, st->arg[0]);
		st->arg[1] = xf_read_value(r, s, XF_HINT_SOURCE);
		break;
	default:
		break;
	}
}

/*
 * A hwirq arrives at a CPU whose loaded VCPU, if any, has an ICP: the
 * next such CPU from the one drawn.  Both sides refuse a mapped device
 * interrupt for a VCPU without one (FINDING-READPATH-NOICP), a rule of
 * the scenario rather than behaviour to compare.  With no such CPU the
 * step reads VCPU 0's ICP instead.
 */
static void hwirq_cpu(const struct xr_setup *s, const int32_t *owner,
		      struct xr_step *st)
{
	uint32_t i, cpu, nr = xf_nr_cpus(s);

	for (i = 0; i < nr; i++) {
		cpu = (st->arg[1] + i) % nr;
		if (owner[cpu] < 0 || s->vcpus[owner[cpu]].has_icp) {
			st->arg[1] = cpu;
			return;
		}
	}
	memset(st, 0, sizeof(*st));
	st->kind = XR_STEP_GET_ICP;
}

/* The next running VCPU from @v on, or -1 */
static int running_from(const struct xf_layout *l, uint32_t n, uint32_t v)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (l->cpu_of[(v + i) % n] >= 0)
			return (v + i) % n;
	return -1;
}

static void decode_step(struct xf_reader *r, const struct xr_setup *s,
			struct xf_layout *l, int32_t *owner,
			enum xf_profile profile, struct xr_step *st)
{
	uint8_t k = rd8(r);
	uint32_t v = (k >> 5) % s->nr_vcpus;
	int run;

	memset(st, 0, sizeof(*st));
	st->kind = xf_kinds[profile][k & 31];
	st->vcpu = v;
	if (xf_is_hcall(st->kind)) {
		run = running_from(l, s->nr_vcpus, v);
		if (run < 0) {
			/* nobody runs: the step puts VCPU v on a CPU */
			st->kind = XR_STEP_VCPU_RUN;
			st->arg[0] = pick_cpu(owner, xf_nr_cpus(s), v, 0);
			place(owner, l, v, st->arg[0]);
			return;
		}
		st->vcpu = run;
	}
	if (st->kind == XR_STEP_VCPU_RUN) {
		int32_t cpu = pick_cpu(owner, xf_nr_cpus(s), v, rd8(r));

		st->arg[0] = (uint64_t)(int64_t)cpu;
		place(owner, l, v, cpu);
		return;
	}
	decode_args(r, s, l, st);
	if (st->kind == XR_STEP_HWIRQ)
		hwirq_cpu(s, owner, st);
	/* steps that name no VCPU carry 0, as the parser leaves them */
	if (!xf_is_hcall(st->kind) && st->kind != XR_STEP_SET_ICP &&
	    st->kind != XR_STEP_GET_ICP)
		st->vcpu = 0;
}

/*
 * A passthru statement before the first step is a set-up statement, as
 * the parser reads it: it joins the set-up map.  One that repeats a
 * hardware or guest number already there (an error in the set-up)
 * becomes "get-icp 0" instead, which ends the set-up.
 */
static void leading_passthru(struct xr_setup *s, struct xr_step *st,
			     uint32_t *nr_steps)
{
	uint32_t i;

	for (i = 0; i < s->nr_passthru; i++)
		if (s->passthru[i].hw == st->arg[0] ||
		    s->passthru[i].irq == st->arg[1])
			break;
	if (i < s->nr_passthru || s->nr_passthru == XR_MAX_SOURCES) {
		memset(st, 0, sizeof(*st));
		st->kind = XR_STEP_GET_ICP;
		return;
	}
	s->passthru[s->nr_passthru].hw = st->arg[0];
	s->passthru[s->nr_passthru].irq = st->arg[1];
	s->nr_passthru++;
	(*nr_steps)--;
}

void xf_decode(const uint8_t *data, size_t len, enum xf_profile profile,
	       struct xf_case *c)
{
	struct xf_reader r = { data, len };
	struct xf_layout l;
	int32_t owner[XR_MAX_CPUS];
	uint32_t i;

	memset(c, 0, sizeof(*c));
	memset(&l, 0, sizeof(l));
	for (i = 0; i < XR_MAX_CPUS; i++)
		owner[i] = -1;
	if (profile != XF_PROFILE_STATE)
		profile = XF_PROFILE_ALL;

	c->version = rd8(&r);
	decode_machine(&r, &c->setup);
	decode_vcpus(&r, &c->setup, &l, owner);
	decode_sources(&r, &c->setup, &l);
	c->nr_blocks = l.nr_blocks;
	c->blocks[0] = l.blocks[0];
	c->blocks[1] = l.blocks[1];
	while (r.left && c->nr_steps < XF_MAX_STEPS) {
		struct xr_step *st = &c->steps[c->nr_steps++];

		decode_step(&r, &c->setup, &l, owner, profile, st);
		if (c->nr_steps == 1 && st->kind == XR_STEP_PASSTHRU)
			leading_passthru(&c->setup, st, &c->nr_steps);
	}
	/* a scenario has at least one step: read VCPU 0's ICP */
	if (!c->nr_steps) {
		/* a leading passthru may have left its arguments there */
		memset(&c->steps[0], 0, sizeof(c->steps[0]));
		c->steps[0].kind = XR_STEP_GET_ICP;
		c->nr_steps = 1;
	}
}
