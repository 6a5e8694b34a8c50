// SPDX-License-Identifier: GPL-2.0-only
/* CMocka tests of the ICP rules (spec/icp.md), virtual context */
#include "helpers.h"

#define IRQ	0x1000u

/* VCPU 0 at CPPR 0xff with an MSI 0x1000 at @prio on server 0 */
static struct xr_model *one_msi(uint8_t prio, uint64_t quirks)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 4);
	add_source(&s, IRQ, false, 0, prio);
	s.ack_notifier = true;
	s.quirks = quirks;
	m = model_new(&s, XR_CTX_VIRTUAL);
	assert_int_equal(xr_h_cppr(m, 0, 0xff), XR_H_SUCCESS);
	return m;
}

/* ICP-INIT */
static void test_icp_init_cppr0_mfrr_ppri_masked(void **state)
{
	struct xr_setup s;
	struct xr_model *m;
	struct xr_icp_state st;

	setup_default(&s, 2);
	m = model_new(&s, XR_CTX_VIRTUAL);
	st = icp_of(m, 1);
	assert_int_equal(st.cppr, 0);
	assert_int_equal(st.mfrr, 0xff);
	assert_int_equal(st.pprio, 0xff);
	assert_int_equal(st.xisr, 0);
	assert_false(st.need_resend);
	assert_false(st.out_ee);
	assert_false(st.line);
	xr_model_destroy(m);
}

/* ICP-OUT: a delivery that asserts the output raises the line */
static void test_icp_out_delivery_raises_line(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_true(icp_of(m, 0).out_ee);
	assert_true(icp_of(m, 0).line);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	xr_model_destroy(m);
}

/* ICP-ACCEPT: CPPR<<24 | XISR; CPPR := PPRI; XISR := 0; PPRI := 0xff */
static void test_icp_accept_returns_xirr_and_clears_xisr(void **state)
{
	struct xr_model *m = one_msi(5, 0);
	uint64_t xirr;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_h_xirr(m, 0, &xirr), XR_H_SUCCESS);
	assert_int_equal(xirr, 0xff001000);
	assert_int_equal(icp_of(m, 0).cppr, 5);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	assert_int_equal(icp_of(m, 0).pprio, 0xff);
	xr_model_destroy(m);
}

/* ICP-ACCEPT: nothing pending returns the CPPR and changes nothing */
static void test_icp_accept_empty_keeps_cppr(void **state)
{
	struct xr_model *m = one_msi(5, 0);
	uint64_t xirr;

	assert_int_equal(xr_h_xirr(m, 0, &xirr), XR_H_SUCCESS);
	assert_int_equal(xirr, 0xff000000);
	assert_int_equal(icp_of(m, 0).cppr, 0xff);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICP-ACCEPT-X */
static void test_icp_accept_x_is_accept(void **state)
{
	struct xr_model *m = one_msi(5, 0);
	uint64_t xirr;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_h_xirr_x(m, 0, &xirr), XR_H_SUCCESS);
	assert_int_equal(xirr, 0xff001000);
	assert_int_equal(icp_of(m, 0).cppr, 5);
	xr_model_destroy(m);
}

/* ICP-LINE-CLEAR: Accept withdraws the caller's own line */
static void test_icp_line_clear_at_accept(void **state)
{
	struct xr_model *m = one_msi(5, 0);
	uint64_t xirr;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	xr_h_xirr(m, 0, &xirr);
	assert_false(icp_of(m, 0).line);
	expect_events(m, 1, EV(XR_EV_LOWER, 0, 0));
	xr_model_destroy(m);
}

/* ICP-CPPR-SAME */
static void test_icp_cppr_same_changes_nothing(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_h_cppr(m, 0, 0xff), XR_H_SUCCESS);
	expect_events(m, 0);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	xr_model_destroy(m);
}

/* ICP-CPPR-UP: Reject_Current, the rejected source waits for a resend */
static void test_icp_cppr_up_rejects_pending(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_h_cppr(m, 0, 5), XR_H_SUCCESS);
	expect_events(m, 1, EV(XR_EV_LOWER, 0, 0));
	assert_int_equal(icp_of(m, 0).xisr, 0);
	assert_int_equal(icp_of(m, 0).cppr, 5);
	assert_true(icp_of(m, 0).need_resend);
	assert_true(src_of(m, IRQ).resend);
	xr_model_destroy(m);
}

