/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/cputhreads.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_CPUTHREADS_H
#define XR_SHIM_ASM_CPUTHREADS_H
#include <xr_shim/all.h>
#endif
