// SPDX-License-Identifier: GPL-2.0-only
/*
 * The six XICS hypervisor calls (spec/icp.md): argument decoding, the
 * error returns, and the context each runs in.  In the real-mode model
 * (model-rm) H_XIRR, H_XIRR_X, H_CPPR, H_EOI and H_IPI run in HV real
 * mode when the set-up has real_mode on; H_IPOLL always runs in the host.
 */
#include "model_internal.h"

/* ROUTE-RM-OFF: with real_mode off virtual mode does all the work */
/*
 * ROUTE-RM-DEBUG: setup.real_mode_dbg (the kernel's DEBUG_REALMODE) only
 * sends every real-mode hcall through the host's completion, which does
 * what real mode left to do: nothing the guest sees changes, so the model
 * has no use for it.
 */
static bool runs_in_rm(const struct xr_model *m)
{
	return m->ctx == XR_CTX_REAL && m->setup.real_mode;
}

/*
 * ICP-NO-ICP: a VCPU without an ICP gets H_HARDWARE (no_icp_rc).
 * Otherwise start the step with the caller known (ROUTE-* need it) and
 * return its ICP.
 */
static struct xr_icp *hcall_begin(struct xr_model *m, uint32_t vcpu, bool rm)
{
	struct xr_vcpu *v = xr_vcpu_of(m, vcpu);

	xr_step_begin(m, v ? (int32_t)(v - m->vcpu) : -1,
		      rm && v && v->icp >= 0);
	if (!v || v->icp < 0)
		return NULL;
	return &m->icp[v->icp];
}

static int64_t hcall_end(struct xr_model *m, int64_t rc)
{
	xr_step_end(m);
	return rc;
}

/*
 * DEV-XIVE-NOICP: XICS-on-XIVE answers H_TOO_HARD (the hypercall goes on
 * to userspace) where PAPR and the XICS back end say H_HARDWARE
 */
static int64_t no_icp(struct xr_model *m)
{
	return hcall_end(m, xr_quirk(m, XR_QUIRK_XIVE_NOICP) ?
			 XR_H_TOO_HARD : XR_H_HARDWARE);
}

/* ICP-ACCEPT, ICP-LINE-CLEAR, ROUTE-RM-CLEAR */
int64_t xr_h_xirr(struct xr_model *m, uint32_t vcpu, uint64_t *xirr)
{
	struct xr_icp *icp = hcall_begin(m, vcpu, runs_in_rm(m));

	*xirr = 0;
	if (!icp)
		return no_icp(m);
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER)) {
		*xirr = xr_xive_h_xirr(m, icp);
		return hcall_end(m, XR_H_SUCCESS);
	}
	xr_line_clear_self(m, &m->vcpu[icp->vcpu]);
	*xirr = xr_icp_accept(m, icp);
	return hcall_end(m, XR_H_SUCCESS);
}

/*
 * ICP-ACCEPT-X: the time base H_XIRR_X returns in R5, as the guest reads
 * its time base register: the host's (the harness's clock, XR_TIMEBASE)
 * plus the VCORE's offset.  DEV-XIRR-X-HOST-TB: the XICS emulation
 * returns the host's time base itself.
 */
uint64_t xr_xirr_x_timebase(const struct xr_model *m)
{
	if (xr_quirk(m, XR_QUIRK_XIRR_X_HOST_TB))
		return XR_TIMEBASE;
	return XR_TIMEBASE + m->setup.tb_offset;
}

/*
 * ICP-ACCEPT-X: H_XIRR, and the time base in R5 (xr_xirr_x_timebase).
 *
 * DEV-RM-XIRR-X-AGAIN: the kernel's virtual-mode dispatcher believes
 * H_XIRR_X has no real-mode handler, so after a real-mode H_XIRR_X that
 * asked for the host's completion (only real_mode_dbg makes it ask) it
 * runs the virtual-mode accept again instead: the guest gets the second
 * XIRR, and the interrupt of the first stays in service unseen.
 */
