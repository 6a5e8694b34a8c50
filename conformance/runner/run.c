// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner core: one scenario on one implementation.
 *
 * A non-reference implementation runs in lockstep with a fresh reference
 * model of its own context; after every step the results, the events
 * (over the kinds both report), every ICP and the sources the scenario
 * names are compared.  At the end every source of every ICS block is
 * swept; a difference found only there is located by a replay that
 * sweeps after every step.  Deviations are proven, never assumed: the
 * strict run must differ and the run with the documented quirk must not.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define XR_TOUCHED_MAX	1024

/* How a pair runs (run_pair's @how) */
#define PAIR_EXPECTS		1u	/* check the written expectations */
#define PAIR_FULL_SWEEP		2u	/* sweep every source after each step */
#define PAIR_STEP_ONLY		4u	/* per step, the step's source only */

enum pair_end {
	PAIR_PASS,
	PAIR_DIFF,	/* implementation and reference differ */
	PAIR_EXPECT,	/* a written expectation does not hold */
	PAIR_ERROR,	/* could not run (create, XR_FAILED, ABI) */
	PAIR_SKIP,
};

/*
 * A group's reference answer once per step for all its pairs
 * (xr_run_group): changed_icps reports what changed since it was last
 * asked, so a second pair asking the shared reference instance would hear
 * nothing of what the first pair's call took.
 */
struct ref_marks {
	bool have, ok;
	uint64_t icps[XR_MAX_VCPUS / 64];
};

struct pair {
	const struct xr_scenario *scn;
	const struct xr_impl_ops *impl, *ref;
	void *a, *b;			/* impl, ref instances */
	struct xr_inst_cache *cache;
	uint64_t quirks;		/* the reference's */
	unsigned int how;		/* PAIR_* */
	int64_t step_irq;	/* the source the step names, -1: none */
	/*
	 * Every ICP was compared in this run and both sides' changed_icps
	 * have been asked since: from then on only the ICPs either marks
	 * are read (cmp_icps)
	 */
	bool icps_synced;
	struct ref_marks *rm;	/* in a group: the reference's answer */
	uint32_t nr_touched;
	uint32_t touched[XR_TOUCHED_MAX];
};

bool xr_is_reference(const struct xr_run_env *env,
		     const struct xr_impl_ops *impl)
{
	return env->ref_ops && (impl == env->ref_ops(XR_CTX_VIRTUAL) ||
				impl == env->ref_ops(XR_CTX_REAL));
}

/* One pattern of length @n: a name, or a prefix ending in '*' */
static bool dev_pattern(const char *pat, size_t n, const char *name)
{
	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strlen(name) == n && strncmp(pat, name, n) == 0;
}

/* @applies_to: space-separated patterns ("kernel-vm kernel-rm", "kernel-*") */
bool xr_dev_applies(const char *applies_to, const char *name)
{
	const char *p = applies_to;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (n && dev_pattern(p, n, name))
			return true;
		p += n;
		p += strspn(p, " ");
	}
	return false;
}

static void touch(struct pair *p, uint64_t irq)
{
	uint32_t i;

	if (irq < XR_FIRST_IRQ || irq >= XR_NR_IRQS)
		return;
	for (i = 0; i < p->nr_touched; i++)
		if (p->touched[i] == irq)
			return;
	if (p->nr_touched < XR_TOUCHED_MAX)
		p->touched[p->nr_touched++] = (uint32_t)irq;
}

static int64_t step_source(const struct xr_step *st)
{
	uint64_t irq;

	switch (st->kind) {
	case XR_STEP_H_EOI:
		irq = st->arg[0] & XR_XISR_MASK;
		break;
	case XR_STEP_RTAS_SET_XIVE:
	case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF:
	case XR_STEP_RTAS_INT_ON:
		irq = (uint32_t)st->arg[0];
		break;
	case XR_STEP_IRQ:
	case XR_STEP_UNPASSTHRU:
	case XR_STEP_SET_SOURCE:
	case XR_STEP_GET_SOURCE:
		irq = st->arg[0];
		break;
	case XR_STEP_PASSTHRU:
		irq = st->arg[1];
		break;
	default:
		return -1;
	}
	if (irq < XR_FIRST_IRQ || irq >= XR_NR_IRQS)
		return -1;
	return (int64_t)irq;
}

static void touch_step(struct pair *p, const struct xr_step *st)
{
	p->step_irq = step_source(st);
	if (p->step_irq >= 0)
		touch(p, (uint64_t)p->step_irq);
}

static void cmp_source_at(struct pair *p, struct xr_outcome *o, uint32_t irq)
{
	struct xr_source_state sa, sb;
	bool ha, hb;

	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	ha = p->ref->get_source(p->b, irq, &sa);
	hb = p->impl->get_source(p->a, irq, &sb);
	xr_cmp_source(o, irq, ha, &sa, hb, &sb, o->src_fields);
}

/* Every source of the block at @first, as read back by both sides */
static void sweep_block_full(struct pair *p, struct xr_outcome *o,
			     uint32_t first)
{
	uint32_t irq;

	for (irq = first; irq < first + XR_IRQS_PER_ICS; irq++)
		if (irq >= XR_FIRST_IRQ)
			cmp_source_at(p, o, irq);
}

