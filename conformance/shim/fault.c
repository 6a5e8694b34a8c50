// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection (spec/faults.md): the operations of the host that the
 * kernel files call and that can fail on a real machine (an allocation,
 * a user copy, an OPAL call) fail here when a scenario armed them, at the
 * same count as the model's (model/src/fault.c).  Like the kernel's
 * failslab with times=1: one failure, at the Nth call from the arming.
 */
#include <xr_shim/state.h>

_Static_assert(SHIM_FAULT_ALLOC == XK_FAULT_ALLOC &&
	       SHIM_FAULT_GET_USER == XK_FAULT_GET_USER &&
	       SHIM_FAULT_PUT_USER == XK_FAULT_PUT_USER &&
	       SHIM_FAULT_PHB_EOI == XK_FAULT_PHB_EOI &&
	       SHIM_FAULT_OPAL_SET_XIVE == XK_FAULT_OPAL_SET_XIVE &&
	       SHIM_FAULT_OPAL_GET_XIRR == XK_FAULT_OPAL_GET_XIRR &&
	       SHIM_FAULT_OPAL_EOI == XK_FAULT_OPAL_EOI,
	       "shim fault kinds follow enum xk_fault_kind");

/* FAULT-ARM: does this call of kind @kind fail?  Counts it. */
bool shim_fault(unsigned int kind)
{
	struct shim_machine *m = shim_cur;

	if (!m || kind >= XK_FAULT_NR_KINDS || !m->fault_in[kind])
		return false;
	return --m->fault_in[kind] == 0;
}
