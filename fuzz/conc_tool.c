// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref-conc-fuzz: the concurrent_ops byte format by hand.
 *
 *   xicsref-conc-fuzz INPUT > case.scn     an input as the scenario it means
 *   xicsref-conc-fuzz --encode SCN OUT     a scenario with a parallel block
 *                                          -> input bytes (the seed corpus)
 *   xicsref-conc-fuzz --selftest [N [SEED]] N random inputs: each prints as
 *                                          a scenario the parser accepts,
 *                                          and encodes back to itself
 *
 * An input's decisions are printed as comments: which of them an
 * execution takes depends on the execution (the target prints the
 * schedule string of a finding).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conc.h"

static int encode(const char *in, const char *out)
{
	static struct xc_case c;
	static uint8_t bytes[16384];
	struct xr_parse_error err;
	struct xr_scenario scn;
	char *buf, why[200];
	size_t len, n;
	FILE *f;

	buf = xr_read_file(in, &len);
	if (!buf) {
		perror(in);
		return 1;
	}
	if (xr_parse(buf, len, NULL, &scn, &err)) {
		fprintf(stderr, "%s:%u: %s\n", in, err.line, err.msg);
		free(buf);
		return 2;
	}
	free(buf);
	if (xc_from_scenario(&scn, &c, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", in, why);
		xr_scenario_free(&scn);
		return 2;
	}
	xr_scenario_free(&scn);
	n = xc_encode(&c, bytes, sizeof(bytes));
	f = fopen(out, "wb");
	if (!n || !f || fwrite(bytes, 1, n, f) != n || fclose(f)) {
		perror(out);
		return 1;
	}
	return 0;
}

static void print_dec(const struct xc_case *c, const struct xc_dec *d)
{
	int cpu = c->ops[d->op % c->nr_ops].cpu;
	const char *what = d->delay ? "its store waits" : "another CPU runs";

	if (d->random)
		printf("; at each %s decision of cpu %d, %s with probability 1/%u (seed %llu)",
		       d->delay ? "store" : "CPU", cpu, what,
		       2 + (d->pick & 63), (unsigned long long)d->tick);
	else
		printf("; from hook call %llu of cpu %d on, %s (pick %u)",
		       (unsigned long long)d->tick, cpu, what, d->pick);
}

static void print_decs(const struct xc_case *c)
{
	uint32_t i;

	printf("# decisions asked for: the operation at cpu %d starts",
	       c->ops[c->start % c->nr_ops].cpu);
	for (i = 0; i < c->nr_decs; i++)
		print_dec(c, &c->decs[i]);
	printf("\n");
}

static int decode(const char *in)
{
	static struct xc_case c;
	size_t len;
	char *buf = xr_read_file(in, &len);

	if (!buf) {
		perror(in);
		return 1;
	}
	xc_decode((const uint8_t *)buf, len, &c);
	free(buf);
	if (c.nr_ops < 2) {
		fprintf(stderr, "%s: no two operations fit: no block\n", in);
		return 1;
	}
	xc_emit(stdout, &c, "decoded by xicsref-conc-fuzz (concurrent_ops, format version 1)");
	print_decs(&c);
	return 0;
}

static bool same_ops(const struct xc_case *a, const struct xc_case *b)
{
	uint32_t i;

	if (a->nr_ops != b->nr_ops)
		return false;
	for (i = 0; i < a->nr_ops; i++)
		if (a->ops[i].cpu != b->ops[i].cpu ||
		    memcmp(&a->ops[i].step, &b->ops[i].step,
			   sizeof(a->ops[i].step)))
			return false;
	return true;
}

/* One random input: valid scenario, and encode(decode(x)) == decode(x) */
static int self_one(uint64_t *rng, uint32_t k)
{
	static struct xc_case c, d;
	static uint8_t in[512], out[16384];
	struct xr_scenario scn;
	char why[256];
	size_t len, n, i;

	*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
	len = *rng % sizeof(in);
	for (i = 0; i < len; i++) {
		*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
		in[i] = (uint8_t)*rng;
	}
	xc_decode(in, len, &c);
	if (c.nr_ops < 2)
		return 0;
	if (xc_scenario(&c, &scn, why, sizeof(why))) {
		fprintf(stderr, "selftest: input %u is no scenario: %s\n", k, why);
		xc_emit(stderr, &c, "the decoder produced this");
		return 1;
	}
	xr_scenario_free(&scn);
	n = xc_encode(&c, out, sizeof(out));
	xc_decode(out, n, &d);
	if (!n || !same_ops(&c, &d)) {
		fprintf(stderr, "selftest: input %u does not encode back to itself\n", k);
		xc_emit(stderr, &c, "decoded");
		xc_emit(stderr, &d, "encoded and decoded again");
		return 1;
	}
	return 0;
}

static int selftest(uint32_t n, uint64_t seed)
{
	uint64_t rng = seed | 1;
	uint32_t k;

	for (k = 0; k < n; k++)
		if (self_one(&rng, k))
			return 1;
	printf("xicsref-conc-fuzz: selftest: %u random inputs decode to valid scenarios and encode back\n",
	       n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--selftest"))
		return selftest(argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) :
				2000, argc > 3 ? strtoull(argv[3], NULL, 0) :
				0x5eedc0c0ull);
	if (argc == 4 && !strcmp(argv[1], "--encode"))
		return encode(argv[2], argv[3]);
	if (argc == 2 && argv[1][0] != '-')
		return decode(argv[1]);
	fprintf(stderr, "usage: %s INPUT > case.scn\n"
		"       %s --encode SCN OUT\n"
		"       %s --selftest [N [SEED]]\n", argv[0], argv[0], argv[0]);
	return 2;
}
