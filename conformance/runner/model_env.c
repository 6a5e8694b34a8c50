// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the reference environment is the real model.  Kept in
 * its own file so that the core links without the model when a test
 * supplies another reference.
 */
#include <xicsref/model.h>

#include "run.h"

const struct xr_run_env xr_model_env = {
	.ref_ops = xr_model_ops,
	.dev_find = xr_deviation_find,
	.dev_list = xr_deviations,
};
