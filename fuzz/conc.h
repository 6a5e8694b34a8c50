/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref fuzzing, concurrent_ops: a set-up and steps as the other
 * targets decode them, then a parallel block of 2 or 3 operations and
 * the decisions of one execution of it (docs/fuzzing.md,
 * "concurrent_ops").  A case prints as a scenario with a parallel block
 * and its decisions as the schedule string of `xicsref explore
 * --schedule`.
 */
#ifndef XICSREF_FUZZ_CONC_H
#define XICSREF_FUZZ_CONC_H

#include <stdbool.h>
#include <stdio.h>

#include "decode.h"
#include "explore.h"

#define XC_MAX_OPS	3	/* operations of the block */
#define XC_MAX_DECS	8	/* non-default decisions of an execution */
#define XC_MAX_PREEMPT	3	/* of them preemptions, at most */
#define XC_MAX_DELAYS	2	/* of them delayed stores, at most */
/* version, control, op slots, decisions; then the diff_ops format */
#define XC_SLOT_LEN	8
#define XC_DEC_LEN	4
#define XC_HDR_LEN	(2 + XC_MAX_OPS * XC_SLOT_LEN + XC_MAX_DECS * XC_DEC_LEN)

struct xc_op {
	int32_t cpu;			/* the 'cpu P:' of its line */
	struct xr_step step;
};

#define XC_DELAY	(-1)		/* xc_dec.run: the store waits */
#define XC_START	UINT32_MAX	/* xc_dec.cpu: the choice of who starts */

/*
 * A decision that is not the default, named as a schedule string names
 * it (struct xr_choice): the CPU that reaches it, its hook call there
 * (tick) and the how-many-th decision of its kind at that call (nth).
 * Decoded from an input it says which operation's CPU (@op), the tick,
 * whether it is the store's decision, and @pick (1..255): the
 * (pick - 1) % (nr - 1)-th alternative that is not the default; or, if
 * @random, that each decision of that CPU and kind is taken with
 * probability 1 / (2 + pick % 64), drawn from a generator @tick seeds.  As a
 * schedule (exact) it names the CPU @cpu, @tick, @nth and what it
 * chose: the CPU @run, or XC_DELAY.
 */
struct xc_dec {
	uint32_t cpu;
	uint64_t tick;
	uint32_t nth;
	bool delay;			/* the store's decision, not the CPU's */
	bool random;			/* input: @tick seeds a draw at each */
	int32_t run;
	uint8_t op, pick;
};

struct xc_case {
	struct xf_case seq;		/* set-up and the steps before it */
	uint32_t nr_ops;		/* < 2: the input gave no block */
	struct xc_op ops[XC_MAX_OPS];
	bool exact;			/* decs name CPUs, not picks */
	uint8_t start;			/* input: the operation that starts */
	uint32_t nr_decs;
	struct xc_dec decs[XC_MAX_DECS];
	uint32_t devs;			/* bit i: xr_deviations()[i] declared */
};

/* -- conc_decode.c -- */

/* Decode @len bytes; total, as xf_decode (nr_ops < 2: no block) */
void xc_decode(const uint8_t *data, size_t len, struct xc_case *c);

/*
 * Bytes that decode to @c's block as closely as the format allows (a
 * seed made from a suite scenario); the decisions are left default.
 * Returns the length, 0 if @cap is too small.
 */
size_t xc_encode(const struct xc_case *c, uint8_t *buf, size_t cap);

/* Does a VCPU run on another CPU at the block than in the set-up? */
bool xc_vcpu_moved(const struct xc_case *c);

/* -- conc_case.c -- */

/* Print @c as a scenario; @note lines become comments */
void xc_emit(FILE *f, const struct xc_case *c, const char *note);

/*
 * @c printed and parsed by the runner's parser into @scn: what runs is
 * exactly what prints.  Returns -1 with the parser's message in @why.
 */
int xc_scenario(const struct xc_case *c, struct xr_scenario *scn, char *why,
		size_t len);

/* @c from a parsed scenario with a parallel block (seeds) */
int xc_from_scenario(const struct xr_scenario *scn, struct xc_case *c,
		     char *why, size_t len);

/* -- conc_run.c -- */

#define XC_MAX_FEAT	16
#define XC_HANG_MSEC	2000	/* CPU time of one case on one implementation */

/*
 * The chooser of one execution: takes @c's decisions within the bounds
 * and records the non-default ones it took as a schedule string.
 */
struct xc_chooser {
	const struct xc_case *c;
	uint32_t preempt, delays;
	uint32_t used;			/* the case's decisions taken (bits) */
	uint64_t rng[XC_MAX_DECS];	/* of its random decisions */
	uint32_t nr_taken;
	struct xc_dec taken[XC_MAX_DECS];
	char sched[512];		/* "-" when none */
	uint32_t last;			/* the CPU that ran last */
	uint64_t shape;			/* the CPUs in the order they ran */
	uint32_t switches;
	uint32_t nr_icp;
	uint64_t icp[XC_MAX_FEAT];	/* quiescent ICP states, coarsely:
					 * no more count as features */
};

void xc_chooser_init(struct xc_chooser *ch, const struct xc_case *c);
int xc_choose(void *ctx, const struct xr_choice *c);

/* What one execution of a case on one implementation gave */
struct xc_outcome {
	enum xr_x_verdict verdict;
	bool hang;			/* over XC_HANG_MSEC: abandoned */
	const struct xr_impl_ops *impl;	/* it ran on */
	char oracle[48];
	char text[2048];		/* what the oracle saw, or why */
	struct xc_chooser ch;		/* its decisions */
	uint32_t nr_feat;		/* what it did, for the fuzzer */
	uint64_t feat[XC_MAX_FEAT];
};

/*
 * One execution of @scn (what @c prints as) on @impl against @m (from
 * xr_x_model_new), decided by @c's decisions.
 */
void xc_exec(const struct xc_case *c, const struct xr_scenario *scn,
	     const struct xr_x_model *m, const struct xr_impl_ops *impl,
	     struct xc_outcome *o);

/* @c printed, parsed, modelled and run once on @impl */
void xc_run_case(const struct xc_case *c, const struct xr_impl_ops *impl,
		 struct xc_outcome *o);

/*
 * A finding (@o, from @c on @impl, loaded from @so): shrink it.  When
 * @base (the unmodified kernel's implementation of the same name, or
 * NULL) shows it too, say so and return false: it is not new.  Else
 * check that its schedule string replays it as `xicsref explore
 * --schedule` does, print the minimal scenario and the replay command to
 * stderr and abort().
 */
bool xc_report(const char *target, struct xc_case *c,
	       const struct xr_impl_ops *impl, const char *so,
	       const struct xr_impl_ops *base, const struct xc_outcome *o);

/* -- conc_known.c -- */

/* A known finding: counted and passed over, not reported */
struct xc_known {
	const char *id;
	const char *oracle;
	bool (*matches)(const struct xc_case *c, const struct xc_outcome *o);
	const char *what;
};

/* Which known finding @o (of @c) is, and its @index; NULL: none */
const struct xc_known *xc_known_finding(const struct xc_case *c,
					const struct xc_outcome *o,
					uint32_t *index);
/*
 * A known finding: count it, print the first of its kind, and say true
 * (the caller goes on); false for anything else.
 */
bool xc_pass_known(const struct xc_case *c, const struct xr_impl_ops *impl,
		   const struct xc_outcome *o);
/* How many of each known finding were passed over (atexit) */
void xc_known_totals(void);

#endif /* XICSREF_FUZZ_CONC_H */
