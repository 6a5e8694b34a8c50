// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a VCPU learns that its ICP output is asserted (spec/route.md).
 *
 * Virtual mode (ROUTE-VM-KICK): the line is queued and the host kicks the
 * VCPU unless the update was the VCPU acting on its own ICP.
 *
 * HV real mode: the line is queued and the hardware is poked: LPCR[MER]
 * for the caller itself, a doorbell or an XICS IPI for a VCPU that runs,
 * a borrowed host core or a deferred kick for one that does not.
 *
 * The line and LPCR[MER] are levels: events only on a change.  Kicks,
 * doorbells and IPIs are messages: one event each time.
 */
#include "model_internal.h"

void xr_line_raise(struct xr_model *m, struct xr_vcpu *v)
{
	if (v->line)
		return;
	v->line = true;
	xr_emit(m, XR_EV_RAISE, v->id, 0);
}

static void set_mer(struct xr_model *m, int32_t cpu, bool on)
{
	if (cpu < 0 || m->mer[cpu] == on)
		return;
	m->mer[cpu] = on;
	xr_emit(m, XR_EV_MER, (uint32_t)cpu, on);
}

/*
 * ICP-LINE-CLEAR, ROUTE-RM-CLEAR: the VCPU withdraws its own line (Accept,
 * Up_CPPR, restore); in real mode it also clears LPCR[MER] on its CPU.
 */
void xr_line_clear_self(struct xr_model *m, struct xr_vcpu *v)
{
	if (v->line) {
		v->line = false;
		xr_emit(m, XR_EV_LOWER, v->id, 0);
	}
	if (m->in_rm)
		set_mer(m, v->cpu, false);
}

static int32_t core_of(const struct xr_model *m, int32_t cpu)
{
	return cpu < 0 ? -1 : cpu / (int32_t)m->setup.threads;
}

/*
 * ROUTE-RM-MSGSND, ROUTE-RM-IPI: POWER9 sends a doorbell to any thread;
 * POWER8 only within the caller's core, otherwise an XICS IPI (the MFRR
 * of the target CPU's physical ICP).
 */
static void rm_send_ipi(struct xr_model *m, int32_t cpu)
{
	int32_t self_cpu = m->caller >= 0 ? m->vcpu[m->caller].cpu : -1;

	if (m->setup.machine == XR_POWER9 ||
	    core_of(m, cpu) == core_of(m, self_cpu))
		xr_emit(m, XR_EV_MSGSND, (uint32_t)cpu, 0);
	else
		xr_emit(m, XR_EV_IPI, (uint32_t)cpu, 0);
}

static bool core_free(const struct xr_model *m, int32_t core)
{
	return !m->running[core] && !m->hcore_msg[core];
}

/*
 * ROUTE-RM-HOSTCORE: look for a core in the host, starting after the
 * caller's core and wrapping round, never the caller's core itself.  A
 * core borrowed in this step stays taken until it has handled its
 * message at the end of the step.
 */
static int32_t find_available_hostcore(const struct xr_model *m)
{
	int32_t self_cpu = m->caller >= 0 ? m->vcpu[m->caller].cpu : -1;
	int32_t my_core = core_of(m, self_cpu);
	int32_t core;

	for (core = my_core + 1; core < (int32_t)m->setup.cores; core++)
		if (core_free(m, core))
			return core;
	for (core = 0; core < my_core; core++)
		if (core_free(m, core))
			return core;
	return -1;
}

static void rm_set_vcpu_irq(struct xr_model *m, struct xr_vcpu *v)
{
	int32_t hcore = -1;

	xr_line_raise(m, v);

	/* ROUTE-RM-SELF */
	if (m->caller >= 0 && v == &m->vcpu[m->caller]) {
		set_mer(m, v->cpu, true);
		return;
	}
	if (v->cpu >= 0) {
		rm_send_ipi(m, v->cpu);
		return;
	}
	/*
	 * The host-core table (kvmppc_host_rm_ops_hv) is only allocated
	 * before POWER9 (kvmppc_alloc_host_rm_ops returns early on ISA
	 * 3.0), so a POWER9 host never lends a core: the kick is deferred.
	 */
	if (m->setup.ipi_redirect && m->setup.machine != XR_POWER9)
		hcore = find_available_hostcore(m);
	if (hcore >= 0) {
		m->hcore_msg[hcore] = (uint16_t)(v - m->vcpu) + 1;
		m->hcore_any = true;
		rm_send_ipi(m, hcore * (int32_t)m->setup.threads);
		return;
	}
	/* ROUTE-RM-DEFER: one target is remembered; the last one wins */
	m->rm_kick = true;
	m->rm_kick_target = (uint32_t)(v - m->vcpu);
}

/*
 * ICP-OUT, ROUTE-VM-KICK: the ICP output is asserted.  @change_self says
 * the update was the VCPU acting on its own ICP (virtual mode only; real
 * mode compares the target with the VCPU running the hcall).
 */
void xr_notify(struct xr_model *m, struct xr_icp *icp, bool change_self)
{
	struct xr_vcpu *v = &m->vcpu[icp->vcpu];

	if (m->in_rm) {
		rm_set_vcpu_irq(m, v);
		return;
	}
	xr_line_raise(m, v);
	if (!change_self)
		xr_emit(m, XR_EV_KICK, v->id, 0);
}

/* ICP-EOI-ICS, ROUTE-RM-ACK: tell the ack notifiers, if any are there */
void xr_notify_ack(struct xr_model *m, uint32_t irq)
{
	/* DEV-XIVE-EOI-NO-ACK: XICS-on-XIVE never calls the notifiers */
	if (!m->setup.ack_notifier ||
	    xr_quirk(m, XR_QUIRK_XIVE_EOI_NO_ACK))
		return;
	if (m->in_rm) {
		m->rm_notify_eoi = true;
		m->rm_eoied_irq = irq;
		return;
	}
	xr_emit(m, XR_EV_ACK, irq, 0);
}

/*
 * ROUTE-RM-DEFER, ROUTE-RM-ACK: the virtual-mode completion runs what
 * real mode left behind, in the kernel's order: the kick, then the ack.
 * (A resend is never deferred: real mode resends by itself.)
 */
void xr_rm_complete(struct xr_model *m)
{
	m->in_rm = false;
	if (m->rm_kick)
		xr_emit(m, XR_EV_KICK, m->vcpu[m->rm_kick_target].id, 0);
	if (m->rm_notify_eoi)
		xr_emit(m, XR_EV_ACK, m->rm_eoied_irq, 0);
	m->rm_kick = false;
	m->rm_notify_eoi = false;
}

/* ROUTE-RM-HOSTCORE: each borrowed core, in core order, kicks its VCPU */
void xr_hostcores_run(struct xr_model *m)
{
	uint32_t core;

	if (!m->hcore_any)
		return;
	m->hcore_any = false;
	for (core = 0; core < m->setup.cores; core++) {
		if (!m->hcore_msg[core])
			continue;
		xr_emit(m, XR_EV_KICK, m->vcpu[m->hcore_msg[core] - 1].id, 0);
		m->hcore_msg[core] = 0;
	}
}