/* Compare at @irq; true if that added a difference (which is undone) */
static bool probe_differs(struct pair *p, struct xr_outcome *o, uint32_t irq)
{
	uint32_t nr = o->nr_diffs;
	bool more = o->more_diffs;

	cmp_source_at(p, o, irq);
	if (o->nr_diffs == nr && o->more_diffs == more)
		return false;
	o->nr_diffs = nr;
	o->more_diffs = more;
	return true;
}

/*
 * The block at @first, reading only what can differ (impl.h,
 * changed_sources): the sources either side reports as changed or the
 * scenario names, and one source unchanged on both sides, which proves
 * that both initial states agree and so every other unchanged source.
 * Whenever that proof is not there the whole block is read, so this finds
 * and reports exactly what sweep_block_full() does.
 */
static void sweep_block(struct pair *p, struct xr_outcome *o, uint32_t first)
{
	bool (*ca)(void *, uint32_t, uint64_t *) =
		XR_IMPL_OPT(p->ref, changed_sources);
	bool (*cb)(void *, uint32_t, uint64_t *) =
		XR_IMPL_OPT(p->impl, changed_sources);
	uint64_t ma[XR_ICS_MAP_WORDS], mb[XR_ICS_MAP_WORDS], bits;
	uint32_t w, i, probe = XR_IRQS_PER_ICS;
	bool ha, hb;

	if (!ca || !cb) {
		sweep_block_full(p, o, first);
		return;
	}
	memset(ma, 0, sizeof(ma));
	memset(mb, 0, sizeof(mb));
	ha = ca(p->b, first, ma);
	hb = cb(p->a, first, mb);
	if (ha != hb) {
		sweep_block_full(p, o, first);
		return;
	}
	for (w = 0; w < XR_ICS_MAP_WORDS; w++)
		ma[w] |= mb[w];
	/* the sources below XR_FIRST_IRQ are never compared */
	if (first < XR_FIRST_IRQ)
		ma[0] |= (1ull << XR_FIRST_IRQ) - 1;
	for (i = 0; i < p->nr_touched; i++)
		if ((p->touched[i] & ~(XR_IRQS_PER_ICS - 1)) == first) {
			uint32_t s = p->touched[i] - first;

			ma[s / 64] |= 1ull << (s % 64);
		}
	for (w = 0; w < XR_ICS_MAP_WORDS; w++)
		if (~ma[w]) {
			probe = w * 64 + (uint32_t)__builtin_ctzll(~ma[w]);
			break;
		}
	if (probe < XR_IRQS_PER_ICS && probe_differs(p, o, first + probe)) {
		sweep_block_full(p, o, first);
		return;
	}
	if (!ha)
		return;		/* neither holds it, and the probe agrees */
	if (first < XR_FIRST_IRQ)
		ma[0] &= ~((1ull << XR_FIRST_IRQ) - 1);
	/* in ascending order, a word of the map at a time */
	for (w = 0; w < XR_ICS_MAP_WORDS; w++)
		for (bits = ma[w]; bits; bits &= bits - 1)
			cmp_source_at(p, o, first + w * 64 +
				      (uint32_t)__builtin_ctzll(bits));
}

/* Every source of every block either side holds */
static void sweep(struct pair *p, struct xr_outcome *o)
{
	uint32_t blocks[2 * XR_MAX_ICS_BLOCKS + XR_MAX_SOURCES];
	uint32_t n = 0, i, j;
	const struct xr_setup *s = &p->scn->setup;

	if (p->ref->ics_blocks)
		n += p->ref->ics_blocks(p->b, blocks, XR_MAX_ICS_BLOCKS);
	if (p->impl->ics_blocks)
		n += p->impl->ics_blocks(p->a, blocks + n, XR_MAX_ICS_BLOCKS);
	/* and the blocks the scenario can name, whatever either says */
	for (i = 0; i < s->nr_sources; i++)
		blocks[n++] = s->sources[i].irq;
	for (i = 0; i < p->nr_touched && n < sizeof(blocks) / sizeof(*blocks);
	     i++)
		blocks[n++] = p->touched[i];
	for (i = 0; i < n; i++) {
		uint32_t first = blocks[i] & ~(XR_IRQS_PER_ICS - 1);

		for (j = 0; j < i; j++)
			if ((blocks[j] & ~(XR_IRQS_PER_ICS - 1)) == first)
				break;
		if (j < i || first >= XR_NR_IRQS)
			continue;
		sweep_block(p, o, first);
	}
}

static void cmp_icp_of(struct pair *p, struct xr_outcome *o, uint32_t i)
{
	uint32_t id = p->scn->setup.vcpus[i].id;
	struct xr_icp_state ia, ib;
	bool ha, hb;

	memset(&ia, 0, sizeof(ia));
	memset(&ib, 0, sizeof(ib));
	ha = p->ref->get_icp(p->b, id, &ia);
	hb = p->impl->get_icp(p->a, id, &ib);
	xr_cmp_icp(o, id, ha, &ia, hb, &ib, o->icp_fields);
}

