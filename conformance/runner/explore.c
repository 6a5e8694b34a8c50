// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref explore: the search over the executions of a parallel block.
 *
 * An execution is a sequence of decisions, each asked of the chooser
 * below by the implementation (impl.h, struct xr_choice): which CPU runs
 * next, and whether a store waits in its CPU's store buffer.  The search
 * is stateless, as in CHESS: every execution starts from a fresh
 * instance and replays a prefix of decisions, then takes the default at
 * every new one (the running CPU goes on, the store is visible).
 *
 *   - Bounded, depth-first: an execution may make at most K preemptions
 *     (choosing another CPU while the running one could go on) and at
 *     most D delays; K grows from 0 to the bound (iterative, so the
 *     first finding is one with the fewest preemptions).
 *   - States seen once: the implementation hashes everything that
 *     decides the future at each CPU decision (memory, store buffers,
 *     what each CPU has read); a decision reached again in a state seen
 *     with the same remaining budget is cut short (XR_CHOOSE_STOP).
 *     Interleavings that only reorder independent accesses meet there.
 *   - PCT (Burckhardt et al., ASPLOS'10) for larger blocks: random CPU
 *     priorities and d-1 random points where the running CPU drops to
 *     the lowest priority; random delays.
 *   - A schedule string names the non-default decisions of an execution
 *     ("12:3,20:d"): decision 12 ran CPU 3, decision 20 delayed a store;
 *     replaying it replays the execution.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "explore.h"

enum mode { M_DFS, M_PCT, M_REPLAY };

struct node {
	uint8_t kind;			/* enum xr_choice_kind */
	uint8_t nr;
	int8_t def;			/* the default alternative */
	int8_t cur;			/* the CPU that could go on, -1 */
	uint8_t chosen;
	uint8_t tried;			/* alternatives tried, in order */
	uint16_t p, d;			/* budget spent before it */
	uint32_t alt[XR_PAR_CPUS];
};

struct rep {				/* a decision of a schedule string */
	uint32_t cpu;			/* that decides; UINT32_MAX: the start */
	uint64_t tick;
	uint32_t nth;
	int32_t pick;			/* the CPU to run; -1: delay the store */
	bool used;
};

struct search {
	enum mode mode;
	struct node *stack;
	uint32_t depth, cap;
	uint32_t replay;		/* decisions to take from the stack */
	uint32_t pos;			/* decision number in this execution */
	uint32_t pbound, dbound;
	uint32_t p, d;			/* budget spent in this execution */
	bool prune;
	/* states seen: open addressing, 0 = empty */
	uint64_t *seen;
	uint32_t nseen, seen_cap;
	/* replay */
	struct rep *reps;
	uint32_t nreps;
	bool bad_replay;
	char replay_err[160];
	/* PCT */
	uint64_t rng;
	uint32_t prio[XR_MAX_CPUS];
	uint32_t nchange, change[8];
	uint32_t low;
	uint32_t est;			/* decisions of an execution, about */
	uint32_t ndelay, maxdelay;
	/* the decisions this execution took that were not the default */
	char sched[1024];
	size_t slen;
	uint64_t decisions;
};

static uint64_t rnd(struct search *s)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	return s->rng;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdull;
	return (h ^ (h >> 33)) | 1;	/* never 0: 0 marks an empty slot */
}

/* Insert @key; true if it was there already */
static bool seen(struct search *s, uint64_t key)
{
	uint32_t i;

	if (s->nseen * 2 >= s->seen_cap) {
		uint32_t cap = s->seen_cap ? 2 * s->seen_cap : 1u << 14, k;
		uint64_t *n = calloc(cap, sizeof(*n));

		if (!n)
			return false;
		for (k = 0; k < s->seen_cap; k++) {
			uint64_t v = s->seen[k];

			if (!v)
				continue;
			for (i = (uint32_t)v & (cap - 1); n[i];
			     i = (i + 1) & (cap - 1))
				;
			n[i] = v;
		}
		free(s->seen);
		s->seen = n;
		s->seen_cap = cap;
	}
	for (i = (uint32_t)key & (s->seen_cap - 1); s->seen[i];
	     i = (i + 1) & (s->seen_cap - 1))
		if (s->seen[i] == key)
			return true;
	s->seen[i] = key;
	s->nseen++;
	return false;
}

