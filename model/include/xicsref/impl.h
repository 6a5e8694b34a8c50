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
 * Version 2 added changed_sources, version 3 reset, version 4 origin,
 * version 5 run_parallel (concurrency, docs/exploring.md).  Version 6
 * changed struct xr_setup (2048 VCPUs, the kernel's KVM_MAX_VCPUS) and
 * added the step XR_STEP_FAIL: an object built against an older header
 * would read the set-up at the wrong offsets, so the runner loads
 * version 6 on (XR_IMPL_ABI_MIN).  Within that, it reads only the fields
 * a table's version has (XR_IMPL_OPT).  Version 7 gave two outputs a
 * meaning every implementation must honour: H_XIRR_X's time base in
 * xr_result.mfrr (XR_TIMEBASE, ICP-ACCEPT-X) and the raw host level of
 * XR_IRQ_RAW (ICS-INPUT-RAW); an older table would fail both, so the
 * runner loads version 7 on.  Version 8 added xr_setup.no_xics (a VM
 * with the RTAS tokens but no XICS device: RTAS-NO-XICS,
 * ICS-INPUT-NO-XICS), which every implementation must honour; an older
 * object would read the set-up at the wrong offsets and build the device
 * anyway, so the runner loads version 8 on.  (Version 8 also added the
 * event kind XR_EV_LOG, which, like any kind, is compared only for an
 * implementation that declares it in event_kinds.)  Version 9 added the
 * optional icp_fields and source_fields (what of the read-back state an
 * implementation keeps); a version 8 table keeps all of it.  Version 10
 * added xr_setup.tb_offset (the guest's time base minus the host's:
 * H_XIRR_X returns XR_TIMEBASE plus it, ICP-ACCEPT-X), which moves the
 * fields after it; an older object would read the set-up at the wrong
 * offsets, so the runner loads version 10 on.  Version 11 added the
 * optional changed_icps (the runner's per-step comparison reads only the
 * ICPs that may have changed); a version 10 table has all of them read.
 */
#define XR_IMPL_ABI_VERSION	11
#define XR_IMPL_ABI_MIN		10

/* Status of an operation (not the architectural return code) */
enum xr_status {
	XR_OK = 0,		/* the step ran; see struct xr_result */
	XR_UNSUPPORTED = 1,	/* this implementation cannot run that step */
	XR_FAILED = 2,		/* internal failure, message in err */
};

/*
 * -- Concurrency (version 5; docs/exploring.md) --
 *
 * The operations of a parallel block run at the same time, one simulated
 * CPU each.  The implementation decides where an execution can go two
 * ways (which CPU runs next; whether a store waits in its CPU's store
 * buffer) and asks the caller's chooser at each such decision; replaying
 * the same answers replays the same execution.  The caller explores by
 * choosing differently (xicsref explore).
 */
#define XR_PAR_OPS		4	/* operations of one block */
#define XR_PAR_CPUS		8	/* with the host work they start */

enum xr_choice_kind {
	XR_CHOICE_CPU,		/* which CPU runs next: alt[] are CPUs */
	XR_CHOICE_DELAY,	/* alt 0: the store is visible at once;
				 * alt 1: it waits in the store buffer */
};

struct xr_choice {
	enum xr_choice_kind kind;
	uint32_t nr;			/* alternatives, 2 or more */
	/*
	 * XR_CHOICE_CPU: the index in alt[] of the CPU that ran last and
	 * can go on (choosing another is a preemption), or -1 when it
	 * cannot (finished, waiting for a lock): then any choice is free.
	 */
	int32_t cur;
	uint32_t alt[XR_PAR_CPUS];	/* CPUs: block order, then host work */
	uint32_t cpu;			/* the CPU that reached the decision */
	/*
	 * Where in that CPU's run: its -th hook call (every access,
	 * atomic, lock and barrier of watched memory counts, decision or
	 * not) and the  decision of this kind it reached there.  Unlike
	 * a decision's index this does not depend on which accesses were
	 * decisions, so a schedule string that names decisions this way
	 * replays in a fresh exploration (XR_PAR_ALL_POINTS).  The choice
	 * of the CPU that starts has cpu UINT32_MAX, tick 0.
	 */
	uint64_t tick;
	uint32_t nth;
	/*
	 * Everything that decides the rest of the execution (memory, store
	 * buffers, what each CPU has seen so far), hashed: two decisions
	 * with equal state and equal alternatives have equal futures.
	 */
	uint64_t state;
};

/* What a chooser returns to end the execution here (it was seen) */
#define XR_CHOOSE_STOP		(-1)

struct xr_par_op {
	uint32_t cpu;			/* physical CPU it runs on */
	struct xr_step step;
};

/* How an execution ended */
enum xr_par_end {
	XR_PAR_DONE,		/* every operation finished: quiescent */
	XR_PAR_STOPPED,		/* the chooser said XR_CHOOSE_STOP */
	XR_PAR_DEADLOCK,	/* CPUs wait for each other (why) */
	XR_PAR_LIVELOCK,	/* a CPU ran too long under this schedule */
	XR_PAR_FAILED,		/* could not run (why) */
};

#define XR_PAR_MAX_RACES	8

/*
 * Two accesses to one location from two CPUs, not ordered by
 * happens-before, at least one a write and at least one plain
 */
struct xr_race {
	char where[64];		/* the location, e.g. "icp(v1).resend_map" */
	char text[256];		/* both accesses: CPU, function, line */
	char fn[2][48];		/* the function of each access */
	bool plain[2];		/* which of them are plain */
	bool write[2];		/* which of them are writes */
};

/* Flags of struct xr_par_exec */
#define XR_PAR_NEW		1u	/* a new exploration: forget what the
					 * executions before it learnt */
#define XR_PAR_TRACE		2u	/* write the interleaving into trace */
#define XR_PAR_RACES		4u	/* look for data races */
#define XR_PAR_ALL_POINTS	8u	/* every access of watched memory is a
					 * decision, whatever was learnt: a
					 * replay finds every decision of the
					 * schedule it replays */

struct xr_par_exec {
	/* in */
	uint32_t nr_ops;
	struct xr_par_op op[XR_PAR_OPS];
	int (*choose)(void *ctx, const struct xr_choice *c);
	void *ctx;
	uint32_t flags;
	uint32_t max_accesses;		/* per CPU; more is a livelock */
	char *trace;			/* XR_PAR_TRACE: room for the text */
	size_t trace_len;
	/* out */
	enum xr_par_end end;
	char why[256];
	enum xr_status st[XR_PAR_OPS];	/* of each operation */
	struct xr_result res[XR_PAR_OPS];
	/*
	 * The locations two CPUs touched grew during this execution: some
	 * accesses were not decisions in the executions before it.  The
	 * caller explores again (the set only grows, so this ends).
	 */
	bool learnt;
	char invariant[256];		/* broken internal invariant, or "" */
	uint32_t nr_races;
	struct xr_race races[XR_PAR_MAX_RACES];
	uint32_t decisions, points, cpus;
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
	 * failure return NULL and write a one-line reason into @err.  A
	 * set-up the implementation cannot build by design (not a failure:
	 * kernel-xive has no passthrough yet) is refused with a reason that
	 * starts with XR_CREATE_UNSUPPORTED; the runner reports it as SKIP.
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

	/* Version 5 (a table of version 4 ends here) */

	/*
	 * Optional: run the operations of @ex concurrently on @inst, asking
	 * @ex->choose at every decision, and fill the outputs of @ex.  A
	 * stopped, deadlocked or livelocked execution leaves @inst fit only
	 * for destroy.  NULL: the implementation runs one CPU at a time.
	 */
	enum xr_status (*run_parallel)(void *inst, struct xr_par_exec *ex,
				       char *err, size_t errlen);

	/* Version 9 (a table of version 8 ends here) */

	/*
	 * Optional: the parts of the read-back state the implementation
	 * keeps, as bits (1 << enum xr_icp_field) and (1 << enum
	 * xr_src_field); 0: all of them.  Hardware that has no such register
	 * leaves it out (XICS-on-XIVE keeps no XISR, pending priority or
	 * resend flag: its queues and thread context hold what is pending).
	 * The runner compares only the parts both sides keep after each
	 * step, checks an "expect" only on those, and says so in its report;
	 * step results, and so everything a guest can see, are compared in
	 * full whatever is declared here.
	 */
	uint32_t icp_fields;
	uint32_t source_fields;

	/* Version 11 (a table of version 10 ends here) */

	/*
	 * Optional: the VCPUs whose ICP, as get_icp would read it, may have
	 * changed since the previous call on @inst; after create and reset,
	 * every VCPU.  Sets bit i of @map for the set-up's i-th VCPU (the
	 * caller clears the first (nr_vcpus + 63) / 64 words); setting more
	 * bits than changed is allowed, fewer never.  Returns false when it
	 * cannot tell, which counts as all changed.  The runner calls it on
	 * both sides after every step and reads and compares only the ICPs
	 * either side marks: the others were equal after the step before
	 * and are as they were.  NULL: every ICP is read after every step.
	 */
	bool (*changed_icps)(void *inst, uint64_t *map);
};

#define XR_ICS_MAP_WORDS	(XR_IRQS_PER_ICS / 64)

/* The start of create's reason for a set-up it cannot build by design */
#define XR_CREATE_UNSUPPORTED	"unsupported: "

/* The ABI version that added each optional operation */
#define XR_IMPL_SINCE_changed_sources	2
#define XR_IMPL_SINCE_reset		3
#define XR_IMPL_SINCE_origin		4
#define XR_IMPL_SINCE_run_parallel	5
#define XR_IMPL_SINCE_icp_fields	9
#define XR_IMPL_SINCE_source_fields	9
#define XR_IMPL_SINCE_changed_icps	11

#define XR_ICP_FIELDS_ALL	((1u << XR_IF_NR) - 1)
#define XR_SRC_FIELDS_ALL	((1u << XR_SF_NR) - 1)

/* The state parts @ops keeps: all for 0 or a table before version 9 */
static inline uint32_t xr_impl_icp_fields(const struct xr_impl_ops *ops)
{
	uint32_t f = ops->abi_version >= XR_IMPL_SINCE_icp_fields ?
		     ops->icp_fields & XR_ICP_FIELDS_ALL : 0;

	return f ? f : XR_ICP_FIELDS_ALL;
}

static inline uint32_t xr_impl_source_fields(const struct xr_impl_ops *ops)
{
	uint32_t f = ops->abi_version >= XR_IMPL_SINCE_source_fields ?
		     ops->source_fields & XR_SRC_FIELDS_ALL : 0;

	return f ? f : XR_SRC_FIELDS_ALL;
}

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
