/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref runner core: run one parsed scenario on one implementation, in
 * lockstep with the reference model of the same context, and say what
 * happened in a struct xr_outcome.  No I/O: report.c prints outcomes.
 */
#ifndef XR_RUNNER_RUN_H
#define XR_RUNNER_RUN_H

#include <xicsref/impl.h>
#include <xicsref/model.h>

#include "scenario.h"

enum xr_verdict {
	XR_V_PASS,
	XR_V_FAIL,
	XR_V_DEV,		/* differs exactly as a documented deviation */
	XR_V_SKIP,
};

#define XR_MAX_DIFFS		16
#define XR_DIFF_VAL_LEN		112

struct xr_diff {
	char field[40];		/* "rc", "icp v1.cppr", "source 0x1000.p" */
	char a[XR_DIFF_VAL_LEN];	/* reference (or expected) value */
	char b[XR_DIFF_VAL_LEN];	/* implementation (or actual) value */
};

struct xr_outcome {
	enum xr_verdict verdict;
	const struct xr_impl_ops *impl;
	const struct xr_impl_ops *ref;	/* NULL when none was run */
	uint32_t step;			/* 1-based step index, 0: none */
	uint32_t line;			/* its line, 0: set-up */
	bool vs_expect;			/* diffs: a = written, b = actual */
	bool at_end_sweep;		/* found by the final sweep */
	uint64_t quirks;		/* of the run that is reported */
	char reason[256];
	uint32_t nr_diffs;
	bool more_diffs;
	struct xr_diff diffs[XR_MAX_DIFFS];
	uint32_t cmp_kinds;		/* event kinds compared impl vs ref */
	uint32_t icp_fields;		/* ICP state parts compared (both keep) */
	uint32_t src_fields;		/* source state parts compared */
	uint32_t exp_icp_unkept;	/* "expect icp" parts not checked: the */
	uint32_t exp_src_unkept;	/* implementation does not keep them */
	uint32_t exp_kinds;		/* kinds expect events were checked over */
	bool exp_events_partial;	/* an expect events named a kind that
					 * the implementation does not report */
	uint32_t nr_exp_events;		/* expect events/no-events checked */
	bool dev_unshown;		/* a declared deviation applied, but
					 * this path agreed with the spec */
	/*
	 * A failure of a scenario that declares no deviation, when the
	 * implementation agrees fully with the model running these
	 * documented quirks ("DEV-A DEV-B"): the difference is known.
	 */
	char dev_hint[128];
};

/*
 * Instances kept between runs, for callers that run many scenarios (the
 * fuzzers): an implementation with a reset operation (impl.h) gets its
 * instance reset instead of created and destroyed.  Caller-owned; zero it
 * before use and flush it to destroy what it holds.
 */
#define XR_CACHE_SLOTS		16

struct xr_inst_cache {
	struct {
		const struct xr_impl_ops *ops;
		void *inst;
	} slot[XR_CACHE_SLOTS];
	/*
	 * xr_run_group's and the replays' working memory, kept here so that a run the caller
	 * abandons (the fuzzers' hang bound jumps out of it) leaks nothing
	 */
	void *group_mem;
	void *replay_mem;
	/* instances handed out and not yet given back (xr_inst_reclaim) */
	struct {
		const struct xr_impl_ops *ops;
		void *inst;
	} busy[XR_CACHE_SLOTS];
};

void xr_inst_cache_flush(struct xr_inst_cache *c);
/*
 * Destroy the instances of a run its caller abandoned halfway (the
 * fuzzers' hang bound jumps out of it): they were handed out by
 * xr_inst_get and never given back.
 */
void xr_inst_reclaim(struct xr_inst_cache *c);

struct xr_run_env {
	/* reference model for a context; NULL for a model-only run */
	const struct xr_impl_ops *(*ref_ops)(enum xr_context ctx);
	const struct xr_deviation *(*dev_find)(const char *id);
	/* every documented deviation, for the hints of a failure; may be NULL */
	const struct xr_deviation *(*dev_list)(uint32_t *nr);
	/*
	 * After each step compare only the sources that step names, not
	 * every source the scenario has named so far (the fuzzers: their
	 * random arguments name dozens).  The end-of-run sweep still reads
	 * every source either side changed and every one named, and a
	 * difference found there is located by a replay that compares all
	 * of them after every step; what this misses is a difference in a
	 * source the step does not name that is gone again by the end.
	 */
	bool step_sources_only;
	/* NULL: every run creates and destroys its instances */
	struct xr_inst_cache *cache;
};

