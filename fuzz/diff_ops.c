// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target diff_ops: every kernel implementation of every kernel .so
 * against the reference model, step by step, through the runner core.
 * The model runs with the quirks of the documented deviations that apply
 * to the implementation, so only new differences are findings; the first
 * one is shrunk, printed as a scenario, and aborts.
 */

#include "harness.h"

static struct xf_impls impls;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xf_load_kernels_or_exit(&impls, "diff_ops");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	xf_diff_input("diff_ops", data, len, XF_PROFILE_ALL, &impls);
	return 0;
}