size_t xr_sched_put(char *s, size_t len, size_t at, uint32_t cpu,
		    uint64_t tick, uint32_t nth, bool delay, uint32_t run)
{
	char where[48];

	if (cpu == UINT32_MAX)
		snprintf(where, sizeof(where), "start");
	else if (nth)
		snprintf(where, sizeof(where), "%u.%llu#%u", cpu,
			 (unsigned long long)tick, nth);
	else
		snprintf(where, sizeof(where), "%u.%llu", cpu,
			 (unsigned long long)tick);
	if (delay)
		return at + (size_t)snprintf(s + at, len - at, "%s%s:d",
					     at ? "," : "", where);
	return at + (size_t)snprintf(s + at, len - at, "%s%s:%u",
				     at ? "," : "", where, run);
}

/* Append "where:what" for the decision @c answered @pick */
static void note(struct search *s, const struct xr_choice *c, int pick,
		 int def)
{
	if (pick == def || s->slen >= sizeof(s->sched) - 64)
		return;
	s->slen = xr_sched_put(s->sched, sizeof(s->sched), s->slen, c->cpu,
			       c->tick, c->nth, c->kind == XR_CHOICE_DELAY,
			       c->kind == XR_CHOICE_DELAY ? 0 : c->alt[pick]);
}

static int default_of(const struct xr_choice *c)
{
	return c->kind == XR_CHOICE_CPU && c->cur >= 0 ? c->cur : 0;
}

static uint32_t cost_p(const struct node *n, int j)
{
	return n->kind == XR_CHOICE_CPU && n->cur >= 0 && j != n->cur;
}

static uint32_t cost_d(const struct node *n, int j)
{
	return n->kind == XR_CHOICE_DELAY && j == 1;
}

/* The k-th alternative to try: the default first, then in order */
static int nth(const struct node *n, uint32_t k)
{
	if (!k)
		return n->def;
	return (int)k - 1 < n->def ? (int)k - 1 : (int)k;
}

static int choose_dfs(struct search *s, const struct xr_choice *c,
		      uint32_t pos)
{
	struct node *n;
	int def = default_of(c);

	if (pos < s->replay) {
		n = &s->stack[pos];
		if (n->kind != c->kind || n->nr != c->nr) {
			snprintf(s->replay_err, sizeof(s->replay_err),
				 "decision %u differs on replay: the implementation is not deterministic",
				 pos);
			s->bad_replay = true;
			return XR_CHOOSE_STOP;
		}
		s->p += cost_p(n, n->chosen);
		s->d += cost_d(n, n->chosen);
		return n->chosen;
	}
	if (s->prune && c->kind == XR_CHOICE_CPU &&
	    seen(s, mix(mix(mix(c->state, c->cur >= 0 ? c->alt[c->cur] + 1
						   : 0),
			    s->pbound - s->p), s->dbound - s->d)))
		return XR_CHOOSE_STOP;
	if (s->depth == s->cap) {
		uint32_t cap = s->cap ? 2 * s->cap : 256;
		struct node *nn = realloc(s->stack, cap * sizeof(*nn));

		if (!nn)
			return XR_CHOOSE_STOP;
		s->stack = nn;
		s->cap = cap;
	}
	n = &s->stack[s->depth++];
	memset(n, 0, sizeof(*n));
	n->kind = (uint8_t)c->kind;
	n->nr = (uint8_t)c->nr;
	n->def = (int8_t)def;
	n->cur = (int8_t)c->cur;
	n->chosen = (uint8_t)def;
	n->tried = 1;
	n->p = (uint16_t)s->p;
	n->d = (uint16_t)s->d;
	memcpy(n->alt, c->alt, sizeof(n->alt));
	s->replay = s->depth;
	return def;
}

