// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: field-by-field comparison of two implementations after
 * a step.  Every differing field becomes one struct xr_diff with both
 * values, so that a report says exactly what differs, not just "state".
 */
#include <stdio.h>
#include <string.h>

#include "run.h"

void xr_diff_add(struct xr_outcome *o, const char *field, const char *a,
		 const char *b)
{
	struct xr_diff *d;

	if (o->nr_diffs == XR_MAX_DIFFS) {
		o->more_diffs = true;
		return;
	}
	d = &o->diffs[o->nr_diffs++];
	snprintf(d->field, sizeof(d->field), "%s", field);
	snprintf(d->a, sizeof(d->a), "%s", a);
	snprintf(d->b, sizeof(d->b), "%s", b);
}

static void diff_u64(struct xr_outcome *o, const char *field, uint64_t a,
		     uint64_t b)
{
	char sa[24], sb[24];

	if (a == b)
		return;
	snprintf(sa, sizeof(sa), "0x%llx", (unsigned long long)a);
	snprintf(sb, sizeof(sb), "0x%llx", (unsigned long long)b);
	xr_diff_add(o, field, sa, sb);
}

static void diff_s64(struct xr_outcome *o, const char *field, int64_t a,
		     int64_t b)
{
	char sa[24], sb[24];

	if (a == b)
		return;
	snprintf(sa, sizeof(sa), "%lld", (long long)a);
	snprintf(sb, sizeof(sb), "%lld", (long long)b);
	xr_diff_add(o, field, sa, sb);
}

static bool events_equal(const struct xr_events *a, const struct xr_events *b,
			 uint32_t kinds)
{
	uint32_t i = 0, j = 0;
	uint32_t na = a->nr < XR_MAX_EVENTS ? a->nr : XR_MAX_EVENTS;
	uint32_t nb = b->nr < XR_MAX_EVENTS ? b->nr : XR_MAX_EVENTS;

	if (a->overflow != b->overflow)
		return false;
	for (;;) {
		while (i < na && (a->ev[i].kind >= XR_EV_NR_KINDS ||
				  !(kinds & XR_EV_BIT(a->ev[i].kind))))
			i++;
		while (j < nb && (b->ev[j].kind >= XR_EV_NR_KINDS ||
				  !(kinds & XR_EV_BIT(b->ev[j].kind))))
			j++;
		if (i == na || j == nb)
			return i == na && j == nb;
		if (a->ev[i].kind != b->ev[j].kind || a->ev[i].a != b->ev[j].a ||
		    a->ev[i].b != b->ev[j].b)
			return false;
		i++;
		j++;
	}
}

void xr_diff_events(struct xr_outcome *o, const char *field,
		    const struct xr_events *a, const struct xr_events *b,
		    uint32_t kinds)
{
	char sa[XR_DIFF_VAL_LEN], sb[XR_DIFF_VAL_LEN];

	if (events_equal(a, b, kinds))
		return;
	xr_events_str(a, kinds, sa, sizeof(sa));
	xr_events_str(b, kinds, sb, sizeof(sb));
	xr_diff_add(o, field, sa, sb);
}

void xr_cmp_result(struct xr_outcome *o, const struct xr_step *st,
		   const struct xr_result *ra, const struct xr_result *rb,
		   uint32_t kinds)
{
	diff_s64(o, "rc", ra->rc, rb->rc);
	if (st->kind == XR_STEP_HWIRQ && ra->path != rb->path)
		xr_diff_add(o, "path", xr_path_name(ra->path),
			    xr_path_name(rb->path));
	/* outputs of a failed call are undefined: compare them on success */
	if (ra->rc == 0 && rb->rc == 0) {
		switch (st->kind) {
		case XR_STEP_H_XIRR:
			diff_u64(o, "xirr", ra->xirr, rb->xirr);
			break;
		case XR_STEP_H_XIRR_X:
			diff_u64(o, "xirr", ra->xirr, rb->xirr);
			diff_u64(o, "timebase", ra->mfrr, rb->mfrr);
			break;
		case XR_STEP_H_IPOLL:
			diff_u64(o, "xirr", ra->xirr, rb->xirr);
			diff_u64(o, "mfrr", ra->mfrr, rb->mfrr);
			break;
		case XR_STEP_RTAS_GET_XIVE:
			diff_u64(o, "server", ra->server, rb->server);
			diff_u64(o, "prio", ra->prio, rb->prio);
			break;
		case XR_STEP_GET_ICP:
		case XR_STEP_GET_SOURCE:
			diff_u64(o, "value", ra->value, rb->value);
			break;
		default:
			break;
		}
	}
	xr_diff_events(o, "events", &ra->events, &rb->events, kinds);
}

void xr_cmp_icp(struct xr_outcome *o, uint32_t vcpu, bool ha,
		const struct xr_icp_state *a, bool hb,
		const struct xr_icp_state *b)
{
	char f[40];

/* the name is formatted only for a difference: this runs every step */
#define ICP_FIELD(name, member)						\
	do {								\
		if (a->member == b->member)				\
			break;						\
		snprintf(f, sizeof(f), "icp v%u." name, vcpu);		\
		diff_u64(o, f, a->member, b->member);			\
	} while (0)

	if (ha != hb) {
		snprintf(f, sizeof(f), "icp v%u", vcpu);
		xr_diff_add(o, f, ha ? "present" : "no ICP",
			    hb ? "present" : "no ICP");
		return;
	}
	if (!ha)
		return;
	ICP_FIELD("cppr", cppr);
	ICP_FIELD("mfrr", mfrr);
	ICP_FIELD("pprio", pprio);
	ICP_FIELD("xisr", xisr);
	ICP_FIELD("resend", need_resend);
	ICP_FIELD("ee", out_ee);
	ICP_FIELD("line", line);
#undef ICP_FIELD
}

void xr_cmp_source(struct xr_outcome *o, uint32_t irq, bool ha,
		   const struct xr_source_state *a, bool hb,
		   const struct xr_source_state *b)
{
	char f[40];

#define SRC_FIELD(name, member)						\
	do {								\
		if (a->member == b->member)				\
			break;						\
		snprintf(f, sizeof(f), "source 0x%x." name, irq);	\
		diff_u64(o, f, a->member, b->member);			\
	} while (0)

	if (ha != hb) {
		snprintf(f, sizeof(f), "source 0x%x", irq);
		xr_diff_add(o, f, ha ? "in an ICS block" : "no ICS block",
			    hb ? "in an ICS block" : "no ICS block");
		return;
	}
	if (!ha)
		return;
	SRC_FIELD("exists", exists);
	SRC_FIELD("lsi", lsi);
	SRC_FIELD("server", server);
	SRC_FIELD("prio", prio);
	SRC_FIELD("saved", saved);
	SRC_FIELD("p", p);
	SRC_FIELD("q", q);
	SRC_FIELD("resend", resend);
	SRC_FIELD("masked_pending", masked_pending);
	SRC_FIELD("asserted", asserted);
	SRC_FIELD("pt_mapped", pt_mapped);
	/* where a passthrough irq arrived means nothing once unmapped */
	if (a->pt_mapped && b->pt_mapped && a->intr_cpu != b->intr_cpu) {
		snprintf(f, sizeof(f), "source 0x%x.intr_cpu", irq);
		diff_s64(o, f, a->intr_cpu, b->intr_cpu);
	}
#undef SRC_FIELD
}