/*
 * XR_MODEL_SELFCHECK (the sanitizer build): the ICP of VCPU @i, which
 * neither side marked as changed, compares equal in @fields, as it did
 * after the step before; a changed_icps that missed a change would
 * otherwise hide a difference.
 */
static void check_unmarked_icp(struct pair *p, uint32_t i, uint32_t fields)
{
#ifdef XR_MODEL_SELFCHECK
	struct xr_outcome *scratch = calloc(1, sizeof(*scratch));

	if (!scratch)
		return;
	scratch->icp_fields = fields;
	cmp_icp_of(p, scratch, i);
	if (scratch->nr_diffs) {
		fprintf(stderr, "xicsref runner bug: the ICP of VCPU %u changed "
			"but %s or %s did not mark it (changed_icps)\n",
			p->scn->setup.vcpus[i].id, p->ref->name,
			p->impl->name);
		abort();
	}
	free(scratch);
#else
	(void)p;
	(void)i;
	(void)fields;
#endif
}

/* The reference's changed_icps into @ma (@words cleared), asked once a step */
static bool ref_changed_icps(struct pair *p,
			     bool (*ca)(void *, uint64_t *), uint32_t words,
			     uint64_t *ma)
{
	struct ref_marks *rm = p->rm;
	uint32_t i;

	if (!rm) {
		for (i = 0; i < words; i++)
			ma[i] = 0;
		return ca(p->b, ma);
	}
	if (!rm->have) {
		for (i = 0; i < words; i++)
			rm->icps[i] = 0;
		rm->ok = ca(p->b, rm->icps);
		rm->have = true;
	}
	for (i = 0; i < words; i++)
		ma[i] = rm->icps[i];
	return rm->ok;
}

/*
 * Every ICP, or (once both sides have a changed_icps and the first
 * comparison of the run read them all) only those either side reports
 * as changed since the step before: the others compared equal then and
 * are as they were on both sides, so reading them again finds nothing.
 */
static void cmp_icps(struct pair *p, struct xr_outcome *o)
{
	bool (*ca)(void *, uint64_t *) = XR_IMPL_OPT(p->ref, changed_icps);
	bool (*cb)(void *, uint64_t *) = XR_IMPL_OPT(p->impl, changed_icps);
	uint32_t n = p->scn->setup.nr_vcpus, words = (n + 63) / 64, i;
	uint64_t ma[XR_MAX_VCPUS / 64], mb[XR_MAX_VCPUS / 64];
	bool all = !ca || !cb || !p->icps_synced;

	if (ca && cb) {
		mb[0] = 0;	/* one word for most guests */
		for (i = 1; i < words; i++)
			mb[i] = 0;
		/* both are asked, so each knows what the next call is since */
		bool oka = ref_changed_icps(p, ca, words, ma);
		bool okb = cb(p->a, mb);

		if (!oka || !okb)
			all = true;
		p->icps_synced = true;
	}
	if (all) {
		for (i = 0; i < n; i++)
			cmp_icp_of(p, o, i);
		return;
	}
	for (i = 0; i < n; i++) {
		if ((ma[i / 64] | mb[i / 64]) >> (i % 64) & 1)
			cmp_icp_of(p, o, i);
		else
			check_unmarked_icp(p, i, o->icp_fields);
	}
}

static void cmp_state(struct pair *p, struct xr_outcome *o)
{
	uint32_t i;

	cmp_icps(p, o);
	if (p->how & PAIR_FULL_SWEEP) {
		sweep(p, o);
		return;
	}
	if (p->how & PAIR_STEP_ONLY) {
		if (p->step_irq >= 0)
			cmp_source_at(p, o, (uint32_t)p->step_irq);
		return;
	}
	for (i = 0; i < p->nr_touched; i++)
		cmp_source_at(p, o, p->touched[i]);
}

static enum pair_end fail_step(struct xr_outcome *o, uint32_t idx,
			       const struct xr_scn_step *st, enum pair_end e)
{
	o->step = idx + 1;
	o->line = st ? st->line : 0;
	return e;
}

static enum xr_status run_side(const struct xr_impl_ops *ops, void *inst,
			       const struct xr_step *st, struct xr_result *res,
			       char *err, size_t errlen)
{
	xr_result_clear(res);
	err[0] = '\0';
	if (!(ops->step_kinds & (1u << st->kind))) {
		snprintf(err, errlen, "%s does not support %s", ops->name,
			 xr_step_name(st->kind));
		return XR_UNSUPPORTED;
	}
	return ops->step(inst, st, res, err, errlen);
}

static enum pair_end side_status(struct xr_outcome *o,
				 const struct xr_impl_ops *ops,
				 enum xr_status s, const char *err)
{
	if (s == XR_OK)
		return PAIR_PASS;
	snprintf(o->reason, sizeof(o->reason), "%s: %s%s", ops->name,
		 s == XR_UNSUPPORTED ? "unsupported: " : "step failed: ",
		 err[0] ? err : "(no reason given)");
	return s == XR_UNSUPPORTED ? PAIR_SKIP : PAIR_ERROR;
}

