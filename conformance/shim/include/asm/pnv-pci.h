/* SPDX-License-Identifier: GPL-2.0-only */
/* <asm/pnv-pci.h>: see xr_shim/all.h */
#ifndef XR_SHIM_ASM_PNV_PCI_H
#define XR_SHIM_ASM_PNV_PCI_H
#include <xr_shim/all.h>
#endif
