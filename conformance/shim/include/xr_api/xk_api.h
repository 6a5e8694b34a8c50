/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boundary between the two worlds of the kernel shared object:
 * kside (compiled like the kernel, -nostdinc, kernel types) and the
 * adapter (compiled with libc and the xicsref headers).  Only plain C
 * types cross it.  Event kinds use the numbers of enum xr_event_kind;
 * the adapter checks that at compile time.
 */
#ifndef XR_API_XK_API_H
#define XR_API_XK_API_H

#define XK_MAX_VCPUS	2048	/* KVM_MAX_VCPUS (NR_CPUS) */
#define XK_MAX_SOURCES	256
#define XK_MAX_EVENTS	64

enum xk_ev_kind {
	XK_EV_RAISE, XK_EV_LOWER, XK_EV_MSGSND, XK_EV_IPI, XK_EV_KICK,
	XK_EV_HW_EOI, XK_EV_RETARGET, XK_EV_ACK, XK_EV_MER, XK_EV_WARN,
	XK_EV_LOG,
};

struct xk_event {
	unsigned char kind;
	unsigned int a, b;
};

struct xk_events {
	unsigned int nr;
	_Bool overflow;
	struct xk_event ev[XK_MAX_EVENTS];
};

struct xk_config {
	int power;			/* 8 or 9 */
	unsigned int cores, threads;
	_Bool real_mode, ipi_redirect, bypass, ack_notifier;
	_Bool real_mode_dbg;		/* xics->real_mode_dbg (DEBUG_REALMODE) */
	_Bool no_xics;			/* the RTAS tokens but no XICS device */
	/* every VCORE's tb_offset (guest minus host time base) */
	unsigned long long tb_offset;
	unsigned int nr_vcpus;
	struct {
		unsigned int id, server;
		_Bool has_icp;
		int cpu;		/* -1: not running */
	} vcpu[XK_MAX_VCPUS];
	unsigned int nr_sources;
	struct {
		unsigned int irq, server;
		_Bool lsi;
		unsigned char prio;
	} src[XK_MAX_SOURCES];
	unsigned int nr_passthru;
	struct {
		unsigned int hw, irq;
	} pt[XK_MAX_SOURCES];
};

struct xk_icp {
	unsigned char cppr, mfrr, pprio;
	unsigned int xisr;
	_Bool need_resend, out_ee, line;
};

struct xk_source {
	_Bool exists, lsi, p, q, resend, masked_pending, pt_mapped;
	_Bool asserted;			/* an LSI's input level */
	unsigned int server;
	unsigned char prio, saved;
	int intr_cpu;
};

struct xk_vm;

/* The CPU host-side operations run on (irq input, state I/O) */
#define XK_HOST_CPU_NONE	(-1)

struct xk_vm *xk_create(const struct xk_config *cfg, char *err,
			unsigned long errlen);
void xk_destroy(struct xk_vm *vm);
/*
 * Reset without creating again: xk_snapshot copies the VM's whole heap
 * (everything the kernel files and the shim hold for it) right after
 * creation, xk_restore copies it back.  Both return -1 where the VM has
 * no heap of its own (explore builds, no memory): create it again.
 * @broken restores half of it, for the reset's own tests only.
 */
int xk_snapshot(struct xk_vm *vm);
int xk_restore(struct xk_vm *vm, _Bool broken);

int xk_vcpu_index(struct xk_vm *vm, unsigned int vcpu_id);

/*
 * One XICS hypercall by VCPU index @vi through the kernel's own paths:
 * real mode (xics_rm_h_* then kvmppc_xics_hcall on H_TOO_HARD) or
 * virtual mode only.  Returns 0 and fills *rc, *r4, *r5; -1 when the
 * kernel would not handle it (no XICS for this VCPU: book3s_hv.c
 * returns to userspace) with a reason in err.
 */
int xk_hcall(struct xk_vm *vm, int vi, unsigned long req, unsigned long a0,
	     unsigned long a1, _Bool real_mode_path, long *rc,
	     unsigned long *r4, unsigned long *r5, char *err,
	     unsigned long errlen);

/*
 * RTAS call @name with 32-bit @args through kvmppc_rtas_hcall; fills
 * rets[0..nret-1].  Returns the kvmppc_rtas_hcall result (0 on success).
 */
int xk_rtas(struct xk_vm *vm, const char *name, const unsigned int *args,
	    unsigned int nargs, unsigned int *rets, unsigned int nret);

int xk_set_irq(struct xk_vm *vm, unsigned int irq, int input /* xr_irq_input */);
/* ICS-INPUT-RAW: the level as kvm_set_irq passes it */
int xk_set_irq_level(struct xk_vm *vm, unsigned int irq, int level);
long long xk_set_icp(struct xk_vm *vm, int vi, unsigned long long val);
long long xk_get_icp(struct xk_vm *vm, int vi, unsigned long long *val);
long long xk_set_source(struct xk_vm *vm, unsigned long long irq,
			unsigned long long val);
long long xk_get_source(struct xk_vm *vm, unsigned long long irq,
			unsigned long long *val);
int xk_vcpu_run(struct xk_vm *vm, int vi, int cpu);

_Bool xk_icp_state(struct xk_vm *vm, int vi, struct xk_icp *out);
/*
 * kernel-vm/rm (kside_steps.c), for changed_icps: each of the first @n
 * VCPUs' ICP in two words, its raw state (every field xk_icp_state reads)
 * and 1 | line << 1 (0: no ICP), against @seen[2 * vi] and the word
 * after it; where they differ, or (@valid false) for every VCPU, the new
 * words go to @seen and bit vi is set in @map.
 */
