/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref fuzzing: what the decoder and the encoder share and nobody
 * else needs (docs/fuzzing.md describes the format itself).
 */
#ifndef XICSREF_FUZZ_DECODE_INTERNAL_H
#define XICSREF_FUZZ_DECODE_INTERNAL_H

#include <stdbool.h>

#include "decode.h"

/* What a 64-bit argument names, which picks its "valid small" values */
enum xf_hint {
	XF_HINT_PRIO,
	XF_HINT_SERVER,
	XF_HINT_IRQ,
	XF_HINT_XIRR,
	XF_HINT_ICP,
	XF_HINT_SOURCE,
};

/* Where the VCPUs run while decoding, and the ICS blocks in use */
struct xf_layout {
	int32_t cpu_of[XF_MAX_VCPUS];
	uint32_t nr_blocks;
	uint32_t blocks[2];
	/* ICS blocks that exist so far (set-up sources, set-source) */
	uint8_t known[XR_NR_IRQS / XR_IRQS_PER_ICS / 8];
};

/* Value selectors the encoder writes: always exact, never weighted */
#define XF_SEL_RAW64		0xff	/* 8 bytes follow, little endian */
#define XF_SEL_RAW_IRQ		0xff	/* 3 bytes follow */

bool xf_is_hcall(enum xr_step_kind k);
int xf_kind_index(enum xf_profile profile, enum xr_step_kind k);

#endif /* XICSREF_FUZZ_DECODE_INTERNAL_H */
