/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/dbell.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_DBELL_H
#define XR_SHIM_ASM_DBELL_H
#include <xr_shim/all.h>
#endif
