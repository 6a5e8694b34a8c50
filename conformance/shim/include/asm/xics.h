/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/xics.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_XICS_H
#define XR_SHIM_ASM_XICS_H
#include <xr_shim/all.h>
#endif
