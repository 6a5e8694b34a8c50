/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The single include point: every kernel header name the XICS files
 * include (<linux/...>, <asm/...>) resolves to a one-line header in the
 * shim that includes this file.  What the kernel files see is therefore
 * exactly the contents of xr_shim/, and nothing of the kernel's own
 * headers except the uapi <asm/kvm.h> and "book3s_xics.h".
 */
#ifndef XR_SHIM_ALL_H
#define XR_SHIM_ALL_H

#include <xr_shim/types.h>
#include <xr_shim/hooks.h>
#include <xr_shim/list.h>
#include <xr_shim/hvcall.h>
#include <xr_shim/machine.h>
#include <xr_shim/irq.h>
#include <xr_shim/kvm.h>
#include <xr_shim/misc.h>

#endif /* XR_SHIM_ALL_H */
