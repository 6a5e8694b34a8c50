// SPDX-License-Identifier: GPL-2.0-only
/* CMocka tests of the ROUTE-* rules (spec/route.md) and DEV-* quirks */
#include <string.h>

#include "helpers.h"

#define IRQ	0x1000u

/* power8 (or 9), VCPU 0 on cpu 0, VCPU 1 on @cpu1, both at CPPR 0xff */
static struct xr_model *pair(enum xr_machine_kind kind, int32_t cpu1,
			     bool redirect, uint32_t cores)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	s.machine = kind;
	s.cores = cores;
	s.vcpus[1].cpu = cpu1;
	s.ipi_redirect = redirect;
	s.ack_notifier = true;
	add_source(&s, IRQ, false, 1, 5);
	m = model_new(&s, XR_CTX_REAL);
	xr_h_cppr(m, 0, 0xff);
	/* VCPU 1 may not run: restore its CPPR from the host instead */
	assert_int_equal(xr_set_icp_value(m, 1, 0xff000000ffff0000ull), 0);
	return m;
}

/* ROUTE-RM-SELF */
static void test_route_rm_self_sets_mer(void **state)
{
	struct xr_model *m = pair(XR_POWER8, 1, true, 2);

	xr_h_ipi(m, 0, 0, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_MER, 0, 1));
	xr_model_destroy(m);
}

