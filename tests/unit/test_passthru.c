// SPDX-License-Identifier: GPL-2.0-only
/*
 * CMocka tests of the flat map (MAP-*), the read path (ROUTE-READ-*) and
 * real-mode passthrough delivery (PT-*): spec/map.md, spec/readpath.md,
 * spec/passthru.md.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"

#define IRQ	0x1000u
#define HW	0x3000u

/* power8, VCPU 0 on cpu 0 (CPPR 0xff), IRQ 0x1000 to server @server */
static struct xr_model *pt_model(uint32_t nr_vcpus, uint32_t server,
				 enum xr_context ctx, bool bypass)
{
	struct xr_setup s;
	struct xr_model *m;
	uint32_t i;

	setup_default(&s, nr_vcpus);
	s.bypass = bypass;
	add_source(&s, IRQ, false, server, 5);
	add_source(&s, IRQ + 1, false, server, 5);
	m = model_new(&s, ctx);
	for (i = 0; i < nr_vcpus; i++)
		xr_h_cppr(m, i, 0xff);
	return m;
}

/* MAP-ADD, PT-MAPPED */
static void test_map_add_marks_source(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);
	struct xr_source_state s;

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	s = src_of(m, IRQ);
	assert_true(s.pt_mapped);
	assert_int_equal(s.intr_cpu, -1);
	assert_false(src_of(m, IRQ + 1).pt_mapped);
	xr_model_destroy(m);
}

/* MAP-BUSY */
static void test_map_busy(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_passthru_add(m, HW + 1, IRQ), -EINVAL);
	/* the first mapping is still the one the read path finds */
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HANDLED);
	assert_int_equal(xr_hwirq(m, HW + 1, 0), XR_PATH_HOST);
	xr_model_destroy(m);
}

/* MAP-FULL, MAP-REUSE, MAP-INVALIDATE */
static void test_map_full_and_reuse(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);
	uint32_t i;

	for (i = 0; i < XR_PIRQ_MAPPED; i++)
		assert_int_equal(xr_passthru_add(m, 0x10000 + i, 0x2000 + i),
				 0);
	assert_int_equal(xr_passthru_add(m, HW, IRQ), -EAGAIN);
	assert_int_equal(xr_passthru_del(m, 0x2005), 0);
	/* the free entry belongs to guest IRQ 0x2005 only */
	assert_int_equal(xr_passthru_add(m, HW, IRQ), -EAGAIN);
	assert_int_equal(xr_passthru_add(m, HW, 0x2005), 0);
	xr_model_destroy(m);
}

/* MAP-DEL-UNKNOWN, MAP-INVALIDATE */
static void test_map_del(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);

	assert_int_equal(xr_passthru_del(m, IRQ), -EIO);
	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_passthru_del(m, IRQ + 1), -ENODEV);
	assert_int_equal(xr_passthru_del(m, IRQ), 0);
	assert_false(src_of(m, IRQ).pt_mapped);
	assert_int_equal(xr_passthru_del(m, IRQ), 0);
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HOST);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* MAP-BYPASS-OFF, ROUTE-READ-BYPASS-OFF, ROUTE-READ-HOST-DELIVER */
static void test_map_bypass_off(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, false);

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 1);
	assert_false(src_of(m, IRQ).pt_mapped);
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HOST);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	assert_int_equal(xr_passthru_del(m, IRQ), 0);
	xr_model_destroy(m);
}

/*
 * MAP-LOOKUP: the first entry with that hardware number wins.  MAP-ORDER
 * (writer/reader ordering) cannot be shown sequentially; its consequence,
 * a found entry is complete (guest IRQ and device), is what is checked.
 */
static void test_map_lookup_first(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_passthru_add(m, HW, IRQ + 1), 0);
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HANDLED);
	assert_true(src_of(m, IRQ).p);
	assert_false(src_of(m, IRQ + 1).p);
	xr_model_destroy(m);
}

