// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref-fuzz-selftest: properties of the byte format, on pseudo-random
 * inputs of every length up to 600 bytes (fixed seed, reproducible):
 *   1. decoding is total: it returns, and the case is a valid scenario
 *      (printed, then parsed by the runner's parser to the same case);
 *   2. encode(decode(x)) decodes to the same case, in both profiles;
 *   3. the empty input and an all-0xff input decode too;
 *   4. short inputs rich in passthru kind bytes (the set-up map grows
 *      from leading passthru steps, and a case may end with no step);
 *   5. the hang bound (hang.c): runs that return are never abandoned,
 *      however many watchdog ticks fall in them, and a run that spins is
 *      abandoned once it has used its bound of CPU time, after which
 *      bounded runs go on as before.
 * Exit status 1 and the offending case on the first failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "decode.h"
#include "decode_internal.h"
#include "emit.h"
#include "hang.h"
#include "harness.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint8_t next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 24;
}

static bool same_case(const struct xf_case *a, const struct xf_case *b)
{
	uint32_t i;

	if (a->nr_steps != b->nr_steps ||
	    memcmp(&a->setup, &b->setup, sizeof(a->setup)))
		return false;
	for (i = 0; i < a->nr_steps; i++)
		if (a->steps[i].kind != b->steps[i].kind ||
		    a->steps[i].vcpu != b->steps[i].vcpu ||
		    memcmp(a->steps[i].arg, b->steps[i].arg,
			   sizeof(a->steps[i].arg)))
			return false;
	return true;
}

static int check(const uint8_t *in, size_t len, enum xf_profile p)
{
	static struct xf_case a, b;
	static uint8_t out[16384];
	char why[256];
	size_t n;

	xf_decode(in, len, p, &a);
	if (!xf_valid(&a, why, sizeof(why))) {
		fprintf(stderr, "selftest: invalid case (%s)\n", why);
		xf_emit(stderr, &a, "invalid");
		return 1;
	}
	n = xf_encode(&a, p, out, sizeof(out));
	xf_decode(out, n, p, &b);
	if (!n || !same_case(&a, &b)) {
		fprintf(stderr, "selftest: encode/decode round trip differs\n");
		xf_emit(stderr, &a, "decoded");
		xf_emit(stderr, &b, "re-decoded");
		return 1;
	}
	return 0;
}

static double cpu_msec(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3;
}

static volatile uint64_t spin_sink;

/* *(unsigned int *)arg rounds of busy work; UINT_MAX: forever */
static void spin(void *arg)
{
	unsigned int n = *(unsigned int *)arg, i;

	for (i = 0; n == ~0u || i < n; i++)
		spin_sink = spin_sink * 6364136223846793005ull + i;
}

static int check_hang_bound(void)
{
	unsigned int work = 20000, forever = ~0u, i;
	double t0 = cpu_msec(), used;

	/* about 200 ms of short runs: every tick falls in one of them */
	for (i = 0; cpu_msec() - t0 < 200; i++)
		if (!xf_run_bounded(spin, &work, 30)) {
			fprintf(stderr, "fuzz selftest: short run %u abandoned "
				"by the hang bound\n", i);
			return 1;
		}
	t0 = cpu_msec();
	if (xf_run_bounded(spin, &forever, 50)) {
		fprintf(stderr, "fuzz selftest: a spinning run returned\n");
		return 1;
	}
	used = cpu_msec() - t0;
	if (used < 50) {
		fprintf(stderr, "fuzz selftest: a spinning run abandoned after "
			"%.1f ms of CPU time, bound 50 ms\n", used);
		return 1;
	}
	if (!xf_run_bounded(spin, &work, 30)) {
		fprintf(stderr, "fuzz selftest: a short run after a hang was "
			"abandoned\n");
		return 1;
	}
	printf("fuzz selftest: hang bound: %u short runs kept, a spinning run "
	       "abandoned after %.0f ms of CPU time (bound 50 ms)\n", i + 1,
	       used);
	return 0;
}

int main(void)
{
	static uint8_t buf[600];
	unsigned int i, k, nr = 0;
	uint8_t passthru_kind;
	size_t len;

	passthru_kind = xf_kind_index(XF_PROFILE_ALL, XR_STEP_PASSTHRU);
	memset(buf, 0xff, sizeof(buf));
	if (check(NULL, 0, XF_PROFILE_ALL) ||
	    check(buf, sizeof(buf), XF_PROFILE_ALL) ||
	    check(buf, sizeof(buf), XF_PROFILE_STATE))
		return 1;
	for (i = 0; i < 20000; i++) {
		len = i % sizeof(buf);
		for (k = 0; k < len; k++)
			buf[k] = next_byte();
		if (check(buf, len, i & 1 ? XF_PROFILE_STATE : XF_PROFILE_ALL))
			return 1;
		nr++;
	}
	/* every other byte a passthru kind byte, any VCPU bits */
	for (i = 0; i < 5000; i++) {
		len = 1 + i % 80;
		for (k = 0; k < len; k++)
			buf[k] = next_byte() & 1 ? next_byte() :
				 (next_byte() & 0xe0) | passthru_kind;
		if (check(buf, len, XF_PROFILE_ALL))
			return 1;
		nr++;
	}
	printf("fuzz selftest: %u random inputs: valid scenarios, round trips exact\n",
	       nr + 3);
	return check_hang_bound();
}
