// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref Check suites: the runner of all suites.  Run from the
 * repository root (the suites read conformance/ and spec/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "check_main.h"
#include "cli.h"

static struct xr_catalogue cat;
static bool cat_loaded;

struct xr_catalogue *xr_test_catalogue(void)
{
	if (!cat_loaded) {
		ck_assert_msg(xr_load_catalogue("spec/catalogue.txt", "x",
						&cat) == 0,
			      "cannot read spec/catalogue.txt (run from the repository root)");
		cat_loaded = true;
	}
	return &cat;
}

static bool dev_known(const char *id, void *arg)
{
	return xr_deviation_find(id) != NULL;
}

int xr_test_parse(const char *text, struct xr_scenario *scn,
		  struct xr_parse_error *err)
{
	return xr_test_parse_len(text, strlen(text), scn, err);
}

int xr_test_parse_len(const char *text, size_t len, struct xr_scenario *scn,
		      struct xr_parse_error *err)
{
	struct xr_parse_opts o = {
		.rule_known = xr_catalogue_known,
		.dev_known = dev_known,
		.arg = xr_test_catalogue(),
	};

	return xr_parse(text, len, &o, scn, err);
}

int xr_test_sos(const char *var, char **sos, int max)
{
	const char *env = getenv(var);
	char *copy, *save = NULL, *so;
	int n = 0;

	if (!env || !*env)
		return 0;
	copy = strdup(env);
	for (so = strtok_r(copy, " ", &save); so && n < max;
	     so = strtok_r(NULL, " ", &save))
		sos[n++] = strdup(so);
	free(copy);
	return n;
}

int main(void)
{
	SRunner *sr = srunner_create(xr_suite_parser());
	int failed;

	srunner_add_suite(sr, xr_suite_bad());
	srunner_add_suite(sr, xr_suite_mutant());
	srunner_add_suite(sr, xr_suite_diff());
	srunner_add_suite(sr, xr_suite_kalloc());
	srunner_add_suite(sr, xr_suite_fault());
	srunner_add_suite(sr, xr_suite_contract());
	srunner_add_suite(sr, xr_suite_xive());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

void xr_test_same_outcome(const char *what, const struct xr_outcome *a,
			  const struct xr_outcome *b)
{
	uint32_t i;

	ck_assert_msg(a->verdict == b->verdict && a->step == b->step &&
		      a->line == b->line && a->nr_diffs == b->nr_diffs &&
		      a->more_diffs == b->more_diffs &&
		      a->at_end_sweep == b->at_end_sweep &&
		      !strcmp(a->reason, b->reason) &&
		      !strcmp(a->dev_hint, b->dev_hint),
		      "%s: %s %s: %s at step %u (%s), against %s at step %u (%s)",
		      what, a->impl ? a->impl->name : "?",
		      a->impl ? a->impl->version : "",
		      xr_verdict_name(a->verdict), a->step, a->reason,
		      xr_verdict_name(b->verdict), b->step, b->reason);
	for (i = 0; i < a->nr_diffs; i++) {
		ck_assert_str_eq(a->diffs[i].field, b->diffs[i].field);
		ck_assert_str_eq(a->diffs[i].a, b->diffs[i].a);
		ck_assert_str_eq(a->diffs[i].b, b->diffs[i].b);
	}
}
