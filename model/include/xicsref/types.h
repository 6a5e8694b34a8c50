/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref: the vocabulary shared by the model, the kernel adapters and the
 * runner.  Everything here is plain data: a machine set-up, one step of the
 * scenario language, the result of a step, the observable events, and the
 * abstract ICP and ICS state that every implementation reports.
 *
 * The scenario language these structures carry is specified in
 * docs/scenario-language.md (core contract plus xicsref extensions).
 */
#ifndef XICSREF_TYPES_H
#define XICSREF_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* -- Architectural constants (PAPR / LoPAPR "Interrupt Controller") -- */

#define XR_PRIO_MASKED		0xffu	/* least favoured: masked / none */
#define XR_XISR_NONE		0u	/* no interrupt pending */
#define XR_XISR_IPI		2u	/* the interprocessor interrupt */
#define XR_XISR_MASK		0x00ffffffu
#define XR_FIRST_IRQ		16u	/* below this: reserved numbers */
#define XR_ICS_SHIFT		10	/* 1024 sources per ICS block */
#define XR_IRQS_PER_ICS		(1u << XR_ICS_SHIFT)
#define XR_NR_IRQS		(1024u * XR_IRQS_PER_ICS)

/*
 * Capacities of one scenario: what the kernel accepts (issue 13, "guests
 * of real size").  VCPUs: KVM_MAX_VCPUS = NR_CPUS, 2048 in the powerpc
 * ppc64_defconfig; the host has as many CPUs at most.  ICS blocks: ICS
 * ids 0..KVMPPC_XICS_MAX_ICS_ID (1023), every one of them in one VM.
 */
#define XR_MAX_VCPUS		2048
/* VCPU numbers: below KVM_MAX_VCPU_IDS = MAX_SMT_THREADS x KVM_MAX_VCORES */
#define XR_MAX_VCPU_ID		(8 * XR_MAX_VCPUS - 1)
#define XR_MAX_CPUS		2048	/* physical CPUs: cores x threads */
#define XR_MAX_THREADS		8
#define XR_MAX_CORES		(XR_MAX_CPUS / 4)	/* SMT4 POWER9 */
#define XR_MAX_SOURCES		256	/* sources named in one set-up */
#define XR_MAX_ICS_BLOCKS	1024	/* distinct 1024-source blocks */
#define XR_PIRQ_MAPPED		1024	/* flat passthrough map capacity */
#define XR_MAX_EVENTS		64	/* events recorded for one step */

/* PAPR hypervisor call return codes used by the XICS hcalls */
#define XR_H_SUCCESS		0
#define XR_H_HARDWARE		(-1)
#define XR_H_PARAMETER		(-4)
#define XR_H_TOO_HARD		9999	/* kernel-internal, never returned */

/* RTAS statuses */
#define XR_RTAS_SUCCESS		0
#define XR_RTAS_HW_ERROR	(-1)
#define XR_RTAS_PARAM_ERROR	(-3)

/* Result of the physical interrupt read path (kvmppc_read_intr) */
enum xr_path {
	XR_PATH_NONE = 0,	/* 0: nothing pending */
	XR_PATH_HOST,		/* 1: the host handles it */
	XR_PATH_HOST_COMPLETE,	/* 2: handled in real mode, host finishes */
	XR_PATH_GUEST_IPI,	/* -1: guest wake-up IPI, consumed */
	XR_PATH_HANDLED,	/* -2: delivered to the guest in real mode */
};

enum xr_machine_kind {
	XR_POWER8 = 8,
	XR_POWER9 = 9,
};

/*
 * Where an implementation runs the hcalls.  The ICP/ICS semantics are the
 * same; how a VCPU is told about a new interrupt is not (ROUTE-* rules):
 * virtual mode asks the host to kick it, HV real mode pokes the hardware.
 */
enum xr_context {
	XR_CTX_VIRTUAL = 0,
	XR_CTX_REAL = 1,
};

/* -- Set-up -- */

