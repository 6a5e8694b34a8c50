/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/delay.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_DELAY_H
#define XR_SHIM_LINUX_DELAY_H
#include <xr_shim/all.h>
#endif
