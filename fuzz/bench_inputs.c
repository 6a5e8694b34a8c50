// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref-fuzz-bench-inputs DIR N: N pseudo-random fuzz inputs of exactly
 * 32 steps for each target (fixed seed: the same files on every machine),
 * for `make bench-fuzz`.  DIR/diff_ops, DIR/model_invariants and
 * DIR/state_restore get bytes (the last in the state profile);
 * DIR/scenario_parse gets the scenario texts of the diff_ops cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "emit.h"

#define BENCH_STEPS	32

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint8_t next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 24;
}

/* A case of exactly BENCH_STEPS steps: random bytes, cut after 32 */
static void make_case(enum xf_profile p, struct xf_case *c)
{
	static uint8_t buf[4096];
	size_t i;

	do {
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = next_byte();
		xf_decode(buf, sizeof(buf), p, c);
	} while (c->nr_steps < BENCH_STEPS);
	c->nr_steps = BENCH_STEPS;
}

static int write_file(const char *dir, const char *target, unsigned int i,
		      const void *data, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, target);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/%s/in-%03u", dir, target, i);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct xf_case c, back;
	static uint8_t out[16384];
	unsigned int i, n;
	char *text = NULL;
	size_t len, tlen;
	FILE *f;

	if (argc != 3 || (n = strtoul(argv[2], NULL, 0)) == 0) {
		fprintf(stderr, "usage: %s DIR N\n", argv[0]);
		return 2;
	}
	mkdir(argv[1], 0777);
	for (i = 0; i < n; i++) {
		make_case(XF_PROFILE_ALL, &c);
		len = xf_encode(&c, XF_PROFILE_ALL, out, sizeof(out));
		xf_decode(out, len, XF_PROFILE_ALL, &back);
		if (!len || back.nr_steps != BENCH_STEPS) {
			fprintf(stderr, "%s: input %u decodes to %u steps\n",
				argv[0], i, back.nr_steps);
			return 1;
		}
		if (write_file(argv[1], "diff_ops", i, out, len) ||
		    write_file(argv[1], "model_invariants", i, out, len))
			return 1;
		f = open_memstream(&text, &tlen);
		if (!f)
			return 1;
		xf_emit(f, &c, NULL);
		fclose(f);
		if (write_file(argv[1], "scenario_parse", i, text, tlen))
			return 1;
		free(text);
		make_case(XF_PROFILE_STATE, &c);
		len = xf_encode(&c, XF_PROFILE_STATE, out, sizeof(out));
		if (!len || write_file(argv[1], "state_restore", i, out, len))
			return 1;
	}
	return 0;
}
