/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/spinlock.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_SPINLOCK_H
#define XR_SHIM_LINUX_SPINLOCK_H
#include <xr_shim/all.h>
#endif