/* ROUTE-RM-CLEAR */
static void test_route_rm_clear_at_accept(void **state)
{
	struct xr_model *m = pair(XR_POWER8, 1, true, 2);
	uint64_t xirr;

	xr_h_ipi(m, 0, 0, 5);
	xr_h_xirr(m, 0, &xirr);
	assert_int_equal(xirr, 0xff000002);
	expect_events(m, 2, EV(XR_EV_LOWER, 0, 0), EV(XR_EV_MER, 0, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-CLEAR: the real-mode Down_CPPR has no Up_CPPR tail */
static void test_route_rm_cppr_down_no_tail(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	m = model_new(&s, XR_CTX_REAL);
	xr_h_ipi(m, 0, 0, 5);
	xr_h_cppr(m, 0, 0xff);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_MER, 0, 1));
	xr_model_destroy(m);
}

/* ROUTE-RM-MSGSND: POWER8 same core */
static void test_route_rm_msgsnd_same_core_p8(void **state)
{
	struct xr_model *m = pair(XR_POWER8, 1, true, 2);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_MSGSND, 1, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-MSGSND: POWER9 any core */
static void test_route_rm_msgsnd_other_core_p9(void **state)
{
	struct xr_model *m = pair(XR_POWER9, 8, true, 2);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_MSGSND, 8, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-IPI: POWER8 other core */
static void test_route_rm_ipi_other_core_p8(void **state)
{
	struct xr_model *m = pair(XR_POWER8, 8, true, 2);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_IPI, 8, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-HOSTCORE: a free host core kicks at the end of the step */
static void test_route_rm_hostcore_kicks(void **state)
{
	struct xr_model *m = pair(XR_POWER8, -1, true, 2);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 3, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_IPI, 8, 0),
		      EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-HOSTCORE: POWER9 never lends a host core, the kick is deferred */
static void test_route_rm_hostcore_p9_defers(void **state)
{
	struct xr_model *m = pair(XR_POWER9, -1, true, 4);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-DEFER: no redirect, or no free core: the completion kicks */
static void test_route_rm_defer_without_redirect(void **state)
{
	struct xr_model *m = pair(XR_POWER8, -1, false, 2);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

static void test_route_rm_defer_no_free_core(void **state)
{
	struct xr_model *m = pair(XR_POWER8, -1, true, 1);

	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-ACK, ROUTE-RM-DEFER: completion order is kick, then ack */
static void test_route_rm_ack_after_deferred_kick(void **state)
{
	struct xr_model *m = pair(XR_POWER8, -1, false, 2);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);	/* host: raise + kick */
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);	/* Q */
	assert_int_equal(xr_h_eoi(m, 0, 0xff000000 | IRQ), XR_H_SUCCESS);
	expect_events(m, 2, EV(XR_EV_KICK, 1, 0), EV(XR_EV_ACK, IRQ, 0));
	xr_model_destroy(m);
}

/* ROUTE-RM-OFF: with real_mode off the events are virtual mode's */
static void test_route_rm_off_is_virtual(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	s.real_mode = false;
	m = model_new(&s, XR_CTX_REAL);
	xr_h_cppr(m, 1, 0xff);
	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

/* ROUTE-VM-KICK: the host kicks, in virtual mode only other VCPUs */
static void test_route_vm_kick_other_not_self(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_cppr(m, 0, 0xff);
	xr_h_cppr(m, 1, 0xff);
	xr_h_ipi(m, 0, 1, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_h_ipi(m, 0, 0, 5);
	expect_events(m, 1, EV(XR_EV_RAISE, 0, 0));
	xr_model_destroy(m);
}

/* DEV-RM-EOI-NOICS */
static void test_dev_rm_eoi_noics_quirk(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	m = model_new(&s, XR_CTX_REAL);
	assert_int_equal(xr_h_eoi(m, 0, 0xff005000), XR_H_PARAMETER);
	xr_model_destroy(m);
	s.quirks = xr_deviation_find("DEV-RM-EOI-NOICS")->quirk;
	m = model_new(&s, XR_CTX_REAL);
	assert_int_equal(xr_h_eoi(m, 0, 0xff005000), XR_H_SUCCESS);
	xr_model_destroy(m);
	m = model_new(&s, XR_CTX_VIRTUAL);	/* virtual mode unaffected */
	assert_int_equal(xr_h_eoi(m, 0, 0xff005000), XR_H_PARAMETER);
	xr_model_destroy(m);
}

/* DEV-ARG-CPPR-WIDE: compare whole, store low byte: no reject */
static void test_dev_arg_cppr_wide_quirk(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	add_source(&s, IRQ, false, 0, 5);
	s.quirks = xr_deviation_find("DEV-ARG-CPPR-WIDE")->quirk;
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_cppr(m, 0, 0xff);
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	xr_h_cppr(m, 0, 0x100);
	assert_int_equal(icp_of(m, 0).cppr, 0);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	assert_false(icp_of(m, 0).out_ee);
	xr_model_destroy(m);
}

/* DEV-ARG-MFRR-WIDE: compare whole, store low byte: no IPI */
static void test_dev_arg_mfrr_wide_quirk(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	s.quirks = xr_deviation_find("DEV-ARG-MFRR-WIDE")->quirk;
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_cppr(m, 0, 0xff);
	xr_h_ipi(m, 0, 0, 0x105);
	assert_int_equal(icp_of(m, 0).mfrr, 5);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	xr_model_destroy(m);
}

/* DEV-RTAS-UNDEFINED-SOURCE */
static void test_dev_rtas_undefined_source_quirk(void **state)
{
	struct xr_setup s;
	struct xr_model *m;
	uint32_t server, prio;

	setup_default(&s, 1);
	add_source(&s, IRQ, false, 0, 5);
	m = model_new(&s, XR_CTX_VIRTUAL);
	assert_int_equal(xr_rtas_get_xive(m, IRQ + 1, &server, &prio), -3);
	assert_int_equal(xr_rtas_int_off(m, IRQ + 1), -3);
	xr_model_destroy(m);
	s.quirks = xr_deviation_find("DEV-RTAS-UNDEFINED-SOURCE")->quirk;
	m = model_new(&s, XR_CTX_VIRTUAL);
	assert_int_equal(xr_rtas_get_xive(m, IRQ + 1, &server, &prio), 0);
	assert_int_equal(prio, 0xff);
	assert_int_equal(xr_rtas_set_xive(m, IRQ + 1, 0, 4), 0);
	assert_int_equal(src_of(m, IRQ + 1).prio, 4);
	assert_false(src_of(m, IRQ + 1).exists);
	xr_model_destroy(m);
}

/* DEV-RTAS-PRIO-WIDE: low byte stored, whole value tested */
static void test_dev_rtas_prio_wide_quirk(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	add_source(&s, IRQ, false, 0, 0xff);
	m = model_new(&s, XR_CTX_VIRTUAL);
	assert_int_equal(xr_rtas_set_xive(m, IRQ, 0, 0x1ff), -3);
	xr_model_destroy(m);
	s.quirks = xr_deviation_find("DEV-RTAS-PRIO-WIDE")->quirk;
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_true(src_of(m, IRQ).masked_pending);
	assert_int_equal(xr_rtas_set_xive(m, IRQ, 0, 0x1ff), 0);
	/* 0x1ff != 0xff hands it to delivery, which finds it masked */
	assert_int_equal(src_of(m, IRQ).prio, 0xff);
	assert_true(src_of(m, IRQ).masked_pending);
	xr_model_destroy(m);
}

/* The registry names every ID of spec/deviation-ids.txt, one bit each */
static void test_dev_registry_ids_and_bits(void **state)
{
	static const char *const ids[] = {
		"DEV-RM-EOI-NOICS", "DEV-ARG-CPPR-WIDE", "DEV-ARG-MFRR-WIDE",
		"DEV-RTAS-UNDEFINED-SOURCE", "DEV-RTAS-PRIO-WIDE",
		"DEV-VM-CPPR-DOWN-TAIL", "DEV-CPPR-DOWN-DISPLACE",
		"DEV-RM-XIRR-X-AGAIN", "DEV-XIRR-X-HOST-TB",
		"DEV-XIVE-LINE-OUTPUT",
		"DEV-XIVE-PRIO-COLLAPSE", "DEV-XIVE-GET-ICP", "DEV-XIVE-NOICP",
		"DEV-XIVE-IPOLL", "DEV-XIVE-EOI-NO-ACK", "DEV-XIVE-SET-ICP",
		"DEV-XIVE-ROUTING", "DEV-XIVE-UNDEFINED-SOURCE",
		"DEV-XIVE-GET-SOURCE", "DEV-XIVE-PRESENTER",
		"DEV-XIVE-MASKED-HELD", "DEV-XIVE-LSI-EDGE",
		"DEV-XIVE-LSI-RAW-LEVEL", "DEV-XIVE-SAVE-SNAPSHOT",
		"DEV-XIVE-SAVE-MASKED", "DEV-XIVE-BARE-MASK",
		"DEV-XIVE-PT-ROUTE", "DEV-XIVE-PT-INPUT", "DEV-XIVE-PT-NO-ICS",
		"DEV-XIVE-PT-MAP-STATE", "DEV-XIVE-PT-LSI",
	};
	uint64_t seen = 0;
	uint32_t nr, i;
	const struct xr_deviation *d = xr_deviations(&nr);

	assert_int_equal(nr, sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < nr; i++) {
		assert_non_null(xr_deviation_find(ids[i]));
		assert_int_equal(d[i].quirk & seen, 0);
		seen |= d[i].quirk;
		assert_non_null(d[i].summary);
		assert_true(!strncmp(d[i].applies_to, "kernel-", 7));
	}
	assert_null(xr_deviation_find("DEV-NONE"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_rm_self_sets_mer),
		cmocka_unit_test(test_route_rm_clear_at_accept),
		cmocka_unit_test(test_route_rm_cppr_down_no_tail),
		cmocka_unit_test(test_route_rm_msgsnd_same_core_p8),
		cmocka_unit_test(test_route_rm_msgsnd_other_core_p9),
		cmocka_unit_test(test_route_rm_ipi_other_core_p8),
		cmocka_unit_test(test_route_rm_hostcore_kicks),
		cmocka_unit_test(test_route_rm_hostcore_p9_defers),
		cmocka_unit_test(test_route_rm_defer_without_redirect),
		cmocka_unit_test(test_route_rm_defer_no_free_core),
		cmocka_unit_test(test_route_rm_ack_after_deferred_kick),
		cmocka_unit_test(test_route_rm_off_is_virtual),
		cmocka_unit_test(test_route_vm_kick_other_not_self),
		cmocka_unit_test(test_dev_rm_eoi_noics_quirk),
		cmocka_unit_test(test_dev_arg_cppr_wide_quirk),
		cmocka_unit_test(test_dev_arg_mfrr_wide_quirk),
		cmocka_unit_test(test_dev_rtas_undefined_source_quirk),
		cmocka_unit_test(test_dev_rtas_prio_wide_quirk),
		cmocka_unit_test(test_dev_registry_ids_and_bits),
	};

	return cmocka_run_group_tests_name("route-dev", tests, NULL, NULL);
}
