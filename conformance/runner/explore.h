/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref explore: the interleavings of a scenario's parallel block on an
 * implementation that can run one (impl.h, run_parallel), each checked
 * against the model as the sequential specification (docs/exploring.md).
 *
 *   explore.c         the search: bounded depth-first over the decisions
 *                     (preemptions and store delays, iteratively
 *                     deeper, states seen once), PCT random schedules,
 *                     replay of one schedule string;
 *   explore_oracle.c  what every quiescent execution must satisfy;
 *   explore_races.c   which data races the spec documents as benign.
 *
 * No I/O but the caller's report.
 */
#ifndef XR_RUNNER_EXPLORE_H
#define XR_RUNNER_EXPLORE_H

#include "run.h"

struct xr_explore_opts {
	uint32_t bound;		/* preemptions (default 2) */
	uint32_t delays;	/* stores kept in a store buffer (default 1) */
	uint32_t random;	/* > 0: this many PCT executions instead */
	uint64_t seed;
	uint32_t depth;		/* PCT bug depth d (default 3) */
	const char *schedule;	/* replay this execution only */
	uint64_t max_execs;	/* give up after this many (0: no limit) */
	uint32_t max_accesses;	/* per CPU and operation: livelock */
	bool races;		/* look for data races */
	bool no_reduction;	/* explore every execution (no state hashing) */
	bool verbose;		/* each execution's schedule on stderr */
	const char *races_file;	/* spec/races.txt: the benign ones */
};

enum xr_x_verdict {
	XR_X_PASS,		/* every execution satisfies every oracle */
	XR_X_FINDING,		/* one does not: see oracle, schedule */
	XR_X_SKIP,		/* nothing to explore (why) */
	XR_X_ERROR,		/* could not run (why) */
};

#define XR_X_MAX_RACES	32

struct xr_x_race {
	char where[64];
	char text[256];
	char benign[48];	/* the RACE-* id that documents it, or "" */
	char schedule[1024];	/* an execution that shows it */
};

struct xr_explore_result {
	enum xr_x_verdict verdict;
	char why[256];			/* skip / error */
	char oracle[48];		/* the oracle that failed */
	char detail[2048];		/* what it saw */
	char schedule[1024];		/* of the failing execution */
	char *trace;			/* its interleaving (malloc'd) */
	uint64_t executions;		/* run to the end */
	uint64_t stopped;		/* cut short: a state seen before */
	uint64_t decisions;
	uint32_t restarts;		/* shared locations learnt */
	uint32_t level;			/* preemption bound reached */
	uint32_t orders;		/* sequential orders of the model */
	uint32_t nr_races;
	struct xr_x_race races[XR_X_MAX_RACES];
	double seconds;
};

/*
 * Append one decision to the schedule string @s (@len bytes, @at in use):
 * ",CPU.TICK[#NTH]:RUN", "start:RUN" for CPU UINT32_MAX, ":d" for a
 * delayed store.  The one writer of the format xicsref explore
 * --schedule reads.  Returns the new length (as snprintf, may exceed
 * @len).
 */
size_t xr_sched_put(char *s, size_t len, size_t at, uint32_t cpu,
		    uint64_t tick, uint32_t nth, bool delay, uint32_t run);

int xr_explore(const struct xr_run_env *env, const struct xr_scenario *scn,
	       const struct xr_impl_ops *impl,
	       const struct xr_explore_opts *opts,
	       struct xr_explore_result *res);
void xr_explore_result_free(struct xr_explore_result *res);

/* -- explore_oracle.c -- */

/* What the model says for every order of the block's operations */
struct xr_x_model;

struct xr_x_model *xr_x_model_new(const struct xr_run_env *env,
				  const struct xr_scenario *scn,
				  const struct xr_impl_ops *impl, char *why,
				  size_t len);
void xr_x_model_free(struct xr_x_model *m);
uint32_t xr_x_model_orders(const struct xr_x_model *m);

/*
 * Check one quiescent execution on @inst (results in @ex): 0 if every
 * oracle holds, else 1 with the oracle's name and what it saw.
 */
int xr_x_check(const struct xr_x_model *m, const struct xr_scenario *scn,
	       const struct xr_impl_ops *impl, void *inst,
	       const struct xr_par_exec *ex, char *oracle, size_t olen,
	       char *detail, size_t dlen);

/* -- explore_one.c -- */

/*
 * One execution of a block with the caller's chooser, run as `xicsref
 * explore --schedule` replays one (a fresh instance, nothing learnt from
 * earlier executions, every access a decision), so the schedule string
 * of its non-default decisions replays it.  For callers that decide
 * themselves (fuzzers).
 */
struct xr_x_one {
	/* in */
	int (*choose)(void *ctx, const struct xr_choice *c);
	void *ctx;
	uint32_t max_accesses;		/* 0: 200000, as xicsref explore */
	/* NULL, or called on a quiescent execution before the oracles */
	void (*quiescent)(void *ctx, const struct xr_impl_ops *impl,
			  void *inst);
	/* out */
	enum xr_x_verdict verdict;	/* FINDING: oracle, detail */
	char why[256];			/* skip / error */
	char oracle[48];
	char detail[2048];
	struct xr_par_exec ex;		/* results, decisions */
};

/*
 * Run @scn's block once on @impl, checked against @m (xr_x_model_new
 * for @scn and @impl).  A step or operation @impl does not support is
 * a skip.  Returns -1 on an error (why), else 0.
 */
int xr_explore_one(const struct xr_x_model *m, const struct xr_scenario *scn,
		   const struct xr_impl_ops *impl, struct xr_x_one *one);

/* -- explore_races.c -- */

/* The RACE-* id of spec/races.txt that documents race @r, or "" */
const char *xr_x_race_benign(const char *file, const struct xr_race *r);

#endif /* XR_RUNNER_EXPLORE_H */
