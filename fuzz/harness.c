// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing: the shared harness.  Loading the kernel shared
 * objects, turning a case into the runner's scenario structure, running
 * it through the runner core, and reporting a finding as the smallest
 * scenario that still shows it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xicsref/model.h>

#include "emit.h"
#include "hang.h"
#include "harness.h"

#ifndef XF_DEFAULT_KERNEL_SOS
#define XF_DEFAULT_KERNEL_SOS	""
#endif

static void load_one(struct xf_impls *impls, const char *path)
{
	const struct xr_impl_ops *const *tab;
	xr_impl_entry_fn entry;
	uint32_t i, nr = 0;
	void *h;

	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "fuzz: cannot load %s: %s\n", path, dlerror());
		return;
	}
	entry = (xr_impl_entry_fn)dlsym(h, XR_IMPL_ENTRY_SYMBOL);
	if (!entry) {
		fprintf(stderr, "fuzz: %s: no %s\n", path,
			XR_IMPL_ENTRY_SYMBOL);
		return;
	}
	tab = entry(&nr);
	for (i = 0; i < nr && impls->nr < XF_MAX_IMPLS; i++) {
		if (!tab[i] || !XR_IMPL_ABI_OK(tab[i])) {
			fprintf(stderr, "fuzz: %s: table %u has ABI %u, not %u..%u\n",
				path, i, tab[i] ? tab[i]->abi_version : 0,
				XR_IMPL_ABI_MIN, XR_IMPL_ABI_VERSION);
			continue;
		}
		impls->from[impls->nr] = strdup(path);
		impls->ops[impls->nr++] = tab[i];
	}
}

