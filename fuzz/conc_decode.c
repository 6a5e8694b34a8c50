// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing, concurrent_ops: the byte format (docs/fuzzing.md,
 * "concurrent_ops").
 *
 *   byte 0        format version (every value decodes as version 1)
 *   byte 1        bit 0: three operations, else two; bits 1-2: the
 *                 operation that starts (0: the first)
 *   bytes 2..25   three operation slots of 8 bytes: kind, place, 6 args
 *   bytes 26..57  eight decisions of 4 bytes: whose (bits 0-1: the
 *                 operation, bit 6: random, bit 7: its store's
 *                 decision, else its CPU's), the hook call (16 bits,
 *                 little endian; random: the seed), pick (0: none)
 *   bytes 58..    a diff_ops input: the set-up and the steps before the
 *                 block (decode.c)
 *
 * The slots have a fixed size so that the set-up stays where it is when
 * an operation changes kind.  As in decode.c every choice that could
 * break a rule of the block (a hypercall on another CPU than its VCPU's,
 * a host operation on a CPU that runs a VCPU, two operations on one CPU)
 * is mapped to a valid one; an operation that fits nowhere is left out.
 */
#include <string.h>

#include <xicsref/model.h>

#include "conc.h"
#include "run.h"

/*
 * Operation kinds by the low five bits of the kind byte.  Not drawn:
 * get-source (it crashed the explorer in a block until 2026-12-06; to be
 * added with its argument decoding), and set-source, a restore, which the
 * kernel orders against nothing that runs at the same time (userspace
 * restores a stopped VM): its races with interrupts and RTAS calls are
 * real and known, and would be every finding.
 */
static const uint8_t xc_kinds[32] = {
	XR_STEP_H_CPPR, XR_STEP_H_CPPR, XR_STEP_H_CPPR,
	XR_STEP_H_XIRR, XR_STEP_H_XIRR, XR_STEP_H_XIRR, XR_STEP_H_XIRR_X,
	XR_STEP_H_EOI, XR_STEP_H_EOI, XR_STEP_H_EOI,
	XR_STEP_H_IPI, XR_STEP_H_IPI, XR_STEP_H_IPI, XR_STEP_H_IPI,
	XR_STEP_H_IPOLL,
	XR_STEP_IRQ, XR_STEP_IRQ, XR_STEP_IRQ, XR_STEP_IRQ, XR_STEP_IRQ,
	XR_STEP_RTAS_SET_XIVE, XR_STEP_RTAS_SET_XIVE, XR_STEP_RTAS_INT_OFF,
	XR_STEP_RTAS_INT_ON, XR_STEP_RTAS_GET_XIVE,
	XR_STEP_HWIRQ, XR_STEP_HWIRQ, XR_STEP_HWIRQ,
	XR_STEP_PASSTHRU, XR_STEP_UNPASSTHRU, XR_STEP_IRQ,
	XR_STEP_GET_SOURCE,
};

static const uint64_t xc_edges[16] = {
	0, 1, 2, 0xfe, 0xff, 0x100, 0xffffffffull, 0x100000000ull,
	~0ull, 0x7fffffffull, 0x80000000ull, 0xff000000ull,
	0x1000, 0xffffffull, 0x8000000000000000ull, 0x100000005ull,
};

/* Host hardware IRQ numbers, as decode.c's pool */
static const uint32_t xc_hw_pool[4] = { 0x2a0, 0x2a1, 0x2a7, 0x3000 };

#define XC_MAX_MAP	16

/* Who runs where once the steps before the block have run */
struct xc_layout {
	const struct xr_setup *s;
	uint32_t nr_cpus;
	int32_t cpu_of[XR_MAX_VCPUS];		/* by set-up index */
	int32_t owner[XR_MAX_CPUS];		/* set-up index, or -1 */
	bool used[XR_MAX_CPUS];			/* an operation's CPU */
	uint32_t nr_map;			/* passthrough entries */
	uint32_t map_hw[XC_MAX_MAP], map_irq[XC_MAX_MAP];
};

