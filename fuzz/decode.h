/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref fuzzing: fuzzer bytes -> a bounded machine set-up and a sequence
 * of scenario steps.  The byte format is documented in docs/fuzzing.md.
 *
 * The decoding is total: every byte string, the empty one included,
 * decodes to a valid set-up and a (possibly empty) list of valid steps.
 * It is stable: byte 0 is a format version; later versions only append
 * fields, so an input that found a bug keeps meaning the same case.
 */
#ifndef XICSREF_FUZZ_DECODE_H
#define XICSREF_FUZZ_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include <xicsref/types.h>

#define XF_FORMAT_VERSION	1

#define XF_MAX_VCPUS		8
#define XF_MAX_SOURCES		16
#define XF_MAX_STEPS		64
#define XF_MAX_CORES		4

/* Which steps a target draws (the step-kind table of docs/fuzzing.md) */
enum xf_profile {
	XF_PROFILE_ALL = 0,	/* every step kind, hcalls weighted up */
	XF_PROFILE_STATE,	/* state save/restore plus a few hcalls */
};

struct xf_case {
	uint8_t version;	/* byte 0 of the input, as read */
	struct xr_setup setup;
	uint32_t nr_blocks;	/* ICS blocks the decoder drew IRQs from */
	uint32_t blocks[2];	/* block numbers (irq >> 10) */
	uint32_t nr_steps;
	struct xr_step steps[XF_MAX_STEPS];
};

/* Decode @len bytes of @data; never fails. */
void xf_decode(const uint8_t *data, size_t len, enum xf_profile profile,
	       struct xf_case *c);

/*
 * Fill @c's ICS blocks (what the decoder draws IRQs from) from its
 * set-up's sources, for a case built from a scenario file: the first two
 * distinct blocks, 4 and 5 when there are fewer.
 */
void xf_case_blocks(struct xf_case *c);

/*
 * Encode @c back into bytes that decode to exactly @c (for any @c that
 * xf_decode produced).  A case from elsewhere (a scenario file) is
 * encoded as closely as the format allows.  Returns the length, or 0 if
 * @cap is too small.
 */
size_t xf_encode(const struct xf_case *c, enum xf_profile profile,
		 uint8_t *buf, size_t cap);

/* The physical CPU count of a set-up */
static inline uint32_t xf_nr_cpus(const struct xr_setup *s)
{
	return s->cores * s->threads;
}

#endif /* XICSREF_FUZZ_DECODE_H */
