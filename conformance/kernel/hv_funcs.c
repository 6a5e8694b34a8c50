// SPDX-License-Identifier: GPL-2.0-only
/*
 * The flat map's writer side from book3s_hv.c (kvmppc_alloc_pimap,
 * kvmppc_set_passthru_irq, kvmppc_clr_passthru_irq), copied mechanically
 * at build time (extract-funcs.awk, text unchanged) into hv_funcs.inc of
 * the kernel tree being tested.  They are static there, so the two entry
 * points below, in the same translation unit, are how kside reaches them.
 */
#include <linux/hash.h>
#include <linux/kvm_host.h>
#include <asm/kvm_ppc.h>
#include "book3s_xics.h"

#include "hv_funcs.inc"

int xk_kernel_set_passthru(struct kvm *kvm, int host_irq, int guest_gsi);
int xk_kernel_clr_passthru(struct kvm *kvm, int host_irq, int guest_gsi);

int xk_kernel_set_passthru(struct kvm *kvm, int host_irq, int guest_gsi)
{
	return kvmppc_set_passthru_irq(kvm, host_irq, guest_gsi);
}

int xk_kernel_clr_passthru(struct kvm *kvm, int host_irq, int guest_gsi)
{
	return kvmppc_clr_passthru_irq(kvm, host_irq, guest_gsi);
}
