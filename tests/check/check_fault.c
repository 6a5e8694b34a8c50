// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "fault": fault injection (spec/faults.md).  The "fail"
 * step as the parser reads it, the model's counters (FAULT-ARM) and a
 * failing operation leaving the model as it was, and the runner's
 * --fail-each loop on a kernel implementation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <xicsref/model.h>

#include "check_main.h"

static struct xr_scn_step *one_fail(const char *line, struct xr_scenario *s)
{
	struct xr_parse_error err;
	char text[256];

	snprintf(text, sizeof(text), "vcpu 0\n%s\n", line);
	ck_assert_msg(!xr_test_parse(text, s, &err), "%s: %u: %s", line,
		      err.line, err.msg);
	ck_assert_uint_eq(s->nr_steps, 1);
	ck_assert_int_eq(s->steps[0].step.kind, XR_STEP_FAIL);
	return &s->steps[0];
}

/* FAULT-ARM: "fail KIND [nth=N]", N defaulting to 1, 0 allowed */
START_TEST(test_parse_fail)
{
	static const char *const kinds[XR_FAULT_NR_KINDS] = {
		"alloc", "get-user", "put-user", "phb-eoi", "opal-set-xive",
		"opal-get-xirr", "opal-eoi",
	};
	struct xr_scenario s;
	struct xr_scn_step *st;
	char line[64];
	int k;

	for (k = 0; k < XR_FAULT_NR_KINDS; k++) {
		snprintf(line, sizeof(line), "fail %s", kinds[k]);
		st = one_fail(line, &s);
		ck_assert_uint_eq(st->step.arg[0], (uint64_t)k);
		ck_assert_uint_eq(st->step.arg[1], 1);
		ck_assert_str_eq(xr_fault_name((enum xr_fault_kind)k),
				 kinds[k]);
		xr_scenario_free(&s);
	}
	st = one_fail("fail put-user nth=0x10 => rc=0", &s);
	ck_assert_uint_eq(st->step.arg[0], XR_FAULT_PUT_USER);
	ck_assert_uint_eq(st->step.arg[1], 16);
	ck_assert_uint_eq(st->want_mask, 1u << XR_W_RC);
	xr_scenario_free(&s);
	st = one_fail("fail alloc nth=0", &s);
	ck_assert_uint_eq(st->step.arg[1], 0);
	xr_scenario_free(&s);
}
END_TEST

static struct xr_model *model(enum xr_context ctx)
{
	struct xr_setup setup;
	struct xr_model *m;
	char err[256];

	memset(&setup, 0, sizeof(setup));
	setup.machine = XR_POWER8;
	setup.cores = 1;
	setup.threads = 8;
	setup.nr_vcpus = 1;
	setup.vcpus[0].id = 0;
	setup.vcpus[0].server = 0;
	setup.vcpus[0].cpu = 0;
	setup.vcpus[0].has_icp = true;
	setup.real_mode = true;
	setup.bypass = true;
	m = xr_model_create(&setup, ctx, err, sizeof(err));
	ck_assert_msg(m, "model: %s", err);
	return m;
}

/*
 * FAULT-ARM, FAULT-ICS-ALLOC: the second block created after "nth=2"
 * fails; the arming reports what it still waited for; a failed
 * creation leaves no block behind.
 */
START_TEST(test_model_counts)
{
	struct xr_model *m = model(XR_CTX_VIRTUAL);
	struct xr_source_state src;

	ck_assert_uint_eq(xr_fault_arm(m, XR_FAULT_ALLOC, 2), 0);
	ck_assert_uint_eq(xr_fault_left(m, XR_FAULT_ALLOC), 2);
	ck_assert_int_eq(xr_set_source_value(m, 0x1000, 0x500000000ull), 0);
	/* an existing block allocates nothing */
	ck_assert_int_eq(xr_set_source_value(m, 0x1001, 0x500000000ull), 0);
	ck_assert_uint_eq(xr_fault_left(m, XR_FAULT_ALLOC), 1);
	ck_assert_int_eq(xr_set_source_value(m, 0x2000, 0x500000000ull),
			 -12);
	ck_assert_uint_eq(xr_fault_left(m, XR_FAULT_ALLOC), 0);
	ck_assert(!xr_model_source(m, 0x2000, &src));
	ck_assert_int_eq(xr_set_source_value(m, 0x2000, 0x500000000ull), 0);
	ck_assert(xr_model_source(m, 0x2000, &src) && src.exists);
	/* re-arming reports the previous arming; 0 disarms */
	ck_assert_uint_eq(xr_fault_arm(m, XR_FAULT_GET_USER, 3), 0);
	ck_assert_uint_eq(xr_fault_arm(m, XR_FAULT_GET_USER, 0), 3);
	ck_assert_int_eq(xr_set_source_value(m, 0x2001, 0x500000000ull), 0);
	xr_model_destroy(m);
}
END_TEST

