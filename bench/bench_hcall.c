// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cost per hcall step: the model alone and each kernel implementation
 * alone, all through the implementation interface, on the same IPI round
 * (H_IPI, H_XIRR, H_IPI, H_EOI) between two VCPUs.  Prints figures and
 * ratios; never fails because a machine is slow.  An implementation with
 * standing deviations (kernel-xive) is compared with the model running
 * them, as the runner compares it.
 *
 *	bench-hcall [--rounds N] [--batches N] [KERNEL.so ...]
 *
 * Each line is the fastest of --batches batches (40) of --rounds rounds
 * (5000), the batches of all lines interleaved.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xicsref/model.h>

#include "bench_util.h"
#include "run.h"

/*
 * The round's VM: two VCPUs on a POWER8 host, or (@p9) a POWER9 one, where
 * XICS-on-XIVE runs (kernel-xive and the model held to its deviations)
 */
static void ipi_round_setup(struct xr_setup *s, uint64_t quirks, int p9)
{
	memset(s, 0, sizeof(*s));
	s->machine = p9 ? XR_POWER9 : XR_POWER8;
	s->cores = 2;
	s->threads = p9 ? 4 : 8;
	s->quirks = quirks;
	s->nr_vcpus = 2;
	for (uint32_t v = 0; v < 2; v++) {
		s->vcpus[v].id = v;
		s->vcpus[v].server = v;
		s->vcpus[v].has_icp = true;
		s->vcpus[v].cpu = (int32_t)v;
	}
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
}

static const struct xr_step ipi_round[] = {
	{ .kind = XR_STEP_H_IPI, .vcpu = 0, .arg = { 1, 5 } },
	{ .kind = XR_STEP_H_XIRR, .vcpu = 1 },
	{ .kind = XR_STEP_H_IPI, .vcpu = 0, .arg = { 1, 0xff } },
	{ .kind = XR_STEP_H_EOI, .vcpu = 1, .arg = { 0xff000002 } },
};

#define ROUND_STEPS	(sizeof(ipi_round) / sizeof(ipi_round[0]))

static const struct xr_step lower_cppr[] = {
	{ .kind = XR_STEP_H_CPPR, .vcpu = 0, .arg = { 0xff } },
	{ .kind = XR_STEP_H_CPPR, .vcpu = 1, .arg = { 0xff } },
};

/* The quirks of @name's standing deviations, as the runner applies them */
static uint64_t standing_quirks(const char *name)
{
	uint32_t nr = 0, i;
	const struct xr_deviation *d = xr_deviations(&nr);
	uint64_t q = 0;

	for (i = 0; i < nr; i++)
		if (d[i].standing && d[i].applies_to &&
		    xr_dev_applies(d[i].applies_to, name))
			q |= d[i].quirk;
	return q;
}

/*
 * One line of the table: an implementation through its adapter (@ops,
 * @inst) or a kernel object's bare loop (@bare).  Every contender runs a
 * batch in turn, many times over, and keeps its fastest batch: a slow
 * stretch of a shared machine (steal time, another job) then falls on
 * every contender alike, and the minimum is what the code costs when
 * nothing else runs.
 */
struct contender {
	const struct xr_impl_ops *ops;
	void *inst;
	int (*bare_run)(void *, unsigned long);
	void (*bare_close)(void *);
	void *bare;
	double best;		/* ns per step, < 0 until a batch ran */
};

static void adapter_open(struct contender *c, const struct xr_impl_ops *ops,
			 uint64_t quirks, int p9)
{
	struct xr_setup *setup = malloc(sizeof(*setup));
	struct xr_result res;
	char err[256];

	memset(c, 0, sizeof(*c));
	c->ops = ops;
	c->best = -1;
	if (!setup) {
		fprintf(stderr, "bench: out of memory\n");
		exit(2);
	}
	ipi_round_setup(setup, quirks, p9);
	c->inst = ops->create(setup, err, sizeof(err));
	free(setup);
	if (!c->inst) {
		fprintf(stderr, "bench: %s: %s\n", ops->name, err);
		exit(2);
	}
	for (size_t i = 0; i < 2; i++) {
		xr_result_clear(&res);
		ops->step(c->inst, &lower_cppr[i], &res, err, sizeof(err));
	}
}

/* The bare loop of the kernel object at @path, if it has one */
static bool bare_open(struct contender *c, const char *path, int real_mode)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	void *(*open)(int);

	memset(c, 0, sizeof(*c));
	c->best = -1;
	if (!h)
		return false;
	*(void **)&open = dlsym(h, "xicsref_bench_ipi_open");
	*(void **)&c->bare_run = dlsym(h, "xicsref_bench_ipi_run");
	*(void **)&c->bare_close = dlsym(h, "xicsref_bench_ipi_close");
	if (!open || !c->bare_run || !c->bare_close)
		return false;
	c->bare = open(real_mode);
	return c->bare != NULL;
}

