// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "differential": every every file in conformance/scenarios on the
 * model (model, model-rm) and on every implementation of the shared
 * objects named in $XICSREF_IMPLS (space separated, e.g. the kernel .so
 * files), in process.  One test per scenario file; a FAIL fails it,
 * SKIP and DEV are counted and printed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "check_main.h"
#include "cli.h"

#define SCN_DIR		"conformance/scenarios"
#define MAX_SCN		1024

static char *files[MAX_SCN];
static int nr_files;
static struct xr_impl_list impls;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void setup_lists(void)
{
	const char *env = getenv("XICSREF_IMPLS");
	DIR *d = opendir(SCN_DIR);
	struct dirent *e;
	char err[512];

	impls.ops[impls.nr++] = xr_model_ops(XR_CTX_VIRTUAL);
	impls.ops[impls.nr++] = xr_model_ops(XR_CTX_REAL);
	if (env && *env) {
		char *copy = strdup(env), *save = NULL, *so;

		for (so = strtok_r(copy, " ", &save); so;
		     so = strtok_r(NULL, " ", &save))
			if (xr_load_impls(so, &impls, err, sizeof(err)))
				fprintf(stderr, "differential: %s\n", err);
		free(copy);
	} else {
		fprintf(stderr,
			"differential: *** XICSREF_IMPLS not set: model only, no kernel compared ***\n");
	}
	while (d && (e = readdir(d)) && nr_files < MAX_SCN) {
		size_t n = strlen(e->d_name);

		if (n > 4 && !strcmp(e->d_name + n - 4, ".scn"))
			files[nr_files++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(files, (size_t)nr_files, sizeof(char *), cmp_str);
	if (!nr_files)
		fprintf(stderr,
			"differential: *** SKIP: no scenario in " SCN_DIR " ***\n");
}

START_TEST(test_scenario)
{
	struct xr_scenario scn;
	char path[512];
	uint32_t j, skip = 0, dev = 0, fail = 0;

	snprintf(path, sizeof(path), SCN_DIR "/%s", files[_i]);
	ck_assert_msg(xr_parse_file(path, xr_test_catalogue(), &scn) == 0,
		      "%s: does not parse", path);
	for (j = 0; j < impls.nr; j++) {
		struct xr_outcome o;

		xr_run_one(&xr_model_env, &scn, impls.ops[j], &o);
		if (o.verdict != XR_V_PASS)
			xr_report_outcome(stderr, path, &scn, &o, true);
		skip += o.verdict == XR_V_SKIP;
		dev += o.verdict == XR_V_DEV;
		fail += o.verdict == XR_V_FAIL;
	}
	if (skip || dev)
		fprintf(stderr, "%s: %u skipped, %u deviations shown\n", path,
			skip, dev);
	xr_scenario_free(&scn);
	ck_assert_msg(!fail, "%s: %u implementations failed", path, fail);
}
END_TEST

Suite *xr_suite_diff(void)
{
	Suite *s = suite_create("differential");
	TCase *tc = tcase_create("scenarios");

	setup_lists();
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_scenario, 0, nr_files);
	suite_add_tcase(s, tc);
	return s;
}