struct xr_vcpu_cfg {
	uint32_t id;		/* VCPU number (vcpu_id) */
	uint32_t server;	/* ICP server number */
	bool has_icp;		/* false: "icp=none" (no presentation ctrl) */
	int32_t cpu;		/* physical CPU it runs on, -1 = not running */
};

struct xr_source_cfg {
	uint32_t irq;
	bool lsi;
	uint32_t server;
	uint8_t prio;
};

struct xr_passthru_cfg {
	uint32_t hw;		/* host hardware IRQ number (XICS domain) */
	uint32_t irq;		/* guest IRQ number */
};

struct xr_setup {
	enum xr_machine_kind machine;
	uint32_t cores;
	uint32_t threads;
	uint32_t nr_vcpus;
	struct xr_vcpu_cfg vcpus[XR_MAX_VCPUS];
	uint32_t nr_sources;
	struct xr_source_cfg sources[XR_MAX_SOURCES];
	uint32_t nr_passthru;
	struct xr_passthru_cfg passthru[XR_MAX_SOURCES];
	bool real_mode;		/* option real_mode, default on */
	bool bypass;		/* option bypass (kvm_irq_bypass), default on */
	bool ipi_redirect;	/* option ipi_redirect, default on */
	bool ack_notifier;	/* option ack_notifier, default off */
	bool real_mode_dbg;	/* option real_mode_dbg (the kernel's DEBUG_REALMODE),
				 * default off; nothing the guest sees changes */
	/*
	 * option xics=off: the VM has the RTAS tokens but no XICS device
	 * (ICS-INPUT-NO-XICS, RTAS-NO-XICS).  Then no VCPU has an ICP
	 * whatever has_icp says, and a set-up with sources or passthru
	 * entries cannot be built.  Default false (the device exists).
	 */
	bool no_xics;
	/*
	 * option tb_offset=N: the guest's time base minus the host's (the
	 * VCORE's tb_offset: nonzero for a guest migrated from another
	 * host).  The guest reads the time base as XR_TIMEBASE + tb_offset;
	 * default 0.
	 */
	uint64_t tb_offset;
	uint64_t quirks;	/* model only: XR_QUIRK_* deviations to emulate */
};

/* -- Steps -- */

enum xr_step_kind {
	XR_STEP_H_CPPR,		/* vcpu, arg0 = CPPR register value */
	XR_STEP_H_XIRR,		/* vcpu */
	XR_STEP_H_XIRR_X,	/* vcpu */
	XR_STEP_H_EOI,		/* vcpu, arg0 = XIRR register value */
	XR_STEP_H_IPI,		/* vcpu, arg0 = server, arg1 = MFRR */
	XR_STEP_H_IPOLL,	/* vcpu, arg0 = server */
	XR_STEP_RTAS_SET_XIVE,	/* arg0 = irq, arg1 = server, arg2 = prio */
	XR_STEP_RTAS_GET_XIVE,	/* arg0 = irq */
	XR_STEP_RTAS_INT_OFF,	/* arg0 = irq */
	XR_STEP_RTAS_INT_ON,	/* arg0 = irq */
	XR_STEP_IRQ,		/* arg0 = irq, arg1 = enum xr_irq_input,
				 * arg2 = the host CPU it runs on + 1, 0: the
				 * host's own (a parallel block sets it) */
	XR_STEP_HWIRQ,		/* arg0 = hardware irq, arg1 = physical cpu,
				 * arg2 = extensions: bit 0 host-ipi,
				 * bits 32-55 then=H2 (0: none) */
	XR_STEP_VCPU_RUN,	/* vcpu, arg0 = cpu or (uint64_t)-1 for none */
	XR_STEP_PASSTHRU,	/* arg0 = hw, arg1 = guest irq, arg2 = count
				 * (passthru-fill; 0 means 1) */
	XR_STEP_UNPASSTHRU,	/* arg0 = guest irq */
	XR_STEP_SET_ICP,	/* vcpu, arg0 = 64-bit ICP state */
	XR_STEP_GET_ICP,	/* vcpu */
	XR_STEP_SET_SOURCE,	/* arg0 = irq, arg1 = 64-bit source state */
	XR_STEP_GET_SOURCE,	/* arg0 = irq */
	XR_STEP_HOST_IPI,	/* arg0 = physical cpu: the host sends it an IPI */
	XR_STEP_FAIL,		/* arg0 = enum xr_fault_kind, arg1 = N: the Nth
				 * such operation from now fails (0 disarms);
				 * rc = what the previous arming still
				 * waited for (0: it fired, or none) */
	XR_STEP_NR_KINDS
};

