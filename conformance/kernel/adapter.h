/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel adapter's instance and its one-step entry, shared by
 * adapter.c (the implementation table) and par_adapter.c (parallel
 * blocks in explore builds).  User side: libc and xicsref headers.
 */
#ifndef XR_KERNEL_ADAPTER_H
#define XR_KERNEL_ADAPTER_H

#include <stdbool.h>
#include <stdint.h>

#include <xicsref/impl.h>
#include <xk_api.h>

struct kinst {
	struct xk_vm *vm;
	bool rm;
	bool real_mode;		/* option real_mode: the rm handlers run */
	bool no_xics;		/* option xics=off: no XICS device */
	/*
	 * Some VCPU has no ICP (fixed at create: nothing takes an ICP away):
	 * only then does a real-mode hcall look for its VCPU's ICP first
	 */
	bool icpless;
	/*
	 * VCPU number -> index for the small numbers, filled at create: the
	 * runner reads every ICP after every step, and the kernel-side search
	 * (instrumented like the kernel when fuzzing) cost more than the read.
	 */
	int16_t index_of[256];
	/* the set-up it was created for, as kreset compares it */
	uint8_t *setup_key;
	size_t setup_key_len;
	bool snapshot;		/* xk_snapshot worked: kreset can restore */
	/* each VCPU's ICP as kchanged_icps last read it, once valid */
	uint32_t nr_vcpus;
	unsigned long long *icp_seen;
	bool icp_seen_valid;
};

/* One step on the kernel, events not collected (kstep does that) */
enum xr_status xr_kstep_one(struct kinst *ki, const struct xr_step *st,
			    struct xr_result *res, char *err, size_t errlen);
/* Kernel events into a result */
void xr_kevents(struct xr_events *to, const struct xk_events *from);

/* par_adapter.c (explore builds only): the run_parallel operation */
enum xr_status xr_kpar_run(void *inst, struct xr_par_exec *ex, char *err,
			   size_t errlen);

#endif /* XR_KERNEL_ADAPTER_H */
