/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/kvm_host.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_KVM_HOST_H
#define XR_SHIM_LINUX_KVM_HOST_H
#include <xr_shim/all.h>
#endif