int64_t xr_h_xirr_x(struct xr_model *m, uint32_t vcpu, uint64_t *xirr)
{
	struct xr_icp *icp = hcall_begin(m, vcpu, runs_in_rm(m));

	*xirr = 0;
	if (!icp)
		return no_icp(m);
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER)) {
		*xirr = xr_xive_h_xirr(m, icp);
		return hcall_end(m, XR_H_SUCCESS);
	}
	xr_line_clear_self(m, &m->vcpu[icp->vcpu]);
	*xirr = xr_icp_accept(m, icp);
	if (m->in_rm && m->setup.real_mode_dbg &&
	    xr_quirk(m, XR_QUIRK_RM_XIRR_X_AGAIN)) {
		/* the host's kvmppc_xics_hcall: no completion, a new accept */
		m->in_rm = false;
		xr_line_clear_self(m, &m->vcpu[icp->vcpu]);
		*xirr = xr_icp_accept(m, icp);
	}
	return hcall_end(m, XR_H_SUCCESS);
}

/*
 * ICP-CPPR-SAME, ICP-CPPR-UP, ICP-CPPR-DOWN, ICP-ARG-WIDTH (PAPR Set_CPPR,
 * Up_CPPR, Reject_Current, Down_CPPR).  The CPPR is one byte: the model
 * decides on the low byte; DEV-ARG-CPPR-WIDE compares the whole register.
 *
 * A less favoured CPPR is Down_CPPR and nothing else, as PAPR says and as
 * the real-mode path does.  The virtual-mode kvmppc_h_cppr has no return
 * after icp_down_cppr and also runs the Up_CPPR tail: the line is
 * withdrawn and re-asserted, and from an inconsistent state (an H_EOI
 * that loaded a more favoured CPPR) it even rejects.  That is
 * DEV-VM-CPPR-DOWN-TAIL; the quirk reproduces it.
 */
int64_t xr_h_cppr(struct xr_model *m, uint32_t vcpu, uint64_t cppr)
{
	struct xr_icp *icp = hcall_begin(m, vcpu, runs_in_rm(m));
	uint8_t val = xr_guest_prio(m, (uint8_t)cppr);
	uint64_t cmp = val;
	uint32_t reject = 0;

	if (!icp)
		return no_icp(m);
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER)) {
		xr_xive_h_cppr(m, icp, cppr);
		return hcall_end(m, XR_H_SUCCESS);
	}
	if (xr_quirk(m, XR_QUIRK_ARG_CPPR_WIDE))
		cmp = cppr;

	if (cmp > icp->cppr) {
		xr_icp_down_cppr(m, icp, val);
		if (m->in_rm || !xr_quirk(m, XR_QUIRK_VM_CPPR_DOWN_TAIL))
			return hcall_end(m, XR_H_SUCCESS);
	} else if (cmp == icp->cppr) {
		return hcall_end(m, XR_H_SUCCESS);
	}

	xr_line_clear_self(m, &m->vcpu[icp->vcpu]);
	icp->cppr = val;
	if (cmp <= icp->pprio) {
		reject = icp->xisr;
		icp->xisr = XR_XISR_NONE;
		icp->pprio = XR_PRIO_MASKED;
	}
	xr_icp_update(m, icp, true);
	if (reject && reject != XR_XISR_IPI)
		xr_ics_deliver(m, icp, reject, false);
	return hcall_end(m, XR_H_SUCCESS);
}

/*
 * ICP-EOI-CPPR, ICP-EOI-IPI, ICP-EOI-ICS (PAPR EOI): the XIRR is a 32-bit
 * register: CPPR from bits 31:24 (through Down_CPPR, never a reject),
 * the source from bits 23:0.
 */
