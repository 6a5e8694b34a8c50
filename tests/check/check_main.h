/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref Check suites: one constructor per suite, run together by
 * check_main.c from the repository root.
 */
#ifndef XR_CHECK_MAIN_H
#define XR_CHECK_MAIN_H

#include <check.h>

#include "catalogue.h"
#include "scenario.h"

Suite *xr_suite_bad(void);
Suite *xr_suite_parser(void);
Suite *xr_suite_diff(void);
Suite *xr_suite_mutant(void);
Suite *xr_suite_kalloc(void);
Suite *xr_suite_contract(void);
Suite *xr_suite_fault(void);
Suite *xr_suite_xive(void);

/*
 * The shared objects named in environment variable @var (space-separated),
 * at most @max, copied into @sos; their number
 */
int xr_test_sos(const char *var, char **sos, int max);

/* spec/catalogue.txt, loaded once (aborts the test if missing) */
struct xr_catalogue *xr_test_catalogue(void);
/* Parse @text with the real catalogue and deviation list */
int xr_test_parse(const char *text, struct xr_scenario *scn,
		  struct xr_parse_error *err);
int xr_test_parse_len(const char *buf, size_t len, struct xr_scenario *scn,
		      struct xr_parse_error *err);

struct xr_outcome;
/* @a and @b say the same, difference for difference (@what names it) */
void xr_test_same_outcome(const char *what, const struct xr_outcome *a,
			  const struct xr_outcome *b);

#endif /* XR_CHECK_MAIN_H */
