// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "kalloc": the shim's kzalloc/kfree (conformance/shim/
 * kalloc.c) keep freed blocks for reuse, and must not hide memory errors
 * of the kernel code while doing so: a reused block comes back cleared,
 * a kept block and every block's header are poisoned (in an ASan build),
 * so are the bytes after a VM heap's block, and a double kfree or a
 * kfree of a foreign pointer traps.  Run on every kernel object named in
 * $XICSREF_IMPLS, through its self-test entry; with the end-of-run block
 * compare's self-test beside it.
 */
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"

#define KALLOC_MAX_SOS	8
#define KALLOC_ENTRY	"xicsref_shim_kalloc_selftest"

typedef int (*selftest_fn)(int what, char *msg, unsigned long len);

static char *sos[KALLOC_MAX_SOS];
static int nr_sos;

static selftest_fn entry(const char *so)
{
	void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	selftest_fn fn;

	ck_assert_msg(h, "%s: %s", so, dlerror());
	fn = (selftest_fn)dlsym(h, KALLOC_ENTRY);
	ck_assert_msg(fn, "%s: no %s", so, KALLOC_ENTRY);
	return fn;
}

/* Self-test @what of kernel object @so passes; its message is printed */
static void selftest_passes(const char *so, int what, const char *label)
{
	char msg[200] = "";

	ck_assert_msg(entry(so)(what, msg, sizeof(msg)) == 0, "%s: %s%s", so,
		      label, msg);
	fprintf(stderr, "kalloc: %s: %s%s\n", so, label, msg);
}

START_TEST(test_reuse_and_poison)
{
	selftest_passes(sos[_i], 0, "");
}
END_TEST

/*
 * A VM heap's blocks (the kernel adapter's instances, reset from a copy)
 * have poisoned bytes after them: an overflow does not read the next
 * block's data unseen, before or after a reset
 */
START_TEST(test_vmheap_redzones)
{
	selftest_passes(sos[_i], 3, "VM heap: ");
}
END_TEST

/* Each of these must die by the trap (SIGILL on x86), not return */
START_TEST(test_double_free_traps)
{
	char msg[200];

	entry(sos[_i])(1, msg, sizeof(msg));
}
END_TEST

START_TEST(test_foreign_free_traps)
{
	char msg[200];

	entry(sos[_i])(2, msg, sizeof(msg));
}
END_TEST

/*
 * The end-of-run block compare (kside_steps.c): on the path this CPU
 * takes and on the 16-byte one, one byte changed anywhere is found
 */
START_TEST(test_chunk_compare)
{
	void *h = dlopen(sos[_i], RTLD_NOW | RTLD_LOCAL);
	int (*fn)(char *, unsigned long);
	char msg[200] = "";

	ck_assert_msg(h, "%s: %s", sos[_i], dlerror());
	*(void **)&fn = dlsym(h, "xicsref_chunk_selftest");
	ck_assert_msg(fn, "%s: no xicsref_chunk_selftest", sos[_i]);
	ck_assert_msg(fn(msg, sizeof(msg)) == 0, "%s: %s", sos[_i], msg);
	fprintf(stderr, "compare: %s: %s\n", sos[_i], msg);
}
END_TEST

Suite *xr_suite_kalloc(void)
{
	Suite *s = suite_create("kalloc");
	TCase *tc = tcase_create("pool");

	nr_sos = xr_test_sos("XICSREF_IMPLS", sos, KALLOC_MAX_SOS);
	if (!nr_sos)
		fprintf(stderr,
			"kalloc: *** XICSREF_IMPLS not set: no kernel object, the shim allocator is NOT tested ***\n");
	tcase_add_loop_test(tc, test_reuse_and_poison, 0, nr_sos);
	tcase_add_loop_test(tc, test_vmheap_redzones, 0, nr_sos);
	tcase_add_loop_test_raise_signal(tc, test_double_free_traps, SIGILL,
					 0, nr_sos);
	tcase_add_loop_test_raise_signal(tc, test_foreign_free_traps, SIGILL,
					 0, nr_sos);
	tcase_add_loop_test(tc, test_chunk_compare, 0, nr_sos);
	suite_add_tcase(s, tc);
	return s;
}
