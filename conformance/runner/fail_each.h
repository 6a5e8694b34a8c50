/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref run --fail-each (fail_each.c): every fallible host operation
 * of a scenario fails in turn, one run each (spec/faults.md).
 */
#ifndef XR_RUNNER_FAIL_EACH_H
#define XR_RUNNER_FAIL_EACH_H

#include "cli.h"

struct xr_fail_each {
	/* set by the caller */
	FILE *out;
	const struct xr_impl_list *impls;	/* compared with the model */
	uint32_t kinds;				/* bits of enum xr_fault_kind */
	unsigned int timeout_ms;
	bool no_fork, quiet;
	struct xr_tally *tally;
	uint32_t *nr_tally, max_tally;
	/* counted */
	uint32_t runs;		/* scenario runs (each on every impl) */
	uint32_t faults;	/* of them, runs where a fault fired */
	uint32_t skipped;	/* scenarios not run */
};

/* Run @scn once per operation of each kind; true if a run failed */
bool xr_fail_each_file(struct xr_fail_each *fe, const char *file,
		       const struct xr_scenario *scn);
/* NULL: every kind; else "alloc,phb-eoi,..."; -1 on an unknown kind */
int xr_fail_each_kinds(const char *spec, uint32_t *kinds);

#endif /* XR_RUNNER_FAIL_EACH_H */
