/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/xive.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_XIVE_H
#define XR_SHIM_ASM_XIVE_H
#include <xr_shim/all.h>
#endif
