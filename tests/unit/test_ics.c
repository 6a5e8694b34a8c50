// SPDX-License-Identifier: GPL-2.0-only
/* CMocka tests of the ICS rules (spec/ics.md) */
#include <errno.h>
#include "helpers.h"

#define MSI	0x1000u
#define LSI	0x1001u

/* VCPUs 0..1 at CPPR 0xff; MSI 0x1000 and LSI 0x1001 on server 0 */
static struct xr_model *two_src(uint8_t msi_prio, uint8_t lsi_prio)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	add_source(&s, MSI, false, 0, msi_prio);
	add_source(&s, LSI, true, 0, lsi_prio);
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_cppr(m, 0, 0xff);
	xr_h_cppr(m, 1, 0xff);
	return m;
}

/* ICS-INIT: the block's other sources are masked and undefined */
static void test_ics_init_block_of_undefined_sources(void **state)
{
	struct xr_model *m = two_src(5, 6);
	struct xr_source_state st = src_of(m, 0x13ff);
	struct xr_source_state out;

	assert_false(st.exists);
	assert_int_equal(st.prio, 0xff);
	assert_int_equal(st.saved, 0xff);
	assert_true(src_of(m, MSI).exists);
	assert_false(xr_model_source(m, 0x1400, &out));
	xr_model_destroy(m);
}

/* ICS-MSI-PQ: only P=1,Q=0 presents; more pulses queue in Q */
static void test_ics_msi_pq_queues_second_pulse(void **state)
{
	struct xr_model *m = two_src(5, 6);

	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_true(src_of(m, MSI).p);
	assert_false(src_of(m, MSI).q);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_true(src_of(m, MSI).q);
	expect_events(m, 0);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_true(src_of(m, MSI).p && src_of(m, MSI).q);
	assert_int_equal(icp_of(m, 0).xisr, MSI);
	xr_model_destroy(m);
}

