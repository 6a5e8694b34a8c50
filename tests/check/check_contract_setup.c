// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "contract", the set-up: machine, vcpu, source, passthru
 * and option as the scenario-language contract (version 1 core) defines
 * them, defaults included, through the real parser (check_contract.c:
 * the lexical rules; check_contract_steps.c: the steps;
 * check_contract_expect.c: "=>" results and expect lines).
 */
#include "check_contract.h"

/* ---- Set-up ---- */

/* "machine ...  # default: power8 cores=2 threads=8" */
START_TEST(test_setup_machine_default)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nvcpu 0 run cpu=15\n", &s);
	ck_assert_int_eq(s.setup.machine, XR_POWER8);
	ck_assert_uint_eq(s.setup.cores, 2);
	ck_assert_uint_eq(s.setup.threads, 8);
	ck_assert_uint_eq(xr_scn_nr_cpus(&s.setup), 16);
	ck_assert_uint_eq(s.steps[0].step.arg[0], 15);
	xr_scenario_free(&s);
}
END_TEST

/* "machine power8|power9 cores=N threads=T" */
START_TEST(test_setup_machine)
{
	struct xr_scenario s;

	xr_ct_ok("machine power9 cores=4 threads=8\nvcpu 0 cpu=31\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_int_eq(s.setup.machine, XR_POWER9);
	ck_assert_uint_eq(s.setup.cores, 4);
	ck_assert_uint_eq(s.setup.threads, 8);
	ck_assert_int_eq(s.setup.vcpus[0].cpu, 31);
	xr_scenario_free(&s);
	xr_ct_ok("machine power9 cores=1 threads=4\nvcpu 0 cpu=3\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_int_eq(s.setup.machine, XR_POWER9);
	ck_assert_uint_eq(s.setup.cores, 1);
	ck_assert_uint_eq(s.setup.threads, 4);
	xr_scenario_free(&s);
	xr_ct_ok("machine power8 cores=3 threads=8\nvcpu 0 cpu=23\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_int_eq(s.setup.machine, XR_POWER8);
	ck_assert_uint_eq(s.setup.cores, 3);
	ck_assert_uint_eq(s.setup.threads, 8);
	xr_scenario_free(&s);
}
END_TEST

/* "vcpu V [server=S] ...  # server defaults to V" */
START_TEST(test_setup_vcpu_server)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 3\nvcpu 5 server=9\nvcpu 3 H_XIRR\n"
		 "expect icp 3 cppr=0\nexpect icp 9 cppr=0\n", &s);
	ck_assert_uint_eq(s.setup.nr_vcpus, 2);
	ck_assert_uint_eq(s.setup.vcpus[0].id, 3);
	ck_assert_uint_eq(s.setup.vcpus[0].server, 3);
	ck_assert(s.setup.vcpus[0].has_icp);
	ck_assert_uint_eq(s.setup.vcpus[1].id, 5);
	ck_assert_uint_eq(s.setup.vcpus[1].server, 9);
	/* "expect icp SERVER" names the server, and finds its VCPU */
	ck_assert_uint_eq(s.steps[0].expects[0].vcpu, 3);
	ck_assert_uint_eq(s.steps[0].expects[1].id, 9);
	ck_assert_uint_eq(s.steps[0].expects[1].vcpu, 5);
	xr_scenario_free(&s);
	xr_ct_bad("vcpu 3\nvcpu 5 server=9\nvcpu 3 H_XIRR\nexpect icp 5\n",
		  4, "no ICP has server 5");
}
END_TEST

/* "vcpu V ... [cpu=P|none]  # cpu = physical CPU it runs on" */
START_TEST(test_setup_vcpu_cpu)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0 cpu=5\nvcpu 1 cpu=none\nvcpu 2 cpu=0\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_int_eq(s.setup.vcpus[0].cpu, 5);
	ck_assert_int_eq(s.setup.vcpus[1].cpu, -1);
	ck_assert_int_eq(s.setup.vcpus[2].cpu, 0);
	xr_scenario_free(&s);
}
END_TEST

/* "source IRQ msi|lsi [server=S] [prio=P]  # an existing ICS source" */
START_TEST(test_setup_source)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nvcpu 2\nsource 0x1000 msi server=2 prio=0\n"
		 "source 0x1001 lsi server=0 prio=5\nvcpu 0 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.nr_sources, 2);
	ck_assert_uint_eq(s.setup.sources[0].irq, 0x1000);
	ck_assert(!s.setup.sources[0].lsi);
	ck_assert_uint_eq(s.setup.sources[0].server, 2);
	ck_assert_uint_eq(s.setup.sources[0].prio, 0);
	ck_assert_uint_eq(s.setup.sources[1].irq, 0x1001);
	ck_assert(s.setup.sources[1].lsi);
	ck_assert_uint_eq(s.setup.sources[1].server, 0);
	ck_assert_uint_eq(s.setup.sources[1].prio, 5);
	xr_scenario_free(&s);
}
END_TEST

/* "source ...  # prio defaults to 0xff (masked)" */
START_TEST(test_setup_source_prio_default)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nsource 0x1000 msi\nsource 0x1001 lsi server=0\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.sources[0].prio, 0xff);
	ck_assert_uint_eq(s.setup.sources[1].prio, 0xff);
	ck_assert_uint_eq(XR_PRIO_MASKED, 0xff);
	xr_scenario_free(&s);
}
END_TEST