/* The implementation's half of step @i, into @rb */
static enum pair_end impl_half(struct pair *p, struct xr_outcome *o,
			       uint32_t i, struct xr_result *rb)
{
	const struct xr_scn_step *st = &p->scn->steps[i];
	char err[200];
	enum pair_end e;

	e = side_status(o, p->impl, run_side(p->impl, p->a, &st->step, rb,
					     err, sizeof(err)), err);
	return e == PAIR_PASS ? e : fail_step(o, i, st, e);
}

/* The reference's half of step @i ran with status @s (@err): fine? */
static enum pair_end ref_half(struct pair *p, struct xr_outcome *o,
			      uint32_t i, enum xr_status s, const char *err)
{
	enum pair_end e = side_status(o, p->ref, s, err);

	return e == PAIR_PASS ? e : fail_step(o, i, &p->scn->steps[i], e);
}

/* Both halves of step @i ran: compare, then the written expectations */
static enum pair_end check_half(struct pair *p, struct xr_outcome *o,
				uint32_t i, const struct xr_result *ra,
				const struct xr_result *rb)
{
	const struct xr_scn_step *st = &p->scn->steps[i];

	touch_step(p, &st->step);
	if (p->ref) {
		xr_cmp_result(o, &st->step, ra, rb, o->cmp_kinds);
		cmp_state(p, o);
		if (o->nr_diffs)
			return fail_step(o, i, st, PAIR_DIFF);
	}
	/* most steps of a fuzzer's case say nothing to check */
	if ((p->how & PAIR_EXPECTS) && (st->want_mask || st->nr_expects)) {
		xr_check_want(o, st, rb);
		xr_check_expects(o, p->scn, st, p->impl, p->a, rb);
		if (o->nr_diffs) {
			o->vs_expect = true;
			return fail_step(o, i, st, PAIR_EXPECT);
		}
	}
	return PAIR_PASS;
}

/* After the last step: the sweep, unless one ran after every step */
static enum pair_end end_half(struct pair *p, struct xr_outcome *o)
{
	const struct xr_scenario *scn = p->scn;

	if (!p->ref || (p->how & PAIR_FULL_SWEEP))
		return PAIR_PASS;
	sweep(p, o);
	if (!o->nr_diffs)
		return PAIR_PASS;
	o->at_end_sweep = true;
	return fail_step(o, scn->nr_steps - 1, &scn->steps[scn->nr_steps - 1],
			 PAIR_DIFF);
}

static enum pair_end run_steps(struct pair *p, struct xr_outcome *o)
{
	struct xr_result ra, rb;
	char err[200];
	uint32_t i;

	for (i = 0; i < p->scn->nr_steps; i++) {
		const struct xr_step *st = &p->scn->steps[i].step;
		enum pair_end e = impl_half(p, o, i, &rb);

		if (e == PAIR_PASS && p->ref)
			e = ref_half(p, o, i, run_side(p->ref, p->b, st, &ra,
						       err, sizeof(err)), err);
		if (e == PAIR_PASS)
			e = check_half(p, o, i, &ra, &rb);
		if (e != PAIR_PASS)
			return e;
	}
	return end_half(p, o);
}

static enum pair_end run_pair(struct xr_inst_cache *cache,
			      const struct xr_scenario *scn,
			      const struct xr_impl_ops *impl,
			      const struct xr_impl_ops *ref, uint64_t quirks,
			      unsigned int how, struct xr_outcome *o);

/* Run again as @how says and take that outcome if it differs too */
static void replay(struct xr_inst_cache *cache, const struct xr_scenario *scn,
		   const struct xr_impl_ops *impl,
		   const struct xr_impl_ops *ref, uint64_t quirks,
		   unsigned int how, bool sweep, struct xr_outcome *o)
{
	struct xr_outcome *again;

	/*
	 * The cache's, so that an abandoned run leaks nothing (run.h): two,
	 * as a replay without PAIR_STEP_ONLY may replay again with
	 * PAIR_FULL_SWEEP (pair_locate), and that one never replays.
	 */
	if (cache && !cache->replay_mem)
		cache->replay_mem = malloc(2 * sizeof(*again));
	again = cache ? cache->replay_mem : malloc(sizeof(*again));
	if (cache && again && (how & PAIR_FULL_SWEEP))
		again++;
	if (!again)
		return;
	if (run_pair(cache, scn, impl, ref, quirks, how, again) == PAIR_DIFF) {
		*o = *again;
		o->at_end_sweep |= sweep;
	}
	if (!cache)
		free(again);
}

/*
 * Start a pair: its outcome, what it compares, and the implementation's
 * instance (the reference's is the caller's: one may serve many pairs).
 */
