// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model behind struct xr_impl_ops: "model" (virtual-mode context) and
 * "model-rm" (HV real-mode context), and the step dispatcher.
 */
#include <stdio.h>
#include <string.h>

#include "model_internal.h"

#define STEP_BIT(k)	(1u << (k))
#define MODEL_STEPS	((1u << XR_STEP_NR_KINDS) - 1)

static bool vcpu_known(struct xr_model *m, uint32_t vcpu, char *err,
		       size_t errlen)
{
	if (xr_vcpu_of(m, vcpu))
		return true;
	snprintf(err, errlen, "vcpu %u is not defined", vcpu);
	return false;
}

static enum xr_status hcall_step(struct xr_model *m, const struct xr_step *st,
				 struct xr_result *res)
{
	switch (st->kind) {
	case XR_STEP_H_CPPR:
		res->rc = xr_h_cppr(m, st->vcpu, st->arg[0]);
		break;
	case XR_STEP_H_XIRR:
		res->rc = xr_h_xirr(m, st->vcpu, &res->xirr);
		break;
	case XR_STEP_H_XIRR_X:
		res->rc = xr_h_xirr_x(m, st->vcpu, &res->xirr);
		if (res->rc == XR_H_SUCCESS)
			res->mfrr = xr_xirr_x_timebase(m);
		break;
	case XR_STEP_H_EOI:
		res->rc = xr_h_eoi(m, st->vcpu, st->arg[0]);
		break;
	case XR_STEP_H_IPI:
		res->rc = xr_h_ipi(m, st->vcpu, st->arg[0], st->arg[1]);
		break;
	default:
		res->rc = xr_h_ipoll(m, st->vcpu, st->arg[0], &res->xirr,
				     &res->mfrr);
		break;
	}
	return XR_OK;
}

/* RTAS-ARGS: the RTAS buffer carries 32-bit cells */
static void rtas_step(struct xr_model *m, const struct xr_step *st,
		      struct xr_result *res)
{
	uint32_t irq = (uint32_t)st->arg[0];

	switch (st->kind) {
	case XR_STEP_RTAS_SET_XIVE:
		res->rc = xr_rtas_set_xive(m, irq, (uint32_t)st->arg[1],
					   (uint32_t)st->arg[2]);
		break;
	case XR_STEP_RTAS_GET_XIVE:
		res->rc = xr_rtas_get_xive(m, irq, &res->server, &res->prio);
		break;
	case XR_STEP_RTAS_INT_OFF:
		res->rc = xr_rtas_int_off(m, irq);
		break;
	default:
		res->rc = xr_rtas_int_on(m, irq);
		break;
	}
}

/*
 * MAP-*, ROUTE-READ-*, PT-*: passthru (arg2 = count for passthru-fill),
 * unpassthru, hwirq.
 */
static int pt_step(struct xr_model *m, const struct xr_step *st,
		   struct xr_result *res, char *err, size_t errlen)
{
	if (st->kind == XR_STEP_UNPASSTHRU) {
		res->rc = xr_passthru_del(m, (uint32_t)st->arg[0]);
		return 0;
	}
	if (st->kind == XR_STEP_PASSTHRU) {
		res->rc = st->arg[2] ?
			  xr_passthru_fill(m, (uint32_t)st->arg[0],
					   (uint32_t)st->arg[1],
					   (uint32_t)st->arg[2]) :
			  xr_passthru_add(m, (uint32_t)st->arg[0],
					  (uint32_t)st->arg[1]);
		return 0;
	}
	if (st->arg[1] >= m->nr_cpus) {
		snprintf(err, errlen, "cpu %llu is not in the machine",
			 (unsigned long long)st->arg[1]);
		return -1;
	}
	if (!(st->arg[2] & 1) &&
	    (xr_hwirq_would_crash(m, (uint32_t)st->arg[0], (uint32_t)st->arg[1]) ||
	     xr_hwirq_would_crash(m, (uint32_t)(st->arg[2] >> 32) & XR_XISR_MASK,
				  (uint32_t)st->arg[1]))) {
		snprintf(err, errlen, "the VCPU on cpu %llu has no ICP: the "
			 "kernel would dereference a NULL ICP",
			 (unsigned long long)st->arg[1]);
		return -1;
	}
	res->path = xr_hwirq_ex(m, (uint32_t)st->arg[0], (uint32_t)st->arg[1],
				 st->arg[2] & 1,
				 (uint32_t)(st->arg[2] >> 32) & XR_XISR_MASK);
	return 0;
}