/* "passthru hw=H irq=IRQ  # flat map entry: host hardware IRQ H -> guest" */
START_TEST(test_setup_passthru)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nsource 0x1000 msi\nsource 0x1001 msi\n"
		 "passthru hw=0x2a7 irq=0x1000\npassthru hw=0x2a8 irq=0x1001\n"
		 "vcpu 0 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.nr_passthru, 2);
	ck_assert_uint_eq(s.setup.passthru[0].hw, 0x2a7);
	ck_assert_uint_eq(s.setup.passthru[0].irq, 0x1000);
	ck_assert_uint_eq(s.setup.passthru[1].hw, 0x2a8);
	ck_assert_uint_eq(s.setup.passthru[1].irq, 0x1001);
	/* set-up, not steps */
	ck_assert_uint_eq(s.nr_steps, 1);
	ck_assert_int_eq(s.steps[0].step.kind, XR_STEP_H_XIRR);
	xr_scenario_free(&s);
}
END_TEST

/*
 * "option real_mode=on|off bypass=on|off ipi_redirect=on|off
 *  # kernel knobs, defaults: on on on"
 */
START_TEST(test_setup_option_knobs_default)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(s.setup.real_mode);
	ck_assert(s.setup.bypass);
	ck_assert(s.setup.ipi_redirect);
	xr_scenario_free(&s);
}
END_TEST

/* "option real_mode=on|off bypass=on|off ipi_redirect=on|off" */
START_TEST(test_setup_option_knobs)
{
	struct xr_scenario s;

	xr_ct_ok("option real_mode=off bypass=off ipi_redirect=off\n"
		 "vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(!s.setup.real_mode);
	ck_assert(!s.setup.bypass);
	ck_assert(!s.setup.ipi_redirect);
	ck_assert(!s.setup.ack_notifier);
	xr_scenario_free(&s);
	/* one at a time: each knob is its own, "on" is on */
	xr_ct_ok("option real_mode=off\nvcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(!s.setup.real_mode && s.setup.bypass &&
		  s.setup.ipi_redirect);
	xr_scenario_free(&s);
	xr_ct_ok("option bypass=off\noption ipi_redirect=on\n"
		 "vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(s.setup.real_mode && !s.setup.bypass &&
		  s.setup.ipi_redirect);
	xr_scenario_free(&s);
	xr_ct_ok("option ipi_redirect=off real_mode=on\n"
		 "vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(s.setup.real_mode && s.setup.bypass &&
		  !s.setup.ipi_redirect);
	xr_scenario_free(&s);
	xr_ct_bad("option bypass=maybe\nvcpu 0\nvcpu 0 H_XIRR\n", 1,
		  "on|off");
}
END_TEST

/* "option ack_notifier=on|off  # ...; default off" */
START_TEST(test_setup_option_ack_notifier)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(!s.setup.ack_notifier);
	xr_scenario_free(&s);
	xr_ct_ok("option ack_notifier=on\nvcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(s.setup.ack_notifier);
	/* and it touches no other knob */
	ck_assert(s.setup.real_mode && s.setup.bypass &&
		  s.setup.ipi_redirect);
	xr_scenario_free(&s);
	xr_ct_ok("option ack_notifier=off\nvcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert(!s.setup.ack_notifier);
	xr_scenario_free(&s);
}
END_TEST

/* option tb_offset=N: a 64-bit number, default 0 (an extension) */
START_TEST(test_setup_option_tb_offset)
{
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.tb_offset, 0);
	xr_scenario_free(&s);
	xr_ct_ok("option tb_offset=0xffffffff00000010 bypass=off\n"
		 "vcpu 0\nvcpu 0 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.tb_offset, 0xffffffff00000010ull);
	ck_assert(!s.setup.bypass && s.setup.real_mode);
	xr_scenario_free(&s);
	xr_ct_bad("option tb_offset=0x10000000000000000\nvcpu 0\n"
		  "vcpu 0 H_XIRR\n", 1, "wider than 64 bits");
	xr_ct_bad("option tb_offset=on\nvcpu 0\nvcpu 0 H_XIRR\n", 1,
		  "not a number");
	xr_ct_bad("option tb_offset=1\noption tb_offset=2\nvcpu 0\n"
		  "vcpu 0 H_XIRR\n", 2, "duplicate option tb_offset");
}
END_TEST

/* "Set-up (before the first step)" */
START_TEST(test_setup_before_first_step)
{
	static const struct xr_ct_bad_case c[] = {
		{ "vcpu 0\nvcpu 0 H_XIRR\nmachine power8\n", 3,
		  "after the first step" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nvcpu 1\n", 3,
		  "after the first step" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nsource 0x1000 msi\n", 3,
		  "after the first step" },
		{ "vcpu 0\nvcpu 0 H_XIRR\noption bypass=off\n", 3,
		  "after the first step" },
	};

	xr_ct_bad_cases(c, XR_CT_NR(c));
}
END_TEST

TCase *xr_tcase_contract_setup(void)
{
	TCase *tc = tcase_create("set-up");

	tcase_add_test(tc, test_setup_machine_default);
	tcase_add_test(tc, test_setup_option_tb_offset);
	tcase_add_test(tc, test_setup_machine);
	tcase_add_test(tc, test_setup_vcpu_server);
	tcase_add_test(tc, test_setup_vcpu_cpu);
	tcase_add_test(tc, test_setup_source);
	tcase_add_test(tc, test_setup_source_prio_default);
	tcase_add_test(tc, test_setup_passthru);
	tcase_add_test(tc, test_setup_option_knobs_default);
	tcase_add_test(tc, test_setup_option_knobs);
	tcase_add_test(tc, test_setup_option_ack_notifier);
	tcase_add_test(tc, test_setup_before_first_step);
	return tc;
}
