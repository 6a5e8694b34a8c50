// SPDX-License-Identifier: GPL-2.0-only
/* CMocka tests of the RTAS and state rules (spec/rtas.md, state.md) */
#include <errno.h>

#include "helpers.h"

#define IRQ	0x1000u

static struct xr_model *base(uint8_t prio)
{
	struct xr_setup s;
	struct xr_model *m;

	setup_default(&s, 2);
	s.vcpus[1].has_icp = false;
	add_source(&s, IRQ, false, 0, prio);
	m = model_new(&s, XR_CTX_VIRTUAL);
	xr_h_cppr(m, 0, 0xff);
	return m;
}

/* RTAS-SET-XIVE: unmasking delivers what arrived while masked */
static void test_rtas_set_xive_unmask_delivers_pending(void **state)
{
	struct xr_model *m = base(0xff);

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_rtas_set_xive(m, IRQ, 0, 5), 0);
	assert_int_equal(src_of(m, IRQ).prio, 5);
	assert_int_equal(src_of(m, IRQ).saved, 5);
	assert_false(src_of(m, IRQ).masked_pending);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	xr_model_destroy(m);
}

/* RTAS-SET-XIVE-ERR */
static void test_rtas_set_xive_err_no_block_or_icp(void **state)
{
	struct xr_model *m = base(5);

	assert_int_equal(xr_rtas_set_xive(m, 0x5000, 0, 5), -3);
	assert_int_equal(xr_rtas_set_xive(m, IRQ, 1, 5), -3);
	assert_int_equal(xr_rtas_set_xive(m, IRQ, 7, 5), -3);
	assert_int_equal(src_of(m, IRQ).prio, 5);
	xr_model_destroy(m);
}

/* RTAS-GET-XIVE */
static void test_rtas_get_xive_returns_current(void **state)
{
	struct xr_model *m = base(5);
	uint32_t server, prio;

	assert_int_equal(xr_rtas_get_xive(m, IRQ, &server, &prio), 0);
	assert_int_equal(server, 0);
	assert_int_equal(prio, 5);
	xr_rtas_int_off(m, IRQ);
	xr_rtas_get_xive(m, IRQ, &server, &prio);
	assert_int_equal(prio, 0xff);
	assert_int_equal(xr_rtas_get_xive(m, 0x5000, &server, &prio), -3);
	xr_model_destroy(m);
}

/* RTAS-INT-OFF, RTAS-INT-ON */
static void test_rtas_int_off_saves_int_on_restores(void **state)
{
	struct xr_model *m = base(5);

	assert_int_equal(xr_rtas_int_off(m, IRQ), 0);
	assert_int_equal(src_of(m, IRQ).prio, 0xff);
	assert_int_equal(src_of(m, IRQ).saved, 5);
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_true(src_of(m, IRQ).masked_pending);
	assert_int_equal(xr_rtas_int_on(m, IRQ), 0);
	assert_int_equal(src_of(m, IRQ).prio, 5);
	assert_int_equal(icp_of(m, 0).xisr, IRQ);
	xr_model_destroy(m);
}

/* RTAS-INT-ON: the server must have an ICP */
static void test_rtas_int_on_server_without_icp(void **state)
{
	struct xr_model *m = base(5);

	assert_int_equal(xr_set_source_value(m, 0x1005, 9ull | 0xffull << 32),
			 0);
	assert_int_equal(xr_rtas_int_on(m, 0x1005), -3);
	xr_model_destroy(m);
}

/* RTAS-ARGS: the adapter passes 32-bit cells */
static void test_rtas_args_are_32_bit_cells(void **state)
{
	const struct xr_impl_ops *ops = xr_model_ops(XR_CTX_VIRTUAL);
	struct xr_setup s;
	struct xr_step st = { .kind = XR_STEP_RTAS_SET_XIVE };
	struct xr_result res = { 0 };
	char err[128];
	void *inst;

	setup_default(&s, 1);
	add_source(&s, IRQ, false, 0, 0xff);
	inst = ops->create(&s, err, sizeof(err));
	assert_non_null(inst);
	st.arg[0] = 0x100000000ull | IRQ;
	st.arg[1] = 0x100000000ull;
	st.arg[2] = 0x100000007ull;
	assert_int_equal(ops->step(inst, &st, &res, err, sizeof(err)), XR_OK);
	assert_int_equal(res.rc, 0);
	assert_int_equal(src_of(inst, IRQ).prio, 7);
	ops->destroy(inst);
}

/* STATE-ICP-GET */
static void test_state_icp_get_layout(void **state)
{
	struct xr_model *m = base(5);
	uint64_t v;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_get_icp_value(m, 0, &v), 0);
	assert_int_equal(v, 0xff001000ff050000ull);
	xr_model_destroy(m);
}