static int vcpu_index(const struct xr_setup *s, uint32_t id)
{
	uint32_t i;

	for (i = 0; i < s->nr_vcpus; i++)
		if (s->vcpus[i].id == id)
			return (int)i;
	return -1;
}

static void map_add(struct xc_layout *l, uint64_t hw, uint64_t irq)
{
	if (l->nr_map == XC_MAX_MAP)
		return;
	l->map_hw[l->nr_map] = (uint32_t)hw;
	l->map_irq[l->nr_map++] = (uint32_t)irq;
}

static void map_del(struct xc_layout *l, uint64_t irq)
{
	uint32_t i;

	for (i = 0; i < l->nr_map; i++)
		if (l->map_irq[i] == irq) {
			l->map_hw[i] = l->map_hw[--l->nr_map];
			l->map_irq[i] = l->map_irq[l->nr_map];
			return;
		}
}

static void layout_step(struct xc_layout *l, const struct xr_step *st)
{
	int v;

	switch (st->kind) {
	case XR_STEP_VCPU_RUN:
		v = vcpu_index(l->s, st->vcpu);
		if (v >= 0)
			l->cpu_of[v] = (int32_t)st->arg[0];
		break;
	case XR_STEP_PASSTHRU:
		map_add(l, st->arg[0], st->arg[1]);
		break;
	case XR_STEP_UNPASSTHRU:
		map_del(l, st->arg[0]);
		break;
	default:
		break;
	}
}

static void layout(const struct xf_case *seq, struct xc_layout *l)
{
	const struct xr_setup *s = &seq->setup;
	uint32_t i;

	memset(l, 0, sizeof(*l));
	l->s = s;
	l->nr_cpus = xf_nr_cpus(s);
	for (i = 0; i < s->nr_vcpus; i++)
		l->cpu_of[i] = s->vcpus[i].cpu;
	for (i = 0; i < s->nr_passthru; i++)
		map_add(l, s->passthru[i].hw, s->passthru[i].irq);
	for (i = 0; i < seq->nr_steps; i++)
		layout_step(l, &seq->steps[i]);
	for (i = 0; i < XR_MAX_CPUS; i++)
		l->owner[i] = -1;
	for (i = 0; i < s->nr_vcpus; i++)
		if (l->cpu_of[i] >= 0 && (uint32_t)l->cpu_of[i] < l->nr_cpus)
			l->owner[l->cpu_of[i]] = (int32_t)i;
}

/* -- argument values: one byte each (wide values: the edges) -- */

static uint64_t v_prio(uint8_t b)
{
	if (b < 0xc0)
		return b & 7;
	if (b < 0xe0)
		return XR_PRIO_MASKED;
	return b < 0xf0 ? b : xc_edges[b & 15];
}

static uint64_t v_server(const struct xr_setup *s, uint8_t b)
{
	return b < 0xf0 ? s->vcpus[b % s->nr_vcpus].server : xc_edges[b & 15];
}

static uint64_t v_irq(const struct xr_setup *s, uint8_t b)
{
	return b < 0xf0 ? s->sources[b % s->nr_sources].irq : xc_edges[b & 15];
}

static uint64_t v_xirr(const struct xr_setup *s, uint8_t b0, uint8_t b1)
{
	uint64_t xisr;

	if (b0 >= 0xf0)
		return xc_edges[b0 & 15];
	if (b1 < 0x40)
		xisr = XR_XISR_IPI;
	else if (b1 < 0x50)
		xisr = XR_XISR_NONE;
	else
		xisr = s->sources[b1 % s->nr_sources].irq;
	return v_prio(b0) << 24 | xisr;
}