/*
 * Fault injection (FAULT-*): the operations of the host that can fail
 * under the code under test.  The kernel side fails them in the shim;
 * the model states what the kernel must do when they do.
 */
enum xr_fault_kind {
	XR_FAULT_ALLOC,		/* kzalloc: ICS block, passthrough map */
	XR_FAULT_GET_USER,	/* get_user of a source attribute */
	XR_FAULT_PUT_USER,	/* put_user of a source attribute */
	XR_FAULT_PHB_EOI,	/* pnv_opal_pci_msi_eoi (real-mode EOI) */
	XR_FAULT_OPAL_SET_XIVE,	/* opal_set_xive (re-target) */
	XR_FAULT_OPAL_GET_XIRR,	/* opal_int_get_xirr (POWER9 read) */
	XR_FAULT_OPAL_EOI,	/* opal_int_eoi (POWER9 read path's EOI) */
	XR_FAULT_NR_KINDS
};

enum xr_irq_input {
	XR_IRQ_ON = 0,		/* level high */
	XR_IRQ_OFF,		/* level low */
	XR_IRQ_PULSE,		/* one MSI / edge */
	/*
	 * The level exactly as KVM's kvm_set_irq passes it (irqfd: 1 then
	 * 0; KVM_IRQ_LINE: what user space gives), in bits 32-63 of the
	 * step's arg1 as a 32-bit int (ICS-INPUT-RAW).
	 */
	XR_IRQ_RAW,
};
/* KVM's codes for the level (uapi asm/kvm.h, powerpc) */
#define XR_KVM_INTERRUPT_SET		(-1)
#define XR_KVM_INTERRUPT_UNSET		(-2)
#define XR_KVM_INTERRUPT_SET_LEVEL	(-3)
#define XR_IRQ_RAW_ARG(level)	(XR_IRQ_RAW | ((uint64_t)(uint32_t)(int32_t)(level) << 32))
#define XR_IRQ_RAW_LEVEL(arg1)	((int32_t)(uint32_t)((arg1) >> 32))

/*
 * RTAS arguments are 32-bit cells in the RTAS buffer; the scenario passes
 * 64-bit values and every implementation sees the low 32 bits, as the
 * guest's RTAS buffer would carry them.  Hcall arguments stay 64-bit.
 */
struct xr_step {
	enum xr_step_kind kind;
	uint32_t vcpu;		/* VCPU number, for per-VCPU steps */
	uint64_t arg[3];
};

/* -- Events: what the hardware and the host would see -- */

enum xr_event_kind {
	XR_EV_RAISE,		/* a = vcpu: external-interrupt line asserted */
	XR_EV_LOWER,		/* a = vcpu: line withdrawn */
	XR_EV_MSGSND,		/* a = physical cpu: doorbell */
	XR_EV_IPI,		/* a = physical cpu: XICS IPI (MFRR write) */
	XR_EV_KICK,		/* a = vcpu: host asked to wake the VCPU */
	XR_EV_HW_EOI,		/* a = hardware irq: EOI in physical ctrl */
	XR_EV_RETARGET,		/* a = hardware irq, b = physical cpu */
	XR_EV_ACK,		/* a = guest irq: ack notifiers told */
	XR_EV_MER,		/* a = physical cpu, b = 1 set / 0 cleared */
	XR_EV_WARN,		/* a kernel WARN fired (host log; a panic
				 * with panic_on_warn): a finding */
	XR_EV_LOG,		/* the kernel logged a warning or an error
				 * (pr_warn, pr_err): what the host's log
				 * shows, e.g. ICS-NO-SERVER-LOG */
	XR_EV_NR_KINDS
};

