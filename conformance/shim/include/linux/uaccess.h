/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/uaccess.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_UACCESS_H
#define XR_SHIM_LINUX_UACCESS_H
#include <xr_shim/all.h>
#endif
