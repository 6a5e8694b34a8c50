// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing, concurrent_ops: one execution of a case with the
 * decisions it names, and a finding shrunk to the smallest scenario
 * whose schedule string still shows it.
 *
 * Every execution runs through xr_explore_one (explore_one.c), which
 * runs it as `xicsref explore --schedule` replays one, and the decisions
 * it took are recorded in that command's schedule string.  A finding is
 * replayed once more through xr_explore itself, the command's own code,
 * before it is printed: the printed replay is checked, not hoped for.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "conc.h"
#include "emit.h"
#include "hang.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 33);
}

/* -- the chooser -- */

void xc_chooser_init(struct xc_chooser *ch, const struct xc_case *c)
{
	uint32_t i;

	memset(ch, 0, sizeof(*ch));
	ch->c = c;
	ch->last = UINT32_MAX;
	snprintf(ch->sched, sizeof(ch->sched), "-");
	for (i = 0; i < c->nr_decs; i++)
		ch->rng[i] = mix(c->decs[i].tick, i) | 1;
}

/* Does the case's decision @d name decision @c? */
static bool names(const struct xc_case *cs, const struct xc_dec *d,
		  const struct xr_choice *c)
{
	bool delay = c->kind == XR_CHOICE_DELAY;

	if (cs->exact)
		return d->cpu == c->cpu && d->tick == c->tick &&
		       d->nth == c->nth && d->delay == delay;
	/*
	 * An input names an operation's CPU and a hook call: its first
	 * decision of the kind from that call on.  Any tick within the
	 * operation's run then does something (most random ticks would
	 * name no decision), and what was taken is recorded exactly.  A
	 * random one names every decision of that CPU and kind.
	 */
	return c->cpu != XC_START && d->delay == delay &&
	       (uint32_t)cs->ops[d->op % cs->nr_ops].cpu == c->cpu &&
	       (d->random || d->tick <= c->tick);
}

/* Does random decision @i fire here?  @r: the draw */
static bool fires(struct xc_chooser *ch, uint32_t i, uint64_t *r)
{
	uint64_t *s = &ch->rng[i];

	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	*r = *s;
	return !(*s % (2 + (ch->c->decs[i].pick & 63)));
}

/* The case's decision for @c, or NULL; @r: a random one's draw */
static const struct xc_dec *decision_at(struct xc_chooser *ch,
					const struct xr_choice *c, uint64_t *r)
{
	const struct xc_case *cs = ch->c;
	uint32_t i;

	for (i = 0; i < cs->nr_decs; i++) {
		const struct xc_dec *d = &cs->decs[i];

		if ((ch->used & (1u << i)) || !names(cs, d, c))
			continue;
		if (!cs->exact && d->random) {
			if (fires(ch, i, r))
				return d;
			continue;
		}
		ch->used |= 1u << i;
		*r = d->pick - 1u;
		return d;
	}
	return NULL;
}

/* The alternative the case asks for at @c, or @def */
static int wanted(struct xc_chooser *ch, const struct xr_choice *c, int def)
{
	const struct xc_dec *d;
	uint64_t r = 0;
	uint32_t k;

	if (!ch->c->exact && c->cpu == XC_START)
		return ch->c->start % c->nr;
	d = decision_at(ch, c, &r);
	if (!d)
		return def;
	if (c->kind == XR_CHOICE_DELAY)
		return 1;
	if (ch->c->exact) {
		for (k = 0; k < c->nr; k++)
			if (c->alt[k] == (uint32_t)d->run)
				return (int)k;
		return def;
	}
	k = (uint32_t)((d->random ? r >> 8 : r) % (c->nr - 1));
	return (int)k < def ? (int)k : (int)k + 1;
}

static bool within_bounds(const struct xc_chooser *ch,
			  const struct xr_choice *c)
{
	if (ch->nr_taken == XC_MAX_DECS)
		return false;
	if (c->kind == XR_CHOICE_DELAY)
		return ch->delays < XC_MAX_DELAYS;
	return c->cur < 0 || ch->preempt < XC_MAX_PREEMPT;
}