/* FAULT-SRC-GET-USER, FAULT-SRC-PUT-USER: nothing changes on a fault */
START_TEST(test_model_user_copies)
{
	struct xr_model *m = model(XR_CTX_REAL);
	struct xr_source_state before, after;
	uint64_t v = 0x1234;

	ck_assert_int_eq(xr_set_source_value(m, 0x1000, 0x500000000ull), 0);
	ck_assert(xr_model_source(m, 0x1000, &before));
	xr_fault_arm(m, XR_FAULT_GET_USER, 1);
	ck_assert_int_eq(xr_set_source_value(m, 0x1000, 0x300000000ull),
			 -14);
	ck_assert(xr_model_source(m, 0x1000, &after));
	ck_assert(!memcmp(&before, &after, sizeof(before)));
	/* an undefined source makes no copy: the fault stays armed */
	xr_fault_arm(m, XR_FAULT_PUT_USER, 1);
	ck_assert_int_eq(xr_get_source_value(m, 0x1001, &v), -2);
	ck_assert_uint_eq(xr_fault_left(m, XR_FAULT_PUT_USER), 1);
	ck_assert_int_eq(xr_get_source_value(m, 0x1000, &v), -14);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(xr_get_source_value(m, 0x1000, &v), 0);
	ck_assert_uint_eq(v, 0x500000000ull);
	xr_model_destroy(m);
}
END_TEST

static int run(const char *args, char *out, size_t outlen)
{
	const char *bin = getenv("XICSREF_BIN");
	char cmd[2048];
	size_t n = 0;
	FILE *p;
	int st;

	ck_assert_msg(bin, "XICSREF_BIN is not set (make suite sets it)");
	snprintf(cmd, sizeof(cmd), "%s run --spec spec/catalogue.txt %s 2>&1",
		 bin, args);
	p = popen(cmd, "r");
	ck_assert(p);
	while (n + 1 < outlen && fgets(out + n, (int)(outlen - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	st = pclose(p);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* --fail-each without an implementation, or with a bad kind: exit 2 */
START_TEST(test_fail_each_bad_use)
{
	static char out[4096];

	ck_assert_int_eq(run("--fail-each conformance/scenarios/"
			     "fault-ics-alloc.scn", out, sizeof(out)), 2);
	ck_assert_int_eq(run("--fail-each=malloc conformance/scenarios/"
			     "fault-ics-alloc.scn", out, sizeof(out)), 2);
	ck_assert_msg(strstr(out, "kinds are"), "%s", out);
}
END_TEST

/*
 * --fail-each on the kernel: state-src-set-creates-block.scn creates
 * one ICS block, so "alloc" takes two runs (the allocation failing, then
 * nothing left to fail), both compared with the model, and one fired.
 */
START_TEST(test_fail_each_runs)
{
	const char *impls = getenv("XICSREF_IMPLS");
	static char out[1 << 16];
	char args[1024], so[512];

	if (!impls || sscanf(impls, "%511s", so) != 1) {
		fprintf(stderr, "fault: SKIPPED --fail-each on a kernel: "
			"XICSREF_IMPLS is not set\n");
		return;
	}
	snprintf(args, sizeof(args), "--fail-each=alloc --impl %s "
		 "conformance/scenarios/state-src-set-creates-block.scn", so);
	ck_assert_msg(run(args, out, sizeof(out)) == 0, "%s", out);
	ck_assert_msg(strstr(out, "fail-each: 2 runs of 1 scenarios, 1 with "
			     "a fault that fired"), "%s", out);
}
END_TEST

Suite *xr_suite_fault(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("fault");

	tcase_add_test(tc, test_parse_fail);
	tcase_add_test(tc, test_model_counts);
	tcase_add_test(tc, test_model_user_copies);
	tcase_add_test(tc, test_fail_each_bad_use);
	tcase_add_test(tc, test_fail_each_runs);
	suite_add_tcase(s, tc);
	return s;
}