void xk_icps_changed(struct xk_vm *vm, unsigned long long *seen, _Bool valid,
		     unsigned long long *map, unsigned int n);
_Bool xk_source_state(struct xk_vm *vm, unsigned int irq,
		      struct xk_source *out);
unsigned int xk_ics_blocks(struct xk_vm *vm, unsigned int *first_irqs,
			   unsigned int max);
/* Bit i of map[16]: source first_irq + i is not as the block was created */
_Bool xk_changed_sources(struct xk_vm *vm, unsigned int first_irq,
			 unsigned long long *map);
/*
 * Passthrough (passthru_steps.c).  xk_passthru maps @n devices hw+i ->
 * irq+i through kvmppc_set_passthru_irq, stopping at the first non-zero
 * return; xk_unpassthru calls kvmppc_clr_passthru_irq.  xk_hwirq makes
 * @hw pending at @cpu (with a host IPI flagged there if @host_ipi) and
 * runs kvmppc_read_intr there, with @then_hw (0: none) presented once the
 * first is read; *ret is its
 * result (0, 1, 2, -1, -2).  -1 when the step cannot run.
 */
int xk_pt_init(struct xk_vm *vm, const struct xk_config *cfg);
void xk_pt_fini(struct xk_vm *vm);
long long xk_passthru(struct xk_vm *vm, unsigned int hw, unsigned int irq,
		      unsigned int n);
long long xk_unpassthru(struct xk_vm *vm, unsigned int irq);
int xk_hwirq(struct xk_vm *vm, unsigned int hw, int cpu, _Bool host_ipi,
	     unsigned int then_hw, long *ret, char *err, unsigned long errlen);
/* ROUTE-HOST-IPI: the host sends physical CPU @cpu an IPI; -1: no such CPU */
int xk_host_ipi(struct xk_vm *vm, int cpu);

/*
 * FAULT-ARM: the @nth operation of kind @kind from now fails, once (0
 * disarms).  Kinds use the numbers of enum xr_fault_kind.  Returns what
 * the previous arming of that kind still waited for; -1: no such kind.
 */
enum xk_fault_kind {
	XK_FAULT_ALLOC, XK_FAULT_GET_USER, XK_FAULT_PUT_USER, XK_FAULT_PHB_EOI,
	XK_FAULT_OPAL_SET_XIVE, XK_FAULT_OPAL_GET_XIRR, XK_FAULT_OPAL_EOI,
	XK_FAULT_NR_KINDS
};
long long xk_fail(struct xk_vm *vm, unsigned int kind, unsigned int nth);

/* Kernel WARNs hit so far (each is a finding) */
unsigned int xk_warnings(struct xk_vm *vm);
/*
 * What the simulated hardware complained of last (kernel-xive: an MMIO
 * access its XIVE does not know, such as an ESB page that was never
 * set up) and the address, copied to @buf and @addr and forgotten; 0
 * when it has said nothing.
 */
int xk_hw_complaint(struct xk_vm *vm, char *buf, unsigned long len,
		    unsigned long *addr);
/* What get_tb() reads: the model's XR_TIMEBASE (adapter.c checks) */
#define XK_TIMEBASE	0x00000007b3c0ffeeUL
/*
 * One step's frame, in one call each way (the adapter's per-step cost,
 * make bench-hcall): begin sends the step's events to @sink and returns
 * the warnings so far; end stops the events and returns what the step
 * broke, as XK_END_* bits, and clears the guard and the lock and
 * interrupt state for the next step.
 */
#define XK_END_WARNED		1	/* a WARN or a hardware complaint */
/* the guard in front of the host-core array (rm_core[-1]) was written:
 * a host-core search went below core 0 */
#define XK_END_RM_GUARD		2
/* a lock still held or host interrupts still off */
#define XK_END_UNBALANCED	4
unsigned int xk_step_begin(struct xk_vm *vm, struct xk_events *sink);
unsigned int xk_step_end(struct xk_vm *vm, unsigned int warnings);

/*
 * Parallel blocks (explore builds, kside_explore.c).  Between begin and
 * end the explorer runs the steps of the block on simulated CPUs and
 * says at every switch which CPU runs and where its events go; host
 * messages are then handled by host work the IPI starts, not at the end
 * of a step.
 */
void xk_explore_begin(struct xk_vm *vm);
void xk_explore_end(struct xk_vm *vm);
void xk_explore_cpu(struct xk_vm *vm, int cpu, struct xk_events *sink);
/*
 * What CPU @cpu has to do because of an IPI or doorbell: nothing, host
 * work (a host CPU's IPI handler), or a guest entry (a CPU in the guest
 * that a doorbell made exit).
 */
enum { XK_WORK_NONE, XK_WORK_HOST, XK_WORK_GUEST };
int xk_explore_host_pending(struct xk_vm *vm, int cpu);
void xk_explore_host_work(struct xk_vm *vm, int cpu);
void xk_explore_visible(struct xk_vm *vm, unsigned long addr);
_Bool xk_name_addr(struct xk_vm *vm, unsigned long addr, char *buf,
		   unsigned long len);
/* The kernel's bookkeeping once quiescent: 0, or 1 and why in @buf */
int xk_explore_check(struct xk_vm *vm, char *buf, unsigned long len);

#endif /* XR_API_XK_API_H */