static void batch(struct contender *c, unsigned long rounds)
{
	struct xr_result res;
	char err[256];
	double t0 = bench_now_ns(), ns;

	if (c->bare) {
		if (c->bare_run(c->bare, rounds)) {
			fprintf(stderr, "bench: a bare-kernel hypercall failed\n");
			exit(2);
		}
	} else {
		for (unsigned long r = 0; r < rounds; r++) {
			for (size_t i = 0; i < ROUND_STEPS; i++) {
				xr_result_clear(&res);
				if (c->ops->step(c->inst, &ipi_round[i], &res,
						 err, sizeof(err)) != XR_OK) {
					fprintf(stderr, "bench: %s: step failed: %s\n",
						c->ops->name, err);
					exit(2);
				}
			}
		}
	}
	ns = (bench_now_ns() - t0) / (double)(rounds * ROUND_STEPS);
	if (c->best < 0 || ns < c->best)
		c->best = ns;
}

static void contender_close(struct contender *c)
{
	if (c->bare)
		c->bare_close(c->bare);
	else if (c->inst)
		c->ops->destroy(c->inst);
}

#define MAX_CONTENDERS	64

/*
 * Per kernel implementation: itself, the model it is held to, and its
 * object's bare loop in the same context
 */
struct line {
	const struct xr_impl_ops *k;
	int kernel, ref, bare;		/* indexes into the contenders */
	bool held;			/* ref runs @k's standing deviations */
};

int main(int argc, char **argv)
{
	unsigned long rounds = 5000;
	int reps = 40, first = 1, nr_c = 0, nr_l = 0;
	static struct contender c[MAX_CONTENDERS];
	static struct line l[MAX_CONTENDERS];

	while (first + 1 < argc && argv[first][0] == '-') {
		if (!strcmp(argv[first], "--rounds"))
			rounds = strtoul(argv[first + 1], NULL, 0);
		else if (!strcmp(argv[first], "--batches"))
			reps = atoi(argv[first + 1]);
		else
			break;
		first += 2;
	}
	if (!rounds || reps < 1) {
		fprintf(stderr, "bench: --rounds and --batches take a number above 0\n");
		return 2;
	}

	const struct xr_impl_ops *model = xr_model_ops(XR_CTX_VIRTUAL);
	const struct xr_impl_ops *model_rm = xr_model_ops(XR_CTX_REAL);

	adapter_open(&c[nr_c++], model, 0, 0);
	adapter_open(&c[nr_c++], model_rm, 0, 0);
	for (int a = first; a < argc; a++) {
		uint32_t nr = 0;
		const struct xr_impl_ops *const *impls =
			bench_load_impls(argv[a], &nr);

		for (uint32_t i = 0; i < nr && nr_c + 3 <= MAX_CONTENDERS; i++) {
			const struct xr_impl_ops *k = impls[i];
			int rm = k->context == XR_CTX_REAL;
			uint64_t q = standing_quirks(k->name);
			struct line *ln = &l[nr_l++];

			ln->k = k;
			ln->held = q != 0;
			ln->kernel = nr_c;
			adapter_open(&c[nr_c++], k, 0, q != 0);
			ln->ref = rm ? 1 : 0;
			if (q) {
				ln->ref = nr_c;
				adapter_open(&c[nr_c++], rm ? model_rm : model,
					     q, 1);
			}
			ln->bare = -1;
			if (bare_open(&c[nr_c], argv[a], rm))
				ln->bare = nr_c++;
		}
	}
	for (int r = 0; r < reps; r++)
		for (int i = 0; i < nr_c; i++)
			batch(&c[i], rounds);

	printf("bench hcall: IPI round (H_IPI, H_XIRR, H_IPI, H_EOI): the fastest of %d batches of %lu rounds, the batches of all lines interleaved\n",
	       reps, rounds);
	printf("  %-12s %-10s %8.1f ns/step\n", "model", "", c[0].best);
	printf("  %-12s %-10s %8.1f ns/step\n", "model-rm", "", c[1].best);
	for (int i = 0; i < nr_l; i++) {
		const struct xr_impl_ops *k = l[i].k;
		double t = c[l[i].kernel].best, ref = c[l[i].ref].best;
		int rm = k->context == XR_CTX_REAL;

		if (l[i].held)
			printf("  %-12s %-10s %8.1f ns/step   model with %s's standing deviations: %.1f ns/step, %.2fx of it (goal: at most 2x)\n",
			       k->name, k->version, t, k->name, ref, ref / t);
		else
			printf("  %-12s %-10s %8.1f ns/step   model costs %.2fx of it (goal: at most 2x)\n",
			       k->name, k->version, t, ref / t);
		if (l[i].bare >= 0) {
			double bare = c[l[i].bare].best;

			printf("  %-12s %-10s %8.1f ns/hcall bare kernel (no adapter): the adapter costs %.2fx of it, the model %.2fx (issue 14 goal: at most 1.5x each)\n",
			       rm ? "kernel-rm" : "kernel-vm", k->version,
			       bare, t / bare, ref / bare);
		}
	}
	for (int i = 0; i < nr_c; i++)
		contender_close(&c[i]);
	return 0;
}