static enum pair_end pair_open(struct pair *p, struct xr_outcome *o,
			       struct xr_inst_cache *cache,
			       const struct xr_scenario *scn,
			       const struct xr_impl_ops *impl,
			       const struct xr_impl_ops *ref, uint64_t quirks,
			       unsigned int how)
{
	struct xr_setup s_impl;
	char err[200];
	uint32_t i;

	xr_setup_copy(&s_impl, &scn->setup);
	memset(o, 0, sizeof(*o));
	o->impl = impl;
	o->ref = ref;
	o->quirks = quirks;
	if (ref) {
		o->cmp_kinds = impl->event_kinds & ref->event_kinds & XR_EV_ALL;
		o->icp_fields = xr_impl_icp_fields(impl) &
				xr_impl_icp_fields(ref);
		o->src_fields = xr_impl_source_fields(impl) &
				xr_impl_source_fields(ref);
	}
	/* touched[] is valid up to nr_touched: the rest is never read */
	memset(p, 0, offsetof(struct pair, touched));
	p->scn = scn;
	p->cache = cache;
	p->impl = impl;
	p->ref = ref;
	p->quirks = quirks;
	p->how = how;
	for (i = 0; i < scn->setup.nr_sources; i++)
		touch(p, scn->setup.sources[i].irq);
	for (i = 0; i < scn->setup.nr_passthru; i++)
		touch(p, scn->setup.passthru[i].irq);
	/* the implementation under test never sees the model's quirks */
	s_impl.quirks = 0;
	err[0] = '\0';
	p->a = xr_inst_get(cache, impl, &s_impl, err, sizeof(err));
	if (p->a)
		return PAIR_PASS;
	if (!strncmp(err, XR_CREATE_UNSUPPORTED,
		     sizeof(XR_CREATE_UNSUPPORTED) - 1)) {
		snprintf(o->reason, sizeof(o->reason), "%s: %s", impl->name,
			 err);
		return PAIR_SKIP;
	}
	snprintf(o->reason, sizeof(o->reason), "%s: create failed: %s",
		 impl->name, err[0] ? err : "(no reason given)");
	return PAIR_ERROR;
}

/* The reference instance, with @quirks; NULL and @reason if not */
static void *ref_open(struct xr_inst_cache *cache,
		      const struct xr_scenario *scn,
		      const struct xr_impl_ops *ref, uint64_t quirks,
		      char *reason, size_t len)
{
	struct xr_setup s_ref;
	char err[200];
	void *b;

	xr_setup_copy(&s_ref, &scn->setup);
	s_ref.quirks = quirks;
	err[0] = '\0';
	b = xr_inst_get(cache, ref, &s_ref, err, sizeof(err));
	if (!b)
		snprintf(reason, len, "%s: create failed: %s", ref->name,
			 err[0] ? err : "(no reason given)");
	return b;
}

/*
 * A pair that ended @e, its instances given back: a difference found
 * comparing less than everything is run again to say where and what.
 */
static void pair_locate(struct pair *p, struct xr_outcome *o,
			enum pair_end e)
{
	if (e == PAIR_DIFF && (p->how & PAIR_STEP_ONLY)) {
		/*
		 * Found comparing less: the run that compares every named
		 * source after every step says where and what, exactly as
		 * without step_sources_only.  A difference costs a second
		 * run; the runs that find none are the ones made cheap.
		 */
		replay(p->cache, p->scn, p->impl, p->ref, p->quirks,
		       p->how & ~PAIR_STEP_ONLY, false, o);
	} else if (e == PAIR_DIFF && o->at_end_sweep &&
		   !(p->how & PAIR_FULL_SWEEP)) {
		/* locate the first step after which the sweep differs */
		replay(p->cache, p->scn, p->impl, p->ref, p->quirks,
		       p->how | PAIR_FULL_SWEEP, true, o);
	}
}

static enum pair_end run_pair(struct xr_inst_cache *cache,
			      const struct xr_scenario *scn,
			      const struct xr_impl_ops *impl,
			      const struct xr_impl_ops *ref, uint64_t quirks,
			      unsigned int how, struct xr_outcome *o)
{
	struct pair pair_buf, *p = &pair_buf;
	enum pair_end e;

	e = pair_open(p, o, cache, scn, impl, ref, quirks, how);
	if (e != PAIR_PASS)
		return e;
	if (ref) {
		p->b = ref_open(cache, scn, ref, quirks, o->reason,
				sizeof(o->reason));
		if (!p->b) {
			xr_inst_put(cache, impl, p->a);
			return PAIR_ERROR;
		}
	}
	e = run_steps(p, o);
	xr_inst_put(cache, impl, p->a);
	if (ref)
		xr_inst_put(cache, ref, p->b);
	pair_locate(p, o, e);
	return e;
}

static void set_verdict(struct xr_outcome *o, enum pair_end e)
{
	switch (e) {
	case PAIR_PASS:
		o->verdict = XR_V_PASS;
		break;
	case PAIR_SKIP:
		o->verdict = XR_V_SKIP;
		break;
	case PAIR_DIFF:
		if (!o->reason[0])
			snprintf(o->reason, sizeof(o->reason), "%s",
				 o->at_end_sweep ?
				 "differs from the reference (found by the ICS sweep)" :
				 "differs from the reference");
		o->verdict = XR_V_FAIL;
		break;
	case PAIR_EXPECT:
		snprintf(o->reason, sizeof(o->reason),
			 "written expectation does not hold");
		o->verdict = XR_V_FAIL;
		break;
	default:
		o->verdict = XR_V_FAIL;
		break;
	}
}