/* Append exact decision @d to schedule string @s as explore.c writes it */
static void sched_append(char *s, size_t len, const struct xc_dec *d)
{
	xr_sched_put(s, len, strcmp(s, "-") ? strlen(s) : 0, d->cpu, d->tick,
		     d->nth, d->delay, d->delay ? 0 : (uint32_t)d->run);
}

/* Record a non-default decision */
static void take(struct xc_chooser *ch, const struct xr_choice *c, int pick)
{
	struct xc_dec *t = &ch->taken[ch->nr_taken++];

	memset(t, 0, sizeof(*t));
	t->cpu = c->cpu;
	t->tick = c->tick;
	t->nth = c->nth;
	t->delay = c->kind == XR_CHOICE_DELAY;
	t->run = t->delay ? XC_DELAY : (int32_t)c->alt[pick];
	ch->delays += t->delay;
	ch->preempt += !t->delay && c->cur >= 0;
	sched_append(ch->sched, sizeof(ch->sched), t);
}

int xc_choose(void *ctx, const struct xr_choice *c)
{
	struct xc_chooser *ch = ctx;
	int def = c->kind == XR_CHOICE_CPU && c->cur >= 0 ? c->cur : 0;
	int pick = wanted(ch, c, def);

	if (pick != def && within_bounds(ch, c))
		take(ch, c, pick);
	else
		pick = def;
	/* which CPUs ran in turn: the shape of the interleaving */
	if (c->kind == XR_CHOICE_CPU && c->alt[pick] != ch->last) {
		ch->last = c->alt[pick];
		ch->shape = mix(ch->shape, ch->last);
		ch->switches++;
	}
	return pick;
}

/* -- one execution -- */

/* An ICP's state as far as interleavings tell states apart */
static uint64_t icp_class(const struct xr_icp_state *k)
{
	uint64_t x = !k->xisr ? 0 : k->xisr == XR_XISR_IPI ? 1 : 2;

	return x | (uint64_t)k->out_ee << 2 | (uint64_t)k->line << 3 |
	       (uint64_t)k->need_resend << 4 |
	       (uint64_t)(k->pprio < k->cppr) << 5 |
	       (uint64_t)(k->mfrr < k->cppr) << 6 |
	       (uint64_t)(k->mfrr == k->pprio) << 7;
}

static void quiescent(void *ctx, const struct xr_impl_ops *impl, void *inst)
{
	struct xc_chooser *ch = ctx;
	const struct xr_setup *s = &ch->c->seq.setup;
	struct xr_icp_state k;
	uint32_t i;

	for (i = 0; i < s->nr_vcpus && i < XC_MAX_FEAT; i++) {
		memset(&k, 0, sizeof(k));
		ch->icp[i] = impl->get_icp(inst, s->vcpus[i].id, &k) ?
			     icp_class(&k) | 0x100 : 0;
	}
	ch->nr_icp = i;
}

/*
 * What the execution did, coarsely, for the fuzzer.  The explore builds
 * carry no coverage instrumentation (a finding must replay on the object
 * `xicsref explore` loads, which cannot load one built for libFuzzer), so
 * new outcomes, interleavings and quiescent ICP states stand in for it.
 */
