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

/*
 * The reports below run only for a difference, out of line: the checks
 * run after every step, and a local buffer in them would cost every call
 * its stack set-up (and, in the sanitizer builds, its redzones).
 */
#define XR_COLD	__attribute__((noinline, cold))

static XR_COLD void report_u64(struct xr_outcome *o, const char *field,
			       uint64_t a, uint64_t b)
{
	char sa[24], sb[24];

	snprintf(sa, sizeof(sa), "0x%llx", (unsigned long long)a);
	snprintf(sb, sizeof(sb), "0x%llx", (unsigned long long)b);
	xr_diff_add(o, field, sa, sb);
}

static XR_COLD void report_s64(struct xr_outcome *o, const char *field,
			       int64_t a, int64_t b)
{
	char sa[24], sb[24];

	snprintf(sa, sizeof(sa), "%lld", (long long)a);
	snprintf(sb, sizeof(sb), "%lld", (long long)b);
	xr_diff_add(o, field, sa, sb);
}

static inline void diff_u64(struct xr_outcome *o, const char *field,
			    uint64_t a, uint64_t b)
{
	if (a != b)
		report_u64(o, field, a, b);
}

static inline void diff_s64(struct xr_outcome *o, const char *field,
			    int64_t a, int64_t b)
{
	if (a != b)
		report_s64(o, field, a, b);
}

/* "@what @id.@name" differs: @a against @b (@name NULL: the whole part) */
static XR_COLD void report_part(struct xr_outcome *o, const char *what,
				uint32_t id, const char *name, uint64_t a,
				uint64_t b)
{
	char f[40];

	snprintf(f, sizeof(f), what, id);
	if (name) {
		size_t n = strlen(f);

		snprintf(f + n, sizeof(f) - n, ".%s", name);
	}
	report_u64(o, f, a, b);
}