/* OR of the quirks of the scenario's deviations that apply to @impl */
int xr_dev_quirks(const struct xr_run_env *env,
		      const struct xr_scenario *scn,
		      const struct xr_impl_ops *impl, uint64_t *quirks,
		      char *ids, size_t idlen, struct xr_outcome *o)
{
	uint32_t i;
	size_t n = 0;

	*quirks = 0;
	ids[0] = '\0';
	for (i = 0; i < scn->nr_devs; i++) {
		const struct xr_deviation *d =
			env->dev_find ? env->dev_find(scn->devs[i]) : NULL;

		if (!d) {
			snprintf(o->reason, sizeof(o->reason),
				 "deviation %s is not known to the model",
				 scn->devs[i]);
			return -1;
		}
		if (!d->applies_to || !xr_dev_applies(d->applies_to, impl->name))
			continue;
		*quirks |= d->quirk;
		n += (size_t)snprintf(ids + n, idlen - n, "%s%s",
				      n ? " " : "", d->id);
		if (n >= idlen)
			n = idlen - 1;
	}
	return 0;
}

/*
 * Deviation hints.  A scenario that declares no deviation differs from
 * the strict model on @impl: if the model running some documented quirks
 * agrees with @impl over the whole scenario, name them, smallest set
 * first.  The verdict stays FAIL: only the scenario's author knows whether
 * it means to show the deviation (then it declares it) or not.  Costs
 * nothing unless a run fails: at most 2^HINT_MAX_DEVS - 1 reruns then.
 */
#define HINT_MAX_DEVS	10

static void dev_hint(const struct xr_run_env *env,
		     const struct xr_scenario *scn,
		     const struct xr_impl_ops *impl,
		     const struct xr_impl_ops *ref, unsigned int how,
		     struct xr_outcome *o)
{
	const struct xr_deviation *all, *cand[HINT_MAX_DEVS];
	uint32_t nr = 0, nc = 0, i, size, mask;
	struct xr_outcome *tmp;

	if (o->verdict != XR_V_FAIL || o->vs_expect || !o->nr_diffs ||
	    scn->nr_devs || !env->dev_list || !ref)
		return;
	all = env->dev_list(&nr);
	for (i = 0; i < nr && nc < HINT_MAX_DEVS; i++)
		if (all[i].quirk && all[i].applies_to &&
		    xr_dev_applies(all[i].applies_to, impl->name))
			cand[nc++] = &all[i];
	tmp = malloc(sizeof(*tmp));
	if (!tmp)
		return;
	/* the expectations are the spec's: a quirked run need not meet them */
	how &= ~PAIR_EXPECTS;
	for (size = 1; size <= nc; size++)
		for (mask = 1; mask < 1u << nc; mask++) {
			uint64_t quirks = 0;
			size_t n = 0;

			if ((uint32_t)__builtin_popcount(mask) != size)
				continue;
			for (i = 0; i < nc; i++)
				if (mask & 1u << i)
					quirks |= cand[i]->quirk;
			if (run_pair(env->cache, scn, impl, ref, quirks, how,
				     tmp) != PAIR_PASS)
				continue;
			for (i = 0; i < nc; i++)
				if (mask & 1u << i && n < sizeof(o->dev_hint))
					n += (size_t)snprintf(o->dev_hint + n,
						sizeof(o->dev_hint) - n, "%s%s",
						n ? " " : "", cand[i]->id);
			goto out;
		}
out:
	free(tmp);
}

/* The quirks of @impl's standing deviations, their IDs in @ids */
uint64_t xr_dev_standing(const struct xr_run_env *env,
			 const struct xr_impl_ops *impl, char *ids,
			 size_t idlen)
{
	const struct xr_deviation *all;
	uint64_t quirks = 0;
	uint32_t nr = 0, i;
	size_t n = 0;

	ids[0] = '\0';
	if (!env->dev_list)
		return 0;
	all = env->dev_list(&nr);
	for (i = 0; i < nr; i++) {
		if (!all[i].standing || !all[i].applies_to ||
		    !xr_dev_applies(all[i].applies_to, impl->name))
			continue;
		quirks |= all[i].quirk;
		n += (size_t)snprintf(ids + n, idlen - n, "%s%s",
				      n ? " " : "", all[i].id);
		if (n >= idlen)
			n = idlen - 1;
	}
	return quirks;
}

/* A difference from the quirked model: say which quirks it ran */
static void quirked_reason(struct xr_outcome *out, const char *what,
			   const char *suffix)
{
	char r[sizeof(out->reason)];

	snprintf(r, sizeof(r), "%s", out->reason);
	snprintf(out->reason, sizeof(out->reason),
		 "differs from the model with %.60s%.30s emulated: %.120s", what,
		 suffix, r);
}

/*
 * No declared deviation, but standing ones: the strict model first (a
 * scenario the platform's differences do not reach passes), then the
 * model with the standing quirks, which must agree fully (DEV).
 */