#define XR_EV_BIT(k)		(1u << (k))
#define XR_EV_ALL		((1u << XR_EV_NR_KINDS) - 1)

struct xr_event {
	uint8_t kind;		/* enum xr_event_kind */
	uint32_t a;
	uint32_t b;
};

struct xr_events {
	uint32_t nr;
	bool overflow;		/* more than XR_MAX_EVENTS happened */
	struct xr_event ev[XR_MAX_EVENTS];
};

/* -- The result of one step -- */

/*
 * The time base every implementation under test reads: the harness has
 * no clock, so H_XIRR_X's second output (ICP-ACCEPT-X) is this value.
 */
#define XR_TIMEBASE	0x00000007b3c0ffeeULL

struct xr_result {
	int64_t rc;		/* H_*, RTAS status, or 0 / -errno */
	uint64_t xirr;		/* H_XIRR, H_XIRR_X, H_IPOLL: GPR4 */
	uint64_t mfrr;		/* GPR5: H_IPOLL's MFRR, H_XIRR_X's time base */
	uint32_t server;	/* get-xive */
	uint32_t prio;		/* get-xive */
	uint64_t value;		/* get-icp, get-source */
	enum xr_path path;	/* hwirq */
	struct xr_events events;
};

/* -- Abstract state: the complete state every implementation reports -- */

struct xr_icp_state {
	uint8_t cppr;		/* current processor priority */
	uint8_t mfrr;		/* most favoured request (IPI priority) */
	uint8_t pprio;		/* priority of the pending interrupt */
	uint32_t xisr;		/* pending interrupt source, 0 = none */
	bool need_resend;	/* a delivery failed; resend on CPPR/MFRR */
	bool out_ee;		/* xisr != 0 && pprio < cppr */
	bool line;		/* the VCPU's external interrupt is queued */
};

/* The parts of struct xr_icp_state, by bit (1 << field) */
enum xr_icp_field {
	XR_IF_CPPR, XR_IF_MFRR, XR_IF_PPRIO, XR_IF_XISR, XR_IF_RESEND,
	XR_IF_EE, XR_IF_LINE, XR_IF_NR
};

struct xr_source_state {
	bool exists;		/* defined (set-up, set-source) */
	bool lsi;		/* level sensitive */
	uint32_t server;
	uint8_t prio;		/* current priority, 0xff = masked */
	uint8_t saved;		/* priority restored by int-on */
	bool p;			/* presented */
	bool q;			/* queued (MSI only) */
	bool resend;		/* rejected / failed, waits for a resend */
	bool masked_pending;	/* arrived while masked */
	bool asserted;		/* LSI input level (kernel: LSI && P) */
	bool pt_mapped;		/* a passthrough host IRQ is mapped to it */
	int32_t intr_cpu;	/* where a passthrough irq last arrived, -1 */
};

/* The parts of struct xr_source_state, by bit (1 << field) */
enum xr_src_field {
	XR_SF_EXISTS, XR_SF_LSI, XR_SF_SERVER, XR_SF_PRIO, XR_SF_SAVED,
	XR_SF_P, XR_SF_Q, XR_SF_RESEND, XR_SF_MASKED_PENDING, XR_SF_ASSERTED,
	XR_SF_PT_MAPPED, XR_SF_INTR_CPU, XR_SF_NR
};

/*
 * Quirks: documented deviations (spec/deviations.md, DEV-*) that the model
 * can emulate on request, so that a run against a kernel known to deviate
 * can prove that the deviation is exactly the documented one and nothing
 * else.  The model with no quirk set is the specification.
 */
#define XR_QUIRK(n)		(1ull << (n))

#endif /* XICSREF_TYPES_H */
