// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection (spec/faults.md).  A scenario arms one operation of the
 * host to fail: "fail alloc nth=2" makes the second allocation from now
 * fail, once, as the kernel's failslab does with its "times" and
 * "interval" knobs.  The model keeps the same counters as the shim, so
 * the operations that may fail are named here once, and the code that
 * states what the kernel must do on failure calls xr_fault() at the very
 * point where the kernel makes that call.
 */
#include "model_internal.h"

/*
 * FAULT-ARM: arm fault @k for the @nth operation of its kind from now (0
 * disarms).  Returns how many operations the previous arming still
 * waited for: 0 when it fired (or there was none), which lets a scenario,
 * and the runner's --fail-each loop, see whether a fault was reached.
 */
uint32_t xr_fault_arm(struct xr_model *m, enum xr_fault_kind k, uint32_t nth)
{
	uint32_t left;

	if ((unsigned int)k >= XR_FAULT_NR_KINDS)
		return 0;
	left = m->fault_in[k];
	m->fault_in[k] = nth;
	return left;
}

/* FAULT-ARM: does this operation of kind @k fail?  Counts it. */
bool xr_fault(struct xr_model *m, enum xr_fault_kind k)
{
	if (!m->fault_in[k])
		return false;
	return --m->fault_in[k] == 0;
}

/* FAULT-ARM: what the arming of @k still waits for */
uint32_t xr_fault_left(const struct xr_model *m, enum xr_fault_kind k)
{
	return (unsigned int)k < XR_FAULT_NR_KINDS ? m->fault_in[k] : 0;
}