static void run_standing(const struct xr_run_env *env,
			 const struct xr_scenario *scn,
			 const struct xr_impl_ops *impl,
			 const struct xr_impl_ops *ref, unsigned int how,
			 uint64_t standing, const char *sids,
			 struct xr_outcome *out)
{
	enum pair_end e = run_pair(env->cache, scn, impl, ref, 0,
				   how | PAIR_EXPECTS, out);

	if (e != PAIR_DIFF) {
		set_verdict(out, e);
		return;
	}
	/* the expectations are the spec's: the quirked run is compared only */
	e = run_pair(env->cache, scn, impl, ref, standing, how, out);
	if (e == PAIR_PASS) {
		out->verdict = XR_V_DEV;
		snprintf(out->reason, sizeof(out->reason),
			 "standing deviations of %s: %.180s", impl->name, sids);
		return;
	}
	set_verdict(out, e);
	if (e == PAIR_DIFF)
		quirked_reason(out, impl->name, "'s standing deviations");
}

void xr_run_one(const struct xr_run_env *env, const struct xr_scenario *scn,
		const struct xr_impl_ops *impl, struct xr_outcome *out)
{
	unsigned int how = env->step_sources_only ? PAIR_STEP_ONLY : 0;
	struct xr_inst_cache *cache = env->cache;
	const struct xr_impl_ops *ref;
	char ids[160], sids[200];
	uint64_t quirks, standing;
	enum pair_end e;

	memset(out, 0, sizeof(*out));
	out->impl = impl;
	if (!XR_IMPL_ABI_OK(impl)) {
		out->verdict = XR_V_FAIL;
		snprintf(out->reason, sizeof(out->reason),
			 "%s: ABI version %u, the runner speaks %u..%u",
			 impl->name, impl->abi_version, XR_IMPL_ABI_MIN,
			 XR_IMPL_ABI_VERSION);
		return;
	}
	if (xr_is_reference(env, impl) || !env->ref_ops) {
		/* the reference is the specification: expectations only */
		set_verdict(out, run_pair(cache, scn, impl, NULL, 0,
					  PAIR_EXPECTS, out));
		return;
	}
	ref = env->ref_ops(impl->context);
	if (xr_dev_quirks(env, scn, impl, &quirks, ids, sizeof(ids), out)) {
		out->verdict = XR_V_FAIL;
		return;
	}
	standing = xr_dev_standing(env, impl, sids, sizeof(sids));
	if (!ids[0] && standing) {
		run_standing(env, scn, impl, ref, how, standing, sids, out);
		return;
	}
	if (!ids[0]) {
		set_verdict(out, run_pair(cache, scn, impl, ref, 0,
					  how | PAIR_EXPECTS, out));
		dev_hint(env, scn, impl, ref, how, out);
		return;
	}
	/*
	 * 1: against the model with the standing deviations other than the
	 * declared ones (the strict model if none), it must differ
	 */
	e = run_pair(cache, scn, impl, ref, standing & ~quirks, how, out);
	if (e == PAIR_SKIP || e == PAIR_ERROR) {
		set_verdict(out, e);
		return;
	}
	if (e == PAIR_PASS) {
		/*
		 * Agreeing with the strict model is fine for this path (a
		 * virtual-mode deviation does not show on the real-mode path);
		 * the caller checks that some implementation of the same
		 * version shows it (xr_check_deviations_shown).
		 */
		out->verdict = XR_V_PASS;
		out->dev_unshown = true;
		snprintf(out->reason, sizeof(out->reason),
			 "deviation %s does not show on this path", ids);
		return;
	}
	/* 2: against the model with the quirks, it must agree fully */
	e = run_pair(cache, scn, impl, ref, quirks | standing, how, out);
	if (e == PAIR_PASS) {
		out->verdict = XR_V_DEV;
		snprintf(out->reason, sizeof(out->reason), "%s", ids);
		return;
	}
	set_verdict(out, e);
	if (e == PAIR_DIFF)
		quirked_reason(out, ids, "");
}

/*
 * A scenario that declares deviations must show them: for every kernel
 * version (implementation version string) among @outs to which a declared
 * deviation applied, at least one implementation must have been judged DEV.
 * Otherwise the deviation is gone (a fixed kernel, or a scenario that no
 * longer reaches it) and every path of that version that agreed with the
 * strict model is turned into a FAIL saying so.  Returns the number of
 * outcomes turned into failures.
 */
uint32_t xr_check_deviations_shown(struct xr_outcome *outs, uint32_t nr)
{
	uint32_t i, j, flipped = 0;

	for (i = 0; i < nr; i++) {
		bool shown = false;

		if (!outs[i].dev_unshown)
			continue;
		for (j = 0; j < nr; j++)
			if (outs[j].verdict == XR_V_DEV &&
			    !strcmp(outs[j].impl->version, outs[i].impl->version))
				shown = true;
		if (shown)
			continue;
		outs[i].verdict = XR_V_FAIL;
		outs[i].dev_unshown = false;
		snprintf(outs[i].reason, sizeof(outs[i].reason),
			 "deviation not shown by any implementation of %s: the kernel no longer differs from the spec here (fixed?); update spec/deviations.md",
			 outs[i].impl->version);
		flipped++;
	}
	return flipped;
}