/* The next decision sequence to run; false when every one was */
static bool backtrack(struct search *s)
{
	while (s->depth) {
		struct node *n = &s->stack[s->depth - 1];

		while (n->tried < n->nr) {
			int j = nth(n, n->tried++);

			if (n->p + cost_p(n, j) <= s->pbound &&
			    n->d + cost_d(n, j) <= s->dbound) {
				n->chosen = (uint8_t)j;
				s->replay = s->depth;
				return true;
			}
		}
		s->depth--;
	}
	return false;
}

static int choose_pct(struct search *s, const struct xr_choice *c,
		      uint32_t pos)
{
	uint32_t i, best = 0, bp = 0;

	if (c->kind == XR_CHOICE_DELAY) {
		if (s->ndelay < s->maxdelay && !(rnd(s) % 8)) {
			s->ndelay++;
			return 1;
		}
		return 0;
	}
	for (i = 0; i < s->nchange; i++)
		if (s->change[i] == pos && c->cur >= 0)
			s->prio[c->alt[c->cur] % XR_MAX_CPUS] = s->low--;
	for (i = 0; i < c->nr; i++) {
		uint32_t *p = &s->prio[c->alt[i] % XR_MAX_CPUS];

		if (!*p)
			*p = 100 + (uint32_t)(rnd(s) % 1000000);
		if (*p > bp) {
			bp = *p;
			best = i;
		}
	}
	return (int)best;
}

static int choose_replay(struct search *s, const struct xr_choice *c,
			 uint32_t pos)
{
	uint32_t i, k;

	(void)pos;
	for (i = 0; i < s->nreps; i++) {
		struct rep *r = &s->reps[i];

		if (r->used || r->cpu != c->cpu || r->tick != c->tick ||
		    r->nth != c->nth ||
		    (r->pick < 0) != (c->kind == XR_CHOICE_DELAY))
			continue;
		r->used = true;
		if (r->pick < 0)
			return 1;
		for (k = 0; k < c->nr; k++)
			if (c->alt[k] == (uint32_t)r->pick)
				return (int)k;
		snprintf(s->replay_err, sizeof(s->replay_err),
			 "the schedule does not fit: CPU %d cannot run at %s%u.%llu",
			 r->pick, c->cpu == UINT32_MAX ? "the start, not " : "",
			 c->cpu, (unsigned long long)c->tick);
		s->bad_replay = true;
		return XR_CHOOSE_STOP;
	}
	return default_of(c);
}

static int chooser(void *ctx, const struct xr_choice *c)
{
	struct search *s = ctx;
	uint32_t pos = s->pos++;
	int r;

	s->decisions++;
	switch (s->mode) {
	case M_DFS:
		r = choose_dfs(s, c, pos);
		break;
	case M_PCT:
		r = choose_pct(s, c, pos);
		break;
	default:
		r = choose_replay(s, c, pos);
		break;
	}
	if (r >= 0)
		note(s, c, r, default_of(c));
	return r;
}

/*
 * "WHERE:WHAT,..." where WHERE is "start" or CPU.TICK[#NTH] (struct
 * xr_choice) and WHAT a CPU to run or "d" (delay the store)
 */
static int parse_schedule(struct search *s, const char *str, char *why,
			  size_t len)
{
	const char *p = str;

	s->nreps = 0;
	if (!strcmp(str, "-") || !*str)
		return 0;
	while (*p) {
		struct rep *r = realloc(s->reps, (s->nreps + 1) * sizeof(*r));
		unsigned long long v;
		char *end;

		if (!r)
			goto bad;
		s->reps = r;
		r = &s->reps[s->nreps++];
		memset(r, 0, sizeof(*r));
		if (!strncmp(p, "start", 5)) {
			r->cpu = UINT32_MAX;
			p += 5;
		} else {
			v = strtoull(p, &end, 10);
			if (end == p || *end != '.' || v >= XR_MAX_CPUS)
				goto bad;
			r->cpu = (uint32_t)v;
			p = end + 1;
			r->tick = strtoull(p, &end, 10);
			if (end == p)
				goto bad;
			p = end;
			if (*p == '#') {
				v = strtoull(p + 1, &end, 10);
				if (end == p + 1 || v > UINT32_MAX)
					goto bad;
				r->nth = (uint32_t)v;
				p = end;
			}
		}
		if (*p++ != ':')
			goto bad;
		if (*p == 'd' && r->cpu != UINT32_MAX) {
			r->pick = -1;
			p++;
		} else {
			v = strtoull(p, &end, 10);
			if (end == p || v >= XR_MAX_CPUS)
				goto bad;
			r->pick = (int32_t)v;
			p = end;
		}
		if (*p == ',')
			p++;
		else if (*p)
			goto bad;
	}
	return 0;
bad:
	snprintf(why, len,
		 "schedule '%.60s': want CPU.TICK:CPU, CPU.TICK:d (a #N after TICK for the N-th decision there) or start:CPU, separated by commas",
		 str);
	return -1;
}

