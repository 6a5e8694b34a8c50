// SPDX-License-Identifier: GPL-2.0-only
/*
 * An xicsref implementation, as a porter writes one (docs/porting.md).
 *
 * This file is the whole of it: one table of operations (struct
 * xr_impl_ops, <xicsref/impl.h>) and the function the runner looks up
 * in the shared object.  Here the "port" under test is the installed
 * xicsref model itself, driven through its public API (<xicsref/model.h>)
 * so that the example runs the whole suite as it stands; a porter
 * replaces each call marked PORT with the entry point of their own
 * interrupt controller (a hypervisor's hcall handler, an emulator's
 * device model, ...).
 *
 * Build: make (see Makefile: pkg-config --cflags --libs xicsref)
 * Run:   xicsref run --impl ./xicsref-example.so SCENARIO...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/impl.h>
#include <xicsref/model.h>

/*
 * One machine per scenario.  A port keeps here whatever its controller
 * needs: its VCPUs, ICPs and ICS blocks built from the set-up.
 */
struct example {
	struct xr_model *m;		/* PORT: your controller's state */
	uint64_t tb_offset;		/* the guest's time base minus the host's */
};

static void *example_create(const struct xr_setup *setup, char *err,
			    size_t errlen)
{
	struct example *x = calloc(1, sizeof(*x));

	if (!x) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/*
	 * PORT: build the VCPUs (setup->vcpus: id, server, has_icp), the
	 * sources (setup->sources: irq, lsi, server, prio) and the options.
	 * setup->no_xics (ABI 8): the VM has no XICS device at all, so no
	 * VCPU gets an ICP, every RTAS call answers -3 (RTAS-NO-XICS) and
	 * host input -ENODEV (ICS-INPUT-NO-XICS); the model below does it.
	 * Refuse what the port cannot model with a one-line reason.
	 */
	x->tb_offset = setup->tb_offset;
	x->m = xr_model_create(setup, XR_CTX_VIRTUAL, err, errlen);
	if (!x->m) {
		free(x);
		return NULL;
	}
	return x;
}

static void example_destroy(void *inst)
{
	struct example *x = inst;

	xr_model_destroy(x->m);
	free(x);
}

/* The hypervisor calls a guest makes (PAPR), VCPU st->vcpu calling */
static void hcall(struct example *x, const struct xr_step *st,
		  struct xr_result *res)
{
	switch (st->kind) {
	case XR_STEP_H_CPPR:
		res->rc = xr_h_cppr(x->m, st->vcpu, st->arg[0]);
		break;
	case XR_STEP_H_XIRR:
		res->rc = xr_h_xirr(x->m, st->vcpu, &res->xirr);
		break;
	case XR_STEP_H_XIRR_X:
		res->rc = xr_h_xirr_x(x->m, st->vcpu, &res->xirr);
		/* PORT: R5 is the guest's time base: the host's, which
		 * your clock reads as XR_TIMEBASE under the harness, plus
		 * the VM's offset (ICP-ACCEPT-X, option tb_offset) */
		if (res->rc == XR_H_SUCCESS)
			res->mfrr = XR_TIMEBASE + x->tb_offset;
		break;
	case XR_STEP_H_EOI:
		res->rc = xr_h_eoi(x->m, st->vcpu, st->arg[0]);
		break;
	case XR_STEP_H_IPI:
		res->rc = xr_h_ipi(x->m, st->vcpu, st->arg[0], st->arg[1]);
		break;
	default:
		res->rc = xr_h_ipoll(x->m, st->vcpu, st->arg[0], &res->xirr,
				     &res->mfrr);
		break;
	}
}

/* RTAS calls: the arguments are 32-bit cells of the RTAS buffer */
static void rtas(struct example *x, const struct xr_step *st,
		 struct xr_result *res)
{
	uint32_t irq = (uint32_t)st->arg[0];

	switch (st->kind) {
	case XR_STEP_RTAS_SET_XIVE:
		res->rc = xr_rtas_set_xive(x->m, irq, (uint32_t)st->arg[1],
					   (uint32_t)st->arg[2]);
		break;
	case XR_STEP_RTAS_GET_XIVE:
		res->rc = xr_rtas_get_xive(x->m, irq, &res->server,
					   &res->prio);
		break;
	case XR_STEP_RTAS_INT_OFF:
		res->rc = xr_rtas_int_off(x->m, irq);
		break;
	default:
		res->rc = xr_rtas_int_on(x->m, irq);
		break;
	}
}

