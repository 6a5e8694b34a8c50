/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/kvm.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_KVM_H
#define XR_SHIM_LINUX_KVM_H
#include <xr_shim/all.h>
#endif
