/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/debug.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_DEBUG_H
#define XR_SHIM_ASM_DEBUG_H
#include <xr_shim/all.h>
#endif
