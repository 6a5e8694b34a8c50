// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target diff_ops: every kernel implementation of every kernel .so
 * against the reference model, step by step, through the runner core.
 * The model runs with the quirks of the documented deviations that apply
 * to the implementation, so only new differences are findings; the first
 * one is shrunk, printed as a scenario, and aborts.
 */

#include "harness.h"

/*
 * The per-version builds (fuzz.mk: diff_ops_6_1, diff_ops_xive_6_1, ...)
 * name themselves, their kernel version (MAJOR.MINOR) and their family
 * (xics: kernel-vm and kernel-rm; xive: kernel-xive); this one runs every
 * implementation loaded.
 */
#ifndef XF_TARGET_NAME
#define XF_TARGET_NAME	"diff_ops"
#endif
#ifndef XF_ONLY_VERSION
#define XF_ONLY_VERSION	NULL
#endif
#ifndef XF_ONLY_FAMILY
#define XF_ONLY_FAMILY	NULL
#endif

static struct xf_impls impls;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xf_load_kernels_or_exit(&impls, XF_TARGET_NAME, XF_ONLY_VERSION,
				XF_ONLY_FAMILY);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	xf_diff_input(XF_TARGET_NAME, data, len, XF_PROFILE_ALL, &impls);
	return 0;
}