/* A hardware number: one the map holds, one of the pool, the host IPI */
static uint64_t v_hw(const struct xc_layout *l, uint8_t b)
{
	if (b < 0x80 && l->nr_map)
		return l->map_hw[b % l->nr_map];
	return b < 0xe0 ? xc_hw_pool[b & 3] : 2;
}

static void op_args(const struct xc_layout *l, const uint8_t *a,
		    struct xr_step *st)
{
	const struct xr_setup *s = l->s;

	switch (st->kind) {
	case XR_STEP_H_CPPR:
		st->arg[0] = v_prio(a[0]);
		break;
	case XR_STEP_H_EOI:
		st->arg[0] = v_xirr(s, a[0], a[1]);
		break;
	case XR_STEP_H_IPI:
		st->arg[0] = v_server(s, a[0]);
		st->arg[1] = v_prio(a[1]);
		break;
	case XR_STEP_H_IPOLL:
		st->arg[0] = v_server(s, a[0]);
		break;
	case XR_STEP_RTAS_SET_XIVE:
		st->arg[0] = v_irq(s, a[0]);
		st->arg[1] = v_server(s, a[1]);
		st->arg[2] = v_prio(a[2]);
		break;
	case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF:
	case XR_STEP_RTAS_INT_ON:
		st->arg[0] = v_irq(s, a[0]);
		break;
	case XR_STEP_GET_SOURCE:
		/* a device attribute number: 32 bits */
		st->arg[0] = (uint32_t)v_irq(s, a[0]);
		break;
	case XR_STEP_IRQ:
		/* a source of the set-up: its ICS block exists */
		st->arg[0] = s->sources[a[0] % s->nr_sources].irq;
		st->arg[1] = a[1] % 3;
		break;
	case XR_STEP_HWIRQ:
		st->arg[0] = v_hw(l, a[0]);
		st->arg[2] = (a[1] & 3) == 3;	/* a quarter: host-ipi */
		break;
	case XR_STEP_PASSTHRU:
		st->arg[0] = xc_hw_pool[a[0] & 3];
		st->arg[1] = s->sources[a[1] % s->nr_sources].irq;
		break;
	case XR_STEP_UNPASSTHRU:
		st->arg[0] = a[0] < 0x80 && l->nr_map ?
			     l->map_irq[a[0] % l->nr_map] :
			     s->sources[a[0] % s->nr_sources].irq;
		break;
	default:
		break;
	}
}

/* -- where an operation runs -- */

/* The next running VCPU from @b with an ICP and a CPU still free */
static int place_hcall(struct xc_layout *l, uint8_t b)
{
	const struct xr_setup *s = l->s;
	uint32_t i, v;

	for (i = 0; i < s->nr_vcpus; i++) {
		v = (b + i) % s->nr_vcpus;
		if (l->cpu_of[v] >= 0 && (uint32_t)l->cpu_of[v] < l->nr_cpus &&
		    s->vcpus[v].has_icp && !l->used[l->cpu_of[v]])
			return (int)v;
	}
	return -1;
}

/*
 * The first thread of a core that runs no VCPU: real mode borrows such
 * a core for its messages (grab_next_hostcore), and host work sent to a
 * CPU that runs an operation of the block cannot be explored.
 */
static bool host_core_cpu(const struct xc_layout *l, uint32_t cpu)
{
	uint32_t t, th = l->s->threads;

	if (cpu % th)
		return false;
	for (t = 0; t < th; t++)
		if (l->owner[cpu + t] >= 0)
			return false;
	return true;
}

static int place_cpu(struct xc_layout *l, uint8_t b, bool hwirq)
{
	uint32_t i, cpu, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < l->nr_cpus; i++) {
			cpu = (b + i) % l->nr_cpus;
			if (l->used[cpu] || (!pass && host_core_cpu(l, cpu)))
				continue;
			/* hwirq: any CPU whose VCPU, if any, has an ICP */
			if (hwirq && (l->owner[cpu] < 0 ||
				      l->s->vcpus[l->owner[cpu]].has_icp))
				return (int)cpu;
			if (!hwirq && l->owner[cpu] < 0)
				return (int)cpu;
		}
	return -1;
}

