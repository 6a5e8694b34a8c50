/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref model internals: the state the rules act on.  The fields mirror
 * the abstract state of docs/architecture.md ("State abstraction"); the
 * bookkeeping that is not architectural (resend map, per-block resend
 * count, real-mode deferred actions) is named as such.
 */
#ifndef XICSREF_MODEL_INTERNAL_H
#define XICSREF_MODEL_INTERNAL_H

#include <xicsref/model.h>

#define XR_PQ_P			1u	/* presented */
#define XR_PQ_Q			2u	/* queued (MSI only) */
#define XR_NR_ICSIDS		(XR_NR_IRQS >> XR_ICS_SHIFT)
#define XR_NO_BLOCK		0xffffu
#define XR_RESEND_WORDS		(XR_NR_ICSIDS / 64)

/* Quirk bits: one per DEV-* entry (deviations.c holds the registry) */
#define XR_QUIRK_RM_EOI_NOICS		XR_QUIRK(0)
#define XR_QUIRK_ARG_CPPR_WIDE		XR_QUIRK(1)
#define XR_QUIRK_ARG_MFRR_WIDE		XR_QUIRK(2)
#define XR_QUIRK_RTAS_UNDEFINED_SOURCE	XR_QUIRK(3)
#define XR_QUIRK_RTAS_PRIO_WIDE		XR_QUIRK(4)
#define XR_QUIRK_VM_CPPR_DOWN_TAIL	XR_QUIRK(5)
#define XR_QUIRK_CPPR_DOWN_DISPLACE	XR_QUIRK(6)
#define XR_QUIRK_RM_XIRR_X_AGAIN	XR_QUIRK(7)
#define XR_QUIRK_XIRR_X_HOST_TB		XR_QUIRK(29)
/* XICS-on-XIVE (kernel-xive): standing deviations */
#define XR_QUIRK_XIVE_LINE_OUTPUT	XR_QUIRK(8)
#define XR_QUIRK_XIVE_PRIO_COLLAPSE	XR_QUIRK(9)
#define XR_QUIRK_XIVE_GET_ICP		XR_QUIRK(10)
#define XR_QUIRK_XIVE_NOICP		XR_QUIRK(11)
#define XR_QUIRK_XIVE_IPOLL		XR_QUIRK(12)
#define XR_QUIRK_XIVE_EOI_NO_ACK	XR_QUIRK(13)
#define XR_QUIRK_XIVE_SET_ICP		XR_QUIRK(14)
#define XR_QUIRK_XIVE_ROUTING		XR_QUIRK(15)
#define XR_QUIRK_XIVE_UNDEFINED_SOURCE	XR_QUIRK(16)
#define XR_QUIRK_XIVE_GET_SOURCE	XR_QUIRK(17)
#define XR_QUIRK_XIVE_PRESENTER		XR_QUIRK(18)
#define XR_QUIRK_XIVE_MASKED_HELD	XR_QUIRK(19)
#define XR_QUIRK_XIVE_LSI_EDGE		XR_QUIRK(20)
#define XR_QUIRK_XIVE_LSI_RAW_LEVEL	XR_QUIRK(21)
#define XR_QUIRK_XIVE_SAVE_SNAPSHOT	XR_QUIRK(22)
#define XR_QUIRK_XIVE_SAVE_MASKED	XR_QUIRK(23)
/* XICS-on-XIVE passthrough (kvmppc_xive_set_mapped): bits 24 and up */
#define XR_QUIRK_XIVE_PT_ROUTE		XR_QUIRK(24)
#define XR_QUIRK_XIVE_PT_INPUT		XR_QUIRK(25)
#define XR_QUIRK_XIVE_PT_NO_ICS		XR_QUIRK(26)
#define XR_QUIRK_XIVE_PT_MAP_STATE	XR_QUIRK(27)
#define XR_QUIRK_XIVE_PT_LSI		XR_QUIRK(28)
#define XR_QUIRK_XIVE_BARE_MASK		XR_QUIRK(31)

