/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref CLI: the parts with I/O (files, shared objects, processes,
 * printing).  The core (parse, run, compare) has none of it.
 */
#ifndef XR_RUNNER_CLI_H
#define XR_RUNNER_CLI_H

#include <stdio.h>

#include "catalogue.h"
#include "run.h"
#include "scenario.h"

#define XR_CLI_MAX_IMPLS	32

struct xr_impl_list {
	uint32_t nr;
	const struct xr_impl_ops *ops[XR_CLI_MAX_IMPLS];
	const char *path[XR_CLI_MAX_IMPLS];	/* the .so it came from */
};

/* Whole file into a malloc'd buffer; NULL with errno set */
char *xr_read_file(const char *path, size_t *len);
/* Load every implementation a .so offers; -1 with @err */
int xr_load_impls(const char *path, struct xr_impl_list *l, char *err,
		  size_t errlen);
/* Find and read spec/catalogue.txt; -1 with a message on stderr */
int xr_load_catalogue(const char *opt_path, const char *argv0,
		      struct xr_catalogue *c);
/* Parse one file; prints FILE:LINE: reason and returns -1 on error */
int xr_parse_file(const char *path, struct xr_catalogue *cat,
		  struct xr_scenario *scn);

/* xicsref explore (cmd_explore.c) */
int xr_cmd_explore(int argc, char **argv, const char *argv0);

/* Run in a forked child with a time limit (milliseconds) */
void xr_run_isolated(const struct xr_run_env *env,
		     const struct xr_scenario *scn,
		     const struct xr_impl_ops *impl, unsigned int timeout_ms,
		     struct xr_outcome *out);

void xr_report_outcome(FILE *f, const char *file,
		       const struct xr_scenario *scn,
		       const struct xr_outcome *o, bool quiet);

struct xr_tally {
	const char *name, *version;
	const char *origin;		/* what was built, or NULL */
	uint32_t pass, fail, dev, skip;
	uint32_t cmp_kinds;		/* events compared with the model */
	uint32_t exp_kinds;		/* expect events checked over */
	uint32_t icp_fields, src_fields;	/* state compared with it */
	uint32_t exp_icp_unkept, exp_src_unkept; /* expect parts unchecked */
	bool compared, expected;
};

void xr_tally_add(struct xr_tally *t, uint32_t *nr, uint32_t max,
		  const struct xr_outcome *o);
void xr_report_summary(FILE *f, const struct xr_tally *t, uint32_t nr);

int xr_trace(FILE *f, const struct xr_scenario *scn,
	     const struct xr_impl_ops *impl);

/* route.c: one row per hwirq step, for each real-mode implementation */
int xr_route(FILE *f, const struct xr_scenario *scn,
	     const struct xr_impl_ops *const *impls, uint32_t nr);

#endif /* XR_RUNNER_CLI_H */
