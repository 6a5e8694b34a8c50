// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cost per hcall step: the model alone and each kernel implementation
 * alone, all through the implementation interface, on the same IPI round
 * (H_IPI, H_XIRR, H_IPI, H_EOI) between two VCPUs.  Prints figures and
 * ratios; never fails because a machine is slow.  An implementation with
 * standing deviations (kernel-xive) is compared with the model running
 * them, as the runner compares it.
 *
 *	bench-hcall [--rounds N] [KERNEL.so ...]
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xicsref/model.h>

#include "bench_util.h"

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

/*
 * Nanoseconds per hcall of the kernel in @path called bare: the same
 * round run by the kernel object itself through its hcall glue
 * (xicsref_bench_ipi_rounds, kside_steps.c), no adapter.  -1: the object
 * has no such entry.
 */
static double bare_ns_per_step(const char *path, int real_mode,
			       unsigned long rounds)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	int (*run)(unsigned long, int);
	double best = -1;

	if (!h)
		return -1;
	*(void **)&run = dlsym(h, "xicsref_bench_ipi_rounds");
	for (int rep = 0; run && rep < 5; rep++) {
		double t0 = bench_now_ns(), ns;

		if (run(rounds, real_mode))
			return -1;
		ns = (bench_now_ns() - t0) / (double)(rounds * ROUND_STEPS);
		if (best < 0 || ns < best)
			best = ns;
	}
	return best;
}

/*
 * The quirks of @name's standing deviations (model/src/deviations.c), as
 * the runner applies them: an applies_to word equal to the name, or a
 * prefix ending in '*'
 */
static uint64_t standing_quirks(const char *name)
{
	uint32_t nr = 0;
	const struct xr_deviation *d = xr_deviations(&nr);
	size_t n = strlen(name);
	uint64_t q = 0;

	for (uint32_t i = 0; i < nr; i++) {
		const char *w = d[i].applies_to;

		while (d[i].standing && w && *w) {
			size_t len = strcspn(w, " ");

			if ((len == n && !strncmp(w, name, n)) ||
			    (len && w[len - 1] == '*' && !strncmp(w, name, len - 1)))
				q |= d[i].quirk;
			w += len;
			w += strspn(w, " ");
		}
	}
	return q;
}

/* Nanoseconds per step of @ops, best of a few repetitions. */
static double ns_per_step(const struct xr_impl_ops *ops, uint64_t quirks,
			  int p9, unsigned long rounds)
{
	struct xr_setup setup;
	struct xr_result res;
	char err[256];
	double best = 0;

	ipi_round_setup(&setup, quirks, p9);
	for (int rep = 0; rep < 5; rep++) {
		void *inst = ops->create(&setup, err, sizeof(err));

		if (!inst) {
			fprintf(stderr, "bench: %s: %s\n", ops->name, err);
			exit(2);
		}
		for (size_t i = 0; i < 2; i++) {
			xr_result_clear(&res);
			ops->step(inst, &lower_cppr[i], &res, err, sizeof(err));
		}
		double t0 = bench_now_ns();

		for (unsigned long r = 0; r < rounds; r++) {
			for (size_t i = 0; i < ROUND_STEPS; i++) {
				xr_result_clear(&res);
				if (ops->step(inst, &ipi_round[i], &res, err,
					      sizeof(err)) != XR_OK) {
					fprintf(stderr, "bench: %s: step failed: %s\n",
						ops->name, err);
					exit(2);
				}
			}
		}
		double ns = (bench_now_ns() - t0) / (double)(rounds * ROUND_STEPS);

		if (rep == 0 || ns < best)
			best = ns;
		ops->destroy(inst);
	}
	return best;
}

int main(int argc, char **argv)
{
	unsigned long rounds = 200000;
	int first = 1;

	if (argc > 2 && !strcmp(argv[1], "--rounds")) {
		rounds = strtoul(argv[2], NULL, 0);
		first = 3;
	}

	const struct xr_impl_ops *model = xr_model_ops(XR_CTX_VIRTUAL);
	const struct xr_impl_ops *model_rm = xr_model_ops(XR_CTX_REAL);
	double t_model = ns_per_step(model, 0, 0, rounds);
	double t_model_rm = ns_per_step(model_rm, 0, 0, rounds);

	printf("bench hcall: IPI round (H_IPI, H_XIRR, H_IPI, H_EOI), %lu rounds, best of 5\n",
	       rounds);
	printf("  %-12s %-10s %8.1f ns/step\n", "model", "", t_model);
	printf("  %-12s %-10s %8.1f ns/step\n", "model-rm", "", t_model_rm);

	for (int a = first; a < argc; a++) {
		uint32_t nr = 0;
		const struct xr_impl_ops *const *impls =
			bench_load_impls(argv[a], &nr);

		for (uint32_t i = 0; i < nr; i++) {
			const struct xr_impl_ops *k = impls[i];
			int rm = k->context == XR_CTX_REAL;
			uint64_t q = standing_quirks(k->name);
			double t = ns_per_step(k, 0, q != 0, rounds);
			double ref = rm ? t_model_rm : t_model;
			double bare = bare_ns_per_step(argv[a], rm, rounds);

			if (q) {
				/* the reference it is held to, on its host */
				ref = ns_per_step(rm ? model_rm : model, q, 1, rounds);
				printf("  %-12s %-10s %8.1f ns/step   model with %s's standing deviations: %.1f ns/step, %.2fx of it (goal: at most 2x)\n",
				       k->name, k->version, t, k->name, ref, ref / t);
			} else {
				printf("  %-12s %-10s %8.1f ns/step   model costs %.2fx of it (goal: at most 2x)\n",
				       k->name, k->version, t, ref / t);
			}
			if (bare > 0)
				printf("  %-12s %-10s %8.1f ns/hcall bare kernel (no adapter): the adapter costs %.2fx of it, the model %.2fx (issue 14 goal: at most 1.5x each)\n",
				       rm ? "kernel-rm" : "kernel-vm", k->version,
				       bare, t / bare, ref / bare);
		}
	}
	return 0;
}
