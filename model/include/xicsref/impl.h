/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref: the one implementation interface.
 *
 * The model, the kernel's virtual-mode path, the kernel's HV real-mode path
 * and a porter's implementation all sit behind this table of operations.
 * The runner knows nothing else about them.  A porter writes one of these
 * (docs/porting.md) and exports it from a shared object through
 * XR_IMPL_ENTRY_SYMBOL; the runner loads it with --impl FILE.so.
 */
#ifndef XICSREF_IMPL_H
#define XICSREF_IMPL_H

#include <string.h>

#include <xicsref/types.h>

#define XR_IMPL_ABI_VERSION	1

/* Status of an operation (not the architectural return code) */
enum xr_status {
	XR_OK = 0,		/* the step ran; see struct xr_result */
	XR_UNSUPPORTED = 1,	/* this implementation cannot run that step */
	XR_FAILED = 2,		/* internal failure, message in err */
};

struct xr_impl_ops {
	uint32_t abi_version;		/* XR_IMPL_ABI_VERSION */
	const char *name;		/* "model", "kernel-vm", ... */
	const char *version;		/* "6.1.192", a port's version, ... */
	enum xr_context context;	/* where its hcalls run */
	uint32_t event_kinds;		/* XR_EV_BIT() of kinds it reports */
	uint32_t step_kinds;		/* bit (1 << enum xr_step_kind) */

	/*
	 * Build the machine, VCPUs, ICPs, sources and map of @setup.  On
	 * failure return NULL and write a one-line reason into @err.
	 */
	void *(*create)(const struct xr_setup *setup, char *err, size_t errlen);
	void (*destroy)(void *inst);

	/*
	 * Run one step.  The caller clears @res with xr_result_clear():
	 * every field is zero except events.ev[], whose entries from
	 * events.nr on are undefined and never read.
	 */
	enum xr_status (*step)(void *inst, const struct xr_step *step,
			       struct xr_result *res, char *err, size_t errlen);

	/*
	 * Read back the abstract state.  get_icp takes the VCPU number and
	 * returns false when that VCPU has no ICP.  get_source returns false
	 * when @irq lies in no ICS block; otherwise it fills @out (exists
	 * tells whether the source itself is defined).
	 */
	bool (*get_icp)(void *inst, uint32_t vcpu, struct xr_icp_state *out);
	bool (*get_source)(void *inst, uint32_t irq,
			   struct xr_source_state *out);

	/*
	 * Optional: append to @irqs (capacity @max) the irq numbers of every
	 * ICS block it holds, so the runner can sweep all sources.  Returns
	 * the number of blocks; NULL if not provided.
	 */
	uint32_t (*ics_blocks)(void *inst, uint32_t *first_irqs, uint32_t max);
};

/*
 * A shared object that provides implementations exports this function:
 * it returns an array of *nr operation tables.
 */
/*
 * Clear a result before a step: all of it but the event array, which is
 * large and only meaningful up to events.nr (this keeps a step cheap).
 */
static inline void xr_result_clear(struct xr_result *res)
{
	memset(res, 0, offsetof(struct xr_result, events.ev));
}

#define XR_IMPL_ENTRY_SYMBOL	"xicsref_impl_entry"
typedef const struct xr_impl_ops *const *(*xr_impl_entry_fn)(uint32_t *nr);

#endif /* XICSREF_IMPL_H */
