/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/rtas.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_RTAS_H
#define XR_SHIM_ASM_RTAS_H
#include <xr_shim/all.h>
#endif
