/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/types.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_TYPES_H
#define XR_SHIM_LINUX_TYPES_H
#include <xr_shim/all.h>
#endif