int64_t xr_h_eoi(struct xr_model *m, uint32_t vcpu, uint64_t xirr)
{
	struct xr_icp *icp = hcall_begin(m, vcpu, runs_in_rm(m));
	uint32_t irq = (uint32_t)xirr & XR_XISR_MASK;

	if (!icp)
		return no_icp(m);
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER))
		return hcall_end(m, xr_xive_h_eoi(m, icp, xirr));
	xr_icp_down_cppr(m, icp, xr_guest_prio(m, (uint8_t)(xirr >> 24)));
	if (irq == XR_XISR_IPI)
		return hcall_end(m, XR_H_SUCCESS);
	return hcall_end(m, xr_ics_eoi(m, icp, irq));
}

/*
 * ICP-IPI-SET, ICP-IPI-RESEND, ICP-IPI-PARAM, ICP-ARG-WIDTH (PAPR
 * Set_MFRR, Check_IPI, IPI).  The MFRR is one byte: the model decides on
 * the low byte; DEV-ARG-MFRR-WIDE compares the whole register.  The
 * server is compared whole with the caller's, looked up by its low word.
 */
int64_t xr_h_ipi(struct xr_model *m, uint32_t vcpu, uint64_t server,
		 uint64_t mfrr)
{
	struct xr_icp *self = hcall_begin(m, vcpu, runs_in_rm(m));
	struct xr_icp *icp;
	uint64_t cmp = mfrr & 0xff;
	uint8_t val = (uint8_t)mfrr;
	uint32_t reject = 0;
	bool resend = false;
	bool local;

	if (!self)
		return no_icp(m);
	if (xr_quirk(m, XR_QUIRK_ARG_MFRR_WIDE))
		cmp = mfrr;
	local = self->server == server;
	icp = local ? self : xr_find_server(m, (uint32_t)server);
	if (!icp)
		return hcall_end(m, XR_H_PARAMETER);
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER)) {
		xr_xive_h_ipi(m, icp, cmp, val);
		return hcall_end(m, XR_H_SUCCESS);
	}

	if (cmp < icp->cppr && cmp <= icp->pprio) {
		reject = icp->xisr;
		icp->pprio = val;
		icp->xisr = XR_XISR_IPI;
	}
	/* the kernel resends whenever the MFRR becomes less favoured */
	if (cmp > icp->mfrr) {
		resend = icp->need_resend;
		icp->need_resend = false;
	}
	icp->mfrr = val;
	xr_icp_update(m, icp, local);
	if (reject && reject != XR_XISR_IPI)
		xr_ics_deliver(m, icp, reject, false);
	if (resend)
		xr_icp_check_resend(m, icp);
	return hcall_end(m, XR_H_SUCCESS);
}

/*
 * ICP-IPOLL: read CPPR<<24 | XISR and the MFRR of a server, no change.
 *
 * DEV-XIVE-IPOLL: xive_vm_h_ipoll never sets R5 (it keeps what the
 * guest passed, 0 in the harness), and for another server it writes
 * the answer into that VCPU's R4, leaving the caller's R4 as it was: the
 * server number (FINDING-XIVE-IPOLL-R4).
 */
int64_t xr_h_ipoll(struct xr_model *m, uint32_t vcpu, uint64_t server,
		   uint64_t *xirr, uint64_t *mfrr)
{
	struct xr_icp *icp = hcall_begin(m, vcpu, false);
	bool xive = xr_quirk(m, XR_QUIRK_XIVE_IPOLL);
	struct xr_icp *caller = icp;
	bool other;

	*xirr = 0;
	*mfrr = 0;
	if (!icp)
		return no_icp(m);
	other = icp->server != server;
	if (other)
		icp = xr_find_server(m, (uint32_t)server);
	if (!icp)
		return hcall_end(m, XR_H_PARAMETER);
	*xirr = (uint32_t)icp->cppr << 24 | icp->xisr;
	if (xr_quirk(m, XR_QUIRK_XIVE_PRESENTER))
		*xirr = xr_xive_h_ipoll(m, caller, icp, other);
	*mfrr = icp->mfrr;
	/* the answer goes to the found VCPU's R4, the caller's if it is it */
	if (xive) {
		*mfrr = 0;
		if (other && icp != caller)
			*xirr = server;
	}
	return hcall_end(m, XR_H_SUCCESS);
}
