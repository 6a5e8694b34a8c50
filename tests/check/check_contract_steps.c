// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "contract", the steps: the nineteen step forms of the
 * scenario-language contract (version 1 core) and what each one parses
 * into, through the real parser (check_contract.c: the lexical rules;
 * check_contract_setup.c: the set-up; check_contract_expect.c: "=>"
 * results and expect lines).
 */
#include "check_contract.h"

/* ---- Steps ---- */

/* "vcpu V H_CPPR CPPR" */
START_TEST(test_step_h_cppr)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("vcpu 1 H_CPPR 0x05", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_H_CPPR);
	ck_assert_uint_eq(st->step.vcpu, 1);
	ck_assert_uint_eq(st->step.arg[0], 5);
	xr_scenario_free(&s);
	xr_ct_bad_step("vcpu 1 H_CPPR 5 6", "too many arguments");
}
END_TEST

/* "vcpu V H_XIRR" */
START_TEST(test_step_h_xirr)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("vcpu 1 H_XIRR", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_H_XIRR);
	ck_assert_uint_eq(st->step.vcpu, 1);
	xr_scenario_free(&s);
	xr_ct_bad_step("vcpu 1 H_XIRR 0", "too many arguments");
}
END_TEST

/* "vcpu V H_XIRR_X" */
START_TEST(test_step_h_xirr_x)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("vcpu 0 H_XIRR_X", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_H_XIRR_X);
	ck_assert_uint_eq(st->step.vcpu, 0);
	xr_scenario_free(&s);
	xr_ct_bad_step("vcpu 0 H_XIRR_X 0", "too many arguments");
}
END_TEST

/* "vcpu V H_EOI XIRR" */
START_TEST(test_step_h_eoi)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("vcpu 1 H_EOI 0x05001000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_H_EOI);
	ck_assert_uint_eq(st->step.vcpu, 1);
	ck_assert_uint_eq(st->step.arg[0], 0x05001000);
	xr_scenario_free(&s);
}
END_TEST

/* "vcpu V H_IPI SERVER MFRR" */
START_TEST(test_step_h_ipi)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("vcpu 0 H_IPI 1 0x05", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_H_IPI);
	ck_assert_uint_eq(st->step.vcpu, 0);
	ck_assert_uint_eq(st->step.arg[0], 1);
	ck_assert_uint_eq(st->step.arg[1], 5);
	xr_scenario_free(&s);
	/* SERVER is a register value: no ICP needs to have it */
	st = xr_ct_one_step("vcpu 0 H_IPI 7 0x05", &s);
	ck_assert_uint_eq(st->step.arg[0], 7);
	xr_scenario_free(&s);
}
END_TEST

/* "vcpu V H_IPOLL SERVER" */
START_TEST(test_step_h_ipoll)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("vcpu 0 H_IPOLL 1", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_H_IPOLL);
	ck_assert_uint_eq(st->step.vcpu, 0);
	ck_assert_uint_eq(st->step.arg[0], 1);
	xr_scenario_free(&s);
}
END_TEST

/* "rtas set-xive IRQ SERVER PRIO" */
START_TEST(test_step_rtas_set_xive)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("rtas set-xive 0x1000 1 5", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_RTAS_SET_XIVE);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	ck_assert_uint_eq(st->step.arg[1], 1);
	ck_assert_uint_eq(st->step.arg[2], 5);
	xr_scenario_free(&s);
	xr_ct_bad_step("rtas set-xive 0x1000 1 5 6", "too many arguments");
}
END_TEST

/* "rtas get-xive IRQ" */
START_TEST(test_step_rtas_get_xive)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("rtas get-xive 0x1000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_RTAS_GET_XIVE);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	xr_scenario_free(&s);
	/* the IRQ is a register value: no source needs to have it */
	st = xr_ct_one_step("rtas get-xive 0x2000", &s);
	ck_assert_uint_eq(st->step.arg[0], 0x2000);
	xr_scenario_free(&s);
}
END_TEST

/* "rtas int-off IRQ" */
START_TEST(test_step_rtas_int_off)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("rtas int-off 0x1000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_RTAS_INT_OFF);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	xr_scenario_free(&s);
}
END_TEST

/* "rtas int-on IRQ" */
START_TEST(test_step_rtas_int_on)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("rtas int-on 0x1000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_RTAS_INT_ON);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	xr_scenario_free(&s);
}
END_TEST

