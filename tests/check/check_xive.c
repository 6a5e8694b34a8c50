// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "xive": kernel-xive (conformance/kernel-xive.mk) on every
 * object named in $XICSREF_XIVE_IMPLS.
 *
 * - the shim's XIVE hardware model passes its own self-test (ESB PQ
 *   transitions, event queue generation bit, push/pull, ack, unknown
 *   accesses reported), through its exported entry;
 * - an IPI round runs through book3s_xive.c on that model and gives the
 *   values worked out by hand from book3s_xive.c (see each step): not
 *   the model's values, so that this holds whatever the deviations of
 *   XICS-on-XIVE turn out to be.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/impl.h>

#include "check_main.h"

#define XIVE_MAX_SOS	8
#define XIVE_SELFTEST	"xicsref_shim_xive_selftest"

typedef int (*xive_selftest_fn)(char *err, unsigned long len);

static char *sos[XIVE_MAX_SOS];
static int nr_sos;

static void *open_so(const char *so)
{
	void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);

	ck_assert_msg(h, "%s: %s", so, dlerror());
	return h;
}

START_TEST(test_hw_selftest)
{
	void *h = open_so(sos[_i]);
	xive_selftest_fn fn;
	char msg[300] = "";

	*(void **)&fn = dlsym(h, XIVE_SELFTEST);
	ck_assert_msg(fn, "%s: no %s", sos[_i], XIVE_SELFTEST);
	ck_assert_msg(fn(msg, sizeof(msg)) == 0, "%s: %s", sos[_i], msg);
	fprintf(stderr, "xive: %s: hardware model: %s\n", sos[_i], msg);
}
END_TEST

/* What a step must give: rc, XIRR (when want_xirr), then VCPU 1's ICP */
struct xive_want {
	int64_t rc;
	int want_xirr;
	uint64_t xirr;
	uint8_t cppr, mfrr;
	int line;
};

static const char ipi_round[] =
	"vcpu 0\n"
	"vcpu 1\n"
	"vcpu 1 H_CPPR 0xff\n"
	"vcpu 0 H_IPI 1 5\n"
	"vcpu 1 H_XIRR\n"
	"vcpu 1 H_EOI 0xff000002\n";

static const struct xive_want ipi_want[] = {
	/*
	 * xive_vm_h_cppr: a connected VCPU starts at CPPR 0 (XICS's reset
	 * value); opening it to 0xff has nothing queued to look at.
	 */
	{ 0, 0, 0, 0xff, 0xff, 0 },
	/*
	 * xive_vm_h_ipi: MFRR := 5 and, 5 being below the target's CPPR,
	 * a store to the trigger page of VCPU 1's IPI.  That IPI is routed
	 * to its VP at priority 0 (kvmppc_xive_connect_vcpu); the VP is
	 * pushed on CPU 1, so the thread's PIPR becomes 0 < CPPR 0xff and
	 * the exception line is raised.
	 */
	{ 0, 0, 0, 0xff, 5, 1 },
	/*
	 * xive_vm_h_xirr: the ack takes priority 0; the queue entry is the
	 * IPI's signal only (EOId, skipped), and the IPI is synthesized
	 * from MFRR 5 < CPPR 0xff: XIRR = old CPPR 0xff << 24 | XICS_IPI,
	 * CPPR := 5, nothing left above it.
	 */
	{ 0, 1, 0xff000002, 5, 5, 0 },
	/*
	 * xive_vm_h_eoi of XICS_IPI: CPPR := 0xff, no source EOI; the scan
	 * finds MFRR 5 below the new CPPR and sets the IPI pending in the
	 * hardware again (xive_vm_push_pending_to_hw): the line is up.
	 */
	{ 0, 0, 0, 0xff, 5, 1 },
};

START_TEST(test_ipi_round)
{
	void *h = open_so(sos[_i]);
	xr_impl_entry_fn entry;
	const struct xr_impl_ops *const *tab, *ops;
	struct xr_scenario scn;
	struct xr_parse_error perr;
	struct xr_result *res = calloc(1, sizeof(*res));
	char err[300] = "";
	uint32_t nr = 0, i;
	void *inst;

	ck_assert(res);
	*(void **)&entry = dlsym(h, XR_IMPL_ENTRY_SYMBOL);
	ck_assert_msg(entry, "%s: no %s", sos[_i], XR_IMPL_ENTRY_SYMBOL);
	tab = entry(&nr);
	ck_assert_msg(nr == 1 && !strcmp(tab[0]->name, "kernel-xive"),
		      "%s: not the one implementation kernel-xive", sos[_i]);
	ops = tab[0];
	ck_assert_msg(xr_test_parse(ipi_round, &scn, &perr) == 0, "%u: %s",
		      perr.line, perr.msg);
	ck_assert_uint_eq(scn.nr_steps, sizeof(ipi_want) / sizeof(ipi_want[0]));
	inst = ops->create(&scn.setup, err, sizeof(err));
	ck_assert_msg(inst, "%s: create: %s", sos[_i], err);
	for (i = 0; i < scn.nr_steps; i++) {
		const struct xive_want *w = &ipi_want[i];
		struct xr_icp_state icp;

		xr_result_clear(res);
		ck_assert_msg(ops->step(inst, &scn.steps[i].step, res, err,
					sizeof(err)) == XR_OK,
			      "step %u (%s): %s", i + 1, scn.steps[i].text, err);
		ck_assert_msg(res->rc == w->rc, "step %u (%s): rc %lld",
			      i + 1, scn.steps[i].text, (long long)res->rc);
		if (w->want_xirr)
			ck_assert_msg(res->xirr == w->xirr,
				      "step %u (%s): xirr %#llx", i + 1,
				      scn.steps[i].text,
				      (unsigned long long)res->xirr);
		memset(&icp, 0, sizeof(icp));
		ck_assert(ops->get_icp(inst, 1, &icp));
		ck_assert_msg(icp.cppr == w->cppr && icp.mfrr == w->mfrr &&
			      icp.line == w->line,
			      "step %u (%s): VCPU 1 cppr %#x mfrr %#x line %d",
			      i + 1, scn.steps[i].text, icp.cppr, icp.mfrr,
			      icp.line);
	}
	ops->destroy(inst);
	xr_scenario_free(&scn);
	free(res);
}
END_TEST

Suite *xr_suite_xive(void)
{
	Suite *s = suite_create("xive");
	TCase *tc = tcase_create("kernel-xive");

	nr_sos = xr_test_sos("XICSREF_XIVE_IMPLS", sos, XIVE_MAX_SOS);
	if (!nr_sos)
		fprintf(stderr,
			"xive: *** XICSREF_XIVE_IMPLS not set: kernel-xive is NOT tested ***\n");
	tcase_add_loop_test(tc, test_hw_selftest, 0, nr_sos);
	tcase_add_loop_test(tc, test_ipi_round, 0, nr_sos);
	suite_add_tcase(s, tc);
	return s;
}
