/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/smp.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_SMP_H
#define XR_SHIM_ASM_SMP_H
#include <xr_shim/all.h>
#endif