/* ROUTE-READ-NONE, ROUTE-READ-IPI, ROUTE-READ-NO-VCPU, ROUTE-READ-UNMAPPED */
static void test_read_simple_results(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_hwirq(m, 0, 0), XR_PATH_NONE);
	expect_events(m, 0);
	assert_int_equal(xr_hwirq(m, 2, 0), XR_PATH_GUEST_IPI);
	expect_events(m, 0);
	assert_int_equal(xr_hwirq(m, 0x4444, 0), XR_PATH_HOST);
	expect_events(m, 0);
	/* no VCPU on cpu 3: the host delivers and records the CPU */
	assert_int_equal(xr_hwirq(m, HW, 3), XR_PATH_HOST);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	assert_int_equal(src_of(m, IRQ).intr_cpu, 3);
	xr_model_destroy(m);
}

/* PT-DELIVER, PT-HW-EOI, PT-RESULT, ROUTE-PT-NOTIFY (self: MER) */
static void test_pt_deliver_self(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);
	struct xr_source_state s;

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HANDLED);
	expect_events(m, 3, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_MER, 0, 1),
		      EV(XR_EV_HW_EOI, HW, 0));
	/* a second one sets Q and presents nothing, but is EOId */
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HANDLED);
	expect_events(m, 1, EV(XR_EV_HW_EOI, HW, 0));
	s = src_of(m, IRQ);
	assert_true(s.p);
	assert_true(s.q);
	xr_model_destroy(m);
}

/* ROUTE-PT-NOTIFY, ROUTE-READ-COMPLETE: a deferred kick gives 2 */
static void test_pt_deferred_kick_completes(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	s.ipi_redirect = false;
	add_source(&s, IRQ, false, 1, 5);
	m = model_new(&s, XR_CTX_REAL);
	xr_h_cppr(m, 1, 0xff);
	xr_vcpu_run(m, 1, -1);
	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HOST_COMPLETE);
	expect_events(m, 3, EV(XR_EV_RAISE, 1, 0), EV(XR_EV_HW_EOI, HW, 0),
		      EV(XR_EV_KICK, 1, 0));
	xr_model_destroy(m);
}

/* PT-NO-ICS: no ICS block for the guest IRQ: 2, no EOI */
static void test_pt_no_ics(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);

	assert_int_equal(xr_passthru_add(m, HW, 0x5000), 0);
	assert_int_equal(xr_hwirq(m, HW, 0), XR_PATH_HOST_COMPLETE);
	expect_events(m, 0);
	xr_model_destroy(m);
}

/* Run one hwirq step through the implementation interface */
static enum xr_path hwirq_step(struct xr_model *m, uint32_t hw, uint32_t cpu,
			       bool host_ipi, uint32_t then_hw)
{
	const struct xr_impl_ops *ops = xr_model_ops(XR_CTX_REAL);
	struct xr_step st = { .kind = XR_STEP_HWIRQ,
			      .arg = { hw, cpu,
				       (host_ipi ? 1u : 0u) |
				       (uint64_t)then_hw << 32 } };
	struct xr_result res;
	char err[128];

	xr_result_clear(&res);
	assert_int_equal(ops->step(m, &st, &res, err, sizeof(err)), XR_OK);
	return res.path;
}

/*
 * ROUTE-READ-HOST-IPI: a pending host IPI sends even a mapped device
 * interrupt to the host, and a physical IPI too (nothing consumed).
 * PT-INTR-CPU: the host path records where the interrupt arrived.
 */
static void test_read_host_ipi_first(void **state)
{
	struct xr_model *m = pt_model(1, 0, XR_CTX_REAL, true);

	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(hwirq_step(m, HW, 0, true, 0), XR_PATH_HOST);
	assert_int_equal(src_of(m, IRQ).intr_cpu, 0);
	assert_true(src_of(m, IRQ).p);
	assert_int_equal(hwirq_step(m, 2, 0, true, 0), XR_PATH_HOST);
	xr_model_destroy(m);
}

