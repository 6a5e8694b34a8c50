// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cost of the differential run: the same IPI round as bench_hcall, written
 * as a scenario of many rounds, run by the runner core (in process, no
 * fork) on each kernel implementation in lockstep with the reference
 * model, every step compared (return values, all ICPs, the sources the
 * step can touch, events).  Compared with the sum of the model and the
 * kernel run alone (bench_hcall's figures, measured here again the same
 * way so that the ratio is taken on one machine in one run).
 *
 *	bench-diff [--rounds N] KERNEL.so ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "bench_util.h"
#include "run.h"
#include "scenario.h"

#define ROUND_STEPS	4
#define ITERS		4	/* runs of the scenario per batch */
#define REPS		15	/* batches of each line, interleaved */

static char *ipi_round_text(unsigned long rounds)
{
	static const char head[] =
		"vcpu 0\nvcpu 1\nvcpu 0 H_CPPR 0xff\nvcpu 1 H_CPPR 0xff\n";
	static const char round[] =
		"vcpu 0 H_IPI 1 5\nvcpu 1 H_XIRR\n"
		"vcpu 0 H_IPI 1 0xff\nvcpu 1 H_EOI 0xff000002\n";
	size_t len = sizeof(head) + rounds * (sizeof(round) - 1);
	char *buf = malloc(len), *p;

	if (!buf)
		exit(2);
	p = buf + sprintf(buf, "%s", head);
	for (unsigned long r = 0; r < rounds; r++)
		p += sprintf(p, "%s", round);
	return buf;
}

/* ns per step of one batch of differential runs of @impl */
static double diff_ns(const struct xr_scenario *scn,
		      const struct xr_impl_ops *impl)
{
	struct xr_outcome out;
	double t0 = bench_now_ns();

	for (int it = 0; it < ITERS; it++)
		xr_run_one(&xr_model_env, scn, impl, &out);
	if (out.verdict != XR_V_PASS) {
		fprintf(stderr, "bench-diff: %s %s: %s: %s\n", impl->name,
			impl->version, xr_verdict_name(out.verdict),
			out.reason);
		exit(2);
	}
	return (bench_now_ns() - t0) / (double)(ITERS * scn->nr_steps);
}

/* ns per step of one batch of @ops alone, through the same steps */
static double alone_ns(const struct xr_scenario *scn,
		       const struct xr_impl_ops *ops)
{
	double t0 = bench_now_ns();
	char err[256];

	for (int it = 0; it < ITERS; it++) {
		void *inst = ops->create(&scn->setup, err, sizeof(err));
		struct xr_result res;

		if (!inst) {
			fprintf(stderr, "bench-diff: %s: %s\n", ops->name, err);
			exit(2);
		}
		for (uint32_t i = 0; i < scn->nr_steps; i++) {
			xr_result_clear(&res);
			ops->step(inst, &scn->steps[i].step, &res, err,
				  sizeof(err));
		}
		ops->destroy(inst);
	}
	return (bench_now_ns() - t0) / (double)(ITERS * scn->nr_steps);
}

static void keep_min(double *best, double t)
{
	if (*best < 0 || t < *best)
		*best = t;
}

int main(int argc, char **argv)
{
	unsigned long rounds = 1000;	/* 4004 steps: under XR_SCN_MAX_STEPS */
	struct xr_scenario scn;
	struct xr_parse_error perr;
	int first = 1;
	char *text;

	if (argc > 2 && !strcmp(argv[1], "--rounds")) {
		rounds = strtoul(argv[2], NULL, 0);
		first = 3;
	}
	text = ipi_round_text(rounds);
	if (xr_parse(text, strlen(text), NULL, &scn, &perr)) {
		fprintf(stderr, "bench-diff: scenario: line %u: %s\n",
			perr.line, perr.msg);
		return 2;
	}
	printf("bench diff: %lu IPI rounds as one scenario, compared after every step: the fastest of %d batches, interleaved\n",
	       rounds, REPS);
	for (int a = first; a < argc; a++) {
		uint32_t nr = 0;
		const struct xr_impl_ops *const *impls =
			bench_load_impls(argv[a], &nr);
		double sum_alone = 0, sum_diff = 0;
		const char *version = nr ? impls[0]->version : "?";
		double tk[8], tm[8], td[8];

		if (nr > 8)
			nr = 8;
		for (uint32_t i = 0; i < nr; i++)
			tk[i] = tm[i] = td[i] = -1;
		/* a slow stretch of the machine falls on all three alike */
		for (int rep = 0; rep < REPS; rep++)
			for (uint32_t i = 0; i < nr; i++) {
				const struct xr_impl_ops *k = impls[i];

				keep_min(&tk[i], alone_ns(&scn, k));
				keep_min(&tm[i], alone_ns(&scn,
					 xr_model_ops(k->context)));
				keep_min(&td[i], diff_ns(&scn, k));
			}
		for (uint32_t i = 0; i < nr; i++) {
			const struct xr_impl_ops *k = impls[i];
			const struct xr_impl_ops *ref = xr_model_ops(k->context);

			printf("  %-10s %-10s alone %7.1f  %-8s alone %7.1f  differential %7.1f ns/step  = %.2fx of the two alone (issue 14 goal: at most 1.5x)\n",
			       k->name, k->version, tk[i], ref->name, tm[i],
			       td[i], td[i] / (tk[i] + tm[i]));
			sum_alone += tk[i] + tm[i];
			sum_diff += td[i];
		}
		printf("  %-10s %-10s all pairs: differential %.1f ns/step vs %.1f alone = %.2fx (issue 14 goal: at most 1.5x)\n",
		       "total", version, sum_diff, sum_alone,
		       sum_diff / sum_alone);
	}
	xr_scenario_free(&scn);
	free(text);
	return 0;
}