static void features(struct xc_outcome *o, const struct xr_x_one *one,
		     const struct xr_impl_ops *impl)
{
	const struct xr_par_exec *ex = &one->ex;
	uint64_t ctx = impl->context + 1, h = ctx;
	uint32_t i, n = 0;

	o->feat[n++] = mix(ctx, (uint64_t)one->verdict << 8 | ex->end);
	for (i = 0; i < ex->nr_ops && i < XR_PAR_OPS; i++)
		h = mix(mix(h, ex->op[i].step.kind),
			(uint64_t)ex->res[i].rc ^ ex->res[i].xirr << 8);
	o->feat[n++] = h;
	o->feat[n++] = mix(ctx, o->ch.shape);
	/* decisions (order of magnitude), switches, preemptions, delays */
	h = 64 - (uint64_t)__builtin_clzll(ex->decisions | 1);
	h = h << 8 | (o->ch.switches < 255 ? o->ch.switches : 255);
	o->feat[n++] = mix(ctx, h << 16 | o->ch.preempt << 8 |
				o->ch.delays << 4 | ex->cpus);
	for (i = 0; i < o->ch.nr_icp && n < XC_MAX_FEAT; i++)
		o->feat[n++] = mix(mix(ctx, i + 1), o->ch.icp[i]);
	o->nr_feat = n;
}

/*
 * A hang leaves the explorer where it was (the run is abandoned, not
 * ended): nothing runs on it afterwards, the case is reported as it is.
 */
static bool abandoned;

struct exec_arg {
	const struct xr_scenario *scn;
	const struct xr_x_model *m;
	const struct xr_impl_ops *impl;
	struct xr_x_one *one;
};

static void exec_bounded(void *p)
{
	struct exec_arg *a = p;

	xr_explore_one(a->m, a->scn, a->impl, a->one);
}

void xc_exec(const struct xc_case *c, const struct xr_scenario *scn,
	     const struct xr_x_model *m, const struct xr_impl_ops *impl,
	     struct xc_outcome *o)
{
	static struct xr_x_one one;
	struct exec_arg a = { scn, m, impl, &one };

	o->hang = false;
	o->impl = impl;
	o->oracle[0] = o->text[0] = '\0';
	o->nr_feat = 0;
	xc_chooser_init(&o->ch, c);
	memset(&one, 0, offsetof(struct xr_x_one, verdict));
	one.choose = xc_choose;
	one.ctx = &o->ch;
	one.quiescent = quiescent;
	if (!xf_run_bounded(exec_bounded, &a, XC_HANG_MSEC)) {
		o->verdict = XR_X_FINDING;
		o->hang = true;
		abandoned = true;
		snprintf(o->oracle, sizeof(o->oracle), "HANG");
		snprintf(o->text, sizeof(o->text),
			 "the execution did not end within %u ms of CPU time",
			 XC_HANG_MSEC);
		return;
	}
	o->verdict = one.verdict;
	snprintf(o->oracle, sizeof(o->oracle), "%s", one.oracle);
	snprintf(o->text, sizeof(o->text), "%s",
		 one.verdict == XR_X_FINDING ? one.detail : one.why);
	features(o, &one, impl);
}

void xc_run_case(const struct xc_case *c, const struct xr_impl_ops *impl,
		 struct xc_outcome *o)
{
	struct xr_scenario scn;
	struct xr_x_model *m;
	char why[256];

	o->hang = false;
	o->impl = impl;
	o->oracle[0] = '\0';
	o->nr_feat = 0;
	xc_chooser_init(&o->ch, c);
	o->verdict = XR_X_ERROR;
	if (abandoned) {
		snprintf(o->text, sizeof(o->text),
			 "not run: a hang abandoned the explorer");
		return;
	}
	if (xc_scenario(c, &scn, why, sizeof(why))) {
		snprintf(o->text, sizeof(o->text), "not a scenario: %s", why);
		return;
	}
	m = xr_x_model_new(&xr_model_env, &scn, impl, why, sizeof(why));
	if (m) {
		xc_exec(c, &scn, m, impl, o);
	} else {
		o->verdict = XR_X_SKIP;
		snprintf(o->text, sizeof(o->text), "model: %s", why);
	}
	xr_x_model_free(m);
	xr_scenario_free(&scn);
}

/* -- shrinking -- */