struct xr_src {
	uint32_t server;
	uint8_t prio;
	uint8_t saved;
	uint8_t pq;
	bool exists;
	bool lsi;
	bool resend;
	bool masked_pending;
	/*
	 * DEV-XIVE-ROUTING only: the XIVE has a route for it (the kernel's
	 * act_priority is not 0xff); server is then the routed server
	 */
	bool routed;
	/*
	 * DEV-XIVE-ROUTING only: where the routing entry sends its events
	 * (server, XIVE priority); set with each route made, left as it was
	 * by a re-targeting that fails, so it may outlive "routed"
	 */
	bool eas_valid;
	uint8_t eas_prio;
	uint32_t eas_server;
	/*
	 * DEV-XIVE-LSI-EDGE only: an LSI's input level (the kernel's
	 * asserted); P and Q are then those of the ESB behind it.  Also
	 * DEV-XIVE-PT-LSI's level while passed through.
	 */
	bool level;
	/*
	 * DEV-XIVE-BARE-MASK only: priority 0xff restored without MASKED,
	 * its ESB left open (the routing entry decides where events go)
	 */
	bool esb_open;
	/*
	 * DEV-XIVE-SAVE-MASKED, DEV-XIVE-BARE-MASK only: Q when it was
	 * masked or restored, P when restored (the kernel's old_q, old_p)
	 */
	bool old_q;
	bool old_p;
	/*
	 * DEV-XIVE-SAVE-SNAPSHOT: priority and flags at the save's first
	 * read, converted as for an MSI [0] and as for an LSI [1] (the kind
	 * of the read decides)
	 */
	uint8_t snap_prio;
	bool snap_in_queue;
	uint64_t snap_flags[2];
	/* passthrough (PT-*): XICS hwirq mapped here, 0 = none */
	uint32_t host_irq;
	int32_t intr_cpu;	/* host path: CPU it last arrived on, -1 */
};

struct xr_ics {
	uint32_t icsid;
	/* the sources with resend set, so a resend visits only those */
	uint64_t resend_bits[XR_IRQS_PER_ICS / 64];
	/*
	 * The sources that may no longer be as ICS-INIT made them: every
	 * pointer to a source the model may write through is taken with
	 * xr_src_at(), which marks it.  The end-of-run comparison
	 * (xr_model_changed_sources) and the reset of a reused block
	 * (xr_create_ics) look at these alone, not at 57 KB of sources.
	 */
	uint64_t touched[XR_IRQS_PER_ICS / 64];
	struct xr_src src[XR_IRQS_PER_ICS];
};

/* Source @irq of @ics, marked as one that may change (touched[]) */
static inline struct xr_src *xr_src_at(struct xr_ics *ics, uint32_t irq)
{
	uint32_t i = irq & (XR_IRQS_PER_ICS - 1);

	ics->touched[i / 64] |= 1ull << (i % 64);
	return &ics->src[i];
}

struct xr_icp {
	uint32_t server;
	uint32_t vcpu;		/* index into xr_model.vcpu[] */
	uint8_t cppr;
	uint8_t mfrr;
	uint8_t pprio;
	uint32_t xisr;
	bool need_resend;
	bool out_ee;
	/*
	 * DEV-XIVE-SET-ICP only: a restored XISR of a source not defined
	 * yet, which its restore finds (the kernel's delayed_irq), 0 = none
	 */
	uint32_t delayed_irq;
	uint64_t resend_map[XR_RESEND_WORDS];	/* one bit per ICS id */
};

struct xr_vcpu {
	uint32_t id;
	int32_t cpu;		/* -1: not running */
	bool line;		/* BOOK3S_IRQPRIO_EXTERNAL queued */
	int32_t icp;		/* index into xr_model.icp[], -1: none */
};

struct xr_model {
	struct xr_setup setup;
	enum xr_context ctx;
	uint32_t nr_cpus;

	uint32_t nr_vcpus;
	uint32_t nr_icps;

	uint16_t block_of[XR_NR_ICSIDS];	/* ICS id -> ics[] slot */
	uint32_t nr_blocks;
	uint32_t max_icsid;

	bool mer[XR_MAX_CPUS];		/* LPCR[MER] per physical CPU */
	/*
	 * host_ipi in each physical CPU's PACA (ROUTE-HOST-IPI): set by a host
	 * IPI to a CPU that runs a VCPU, cleared when that CPU next exits to
	 * the host.
	 */
	bool host_ipi[XR_MAX_CPUS];
	uint8_t running[XR_MAX_CORES];	/* VCPUs running on each core */

	/* The step being run */
	struct xr_events ev;
	bool in_rm;			/* this operation runs in real mode */
	int32_t caller;			/* VCPU index making the hcall, -1 */
	/* Real-mode actions left to the virtual-mode completion */
	bool rm_kick;
	uint32_t rm_kick_target;	/* VCPU index */
	bool rm_notify_eoi;
	uint32_t rm_eoied_irq;
	/* Host cores borrowed in this step: VCPU index + 1, 0 = free */
	uint16_t hcore_msg[XR_MAX_CORES];
	bool hcore_any;