/* Can @impls run as one group (xr_run_group)? */
static bool group_ok(const struct xr_run_env *env,
		     const struct xr_scenario *scn,
		     const struct xr_impl_ops *const *impls, uint32_t n)
{
	uint32_t i;

	if (!env->ref_ops || scn->nr_devs || n < 2 || n > XR_GROUP_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!XR_IMPL_ABI_OK(impls[i]) || xr_is_reference(env, impls[i]) ||
		    impls[i]->context != impls[0]->context)
			return false;
	return true;
}

/* Record that @ps[k] ended @e, and give its instance back */
static void group_end(struct pair *ps, enum pair_end *ends, bool *open,
		      uint32_t k, enum pair_end e)
{
	ends[k] = e;
	if (open[k])
		xr_inst_put(ps[k].cache, ps[k].impl, ps[k].a);
	open[k] = false;
}

/*
 * A group's pairs and results: the cache's (allocated once, freed by
 * xr_inst_cache_flush), so that a run its caller abandons halfway leaks
 * nothing; or the heap when there is no cache.
 */
static struct pair *group_mem(struct xr_inst_cache *cache)
{
	size_t size = XR_GROUP_MAX * sizeof(struct pair) +
		      (XR_GROUP_MAX + 1) * sizeof(struct xr_result);

	if (!cache)
		return malloc(size);
	if (!cache->group_mem)
		cache->group_mem = malloc(size);
	return cache->group_mem;
}

static void group_mem_put(struct xr_inst_cache *cache, struct pair *ps)
{
	if (!cache)
		free(ps);
}

void xr_run_group(const struct xr_run_env *env, const struct xr_scenario *scn,
		  const struct xr_impl_ops *const *impls, uint32_t n,
		  struct xr_outcome *outs)
{
	unsigned int how = (env->step_sources_only ? PAIR_STEP_ONLY : 0) |
			   PAIR_EXPECTS;
	struct xr_inst_cache *cache = env->cache;
	const struct xr_impl_ops *ref;
	struct xr_result *ra, *rb;
	enum pair_end ends[XR_GROUP_MAX];
	bool open[XR_GROUP_MAX];
	uint32_t i, k, nr_open = 0;
	struct pair *ps;
	struct ref_marks rm;
	char err[200];
	void *b = NULL;

	rm.have = false;
	ps = group_ok(env, scn, impls, n) ? group_mem(cache) : NULL;
	ra = ps ? (struct xr_result *)(ps + XR_GROUP_MAX) : NULL;
	if (!ra) {
		group_mem_put(cache, ps);
		for (k = 0; k < n; k++)
			xr_run_one(env, scn, impls[k], &outs[k]);
		return;
	}
	rb = ra + 1;
	ref = env->ref_ops(impls[0]->context);
	for (k = 0; k < n; k++) {
		ends[k] = pair_open(&ps[k], &outs[k], cache, scn, impls[k], ref,
				    0, how);
		open[k] = ends[k] == PAIR_PASS;
		nr_open += open[k];
	}
	if (nr_open)
		b = ref_open(cache, scn, ref, 0, err, sizeof(err));
	for (k = 0; nr_open && !b && k < n; k++) {
		if (!open[k])
			continue;
		snprintf(outs[k].reason, sizeof(outs[k].reason), "%s", err);
		group_end(ps, ends, open, k, PAIR_ERROR);
	}
	for (k = 0; k < n; k++) {
		ps[k].b = b;
		ps[k].rm = &rm;
	}
	for (i = 0; b && i < scn->nr_steps; i++) {
		enum xr_status s;

		nr_open = 0;
		for (k = 0; k < n; k++) {
			enum pair_end e;

			if (!open[k])
				continue;
			e = impl_half(&ps[k], &outs[k], i, &rb[k]);
			if (e != PAIR_PASS)
				group_end(ps, ends, open, k, e);
			nr_open += open[k];
		}
		if (!nr_open)
			break;
		s = run_side(ref, b, &scn->steps[i].step, ra, err, sizeof(err));
		rm.have = false;	/* a new step: ask the reference again */
		for (k = 0; k < n; k++) {
			enum pair_end e;

			if (!open[k])
				continue;
			e = ref_half(&ps[k], &outs[k], i, s, err);
			if (e == PAIR_PASS)
				e = check_half(&ps[k], &outs[k], i, ra, &rb[k]);
			if (e != PAIR_PASS)
				group_end(ps, ends, open, k, e);
		}
	}
	for (k = 0; k < n; k++)
		if (open[k])
			group_end(ps, ends, open, k,
				  end_half(&ps[k], &outs[k]));
	if (b)
		xr_inst_put(cache, ref, b);
	/* every instance is back: replays may create their own */
	for (k = 0; k < n; k++) {
		pair_locate(&ps[k], &outs[k], ends[k]);
		set_verdict(&outs[k], ends[k]);
		dev_hint(env, scn, impls[k], ref, how, &outs[k]);
	}
	group_mem_put(cache, ps);
}