struct shrink_arg {
	const struct xr_impl_ops *impl;
	char oracle[48];
	const struct xc_case *base;	/* the block of seq_fails' candidates */
	struct xc_outcome out;
	unsigned int runs, seq_hits;
};

/*
 * The same oracle on the same implementation, and not a known finding
 * (conc_known.c): a hang is not shrunk.
 */
static bool still_fails(const struct xc_case *c, struct shrink_arg *a)
{
	a->runs++;
	xc_run_case(c, a->impl, &a->out);
	return a->out.verdict == XR_X_FINDING && !a->out.hang &&
	       !strcmp(a->out.oracle, a->oracle) &&
	       !xc_known_finding(c, &a->out, NULL);
}

/* xf_shrink's check: a smaller set-up or fewer steps, the same block */
static bool seq_fails(const struct xf_case *seq, void *arg)
{
	static struct xc_case t;
	struct shrink_arg *a = arg;

	t = *a->base;
	t.seq = *seq;
	if (!still_fails(&t, a))
		return false;
	a->seq_hits++;
	return true;
}

static bool try_case(struct xc_case *c, const struct xc_case *cand,
		     struct shrink_arg *a)
{
	if (!still_fails(cand, a))
		return false;
	*c = *cand;
	return true;
}

static bool shrink_decs(struct xc_case *c, struct xc_case *t,
			struct shrink_arg *a)
{
	bool progress = false;
	uint32_t i;

	for (i = c->nr_decs; i-- > 0;) {
		*t = *c;
		memmove(&t->decs[i], &t->decs[i + 1],
			(t->nr_decs - i - 1) * sizeof(t->decs[0]));
		t->nr_decs--;
		progress |= try_case(c, t, a);
	}
	return progress;
}

static bool shrink_ops(struct xc_case *c, struct xc_case *t,
		       struct shrink_arg *a)
{
	bool progress = false;
	uint32_t i;

	for (i = c->nr_ops; i-- > 0 && c->nr_ops > 2;) {
		*t = *c;
		memmove(&t->ops[i], &t->ops[i + 1],
			(t->nr_ops - i - 1) * sizeof(t->ops[0]));
		t->nr_ops--;
		progress |= try_case(c, t, a);
	}
	return progress;
}

static bool shrink_devs(struct xc_case *c, struct xc_case *t,
			struct shrink_arg *a)
{
	bool progress = false;
	uint32_t i;

	for (i = 0; i < 32; i++) {
		if (!(c->devs & (1u << i)))
			continue;
		*t = *c;
		t->devs &= ~(1u << i);
		progress |= try_case(c, t, a);
	}
	return progress;
}

/*
 * Greedy, one element at a time, until nothing more goes: decisions,
 * operations, then the set-up and the steps before the block (emit.c's
 * shrinker), then deviation lines.  The decisions are the exact ones of
 * the failing execution (which CPU, which store), so they keep meaning
 * the same while the rest of the case shrinks around them.
 */
static unsigned int shrink(struct xc_case *c, struct shrink_arg *a)
{
	static struct xc_case t;
	bool progress = true;
	unsigned int hits;

	while (progress) {
		progress = shrink_decs(c, &t, a);
		progress |= shrink_ops(c, &t, a);
		hits = a->seq_hits;
		a->base = c;
		xf_shrink(&c->seq, seq_fails, a);
		progress |= a->seq_hits != hits;
		progress |= shrink_devs(c, &t, a);
	}
	return a->runs;
}

/* -- the report -- */

/*
 * Does `xicsref explore --schedule @sched` find @oracle again?  Run by
 * the command's own code (xr_explore); @trace gets the interleaving it
 * prints (malloc'd, or NULL), @got what it found.
 */
