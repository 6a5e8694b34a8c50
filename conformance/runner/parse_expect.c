// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the scenario parser, expectations.
 *
 * "=> key=value" belongs to its own step; "expect ..." lines belong to the
 * step before them and are checked right after it (after the last step
 * that is the contract's "state after the last step").  Only the keys
 * that mean something for a step kind are accepted, so that a written
 * expectation can never be silently ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"

static const char *const want_names[XR_W_NR] = {
	"rc", "xirr", "mfrr", "server", "prio", "value", "path"
};

/* Keys that each step kind produces, besides rc */
static uint32_t want_allowed(enum xr_step_kind k)
{
	uint32_t m = 1u << XR_W_RC;

	switch (k) {
	case XR_STEP_H_XIRR:
	case XR_STEP_H_XIRR_X:
		return m | 1u << XR_W_XIRR;
	case XR_STEP_H_IPOLL:
		return m | 1u << XR_W_XIRR | 1u << XR_W_MFRR;
	case XR_STEP_RTAS_GET_XIVE:
		return m | 1u << XR_W_SERVER | 1u << XR_W_PRIO;
	case XR_STEP_GET_ICP:
	case XR_STEP_GET_SOURCE:
		return m | 1u << XR_W_VALUE;
	case XR_STEP_HWIRQ:
		return 1u << XR_W_PATH;
	case XR_STEP_IRQ:
		return 0;
	default:
		return m;
	}
}

static const struct {
	const char *name;
	int64_t rc;
} rc_names[] = {
	/* the hcall return codes of PAPR (the kernel's asm/hvcall.h) */
	{ "H_SUCCESS", XR_H_SUCCESS },
	{ "H_BUSY", 1 }, { "H_CLOSED", 2 }, { "H_NOT_AVAILABLE", 3 },
	{ "H_CONSTRAINED", 4 }, { "H_PARTIAL", 5 }, { "H_IN_PROGRESS", 14 },
	{ "H_PAGE_REGISTERED", 15 }, { "H_PARTIAL_STORE", 16 },
	{ "H_PENDING", 17 }, { "H_CONTINUE", 18 },
	{ "H_HARDWARE", XR_H_HARDWARE }, { "H_FUNCTION", -2 },
	{ "H_PRIVILEGE", -3 }, { "H_PARAMETER", XR_H_PARAMETER },
	{ "H_BAD_MODE", -5 }, { "H_PTEG_FULL", -6 }, { "H_NOT_FOUND", -7 },
	{ "H_RESERVED_DABR", -8 }, { "H_NO_MEM", -9 }, { "H_AUTHORITY", -10 },
	{ "H_PERMISSION", -11 }, { "H_DROPPED", -12 }, { "H_SOURCE_PARM", -13 },
	{ "H_DEST_PARM", -14 }, { "H_REMOTE_PARM", -15 },
	{ "H_RESOURCE", -16 },
	/* KVM's own: finish the hcall in virtual mode */
	{ "H_TOO_HARD", XR_H_TOO_HARD },
};

static const char *const path_names[] = {
	[XR_PATH_NONE] = "none",
	[XR_PATH_HOST] = "host",
	[XR_PATH_HOST_COMPLETE] = "host-complete",
	[XR_PATH_GUEST_IPI] = "guest-ipi",
	[XR_PATH_HANDLED] = "handled",
};

static int want_rc(struct xr_pstate *ps, const struct xr_line *l,
		   const struct xr_tok *val, int64_t *rc)
{
	char show[48];
	uint32_t i;

	for (i = 0; i < sizeof(rc_names) / sizeof(rc_names[0]); i++)
		if (xr_tok_is(val, rc_names[i].name)) {
			*rc = rc_names[i].rc;
			return 0;
		}
	xr_tok_show(val, show, sizeof(show));
	if (!val->len)
		return xr_perr(ps, l->line, "missing value for rc");
	if (val->s[0] != '-') {
		uint64_t u;
		enum xr_num_err e = xr_num_u64(val, &u);

		/* a register value: 0xfffffffffffffffc is -4 */
		*rc = (int64_t)u;
		if (e == XR_NUM_WIDE)
			return xr_perr(ps, l->line,
				       "rc: number %s is wider than 64 bits", show);
		return e ? xr_perr(ps, l->line,
				   "rc: '%s' is not a number or H_* name", show)
			 : 0;
	}
	switch (xr_num_s64(val, rc)) {
	case XR_NUM_OK:
		return 0;
	case XR_NUM_WIDE:
		return xr_perr(ps, l->line,
			       "rc: number %s is wider than 64 bits", show);
	default:
		return xr_perr(ps, l->line,
			       "rc: '%s' is not a number or H_* name", show);
	}
}

int xr_parse_want(struct xr_pstate *ps, const struct xr_line *l,
		  uint32_t first, struct xr_scn_step *st)
{
	uint32_t allowed = want_allowed(st->step.kind), i, w;
	struct xr_result *r = &st->want;
	char show[48];
	uint64_t v;

	for (i = first; i < l->nr; i++) {
		struct xr_tok k, val;

		if (xr_pkv(ps, l, &l->tok[i], &k, &val))
			return -1;
		for (w = 0; w < XR_W_NR; w++)
			if (xr_tok_is(&k, want_names[w]))
				break;
		xr_tok_show(&k, show, sizeof(show));
		if (w == XR_W_NR)
			return xr_perr(ps, l->line,
				       "unknown keyword '%s' after '=>'", show);
		if (!(allowed & (1u << w)))
			return xr_perr(ps, l->line,
				       "%s does not apply to this step", show);
		if (st->want_mask & (1u << w))
			return xr_perr(ps, l->line, "duplicate key %s", show);
		st->want_mask |= 1u << w;
		switch (w) {
		case XR_W_RC:
			if (want_rc(ps, l, &val, &r->rc))
				return -1;
			break;
		case XR_W_PATH: {
			uint32_t p;

			for (p = 0; p <= XR_PATH_HANDLED; p++)
				if (xr_tok_is(&val, path_names[p]))
					break;
			if (p > XR_PATH_HANDLED) {
				xr_tok_show(&val, show, sizeof(show));
				return xr_perr(ps, l->line,
					       val.len ? "unknown path '%s'"
						       : "missing value for path%s",
					       show);
			}
			r->path = (enum xr_path)p;
			break;
		}
		case XR_W_SERVER:
		case XR_W_PRIO:
			if (xr_pnum(ps, l, &val, want_names[w], 0, UINT32_MAX,
				    &v))
				return -1;
			if (w == XR_W_SERVER)
				r->server = (uint32_t)v;
			else
				r->prio = (uint32_t)v;
			break;
		default:
			if (xr_pnum(ps, l, &val, want_names[w], 0, UINT64_MAX,
				    &v))
				return -1;
			if (w == XR_W_XIRR)
				r->xirr = v;
			else if (w == XR_W_MFRR)
				r->mfrr = v;
			else
				r->value = v;
			break;
		}
	}
	return 0;
}

/* "vN" / "cpuN" / "hwN": a prefixed number */
static int ev_arg(struct xr_pstate *ps, const struct xr_line *l,
		  uint32_t *i, const char *prefix, const char *ev,
		  uint64_t max, uint32_t *out)
{
	size_t pl = strlen(prefix);
	struct xr_tok t;
	char show[48];
	uint64_t v;

	if (*i >= l->nr)
		return xr_perr(ps, l->line, "bad event: %s needs %sN", ev,
			       prefix);
	t = l->tok[*i];
	xr_tok_show(&t, show, sizeof(show));
	if (t.len <= pl || memcmp(t.s, prefix, pl))
		return xr_perr(ps, l->line,
			       "bad event: %s needs %sN, got '%s'", ev, prefix,
			       show);
	t.s += pl;
	t.len -= pl;
	if (xr_num_u64(&t, &v) != XR_NUM_OK || v > max)
		return xr_perr(ps, l->line,
			       "bad event: '%s' is not %sN with N <= %llu",
			       show, prefix, (unsigned long long)max);
	(*i)++;
	*out = (uint32_t)v;
	return 0;
}

int xr_parse_events(struct xr_pstate *ps, const struct xr_line *l,
		    uint32_t first, struct xr_events *out)
{
	uint32_t i = first, ncpu = xr_scn_nr_cpus(&ps->scn->setup);
	char show[48];

	memset(out, 0, sizeof(*out));
	while (i < l->nr) {
		const struct xr_tok *n = &l->tok[i++];
		struct xr_event e = { 0 };
		int r;

		if (out->nr == XR_MAX_EVENTS)
			return xr_perr(ps, l->line, "more than %d events",
				       XR_MAX_EVENTS);
		if (xr_tok_is(n, "raise") || xr_tok_is(n, "lower") ||
		    xr_tok_is(n, "kick")) {
			e.kind = xr_tok_is(n, "raise") ? XR_EV_RAISE :
				 xr_tok_is(n, "lower") ? XR_EV_LOWER :
							  XR_EV_KICK;
			r = ev_arg(ps, l, &i, "v", "raise/lower/kick",
				   XR_MAX_VCPU_ID, &e.a);
			if (!r && xr_pvcpu(ps, e.a) < 0)
				r = xr_perr(ps, l->line,
					    "bad event: vcpu %u does not exist",
					    e.a);
		} else if (xr_tok_is(n, "msgsnd") || xr_tok_is(n, "ipi")) {
			e.kind = xr_tok_is(n, "ipi") ? XR_EV_IPI : XR_EV_MSGSND;
			r = ev_arg(ps, l, &i, "cpu", "msgsnd/ipi", ncpu - 1,
				   &e.a);
		} else if (xr_tok_is(n, "hw-eoi")) {
			e.kind = XR_EV_HW_EOI;
			r = ev_arg(ps, l, &i, "hw", "hw-eoi", XR_XISR_MASK,
				   &e.a);
		} else if (xr_tok_is(n, "retarget")) {
			e.kind = XR_EV_RETARGET;
			r = ev_arg(ps, l, &i, "hw", "retarget", XR_XISR_MASK,
				   &e.a);
			if (!r)
				r = ev_arg(ps, l, &i, "cpu", "retarget",
					   ncpu - 1, &e.b);
		} else if (xr_tok_is(n, "ack")) {
			uint64_t v;

			e.kind = XR_EV_ACK;
			if (i >= l->nr)
				return xr_perr(ps, l->line,
					       "bad event: ack needs IRQ");
			r = xr_pnum(ps, l, &l->tok[i++], "ack IRQ", 0,
				    UINT32_MAX, &v);
			e.a = (uint32_t)v;
		} else if (xr_tok_is(n, "warn")) {
			e.kind = XR_EV_WARN;
			r = 0;
		} else if (xr_tok_is(n, "log")) {
			e.kind = XR_EV_LOG;
			r = 0;
		} else if (xr_tok_is(n, "mer")) {
			e.kind = XR_EV_MER;
			r = ev_arg(ps, l, &i, "cpu", "mer", ncpu - 1, &e.a);
			if (!r && (i >= l->nr ||
				   !(xr_tok_is(&l->tok[i], "0") ||
				     xr_tok_is(&l->tok[i], "1"))))
				r = xr_perr(ps, l->line,
					    "bad event: mer cpuP needs 1|0");
			if (!r)
				e.b = l->tok[i++].s[0] == '1';
		} else {
			xr_tok_show(n, show, sizeof(show));
			return xr_perr(ps, l->line, "bad event '%s'", show);
		}
		if (r)
			return r;
		out->ev[out->nr++] = e;
	}
	return 0;
}

static const char *const icp_names[XR_IF_NR] = {
	"cppr", "mfrr", "pprio", "xisr", "resend", "ee", "line"
};

static const char *const src_names[XR_SF_NR] = {
	"exists", "lsi", "server", "prio", "saved", "p", "q", "resend",
	"masked_pending", "asserted", "pt_mapped", "intr_cpu"
};

static int expect_icp(struct xr_pstate *ps, const struct xr_line *l,
		      struct xr_expect *e)
{
	struct xr_icp_state *s = &e->icp;
	uint64_t v, max;
	uint32_t i, f;
	int vc;

	if (xr_pnum(ps, l, &l->tok[2], "server", 0, XR_SERVER_MAX, &v))
		return -1;
	vc = xr_scn_vcpu_of_server(&ps->scn->setup, (uint32_t)v);
	if (vc < 0)
		return xr_perr(ps, l->line, "no ICP has server %llu",
			       (unsigned long long)v);
	e->id = (uint32_t)v;
	e->vcpu = (uint32_t)vc;
	for (i = 3; i < l->nr; i++) {
		struct xr_tok k, val;
		char show[48];

		if (xr_pkv(ps, l, &l->tok[i], &k, &val))
			return -1;
		for (f = 0; f < XR_IF_NR; f++)
			if (xr_tok_is(&k, icp_names[f]))
				break;
		xr_tok_show(&k, show, sizeof(show));
		if (f == XR_IF_NR)
			return xr_perr(ps, l->line,
				       "unknown keyword '%s' in expect icp",
				       show);
		if (e->mask & (1u << f))
			return xr_perr(ps, l->line, "duplicate key %s", show);
		e->mask |= 1u << f;
		max = f == XR_IF_XISR ? XR_XISR_MASK :
		      f >= XR_IF_RESEND ? 1 : 0xff;
		if (xr_pnum(ps, l, &val, icp_names[f], 0, max, &v))
			return -1;
		switch (f) {
		case XR_IF_CPPR: s->cppr = (uint8_t)v; break;
		case XR_IF_MFRR: s->mfrr = (uint8_t)v; break;
		case XR_IF_PPRIO: s->pprio = (uint8_t)v; break;
		case XR_IF_XISR: s->xisr = (uint32_t)v; break;
		case XR_IF_RESEND: s->need_resend = v; break;
		case XR_IF_EE: s->out_ee = v; break;
		default: s->line = v; break;
		}
	}
	return 0;
}

static int expect_source(struct xr_pstate *ps, const struct xr_line *l,
			 struct xr_expect *e)
{
	struct xr_source_state *s = &e->src;
	uint64_t v, max;
	uint32_t i, f;

	if (xr_pnum(ps, l, &l->tok[2], "IRQ", XR_FIRST_IRQ, XR_NR_IRQS - 1,
		    &v))
		return -1;
	e->id = (uint32_t)v;
	for (i = 3; i < l->nr; i++) {
		struct xr_tok k, val;
		char show[48];

		if (xr_pkv(ps, l, &l->tok[i], &k, &val))
			return -1;
		for (f = 0; f < XR_SF_NR; f++)
			if (xr_tok_is(&k, src_names[f]))
				break;
		xr_tok_show(&k, show, sizeof(show));
		if (f == XR_SF_NR)
			return xr_perr(ps, l->line,
				       "unknown keyword '%s' in expect source",
				       show);
		if (e->mask & (1u << f))
			return xr_perr(ps, l->line, "duplicate key %s", show);
		e->mask |= 1u << f;
		if (f == XR_SF_INTR_CPU) {
			if (xr_tok_is(&val, "none")) {
				s->intr_cpu = -1;
				continue;
			}
			max = xr_scn_nr_cpus(&ps->scn->setup) - 1;
		} else {
			max = f == XR_SF_SERVER ? UINT32_MAX :
			      (f == XR_SF_PRIO || f == XR_SF_SAVED) ? 0xff : 1;
		}
		if (xr_pnum(ps, l, &val, src_names[f], 0, max, &v))
			return -1;
		switch (f) {
		case XR_SF_EXISTS: s->exists = v; break;
		case XR_SF_LSI: s->lsi = v; break;
		case XR_SF_SERVER: s->server = (uint32_t)v; break;
		case XR_SF_PRIO: s->prio = (uint8_t)v; break;
		case XR_SF_SAVED: s->saved = (uint8_t)v; break;
		case XR_SF_P: s->p = v; break;
		case XR_SF_Q: s->q = v; break;
		case XR_SF_RESEND: s->resend = v; break;
		case XR_SF_MASKED_PENDING: s->masked_pending = v; break;
		case XR_SF_ASSERTED: s->asserted = v; break;
		case XR_SF_PT_MAPPED: s->pt_mapped = v; break;
		default: s->intr_cpu = (int32_t)v; break;
		}
	}
	return 0;
}

int xr_parse_expect(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_scn_step *st = &ps->scn->steps[ps->scn->nr_steps - 1];
	struct xr_expect e, *n;
	struct xr_tok what, ctx = { 0 };
	const char *at;
	char show[48];
	int r;

	memset(&e, 0, sizeof(e));
	e.line = l->line;
	e.ctx = XR_EXP_ANY;
	if (l->nr < 2)
		return xr_perr(ps, l->line,
			       "missing value: expect icp|source|events|no-events");
	what = l->tok[1];
	at = memchr(what.s, '@', what.len);
	if (at) {
		ctx.s = at + 1;
		ctx.len = what.len - (size_t)(at - what.s) - 1;
		what.len = (size_t)(at - what.s);
		if (xr_tok_is(&ctx, "virtual"))
			e.ctx = XR_EXP_VIRTUAL;
		else if (xr_tok_is(&ctx, "real"))
			e.ctx = XR_EXP_REAL;
		else {
			xr_tok_show(&l->tok[1], show, sizeof(show));
			return xr_perr(ps, l->line,
				       "unknown keyword '%s' (@virtual|@real)",
				       show);
		}
	}
	if (xr_tok_is(&what, "icp") || xr_tok_is(&what, "source")) {
		if (at)
			return xr_perr(ps, l->line,
				       "@virtual/@real apply only to events");
		if (l->nr < 3)
			return xr_perr(ps, l->line,
				       "missing value: expect %s %s",
				       xr_tok_is(&what, "icp") ? "icp" : "source",
				       xr_tok_is(&what, "icp") ? "SERVER" : "IRQ");
		e.kind = xr_tok_is(&what, "icp") ? XR_EXP_ICP : XR_EXP_SOURCE;
		if (e.kind == XR_EXP_SOURCE && ps->scn->setup.no_xics)
			return xr_perr(ps, l->line,
				       "no source to expect without the XICS device (option xics=off)");
		r = e.kind == XR_EXP_ICP ? expect_icp(ps, l, &e)
					 : expect_source(ps, l, &e);
	} else if (xr_tok_is(&what, "events")) {
		e.kind = XR_EXP_EVENTS;
		if (l->nr < 3)
			return xr_perr(ps, l->line,
				       "missing value: expect events EVENT... (or expect no-events)");
		r = xr_parse_events(ps, l, 2, &e.events);
	} else if (xr_tok_is(&what, "no-events")) {
		e.kind = XR_EXP_NO_EVENTS;
		r = l->nr > 2 ? xr_perr(ps, l->line,
					"too many arguments: expect no-events")
			      : 0;
	} else {
		xr_tok_show(&l->tok[1], show, sizeof(show));
		return xr_perr(ps, l->line, "unknown keyword 'expect %s'", show);
	}
	if (r)
		return r;
	if (st->nr_expects >= 64)
		return xr_perr(ps, l->line, "more than 64 expect lines on one step");
	n = realloc(st->expects, (st->nr_expects + 1) * sizeof(*n));
	if (!n)
		return xr_perr(ps, l->line, "out of memory");
	st->expects = n;
	st->expects[st->nr_expects++] = e;
	return 0;
}
