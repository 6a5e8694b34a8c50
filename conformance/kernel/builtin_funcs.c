// SPDX-License-Identifier: GPL-2.0-only
/*
 * Functions of book3s_hv_builtin.c that the XICS code needs, copied
 * mechanically at build time (extract-funcs.awk, by name, text
 * unchanged) into builtin_funcs.inc of the kernel tree being tested.
 * That file is far too large to compile whole.
 */
#include <linux/hash.h>
#include <linux/kvm_host.h>
#include <asm/kvm_ppc.h>
#include "book3s_xics.h"

#include "builtin_funcs.inc"
