/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/kvm_book3s.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_KVM_BOOK3S_H
#define XR_SHIM_ASM_KVM_BOOK3S_H
#include <xr_shim/all.h>
#endif