/* -- one execution -- */

struct ctx {
	const struct xr_run_env *env;
	const struct xr_scenario *scn;
	const struct xr_impl_ops *impl;
	const struct xr_explore_opts *o;
	struct xr_explore_result *r;
	struct xr_x_model *model;
	struct search s;
	struct xr_par_exec ex;
	bool learnt_any;
	uint32_t new_flag;		/* XR_PAR_NEW for the next execution */
};

enum ex_end { E_OK, E_STOPPED, E_FINDING, E_ERROR };

static void add_races(struct ctx *x)
{
	uint32_t i, k;

	for (i = 0; i < x->ex.nr_races; i++) {
		const struct xr_race *rc = &x->ex.races[i];
		struct xr_x_race *d;

		for (k = 0; k < x->r->nr_races; k++)
			if (!strcmp(x->r->races[k].text, rc->text))
				break;
		if (k < x->r->nr_races || x->r->nr_races == XR_X_MAX_RACES)
			continue;
		d = &x->r->races[x->r->nr_races++];
		snprintf(d->where, sizeof(d->where), "%s", rc->where);
		snprintf(d->text, sizeof(d->text), "%s", rc->text);
		snprintf(d->benign, sizeof(d->benign), "%s",
			 xr_x_race_benign(x->o->races_file, rc));
		snprintf(d->schedule, sizeof(d->schedule), "%s",
			 x->s.slen ? x->s.sched : "-");
	}
}

static enum ex_end execute(struct ctx *x, uint32_t flags, char *trace,
			   size_t tlen, char *oracle, size_t olen,
			   char *detail, size_t dlen)
{
	const struct xr_scenario *scn = x->scn;
	struct xr_setup setup = scn->setup;
	struct xr_result res;
	char err[200] = "";
	enum ex_end end = E_OK;
	void *inst;
	uint32_t i;

	setup.quirks = 0;
	x->s.pos = 0;
	x->s.p = x->s.d = 0;
	x->s.slen = 0;
	x->s.sched[0] = '\0';
	x->s.ndelay = 0;
	inst = x->impl->create(&setup, err, sizeof(err));
	if (!inst) {
		snprintf(detail, dlen, "%s: create failed: %s", x->impl->name,
			 err);
		return E_ERROR;
	}
	for (i = 0; i < scn->par_first; i++) {
		xr_result_clear(&res);
		if (x->impl->step(inst, &scn->steps[i].step, &res, err,
				  sizeof(err)) != XR_OK) {
			snprintf(detail, dlen, "line %u: %s", scn->steps[i].line,
				 err);
			end = E_ERROR;
			goto out;
		}
	}
	memset(&x->ex, 0, offsetof(struct xr_par_exec, st));
	x->ex.nr_ops = scn->nr_par;
	for (i = 0; i < scn->nr_par; i++) {
		x->ex.op[i].cpu = (uint32_t)scn->steps[scn->par_first + i].cpu;
		x->ex.op[i].step = scn->steps[scn->par_first + i].step;
	}
	x->ex.choose = chooser;
	x->ex.ctx = &x->s;
	x->ex.flags = flags | x->new_flag | (x->o->races ? XR_PAR_RACES : 0);
	x->new_flag = 0;
	x->ex.max_accesses = x->o->max_accesses;
	x->ex.trace = trace;
	x->ex.trace_len = tlen;
	if (x->impl->run_parallel(inst, &x->ex, err, sizeof(err)) != XR_OK) {
		snprintf(detail, dlen, "%s", err);
		end = E_ERROR;
		goto out;
	}
	if (x->ex.learnt)
		x->learnt_any = true;
	add_races(x);
	switch (x->ex.end) {
	case XR_PAR_DONE:
		if (xr_x_check(x->model, scn, x->impl, inst, &x->ex, oracle,
			       olen, detail, dlen))
			end = E_FINDING;
		break;
	case XR_PAR_STOPPED:
		end = x->s.bad_replay ? E_ERROR : E_STOPPED;
		if (x->s.bad_replay)
			snprintf(detail, dlen, "%s", x->s.replay_err);
		break;
	/* CONC-NO-DEADLOCK, CONC-NO-LIVELOCK: the implementation ends the run */
	case XR_PAR_DEADLOCK:
		snprintf(oracle, olen, "CONC-NO-DEADLOCK");
		snprintf(detail, dlen, "%s", x->ex.why);
		end = E_FINDING;
		break;
	case XR_PAR_LIVELOCK:
		snprintf(oracle, olen, "CONC-NO-LIVELOCK");
		snprintf(detail, dlen, "%s", x->ex.why);
		end = E_FINDING;
		break;
	default:
		snprintf(detail, dlen, "%s", x->ex.why);
		end = E_ERROR;
		break;
	}
out:
	x->impl->destroy(inst);
	return end;
}