static XR_COLD void report_presence(struct xr_outcome *o, const char *what,
				    uint32_t id, const char *yes,
				    const char *no, bool ha, bool hb)
{
	char f[40];

	snprintf(f, sizeof(f), what, id);
	xr_diff_add(o, f, ha ? yes : no, hb ? yes : no);
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

static XR_COLD void report_events(struct xr_outcome *o, const char *field,
				  const struct xr_events *a,
				  const struct xr_events *b, uint32_t kinds)
{
	char sa[XR_DIFF_VAL_LEN], sb[XR_DIFF_VAL_LEN];

	xr_events_str(a, kinds, sa, sizeof(sa));
	xr_events_str(b, kinds, sb, sizeof(sb));
	xr_diff_add(o, field, sa, sb);
}

void xr_diff_events(struct xr_outcome *o, const char *field,
		    const struct xr_events *a, const struct xr_events *b,
		    uint32_t kinds)
{
	if (!events_equal(a, b, kinds))
		report_events(o, field, a, b, kinds);
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

static const char *const icp_field_names[XR_IF_NR] = {
	[XR_IF_CPPR] = "cppr", [XR_IF_MFRR] = "mfrr", [XR_IF_PPRIO] = "pprio",
	[XR_IF_XISR] = "xisr", [XR_IF_RESEND] = "resend", [XR_IF_EE] = "ee",
	[XR_IF_LINE] = "line",
};

static const char *const src_field_names[XR_SF_NR] = {
	[XR_SF_EXISTS] = "exists", [XR_SF_LSI] = "lsi",
	[XR_SF_SERVER] = "server", [XR_SF_PRIO] = "prio",
	[XR_SF_SAVED] = "saved", [XR_SF_P] = "p", [XR_SF_Q] = "q",
	[XR_SF_RESEND] = "resend", [XR_SF_MASKED_PENDING] = "masked_pending",
	[XR_SF_ASSERTED] = "asserted", [XR_SF_PT_MAPPED] = "pt_mapped",
	[XR_SF_INTR_CPU] = "intr_cpu",
};

static void fields_str(const char *const *names, uint32_t nr,
		       uint32_t fields, char *buf, size_t len)
{
	size_t n = 0;
	uint32_t i;

	buf[0] = '\0';
	for (i = 0; i < nr && n < len; i++)
		if (fields & (1u << i))
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
					      n ? " " : "", names[i]);
}

void xr_icp_fields_str(uint32_t fields, char *buf, size_t len)
{
	fields_str(icp_field_names, XR_IF_NR, fields, buf, len);
}

void xr_src_fields_str(uint32_t fields, char *buf, size_t len)
{
	fields_str(src_field_names, XR_SF_NR, fields, buf, len);
}

void xr_cmp_icp(struct xr_outcome *o, uint32_t vcpu, bool ha,
		const struct xr_icp_state *a, bool hb,
		const struct xr_icp_state *b, uint32_t fields)
{
/* the name is formatted only for a difference: this runs every step */
#define ICP_FIELD(bit, name, member)					\
	do {								\
		if (a->member == b->member || !(fields & (1u << (bit))))	\
			break;						\
		report_part(o, "icp v%u", vcpu, name, a->member,	\
			    b->member);					\
	} while (0)

	if (ha != hb) {
		report_presence(o, "icp v%u", vcpu, "present", "no ICP", ha,
				hb);
		return;
	}
	if (!ha)
		return;
	ICP_FIELD(XR_IF_CPPR, "cppr", cppr);
	ICP_FIELD(XR_IF_MFRR, "mfrr", mfrr);
	ICP_FIELD(XR_IF_PPRIO, "pprio", pprio);
	ICP_FIELD(XR_IF_XISR, "xisr", xisr);
	ICP_FIELD(XR_IF_RESEND, "resend", need_resend);
	ICP_FIELD(XR_IF_EE, "ee", out_ee);
	ICP_FIELD(XR_IF_LINE, "line", line);
#undef ICP_FIELD
}

static XR_COLD void report_intr_cpu(struct xr_outcome *o, uint32_t irq,
				    int32_t a, int32_t b)
{
	char f[40];

	snprintf(f, sizeof(f), "source 0x%x.intr_cpu", irq);
	report_s64(o, f, a, b);
}

void xr_cmp_source(struct xr_outcome *o, uint32_t irq, bool ha,
		   const struct xr_source_state *a, bool hb,
		   const struct xr_source_state *b, uint32_t fields)
{
#define SRC_FIELD(bit, name, member)					\
	do {								\
		if (a->member == b->member || !(fields & (1u << (bit))))	\
			break;						\
		report_part(o, "source 0x%x", irq, name, a->member,	\
			    b->member);					\
	} while (0)

	if (ha != hb) {
		report_presence(o, "source 0x%x", irq, "in an ICS block",
				"no ICS block", ha, hb);
		return;
	}
	if (!ha)
		return;
	SRC_FIELD(XR_SF_EXISTS, "exists", exists);
	SRC_FIELD(XR_SF_LSI, "lsi", lsi);
	SRC_FIELD(XR_SF_SERVER, "server", server);
	SRC_FIELD(XR_SF_PRIO, "prio", prio);
	SRC_FIELD(XR_SF_SAVED, "saved", saved);
	SRC_FIELD(XR_SF_P, "p", p);
	SRC_FIELD(XR_SF_Q, "q", q);
	SRC_FIELD(XR_SF_RESEND, "resend", resend);
	SRC_FIELD(XR_SF_MASKED_PENDING, "masked_pending", masked_pending);
	SRC_FIELD(XR_SF_ASSERTED, "asserted", asserted);
	SRC_FIELD(XR_SF_PT_MAPPED, "pt_mapped", pt_mapped);
	/* where a passthrough irq arrived means nothing once unmapped */
	if (a->pt_mapped && b->pt_mapped && a->intr_cpu != b->intr_cpu &&
	    (fields & (1u << XR_SF_INTR_CPU)))
		report_intr_cpu(o, irq, a->intr_cpu, b->intr_cpu);
#undef SRC_FIELD
}
