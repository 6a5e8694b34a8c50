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
		.applies_to = "kernel-vm kernel-rm",
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
		.applies_to = "kernel-vm kernel-rm",
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
		.applies_to = "kernel-vm kernel-rm",
		.summary = "virtual-mode H_CPPR to a less favoured value runs the Up_CPPR tail after Down_CPPR (line lowered and raised again; from an inconsistent state it rejects); PAPR and the real-mode path do Down_CPPR only",
	},
	{
		.id = "DEV-CPPR-DOWN-DISPLACE",
		.quirk = XR_QUIRK_CPPR_DOWN_DISPLACE,
		.applies_to = "kernel-vm kernel-rm",
		.summary = "Down_CPPR presenting the IPI over a pending device interrupt (possible after an EOI to a more favoured CPPR) overwrites it without a reject, so it is lost, and virtual mode WARNs; PAPR Check_IPI rejects it",
	},
	{
		.id = "DEV-RM-XIRR-X-AGAIN",
		.quirk = XR_QUIRK_RM_XIRR_X_AGAIN,
		.applies_to = "kernel-rm",
		.summary = "a real-mode H_XIRR_X that asks for the host's completion (DEBUG_REALMODE) is accepted again in virtual mode: the guest gets the second XIRR and never sees the first interrupt; PAPR (and ROUTE-RM-DEBUG) accept once",
	},
	{
		.id = "DEV-XIRR-X-HOST-TB",
		.quirk = XR_QUIRK_XIRR_X_HOST_TB,
		.applies_to = "kernel-vm kernel-rm",
		.summary = "H_XIRR_X returns the host's time base (get_tb()), not the guest's (plus the VCORE's tb_offset) that the guest's time base register reads and XICS-on-XIVE returns; PAPR's time stamp is the partition's",
	},
	/* XICS-on-XIVE: how POWER9 hosts always differ (standing) */
	{
		.id = "DEV-XIVE-LINE-OUTPUT",
		.quirk = XR_QUIRK_XIVE_LINE_OUTPUT,
		.applies_to = "kernel-xive",
		.summary = "the guest's external exception is the XIVE thread's presentation output (NSR), withdrawn as soon as nothing pending is more favoured than CPPR; the XICS emulation keeps the exception queued until the VCPU withdraws it (ICP-LINE-CLEAR); PAPR does not describe the line",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-PRIO-COLLAPSE",
		.quirk = XR_QUIRK_XIVE_PRIO_COLLAPSE,
		.applies_to = "kernel-xive",
		.summary = "a CPPR (H_CPPR, H_EOI) or source priority from 6 to 0xfe is handled as 6 (xive_prio_from_guest: the XIVE has 8 priorities); PAPR's 256 levels are kept apart by the model",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-GET-ICP",
		.quirk = XR_QUIRK_XIVE_GET_ICP,
		.applies_to = "kernel-xive",
		.summary = "KVM_REG_PPC_ICP_STATE reads back no XISR and pending priority 0xff (the XIVE keeps neither); the model (STATE-ICP-GET) reports the pending interrupt",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-NOICP",
		.quirk = XR_QUIRK_XIVE_NOICP,
		.applies_to = "kernel-xive",
		.summary = "an XICS hypercall of a VCPU without an ICP returns H_TOO_HARD (book3s_hv.c then hands it to userspace); PAPR and the XICS back end answer H_HARDWARE (ICP-NO-ICP)",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-IPOLL",
		.quirk = XR_QUIRK_XIVE_IPOLL,
		.applies_to = "kernel-xive",
		.summary = "H_IPOLL never returns the MFRR in R5, and for another server writes its answer into that VCPU's R4, leaving the caller's R4 holding the server number (FINDING-XIVE-IPOLL-R4); PAPR returns XIRR in R4 and MFRR in R5 to the caller",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-EOI-NO-ACK",
		.quirk = XR_QUIRK_XIVE_EOI_NO_ACK,
		.applies_to = "kernel-xive",
		.summary = "H_EOI of a source never calls the irq ack notifiers (kvm_notify_acked_irq), so an irqfd resampler is not told; the XICS back end (ICP-EOI-ICS, ROUTE-RM-ACK) calls them",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-SET-ICP",
		.quirk = XR_QUIRK_XIVE_SET_ICP,
		.applies_to = "kernel-xive",
		.summary = "KVM_REG_PPC_ICP_STATE restores CPPR and MFRR unchecked and ignores the XISR and pending priority (an XISR naming an MSI re-triggers it); STATE-ICP-VALID refuses an impossible state with -EINVAL and STATE-ICP-SET restores the XISR",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-ROUTING",
		.quirk = XR_QUIRK_XIVE_ROUTING,
		.applies_to = "kernel-xive",
		.summary = "a source's server is where the XIVE routes it: set-source to a server without an ICP succeeds but leaves the source unrouted (its interrupts dropped), set-xive to one fails yet unmasks the source, int-on needs a route; the model refuses both (-EINVAL, -3) and keeps the server asked for",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-UNDEFINED-SOURCE",
		.quirk = XR_QUIRK_XIVE_UNDEFINED_SOURCE,
		.applies_to = "kernel-xive",
		.summary = "ibm,get-xive and ibm,int-off of an undefined source of an existing block succeed (int-on fails: never targeted; set-xive is FINDING-XIVE-SETXIVE-NULL-ESB); PAPR has no such source, the model returns -3",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-GET-SOURCE",
		.quirk = XR_QUIRK_XIVE_GET_SOURCE,
		.applies_to = "kernel-xive",
		.summary = "the saved source state reports an MSI presented but not yet accepted as PENDING too (it is in a queue and is re-sent on restore), and an LSI's P as PENDING only; STATE-SRC-GET reports P as PRESENTED and PENDING for a resend",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-PRESENTER",
		.quirk = XR_QUIRK_XIVE_PRESENTER,
		.applies_to = "kernel-xive",
		.summary = "interrupts wait in per-priority queues of the VCPU, so nothing is rejected or resent: a raised CPPR hides them, a lowered one shows them again, an IPI is synthesized from MFRR when the queues are scanned (and ends when MFRR is reset); the XICS ICP holds one interrupt and rejects the one it displaces",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-MASKED-HELD",
		.quirk = XR_QUIRK_XIVE_MASKED_HELD,
		.applies_to = "kernel-xive",
		.summary = "a masked source holds at most one trigger (its ESB's Q), apart from the interrupt in flight (old_p): a second trigger before the unmask is merged, so the unmask presents it once, and an EOI while masked leaves it held; XICS's P and Q keep both triggers (two presentations) and its EOI clears the P of the held one",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-LSI-EDGE",
		.quirk = XR_QUIRK_XIVE_LSI_EDGE,
		.applies_to = "kernel-xive",
		.summary = "an LSI is an IPI's ESB (edge, P and Q) plus a level KVM looks at only at an H_EOI of the unmasked source: a repeated assertion latches Q and presents once more after the level went low (FINDING-XIVE-LSI-DOUBLE-ASSERT), a level still high at an EOI while masked is lost at the unmask (FINDING-XIVE-LSI-MASKED-EOI); XICS's P is the level (ICS-LSI-LEVEL)",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-LSI-RAW-LEVEL",
		.quirk = XR_QUIRK_XIVE_LSI_RAW_LEVEL,
		.applies_to = "kernel-xive",
		.summary = "only 1 and KVM_INTERRUPT_SET_LEVEL assert an LSI; KVM_INTERRUPT_SET and any other non-zero level trigger it once and leave its level; book3s_xics.c (ICS-INPUT-RAW) takes them all as high",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-SAVE-SNAPSHOT",
		.quirk = XR_QUIRK_XIVE_SAVE_SNAPSHOT,
		.applies_to = "kernel-xive",
		.summary = "the source state is read from a snapshot of every source taken at the first read of a save and used until as many reads as there are sources end it, so a read reports the priority, P, Q and queue state of then; STATE-SRC-GET reports each source as it is",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-SAVE-MASKED",
		.quirk = XR_QUIRK_XIVE_SAVE_MASKED,
		.applies_to = "kernel-xive",
		.summary = "the saved state of a masked MSI has the P and Q it had when masked and is PENDING only if in a queue or its saved priority is 0xff with that Q set: a trigger held while masked is not saved (FINDING-XIVE-SAVE-MASKED-PENDING); STATE-SRC-GET saves it as PENDING",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-BARE-MASK",
		.quirk = XR_QUIRK_XIVE_BARE_MASK,
		.applies_to = "kernel-xive",
		.summary = "a source restored with priority 0xff but without KVM_XICS_MASKED (VMMs before QEMU 4.1) is unmasked to priority 0xff: its ESB open, its events go where its routing entry last sent them, and H_EOI never EOIs it; book3s_xics.c and the model take 0xff as masked either way",
		.standing = true,
	},
	/* XICS-on-XIVE passthrough (kvmppc_xive_set_mapped, clr_mapped) */
	{
		.id = "DEV-XIVE-PT-ROUTE",
		.quirk = XR_QUIRK_XIVE_PT_ROUTE,
		.applies_to = "kernel-xive",
		.summary = "a device interrupt goes where its XIVE routing entry says: once passed through, to the guest source's VCPU queue whatever CPU, VCPU or host IPI is there (no host path, no intr_cpu, never host-complete), else to the host; the XICS IPI number is the host's and a host IPI is taken at once; the XICS read path (kvmppc_read_intr) and its OPAL and PHB calls do not exist",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-PT-INPUT",
		.quirk = XR_QUIRK_XIVE_PT_INPUT,
		.applies_to = "kernel-xive",
		.summary = "the host's input to a passed-through source (kvm_set_irq, the irqfd of another device) is refused with -EINVAL at any level (kvmppc_xive_set_irq); the XICS back end delivers it and records intr_cpu (PT-INTR-CPU)",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-PT-NO-ICS",
		.quirk = XR_QUIRK_XIVE_PT_NO_ICS,
		.applies_to = "kernel-xive",
		.summary = "passthru of a guest IRQ in no source block: kvmppc_xive_set_mapped fails, so kvmppc_set_passthru_irq invalidates the map entry yet returns 0, and unpassthru returns -EINVAL; the XICS back end keeps the entry (MAP-BUSY, PT-NO-ICS) and unpassthru returns 0",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-PT-MAP-STATE",
		.quirk = XR_QUIRK_XIVE_PT_MAP_STATE,
		.applies_to = "kernel-xive",
		.summary = "passthru drops the source's Q (all of a masked source's P, Q and masked-pending: FINDING-XIVE-PT-LOST) and unpassthru hands its Q (and a masked source's masked-pending) to the host with the device, the pending state being the IPI's or the device's ESB; the XICS source keeps its P, Q and masked-pending across both",
		.standing = true,
	},
	{
		.id = "DEV-XIVE-PT-LSI",
		.quirk = XR_QUIRK_XIVE_PT_LSI,
		.applies_to = "kernel-xive",
		.summary = "a passed-through LSI source is the device's MSI: its P and Q are the device ESB's, an EOI clears P as an MSI's (and triggers it again only if the line was high when it was mapped), its level stays; the XICS back end keeps an LSI's level in P, so a passthrough delivery raises the level and each EOI presents it again",
		.standing = true,
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
