/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state of one simulated machine.  Kernel globals (paca_ptrs,
 * threads_shift, h_ipi_redirect, ...) are loaded from the selected
 * machine by shim_select(), so that several instances (kernel-vm and
 * kernel-rm of one set-up) can live in one shared object.
 */
#ifndef XR_SHIM_STATE_H
#define XR_SHIM_STATE_H

#include <xr_shim/all.h>
#include <xr_api/xk_api.h>
#include <xr_api/xs_api.h>

#define SHIM_MAX_CPUS	2048	/* NR_CPUS */
#define SHIM_MMIO_SIZE	16

struct shim_cpu {
	struct paca_struct paca;
	unsigned long lpcr;
	u8 mmio[SHIM_MMIO_SIZE];	/* XICS presentation registers */
	unsigned long messages;		/* muxed host IPI messages, a byte each */
	bool ipi_raised;		/* its XICS IPI is pending (MFRR set) */
	bool ipi_unacked;		/* the IPI was read from the XIRR, no EOI yet */
	u32 queued_xirr;		/* presented after the pending one */
	bool xirr_unread;		/* FAULT-READ-XIRR: OPAL failed to read it */
	bool doorbell;			/* a msgsnd its guest has not yet
					 * re-entered for (explore builds) */
};

/* What a VCPU's last guest entry saw (shim_machine.entry, explore builds) */
#define SHIM_ENTRY_SAW		1	/* its external interrupt pending */
#define SHIM_ENTRY_KICKED	2	/* kicked since (the shim's kick) */

struct shim_machine {
	struct shim_vmheap *heap;	/* where its blocks come from, or NULL */
	int power;
	int cores, threads, nr_cpus, threads_shift;
	int cur_cpu;
	bool exploring;			/* a parallel block runs (explore builds) */
	bool par_marked;		/* a parallel block ran: par_mark is valid */
	unsigned long par_mark;		/* the arena before it (shim_arena_mark) */
	unsigned int nr_host_msgs;	/* CPUs with a muxed message pending */
	struct shim_cpu *cpu;			/* nr_cpus of them */
	struct paca_struct **paca_ptrs;		/* nr_cpus of them */
	struct kvmppc_host_rm_ops rm_ops;
	struct kvmppc_host_rm_core *rm_core;
	bool has_rm_ops;		/* POWER8 only, as the kernel */
	/* FAULT-ARM: operations left before the armed one fails (fault.c) */
	unsigned int fault_in[XK_FAULT_NR_KINDS];
	int ipi_redirect, irq_bypass;
	bool ack_notifier;
	struct kvm *kvm;
	unsigned long *seen_pending;	/* by VCPU index, kvm->nr_vcpus */
	unsigned char *entry;		/* by VCPU index: SHIM_ENTRY_* */
	struct xk_events *sink;
	unsigned int warnings;
	/* WARNs of the kernel files, set-up included (xk_build checks them) */
	unsigned int kernel_warns;
	/*
	 * Lock and interrupt discipline of sequential runs (hooks.h): locks
	 * held and local_irq_save depth, both 0 between steps; a release
	 * of what is not held is a warning.
	 */
	int locks_held, irq_depth;
	u8 *guest_mem;
	unsigned long guest_mem_size;
	struct shim_pt *pt;		/* passed-through devices (phys_icp.c) */
	struct shim_xive *xive;		/* the XIVE of a POWER9 host (xive_*.c) */
};

extern struct shim_machine *shim_cur;

void shim_select(struct shim_machine *m);
void shim_event(int kind, unsigned int a, unsigned int b);
/* The host side of a step: run pending host-core messages */
void shim_run_host_messages(void);
/*
 * Host IPIs (shim/machine.c, kernel/host_ipi.c): is host CPU @cpu (one
 * that runs no VCPU) sent a message it has not taken?  Then take it there
 * (the current CPU).  A CPU that runs a VCPU takes its host IPIs when it
 * next exits to the host.
 */
bool shim_host_msg_pending(int cpu);
void shim_host_action(int cpu);
void shim_host_take_ipi(int cpu);
void shim_host_send_ipi(int cpu);
/* CPU @cpu, in the guest, re-enters it (after a doorbell or hypercall) */
void shim_guest_entry(int cpu);
/* ... and its entry code read @pending_exceptions (bookkeeping) */
void shim_entered(int cpu, struct kvm_vcpu *vcpu,
		  unsigned long pending_exceptions);
/* A doorbell to @cpu, in the guest, not yet re-entered for */
bool shim_doorbell_pending(int cpu);
/* The shim's kicks (kvm_host.c): the VCPU will enter again */
void shim_kicked(struct kvm_vcpu *vcpu);
/* Explore builds: an MFRR store, instrumented (host_ipi.c), and its
 * arrival at the physical ICP (machine.c) */
void shim_mmio_store8(u8 *reg, u8 val);
void shim_mfrr_landed(int cpu);
/* Bookkeeping of the shim: a message was posted, an XICS IPI taken */
void shim_message_posted(int cpu);
void shim_ipi_lowered(int cpu);
/* Recompute in_host of every core from VCPU placement */
void shim_update_in_host(void);
void shim_kick_hv(struct kvm_vcpu *vcpu);

/* Passed-through devices and the physical XIRR (shim/phys_icp.c) */
#define SHIM_PT_MAX_DEVS	2048
int shim_pt_create(struct shim_machine *m);
void shim_pt_destroy(struct shim_machine *m);
/* The device of XICS number @hw (created when @create), its host_irq */
int shim_pt_dev(unsigned int hw, bool create);
int shim_pt_route(int host_irq, unsigned int guest_irq, bool live);
/* The guest IRQ a live device of @hw is routed to, or -1 */
long shim_pt_live_irq(unsigned int hw);
/* The live device routed to @guest_irq, else the first one, else -1 */
int shim_pt_host_irq_of(unsigned int guest_irq, bool *was_live);
/* The index of the device whose Linux number is @virq, or -1 */
int shim_pt_dev_index(unsigned int virq);
/* The guest IRQ the device of Linux number @virq is routed to, or -1 */
long shim_pt_live_virq(unsigned int virq);
void shim_set_pending_xirr(int cpu, u32 xirr);
/* The pending XIRR was read: the queued one (if any) is presented */
void shim_xirr_accepted(int cpu);
bool shim_xirr_pending(int cpu);
u32 shim_xirr_head(int cpu);

#endif /* XR_SHIM_STATE_H */
