// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target concurrent_ops: a set-up, steps, then a parallel block of
 * 2 or 3 operations and the decisions of one execution of it
 * (docs/fuzzing.md, "concurrent_ops").  The execution runs on kernel-vm
 * and kernel-rm of every explore build loaded, each checked by the
 * oracles of `xicsref explore` against the model in every order.  The
 * first finding (an oracle, a deadlock, a livelock, a hang) is shrunk,
 * printed as a parallel scenario with the schedule string that replays
 * it, and aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "conc.h"
#include "harness.h"

static struct xf_impls impls;
/* the unmodified kernel (XICSREF_CONC_BASELINE): what it shows is not new */
static struct xf_impls base;

/*
 * libFuzzer's extra counters (any section of this name counts as
 * coverage): what the executions did, as conc_run.c's features() says.
 */
#define XC_COUNTERS	4096
static uint8_t xc_counters[XC_COUNTERS]
	__attribute__((section("__libfuzzer_extra_counters"), used));

static void count_features(const struct xc_outcome *o)
{
	uint32_t i;

	for (i = 0; i < o->nr_feat; i++) {
		uint8_t *k = &xc_counters[o->feat[i] % XC_COUNTERS];

		if (*k < 255)
			(*k)++;
	}
}

/* -- skips and errors: counted per implementation, never silent -- */

static uint64_t nr_inputs, nr_no_block;
static uint64_t nr_skips[XF_MAX_IMPLS], nr_errors[XF_MAX_IMPLS];

static void print_totals(void)
{
	uint32_t i;

	fprintf(stderr, "concurrent_ops: %llu inputs, %llu without a block (no two operations fit)\n",
		(unsigned long long)nr_inputs,
		(unsigned long long)nr_no_block);
	for (i = 0; i < impls.nr; i++)
		fprintf(stderr, "concurrent_ops: %s %s: %llu skipped, %llu not run (errors)\n",
			impls.ops[i]->name, impls.ops[i]->version,
			(unsigned long long)nr_skips[i],
			(unsigned long long)nr_errors[i]);
}

static void count_other(uint32_t i, const struct xc_outcome *o)
{
	uint64_t *n = o->verdict == XR_X_SKIP ? nr_skips : nr_errors;

	if (!n[i]++)
		fprintf(stderr, "concurrent_ops: %s %s: first %s: %s (counted from now on, totals at exit)\n",
			impls.ops[i]->name, impls.ops[i]->version,
			o->verdict == XR_X_SKIP ? "skip" : "execution not run",
			o->text);
}

/* Keep the implementations that can run a block: the explore builds */
static void keep_parallel(void)
{
	uint32_t i, n = 0;

	for (i = 0; i < impls.nr; i++) {
		if (!XR_IMPL_OPT(impls.ops[i], run_parallel)) {
			fprintf(stderr, "concurrent_ops: %s %s (%s) cannot run a parallel block: not an explore build, left out\n",
				impls.ops[i]->name, impls.ops[i]->version,
				impls.from[i]);
			continue;
		}
		impls.ops[n] = impls.ops[i];
		impls.from[n++] = impls.from[i];
	}
	impls.nr = n;
}

/*
 * XICSREF_CONC_BASELINE: the explore builds of the kernel a tree under
 * test is a change of (make fuzz KSRC=DIR sets it).  A finding that the
 * baseline's implementation of the same name shows too is passed over.
 */
static void load_baseline(void)
{
	const char *list = getenv("XICSREF_CONC_BASELINE");
	char *saved = getenv("XICSREF_KERNEL_SOS");

	if (!list || !*list) {
		fprintf(stderr, "concurrent_ops: no baseline (XICSREF_CONC_BASELINE): every finding stops the run\n");
		return;
	}
	saved = saved ? strdup(saved) : NULL;
	fprintf(stderr, "concurrent_ops: the baseline, whose findings are not new:\n");
	setenv("XICSREF_KERNEL_SOS", list, 1);
	xf_load_kernels(&base);
	if (saved)
		setenv("XICSREF_KERNEL_SOS", saved, 1);
	else
		unsetenv("XICSREF_KERNEL_SOS");
	free(saved);
}