/* "irq IRQ on|off|pulse  # level high, level low, one MSI/edge" */
START_TEST(test_step_irq)
{
	struct xr_scenario s;
	uint32_t i;

	xr_ct_ok(XR_CT_SETUP "source 0x1001 lsi\n"
		 "irq 0x1001 on\nirq 0x1001 off\nirq 0x1000 pulse\n", &s);
	ck_assert_uint_eq(s.nr_steps, 3);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(s.steps[i].step.kind, XR_STEP_IRQ);
	ck_assert_uint_eq(s.steps[0].step.arg[0], 0x1001);
	ck_assert_uint_eq(s.steps[0].step.arg[1], XR_IRQ_ON);
	ck_assert_uint_eq(s.steps[1].step.arg[1], XR_IRQ_OFF);
	ck_assert_uint_eq(s.steps[2].step.arg[0], 0x1000);
	ck_assert_uint_eq(s.steps[2].step.arg[1], XR_IRQ_PULSE);
	xr_scenario_free(&s);
	xr_ct_bad_step("irq 0x1000 high", "unknown keyword 'high'");
}
END_TEST

/* "hwirq H cpu P  # ... (H = 2 is a physical IPI)" */
START_TEST(test_step_hwirq)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("hwirq 0x2a7 cpu 8", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_HWIRQ);
	ck_assert_uint_eq(st->step.arg[0], 0x2a7);
	ck_assert_uint_eq(st->step.arg[1], 8);
	xr_scenario_free(&s);
	st = xr_ct_one_step("hwirq 2 cpu 3", &s);
	ck_assert_uint_eq(st->step.arg[0], XR_XISR_IPI);
	ck_assert_uint_eq(st->step.arg[1], 3);
	xr_scenario_free(&s);
	xr_ct_bad_step("hwirq 0x2a7 8", "missing value");
}
END_TEST

/* "vcpu V run cpu=P|none  # loaded on physical CPU P, or not running" */
START_TEST(test_step_vcpu_run)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP "vcpu 1 run cpu=none\nvcpu 1 run cpu=9\n"
		 "vcpu 1 H_XIRR\n", &s);
	ck_assert_uint_eq(s.nr_steps, 3);
	ck_assert_int_eq(s.steps[0].step.kind, XR_STEP_VCPU_RUN);
	ck_assert_uint_eq(s.steps[0].step.vcpu, 1);
	ck_assert_uint_eq(s.steps[0].step.arg[0], UINT64_MAX);
	ck_assert_int_eq(s.steps[1].step.kind, XR_STEP_VCPU_RUN);
	ck_assert_uint_eq(s.steps[1].step.arg[0], 9);
	/* "vcpu V run" is a step, not the set-up "vcpu V" */
	ck_assert_uint_eq(s.setup.nr_vcpus, 2);
	ck_assert_int_eq(s.setup.vcpus[1].cpu, 1);
	xr_scenario_free(&s);
}
END_TEST

/* "passthru hw=H irq=IRQ  # add or reuse a flat-map entry at run time" */
START_TEST(test_step_passthru)
{
	struct xr_scenario s;
	uint32_t i;

	xr_ct_ok("passthru hw=0x30 irq=0x1000\n" XR_CT_SETUP "vcpu 0 H_XIRR\n"
		 "passthru hw=0x30 irq=0x1000\n"
		 "passthru irq=0x1001 hw=0x31 => rc=0\n"
		 "passthru hw=0x31 irq=0x1001\n", &s);
	ck_assert_uint_eq(s.setup.nr_passthru, 1);
	ck_assert_uint_eq(s.nr_steps, 4);
	for (i = 1; i < 4; i++)
		ck_assert_int_eq(s.steps[i].step.kind, XR_STEP_PASSTHRU);
	/* reusing the set-up entry, and an entry of an earlier step */
	ck_assert_uint_eq(s.steps[1].step.arg[0], 0x30);
	ck_assert_uint_eq(s.steps[1].step.arg[1], 0x1000);
	ck_assert_uint_eq(s.steps[2].step.arg[0], 0x31);
	ck_assert_uint_eq(s.steps[2].step.arg[1], 0x1001);
	ck_assert_uint_eq(s.steps[2].want_mask, 1u << XR_W_RC);
	ck_assert_uint_eq(s.steps[3].step.arg[0], 0x31);
	xr_scenario_free(&s);
}
END_TEST

/*
 * A passthru step with "=>" before any other step: a step may end with
 * "=>", and only a step has results, so this is the first step (it used
 * to be refused as a set-up line with an unexpected "=>").
 */
