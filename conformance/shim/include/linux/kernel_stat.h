/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/kernel_stat.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_KERNEL_STAT_H
#define XR_SHIM_LINUX_KERNEL_STAT_H
#include <xr_shim/all.h>
#endif