/* ICP-CPPR-DOWN: Check_IPI presents the IPI; VM runs the Up_CPPR tail */
static void test_icp_cppr_down_presents_ipi(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	m = model_new(&s, XR_CTX_VIRTUAL);
	assert_int_equal(xr_h_ipi(m, 0, 0, 5), XR_H_SUCCESS);
	assert_int_equal(icp_of(m, 0).xisr, 0);	/* CPPR 0 beats it */
	assert_int_equal(xr_h_cppr(m, 0, 0xff), XR_H_SUCCESS);
	assert_int_equal(icp_of(m, 0).xisr, XR_XISR_IPI);
	assert_int_equal(icp_of(m, 0).pprio, 5);
	/* Down_CPPR only: the line goes up once, no Up_CPPR tail */
	expect_events(m, 1, EV(XR_EV_RAISE, 0, 0));
	xr_model_destroy(m);
}

/*
 * ICP-CPPR-DOWN with DEV-VM-CPPR-DOWN-TAIL emulated: the virtual-mode
 * kernel runs the Up_CPPR tail too (line lowered and raised again); the
 * real-mode context never does.
 */
static void test_icp_cppr_down_vm_tail_quirk(void **state)
{
	const struct xr_deviation *d = xr_deviation_find("DEV-VM-CPPR-DOWN-TAIL");
	struct xr_setup s;
	struct xr_model *m;

	assert_non_null(d);
	setup_default(&s, 2);
	s.quirks = d->quirk;
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_ipi(m, 0, 0, 5);
	xr_h_cppr(m, 0, 0xff);
	expect_events(m, 3, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_LOWER, 0, 0),
		      EV(XR_EV_RAISE, 0, 0));
	xr_model_destroy(m);
	m = model_new(&s, XR_CTX_REAL);
	xr_h_ipi(m, 0, 0, 5);
	xr_h_cppr(m, 0, 0xff);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_MER, 0, 1));
	xr_model_destroy(m);
}

/*
 * ICP-CPPR-DOWN, ICS-REJECT: after an EOI to a CPPR more favoured than the
 * pending interrupt and an MFRR tying it, Down_CPPR presents the IPI and
 * rejects the displaced interrupt; DEV-CPPR-DOWN-DISPLACE overwrites it
 * (and virtual mode WARNs).
 */
static void test_icp_cppr_down_rejects_displaced(void **state)
{
	const struct xr_deviation *d =
		xr_deviation_find("DEV-CPPR-DOWN-DISPLACE");

	assert_non_null(d);
	for (int quirk = 0; quirk < 2; quirk++) {
		struct xr_setup s;
		struct xr_model *m;

		setup_default(&s, 1);
		add_source(&s, IRQ, false, 0, 5);
		s.quirks = quirk ? d->quirk : 0;
		m = model_new(&s, XR_CTX_VIRTUAL);
		xr_h_cppr(m, 0, 0xff);
		xr_irq_input(m, IRQ, XR_IRQ_PULSE);
		xr_h_eoi(m, 0, 0x04000002);
		xr_h_ipi(m, 0, 0, 5);
		xr_h_cppr(m, 0, 0xff);
		assert_int_equal(icp_of(m, 0).xisr, XR_XISR_IPI);
		assert_int_equal(src_of(m, IRQ).resend, !quirk);
		assert_int_equal(icp_of(m, 0).need_resend, !quirk);
		if (quirk)
			expect_events(m, 1, EV(XR_EV_WARN, 0, 0));
		else
			expect_events(m, 1, EV(XR_EV_KICK, 0, 0));
		xr_model_destroy(m);
	}
}

/* ICP-CPPR-DOWN: Resend delivers what failed at the old CPPR */
static void test_icp_cppr_down_resends(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	add_source(&s, IRQ, false, 0, 5);
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_true(src_of(m, IRQ).resend);
	xr_h_cppr(m, 0, 0xff);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	assert_false(icp_of(m, 0).need_resend);
	assert_false(src_of(m, IRQ).resend);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	xr_model_destroy(m);
}

