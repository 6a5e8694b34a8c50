/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/opal.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_OPAL_H
#define XR_SHIM_ASM_OPAL_H
#include <xr_shim/all.h>
#endif
