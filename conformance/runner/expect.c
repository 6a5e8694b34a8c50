// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: checking the written expectations of a step ("=>" and
 * the "expect" lines after it) on one implementation.  Diffs read
 * a = what the scenario says, b = what the implementation did.
 */
#include <stdio.h>
#include <string.h>

#include "run.h"

static void want_u64(struct xr_outcome *o, const char *field, uint64_t want,
		     uint64_t got)
{
	char sa[24], sb[24];

	if (want == got)
		return;
	snprintf(sa, sizeof(sa), "0x%llx", (unsigned long long)want);
	snprintf(sb, sizeof(sb), "0x%llx", (unsigned long long)got);
	xr_diff_add(o, field, sa, sb);
}

void xr_check_want(struct xr_outcome *o, const struct xr_scn_step *st,
		   const struct xr_result *res)
{
	const struct xr_result *w = &st->want;
	uint32_t m = st->want_mask;

	if (m & (1u << XR_W_RC) && w->rc != res->rc) {
		char sa[24], sb[24];

		snprintf(sa, sizeof(sa), "%lld", (long long)w->rc);
		snprintf(sb, sizeof(sb), "%lld", (long long)res->rc);
		xr_diff_add(o, "rc", sa, sb);
	}
	if (m & (1u << XR_W_XIRR))
		want_u64(o, "xirr", w->xirr, res->xirr);
	if (m & (1u << XR_W_MFRR))
		want_u64(o, "mfrr", w->mfrr, res->mfrr);
	if (m & (1u << XR_W_SERVER))
		want_u64(o, "server", w->server, res->server);
	if (m & (1u << XR_W_PRIO))
		want_u64(o, "prio", w->prio, res->prio);
	if (m & (1u << XR_W_VALUE))
		want_u64(o, "value", w->value, res->value);
	if (m & (1u << XR_W_PATH) && w->path != res->path)
		xr_diff_add(o, "path", xr_path_name(w->path),
			    xr_path_name(res->path));
}

static void check_icp(struct xr_outcome *o, const struct xr_expect *e,
		      const struct xr_impl_ops *impl, void *inst)
{
	const struct xr_icp_state *w = &e->icp;
	struct xr_icp_state s;
	char f[40];

	memset(&s, 0, sizeof(s));
	if (!impl->get_icp(inst, e->vcpu, &s)) {
		snprintf(f, sizeof(f), "icp %u", e->id);
		xr_diff_add(o, f, "present", "no ICP");
		return;
	}
	o->exp_icp_unkept |= e->mask & ~xr_impl_icp_fields(impl);
#define WANT(bit, name, member)						\
	do {								\
		if (e->mask & xr_impl_icp_fields(impl) & (1u << (bit))) { \
			snprintf(f, sizeof(f), "icp %u." name, e->id);	\
			want_u64(o, f, w->member, s.member);		\
		}							\
	} while (0)
	WANT(XR_IF_CPPR, "cppr", cppr);
	WANT(XR_IF_MFRR, "mfrr", mfrr);
	WANT(XR_IF_PPRIO, "pprio", pprio);
	WANT(XR_IF_XISR, "xisr", xisr);
	WANT(XR_IF_RESEND, "resend", need_resend);
	WANT(XR_IF_EE, "ee", out_ee);
	WANT(XR_IF_LINE, "line", line);
#undef WANT
}

static void check_source(struct xr_outcome *o, const struct xr_expect *e,
			 const struct xr_impl_ops *impl, void *inst)
{
	const struct xr_source_state *w = &e->src;
	struct xr_source_state s;
	char f[40];

	memset(&s, 0, sizeof(s));
	if (!impl->get_source(inst, e->id, &s)) {
		snprintf(f, sizeof(f), "source 0x%x", e->id);
		xr_diff_add(o, f, "in an ICS block", "no ICS block");
		return;
	}
	o->exp_src_unkept |= e->mask & ~xr_impl_source_fields(impl);
#define WANT(bit, name, member)						\
	do {								\
		if (e->mask & xr_impl_source_fields(impl) &		\
		    (1u << (bit))) {					\
			snprintf(f, sizeof(f), "source 0x%x." name, e->id); \
			want_u64(o, f, (uint64_t)w->member,		\
				 (uint64_t)s.member);			\
		}							\
	} while (0)
	WANT(XR_SF_EXISTS, "exists", exists);
	WANT(XR_SF_LSI, "lsi", lsi);
	WANT(XR_SF_SERVER, "server", server);
	WANT(XR_SF_PRIO, "prio", prio);
	WANT(XR_SF_SAVED, "saved", saved);
	WANT(XR_SF_P, "p", p);
	WANT(XR_SF_Q, "q", q);
	WANT(XR_SF_RESEND, "resend", resend);
	WANT(XR_SF_MASKED_PENDING, "masked_pending", masked_pending);
	WANT(XR_SF_ASSERTED, "asserted", asserted);
	WANT(XR_SF_PT_MAPPED, "pt_mapped", pt_mapped);
	WANT(XR_SF_INTR_CPU, "intr_cpu", intr_cpu);
#undef WANT
}

/*
 * Events the implementation's hcalls produce follow its effective
 * context: a real-mode implementation with real_mode=off runs everything
 * in virtual mode (ROUTE-RM-OFF).
 */
static int effective_ctx(const struct xr_scenario *scn,
			 const struct xr_impl_ops *impl)
{
	return impl->context == XR_CTX_REAL && scn->setup.real_mode ?
	       XR_CTX_REAL : XR_CTX_VIRTUAL;
}

void xr_check_expects(struct xr_outcome *o, const struct xr_scenario *scn,
		      const struct xr_scn_step *st,
		      const struct xr_impl_ops *impl, void *inst,
		      const struct xr_result *res)
{
	uint32_t i, k, kinds = impl->event_kinds & XR_EV_ALL;
	static const struct xr_events none;

	for (i = 0; i < st->nr_expects; i++) {
		const struct xr_expect *e = &st->expects[i];

		switch (e->kind) {
		case XR_EXP_ICP:
			check_icp(o, e, impl, inst);
			break;
		case XR_EXP_SOURCE:
			check_source(o, e, impl, inst);
			break;
		case XR_EXP_EVENTS:
		case XR_EXP_NO_EVENTS:
			if (e->ctx != XR_EXP_ANY &&
			    e->ctx != effective_ctx(scn, impl))
				break;
			o->nr_exp_events++;
			o->exp_kinds = kinds;
			for (k = 0; k < e->events.nr; k++)
				if (!(kinds & XR_EV_BIT(e->events.ev[k].kind)))
					o->exp_events_partial = true;
			xr_diff_events(o, "events",
				       e->kind == XR_EXP_EVENTS ? &e->events
								: &none,
				       &res->events, kinds);
			break;
		}
	}
}