/* A finding: replay its schedule with the interleaving recorded */
/*
 * Replay @sched as a fresh process does (xicsref explore --schedule):
 * forget the shared locations learnt so far, run once to learn those of
 * this execution, then again to write its trace (which shows accesses to
 * shared locations only).  Both runs make every access a decision
 * (XR_PAR_ALL_POINTS), so that each decision the string names exists,
 * whatever the exploration that printed it had learnt.
 */
static enum ex_end replay_exec(struct ctx *x, const char *sched, char *trace,
			       size_t tlen, char *oracle, size_t olen,
			       char *detail, size_t dlen)
{
	enum mode saved = x->s.mode;
	enum ex_end e = E_OK;
	uint32_t pass, i;

	if (parse_schedule(&x->s, sched, detail, dlen))
		return E_ERROR;
	x->s.mode = M_REPLAY;
	x->new_flag = XR_PAR_NEW;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < x->s.nreps; i++)
			x->s.reps[i].used = false;
		x->s.bad_replay = false;
		trace[0] = '\0';
		oracle[0] = detail[0] = '\0';
		e = execute(x, XR_PAR_ALL_POINTS | (pass ? XR_PAR_TRACE : 0),
			    trace, tlen, oracle, olen, detail, dlen);
		if (e == E_ERROR || e == E_STOPPED)
			break;
	}
	for (i = 0; (e == E_OK || e == E_FINDING) && i < x->s.nreps; i++) {
		const struct rep *r = &x->s.reps[i];

		if (r->used)
			continue;
		e = E_ERROR;
		snprintf(detail, dlen,
			 "the schedule does not fit: this execution never reaches its decision %u (%s %u, hook call %llu)",
			 i + 1, r->cpu == UINT32_MAX ? "the start," : "cpu",
			 r->cpu == UINT32_MAX ? 0 : r->cpu,
			 (unsigned long long)r->tick);
	}
	x->s.mode = saved;
	return e;
}

