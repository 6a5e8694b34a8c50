// SPDX-License-Identifier: GPL-2.0-only
/*
 * The registry of documented deviations (spec/deviations.md).  The model
 * with no quirk is the specification; each quirk makes it reproduce one
 * kernel behaviour exactly, and nothing else.
 */
#include <string.h>

#include "model_internal.h"

static const struct xr_deviation deviations[] = {
	{
		.id = "DEV-RM-EOI-NOICS",
		.quirk = XR_QUIRK_RM_EOI_NOICS,
		.applies_to = "kernel-rm",
		.summary = "real-mode H_EOI of an XISR with no ICS block returns H_SUCCESS; virtual mode and PAPR (no such source) say H_PARAMETER",
	},
	{
		.id = "DEV-ARG-CPPR-WIDE",
		.quirk = XR_QUIRK_ARG_CPPR_WIDE,
		.applies_to = "kernel-*",
		.summary = "H_CPPR compares the whole 64-bit register but stores its low byte; PAPR's CPPR is one byte, so the model uses the low byte for both",
	},
	{
		.id = "DEV-ARG-MFRR-WIDE",
		.quirk = XR_QUIRK_ARG_MFRR_WIDE,
		.applies_to = "kernel-*",
		.summary = "H_IPI compares the whole 64-bit MFRR register but stores its low byte; PAPR's MFRR is one byte, so the model uses the low byte for both",
	},
	{
		.id = "DEV-RTAS-UNDEFINED-SOURCE",
		.quirk = XR_QUIRK_RTAS_UNDEFINED_SOURCE,
		.applies_to = "kernel-*",
		.summary = "ibm,set-xive/get-xive/int-on/int-off on an undefined source of an existing ICS block succeed; PAPR has no such source, so the model returns -3",
	},
	{
		.id = "DEV-RTAS-PRIO-WIDE",
		.quirk = XR_QUIRK_RTAS_PRIO_WIDE,
		.applies_to = "kernel-*",
		.summary = "ibm,set-xive with a priority above 0xff stores its low byte but tests the whole value; a XIVE priority is one byte, so the model returns -3",
	},
	{
		.id = "DEV-VM-CPPR-DOWN-TAIL",
		.quirk = XR_QUIRK_VM_CPPR_DOWN_TAIL,
		.applies_to = "kernel-*",
		.summary = "virtual-mode H_CPPR to a less favoured value runs the Up_CPPR tail after Down_CPPR (line lowered and raised again; from an inconsistent state it rejects); PAPR and the real-mode path do Down_CPPR only",
	},
	{
		.id = "DEV-CPPR-DOWN-DISPLACE",
		.quirk = XR_QUIRK_CPPR_DOWN_DISPLACE,
		.applies_to = "kernel-*",
		.summary = "Down_CPPR presenting the IPI over a pending device interrupt (possible after an EOI to a more favoured CPPR) overwrites it without a reject, so it is lost, and virtual mode WARNs; PAPR Check_IPI rejects it",
	},
	{
		.id = "DEV-RM-XIRR-X-AGAIN",
		.quirk = XR_QUIRK_RM_XIRR_X_AGAIN,
		.applies_to = "kernel-rm",
		.summary = "a real-mode H_XIRR_X that asks for the host's completion (DEBUG_REALMODE) is accepted again in virtual mode: the guest gets the second XIRR and never sees the first interrupt; PAPR (and ROUTE-RM-DEBUG) accept once",
	},
};

const struct xr_deviation *xr_deviations(uint32_t *nr)
{
	*nr = sizeof(deviations) / sizeof(deviations[0]);
	return deviations;
}

const struct xr_deviation *xr_deviation_find(const char *id)
{
	uint32_t i;

	if (!id)
		return NULL;
	for (i = 0; i < sizeof(deviations) / sizeof(deviations[0]); i++)
		if (!strcmp(deviations[i].id, id))
			return &deviations[i];
	return NULL;
}