/* STATE-ICP-VALID */
static void test_state_icp_valid_rejects_inconsistent(void **state)
{
	struct xr_model *m = base(5);

	/* XISR 0 with PPRI != 0xff */
	assert_int_equal(xr_set_icp_value(m, 0, 0xff000000ff050000ull),
			 -EINVAL);
	/* IPI with PPRI != MFRR */
	assert_int_equal(xr_set_icp_value(m, 0, 0xff00000206050000ull),
			 -EINVAL);
	/* source not less favoured than CPPR */
	assert_int_equal(xr_set_icp_value(m, 0, 0x05001000ff050000ull),
			 -EINVAL);
	/* source in no ICS block */
	assert_int_equal(xr_set_icp_value(m, 0, 0xff005000ff050000ull),
			 -EINVAL);
	assert_int_equal(icp_of(m, 0).cppr, 0xff);
	xr_model_destroy(m);
}

/* STATE-ICP-SET: the line is re-derived; the host kicks */
static void test_state_icp_set_rederives_line(void **state)
{
	struct xr_model *m = base(5);

	assert_int_equal(xr_set_icp_value(m, 0, 0xff001000ff050000ull), 0);
	assert_true(icp_of(m, 0).line);
	assert_true(icp_of(m, 0).out_ee);
	expect_events(m, 2, EV(XR_EV_RAISE, 0, 0), EV(XR_EV_KICK, 0, 0));
	assert_int_equal(xr_set_icp_value(m, 0, 0xff000000ffff0000ull), 0);
	assert_false(icp_of(m, 0).line);
	expect_events(m, 1, EV(XR_EV_LOWER, 0, 0));
	xr_model_destroy(m);
}

/* STATE-ICP-NOICP */
static void test_state_icp_noicp(void **state)
{
	struct xr_model *m = base(5);
	uint64_t v = 1;

	assert_int_equal(xr_get_icp_value(m, 1, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(xr_set_icp_value(m, 1, 0), -ENOENT);
	xr_model_destroy(m);
}

/* STATE-SRC-GET */
static void test_state_src_get_layout(void **state)
{
	struct xr_model *m = base(5);
	uint64_t v;

	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	xr_irq_input(m, IRQ, XR_IRQ_PULSE);
	assert_int_equal(xr_get_source_value(m, IRQ, &v), 0);
	/* server 0, prio 5, PRESENTED, QUEUED */
	assert_int_equal(v, 5ull << 32 | 1ull << 43 | 1ull << 44);
	xr_rtas_int_off(m, IRQ);
	xr_get_source_value(m, IRQ, &v);
	assert_true(v & 1ull << 41);	/* MASKED, saved priority shown */
	assert_int_equal((v >> 32) & 0xff, 5);
	assert_int_equal(xr_get_source_value(m, 0x1001, &v), -ENOENT);
	assert_int_equal(xr_get_source_value(m, 0x5000, &v), -ENOENT);
	xr_model_destroy(m);
}

/* STATE-SRC-SET */
static void test_state_src_set_creates_block_and_delivers(void **state)
{
	struct xr_model *m = base(5);
	struct xr_source_state out;

	assert_int_equal(xr_set_source_value(m, 8, 0), -ENOENT);
	/* the block is created before the server check fails */
	assert_int_equal(xr_set_source_value(m, 0x2000, 7ull | 5ull << 32),
			 -EINVAL);
	assert_true(xr_model_source(m, 0x2000, &out));
	assert_false(out.exists);
	/* PENDING delivers */
	assert_int_equal(xr_set_source_value(m, 0x2001, 3ull << 32 |
					     1ull << 40 | 1ull << 42), 0);
	assert_true(src_of(m, 0x2001).lsi);
	assert_true(src_of(m, 0x2001).asserted);
	assert_int_equal(icp_of(m, 0).xisr, 0x2001);
	xr_model_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rtas_set_xive_unmask_delivers_pending),
		cmocka_unit_test(test_rtas_set_xive_err_no_block_or_icp),
		cmocka_unit_test(test_rtas_get_xive_returns_current),
		cmocka_unit_test(test_rtas_int_off_saves_int_on_restores),
		cmocka_unit_test(test_rtas_int_on_server_without_icp),
		cmocka_unit_test(test_rtas_args_are_32_bit_cells),
		cmocka_unit_test(test_state_icp_get_layout),
		cmocka_unit_test(test_state_icp_valid_rejects_inconsistent),
		cmocka_unit_test(test_state_icp_set_rederives_line),
		cmocka_unit_test(test_state_icp_noicp),
		cmocka_unit_test(test_state_src_get_layout),
		cmocka_unit_test(test_state_src_set_creates_block_and_delivers),
	};

	return cmocka_run_group_tests_name("rtas-state", tests, NULL, NULL);
}