	/* Passthrough: host devices and the flat map (passthru.c) */
	struct xr_pt *pt;

	/*
	 * Sources defined, and get-source reads since a save began
	 * (DEV-XIVE-SAVE-SNAPSHOT)
	 */
	uint32_t src_count;
	uint32_t saved_src_count;
	/* DEV-XIVE-SET-ICP: the kernel's count of delayed_irq set (may drift) */
	uint32_t delayed_irqs;

	/* FAULT-ARM: operations left before the armed one fails (fault.c) */
	uint32_t fault_in[XR_FAULT_NR_KINDS];
	/* icp_seen[] holds each VCPU's ICP as last reported (changed_icps) */
	bool icp_seen_valid;

	/*
	 * The set-up's VCPUs and their ICPs, vcpu_cap of each allocated
	 * (model_build): a model of 2048 VCPUs costs that, a small one not.
	 */
	uint32_t vcpu_cap;
	struct xr_vcpu *vcpu;
	struct xr_icp *icp;
	uint64_t *icp_seen;	/* 2 per VCPU: xr_model_changed_icps() */
	/* DEV-XIVE-PRESENTER only: queues and thread state (xive_presenter.c) */
	struct xr_xive *xive;
	/*
	 * Last: a block is allocated and initialised when it comes into use
	 * (xr_create_ics) and kept for reuse across resets, so a model costs
	 * the blocks it uses, not all XR_MAX_ICS_BLOCKS of them.
	 */
	struct xr_ics *ics[XR_MAX_ICS_BLOCKS];
};

/* The first bit set in @map at or after @from (below @size), or -1 */
static inline int32_t xr_next_bit(const uint64_t *map, uint32_t from,
				  uint32_t size)
{
	uint32_t i;

	for (i = from; i < size; i++) {
		uint64_t w = map[i / 64] >> (i % 64);

		if (!w) {
			i |= 63;
			continue;
		}
		return (int32_t)(i + (uint32_t)__builtin_ctzll(w));
	}
	return -1;
}

/* machine.c */
bool xr_model_changed_sources(const struct xr_model *m, uint32_t first_irq,
			      uint64_t *map);
bool xr_model_changed_icps(struct xr_model *m, uint64_t *map);
struct xr_icp *xr_find_server(struct xr_model *m, uint32_t server);
struct xr_ics *xr_find_ics(struct xr_model *m, uint32_t irq);
struct xr_ics *xr_create_ics(struct xr_model *m, uint32_t irq);
struct xr_vcpu *xr_vcpu_of(struct xr_model *m, uint32_t id);

/* fault.c (xr_fault_arm and xr_fault_left are in xicsref/model.h) */
bool xr_fault(struct xr_model *m, enum xr_fault_kind k);
void xr_emit(struct xr_model *m, enum xr_event_kind kind, uint32_t a,
	     uint32_t b);
void xr_step_begin(struct xr_model *m, int32_t caller, bool in_rm);
void xr_step_end(struct xr_model *m);
static inline bool xr_quirk(const struct xr_model *m, uint64_t q)
{
	return (m->setup.quirks & q) != 0;
}

/*
 * DEV-XIVE-PRIO-COLLAPSE: XICS-on-XIVE has eight priorities; a guest
 * CPPR or source priority from 6 to 0xfe is handled as 6
 * (xive_prio_from_guest).  The identity for the specification.
 */
static inline uint8_t xr_guest_prio(const struct xr_model *m, uint8_t prio)
{
	if (xr_quirk(m, XR_QUIRK_XIVE_PRIO_COLLAPSE) && prio != 0xff &&
	    prio >= 6)
		return 6;
	return prio;
}

/* DEV-XIVE-ROUTING: @s is routed to @server at XIVE priority @prio */
static inline void xr_xive_route(struct xr_src *s, uint32_t server,
				 uint8_t prio)
{
	s->routed = true;
	s->server = server;
	s->eas_valid = true;
	s->eas_server = server;
	s->eas_prio = prio;
}

/* icp.c */
void xr_icp_update(struct xr_model *m, struct xr_icp *icp, bool change_self);
bool xr_icp_try_deliver(struct xr_model *m, struct xr_icp *icp, uint32_t irq,
			uint8_t prio, uint32_t *reject);