/* ICS-MSI-OFF */
static void test_ics_msi_off_ignored(void **state)
{
	struct xr_model *m = two_src(5, 6);

	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	xr_irq_input(m, MSI, XR_IRQ_OFF);
	assert_true(src_of(m, MSI).p);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICS-LSI-LEVEL: high presents once; low clears P, not the XISR */
static void test_ics_lsi_level_high_then_low(void **state)
{
	struct xr_model *m = two_src(5, 6);

	xr_irq_input(m, LSI, XR_IRQ_ON);
	assert_true(src_of(m, LSI).asserted);
	assert_int_equal(icp_of(m, 0).xisr, LSI);
	xr_irq_input(m, LSI, XR_IRQ_ON);
	expect_events(m, 0);
	xr_irq_input(m, LSI, XR_IRQ_OFF);
	assert_false(src_of(m, LSI).p);
	assert_int_equal(icp_of(m, 0).xisr, LSI);
	xr_model_destroy(m);
}

/* ICS-UNDEFINED */
static void test_ics_undefined_input_ignored(void **state)
{
	struct xr_model *m = two_src(5, 6);

	assert_int_equal(xr_irq_input(m, 0x1002, XR_IRQ_PULSE), -EINVAL);
	assert_false(src_of(m, 0x1002).p);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	assert_int_equal(xr_irq_input(m, 0x9000, XR_IRQ_PULSE), -EINVAL);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICS-DELIVER: priority must beat CPPR, MFRR and the pending one */
static void test_ics_deliver_needs_more_favoured(void **state)
{
	struct xr_model *m = two_src(5, 4);

	xr_h_cppr(m, 0, 5);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);	/* 5 vs CPPR 5: no */
	assert_int_equal(icp_of(m, 0).xisr, 0);
	xr_irq_input(m, LSI, XR_IRQ_ON);	/* 4: yes */
	assert_int_equal(icp_of(m, 0).xisr, LSI);
	assert_int_equal(icp_of(m, 0).pprio, 4);
	xr_model_destroy(m);
}

/* ICS-DELIVER, ICS-REJECT: a better one displaces the pending XISR */
static void test_ics_deliver_replaces_and_rejects(void **state)
{
	struct xr_model *m = two_src(6, 4);

	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	xr_irq_input(m, LSI, XR_IRQ_ON);
	assert_int_equal(icp_of(m, 0).xisr, LSI);
	/* the rejected MSI is delivered again, fails, waits for resend */
	assert_true(src_of(m, MSI).resend);
	assert_true(icp_of(m, 0).need_resend);
	xr_model_destroy(m);
}

/* ICS-DELIVER-FAIL */
static void test_ics_deliver_fail_sets_resend(void **state)
{
	struct xr_model *m = two_src(5, 6);

	xr_h_cppr(m, 0, 2);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_true(src_of(m, MSI).resend);
	assert_true(icp_of(m, 0).need_resend);
	assert_false(icp_of(m, 0).out_ee);
	xr_model_destroy(m);
}

/* ICS-MASKED */
static void test_ics_masked_sets_masked_pending(void **state)
{
	struct xr_model *m = two_src(0xff, 6);

	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_true(src_of(m, MSI).masked_pending);
	assert_true(src_of(m, MSI).p);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	xr_model_destroy(m);
}

/* ICS-MASKED-RESEND: masked during resend keeps the interrupt */
static void test_ics_masked_resend_keeps_masked_pending(void **state)
{
	struct xr_model *m = two_src(5, 6);

	xr_h_cppr(m, 0, 2);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_int_equal(xr_rtas_int_off(m, MSI), 0);
	assert_true(src_of(m, MSI).resend);
	xr_h_cppr(m, 0, 0xff);
	assert_false(src_of(m, MSI).resend);
	assert_true(src_of(m, MSI).masked_pending);
	xr_model_destroy(m);
}

/* ICS-NO-SERVER: no ICP for the server: the source is left as it was */
static void test_ics_no_server_drops_attempt(void **state)
{
	struct xr_model *m = two_src(5, 6);

	/* masked source on server 9 (no ICP), restored PENDING */
	assert_int_equal(xr_set_source_value(m, 0x1005, 9ull | 0xffull << 32 |
					     1ull << 42), 0);
	assert_true(src_of(m, 0x1005).p);
	assert_false(src_of(m, 0x1005).masked_pending);
	assert_false(src_of(m, 0x1005).resend);
	xr_model_destroy(m);
}

/* ICS-IPI-NO-REJECT: a rejected IPI stays in the MFRR */
static void test_ics_ipi_no_reject_lives_in_mfrr(void **state)
{
	struct xr_model *m = two_src(3, 6);
	uint64_t xirr;

	xr_h_ipi(m, 1, 0, 5);
	assert_int_equal(icp_of(m, 0).xisr, XR_XISR_IPI);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	assert_int_equal(icp_of(m, 0).xisr, MSI);
	assert_false(icp_of(m, 0).need_resend);
	xr_h_xirr(m, 0, &xirr);
	xr_h_eoi(m, 0, 0xff000000 | MSI);
	assert_int_equal(icp_of(m, 0).xisr, XR_XISR_IPI);
	xr_model_destroy(m);
}

/* ICS-EOI-MSI: Q moves into P and presents again */
static void test_ics_eoi_msi_q_presents_again(void **state)
{
	struct xr_model *m = two_src(5, 6);
	uint64_t xirr;

	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	xr_irq_input(m, MSI, XR_IRQ_PULSE);
	xr_h_xirr(m, 0, &xirr);
	xr_h_eoi(m, 0, xirr);
	assert_true(src_of(m, MSI).p);
	assert_false(src_of(m, MSI).q);
	assert_int_equal(icp_of(m, 0).xisr, MSI);
	/* an ICS-driven delivery kicks, even the caller itself */
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	xr_h_xirr(m, 0, &xirr);
	xr_h_eoi(m, 0, xirr);
	assert_false(src_of(m, MSI).p);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	xr_model_destroy(m);
}

/* ICS-EOI-LSI: still asserted presents again; released does not */
static void test_ics_eoi_lsi_asserted_presents_again(void **state)
{
	struct xr_model *m = two_src(5, 6);
	uint64_t xirr;

	xr_irq_input(m, LSI, XR_IRQ_ON);
	xr_h_xirr(m, 0, &xirr);
	xr_h_eoi(m, 0, xirr);
	assert_int_equal(icp_of(m, 0).xisr, LSI);
	xr_h_xirr(m, 0, &xirr);
	xr_irq_input(m, LSI, XR_IRQ_OFF);
	xr_h_eoi(m, 0, xirr);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	xr_model_destroy(m);
}

/* Event capacity: overflow is flagged, never written past */
static void test_ics_event_overflow_flagged(void **state)
{
	struct xr_setup s;
	struct xr_model *m;
	const struct xr_events *ev;
	uint32_t i;

	setup_default(&s, 1);
	/* later sources more favoured: each resend displaces the last */
	for (i = 0; i < 80; i++)
		add_source(&s, 0x1000 + i, false, 0, (uint8_t)(200 - i));
	m = model_new(&s, XR_CTX_VIRTUAL);
	for (i = 0; i < 80; i++)
		xr_irq_input(m, 0x1000 + i, XR_IRQ_PULSE);
	xr_h_cppr(m, 0, 0xff);
	ev = xr_model_events(m);
	assert_true(ev->overflow);
	assert_int_equal(ev->nr, XR_MAX_EVENTS);
	assert_int_equal(icp_of(m, 0).xisr, 0x1000 + 79);
	xr_model_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ics_init_block_of_undefined_sources),
		cmocka_unit_test(test_ics_msi_pq_queues_second_pulse),
		cmocka_unit_test(test_ics_msi_off_ignored),
		cmocka_unit_test(test_ics_lsi_level_high_then_low),
		cmocka_unit_test(test_ics_undefined_input_ignored),
		cmocka_unit_test(test_ics_deliver_needs_more_favoured),
		cmocka_unit_test(test_ics_deliver_replaces_and_rejects),
		cmocka_unit_test(test_ics_deliver_fail_sets_resend),
		cmocka_unit_test(test_ics_masked_sets_masked_pending),
		cmocka_unit_test(test_ics_masked_resend_keeps_masked_pending),
		cmocka_unit_test(test_ics_no_server_drops_attempt),
		cmocka_unit_test(test_ics_ipi_no_reject_lives_in_mfrr),
		cmocka_unit_test(test_ics_eoi_msi_q_presents_again),
		cmocka_unit_test(test_ics_eoi_lsi_asserted_presents_again),
		cmocka_unit_test(test_ics_event_overflow_flagged),
	};

	return cmocka_run_group_tests_name("ics", tests, NULL, NULL);
}