/* ICP-IPI-SET, ROUTE-VM-KICK: an IPI to another server kicks it */
static void test_icp_ipi_set_presents_and_kicks_other(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_cppr(m, 1, 0xff);
	assert_int_equal(xr_h_ipi(m, 0, 1, 5), XR_H_SUCCESS);
	assert_int_equal(icp_of(m, 1).mfrr, 5);
	assert_int_equal(icp_of(m, 1).xisr, XR_XISR_IPI);
	assert_int_equal(icp_of(m, 1).pprio, 5);
	expect_events(m, 2, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

/* ICP-IPI-SET: an IPI to self raises the line without a kick */
static void test_icp_ipi_set_to_self_no_kick(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_h_ipi(m, 0, 0, 3);
	expect_events(m, 1, EV(XR_EV_RAISE, 0, 0));
	xr_model_destroy(m);
}

/* ICP-IPI-SET, ICS-REJECT: the IPI rejects a less favoured pending irq */
static void test_icp_ipi_set_rejects_pending(void **state)
{
	struct xr_model *m = one_msi(7, 0);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	xr_h_ipi(m, 1, 0, 5);
	assert_int_equal(icp_of(m, 0).xisr, XR_XISR_IPI);
	assert_true(src_of(m, IRQ).resend);
	assert_true(icp_of(m, 0).need_resend);
	xr_model_destroy(m);
}

/* ICP-IPI-RESEND, STATE-ICP-SET: a less favoured MFRR resends */
static void test_icp_ipi_resend_when_mfrr_grows(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	add_source(&s, IRQ, false, 1, 5);
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_ipi(m, 0, 1, 0x10);
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);	/* fails: CPPR 0 */
	/* CPPR 0xff, MFRR 0x10 kept: need_resend survives the restore */
	assert_int_equal(xr_set_icp_value(m, 1, 0xff00000010ff0000ull), 0);
	assert_true(icp_of(m, 1).need_resend);
	assert_int_equal(icp_of(m, 1).xisr, 0);
	xr_h_ipi(m, 0, 1, 0xff);
	assert_int_equal(icp_of(m, 1).xisr, IRQ);
	assert_false(icp_of(m, 1).need_resend);
	xr_model_destroy(m);
}

/* ICP-IPI-PARAM */
static void test_icp_ipi_param_unknown_server(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	assert_int_equal(xr_h_ipi(m, 0, 7, 5), XR_H_PARAMETER);
	assert_int_equal(icp_of(m, 0).mfrr, 0xff);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICP-IPOLL */
static void test_icp_ipoll_reads_without_change(void **state)
{
	struct xr_model *m = one_msi(5, 0);
	uint64_t xirr, mfrr;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_h_ipoll(m, 1, 0, &xirr, &mfrr), XR_H_SUCCESS);
	assert_int_equal(xirr, 0xff001000);
	assert_int_equal(mfrr, 0xff);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	assert_true(icp_of(m, 0).line);
	assert_int_equal(xr_h_ipoll(m, 1, 9, &xirr, &mfrr), XR_H_PARAMETER);
	xr_model_destroy(m);
}

/* ICP-EOI-CPPR: a more favoured CPPR through EOI rejects nothing */
static void test_icp_eoi_cppr_no_reject(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_h_eoi(m, 0, 0x00000002), XR_H_SUCCESS);
	assert_int_equal(icp_of(m, 0).cppr, 0);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	assert_false(icp_of(m, 0).out_ee);
	xr_model_destroy(m);
}

