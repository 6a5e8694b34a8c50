// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-size: what a guest of real size costs per step (issue 13, part
 * 6), on the model and on each kernel implementation.
 *
 * - VCPUs: 1, 64, 512 and 2048 VCPUs on a host of 2048 CPUs.  The step
 *   measured is an IPI round to the last VCPU (H_IPI from VCPU 0, its
 *   H_XIRR and H_EOI, and H_IPI 0xff to clear the MFRR): the kernel
 *   finds an ICP by walking the VCPUs (kvmppc_xics_find_server), so the
 *   target's position counts.  Also the cost of building the instance.
 * - ICS blocks: 1, 16, 256 and 1024 blocks, each with one source waiting
 *   for a resend towards VCPU 0.  The step measured is an H_CPPR cycle
 *   (0xff, then 0): lowering the CPPR walks the ICP's resend map and each
 *   block with its bit set scans all 1024 of its sources
 *   (icp_check_resend, ics_check_resend); raising it rejects the one
 *   presented back into a resend, so every cycle scans every block.
 *
 * Figures are ns per step (one H_CPPR or one hypercall of the round) and
 * the ratio to the smallest size.  Nothing fails because a machine is
 * slow; a step that does not give the expected result stops the bench.
 *
 *   bench-size [KERNEL.so]...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "bench_util.h"

static const uint32_t vcpu_sizes[] = { 1, 64, 512, 2048 };
static const uint32_t block_sizes[] = { 1, 16, 256, 1024 };

static void setup_vcpus(struct xr_setup *s, uint32_t n)
{
	uint32_t i;

	memset(s, 0, sizeof(*s));
	s->machine = XR_POWER8;
	s->cores = XR_MAX_CPUS / 8;
	s->threads = 8;
	s->nr_vcpus = n;
	for (i = 0; i < n; i++) {
		s->vcpus[i].id = i;
		s->vcpus[i].server = i;
		s->vcpus[i].has_icp = true;
		s->vcpus[i].cpu = (int32_t)i;
	}
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
}

static void step(const struct xr_impl_ops *ops, void *inst,
		 const struct xr_step *st, int64_t want_rc)
{
	struct xr_result r;
	char err[256];

	xr_result_clear(&r);
	if (ops->step(inst, st, &r, err, sizeof(err)) != XR_OK ||
	    (want_rc != INT64_MIN && r.rc != want_rc)) {
		fprintf(stderr, "bench-size: %s %s: step %d: rc %lld %s\n",
			ops->name, ops->version, (int)st->kind,
			(long long)r.rc, err);
		exit(2);
	}
}

static void *create(const struct xr_impl_ops *ops, const struct xr_setup *s)
{
	char err[256];
	void *inst = ops->create(s, err, sizeof(err));

	if (!inst) {
		fprintf(stderr, "bench-size: %s: %s\n", ops->name, err);
		exit(2);
	}
	return inst;
}

/* Repeat @fn until about 0.2 s have passed; ns per call */
static double timed(void (*fn)(const struct xr_impl_ops *, void *, uint32_t),
		    const struct xr_impl_ops *ops, void *inst, uint32_t n)
{
	double t0 = bench_now_ns(), t;
	long iters = 0, batch = 1;

	do {
		long i;

		for (i = 0; i < batch; i++)
			fn(ops, inst, n);
		iters += batch;
		batch *= 2;
		t = bench_now_ns() - t0;
	} while (t < 2e8);
	return t / (double)iters;
}

/* An IPI round from VCPU 0 to VCPU @n - 1: four hypercalls */
static void ipi_round(const struct xr_impl_ops *ops, void *inst, uint32_t n)
{
	uint32_t last = n - 1;
	struct xr_step ipi = { .kind = XR_STEP_H_IPI, .vcpu = 0,
			       .arg = { last, 5 } };
	struct xr_step xirr = { .kind = XR_STEP_H_XIRR, .vcpu = last };
	struct xr_step eoi = { .kind = XR_STEP_H_EOI, .vcpu = last,
			       .arg = { 0xff000002 } };
	struct xr_step clr = { .kind = XR_STEP_H_IPI, .vcpu = 0,
			       .arg = { last, 0xff } };

	step(ops, inst, &ipi, 0);
	step(ops, inst, &xirr, 0);
	step(ops, inst, &eoi, 0);
	step(ops, inst, &clr, 0);
}

