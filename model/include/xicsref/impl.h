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

/*
 * Version 2 added changed_sources, version 3 reset, version 4 origin.
 * The runner accepts every version from XR_IMPL_ABI_MIN on and reads
 * only the fields a table's version has (XR_IMPL_OPT).
 */
#define XR_IMPL_ABI_VERSION	4
#define XR_IMPL_ABI_MIN		1

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

	/* Version 2 (a table of version 1 ends here) */

	/*
	 * Optional: which sources of the ICS block that starts at @first_irq
	 * (a multiple of XR_IRQS_PER_ICS) may differ from a source of a newly
	 * created block.  Fill @map (XR_IRQS_PER_ICS bits, bit i for
	 * first_irq + i) with every such source set; setting more is fine,
	 * leaving one out is a bug.  A source left clear must read back from
	 * get_source exactly as a source of a new block: exists, lsi, p, q,
	 * resend, masked_pending, asserted, pt_mapped false, server 0, prio
	 * and saved 0xff, intr_cpu -1.  Return false when no such block is
	 * held (get_source says false for all of its sources).
	 *
	 * With it on both sides the runner's end-of-run sweep reads only the
	 * sources set on either side or named by the scenario, plus one left
	 * clear on both to prove that both initial states agree; any doubt
	 * (a block only one side holds, a probe that differs) falls back to
	 * reading all XR_IRQS_PER_ICS sources, so the sweep finds exactly
	 * what the full sweep finds.  NULL: the full sweep.
	 */
	bool (*changed_sources)(void *inst, uint32_t first_irq, uint64_t *map);

	/* Version 3 (a table of version 2 ends here) */

	/*
	 * Optional: make @inst exactly what create(@setup) would return,
	 * reusing its memory, and return true; or return false with a
	 * reason in @err, as create would, after which @inst may only be
	 * destroyed.  For callers that run many short scenarios (the
	 * fuzzers), which keep an instance per implementation instead of
	 * creating and destroying one per run.  NULL: they create.
	 */
	bool (*reset)(void *inst, const struct xr_setup *setup, char *err,
		      size_t errlen);

	/* Version 4 (a table of version 3 ends here) */

	/*
	 * Optional: what exactly was built, for the report header, e.g.
	 * "/usr/src/linux-source-6.1.tar.xz sha256:<hash of the files
	 * compiled>".  A result is only as good as this line: it names the
	 * code that ran, not the code a path points at now.  NULL: nothing to
	 * name (the model).
	 */
	const char *origin;
};

#define XR_ICS_MAP_WORDS	(XR_IRQS_PER_ICS / 64)

/* The ABI version that added each optional operation */
#define XR_IMPL_SINCE_changed_sources	2
#define XR_IMPL_SINCE_reset		3
#define XR_IMPL_SINCE_origin		4

/* The optional operation @op of @ops, or NULL for an older table */
#define XR_IMPL_OPT(ops, op)	\
	((ops)->abi_version >= XR_IMPL_SINCE_##op ? (ops)->op : NULL)

/* Can the runner read this table? */
#define XR_IMPL_ABI_OK(ops)	\
	((ops)->abi_version >= XR_IMPL_ABI_MIN && \
	 (ops)->abi_version <= XR_IMPL_ABI_VERSION)

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
