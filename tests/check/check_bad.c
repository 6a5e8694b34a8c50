// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "bad": each conformance/bad file fails to parse with
 * exactly the line and message fragment its first line names
 * ("# expect-error: LINE: fragment"), and the CLI exits 2 on one.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <xicsref/model.h>

#include "check_main.h"
#include "cli.h"

#define BAD_DIR		"conformance/bad"
#define MAX_BAD		256

static char *bad_files[MAX_BAD];
static int nr_bad;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_bad(void)
{
	DIR *d = opendir(BAD_DIR);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) && nr_bad < MAX_BAD) {
		size_t n = strlen(e->d_name);

		if (n > 4 && !strcmp(e->d_name + n - 4, ".scn"))
			bad_files[nr_bad++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(bad_files, (size_t)nr_bad, sizeof(char *), cmp_str);
}

START_TEST(test_bad_file)
{
	struct xr_scenario scn;
	struct xr_parse_error err;
	char path[512], frag[256];
	unsigned int line;
	size_t len;
	char *buf, *nl;

	snprintf(path, sizeof(path), BAD_DIR "/%s", bad_files[_i]);
	buf = xr_read_file(path, &len);
	ck_assert_msg(buf, "%s: cannot read", path);
	nl = memchr(buf, '\n', len);
	ck_assert_msg(nl && sscanf(buf, "# expect-error: %u: %255[^\n]",
				   &line, frag) == 2,
		      "%s: first line is not '# expect-error: LINE: text'",
		      path);
	ck_assert_msg(xr_test_parse_len(buf, len, &scn, &err) != 0,
		      "%s: parsed without error", path);
	ck_assert_msg(err.line == line && strstr(err.msg, frag),
		      "%s: got %u: %s; want %u: ...%s...", path, err.line,
		      err.msg, line, frag);
	free(buf);
}
END_TEST

START_TEST(test_enough_bad_files)
{
	ck_assert_msg(nr_bad >= 12, "only %d files in " BAD_DIR, nr_bad);
}
END_TEST

START_TEST(test_cli_exit_2)
{
	const char *bin = getenv("XICSREF_BIN");
	char cmd[1024];
	int st;

	ck_assert_msg(bin, "XICSREF_BIN is not set (make suite sets it)");
	snprintf(cmd, sizeof(cmd),
		 "%s run --spec spec/catalogue.txt " BAD_DIR
		 "/unknown-keyword.scn >/dev/null 2>&1", bin);
	st = system(cmd);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 2);
}
END_TEST

Suite *xr_suite_bad(void)
{
	Suite *s = suite_create("bad");
	TCase *tc = tcase_create("files");

	list_bad();
	tcase_add_loop_test(tc, test_bad_file, 0, nr_bad);
	tcase_add_test(tc, test_enough_bad_files);
	tcase_add_test(tc, test_cli_exit_2);
	suite_add_tcase(s, tc);
	return s;
}