static bool is_rtas(enum xr_step_kind k)
{
	return k >= XR_STEP_RTAS_SET_XIVE && k <= XR_STEP_RTAS_INT_ON;
}

/*
 * Slot @a's kind and arguments; a hypercall also gets its VCPU and CPU.
 * One RTAS call per block (@rtas: one was decoded): the kernel serialises
 * RTAS calls (rtas_token_lock), so a second adds little but time.
 */
static void decode_op(struct xc_layout *l, const uint8_t *a, struct xc_op *op,
		      bool *rtas)
{
	struct xr_step *st = &op->step;
	int v;

	memset(op, 0, sizeof(*op));
	op->cpu = -1;
	st->kind = xc_kinds[a[0] & 31];
	if (is_rtas(st->kind) && *rtas)
		st->kind = XR_STEP_IRQ;
	*rtas |= is_rtas(st->kind);
	if (st->kind <= XR_STEP_H_IPOLL) {
		v = place_hcall(l, a[1]);
		if (v < 0) {	/* nobody can make it: a device pulse instead */
			st->kind = XR_STEP_IRQ;
		} else {
			st->vcpu = l->s->vcpus[v].id;
			op->cpu = l->cpu_of[v];
			l->used[op->cpu] = true;
		}
	}
	op_args(l, a + 2, st);
}

/*
 * The CPU the model runs an irq step on (xr_host_cpu): the last one
 * that runs no VCPU.  An irq of a passthrough-mapped source records the
 * CPU it came on (PT-INTR-CPU); the model of the block's orders knows
 * only this one, so an irq step elsewhere would differ in intr_cpu for
 * no fault of the kernel's.
 */
static int model_host_cpu(const struct xc_layout *l)
{
	uint32_t cpu;

	for (cpu = l->nr_cpus; cpu-- > 0;)
		if (l->owner[cpu] < 0)
			return (int)cpu;
	return -1;
}

/* Is @irq passthrough-mapped, or mapped by an operation of the block? */
static bool maybe_mapped(const struct xc_layout *l, const struct xc_op *ops,
			 uint32_t nr, uint64_t irq)
{
	uint32_t i;

	for (i = 0; i < l->nr_map; i++)
		if (l->map_irq[i] == irq)
			return true;
	for (i = 0; i < nr; i++)
		if (ops[i].step.kind == XR_STEP_PASSTHRU &&
		    ops[i].step.arg[1] == irq)
			return true;
	return false;
}

/* An irq step: the model's host CPU, or one where it cannot differ */
static int place_irq(struct xc_layout *l, const struct xc_op *ops,
		     uint32_t nr, const struct xc_op *op, uint8_t b)
{
	int host = model_host_cpu(l);

	if (host >= 0 && !l->used[host])
		return host;
	if (maybe_mapped(l, ops, nr, op->step.arg[0]))
		return -1;
	return place_cpu(l, b, false);
}

/*
 * Where each decoded operation runs: hypercalls have their CPU, then the
 * irq steps take theirs (the model's host CPU first), then the rest in
 * slot order.  An operation with no CPU left is dropped (ok false).
 */
static void place_ops(struct xc_layout *l, const uint8_t *h,
		      struct xc_op *ops, bool *ok, uint32_t want)
{
	uint32_t pass, i;
	bool irq;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < want; i++) {
			struct xc_op *op = &ops[i];
			uint8_t b = h[2 + i * XC_SLOT_LEN + 1];

			irq = op->step.kind == XR_STEP_IRQ;
			if (op->cpu >= 0 || irq != !pass)
				continue;
			op->cpu = irq ? place_irq(l, ops, want, op, b) :
				  place_cpu(l, b, op->step.kind == XR_STEP_HWIRQ);
			ok[i] = op->cpu >= 0;
			if (!ok[i])
				continue;
			l->used[op->cpu] = true;
			if (op->step.kind == XR_STEP_HWIRQ)
				op->step.arg[1] = (uint64_t)op->cpu;
		}
}