static void found(struct ctx *x, const char *oracle, const char *detail,
		  const char *sched)
{
	bool race = !strcmp(oracle, "CONC-NO-DATA-RACE");
	struct xr_explore_result *r = x->r;
	char o2[48] = "", d2[sizeof(r->detail)] = "";
	size_t tlen = 1 << 20;
	enum ex_end e;

	r->verdict = XR_X_FINDING;
	snprintf(r->oracle, sizeof(r->oracle), "%s", oracle);
	snprintf(r->detail, sizeof(r->detail), "%s", detail);
	snprintf(r->schedule, sizeof(r->schedule), "%s", sched);
	r->trace = malloc(tlen);
	if (!r->trace)
		return;
	/*
	 * The interleaving printed is the replay of the schedule printed,
	 * as the user will run it: if that does not find the same, say so.
	 * A data race is no end state: its replay just shows the accesses.
	 */
	e = replay_exec(x, r->schedule, r->trace, tlen, o2, sizeof(o2), d2,
			sizeof(d2));
	if ((e != E_FINDING && !race) || (!race && strcmp(o2, oracle)))
		snprintf(r->trace + strlen(r->trace), tlen - strlen(r->trace),
			 "  (the replay of this schedule did not find it again: %s%s%s)\n",
			 o2[0] ? o2 : "", o2[0] ? ": " : "",
			 d2[0] ? d2 : "nothing");
}

static int one(struct ctx *x, bool *stop)
{
	char oracle[48] = "", detail[sizeof(x->r->detail)] = "";
	enum ex_end e = execute(x, 0, NULL, 0, oracle, sizeof(oracle), detail,
				sizeof(detail));

	*stop = false;
	switch (e) {
	case E_OK:
		x->r->executions++;
		if (x->o->verbose)
			fprintf(stderr, "  ran %u decisions: %s\n", x->s.pos,
				x->s.slen ? x->s.sched : "-");
		return 0;
	case E_STOPPED:
		x->r->stopped++;
		if (x->o->verbose)
			fprintf(stderr, "  cut short at decision %u: %s\n",
				x->s.pos, x->s.slen ? x->s.sched : "-");
		return 0;
	case E_FINDING:
		x->r->executions++;
		found(x, oracle, detail, x->s.slen ? x->s.sched : "-");
		*stop = true;
		return 0;
	default:
		x->r->verdict = XR_X_ERROR;
		snprintf(x->r->why, sizeof(x->r->why), "%.255s", detail);
		*stop = true;
		return -1;
	}
}

static bool over(struct ctx *x)
{
	return x->o->max_execs &&
	       x->r->executions + x->r->stopped >= x->o->max_execs;
}

static void dfs(struct ctx *x)
{
	uint32_t k;
	bool stop;

	x->s.mode = M_DFS;
	x->s.prune = !x->o->no_reduction;
	for (k = 0; k <= x->o->bound; k++) {
		x->s.pbound = k;
		x->s.dbound = k < x->o->delays ? k : x->o->delays;
		x->r->level = k;
again:
		x->s.depth = x->s.replay = 0;
		x->s.nseen = 0;
		if (x->s.seen)
			memset(x->s.seen, 0, x->s.seen_cap * sizeof(uint64_t));
		x->learnt_any = false;
		do {
			if (one(x, &stop) || stop)
				return;
			if (x->learnt_any) {
				/* decisions of earlier executions were
				 * missing: this level again */
				x->r->restarts++;
				goto again;
			}
		} while (!over(x) && backtrack(&x->s));
		if (over(x))
			return;
	}
}

static void pct(struct ctx *x)
{
	uint32_t i, k;
	bool stop;

	x->s.mode = M_PCT;
	x->s.rng = x->o->seed ? x->o->seed : 0x5eed;
	x->s.est = 64;
	x->s.maxdelay = x->o->delays;
	for (i = 0; i < x->o->random && !over(x); i++) {
		uint32_t d = x->o->depth ? x->o->depth : 3;

		memset(x->s.prio, 0, sizeof(x->s.prio));
		x->s.low = 99;
		x->s.nchange = d - 1 < 8 ? d - 1 : 8;
		for (k = 0; k < x->s.nchange; k++)
			x->s.change[k] = (uint32_t)(rnd(&x->s) % x->s.est);
		if (one(x, &stop) || stop)
			return;
		if (x->s.pos > x->s.est)
			x->s.est = x->s.pos;
	}
}

