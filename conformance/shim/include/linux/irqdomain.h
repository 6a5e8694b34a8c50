/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/irqdomain.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_IRQDOMAIN_H
#define XR_SHIM_LINUX_IRQDOMAIN_H
#include <xr_shim/all.h>
#endif