static bool kernel_dev(const struct xr_deviation *d)
{
	return d->applies_to && (xr_dev_applies(d->applies_to, "kernel-vm") ||
				 xr_dev_applies(d->applies_to, "kernel-rm"));
}

/*
 * Every documented deviation of the kernel implementations is declared
 * (at most XR_SCN_MAX_DEVS): the model emulates what the kernel is known
 * to do, so only new differences are findings (the shrinker drops the
 * ones a finding does not need).
 */
static uint32_t kernel_devs(void)
{
	const struct xr_deviation *d;
	uint32_t i, nr = 0, bits = 0, n = 0;

	d = xr_deviations(&nr);
	for (i = 0; i < nr && i < 32 && n < XR_SCN_MAX_DEVS; i++)
		if (kernel_dev(&d[i])) {
			bits |= 1u << i;
			n++;
		}
	return bits;
}

/* The operation of each slot of header @h, or ok[i] false */
static void decode_slots(const struct xf_case *seq, const uint8_t *h,
			 struct xc_op *ops, bool *ok)
{
	static struct xc_layout l;
	uint32_t i, want = 2 + (h[1] & 1);
	bool rtas = false;

	layout(seq, &l);
	for (i = 0; i < XC_MAX_OPS; i++) {
		ok[i] = i < want;
		if (ok[i])
			decode_op(&l, h + 2 + i * XC_SLOT_LEN, &ops[i], &rtas);
	}
	place_ops(&l, h, ops, ok, want);
}

static void decode_ops(const uint8_t *h, struct xc_case *c)
{
	struct xc_op ops[XC_MAX_OPS];
	bool ok[XC_MAX_OPS];
	uint32_t i;

	decode_slots(&c->seq, h, ops, ok);
	c->nr_ops = 0;
	for (i = 0; i < XC_MAX_OPS; i++)
		if (ok[i])
			c->ops[c->nr_ops++] = ops[i];
}

static void decode_decs(const uint8_t *h, struct xc_case *c)
{
	const uint8_t *d = h + 2 + XC_MAX_OPS * XC_SLOT_LEN;
	struct xc_dec *x;
	uint32_t i;

	c->exact = false;
	c->start = (h[1] >> 1) & 3;
	c->nr_decs = 0;
	for (i = 0; i < XC_MAX_DECS; i++, d += XC_DEC_LEN) {
		if (!d[3])
			continue;
		x = &c->decs[c->nr_decs++];
		memset(x, 0, sizeof(*x));
		x->op = d[0] & 3;
		x->delay = d[0] & 0x80;
		x->random = d[0] & 0x40;
		x->tick = d[1] | (uint32_t)d[2] << 8;
		x->pick = d[3];
	}
}

/* Restored source state bits: P, Q and "presented" (state_io.c) */
#define XC_SRC_PQ	(7ull << 42)

/*
 * The oracles judge the state after the block as one the kernel's own
 * operations reach: a pending source is presented or waits somewhere,
 * an asserted output has its line raised.  A restore can set any state,
 * so the steps before the block restore none the kernel could not reach
 * by itself: set-icp reads the ICP instead (the steps keep their
 * places), set-source keeps server, priority, level and masked, not P,
 * Q or a presentation.
 */
static void keep_reachable(struct xf_case *seq)
{
	uint32_t i;

	for (i = 0; i < seq->nr_steps; i++) {
		struct xr_step *st = &seq->steps[i];

		if (st->kind == XR_STEP_SET_ICP) {
			st->kind = XR_STEP_GET_ICP;
			st->arg[0] = 0;
		} else if (st->kind == XR_STEP_SET_SOURCE) {
			st->arg[1] &= ~XC_SRC_PQ;
		}
	}
}

