// SPDX-License-Identifier: GPL-2.0-only
/*
 * CMocka tests of what makes a run cheap without changing its meaning:
 * a set-up copied and compared as far as it is used (xr_setup_copy,
 * xr_setup_same), and a reset that restores only the sources the model
 * touched (model/src/machine.c, touched[]).
 */
#include <string.h>

#include "helpers.h"

#define IRQ	0x1000u

static struct xr_setup src, dst;

static void three_vcpus_two_sources(struct xr_setup *s)
{
	setup_default(s, 3);
	add_source(s, IRQ, false, 0, 5);
	add_source(s, IRQ + 1, true, 1, 3);
}

/* The used part is copied; what lies beyond the counts is left alone */
static void test_setup_copy_used_part(void **state)
{
	three_vcpus_two_sources(&src);
	src.ack_notifier = true;
	memset(&dst, 0xaa, sizeof(dst));
	xr_setup_copy(&dst, &src);
	assert_true(xr_setup_same(&dst, &src));
	assert_int_equal(dst.nr_vcpus, 3);
	assert_int_equal(dst.vcpus[2].server, src.vcpus[2].server);
	assert_int_equal(dst.sources[1].irq, IRQ + 1);
	assert_true(dst.ack_notifier);
	assert_int_equal(dst.quirks, src.quirks);
	/* never written: still the caller's bytes */
	assert_int_equal(((unsigned char *)&dst.vcpus[3])[0], 0xaa);
	assert_int_equal(((unsigned char *)&dst.sources[2])[0], 0xaa);
}

/* Same means the same counts, entries and options, whatever lies beyond */
static void test_setup_same_sees_what_is_used(void **state)
{
	three_vcpus_two_sources(&src);
	xr_setup_copy(&dst, &src);
	dst.vcpus[7].server = 99;		/* beyond nr_vcpus */
	assert_true(xr_setup_same(&dst, &src));
	dst.sources[1].prio = 4;
	assert_false(xr_setup_same(&dst, &src));
	xr_setup_copy(&dst, &src);
	dst.bypass = !src.bypass;
	assert_false(xr_setup_same(&dst, &src));
	xr_setup_copy(&dst, &src);
	dst.nr_passthru = 1;
	assert_false(xr_setup_same(&dst, &src));
	xr_setup_copy(&dst, &src);
	dst.quirks = 1;
	assert_false(xr_setup_same(&dst, &src));
}

/* Counts out of range (nothing validated yet): the whole set-up */
static void test_setup_copy_bad_counts_copies_all(void **state)
{
	memset(&src, 0x11, sizeof(src));
	src.nr_vcpus = XR_MAX_VCPUS + 1;
	memset(&dst, 0, sizeof(dst));
	xr_setup_copy(&dst, &src);
	assert_memory_equal(&dst, &src, sizeof(dst));
	assert_true(xr_setup_same(&dst, &src));
}

/*
 * A source the run defined and raised, outside the set-up: after a reset
 * of the same model it is as ICS-INIT made it, and the end-of-run
 * comparison reports only the set-up's source as changed.
 */
static void test_reset_restores_touched_sources(void **state)
{
	const struct xr_impl_ops *ops = xr_model_ops(XR_CTX_VIRTUAL);
	struct xr_source_state st;
	struct xr_model *m;
	uint64_t map[XR_IRQS_PER_ICS / 64];
	char err[128];

	setup_default(&src, 2);
	add_source(&src, IRQ, false, 0, 5);
	m = model_new(&src, XR_CTX_VIRTUAL);
	/* server 1, priority 6, defined by a restore */
	assert_int_equal(xr_set_source_value(m, IRQ + 7, 1 | 6ull << 32), 0);
	xr_irq_input(m, IRQ + 7, XR_IRQ_PULSE);
	assert_true(src_of(m, IRQ + 7).exists);
	assert_true(ops->changed_sources(m, IRQ, map));
	assert_int_equal(map[0], 1ull << 0 | 1ull << 7);

	assert_int_equal(xr_model_reset(m, &src, err, sizeof(err)), 0);
	st = src_of(m, IRQ + 7);
	assert_false(st.exists);
	assert_false(st.p);
	assert_int_equal(st.prio, 0xff);
	assert_true(src_of(m, IRQ).exists);
	assert_true(ops->changed_sources(m, IRQ, map));
	assert_int_equal(map[0], 1ull << 0);
	for (uint32_t w = 1; w < XR_IRQS_PER_ICS / 64; w++)
		assert_int_equal(map[w], 0);
	xr_model_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_copy_used_part),
		cmocka_unit_test(test_setup_same_sees_what_is_used),
		cmocka_unit_test(test_setup_copy_bad_counts_copies_all),
		cmocka_unit_test(test_reset_restores_touched_sources),
	};

	return cmocka_run_group_tests_name("setup-reset", tests, NULL, NULL);
}