/* Building and tearing down an instance of @s: us per pair */
static double create_destroy(const struct xr_impl_ops *ops,
			     const struct xr_setup *s)
{
	double t0 = bench_now_ns(), t;
	long iters = 0;

	do {
		ops->destroy(create(ops, s));
		iters++;
		t = bench_now_ns() - t0;
	} while (t < 2e8);
	return t / (double)iters / 1000;
}

static void bench_vcpus(const struct xr_impl_ops *ops)
{
	static struct xr_setup s;
	double base = 0;
	uint32_t i, j;

	printf("%-10s %-9s %6s %14s %8s %16s\n", ops->name, ops->version,
	       "VCPUs", "IPI round/step", "ratio", "create+destroy");
	for (i = 0; i < sizeof(vcpu_sizes) / sizeof(*vcpu_sizes); i++) {
		uint32_t n = vcpu_sizes[i];
		struct xr_step cppr = { .kind = XR_STEP_H_CPPR,
					.arg = { 0xff } };
		void *inst;
		double t, c;

		setup_vcpus(&s, n);
		inst = create(ops, &s);
		for (j = 0; j < n; j++) {
			cppr.vcpu = j;
			step(ops, inst, &cppr, 0);
		}
		t = timed(ipi_round, ops, inst, n) / 4;
		ops->destroy(inst);
		c = create_destroy(ops, &s);
		if (!base)
			base = t;
		printf("%-20s %6u %11.1f ns %7.2fx %13.1f us\n", "", n, t,
		       t / base, c);
	}
}

/* An H_CPPR cycle of VCPU 0 that scans every block's resend */
static void cppr_cycle(const struct xr_impl_ops *ops, void *inst,
		       uint32_t n)
{
	struct xr_step down = { .kind = XR_STEP_H_CPPR, .arg = { 0xff } };
	struct xr_step up = { .kind = XR_STEP_H_CPPR, .arg = { 0 } };

	step(ops, inst, &down, 0);
	step(ops, inst, &up, 0);
}

static void bench_blocks(const struct xr_impl_ops *ops)
{
	static struct xr_setup s;
	double base = 0;
	uint32_t i, b;

	printf("%-10s %-9s %6s %14s %8s\n", ops->name, ops->version,
	       "blocks", "H_CPPR/step", "ratio");
	for (i = 0; i < sizeof(block_sizes) / sizeof(*block_sizes); i++) {
		uint32_t n = block_sizes[i];
		void *inst;
		double t;

		setup_vcpus(&s, 1);
		inst = create(ops, &s);
		/* one PENDING source per block, rejected at CPPR 0 */
		for (b = 0; b < n; b++) {
			struct xr_step set = {
				.kind = XR_STEP_SET_SOURCE,
				.arg = { ((uint64_t)b << XR_ICS_SHIFT) | 0x20,
					 0x0000040500000000ull },
			};

			step(ops, inst, &set, 0);
		}
		t = timed(cppr_cycle, ops, inst, n) / 2;
		ops->destroy(inst);
		if (!base)
			base = t;
		printf("%-20s %6u %11.1f ns %7.2fx\n", "", n, t, t / base);
	}
}

static void bench_one(const struct xr_impl_ops *ops)
{
	bench_vcpus(ops);
	bench_blocks(ops);
}

int main(int argc, char **argv)
{
	uint32_t nr, j;
	int i;

	printf("bench-size: cost per step against guest size "
	       "(issue 13 part 6)\n");
	bench_one(xr_model_ops(XR_CTX_VIRTUAL));
	bench_one(xr_model_ops(XR_CTX_REAL));
	for (i = 1; i < argc; i++) {
		const struct xr_impl_ops *const *ops =
			bench_load_impls(argv[i], &nr);

		for (j = 0; j < nr; j++)
			bench_one(ops[j]);
	}
	return 0;
}