void xr_icp_down_cppr(struct xr_model *m, struct xr_icp *icp, uint8_t cppr);
uint32_t xr_icp_accept(struct xr_model *m, struct xr_icp *icp);
/* ICP-ACCEPT-X: the time base H_XIRR_X returns (hcall.c) */
uint64_t xr_xirr_x_timebase(const struct xr_model *m);
void xr_icp_check_resend(struct xr_model *m, struct xr_icp *icp);

/* ics.c */
void xr_ics_set_resend(struct xr_ics *ics, struct xr_src *s, bool on);
void xr_ics_deliver(struct xr_model *m, struct xr_icp *icp, uint32_t irq,
		    bool check_resend);
void xr_ics_check_resend(struct xr_model *m, struct xr_ics *ics,
			 struct xr_icp *icp);
int64_t xr_ics_eoi(struct xr_model *m, struct xr_icp *caller, uint32_t irq);
void xr_src_trigger(struct xr_model *m, uint32_t irq, struct xr_src *s);
bool xr_ics_write_xive(struct xr_ics *ics, struct xr_src *s, uint32_t server,
		       uint32_t prio, uint32_t saved);

/* notify.c */
void xr_line_raise(struct xr_model *m, struct xr_vcpu *v);
void xr_line_clear_self(struct xr_model *m, struct xr_vcpu *v);
void xr_notify(struct xr_model *m, struct xr_icp *icp, bool change_self);
void xr_notify_ack(struct xr_model *m, uint32_t irq);
void xr_rm_complete(struct xr_model *m);
void xr_hostcores_run(struct xr_model *m);

/* passthru.c */
/* create the passthrough state, or clear the one a reset model has */
int xr_pt_create(struct xr_model *m, char *err, size_t errlen);
void xr_pt_destroy(struct xr_model *m);
int32_t xr_host_cpu(const struct xr_model *m);
void xr_pt_arrived(struct xr_model *m, struct xr_src *s, int32_t cpu);
void xr_pt_eoi(struct xr_model *m, struct xr_src *s);
int64_t xr_passthru_fill(struct xr_model *m, uint32_t hw, uint32_t irq,
			 uint32_t n);
int64_t xr_map_lookup(struct xr_model *m, uint32_t hw);
enum xr_path xr_hwirq_ex(struct xr_model *m, uint32_t hw, uint32_t cpu,
			 bool host_ipi, uint32_t then_hw);
/* ROUTE-HOST-IPI: the host sends physical CPU @cpu an IPI */
void xr_host_ipi(struct xr_model *m, uint32_t cpu);
bool xr_hwirq_would_crash(const struct xr_model *m, uint32_t hw, uint32_t cpu);

/*
 * DEV-XIVE-LSI-RAW-LEVEL: a trigger that leaves an LSI's level as it is
 * (the model's own input kind, never a step's)
 */
#define XR_IRQ_TRIGGER	((enum xr_irq_input)(XR_IRQ_RAW + 1))
enum xr_irq_input xr_irq_raw_input_of(const struct xr_model *m,
				      int32_t level);

/* ics.c, the input of a source as seen on physical CPU @cpu */
int64_t xr_ics_input(struct xr_model *m, uint32_t irq, enum xr_irq_input in,
		     int32_t cpu);

/* xive_presenter.c: DEV-XIVE-PRESENTER */
int xr_xive_build(struct xr_model *m);
void xr_xive_destroy(struct xr_model *m);
void xr_xive_provision(struct xr_model *m, uint8_t prio);
void xr_xive_event(struct xr_model *m, struct xr_icp *icp, uint32_t irq,
		   uint8_t prio);
uint32_t xr_xive_h_xirr(struct xr_model *m, struct xr_icp *icp);
void xr_xive_h_cppr(struct xr_model *m, struct xr_icp *icp, uint64_t cppr);
int64_t xr_xive_h_eoi(struct xr_model *m, struct xr_icp *icp, uint64_t xirr);
void xr_xive_h_ipi(struct xr_model *m, struct xr_icp *icp, uint64_t cmp,
		   uint8_t mfrr);
uint32_t xr_xive_h_ipoll(struct xr_model *m, struct xr_icp *caller,
			 struct xr_icp *icp, bool other);
void xr_xive_set_icp(struct xr_model *m, struct xr_icp *icp, uint8_t cppr,
		     uint8_t mfrr);
/* how many entries of @irq wait in the queues */
uint32_t xr_xive_queued(struct xr_model *m, uint32_t irq);

/* impl_model.c */
enum xr_status xr_model_step(struct xr_model *m, const struct xr_step *st,
			     struct xr_result *res, char *err, size_t errlen);

#endif /* XICSREF_MODEL_INTERNAL_H */
