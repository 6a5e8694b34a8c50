/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/pgtable.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_PGTABLE_H
#define XR_SHIM_LINUX_PGTABLE_H
#include <xr_shim/all.h>
#endif