static bool same_impl(const struct xr_impl_ops *a, const struct xr_impl_ops *b)
{
	return !strcmp(a->name, b->name) && a->context == b->context &&
	       XR_IMPL_OPT(a, run_parallel) && a != b;
}

/*
 * The baseline's implementation of impls.ops[@i]'s name: of the version
 * it is a change of (6.1.192 for 6.1.192-HASH) if loaded, else the first
 */
static const struct xr_impl_ops *base_of(uint32_t i)
{
	const char *v = impls.ops[i]->version ? impls.ops[i]->version : "";
	const struct xr_impl_ops *any = NULL;
	uint32_t k;
	size_t n;

	for (k = 0; k < base.nr; k++) {
		if (!same_impl(base.ops[k], impls.ops[i]))
			continue;
		n = base.ops[k]->version ? strlen(base.ops[k]->version) : 0;
		if (n && !strncmp(v, base.ops[k]->version, n) &&
		    (v[n] == '-' || !v[n]))
			return base.ops[k];
		if (!any)
			any = base.ops[k];
	}
	return any;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xf_load_kernels_or_exit(&impls, "concurrent_ops", NULL, NULL);
	keep_parallel();
	load_baseline();
	if (!impls.nr) {
		fprintf(stderr, "concurrent_ops: NO explore build loaded: set XICSREF_KERNEL_SOS to build/explore/kernel/V/xicsref-kernel.so (make explore-kernels); refusing to fuzz nothing\n");
		exit(2);
	}
	atexit(print_totals);
	atexit(xc_known_totals);
	return 0;
}

/*
 * The model of @scn for impls.ops[@i]: the same for every version of one
 * implementation (it depends on the name, for the deviations, and the
 * context), so it is made once per name.
 */
static struct xr_x_model *model_for(uint32_t i, struct xr_x_model **m,
				    const struct xr_scenario *scn,
				    char *why, size_t len)
{
	uint32_t j;

	for (j = 0; j < i; j++)
		if (m[j] && !strcmp(impls.ops[j]->name, impls.ops[i]->name) &&
		    impls.ops[j]->context == impls.ops[i]->context)
			return m[j];
	m[i] = xr_x_model_new(&xr_model_env, scn, impls.ops[i], why, len);
	return m[i];
}

static void decoder_bug(const struct xc_case *c, const char *why)
{
	fprintf(stderr, "concurrent_ops: decoder bug, invalid scenario: %s\n",
		why);
	xc_emit(stderr, c, "the decoder produced this");
	abort();
}

static void run_all(struct xc_case *c, const struct xr_scenario *scn,
		    struct xr_x_model **owned)
{
	static struct xc_outcome o;
	const struct xr_x_model *m;
	char why[256];
	uint32_t i;

	for (i = 0; i < impls.nr; i++) {
		m = model_for(i, owned, scn, why, sizeof(why));
		if (!m) {
			o.verdict = XR_X_SKIP;
			snprintf(o.text, sizeof(o.text), "model: %s", why);
			count_other(i, &o);
			continue;
		}
		xc_exec(c, scn, m, impls.ops[i], &o);
		count_features(&o);
		if (xc_pass_known(c, impls.ops[i], &o))
			continue;
		/* a finding the baseline shows too: the case was shrunk */
		if (o.verdict == XR_X_FINDING &&
		    !xc_report("concurrent_ops", c, impls.ops[i], impls.from[i],
			       base_of(i), &o))
			return;
		if (o.verdict != XR_X_PASS)
			count_other(i, &o);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct xc_case c;
	struct xr_x_model *owned[XF_MAX_IMPLS] = { NULL };
	struct xr_scenario scn;
	char why[256];
	uint32_t i;

	xc_decode(data, len, &c);
	nr_inputs++;
	if (c.nr_ops < 2) {
		nr_no_block++;
		return 0;
	}
	if (xc_scenario(&c, &scn, why, sizeof(why)))
		decoder_bug(&c, why);
	run_all(&c, &scn, owned);
	for (i = 0; i < impls.nr; i++)
		xr_x_model_free(owned[i]);
	xr_scenario_free(&scn);
	return 0;
}
