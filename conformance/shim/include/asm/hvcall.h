/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/hvcall.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_HVCALL_H
#define XR_SHIM_ASM_HVCALL_H
#include <xr_shim/all.h>
#endif
