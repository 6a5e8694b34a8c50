/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref: the executable specification of the XICS interrupt controller
 * as KVM emulates it.  One function per PAPR operation; each names the
 * spec rules (spec/<area>.md) it implements.
 *
 * A model is created once from a set-up (its memory is allocated there,
 * except the ICS blocks: each is allocated when it first comes into use,
 * and kept across resets) and is then deterministic: the same operations give the same state and
 * the same events.  There is no global state.
 */
#ifndef XICSREF_MODEL_H
#define XICSREF_MODEL_H

#include <xicsref/impl.h>
#include <xicsref/types.h>

struct xr_model;

/*
 * Create a model of @setup whose VCPU notifications follow @ctx (virtual
 * mode: the host kicks; real mode: the ROUTE-* rules).  NULL with a reason
 * in @err when the set-up is invalid.
 */
struct xr_model *xr_model_create(const struct xr_setup *setup,
				 enum xr_context ctx, char *err, size_t errlen);
void xr_model_destroy(struct xr_model *m);
/*
 * Make @m what xr_model_create(@setup, its context) would return, in the
 * same memory: 0, or -1 with a reason in @err (@m may then only be
 * destroyed).
 */
int xr_model_reset(struct xr_model *m, const struct xr_setup *setup,
		   char *err, size_t errlen);

/*
 * Copy @src into @dst as far as it is used: the scalar fields and the
 * first nr_vcpus, nr_sources and nr_passthru entries of the arrays.  The
 * other entries of @dst keep what they held; nothing may read them (every
 * user of a set-up stops at its counts), and a set-up copied so must not
 * be compared with memcmp.  Much cheaper than *dst = *src for a small
 * guest.
 */
void xr_setup_copy(struct xr_setup *dst, const struct xr_setup *src);
/*
 * Are @a and @b the same set-up, byte for byte as far as they are used
 * (padding included, so equal means equal; unequal may be a padding
 * difference only)?
 */
bool xr_setup_same(const struct xr_setup *a, const struct xr_setup *b);

/* -- PAPR hypervisor calls, made by VCPU @vcpu (ICP-* rules) -- */
int64_t xr_h_xirr(struct xr_model *m, uint32_t vcpu, uint64_t *xirr);
int64_t xr_h_xirr_x(struct xr_model *m, uint32_t vcpu, uint64_t *xirr);
int64_t xr_h_cppr(struct xr_model *m, uint32_t vcpu, uint64_t cppr);
int64_t xr_h_eoi(struct xr_model *m, uint32_t vcpu, uint64_t xirr);
int64_t xr_h_ipi(struct xr_model *m, uint32_t vcpu, uint64_t server,
		 uint64_t mfrr);
int64_t xr_h_ipoll(struct xr_model *m, uint32_t vcpu, uint64_t server,
		   uint64_t *xirr, uint64_t *mfrr);

/* -- RTAS (RTAS-* rules); arguments are 32-bit RTAS cells -- */
int32_t xr_rtas_set_xive(struct xr_model *m, uint32_t irq, uint32_t server,
			 uint32_t prio);
int32_t xr_rtas_get_xive(struct xr_model *m, uint32_t irq, uint32_t *server,
			 uint32_t *prio);
int32_t xr_rtas_int_off(struct xr_model *m, uint32_t irq);
int32_t xr_rtas_int_on(struct xr_model *m, uint32_t irq);

/*
 * -- Source input from the host side (ICS-* rules) --
 * Returns 0, or -EINVAL when the source is not defined (ICS-UNDEFINED).
 */
int64_t xr_irq_input(struct xr_model *m, uint32_t irq, enum xr_irq_input in);
/* The same, run on host CPU @cpu (a parallel block's) */
int64_t xr_irq_input_on(struct xr_model *m, uint32_t irq,
			enum xr_irq_input in, int32_t cpu);
/* What a raw KVM level means (ICS-INPUT-RAW): XR_IRQ_ON or XR_IRQ_OFF */
enum xr_irq_input xr_irq_raw_input(int32_t level);

/* -- State save and restore (STATE-* rules); 0 or -errno -- */
int64_t xr_get_icp_value(struct xr_model *m, uint32_t vcpu, uint64_t *value);
int64_t xr_set_icp_value(struct xr_model *m, uint32_t vcpu, uint64_t value);
int64_t xr_get_source_value(struct xr_model *m, uint32_t irq,
			    uint64_t *value);
int64_t xr_set_source_value(struct xr_model *m, uint32_t irq, uint64_t value);

/* -- Machine, placement and passthrough (MAP-*, ROUTE-*, PT-* rules) -- */
int64_t xr_vcpu_run(struct xr_model *m, uint32_t vcpu, int32_t cpu);
int64_t xr_passthru_add(struct xr_model *m, uint32_t hw, uint32_t irq);
int64_t xr_passthru_del(struct xr_model *m, uint32_t irq);
enum xr_path xr_hwirq(struct xr_model *m, uint32_t hw, uint32_t cpu);

/* -- Read-back -- */
const struct xr_events *xr_model_events(const struct xr_model *m);
bool xr_model_icp(const struct xr_model *m, uint32_t vcpu,
		  struct xr_icp_state *out);
bool xr_model_source(const struct xr_model *m, uint32_t irq,
		     struct xr_source_state *out);

/* -- Fault injection (spec/faults.md) -- */
/*
 * FAULT-ARM: the @nth operation of kind @k from now fails, once (0
 * disarms).  Returns what the previous arming still waited for: 0 when
 * it fired or there was none.  The step "fail KIND nth=N".
 */
uint32_t xr_fault_arm(struct xr_model *m, enum xr_fault_kind k, uint32_t nth);
/* What the arming of @k still waits for, without changing it */
uint32_t xr_fault_left(const struct xr_model *m, enum xr_fault_kind k);

/* The model behind the implementation interface, for context @ctx */
const struct xr_impl_ops *xr_model_ops(enum xr_context ctx);

/* -- Documented deviations (spec/deviations.md) -- */
struct xr_deviation {
	const char *id;		/* "DEV-..." */
	uint64_t quirk;		/* XR_QUIRK() the model emulates it with */
	const char *applies_to;	/* implementation names, space-separated:
				 * "kernel-rm", "kernel-vm kernel-rm" or
				 * "kernel-*" (a trailing * matches any) */
	const char *summary;	/* one line: what differs, who is right */
	/*
	 * A standing deviation is how the implementations it applies to
	 * always differ (a platform's design, e.g. XICS-on-XIVE's priority
	 * collapse), not a slip at one point: the runner runs every
	 * scenario on them against the model with their standing quirks
	 * (DEV when the strict model differs and the quirked one agrees).
	 * Its own scenario still declares it, to prove it exists.
	 */
	bool standing;
};

const struct xr_deviation *xr_deviations(uint32_t *nr);
const struct xr_deviation *xr_deviation_find(const char *id);

#endif /* XICSREF_MODEL_H */