static enum xr_status example_step(void *inst, const struct xr_step *st,
				   struct xr_result *res, char *err,
				   size_t errlen)
{
	struct example *x = inst;
	const struct xr_events *ev;

	switch (st->kind) {
	case XR_STEP_H_CPPR:
	case XR_STEP_H_XIRR:
	case XR_STEP_H_XIRR_X:
	case XR_STEP_H_EOI:
	case XR_STEP_H_IPI:
	case XR_STEP_H_IPOLL:
		hcall(x, st, res);
		break;
	case XR_STEP_RTAS_SET_XIVE:
	case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF:
	case XR_STEP_RTAS_INT_ON:
		rtas(x, st, res);
		break;
	case XR_STEP_IRQ: {
		/* a device raises (on), lowers (off) or pulses a source, or
		 * the host passes a raw level (ICS-INPUT-RAW: 0 low, else
		 * high, KVM's -2 low) */
		enum xr_irq_input in;

		if ((uint32_t)st->arg[1] == XR_IRQ_RAW)
			in = xr_irq_raw_input(XR_IRQ_RAW_LEVEL(st->arg[1]));
		else if (st->arg[1] <= XR_IRQ_PULSE)
			in = (enum xr_irq_input)st->arg[1];
		else {
			snprintf(err, errlen, "irq input %llu is not on, off, pulse or a level",
				 (unsigned long long)st->arg[1]);
			return XR_FAILED;
		}
		res->rc = xr_irq_input(x->m, (uint32_t)st->arg[0], in);
		break;
	}
	case XR_STEP_SET_ICP:
		res->rc = xr_set_icp_value(x->m, st->vcpu, st->arg[0]);
		break;
	case XR_STEP_GET_ICP:
		res->rc = xr_get_icp_value(x->m, st->vcpu, &res->value);
		break;
	case XR_STEP_SET_SOURCE:
		res->rc = xr_set_source_value(x->m, (uint32_t)st->arg[0],
					      st->arg[1]);
		break;
	case XR_STEP_GET_SOURCE:
		res->rc = xr_get_source_value(x->m, (uint32_t)st->arg[0],
					      &res->value);
		break;
	default:
		/*
		 * Not in step_kinds below, so the runner never asks: a
		 * scenario that needs it is reported SKIP, never PASS.
		 */
		snprintf(err, errlen, "step kind %d not implemented",
			 (int)st->kind);
		return XR_UNSUPPORTED;
	}
	/*
	 * What the host would see (VCPU line raised or lowered, kicks, ack
	 * notifiers): only the kinds declared in event_kinds are compared.
	 */
	ev = xr_model_events(x->m);
	res->events.nr = ev->nr;
	res->events.overflow = ev->overflow;
	memcpy(res->events.ev, ev->ev, ev->nr * sizeof(ev->ev[0]));
	return XR_OK;
}

/* The abstract state the runner compares after every step */
static bool example_get_icp(void *inst, uint32_t vcpu,
			    struct xr_icp_state *out)
{
	struct example *x = inst;

	return xr_model_icp(x->m, vcpu, out);	/* PORT: read your ICP */
}

static bool example_get_source(void *inst, uint32_t irq,
			       struct xr_source_state *out)
{
	struct example *x = inst;

	return xr_model_source(x->m, irq, out);	/* PORT: read your ICS */
}

#define STEP(k)	(1u << XR_STEP_##k)

static const struct xr_impl_ops example_ops = {
	.abi_version = XR_IMPL_ABI_VERSION,
	.name = "porter-example",
	.version = "1.0",
	/* hcalls handled where the host kicks VCPUs (no real-mode paths) */
	.context = XR_CTX_VIRTUAL,
	.event_kinds = XR_EV_BIT(XR_EV_RAISE) | XR_EV_BIT(XR_EV_LOWER) |
		       XR_EV_BIT(XR_EV_KICK) | XR_EV_BIT(XR_EV_ACK),
	/* no VCPU placement and no passthrough: those scenarios SKIP */
	.step_kinds = STEP(H_CPPR) | STEP(H_XIRR) | STEP(H_XIRR_X) |
		      STEP(H_EOI) | STEP(H_IPI) | STEP(H_IPOLL) |
		      STEP(RTAS_SET_XIVE) | STEP(RTAS_GET_XIVE) |
		      STEP(RTAS_INT_OFF) | STEP(RTAS_INT_ON) | STEP(IRQ) |
		      STEP(SET_ICP) | STEP(GET_ICP) | STEP(SET_SOURCE) |
		      STEP(GET_SOURCE),
	.create = example_create,
	.destroy = example_destroy,
	.step = example_step,
	.get_icp = example_get_icp,
	.get_source = example_get_source,
	.ics_blocks = NULL,		/* optional */
};

/* The one symbol the runner looks up (XR_IMPL_ENTRY_SYMBOL) */
__attribute__((visibility("default")))
const struct xr_impl_ops *const *xicsref_impl_entry(uint32_t *nr)
{
	static const struct xr_impl_ops *const tab[] = { &example_ops };

	*nr = 1;
	return tab;
}