/* "$ORIGIN/x.so" names x.so in the directory of the running binary */
static void load_path(struct xf_impls *impls, const char *path)
{
	char exe[4096], full[4096 + 64];
	ssize_t n;
	char *slash;

	if (strncmp(path, "$ORIGIN/", 8)) {
		load_one(impls, path);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(full, sizeof(full), "%s/%s", exe, path + 8);
	if (access(full, R_OK) == 0)
		load_one(impls, full);
}

/* Is @version ("6.1.192", "6.1.192-hash") of kernel MAJOR.MINOR @mm? */
static bool of_version(const char *version, const char *mm)
{
	size_t n = strlen(mm);

	return !strncmp(version, mm, n) &&
	       (version[n] == '\0' || version[n] == '.' || version[n] == '-');
}

/*
 * Is @name one of @family's implementations?  "xics": the XICS files
 * (kernel-vm, kernel-rm); "xive": XICS-on-XIVE (kernel-xive).
 */
static bool of_family(const char *name, const char *family)
{
	bool xive = !strcmp(name, "kernel-xive");

	if (!family)
		return true;
	return !strcmp(family, "xive") ? xive : !xive;
}

/*
 * A per-version target (diff_ops_6_1, diff_ops_xive_6_1, ...: issue 14)
 * keeps the implementations of its kernel version and family alone,
 * whatever objects it is given: diff_ops_6_1 runs the model and 6.1's
 * kernel-vm and kernel-rm, diff_ops_xive_6_1 the model and 6.1's
 * kernel-xive.  Two implementations per input, not five: the fuzzing
 * infrastructure runs the targets side by side.
 */
static void keep_version(struct xf_impls *impls, const char *mm,
			 const char *family)
{
	uint32_t i, n = 0;

	if (!mm || !*mm)
		return;
	for (i = 0; i < impls->nr; i++) {
		if (!of_version(impls->ops[i]->version, mm) ||
		    !of_family(impls->ops[i]->name, family)) {
			free((char *)impls->from[i]);
			continue;
		}
		impls->ops[n] = impls->ops[i];
		impls->from[n] = impls->from[i];
		n++;
	}
	impls->nr = n;
}

void xf_load_kernels(struct xf_impls *impls)
{
	const char *list = getenv("XICSREF_KERNEL_SOS");
	char *copy, *p, *tok;

	memset(impls, 0, sizeof(*impls));
	if (!list || !*list)
		list = XF_DEFAULT_KERNEL_SOS;
	copy = strdup(list);
	for (p = copy; (tok = strsep(&p, ":")) != NULL;)
		if (*tok)
			load_path(impls, tok);
	free(copy);
}

static void print_kernels(const struct xf_impls *impls)
{
	uint32_t i;

	for (i = 0; i < impls->nr; i++)
		fprintf(stderr, "fuzz: comparing %s %s (%s) with the model, "
			"quirks 0x%llx\n", impls->ops[i]->name,
			impls->ops[i]->version, impls->from[i],
			(unsigned long long)xf_quirks_for(impls->ops[i]));
}

uint64_t xf_quirks_for(const struct xr_impl_ops *impl)
{
	/* asked twice per input: the answer never changes, so keep it */
	static const struct xr_impl_ops *known[XF_MAX_IMPLS];
	static uint64_t known_q[XF_MAX_IMPLS];
	const struct xr_deviation *d;
	uint32_t i, nr = 0;
	uint64_t q = 0;

	for (i = 0; i < XF_MAX_IMPLS && known[i]; i++)
		if (known[i] == impl)
			return known_q[i];
	d = xr_deviations(&nr);
	for (i = 0; i < nr; i++)
		if (xr_dev_applies(d[i].applies_to, impl->name))
			q |= d[i].quirk;
	for (i = 0; i < XF_MAX_IMPLS; i++)
		if (!known[i]) {
			known[i] = impl;
			known_q[i] = q;
			break;
		}
	return q;
}

/* -- A case as the runner's scenario -- */

struct xf_scn {
	struct xr_scenario scn;
	struct xr_scn_step steps[XF_MAX_STEPS];
};

/*
 * The steps' source texts stay empty: the runner core never reads them
 * (only its printers do), and this harness prints a case with xf_emit().
 */
static void to_scenario(const struct xf_case *c, uint64_t quirks,
			struct xf_scn *x)
{
	uint32_t i;

	/*
	 * All but the set-up, which xr_setup_copy() fills: clearing its
	 * arrays as well would cost more than a short case
	 */
	_Static_assert(offsetof(struct xr_scenario, setup) == 0,
		       "the set-up leads the scenario");
	memset((char *)&x->scn + sizeof(x->scn.setup), 0,
	       sizeof(x->scn) - sizeof(x->scn.setup));
	xr_setup_copy(&x->scn.setup, &c->setup);
	x->scn.setup.quirks = quirks;
	x->scn.nr_steps = c->nr_steps;
	x->scn.steps = x->steps;
	for (i = 0; i < c->nr_steps; i++) {
		memset(&x->steps[i], 0, sizeof(x->steps[i]));
		x->steps[i].line = i + 1;
		x->steps[i].step = c->steps[i];
	}
}

static bool same_setup(const struct xr_setup *a, const struct xr_setup *b)
{
	uint32_t i;

	if (a->machine != b->machine || a->cores != b->cores ||
	    a->threads != b->threads || a->nr_vcpus != b->nr_vcpus ||
	    a->nr_sources != b->nr_sources ||
	    a->nr_passthru != b->nr_passthru ||
	    a->real_mode != b->real_mode || a->bypass != b->bypass ||
	    a->ipi_redirect != b->ipi_redirect ||
	    a->ack_notifier != b->ack_notifier)
		return false;
	for (i = 0; i < a->nr_vcpus; i++)
		if (a->vcpus[i].id != b->vcpus[i].id ||
		    a->vcpus[i].server != b->vcpus[i].server ||
		    a->vcpus[i].has_icp != b->vcpus[i].has_icp ||
		    a->vcpus[i].cpu != b->vcpus[i].cpu)
			return false;
	for (i = 0; i < a->nr_sources; i++)
		if (a->sources[i].irq != b->sources[i].irq ||
		    a->sources[i].lsi != b->sources[i].lsi ||
		    a->sources[i].server != b->sources[i].server ||
		    a->sources[i].prio != b->sources[i].prio)
			return false;
	return true;
}

static bool same_step(const struct xr_step *a, const struct xr_step *b)
{
	return a->kind == b->kind && a->vcpu == b->vcpu &&
	       a->arg[0] == b->arg[0] && a->arg[1] == b->arg[1] &&
	       a->arg[2] == b->arg[2];
}

bool xf_valid(const struct xf_case *c, char *why, size_t len)
{
	struct xr_parse_error err;
	struct xr_scenario scn;
	char *buf = NULL;
	size_t blen = 0;
	bool ok = false;
	uint32_t i;
	FILE *f;

	f = open_memstream(&buf, &blen);
	if (!f) {
		snprintf(why, len, "open_memstream failed");
		return false;
	}
	xf_emit(f, c, NULL);
	fclose(f);
	memset(&err, 0, sizeof(err));
	if (xr_parse(buf, blen, NULL, &scn, &err)) {
		snprintf(why, len, "line %u: %s", err.line, err.msg);
		free(buf);
		return false;
	}
	if (!same_setup(&scn.setup, &c->setup)) {
		snprintf(why, len, "the parsed set-up differs from the case");
	} else if (scn.nr_steps != c->nr_steps) {
		snprintf(why, len, "parsed %u steps, the case has %u",
			 scn.nr_steps, c->nr_steps);
	} else {
		ok = true;
		for (i = 0; i < c->nr_steps && ok; i++)
			if (!same_step(&scn.steps[i].step, &c->steps[i])) {
				snprintf(why, len, "step %u parses differently",
					 i + 1);
				ok = false;
			}
	}
	xr_scenario_free(&scn);
	free(buf);
	return ok;
}

/*
 * The reference of a fuzz run: the model with the quirks of the
 * implementation under test.  The runner core gives the reference the
 * quirks of the scenario's "deviation" lines only, and a deviation line
 * would also demand that the difference shows; a fuzz case shows none
 * of them in particular.  So the reference's create() adds the quirks,
 * and the core does all the running and comparing as for any scenario.
 */
static uint64_t ref_quirks;
static struct xr_impl_ops ref_tab[2];

static void *ref_create(enum xr_context ctx, const struct xr_setup *setup,
			char *err, size_t errlen)
{
	struct xr_setup s;

	xr_setup_copy(&s, setup);
	s.quirks |= ref_quirks;
	return xr_model_ops(ctx)->create(&s, err, errlen);
}

static void *ref_create_vm(const struct xr_setup *setup, char *err,
			   size_t errlen)
{
	return ref_create(XR_CTX_VIRTUAL, setup, err, errlen);
}

static void *ref_create_rm(const struct xr_setup *setup, char *err,
			   size_t errlen)
{
	return ref_create(XR_CTX_REAL, setup, err, errlen);
}

static bool ref_reset(void *inst, const struct xr_setup *setup, char *err,
		      size_t errlen)
{
	struct xr_setup s;

	xr_setup_copy(&s, setup);
	s.quirks |= ref_quirks;
	/* a model instance keeps its context: either table resets it */
	return xr_model_ops(XR_CTX_VIRTUAL)->reset(inst, &s, err, errlen);
}

static const struct xr_impl_ops *quirked_ref(enum xr_context ctx)
{
	uint32_t i = ctx == XR_CTX_REAL;

	if (!ref_tab[i].create) {
		ref_tab[i] = *xr_model_ops(ctx);
		ref_tab[i].create = i ? ref_create_rm : ref_create_vm;
		ref_tab[i].reset = ref_reset;
	}
	return &ref_tab[i];
}

/* every implementation that can reset keeps one instance (run.h) */
static struct xr_inst_cache inst_cache;

static const struct xr_run_env quirked_env = {
	.ref_ops = quirked_ref,
	.dev_find = xr_deviation_find,
	.step_sources_only = true,
	.cache = &inst_cache,
};

/*
 * At exit the kept instances are destroyed: a kernel instance's memory is
 * a mapping LeakSanitizer does not scan, so what only it points to would
 * be reported as leaked.
 */
static void flush_cache(void)
{
	xr_inst_cache_flush(&inst_cache);
}

struct run_arg {
	const struct xr_scenario *scn;
	const struct xr_impl_ops *impl;
	struct xr_outcome *out;
};

static void run_case(void *p)
{
	struct run_arg *a = p;

	xr_run_one(&quirked_env, a->scn, a->impl, a->out);
}

/* Byte for byte, so that equal means equal (padding only costs a miss) */
static bool same_case(const struct xf_case *a, const struct xf_case *b)
{
	return a->nr_steps == b->nr_steps &&
	       xr_setup_same(&a->setup, &b->setup) &&
	       !memcmp(a->steps, b->steps, a->nr_steps * sizeof(*a->steps));
}

/* @c as the runner's scenario, built once for all implementations */
static const struct xr_scenario *case_scenario(const struct xf_case *c)
{
	static struct xf_scn x;
	static struct xf_case last;
	static bool have_last;

	if (!have_last || !same_case(c, &last)) {
		to_scenario(c, 0, &x);
		xr_setup_copy(&last.setup, &c->setup);
		memcpy(last.steps, c->steps, c->nr_steps * sizeof(*c->steps));
		last.nr_steps = c->nr_steps;
		have_last = true;
	}
	return &x.scn;
}

bool xf_differs(const struct xf_case *c, const struct xr_impl_ops *impl,
		struct xr_outcome *out)
{
	struct run_arg a = { case_scenario(c), impl, out };

	ref_quirks = xf_quirks_for(impl);
	memset(out, 0, sizeof(*out));
	if (!xf_run_bounded(run_case, &a, XF_HANG_MSEC)) {
		xr_inst_reclaim(&inst_cache);
		memset(out, 0, sizeof(*out));
		out->verdict = XR_V_FAIL;
		out->impl = impl;
		out->ref = quirked_ref(impl->context);
		snprintf(out->reason, sizeof(out->reason),
			 "HANG: the run did not end within %u ms of CPU time "
			 "(replay: xicsref run --timeout 5)", XF_HANG_MSEC);
	}
	return out->verdict == XR_V_FAIL;
}

void xf_print_outcome(FILE *f, const struct xf_case *c,
		      const struct xr_outcome *o)
{
	uint32_t i;

	fprintf(f, "%s %s vs %s (quirks 0x%llx): %s at step %u",
		o->impl ? o->impl->name : "?",
		o->impl && o->impl->version ? o->impl->version : "",
		o->ref ? o->ref->name : "no reference",
		(unsigned long long)(o->impl ? xf_quirks_for(o->impl) : 0),
		xr_verdict_name(o->verdict),
		o->step);
	if (o->step && o->step <= c->nr_steps) {
		char t[XR_SCN_TEXT_LEN] = "";
		FILE *m = fmemopen(t, sizeof(t) - 1, "w");

		if (m) {
			xf_emit_step(m, &c->steps[o->step - 1]);
			fclose(m);
		}
		t[strcspn(t, "\n")] = '\0';
		fprintf(f, " (%s)", t);
	}
	fprintf(f, "%s%s\n", o->reason[0] ? ": " : "", o->reason);
	for (i = 0; i < o->nr_diffs; i++)
		fprintf(f, "  %-24s model %s | %s %s\n", o->diffs[i].field,
			o->diffs[i].a, o->impl ? o->impl->name : "impl",
			o->diffs[i].b);
	if (o->more_diffs)
		fprintf(f, "  ... more differences\n");
}

struct diff_arg {
	const struct xr_impl_ops *impl;
	struct xr_outcome out;
};

static bool still_differs(const struct xf_case *c, void *arg)
{
	struct diff_arg *d = arg;
	char why[256];

	return xf_valid(c, why, sizeof(why)) && xf_differs(c, d->impl, &d->out);
}

void xf_report_diff(const char *target, struct xf_case *c,
		    const struct xr_impl_ops *impl)
{
	static struct diff_arg d;
	unsigned int runs;
	char note[512];

	d.impl = impl;
	runs = xf_shrink(c, still_differs, &d);
	xf_differs(c, impl, &d.out);
	fprintf(stderr, "\n==== xicsref %s: a new difference (shrunk in %u runs)\n",
		target, runs);
	xf_print_outcome(stderr, c, &d.out);
	snprintf(note, sizeof(note),
		 "found by fuzz/%s: %s %s differs from the model\n"
		 "the model ran with quirks 0x%llx (documented deviations of %s)\n"
		 "replay: xicsref run FILE",
		 target, impl->name, impl->version ? impl->version : "",
		 (unsigned long long)xf_quirks_for(impl), impl->name);
	fprintf(stderr, "---- minimal scenario ----\n");
	xf_emit(stderr, c, note);
	fprintf(stderr, "---- end ----\n");
	abort();
}

/*
 * A step that one side cannot run (XR_UNSUPPORTED from the implementation
 * or from the model) ends the run as a skip, which is not a finding.
 * Skips are counted per implementation, the first one is printed with its
 * reason and the totals at exit: never silent.
 */
static uint64_t nr_inputs;
static uint64_t nr_skips[XF_MAX_IMPLS];
static const struct xf_impls *skip_impls;

static void print_skips(void)
{
	uint32_t i;

	for (i = 0; skip_impls && i < skip_impls->nr; i++)
		fprintf(stderr, "fuzz: %s %s: %llu of %llu inputs skipped "
			"(a step unsupported by it or by the model)\n",
			skip_impls->ops[i]->name, skip_impls->ops[i]->version,
			(unsigned long long)nr_skips[i],
			(unsigned long long)nr_inputs);
}

static void count_skip(const struct xf_impls *impls, uint32_t i,
		       const struct xr_outcome *o)
{
	if (!skip_impls) {
		skip_impls = impls;
		atexit(print_skips);
	}
	if (!nr_skips[i]++)
		fprintf(stderr, "fuzz: %s %s: first skipped input, step %u: "
			"%s (counted from now on, totals at exit)\n",
			impls->ops[i]->name, impls->ops[i]->version, o->step,
			o->reason);
}

/*
 * A finding is only worth its scenario if the scenario says what the case
 * does: a case that does not print and parse back to itself is a decoder
 * bug.  Checked here before a finding is reported, and for every input
 * by xicsref-fuzz-selftest (both profiles) and model_invariants (profile
 * ALL), not on every input of the differential targets, where printing
 * and parsing 32 steps cost as much as running them on a kernel.
 */
static void check_decoded(const char *target, const struct xf_case *c)
{
	char why[256];

	if (xf_valid(c, why, sizeof(why)))
		return;
	fprintf(stderr, "xicsref %s: decoder bug, invalid scenario: %s\n",
		target, why);
	xf_emit(stderr, c, "the decoder produced this");
	abort();
}

/*
 * XICSREF_FUZZ_FLOOR=1 (make bench-fuzz only): run every case on the
 * kernel implementations alone, with no reference and so no comparison,
 * to measure what the differential run cannot be faster than.  The
 * instances are reset, not created, as in the differential run, so that
 * the floor is the kernels' own steps and not their VM creation.  Said
 * loudly once: a fuzzer in this mode finds nothing.
 */
static const struct xr_run_env alone_env = { .cache = &inst_cache };

static bool floor_mode(void)
{
	static int on = -1;

	if (on < 0) {
		const char *e = getenv("XICSREF_FUZZ_FLOOR");

		on = e && !strcmp(e, "1");
		if (on)
			fprintf(stderr, "fuzz: FLOOR MODE (XICSREF_FUZZ_FLOOR=1): "
				"the kernels run alone, NOTHING IS COMPARED\n");
	}
	return on;
}

struct group_arg {
	const struct xr_scenario *scn;
	const struct xr_impl_ops *ops[XF_MAX_IMPLS];
	uint32_t n;
	struct xr_outcome outs[XF_MAX_IMPLS];
};

static void run_group(void *p)
{
	struct group_arg *a = p;

	xr_run_group(&quirked_env, a->scn, a->ops, a->n, a->outs);
}

/*
 * @c on impls->ops[@first] and every later implementation of the same
 * context and quirks (the other kernel versions), as one group in
 * lockstep with one reference model (run.h, xr_run_group): each gets the
 * outcome xf_differs() would give it.  A group that hangs runs again one
 * by one, which tells which implementation it was.
 */
static void diff_group(const char *target, struct xf_case *c,
		       const struct xf_impls *impls, uint32_t first,
		       bool *done)
{
	static struct group_arg g;
	const struct xr_impl_ops *lead = impls->ops[first];
	uint32_t idx[XF_MAX_IMPLS], i, k;

	ref_quirks = xf_quirks_for(lead);
	g.scn = case_scenario(c);
	for (i = first, g.n = 0; i < impls->nr; i++)
		if (!done[i] && impls->ops[i]->context == lead->context &&
		    xf_quirks_for(impls->ops[i]) == ref_quirks) {
			done[i] = true;
			idx[g.n] = i;
			g.ops[g.n++] = impls->ops[i];
		}
	if (floor_mode()) {
		for (k = 0; k < g.n; k++)
			xr_run_one(&alone_env, g.scn, g.ops[k], &g.outs[k]);
		return;
	}
	if (!xf_run_bounded(run_group, &g, XF_HANG_MSEC)) {
		/* what the abandoned run had, then each alone */
		xr_inst_reclaim(&inst_cache);
		for (k = 0; k < g.n; k++)
			xf_differs(c, g.ops[k], &g.outs[k]);
	}
	for (k = 0; k < g.n; k++) {
		if (g.outs[k].verdict == XR_V_FAIL) {
			check_decoded(target, c);
			xf_report_diff(target, c, g.ops[k]);
		}
		if (g.outs[k].verdict == XR_V_SKIP)
			count_skip(impls, idx[k], &g.outs[k]);
	}
}

void xf_diff_input(const char *target, const uint8_t *data, size_t len,
		   enum xf_profile profile, const struct xf_impls *impls)
{
	static struct xf_case c;
	bool done[XF_MAX_IMPLS] = { false };
	uint32_t i;

	xf_decode(data, len, profile, &c);
	nr_inputs++;
	for (i = 0; i < impls->nr; i++)
		if (!done[i])
			diff_group(target, &c, impls, i, done);
}

void xf_load_kernels_or_exit(struct xf_impls *impls, const char *target,
			     const char *only_version, const char *family)
{
	xf_load_kernels(impls);
	keep_version(impls, only_version, family);
	print_kernels(impls);
	/* the kept instances (diff_group, xf_differs) go at exit */
	atexit(flush_cache);
	if (impls->nr)
		return;
	fprintf(stderr, "%s: NO kernel implementation%s%s loaded: set "
		"XICSREF_KERNEL_SOS=a.so:b.so or build the kernels; refusing "
		"to fuzz nothing\n", target,
		only_version && *only_version ? " of " : "",
		only_version ? only_version : "");
	exit(2);
}