/* The reference environment: the real model (model_env.c) */
extern const struct xr_run_env xr_model_env;

bool xr_is_reference(const struct xr_run_env *env,
		     const struct xr_impl_ops *impl);
/* Does deviation @applies_to ("kernel-rm", "kernel-vm kernel-rm", "kernel-*") cover @name? */
bool xr_dev_applies(const char *applies_to, const char *name);

/*
 * The OR of the quirks of @scn's deviations that apply to @impl, and
 * their IDs in @ids; -1 with the reason in @o if one is not known.
 */
uint64_t xr_dev_standing(const struct xr_run_env *env,
			 const struct xr_impl_ops *impl, char *ids,
			 size_t idlen);
int xr_dev_quirks(const struct xr_run_env *env,
		  const struct xr_scenario *scn,
		  const struct xr_impl_ops *impl, uint64_t *quirks,
		  char *ids, size_t idlen, struct xr_outcome *o);

/* Turn unshown declared deviations into failures (see run.c) */
uint32_t xr_check_deviations_shown(struct xr_outcome *outs, uint32_t nr);

void xr_run_one(const struct xr_run_env *env, const struct xr_scenario *scn,
		const struct xr_impl_ops *impl, struct xr_outcome *out);

/*
 * Run @scn on @n implementations of one context in lockstep with a single
 * reference instance: each gets the outcome xr_run_one() would give it,
 * for one reference run instead of n (the fuzzers run every case on every
 * kernel version).  Their instances live at the same time, so they must
 * not share state (two versions' shared objects do not).  A scenario with
 * deviation lines, implementations of different contexts or a reference
 * among them run one by one instead.
 */
#define XR_GROUP_MAX		16
void xr_run_group(const struct xr_run_env *env, const struct xr_scenario *scn,
		  const struct xr_impl_ops *const *impls, uint32_t n,
		  struct xr_outcome *outs);

/* -- helpers shared by the core's files -- */
/* create, or take from @c and reset; and give back (or destroy) */
void *xr_inst_get(struct xr_inst_cache *c, const struct xr_impl_ops *ops,
		  const struct xr_setup *setup, char *err, size_t errlen);
void xr_inst_put(struct xr_inst_cache *c, const struct xr_impl_ops *ops,
		 void *inst);
void xr_diff_add(struct xr_outcome *o, const char *field, const char *a,
		 const char *b);
void xr_cmp_result(struct xr_outcome *o, const struct xr_step *st,
		   const struct xr_result *ra, const struct xr_result *rb,
		   uint32_t kinds);
void xr_diff_events(struct xr_outcome *o, const char *field,
		    const struct xr_events *a, const struct xr_events *b,
		    uint32_t kinds);
/* @fields: the parts compared (bits of enum xr_icp_field / xr_src_field) */
void xr_cmp_icp(struct xr_outcome *o, uint32_t vcpu, bool ha,
		const struct xr_icp_state *a, bool hb,
		const struct xr_icp_state *b, uint32_t fields);
void xr_cmp_source(struct xr_outcome *o, uint32_t irq, bool ha,
		   const struct xr_source_state *a, bool hb,
		   const struct xr_source_state *b, uint32_t fields);
/* The names of the parts in @fields, space-separated */
void xr_icp_fields_str(uint32_t fields, char *buf, size_t len);
void xr_src_fields_str(uint32_t fields, char *buf, size_t len);
void xr_check_want(struct xr_outcome *o, const struct xr_scn_step *st,
		   const struct xr_result *res);
void xr_check_expects(struct xr_outcome *o, const struct xr_scenario *scn,
		      const struct xr_scn_step *st,
		      const struct xr_impl_ops *impl, void *inst,
		      const struct xr_result *res);

/* -- names (names.c) -- */
const char *xr_step_name(enum xr_step_kind k);
const char *xr_path_name(enum xr_path p);
const char *xr_event_kind_name(enum xr_event_kind k);
/* events of @kinds, space separated; "(none)" if empty */
void xr_events_str(const struct xr_events *ev, uint32_t kinds, char *buf,
		   size_t len);
void xr_kinds_str(uint32_t kinds, char *buf, size_t len);
const char *xr_verdict_name(enum xr_verdict v);

#endif /* XR_RUNNER_RUN_H */