enum xr_status xr_model_step(struct xr_model *m, const struct xr_step *st,
			     struct xr_result *res, char *err, size_t errlen)
{
	enum xr_status status = XR_OK;

	switch (st->kind) {
	case XR_STEP_H_CPPR:
	case XR_STEP_H_XIRR:
	case XR_STEP_H_XIRR_X:
	case XR_STEP_H_EOI:
	case XR_STEP_H_IPI:
	case XR_STEP_H_IPOLL:
		if (!vcpu_known(m, st->vcpu, err, errlen))
			return XR_FAILED;
		status = hcall_step(m, st, res);
		break;
	case XR_STEP_RTAS_SET_XIVE:
	case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF:
	case XR_STEP_RTAS_INT_ON:
		rtas_step(m, st, res);
		break;
	case XR_STEP_IRQ: {
		enum xr_irq_input in;

		if ((uint32_t)st->arg[1] == XR_IRQ_RAW) {
			in = xr_irq_raw_input_of(m,
					XR_IRQ_RAW_LEVEL(st->arg[1]));
		} else if (st->arg[1] <= XR_IRQ_PULSE) {
			in = (enum xr_irq_input)st->arg[1];
		} else {
			snprintf(err, errlen, "irq input %llu is not on, off, pulse or a level",
				 (unsigned long long)st->arg[1]);
			return XR_FAILED;
		}
		res->rc = st->arg[2] && st->arg[2] <= INT32_MAX ?
			xr_irq_input_on(m, (uint32_t)st->arg[0], in,
					(int32_t)st->arg[2] - 1) :
			xr_irq_input(m, (uint32_t)st->arg[0], in);
		break;
	}
	case XR_STEP_VCPU_RUN:
		if (!vcpu_known(m, st->vcpu, err, errlen))
			return XR_FAILED;
		res->rc = xr_vcpu_run(m, st->vcpu,
				      st->arg[0] == UINT64_MAX ? -1 :
				      st->arg[0] > INT32_MAX ? -2 :
				      (int32_t)st->arg[0]);
		break;
	case XR_STEP_SET_ICP:
		res->rc = xr_set_icp_value(m, st->vcpu, st->arg[0]);
		break;
	case XR_STEP_GET_ICP:
		res->rc = xr_get_icp_value(m, st->vcpu, &res->value);
		break;
	case XR_STEP_SET_SOURCE:
		res->rc = xr_set_source_value(m, (uint32_t)st->arg[0],
					      st->arg[1]);
		break;
	case XR_STEP_GET_SOURCE:
		res->rc = xr_get_source_value(m, (uint32_t)st->arg[0],
					      &res->value);
		break;
	case XR_STEP_HWIRQ:
	case XR_STEP_PASSTHRU:
	case XR_STEP_UNPASSTHRU:
		if (pt_step(m, st, res, err, errlen))
			return XR_FAILED;
		break;
	case XR_STEP_HOST_IPI:
		if (st->arg[0] >= m->nr_cpus) {
			snprintf(err, errlen, "host-ipi: no cpu %llu",
				 (unsigned long long)st->arg[0]);
			return XR_FAILED;
		}
		xr_host_ipi(m, (uint32_t)st->arg[0]);
		break;
	case XR_STEP_FAIL:
		if (st->arg[0] >= XR_FAULT_NR_KINDS || st->arg[1] > UINT32_MAX) {
			snprintf(err, errlen, "fail: no fault kind %llu or nth %llu",
				 (unsigned long long)st->arg[0],
				 (unsigned long long)st->arg[1]);
			return XR_FAILED;
		}
		xr_step_begin(m, -1, false);
		res->rc = xr_fault_arm(m, (enum xr_fault_kind)st->arg[0],
				       (uint32_t)st->arg[1]);
		xr_step_end(m);
		break;
	default:
		snprintf(err, errlen, "unknown step kind %d", (int)st->kind);
		return XR_FAILED;
	}
	/* copy what happened, not the whole (large) event array */
	res->events.nr = m->ev.nr;
	res->events.overflow = m->ev.overflow;
	memcpy(res->events.ev, m->ev.ev, m->ev.nr * sizeof(m->ev.ev[0]));
	return status;
}

