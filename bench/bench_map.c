// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-map: the cost of a flat-map lookup (MAP-LOOKUP) with 1, 16, 256
 * and 1024 mapped entries, for a hit on the first entry, a hit on the
 * last, and a miss.
 *
 * Two measurements:
 * - "model lookup": the model's lookup alone (xr_map_lookup);
 * - "hwirq step": one whole `hwirq H cpu 0` step through the
 *   implementation interface, on model-rm and on each kernel's
 *   kernel-rm, i.e. the kernel's real kvmppc_read_intr ->
 *   kvmppc_check_passthru -> get_irqmap (plus, on a hit, the delivery
 *   into a guest IRQ with no ICS block, which returns at once, PT-NO-ICS).
 *   The kernel's get_irqmap is static, so it is reached this way rather
 *   than through a second exported symbol.  The step has a fixed cost on
 *   top of the search; the growth from first to last to miss is the
 *   linear search.
 *
 *   bench-map [KERNEL.so]...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "model_internal.h"

#define HW_BASE		0x10000u
#define IRQ_BASE	0x2000u
#define HW_MISS		0xfff00u

static const uint32_t sizes[] = { 1, 16, 256, 1024 };

static void make_setup(struct xr_setup *s)
{
	memset(s, 0, sizeof(*s));
	s->machine = XR_POWER8;
	s->cores = 2;
	s->threads = 8;
	s->nr_vcpus = 1;
	s->vcpus[0].id = 0;
	s->vcpus[0].server = 0;
	s->vcpus[0].has_icp = true;
	s->vcpus[0].cpu = 0;
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
}

static volatile int64_t sink;

static double time_lookup(struct xr_model *m, uint32_t hw, long iters)
{
	double t0 = bench_now_ns();
	long i;

	for (i = 0; i < iters; i++)
		sink += xr_map_lookup(m, hw);
	return (bench_now_ns() - t0) / (double)iters;
}

static void bench_model_lookup(void)
{
	struct xr_setup s;
	char err[200];
	uint32_t i;

	make_setup(&s);
	printf("%-28s %6s %12s %12s %12s\n", "model lookup (ns)", "N",
	       "first", "last", "miss");
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		struct xr_model *m = xr_model_create(&s, XR_CTX_REAL, err,
						     sizeof(err));
		long iters = 2000000 / sizes[i] + 1000;

		if (!m) {
			fprintf(stderr, "bench-map: %s\n", err);
			exit(2);
		}
		if (xr_passthru_fill(m, HW_BASE, IRQ_BASE, sizes[i])) {
			fprintf(stderr, "bench-map: model fill failed\n");
			exit(2);
		}
		printf("%-28s %6u %12.1f %12.1f %12.1f\n", "", sizes[i],
		       time_lookup(m, HW_BASE, iters),
		       time_lookup(m, HW_BASE + sizes[i] - 1, iters),
		       time_lookup(m, HW_MISS, iters));
		xr_model_destroy(m);
	}
}

static double time_steps(const struct xr_impl_ops *ops, void *inst,
			 uint32_t hw, long iters, enum xr_path *path)
{
	struct xr_step st = { .kind = XR_STEP_HWIRQ, .arg = { hw, 0, 0 } };
	struct xr_result r;
	char err[200];
	double t0;
	long i;

	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		memset(&r, 0, sizeof(r));
		if (ops->step(inst, &st, &r, err, sizeof(err)) != XR_OK) {
			fprintf(stderr, "bench-map: %s: %s\n", ops->name, err);
			exit(2);
		}
	}
	*path = r.path;
	return (bench_now_ns() - t0) / (double)iters;
}

static void bench_steps(const struct xr_impl_ops *ops)
{
	struct xr_setup s;
	char err[200];
	uint32_t i;

	make_setup(&s);
	printf("%-12s %-15s %6s %12s %12s %12s\n", ops->name, ops->version,
	       "N", "first", "last", "miss");
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		struct xr_step fill = {
			.kind = XR_STEP_PASSTHRU,
			.arg = { HW_BASE, IRQ_BASE, sizes[i] },
		};
		struct xr_result r;
		enum xr_path p1, p2, p3;
		long iters = 200000 / sizes[i] + 200;
		double a, b, c;
		void *inst = ops->create(&s, err, sizeof(err));

		if (!inst) {
			fprintf(stderr, "bench-map: %s: %s\n", ops->name, err);
			exit(2);
		}
		memset(&r, 0, sizeof(r));
		if (ops->step(inst, &fill, &r, err, sizeof(err)) != XR_OK ||
		    r.rc) {
			fprintf(stderr, "bench-map: %s: fill failed\n",
				ops->name);
			exit(2);
		}
		a = time_steps(ops, inst, HW_BASE, iters, &p1);
		b = time_steps(ops, inst, HW_BASE + sizes[i] - 1, iters, &p2);
		c = time_steps(ops, inst, HW_MISS, iters, &p3);
		/* a hit goes to real mode, a miss to the host: or it is wrong */
		if (p1 != XR_PATH_HOST_COMPLETE || p2 != XR_PATH_HOST_COMPLETE ||
		    p3 != XR_PATH_HOST) {
			fprintf(stderr, "bench-map: %s: unexpected paths\n",
				ops->name);
			exit(2);
		}
		printf("%-28s %6u %12.1f %12.1f %12.1f\n", "  hwirq step (ns)",
		       sizes[i], a, b, c);
		ops->destroy(inst);
	}
}

int main(int argc, char **argv)
{
	uint32_t nr, j;
	int i;

	bench_model_lookup();
	bench_steps(xr_model_ops(XR_CTX_REAL));
	for (i = 1; i < argc; i++) {
		const struct xr_impl_ops *const *ops =
			bench_load_impls(argv[i], &nr);

		for (j = 0; j < nr; j++)
			if (ops[j]->context == XR_CTX_REAL)
				bench_steps(ops[j]);
	}
	return 0;
}
