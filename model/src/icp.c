// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ICP state machine (spec/icp.md): one presentation controller per
 * server with CPPR, MFRR, the pending XISR and its priority.  Every update
 * recomputes the output and, when it is asserted, tells the VCPU
 * (notify.c); only the VCPU itself ever withdraws its line.
 */
#include "model_internal.h"

/*
 * ICP-OUT: out_ee = XISR != 0 && PPRI < CPPR.  The output is only ever
 * asserted here, never withdrawn: the kernel updates the ICP with a
 * compare-and-swap that other CPUs race with, so only the owner may
 * clear its own line (ICP-LINE-CLEAR) and every update that calls for
 * the output asserts it again.
 */
void xr_icp_update(struct xr_model *m, struct xr_icp *icp, bool change_self)
{
	icp->out_ee = icp->xisr && icp->pprio < icp->cppr;
	if (icp->out_ee)
		xr_notify(m, icp, change_self);
}

/*
 * ICS-DELIVER, ICS-DELIVER-FAIL: the ICP takes a new interrupt only when
 * it is more favoured than the CPPR, the MFRR and what is pending; it
 * then replaces (and so rejects) the pending XISR.  A refusal leaves
 * need_resend set so that a later CPPR or MFRR change asks for a resend.
 */
bool xr_icp_try_deliver(struct xr_model *m, struct xr_icp *icp, uint32_t irq,
			uint8_t prio, uint32_t *reject)
{
	bool ok = icp->cppr > prio && icp->mfrr > prio && icp->pprio > prio;

	*reject = 0;
	if (ok) {
		*reject = icp->xisr;
		icp->xisr = irq;
		icp->pprio = prio;
	} else {
		icp->need_resend = true;
	}
	/* an ICS-driven delivery never counts as a change to self */
	xr_icp_update(m, icp, false);
	return ok;
}

/*
 * ICP-CPPR-DOWN (PAPR Down_CPPR, Check_IPI, Resend): load the less
 * favoured CPPR, present the IPI if the MFRR now beats the CPPR and what
 * is pending, and resend if a delivery failed earlier.  Normally nothing
 * is displaced (an MFRR that beat a pending interrupt rejected it when it
 * was written, ICP-IPI-SET), but after an H_EOI that loaded a CPPR more
 * favoured than the pending priority a device interrupt can still be
 * pending here: PAPR's Check_IPI rejects it (ICS-REJECT), as Set_MFRR
 * does.  The kernel assumes it cannot happen: it overwrites the XISR
 * and loses the interrupt, and the virtual-mode path WARNs
 * (DEV-CPPR-DOWN-DISPLACE).
 */
void xr_icp_down_cppr(struct xr_model *m, struct xr_icp *icp, uint8_t cppr)
{
	bool displace = xr_quirk(m, XR_QUIRK_CPPR_DOWN_DISPLACE);
	uint32_t reject = 0;
	bool resend;

	icp->cppr = cppr;
	if (icp->mfrr < cppr && icp->mfrr <= icp->pprio) {
		if (icp->xisr != XR_XISR_IPI && icp->xisr != XR_XISR_NONE) {
			if (!displace)
				reject = icp->xisr;
			else if (!m->in_rm)
				xr_emit(m, XR_EV_WARN, 0, 0);
		}
		icp->pprio = icp->mfrr;
		icp->xisr = XR_XISR_IPI;
	}
	resend = icp->need_resend;
	icp->need_resend = false;
	xr_icp_update(m, icp, true);
	if (reject)
		xr_ics_deliver(m, icp, reject, false);
	if (resend)
		xr_icp_check_resend(m, icp);
}

/*
 * ICP-ACCEPT (PAPR Accept_Interrupt): return CPPR<<24 | XISR; when
 * something is pending, the CPPR takes its priority and the XISR empties.
 * The caller has withdrawn the line first (ICP-LINE-CLEAR).
 */
uint32_t xr_icp_accept(struct xr_model *m, struct xr_icp *icp)
{
	uint32_t xirr = icp->xisr | (uint32_t)icp->cppr << 24;

	if (!icp->xisr)
		return xirr;
	icp->cppr = icp->pprio;
	icp->pprio = XR_PRIO_MASKED;
	icp->xisr = XR_XISR_NONE;
	xr_icp_update(m, icp, true);
	return xirr;
}

/*
 * ICP-RESEND (PAPR Resend): every ICS block marked in this ICP's resend
 * map, in ascending ICS id, resends its sources flagged resend.  A bit set
 * again while the walk is past it waits for the next resend, as the
 * kernel's for_each_set_bit walk does.
 */
void xr_icp_check_resend(struct xr_model *m, struct xr_icp *icp)
{
	uint32_t size = m->max_icsid + 1;
	int32_t id;

	for (id = xr_next_bit(icp->resend_map, 0, size); id >= 0;
	     id = xr_next_bit(icp->resend_map, (uint32_t)id + 1, size)) {
		uint64_t bit = 1ull << (id % 64);
		struct xr_ics *ics;

		if (!(icp->resend_map[id / 64] & bit))
			continue;
		icp->resend_map[id / 64] &= ~bit;
		ics = xr_find_ics(m, (uint32_t)id << XR_ICS_SHIFT);
		if (ics)
			xr_ics_check_resend(m, ics, icp);
	}
}
