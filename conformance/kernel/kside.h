/* SPDX-License-Identifier: GPL-2.0-only */
/* One simulated VM on the kernel side (kside.c builds, kside_steps.c runs) */
#ifndef XR_KSIDE_H
#define XR_KSIDE_H

#include <xr_shim/state.h>
#include "book3s_xics.h"

#define XK_GUEST_MEM	4096

struct xk_vm {
	struct shim_machine m;
	struct kvm kvm;
	struct kvm_vcpu vcpu[XK_MAX_VCPUS];
	struct kvm_device *dev;
	struct hlist_node ack_node;	/* a registered ack notifier */
	int host_cpu;			/* CPU of host-side work */
	u8 guest_mem[XK_GUEST_MEM];	/* holds the RTAS argument buffer */
	/*
	 * The VCPU an RTAS call is made with: only its registers and kvm are
	 * used, and its own registers keep an RTAS call in a parallel block
	 * off the GPRs of a VCPU making a hypercall at the same time.
	 */
	struct kvm_vcpu rtas_vcpu;
};

/*
 * The kernel work of a step runs as physical CPU @cpu; while a parallel
 * block is explored the explorer says which CPU runs (xk_explore_cpu).
 */
static inline void xk_on_cpu(struct xk_vm *vm, int cpu)
{
	shim_select(&vm->m);
	if (!vm->m.exploring)
		vm->m.cur_cpu = cpu;
}

#endif /* XR_KSIDE_H */
