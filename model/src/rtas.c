// SPDX-License-Identifier: GPL-2.0-only
/*
 * The four XICS RTAS calls (spec/rtas.md).  They always run in the host.
 * Arguments are 32-bit RTAS cells (RTAS-ARGS); every failure is the RTAS
 * status -3 (parameter error) and changes nothing.
 */
#include "model_internal.h"

/*
 * The source an RTAS call names: its ICS block must exist; the source
 * must be defined unless DEV-RTAS-UNDEFINED-SOURCE or, on XICS-on-XIVE,
 * DEV-XIVE-UNDEFINED-SOURCE is emulated (PAPR knows no source that is
 * not there).
 */
static struct xr_src *rtas_source(struct xr_model *m, uint32_t irq,
				  struct xr_ics **icsp)
{
	struct xr_ics *ics;
	struct xr_src *s;

	/* RTAS-NO-XICS: the tokens work, the calls find nothing */
	if (m->setup.no_xics)
		return NULL;
	ics = xr_find_ics(m, irq);
	if (!ics)
		return NULL;
	s = xr_src_at(ics, irq);
	if (!s->exists && !xr_quirk(m, XR_QUIRK_RTAS_UNDEFINED_SOURCE |
					 XR_QUIRK_XIVE_UNDEFINED_SOURCE))
		return NULL;
	*icsp = ics;
	return s;
}

static int32_t rtas_end(struct xr_model *m, int32_t rc)
{
	xr_step_end(m);
	return rc;
}

/*
 * DEV-XIVE-ROUTING, kvmppc_xive_set_xive: an unmasked priority routes the
 * source to @server if it has an ICP, else the call fails (-3) but the
 * source is unmasked all the same, on its old route (or none).  A masked
 * priority re-routes a source that has a route to @server (if it has an
 * ICP) and masks it.  The priority's width is DEV-RTAS-PRIO-WIDE's.
 */
static int32_t xive_set_xive(struct xr_model *m, struct xr_ics *ics,
			     struct xr_src *s, uint32_t irq, uint32_t server,
			     uint32_t prio)
{
	struct xr_icp *icp = xr_find_server(m, server);
	bool masked = (uint8_t)prio == XR_PRIO_MASKED;
	int32_t rc = XR_RTAS_SUCCESS;
	uint8_t act;

	if (prio > 0xff && !xr_quirk(m, XR_QUIRK_RTAS_PRIO_WIDE))
		return XR_RTAS_PARAM_ERROR;

	/*
	 * a route is made for an unmasked priority, or changed for a routed
	 * one, when the server or the XIVE priority differs; masked, the
	 * priority is the route's
	 */
	act = masked ? (s->routed ? s->eas_prio : XR_PRIO_MASKED) :
		xr_guest_prio(m, (uint8_t)prio);
	if (act != XR_PRIO_MASKED &&
	    (!s->routed || s->server != server || s->eas_prio != act)) {
		if (icp)
			xr_xive_route(s, server, act);
		else
			rc = XR_RTAS_PARAM_ERROR;
	}
	/* what the unmask releases goes to the routing entry, stale or not */
	if (xr_ics_write_xive(ics, s, s->server, prio, prio))
		xr_ics_deliver(m, NULL, irq, false);
	return rc;
}

/*
 * RTAS-SET-XIVE, RTAS-SET-XIVE-ERR: server, priority and saved priority;
 * a source holding an interrupt is delivered when unmasked.  A priority
 * above 0xff is a parameter error (DEV-RTAS-PRIO-WIDE: the kernel stores
 * its low byte and tests the whole value against 0xff).
 */
int32_t xr_rtas_set_xive(struct xr_model *m, uint32_t irq, uint32_t server,
			 uint32_t prio)
{
	struct xr_ics *ics;
	struct xr_src *s;
	struct xr_icp *icp;

	xr_step_begin(m, -1, false);
	/*
	 * DEV-XIVE-PRESENTER: kvmppc_xive_set_xive provisions the queues of
	 * an unmasked priority (compared whole) before it looks the source
	 * up, so even a call that fails leaves them
	 */
	if (xr_quirk(m, XR_QUIRK_XIVE_ROUTING) && !m->setup.no_xics &&
	    prio != XR_PRIO_MASKED)
		xr_xive_provision(m, xr_guest_prio(m, (uint8_t)prio));
	s = rtas_source(m, irq, &ics);
	if (!s)
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	if (xr_quirk(m, XR_QUIRK_XIVE_ROUTING))
		return rtas_end(m, xive_set_xive(m, ics, s, irq, server, prio));
	icp = xr_find_server(m, server);
	if (!icp)
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	if (prio > 0xff && !xr_quirk(m, XR_QUIRK_RTAS_PRIO_WIDE))
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	if (xr_ics_write_xive(ics, s, server, prio, prio))
		xr_ics_deliver(m, icp, irq, false);
	return rtas_end(m, XR_RTAS_SUCCESS);
}

/* RTAS-GET-XIVE: server and current priority (0xff while masked) */
int32_t xr_rtas_get_xive(struct xr_model *m, uint32_t irq, uint32_t *server,
			 uint32_t *prio)
{
	struct xr_ics *ics;
	struct xr_src *s;

	xr_step_begin(m, -1, false);
	*server = 0;
	*prio = 0;
	s = rtas_source(m, irq, &ics);
	if (!s)
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	*server = s->server;
	*prio = s->prio;
	return rtas_end(m, XR_RTAS_SUCCESS);
}

/*
 * RTAS-INT-OFF: mask and save the current priority.  Masking a masked
 * source therefore saves 0xff, as the kernel does.
 */
int32_t xr_rtas_int_off(struct xr_model *m, uint32_t irq)
{
	struct xr_ics *ics;
	struct xr_src *s;

	xr_step_begin(m, -1, false);
	s = rtas_source(m, irq, &ics);
	if (!s)
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	xr_ics_write_xive(ics, s, s->server, XR_PRIO_MASKED, s->prio);
	return rtas_end(m, XR_RTAS_SUCCESS);
}

/* RTAS-INT-ON: restore the saved priority; the server needs an ICP */
int32_t xr_rtas_int_on(struct xr_model *m, uint32_t irq)
{
	struct xr_ics *ics;
	struct xr_src *s;
	struct xr_icp *icp;

	xr_step_begin(m, -1, false);
	s = rtas_source(m, irq, &ics);
	if (!s)
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	icp = xr_find_server(m, s->server);
	/* DEV-XIVE-ROUTING: int-on needs a route, not an ICP */
	if (xr_quirk(m, XR_QUIRK_XIVE_ROUTING) ? !s->routed : !icp)
		return rtas_end(m, XR_RTAS_PARAM_ERROR);
	if (xr_ics_write_xive(ics, s, s->server, s->saved, s->saved))
		xr_ics_deliver(m, icp, irq, false);
	return rtas_end(m, XR_RTAS_SUCCESS);
}
