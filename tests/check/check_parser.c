// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "parser": the lexical rules and the structure the parser
 * builds (numbers, 64-bit edges, hex, comments, key order, expectations).
 */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "lexer.h"

static uint64_t num(const char *s, enum xr_num_err *e)
{
	struct xr_tok t = { s, strlen(s) };
	uint64_t v = 0xdeadbeef;

	*e = xr_num_u64(&t, &v);
	return v;
}

START_TEST(test_numbers)
{
	enum xr_num_err e;

	ck_assert_uint_eq(num("0", &e), 0);
	ck_assert_int_eq(e, XR_NUM_OK);
	ck_assert_uint_eq(num("4096", &e), 4096);
	ck_assert_uint_eq(num("0x1000", &e), 0x1000);
	ck_assert_uint_eq(num("0xFfA", &e), 0xffa);
	ck_assert_uint_eq(num("18446744073709551615", &e), UINT64_MAX);
	ck_assert_int_eq(e, XR_NUM_OK);
	ck_assert_uint_eq(num("0xffffffffffffffff", &e), UINT64_MAX);
	ck_assert_int_eq(e, XR_NUM_OK);
	num("18446744073709551616", &e);
	ck_assert_int_eq(e, XR_NUM_WIDE);
	num("0x10000000000000000", &e);
	ck_assert_int_eq(e, XR_NUM_WIDE);
	num("0x", &e);
	ck_assert_int_eq(e, XR_NUM_BAD);
	num("12a", &e);
	ck_assert_int_eq(e, XR_NUM_BAD);
	num("-1", &e);
	ck_assert_int_eq(e, XR_NUM_BAD);
	num("0X10", &e);
	ck_assert_int_eq(e, XR_NUM_BAD);
	num("99999999999999999999x", &e);
	ck_assert_int_eq(e, XR_NUM_BAD);
}
END_TEST

START_TEST(test_signed)
{
	struct xr_tok t = { "-9223372036854775808", 20 };
	struct xr_tok w = { "9223372036854775808", 19 };
	int64_t v;

	ck_assert_int_eq(xr_num_s64(&t, &v), XR_NUM_OK);
	ck_assert(v == INT64_MIN);
	ck_assert_int_eq(xr_num_s64(&w, &v), XR_NUM_WIDE);
}
END_TEST

START_TEST(test_setup_and_defaults)
{
	struct xr_scenario s;
	struct xr_parse_error e;
	const char *t =
		"# comment only\n"
		"\n"
		"vcpu 0 \t # trailing comment\n"
		"vcpu 2 cpu=none server=7 icp=none\n"
		"source 0x1000 prio=5 server=0 lsi\n"
		"option ipi_redirect=off real_mode=off\n"
		"vcpu 0 H_CPPR 0xffffffffffffffff => rc=H_SUCCESS\n";

	ck_assert_int_eq(xr_test_parse(t, &s, &e), 0);
	ck_assert_int_eq(s.setup.machine, XR_POWER8);
	ck_assert_uint_eq(s.setup.cores, 2);
	ck_assert_uint_eq(s.setup.threads, 8);
	ck_assert_uint_eq(s.setup.nr_vcpus, 2);
	ck_assert_int_eq(s.setup.vcpus[0].cpu, 0);
	ck_assert_uint_eq(s.setup.vcpus[0].server, 0);
	ck_assert_int_eq(s.setup.vcpus[1].cpu, -1);
	ck_assert_uint_eq(s.setup.vcpus[1].server, 7);
	ck_assert(!s.setup.vcpus[1].has_icp);
	ck_assert(s.setup.sources[0].lsi);
	ck_assert_uint_eq(s.setup.sources[0].prio, 5);
	ck_assert(!s.setup.real_mode && !s.setup.ipi_redirect);
	ck_assert(s.setup.bypass && !s.setup.ack_notifier);
	ck_assert_uint_eq(s.nr_steps, 1);
	ck_assert_uint_eq(s.steps[0].line, 7);
	ck_assert_uint_eq(s.steps[0].step.arg[0], UINT64_MAX);
	ck_assert_uint_eq(s.steps[0].want_mask, 1u << XR_W_RC);
	ck_assert_str_eq(s.steps[0].text,
			 "vcpu 0 H_CPPR 0xffffffffffffffff => rc=H_SUCCESS");
	xr_scenario_free(&s);
}
END_TEST

