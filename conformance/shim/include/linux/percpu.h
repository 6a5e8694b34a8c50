/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/percpu.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_PERCPU_H
#define XR_SHIM_LINUX_PERCPU_H
#include <xr_shim/all.h>
#endif
