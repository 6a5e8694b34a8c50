/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/opal-api.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_OPAL_API_H
#define XR_SHIM_ASM_OPAL_API_H
#include <xr_shim/all.h>
#endif
