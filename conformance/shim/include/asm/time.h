/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/time.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_TIME_H
#define XR_SHIM_ASM_TIME_H
#include <xr_shim/all.h>
#endif
