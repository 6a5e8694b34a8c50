/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/synch.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_SYNCH_H
#define XR_SHIM_ASM_SYNCH_H
#include <xr_shim/all.h>
#endif
