/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/gfp.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_GFP_H
#define XR_SHIM_LINUX_GFP_H
#include <xr_shim/all.h>
#endif