/*
 * ROUTE-READ-AGAIN, ROUTE-READ-MAPPED: on POWER9 (OPAL) an EOI that says
 * more is queued makes the read path read again; the results combine by
 * the largest (host 1 beats handled -2).
 */
static void test_read_again_combines(void **state)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 1);
	s.machine = XR_POWER9;
	s.threads = 4;
	add_source(&s, IRQ, false, 0, 5);
	m = model_new(&s, XR_CTX_REAL);
	xr_h_cppr(m, 0, 0xff);
	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(hwirq_step(m, HW, 0, false, 0x4444), XR_PATH_HOST);
	assert_true(src_of(m, IRQ).p);
	xr_model_destroy(m);
}

/* PT-RETARGET (real mode) and PT-RETARGET-VM (virtual mode) */
static void retarget(enum xr_context ctx)
{
	struct xr_setup s;
	struct xr_model *m;
	uint64_t xirr;

	setup_default(&s, 1);
	s.vcpus[0].cpu = 9;
	add_source(&s, IRQ, false, 0, 5);
	m = model_new(&s, ctx);
	xr_h_cppr(m, 0, 0xff);
	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_hwirq(m, HW, 2), XR_PATH_HOST);
	assert_int_equal(src_of(m, IRQ).intr_cpu, 2);
	xr_h_xirr(m, 0, &xirr);
	assert_int_equal(xr_h_eoi(m, 0, xirr), XR_H_SUCCESS);
	if (ctx == XR_CTX_REAL) {
		/* to thread 0 of the EOI's core (cpu 9 -> 8) */
		expect_events(m, 1, EV(XR_EV_RETARGET, HW, 8));
		assert_int_equal(src_of(m, IRQ).intr_cpu, -1);
	} else {
		expect_events(m, 0);
		assert_int_equal(src_of(m, IRQ).intr_cpu, 2);
	}
	xr_model_destroy(m);
}

static void test_pt_retarget_rm(void **state)
{
	retarget(XR_CTX_REAL);
}

static void test_pt_retarget_vm(void **state)
{
	retarget(XR_CTX_VIRTUAL);
}

/* PT-RETARGET: thread 0 of the EOI core is the reference, not the core */
static void test_pt_retarget_same_core_thread(void **state)
{
	struct xr_setup s;
	struct xr_model *m;
	uint64_t xirr;

	setup_default(&s, 1);
	s.vcpus[0].cpu = 8;
	add_source(&s, IRQ, false, 0, 5);
	m = model_new(&s, XR_CTX_REAL);
	xr_h_cppr(m, 0, 0xff);
	assert_int_equal(xr_passthru_add(m, HW, IRQ), 0);
	assert_int_equal(xr_hwirq(m, HW, 9), XR_PATH_HOST);
	xr_h_xirr(m, 0, &xirr);
	xr_h_eoi(m, 0, xirr);
	expect_events(m, 1, EV(XR_EV_RETARGET, HW, 8));
	xr_model_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_add_marks_source),
		cmocka_unit_test(test_map_busy),
		cmocka_unit_test(test_map_full_and_reuse),
		cmocka_unit_test(test_map_del),
		cmocka_unit_test(test_map_bypass_off),
		cmocka_unit_test(test_map_lookup_first),
		cmocka_unit_test(test_read_simple_results),
		cmocka_unit_test(test_pt_deliver_self),
		cmocka_unit_test(test_pt_deferred_kick_completes),
		cmocka_unit_test(test_pt_no_ics),
		cmocka_unit_test(test_pt_retarget_rm),
		cmocka_unit_test(test_pt_retarget_vm),
		cmocka_unit_test(test_pt_retarget_same_core_thread),
		cmocka_unit_test(test_read_host_ipi_first),
		cmocka_unit_test(test_read_again_combines),
	};

	return cmocka_run_group_tests_name("passthru", tests, NULL, NULL);
}
