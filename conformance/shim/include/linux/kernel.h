/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/kernel.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_KERNEL_H
#define XR_SHIM_LINUX_KERNEL_H
#include <xr_shim/all.h>
#endif
