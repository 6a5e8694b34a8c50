/* SPDX-License-Identifier: GPL-2.0-only */
/* One simulated VM on the kernel side (kside.c builds, kside_steps.c runs) */
#ifndef XR_KSIDE_H
#define XR_KSIDE_H

#include <xr_shim/state.h>
#include "book3s_xics.h"

#define XK_GUEST_MEM	4096
#define XK_RTAS_SLOTS	5		/* the steps, and a block's 4 (XR_PAR_OPS) */

struct xk_vm {
	struct shim_machine m;
	struct kvm kvm;
	struct kvm_vcpu *vcpu;		/* the set-up's VCPUs */
	struct kvm_device *dev;
	struct hlist_node ack_node;	/* a registered ack notifier */
	int host_cpu;			/* CPU of host-side work */
	u8 guest_mem[XK_GUEST_MEM];	/* holds the RTAS argument buffer */
	/*
	 * The VCPUs RTAS calls are made with, and their argument buffers in
	 * guest memory: only a VCPU's registers and kvm are used.  Slot 0
	 * serves the steps; in a parallel block each CPU that calls RTAS gets
	 * a slot of its own (rtas_owner: its CPU), as each guest CPU has its
	 * registers and its buffer, so that two calls at the same time and a
	 * hypercall beside them do not clobber each other's.
	 */
	struct kvm_vcpu rtas_vcpu[XK_RTAS_SLOTS];
	int rtas_owner[XK_RTAS_SLOTS];
#ifdef CONFIG_PPC_XIVE
	struct kvmppc_vcore *vcore;	/* one per VCPU (kside_xive.c) */
	struct pt_regs_shim *regs_before; /* the VCPUs' registers, per hcall */
#endif
};

#ifdef CONFIG_PPC_XIVE
/* The XIVE host of a new VM, once its VCPUs exist: 0 or -ENOMEM */
int xk_xive_build(struct xk_vm *vm, unsigned long long tb_offset);
/* VCPU @vi leaves (@running false) or enters the guest on its CPU */
void xk_xive_placed(struct xk_vm *vm, int vi, bool running);
/* VFIO's request_irq of a passed-through device's MSI (kside_xive_pt.c) */
void xk_xive_vfio_request(struct xk_vm *vm, int host_irq);
/* A flat-map step KVM never makes on a XIVE host: refused (true) */
bool xk_xive_pt_unreachable(struct xk_vm *vm, int host_irq, unsigned int irq);
bool xk_xive_unpt_unreachable(struct xk_vm *vm, int host_irq,
			      unsigned int irq, bool live);
#endif

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

/*
 * What the host does once a step's kernel work returns: the XIVE's
 * escalation interrupts it raised (kernel-xive), then the host messages.
 */
static inline void xk_host_done(struct xk_vm *vm)
{
#ifdef CONFIG_PPC_XIVE
	shim_xive_run_escalations();
#endif
	shim_run_host_messages();
}

/* A one-line reason into @err (no libc on this side) */
static inline void xk_msg(char *err, unsigned long len, const char *msg)
{
	unsigned long i;

	for (i = 0; len && i + 1 < len && msg[i]; i++)
		err[i] = msg[i];
	if (len)
		err[i] = 0;
}

static inline bool xk_valid_vcpu(struct xk_vm *vm, int vi)
{
	return vi >= 0 && vi < (int)vm->kvm.nr_vcpus;
}

/* The device's source attribute (kside.c): get or set, as user space */
int xk_source_attr(struct xk_vm *vm, bool set, u64 irq, u64 *val);

#endif /* XR_KSIDE_H */
