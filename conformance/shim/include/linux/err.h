/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/err.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_ERR_H
#define XR_SHIM_LINUX_ERR_H
#include <xr_shim/all.h>
#endif
