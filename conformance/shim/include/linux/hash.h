/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * <linux/hash.h>: hash_32, the multiplicative hash of the kernel's
 * include/linux/hash.h (the golden ratio 0x61C88647 times the value,
 * its top bits).  The unmodified XICS files do not use it; a patch under
 * review that hashes the flat map (examples/patches/) does.
 */
#ifndef XR_SHIM_LINUX_HASH_H
#define XR_SHIM_LINUX_HASH_H
#include <xr_shim/all.h>

#define GOLDEN_RATIO_32	0x61C88647

static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	/* high bits are more random, so use them */
	return __hash_32(val) >> (32 - bits);
}
#endif
