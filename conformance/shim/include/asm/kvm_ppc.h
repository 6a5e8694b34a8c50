/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/kvm_ppc.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_KVM_PPC_H
#define XR_SHIM_ASM_KVM_PPC_H
#include <xr_shim/all.h>
#endif