/* ICP-EOI-IPI: no ICS EOI, so no ack */
static void test_icp_eoi_ipi_has_no_ics_eoi(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	assert_int_equal(xr_h_eoi(m, 0, 0xff000002), XR_H_SUCCESS);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICP-EOI-ICS: EOI reaches the ICS and the ack notifiers */
static void test_icp_eoi_ics_acks(void **state)
{
	struct xr_model *m = one_msi(5, 0);
	uint64_t xirr;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	xr_h_xirr(m, 0, &xirr);
	assert_int_equal(xr_h_eoi(m, 0, xirr), XR_H_SUCCESS);
	assert_int_equal(icp_of(m, 0).cppr, 0xff);
	assert_false(src_of(m, IRQ).p);
	expect_events(m, 1, EV(XR_EV_ACK, IRQ, 0));
	xr_model_destroy(m);
}

/* ICP-EOI-ICS: no ICS block is H_PARAMETER (after the CPPR change) */
static void test_icp_eoi_ics_no_block_parameter(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_h_cppr(m, 0, 5);
	assert_int_equal(xr_h_eoi(m, 0, 0xff005000), XR_H_PARAMETER);
	assert_int_equal(icp_of(m, 0).cppr, 0xff);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICP-NO-ICP */
static void test_icp_no_icp_hardware(void **state)
{
	struct xr_setup s;
	struct xr_model *m;
	uint64_t x, y;

	setup_default(&s, 2);
	s.vcpus[1].has_icp = false;
	m = model_new(&s, XR_CTX_REAL);
	assert_int_equal(xr_h_xirr(m, 1, &x), XR_H_HARDWARE);
	assert_int_equal(xr_h_cppr(m, 1, 5), XR_H_HARDWARE);
	assert_int_equal(xr_h_eoi(m, 1, 2), XR_H_HARDWARE);
	assert_int_equal(xr_h_ipi(m, 1, 0, 5), XR_H_HARDWARE);
	assert_int_equal(xr_h_ipoll(m, 1, 0, &x, &y), XR_H_HARDWARE);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* ICP-RESEND: blocks in ascending ICS id, sources in ascending order */
static void test_icp_resend_walks_blocks_in_order(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	add_source(&s, 0x400, false, 0, 5);	/* block 1 */
	add_source(&s, 0x10, false, 0, 6);	/* block 0 */
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_irq_input(m, 0x400, XR_IRQ_PULSE);
	xr_irq_input(m, 0x10, XR_IRQ_PULSE);
	xr_h_cppr(m, 0, 0xff);
	/* 0x10 first, then 0x400 displaces it and 0x10 waits again */
	assert_int_equal(icp_of(m, 0).xisr, 0x400);
	assert_true(src_of(m, 0x10).resend);
	assert_false(src_of(m, 0x400).resend);
	assert_true(icp_of(m, 0).need_resend);
	xr_model_destroy(m);
}

/* ICP-ARG-WIDTH: the model takes the low byte of CPPR and MFRR */
static void test_icp_arg_width_cppr_low_byte(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	xr_h_cppr(m, 0, 0x100);	/* CPPR 0: Up_CPPR rejects */
	assert_int_equal(icp_of(m, 0).cppr, 0);
	assert_int_equal(icp_of(m, 0).xisr, 0);
	assert_true(src_of(m, IRQ).resend);
	xr_model_destroy(m);
}

static void test_icp_arg_width_mfrr_low_byte(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_h_ipi(m, 1, 0, 0x105);
	assert_int_equal(icp_of(m, 0).mfrr, 5);
	assert_int_equal(icp_of(m, 0).xisr, XR_XISR_IPI);
	xr_model_destroy(m);
}

static void test_icp_arg_width_eoi_low_word(void **state)
{
	struct xr_model *m = one_msi(5, 0);

	xr_h_cppr(m, 0, 5);
	assert_int_equal(xr_h_eoi(m, 0, 0x1ff000002ull), XR_H_SUCCESS);
	assert_int_equal(icp_of(m, 0).cppr, 0xff);
	xr_model_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_icp_init_cppr0_mfrr_ppri_masked),
		cmocka_unit_test(test_icp_out_delivery_raises_line),
		cmocka_unit_test(test_icp_accept_returns_xirr_and_clears_xisr),
		cmocka_unit_test(test_icp_accept_empty_keeps_cppr),
		cmocka_unit_test(test_icp_accept_x_is_accept),
		cmocka_unit_test(test_icp_line_clear_at_accept),
		cmocka_unit_test(test_icp_cppr_same_changes_nothing),
		cmocka_unit_test(test_icp_cppr_up_rejects_pending),
		cmocka_unit_test(test_icp_cppr_down_presents_ipi),
		cmocka_unit_test(test_icp_cppr_down_vm_tail_quirk),
		cmocka_unit_test(test_icp_cppr_down_resends),
		cmocka_unit_test(test_icp_cppr_down_rejects_displaced),
		cmocka_unit_test(test_icp_ipi_set_presents_and_kicks_other),
		cmocka_unit_test(test_icp_ipi_set_to_self_no_kick),
		cmocka_unit_test(test_icp_ipi_set_rejects_pending),
		cmocka_unit_test(test_icp_ipi_resend_when_mfrr_grows),
		cmocka_unit_test(test_icp_ipi_param_unknown_server),
		cmocka_unit_test(test_icp_ipoll_reads_without_change),
		cmocka_unit_test(test_icp_eoi_cppr_no_reject),
		cmocka_unit_test(test_icp_eoi_ipi_has_no_ics_eoi),
		cmocka_unit_test(test_icp_eoi_ics_acks),
		cmocka_unit_test(test_icp_eoi_ics_no_block_parameter),
		cmocka_unit_test(test_icp_no_icp_hardware),
		cmocka_unit_test(test_icp_resend_walks_blocks_in_order),
		cmocka_unit_test(test_icp_arg_width_cppr_low_byte),
		cmocka_unit_test(test_icp_arg_width_mfrr_low_byte),
		cmocka_unit_test(test_icp_arg_width_eoi_low_word),
	};

	return cmocka_run_group_tests_name("icp", tests, NULL, NULL);
}
