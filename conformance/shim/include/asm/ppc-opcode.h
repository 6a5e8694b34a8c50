/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/ppc-opcode.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_PPC_OPCODE_H
#define XR_SHIM_ASM_PPC_OPCODE_H
#include <xr_shim/all.h>
#endif
