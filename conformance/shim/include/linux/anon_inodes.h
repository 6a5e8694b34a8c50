/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/anon_inodes.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_ANON_INODES_H
#define XR_SHIM_LINUX_ANON_INODES_H
#include <xr_shim/all.h>
#endif