static void replay_one(struct ctx *x)
{
	char oracle[48] = "", detail[sizeof(x->r->detail)] = "";
	size_t tlen = 1 << 20;
	enum ex_end e;

	x->r->trace = malloc(tlen);
	if (!x->r->trace) {
		x->r->verdict = XR_X_ERROR;
		snprintf(x->r->why, sizeof(x->r->why), "out of memory");
		return;
	}
	e = replay_exec(x, x->o->schedule, x->r->trace, tlen, oracle,
			sizeof(oracle), detail, sizeof(detail));
	snprintf(x->r->schedule, sizeof(x->r->schedule), "%s",
		 x->s.slen ? x->s.sched : "-");
	if (e == E_OK) {
		x->r->executions++;
		return;
	}
	if (e == E_FINDING) {
		x->r->executions++;
		x->r->verdict = XR_X_FINDING;
		snprintf(x->r->oracle, sizeof(x->r->oracle), "%s", oracle);
		snprintf(x->r->detail, sizeof(x->r->detail), "%s", detail);
		return;
	}
	x->r->verdict = XR_X_ERROR;
	snprintf(x->r->why, sizeof(x->r->why), "%.255s",
		 e == E_STOPPED && !detail[0] ? "the execution was cut short"
					      : detail);
}

void xr_explore_result_free(struct xr_explore_result *res)
{
	free(res->trace);
	res->trace = NULL;
}

int xr_explore(const struct xr_run_env *env, const struct xr_scenario *scn,
	       const struct xr_impl_ops *impl,
	       const struct xr_explore_opts *opts,
	       struct xr_explore_result *res)
{
	struct ctx *x;
	struct timespec t0, t1;
	uint32_t i;

	memset(res, 0, sizeof(*res));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!scn->nr_par) {
		res->verdict = XR_X_SKIP;
		snprintf(res->why, sizeof(res->why), "no parallel block");
		return 0;
	}
	if (!XR_IMPL_ABI_OK(impl) || !XR_IMPL_OPT(impl, run_parallel)) {
		res->verdict = XR_X_SKIP;
		snprintf(res->why, sizeof(res->why),
			 "%s cannot run a parallel block (an explore build runs them: make explore)",
			 impl->name);
		return 0;
	}
	for (i = 0; i < scn->nr_par; i++)
		if (!(impl->step_kinds &
		      (1u << scn->steps[scn->par_first + i].step.kind))) {
			res->verdict = XR_X_SKIP;
			snprintf(res->why, sizeof(res->why),
				 "%s does not support %s", impl->name,
				 xr_step_name(scn->steps[scn->par_first + i].step.kind));
			return 0;
		}
	x = calloc(1, sizeof(*x));
	if (!x) {
		res->verdict = XR_X_ERROR;
		snprintf(res->why, sizeof(res->why), "out of memory");
		return -1;
	}
	x->env = env;
	x->scn = scn;
	x->impl = impl;
	x->o = opts;
	x->r = res;
	x->new_flag = XR_PAR_NEW;
	x->model = xr_x_model_new(env, scn, impl, res->why, sizeof(res->why));
	if (!x->model) {
		res->verdict = XR_X_ERROR;
		free(x);
		return -1;
	}
	res->orders = xr_x_model_orders(x->model);
	if (opts->schedule)
		replay_one(x);
	else if (opts->random)
		pct(x);
	else
		dfs(x);
	res->decisions = x->s.decisions;
	/* CONC-NO-DATA-RACE: every race documented (explore_races.c) */
	for (i = 0; res->verdict == XR_X_PASS && i < res->nr_races; i++)
		if (!res->races[i].benign[0]) {
			char d[sizeof(res->detail)];

			snprintf(d, sizeof(d),
				 "a data race at %s: %s (not documented in spec/races.txt)",
				 res->races[i].where, res->races[i].text);
			found(x, "CONC-NO-DATA-RACE", d,
			      res->races[i].schedule);
		}
	xr_x_model_free(x->model);
	free(x->s.stack);
	free(x->s.seen);
	free(x->s.reps);
	free(x);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	res->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return 0;
}