START_TEST(test_step_passthru_arrow_first)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nsource 0x1000 msi\n"
		 "passthru hw=0x30 irq=0x1000 => rc=0\n"
		 "passthru hw=0x31 irq=0x1001\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.nr_passthru, 0);
	ck_assert_uint_eq(s.nr_steps, 3);
	ck_assert_int_eq(s.steps[0].step.kind, XR_STEP_PASSTHRU);
	ck_assert_uint_eq(s.steps[0].line, 3);
	ck_assert_uint_eq(s.steps[0].step.arg[0], 0x30);
	ck_assert_uint_eq(s.steps[0].step.arg[1], 0x1000);
	ck_assert_uint_eq(s.steps[0].want_mask, 1u << XR_W_RC);
	ck_assert_int_eq(s.steps[0].want.rc, 0);
	/* after the first step, a passthru line is a step too */
	ck_assert_int_eq(s.steps[1].step.kind, XR_STEP_PASSTHRU);
	xr_scenario_free(&s);
	/* the step ended the set-up */
	xr_ct_bad("vcpu 0\npassthru hw=0x30 irq=0x1000 => rc=0\n"
		  "source 0x1000 msi\n", 3, "after the first step");
}
END_TEST

/* "unpassthru irq=IRQ  # invalidate it" */
START_TEST(test_step_unpassthru)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("unpassthru irq=0x1000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_UNPASSTHRU);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	xr_scenario_free(&s);
	xr_ct_bad_step("unpassthru irq=0x1000 hw=0x30", "unknown keyword 'hw'");
}
END_TEST

/* "set-icp V VALUE  # restore the 64-bit ICP state" */
START_TEST(test_step_set_icp)
{
	struct xr_scenario s;
	struct xr_scn_step *st =
		xr_ct_one_step("set-icp 1 0xff00000000ff0000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_SET_ICP);
	ck_assert_uint_eq(st->step.vcpu, 1);
	ck_assert_uint_eq(st->step.arg[0], 0xff00000000ff0000ull);
	xr_scenario_free(&s);
	st = xr_ct_one_step("set-icp 0 0xffffffffffffffff", &s);
	ck_assert_uint_eq(st->step.vcpu, 0);
	ck_assert_uint_eq(st->step.arg[0], UINT64_MAX);
	xr_scenario_free(&s);
}
END_TEST

/* "get-icp V" */
START_TEST(test_step_get_icp)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("get-icp 1", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_GET_ICP);
	ck_assert_uint_eq(st->step.vcpu, 1);
	xr_scenario_free(&s);
	xr_ct_bad_step("get-icp 1 0", "too many arguments");
}
END_TEST

/* "set-source IRQ VALUE  # restore a source" */
START_TEST(test_step_set_source)
{
	struct xr_scenario s;
	struct xr_scn_step *st =
		xr_ct_one_step("set-source 0x1000 0x8000000500000001", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_SET_SOURCE);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	ck_assert_uint_eq(st->step.arg[1], 0x8000000500000001ull);
	xr_scenario_free(&s);
}
END_TEST

/* "get-source IRQ" */
START_TEST(test_step_get_source)
{
	struct xr_scenario s;
	struct xr_scn_step *st = xr_ct_one_step("get-source 0x1000", &s);

	ck_assert_int_eq(st->step.kind, XR_STEP_GET_SOURCE);
	ck_assert_uint_eq(st->step.arg[0], 0x1000);
	xr_scenario_free(&s);
}
END_TEST

TCase *xr_tcase_contract_steps(void)
{
	TCase *tc = tcase_create("steps-expectations");

	tcase_add_test(tc, test_step_h_cppr);
	tcase_add_test(tc, test_step_h_xirr);
	tcase_add_test(tc, test_step_h_xirr_x);
	tcase_add_test(tc, test_step_h_eoi);
	tcase_add_test(tc, test_step_h_ipi);
	tcase_add_test(tc, test_step_h_ipoll);
	tcase_add_test(tc, test_step_rtas_set_xive);
	tcase_add_test(tc, test_step_rtas_get_xive);
	tcase_add_test(tc, test_step_rtas_int_off);
	tcase_add_test(tc, test_step_rtas_int_on);
	tcase_add_test(tc, test_step_irq);
	tcase_add_test(tc, test_step_hwirq);
	tcase_add_test(tc, test_step_vcpu_run);
	tcase_add_test(tc, test_step_passthru);
	tcase_add_test(tc, test_step_passthru_arrow_first);
	tcase_add_test(tc, test_step_unpassthru);
	tcase_add_test(tc, test_step_set_icp);
	tcase_add_test(tc, test_step_get_icp);
	tcase_add_test(tc, test_step_set_source);
	tcase_add_test(tc, test_step_get_source);
	return tc;
}
