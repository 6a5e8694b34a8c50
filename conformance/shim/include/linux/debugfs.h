/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/debugfs.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_DEBUGFS_H
#define XR_SHIM_LINUX_DEBUGFS_H
#include <xr_shim/all.h>
#endif