void xc_decode(const uint8_t *data, size_t len, struct xc_case *c)
{
	uint8_t h[XC_HDR_LEN];

	memset(h, 0, sizeof(h));
	memcpy(h, data, len < XC_HDR_LEN ? len : XC_HDR_LEN);
	memset(c, 0, sizeof(*c));
	if (len > XC_HDR_LEN)
		xf_decode(data + XC_HDR_LEN, len - XC_HDR_LEN, XF_PROFILE_ALL,
			  &c->seq);
	else
		xf_decode(NULL, 0, XF_PROFILE_ALL, &c->seq);
	keep_reachable(&c->seq);
	c->seq.version = h[0];
	decode_ops(h, c);
	decode_decs(h, c);
	c->devs = kernel_devs();
}

/* -- encoding (seeds): a search over the decoder itself -- */

/* How close @got is to @want: kind and CPU first, then the bits */
static int closeness(const struct xc_op *want, const struct xc_op *got,
		     bool ok)
{
	int s = 0, i;

	if (!ok)
		return -1;
	s += (want->step.kind == got->step.kind) * 10000;
	s += (want->cpu == got->cpu) * 1000;
	s += (want->step.vcpu == got->step.vcpu) * 500;
	for (i = 0; i < 3; i++)
		s += 64 - __builtin_popcountll(want->step.arg[i] ^
					       got->step.arg[i]);
	return s;
}

/* How close the operations of @h are to @want's, all of them */
static int header_closeness(const struct xf_case *seq, const uint8_t *h,
			    const struct xc_case *want)
{
	struct xc_op ops[XC_MAX_OPS];
	bool ok[XC_MAX_OPS];
	int s = 0;
	uint32_t k;

	decode_slots(seq, h, ops, ok);
	for (k = 0; k < want->nr_ops && k < XC_MAX_OPS; k++) {
		s += 2 * closeness(&want->ops[k], &ops[k], ok[k]);
		/* on a tie, a place byte that names the CPU itself */
		s += h[2 + k * XC_SLOT_LEN + 1] == (uint8_t)want->ops[k].cpu;
	}
	return s;
}

/*
 * Slot @k of @h: each byte in turn takes the value that decodes closest
 * to @want, over all slots (where one operation runs depends on the
 * others).  The decoder decides; the encoder only searches it, so it
 * cannot disagree with it.  Kind and place come first, then the
 * arguments last to first: an XIRR's source byte must be right before
 * its priority byte is tried, or an edge value that is one bit off would
 * win the priority byte and make the source byte useless.
 */
static void encode_slot(const struct xf_case *seq, uint8_t *h, uint32_t k,
			const struct xc_case *want)
{
	static const uint8_t order[XC_SLOT_LEN] = { 0, 1, 7, 6, 5, 4, 3, 2 };
	uint8_t *slot = h + 2 + k * XC_SLOT_LEN;
	uint32_t i, j, b, keep;
	int best, s;

	for (i = 0; i < XC_SLOT_LEN; i++) {
		j = order[i];
		best = header_closeness(seq, h, want);
		keep = slot[j];
		for (b = 0; b < 256; b++) {
			slot[j] = (uint8_t)b;
			s = header_closeness(seq, h, want);
			if (s > best) {
				best = s;
				keep = b;
			}
		}
		slot[j] = (uint8_t)keep;
	}
}

static int args_closeness(const struct xr_step *want, const struct xr_step *got)
{
	int s = 0, i;

	for (i = 0; i < 3; i++)
		s += 64 - __builtin_popcountll(want->arg[i] ^ got->arg[i]);
	return s;
}

/*
 * @want's arguments in argument bytes @a: each byte, last to first,
 * takes the value op_args decodes closest (an XIRR's source byte before
 * its priority byte: see encode_slot).
 */
