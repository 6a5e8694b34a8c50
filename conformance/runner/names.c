// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the printable names of steps, paths, events and
 * verdicts, in the spelling of the scenario language so that a report
 * can be pasted back into a scenario.
 */
#include <stdio.h>
#include <string.h>

#include "run.h"

static const char *const step_names[XR_STEP_NR_KINDS] = {
	[XR_STEP_H_CPPR] = "H_CPPR",
	[XR_STEP_H_XIRR] = "H_XIRR",
	[XR_STEP_H_XIRR_X] = "H_XIRR_X",
	[XR_STEP_H_EOI] = "H_EOI",
	[XR_STEP_H_IPI] = "H_IPI",
	[XR_STEP_H_IPOLL] = "H_IPOLL",
	[XR_STEP_RTAS_SET_XIVE] = "rtas set-xive",
	[XR_STEP_RTAS_GET_XIVE] = "rtas get-xive",
	[XR_STEP_RTAS_INT_OFF] = "rtas int-off",
	[XR_STEP_RTAS_INT_ON] = "rtas int-on",
	[XR_STEP_IRQ] = "irq",
	[XR_STEP_HWIRQ] = "hwirq",
	[XR_STEP_VCPU_RUN] = "vcpu run",
	[XR_STEP_PASSTHRU] = "passthru",
	[XR_STEP_UNPASSTHRU] = "unpassthru",
	[XR_STEP_SET_ICP] = "set-icp",
	[XR_STEP_GET_ICP] = "get-icp",
	[XR_STEP_SET_SOURCE] = "set-source",
	[XR_STEP_GET_SOURCE] = "get-source",
	[XR_STEP_HOST_IPI] = "host-ipi",
	[XR_STEP_FAIL] = "fail",
};

const char *xr_step_name(enum xr_step_kind k)
{
	return (unsigned int)k < XR_STEP_NR_KINDS ? step_names[k] : "?";
}

const char *xr_path_name(enum xr_path p)
{
	static const char *const n[] = {
		"none", "host", "host-complete", "guest-ipi", "handled"
	};

	return (unsigned int)p <= XR_PATH_HANDLED ? n[p] : "?";
}

static const char *const ev_names[XR_EV_NR_KINDS] = {
	[XR_EV_RAISE] = "raise",
	[XR_EV_LOWER] = "lower",
	[XR_EV_MSGSND] = "msgsnd",
	[XR_EV_IPI] = "ipi",
	[XR_EV_KICK] = "kick",
	[XR_EV_HW_EOI] = "hw-eoi",
	[XR_EV_RETARGET] = "retarget",
	[XR_EV_ACK] = "ack",
	[XR_EV_MER] = "mer",
	[XR_EV_WARN] = "warn",
	[XR_EV_LOG] = "log",
};

const char *xr_event_kind_name(enum xr_event_kind k)
{
	return (unsigned int)k < XR_EV_NR_KINDS ? ev_names[k] : "?";
}

static int event_str(const struct xr_event *e, char *buf, size_t len)
{
	switch (e->kind) {
	case XR_EV_RAISE:
	case XR_EV_LOWER:
	case XR_EV_KICK:
		return snprintf(buf, len, "%s v%u", ev_names[e->kind], e->a);
	case XR_EV_MSGSND:
	case XR_EV_IPI:
		return snprintf(buf, len, "%s cpu%u", ev_names[e->kind], e->a);
	case XR_EV_HW_EOI:
		return snprintf(buf, len, "hw-eoi hw0x%x", e->a);
	case XR_EV_RETARGET:
		return snprintf(buf, len, "retarget hw0x%x cpu%u", e->a, e->b);
	case XR_EV_ACK:
		return snprintf(buf, len, "ack 0x%x", e->a);
	case XR_EV_MER:
		return snprintf(buf, len, "mer cpu%u %u", e->a, e->b ? 1 : 0);
	case XR_EV_WARN:
		return snprintf(buf, len, "warn");
	case XR_EV_LOG:
		return snprintf(buf, len, "log");
	default:
		return snprintf(buf, len, "event%u", e->kind);
	}
}

void xr_events_str(const struct xr_events *ev, uint32_t kinds, char *buf,
		   size_t len)
{
	size_t o = 0;
	uint32_t i, n = ev->nr < XR_MAX_EVENTS ? ev->nr : XR_MAX_EVENTS;

	buf[0] = '\0';
	for (i = 0; i < n && o + 1 < len; i++) {
		if (ev->ev[i].kind >= XR_EV_NR_KINDS ||
		    !(kinds & XR_EV_BIT(ev->ev[i].kind)))
			continue;
		if (o + 1 < len)
			buf[o++] = ' ';
		buf[o] = '\0';
		o += (size_t)event_str(&ev->ev[i], buf + o, len - o);
		if (o >= len)
			o = len - 1;
	}
	if (ev->overflow && o + 12 < len)
		o += (size_t)snprintf(buf + o, len - o, " +overflow");
	if (!o)
		snprintf(buf, len, "(none)");
	else if (buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
}

void xr_kinds_str(uint32_t kinds, char *buf, size_t len)
{
	size_t o = 0;
	uint32_t k;

	buf[0] = '\0';
	for (k = 0; k < XR_EV_NR_KINDS && o + 1 < len; k++) {
		if (!(kinds & XR_EV_BIT(k)))
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "",
				      ev_names[k]);
		if (o >= len)
			o = len - 1;
	}
	if (!o)
		snprintf(buf, len, "(none)");
}

const char *xr_verdict_name(enum xr_verdict v)
{
	static const char *const n[] = { "PASS", "FAIL", "DEV", "SKIP" };

	return (unsigned int)v <= XR_V_SKIP ? n[v] : "?";
}