static void *model_create(const struct xr_setup *setup, enum xr_context ctx,
			  char *err, size_t errlen)
{
	return xr_model_create(setup, ctx, err, errlen);
}

static void *create_virtual(const struct xr_setup *setup, char *err,
			    size_t errlen)
{
	return model_create(setup, XR_CTX_VIRTUAL, err, errlen);
}

static void *create_real(const struct xr_setup *setup, char *err,
			 size_t errlen)
{
	return model_create(setup, XR_CTX_REAL, err, errlen);
}

static void destroy(void *inst)
{
	xr_model_destroy(inst);
}

static bool reset(void *inst, const struct xr_setup *setup, char *err,
		  size_t errlen)
{
	return xr_model_reset(inst, setup, err, errlen) == 0;
}

static enum xr_status step(void *inst, const struct xr_step *st,
			   struct xr_result *res, char *err, size_t errlen)
{
	return xr_model_step(inst, st, res, err, errlen);
}

static bool get_icp(void *inst, uint32_t vcpu, struct xr_icp_state *out)
{
	return xr_model_icp(inst, vcpu, out);
}

static bool get_source(void *inst, uint32_t irq, struct xr_source_state *out)
{
	return xr_model_source(inst, irq, out);
}

static uint32_t ics_blocks(void *inst, uint32_t *first_irqs, uint32_t max)
{
	const struct xr_model *m = inst;
	uint32_t i;

	for (i = 0; i < m->nr_blocks && i < max; i++)
		first_irqs[i] = m->ics[i]->icsid << XR_ICS_SHIFT;
	return m->nr_blocks;
}

static bool changed_sources(void *inst, uint32_t first_irq, uint64_t *map)
{
	return xr_model_changed_sources(inst, first_irq, map);
}

static bool changed_icps(void *inst, uint64_t *map)
{
	return xr_model_changed_icps(inst, map);
}

static const struct xr_impl_ops model_virtual_ops = {
	.abi_version = XR_IMPL_ABI_VERSION,
	.name = "model",
	.version = "xicsref",
	.context = XR_CTX_VIRTUAL,
	/* virtual mode never sees doorbells, IPIs or LPCR[MER] */
	.event_kinds = XR_EV_BIT(XR_EV_RAISE) | XR_EV_BIT(XR_EV_LOWER) |
		       XR_EV_BIT(XR_EV_KICK) | XR_EV_BIT(XR_EV_ACK) |
		       XR_EV_BIT(XR_EV_WARN) | XR_EV_BIT(XR_EV_LOG),
	.step_kinds = MODEL_STEPS,
	.create = create_virtual,
	.destroy = destroy,
	.step = step,
	.get_icp = get_icp,
	.get_source = get_source,
	.ics_blocks = ics_blocks,
	.changed_sources = changed_sources,
	.reset = reset,
	.changed_icps = changed_icps,
};

static const struct xr_impl_ops model_real_ops = {
	.abi_version = XR_IMPL_ABI_VERSION,
	.name = "model-rm",
	.version = "xicsref",
	.context = XR_CTX_REAL,
	.event_kinds = XR_EV_ALL,
	.step_kinds = MODEL_STEPS,
	.create = create_real,
	.destroy = destroy,
	.step = step,
	.get_icp = get_icp,
	.get_source = get_source,
	.ics_blocks = ics_blocks,
	.changed_sources = changed_sources,
	.reset = reset,
	.changed_icps = changed_icps,
};

const struct xr_impl_ops *xr_model_ops(enum xr_context ctx)
{
	return ctx == XR_CTX_REAL ? &model_real_ops : &model_virtual_ops;
}