static void init_args(const struct xc_layout *l, uint8_t *a,
		      const struct xc_op *want)
{
	struct xr_step st;
	int j, s, best;
	uint32_t b;
	uint8_t keep;

	for (j = XC_SLOT_LEN - 3; j >= 0; j--) {
		best = -1;
		keep = a[j];
		for (b = 0; b < 256; b++) {
			a[j] = (uint8_t)b;
			memset(&st, 0, sizeof(st));
			st.kind = want->step.kind;
			op_args(l, a, &st);
			s = args_closeness(&want->step, &st);
			if (s > best) {
				best = s;
				keep = (uint8_t)b;
			}
		}
		a[j] = keep;
	}
}

/*
 * A start for the search: the kind itself, the place byte that names
 * the VCPU or CPU, and the arguments found without placing anything, so
 * that no operation starts as one that takes a CPU another one needs
 * (the search would see no single byte that helps).
 */
static void init_slot(const struct xf_case *seq, const struct xc_layout *l,
		      uint8_t *h, uint32_t k, const struct xc_op *want)
{
	uint8_t *slot = h + 2 + k * XC_SLOT_LEN;
	uint32_t i;
	int v;

	for (i = 0; i < 32; i++)
		if (xc_kinds[i] == want->step.kind) {
			slot[0] = (uint8_t)i;
			break;
		}
	v = vcpu_index(&seq->setup, want->step.vcpu);
	slot[1] = (uint8_t)(want->step.kind <= XR_STEP_H_IPOLL && v >= 0 ?
			    v : want->cpu);
	init_args(l, slot + 2, want);
}

/* Does @h decode to @want's operations exactly? */
static bool header_exact(const struct xf_case *seq, const uint8_t *h,
			 const struct xc_case *want)
{
	struct xc_op ops[XC_MAX_OPS];
	bool ok[XC_MAX_OPS];
	uint32_t k;

	decode_slots(seq, h, ops, ok);
	for (k = 0; k < want->nr_ops && k < XC_MAX_OPS; k++)
		if (!ok[k] || ops[k].cpu != want->ops[k].cpu ||
		    memcmp(&ops[k].step, &want->ops[k].step,
			   sizeof(ops[k].step)))
			return false;
	return true;
}

size_t xc_encode(const struct xc_case *c, uint8_t *buf, size_t cap)
{
	static struct xf_case seq;
	static struct xc_layout l;
	uint8_t h[XC_HDR_LEN];
	uint32_t k, round;
	size_t n;

	if (cap <= XC_HDR_LEN)
		return 0;
	n = xf_encode(&c->seq, XF_PROFILE_ALL, buf + XC_HDR_LEN,
		      cap - XC_HDR_LEN);
	if (!n)
		return 0;
	/* the operations are placed after the steps as decoded */
	xf_decode(buf + XC_HDR_LEN, n, XF_PROFILE_ALL, &seq);
	memset(h, 0, sizeof(h));
	h[0] = XF_FORMAT_VERSION;
	h[1] = c->nr_ops > 2;
	layout(&seq, &l);
	for (k = 0; k < c->nr_ops && k < XC_MAX_OPS; k++)
		init_slot(&seq, &l, h, k, &c->ops[k]);
	for (round = 0; round < 3 && !header_exact(&seq, h, c); round++)
		for (k = 0; k < c->nr_ops && k < XC_MAX_OPS; k++)
			encode_slot(&seq, h, k, c);
	memcpy(buf, h, XC_HDR_LEN);
	return XC_HDR_LEN + n;
}

bool xc_vcpu_moved(const struct xc_case *c)
{
	static struct xc_layout l;
	uint32_t i;

	layout(&c->seq, &l);
	for (i = 0; i < c->seq.setup.nr_vcpus; i++)
		if (l.cpu_of[i] >= 0 && l.cpu_of[i] != c->seq.setup.vcpus[i].cpu)
			return true;
	return false;
}