START_TEST(test_expect_attach)
{
	struct xr_scenario s;
	struct xr_parse_error e;
	const char *t =
		"rules ICP-ACCEPT ICS-MSI-PQ\n"
		"vcpu 0 server=3\n"
		"source 0x1000 msi server=3 prio=5\n"
		"irq 0x1000 pulse\n"
		"expect icp 3 xisr=0x1000 ee=1\n"
		"expect events@real raise v0 mer cpu0 1\n"
		"vcpu 0 H_XIRR => xirr=0x00001000 rc=0\n"
		"expect source 0x1000 p=1 q=0 intr_cpu=none\n"
		"expect no-events@virtual\n"
		"rtas get-xive 0x1000 => prio=5 server=3 rc=-3\n";

	ck_assert_int_eq(xr_test_parse(t, &s, &e), 0);
	ck_assert_uint_eq(s.nr_rules, 2);
	ck_assert_str_eq(s.rules[1], "ICS-MSI-PQ");
	ck_assert_uint_eq(s.nr_steps, 3);
	ck_assert_uint_eq(s.steps[0].nr_expects, 2);
	ck_assert_uint_eq(s.steps[0].expects[0].vcpu, 0);
	ck_assert_uint_eq(s.steps[0].expects[0].icp.xisr, 0x1000);
	ck_assert_int_eq(s.steps[0].expects[1].ctx, XR_EXP_REAL);
	ck_assert_uint_eq(s.steps[0].expects[1].events.nr, 2);
	ck_assert_uint_eq(s.steps[0].expects[1].events.ev[1].kind, XR_EV_MER);
	ck_assert_uint_eq(s.steps[0].expects[1].events.ev[1].b, 1);
	ck_assert_uint_eq(s.steps[1].nr_expects, 2);
	ck_assert_int_eq(s.steps[1].expects[1].kind, XR_EXP_NO_EVENTS);
	ck_assert_int_eq(s.steps[2].want.rc, -3);
	ck_assert_uint_eq(s.steps[2].want.server, 3);
	xr_scenario_free(&s);
}
END_TEST

static void bad(const char *t, unsigned int line, const char *frag)
{
	struct xr_scenario s;
	struct xr_parse_error e;

	ck_assert_msg(xr_test_parse(t, &s, &e) != 0, "accepted: %s", t);
	ck_assert_msg(e.line == line && strstr(e.msg, frag),
		      "got %u: %s; want %u: %s", e.line, e.msg, line, frag);
}

START_TEST(test_errors)
{
	bad("vcpu 0\nvcpu 0 H_IPI 0\n", 2, "missing value");
	bad("vcpu 0\nvcpu 0 H_XIRR 1\n", 2, "too many arguments");
	bad("vcpu 0 cpu=16\nvcpu 0 H_XIRR\n", 1, "out of range");
	bad("vcpu 0 server=1 server=2\nvcpu 0 H_XIRR\n", 1, "duplicate key");
	bad("option bypass=maybe\nvcpu 0\nvcpu 0 H_XIRR\n", 1, "on|off");
	bad("option bypass=on\noption bypass=off\n", 2, "duplicate option");
	bad("vcpu 0\nvcpu 0 H_XIRR =>\n", 2, "nothing after");
	bad("vcpu 0\nvcpu 0 H_XIRR => path=none\n", 2, "does not apply");
	bad("vcpu 0\nvcpu 0 H_XIRR\nexpect icp 9\n", 3, "no ICP has server 9");
	bad("vcpu 0\nvcpu 0 H_XIRR\nexpect events raise 0\n", 3, "bad event");
	bad("vcpu 0\nvcpu 0 H_XIRR\nexpect events mer cpu0\n", 3, "bad event");
	bad("vcpu 0\nvcpu 0 H_XIRR\nexpect events\n", 3, "missing value");
	bad("vcpu 0\nvcpu 0 H_XIRR => rc=H_BOGUS\n", 2, "not a number");
	bad("machine power9 threads=2\n", 1, "threads 2 out of range");
	bad("vcpu 0\nmachine power8\n", 2, "before the first vcpu");
	bad("vcpu 0\nhwirq 0x30 cpu 16\n", 2, "cpu 16 out of range");
	bad("vcpu 0\nvcpu 0 run cpu=none\nvcpu 0 H_EOI 0\n", 3, "not running");
	bad("", 1, "no steps");
}
END_TEST