static bool replays(const struct xc_case *c, const struct xr_impl_ops *impl,
		    const char *sched, const char *oracle, char *got,
		    size_t len, char **trace)
{
	static struct xr_explore_result r;
	struct xr_explore_opts o = {
		.bound = 2, .delays = 1, .max_accesses = 200000,
		.schedule = sched,
	};
	struct xr_scenario scn;
	bool ok;

	*trace = NULL;
	if (xc_scenario(c, &scn, got, len))
		return false;
	xr_explore(&xr_model_env, &scn, impl, &o, &r);
	ok = r.verdict == XR_X_FINDING && !strcmp(r.oracle, oracle);
	snprintf(got, len, "%s", r.verdict == XR_X_FINDING ? r.oracle :
		 r.verdict == XR_X_PASS ? "no finding" : r.why);
	if (r.trace)
		*trace = strdup(r.trace);
	xr_explore_result_free(&r);
	xr_scenario_free(&scn);
	return ok;
}

static void print_indented(const char *s)
{
	const char *nl;

	while (s && *s) {
		nl = strchr(s, '\n');
		fprintf(stderr, "    %.*s\n", nl ? (int)(nl - s) : (int)strlen(s),
			s);
		s = nl ? nl + 1 : NULL;
		while (s && *s == ' ')
			s++;
	}
}

static void print_finding(const char *target, const struct xc_case *c,
			  const struct xr_impl_ops *impl, const char *so,
			  const struct xc_outcome *o, const char *trace,
			  const char *check)
{
	char note[4096];

	fprintf(stderr, "%s %s: %s (spec/concurrency.md)\n", impl->name,
		impl->version ? impl->version : "", o->oracle);
	print_indented(o->text);
	fprintf(stderr, "schedule: %s\n---- minimal scenario ----\n",
		o->ch.sched);
	snprintf(note, sizeof(note),
		 "found by fuzz/%s: %s %s fails %s in the execution\n"
		 "of schedule %s\n"
		 "replay: xicsref explore --schedule %s --impl %s FILE",
		 target, impl->name, impl->version ? impl->version : "",
		 o->oracle, o->ch.sched, o->ch.sched, so);
	xc_emit(stderr, c, note);
	if (trace && trace[0])
		fprintf(stderr, "---- interleaving (the replay's) ----\n%s",
			trace);
	fprintf(stderr, "replay: xicsref explore --schedule %s --impl %s FILE\n"
		"        %s\n---- end ----\n", o->ch.sched, so, check);
}

/* The decisions @o took, as the case's own (exact) decisions */
static void pin_decisions(struct xc_case *c, const struct xc_outcome *o)
{
	c->exact = true;
	c->nr_decs = o->ch.nr_taken;
	memcpy(c->decs, o->ch.taken, sizeof(c->decs));
}

/* @o's schedule string: @c's (exact) decisions */
static void sched_of(const struct xc_case *c, struct xc_outcome *o)
{
	uint32_t i;

	snprintf(o->ch.sched, sizeof(o->ch.sched), "-");
	for (i = 0; i < c->nr_decs; i++)
		sched_append(o->ch.sched, sizeof(o->ch.sched), &c->decs[i]);
}

/* The shrunk case run once more: its outcome, checked by a replay */
static void final_check(const struct xc_case *c,
			const struct xr_impl_ops *impl,
			const struct xc_outcome *o, struct xc_outcome *fin,
			char *check, size_t len, char **trace)
{
	char got[256];

	*trace = NULL;
	if (abandoned) {
		snprintf(check, len,
			 "WARNING: not checked, a candidate hung while shrinking (the explorer was abandoned)");
		*fin = *o;
		sched_of(c, fin);
		return;
	}
	xc_run_case(c, impl, fin);
	if (fin->verdict != XR_X_FINDING || strcmp(fin->oracle, o->oracle)) {
		snprintf(check, len,
			 "WARNING: the shrunk case, run again, gave %s, not %s",
			 fin->verdict == XR_X_FINDING ? fin->oracle :
			 "no finding", o->oracle);
		*fin = *o;
		return;
	}
	if (replays(c, impl, fin->ch.sched, fin->oracle, got, sizeof(got),
		    trace))
		snprintf(check, len,
			 "(checked: replaying this schedule as xicsref explore does finds %s again)",
			 fin->oracle);
	else
		snprintf(check, len,
			 "WARNING: replaying this schedule as xicsref explore does gave: %s",
			 got);
}

