/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/cpumask.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_CPUMASK_H
#define XR_SHIM_LINUX_CPUMASK_H
#include <xr_shim/all.h>
#endif