/* A parallel block: ordinary steps, marked with the block and their CPU */
START_TEST(test_parallel_block)
{
	const char *t =
		"vcpu 0\nvcpu 1\nsource 0x1000 msi server=1 prio=5\n"
		"vcpu 1 H_CPPR 0xff\n"
		"parallel   # the block\n"
		"  cpu 0: vcpu 0 H_IPI 1 5 => rc=H_SUCCESS\n"
		"  cpu 1 : vcpu 1 H_XIRR\n"
		"  cpu 9: irq 0x1000 pulse\n"
		"end\n"
		"expect icp 1 mfrr=5\n"
		"vcpu 1 H_CPPR 0\n";
	struct xr_scenario s;
	struct xr_parse_error e;
	uint32_t i;

	ck_assert_int_eq(xr_test_parse(t, &s, &e), 0);
	ck_assert_uint_eq(s.nr_steps, 5);
	ck_assert_uint_eq(s.par_first, 1);
	ck_assert_uint_eq(s.nr_par, 3);
	ck_assert_uint_eq(s.steps[0].par, 0);
	ck_assert_uint_eq(s.steps[4].par, 0);
	for (i = 1; i <= 3; i++)
		ck_assert_uint_eq(s.steps[i].par, 1);
	ck_assert_int_eq(s.steps[1].cpu, 0);
	ck_assert_int_eq(s.steps[2].cpu, 1);
	ck_assert_int_eq(s.steps[3].cpu, 9);
	ck_assert_int_eq(s.steps[1].step.kind, XR_STEP_H_IPI);
	ck_assert_uint_eq(s.steps[1].step.arg[1], 5);
	ck_assert_uint_eq(s.steps[1].want_mask, 1u << XR_W_RC);
	ck_assert_int_eq(s.steps[2].step.kind, XR_STEP_H_XIRR);
	ck_assert_int_eq(s.steps[3].step.kind, XR_STEP_IRQ);
	/* the step's text, for reports, has no "cpu P:" prefix */
	ck_assert_str_eq(s.steps[3].text, "irq 0x1000 pulse");
	/* the expectation after "end" belongs to the block's last step */
	ck_assert_uint_eq(s.steps[3].nr_expects, 1);
	xr_scenario_free(&s);
}
END_TEST

START_TEST(test_arbitrary_bytes)
{
	/* a few nasty inputs: must fail cleanly (ASan checks the rest) */
	static const char *const inputs[] = {
		"\xff\xfe\x00vcpu", "vcpu 0\nvcpu 0 H_EOI 0x" , "=>", "expect",
		"vcpu 0\nvcpu 0 H_XIRR => rc=-9223372036854775809\n",
		"source 0x1000 msi prio=\n",
	};
	struct xr_scenario s;
	struct xr_parse_error e;
	unsigned int i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		size_t n = i == 0 ? 7 : strlen(inputs[i]);

		ck_assert_int_ne(xr_parse(inputs[i], n, NULL, &s, &e), 0);
		ck_assert(e.msg[0]);
	}
}
END_TEST

Suite *xr_suite_parser(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("lexer");

	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_signed);
	tcase_add_test(tc, test_setup_and_defaults);
	tcase_add_test(tc, test_expect_attach);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_arbitrary_bytes);
	tcase_add_test(tc, test_parallel_block);
	suite_add_tcase(s, tc);
	return s;
}