/* -- the baseline: findings the unmodified kernel shows too -- */

/*
 * Does @base (the unmodified kernel's implementation of the same name)
 * show @oracle on @c too?  First with @c's own decisions, then as
 * `xicsref explore` searches it (bound 2, 1 delay, as make explore).
 * @how says which.
 */
static bool baseline_shows(const struct xc_case *c,
			   const struct xr_impl_ops *base, const char *oracle,
			   char *how, size_t len)
{
	static struct xr_explore_result r;
	static struct xc_outcome out;
	struct xr_explore_opts o = {
		.bound = 2, .delays = 1, .max_accesses = 200000,
		.max_execs = 100000,
	};
	struct xr_scenario scn;
	bool shows;

	xc_run_case(c, base, &out);
	if (out.verdict == XR_X_FINDING && !strcmp(out.oracle, oracle)) {
		snprintf(how, len, "with the same decisions");
		return true;
	}
	if (abandoned || xc_scenario(c, &scn, how, len))
		return false;
	xr_explore(&xr_model_env, &scn, base, &o, &r);
	shows = r.verdict == XR_X_FINDING && !strcmp(r.oracle, oracle);
	if (shows)
		snprintf(how, len, "xicsref explore finds it, schedule %.150s",
			 r.schedule);
	else
		snprintf(how, len,
			 "neither with the same decisions nor as xicsref explore searches it");
	xr_explore_result_free(&r);
	xr_scenario_free(&scn);
	return shows;
}

static uint64_t nr_pre;

static void pre_totals(void)
{
	fprintf(stderr, "concurrent_ops: %llu findings passed over: the baseline shows them too\n",
		(unsigned long long)nr_pre);
}

/* A pre-existing finding: said in one line, the first with its case */
static void pre_existing(const struct xc_case *c,
			 const struct xr_impl_ops *impl,
			 const struct xr_impl_ops *base, const char *oracle,
			 const char *how)
{
	if (!nr_pre++) {
		atexit(pre_totals);
		xc_emit(stderr, c, "the first finding the baseline shows too");
	}
	fprintf(stderr, "concurrent_ops: %s %s: %s, which the baseline %s %s shows too (%s): passed over\n",
		impl->name, impl->version, oracle, base->name, base->version,
		how);
}

bool xc_report(const char *target, struct xc_case *c,
	       const struct xr_impl_ops *impl, const char *so,
	       const struct xr_impl_ops *base, const struct xc_outcome *o)
{
	static struct shrink_arg a;
	static struct xc_outcome fin;
	char check[512], how[256] = "", *trace;

	if (o->hang) {
		fprintf(stderr, "\n==== xicsref %s: a hang (not shrunk: the run was abandoned)\n",
			target);
		print_finding(target, c, impl, so, o, NULL,
			      "(a hang: replay with xicsref explore --timeout 5)");
		abort();
	}
	pin_decisions(c, o);
	a.impl = impl;
	a.runs = 0;
	snprintf(a.oracle, sizeof(a.oracle), "%s", o->oracle);
	shrink(c, &a);
	if (base && baseline_shows(c, base, o->oracle, how, sizeof(how))) {
		pre_existing(c, impl, base, o->oracle, how);
		return false;
	}
	final_check(c, impl, o, &fin, check, sizeof(check), &trace);
	fprintf(stderr, "\n==== xicsref %s: a finding (shrunk in %u runs)\n",
		target, a.runs);
	if (base)
		fprintf(stderr, "new: the baseline %s %s does not show it: %s\n",
			base->name, base->version, how);
	print_finding(target, c, impl, so, &fin, trace, check);
	abort();
}
