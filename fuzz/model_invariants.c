// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target model_invariants: the reference model alone, in both
 * contexts, with every invariant of docs/fuzzing.md checked after every
 * step.  Only what the spec guarantees after any sequence of operations
 * is asserted; the restore validity check (STATE-ICP-VALID) is NOT an
 * invariant of reachable states (docs/fuzzing.md gives the two
 * counterexamples), so only its parts that are guaranteed are checked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "emit.h"
#include "harness.h"

#define ICS_LSI		(1ull << 40)	/* KVM_XICS_* layout (STATE-SRC-GET) */
#define ICS_MASKED	(1ull << 41)
#define ICS_PENDING	(1ull << 42)
#define ICS_PRESENTED	(1ull << 43)
#define ICS_QUEUED	(1ull << 44)

struct broken {
	const char *id;		/* the invariant (docs/fuzzing.md) */
	uint32_t step;		/* 1-based */
	enum xr_context ctx;
	char what[200];
};

static bool fail(struct broken *b, const char *id, const char *fmt,
		 unsigned long long x, unsigned long long y)
{
	b->id = id;
	snprintf(b->what, sizeof(b->what), fmt, x, y);
	return false;
}

static bool check_icp(const struct xr_impl_ops *ops, void *inst,
		      const struct xr_icp_state *s, uint32_t id,
		      struct broken *b)
{
	struct xr_source_state src;

	if (s->out_ee != (s->xisr && s->pprio < s->cppr))
		return fail(b, "INV-OUT-EE", "vcpu %llu: out_ee %llu",
			    id, s->out_ee);
	if ((s->xisr == XR_XISR_NONE) != (s->pprio == XR_PRIO_MASKED))
		return fail(b, "INV-XISR-PPRI", "vcpu %llu: xisr/pprio 0x%llx",
			    id, (unsigned long long)s->xisr << 8 | s->pprio);
	/*
	 * Its block exists; below 16 that is block 0, probed at 16: a
	 * restore (set-icp) may put 1 or 3..15 there when ICS 0 exists,
	 * as kvmppc_xics_find_ics() accepts it.
	 */
	if (s->xisr != XR_XISR_NONE && s->xisr != XR_XISR_IPI &&
	    !ops->get_source(inst, s->xisr < XR_FIRST_IRQ ? XR_FIRST_IRQ :
			     s->xisr, &src))
		return fail(b, "INV-XISR-ICS", "vcpu %llu: xisr 0x%llx in no ICS block",
			    id, s->xisr);
	if (s->out_ee && !s->line)
		return fail(b, "INV-LINE", "vcpu %llu: out_ee set, line %llu",
			    id, s->line);
	return true;
}

static uint64_t icp_value(const struct xr_icp_state *s)
{
	return (uint64_t)s->cppr << 56 | (uint64_t)s->xisr << 32 |
	       (uint64_t)s->mfrr << 24 | (uint64_t)s->pprio << 16;
}

static uint64_t source_value(const struct xr_source_state *s)
{
	uint64_t v = s->server;
	uint64_t prio = s->prio;

	if (s->prio == XR_PRIO_MASKED) {
		v |= ICS_MASKED;
		prio = s->saved;
	}
	v |= prio << 32;
	if (s->lsi) {
		v |= ICS_LSI;
		if (s->p)
			v |= ICS_PENDING;
	} else if (s->masked_pending || s->resend) {
		v |= ICS_PENDING;
	}
	if (s->p)
		v |= ICS_PRESENTED;
	if (s->q)
		v |= ICS_QUEUED;
	return v;
}

/* What a read-only step returned must match the state it read */
static bool check_result(const struct xr_impl_ops *ops, void *inst,
			 const struct xr_step *st, const struct xr_result *r,
			 struct broken *b)
{
	struct xr_icp_state icp;
	struct xr_source_state src;
	bool have;

	switch (st->kind) {
	case XR_STEP_GET_ICP:
		if (r->rc == 0 && ops->get_icp(inst, st->vcpu, &icp) &&
		    r->value != icp_value(&icp))
			return fail(b, "INV-ICP-GET", "get-icp 0x%llx, state 0x%llx",
				    r->value, icp_value(&icp));
		break;
	case XR_STEP_GET_SOURCE:
		have = ops->get_source(inst, st->arg[0], &src) && src.exists;
		if (have && (r->rc != 0 || r->value != source_value(&src)))
			return fail(b, "INV-SRC-GET", "get-source 0x%llx, state 0x%llx",
				    r->value, source_value(&src));
		if (!have && r->rc != -ENOENT)
			return fail(b, "INV-SRC-GET", "undefined source: rc %lld%.0llu",
				    r->rc, 0);
		break;
	case XR_STEP_RTAS_GET_XIVE:
		if (r->rc == 0 &&
		    ops->get_source(inst, (uint32_t)st->arg[0], &src) &&
		    (r->server != src.server || r->prio != src.prio))
			return fail(b, "INV-GET-XIVE", "get-xive prio %llu, state %llu",
				    r->prio, src.prio);
		break;
	default:
		break;
	}
	return true;
}

static bool same_result(const struct xr_result *a, const struct xr_result *b)
{
	uint32_t i;

	if (a->rc != b->rc || a->xirr != b->xirr || a->mfrr != b->mfrr ||
	    a->server != b->server || a->prio != b->prio ||
	    a->value != b->value || a->path != b->path ||
	    a->events.nr != b->events.nr ||
	    a->events.overflow != b->events.overflow)
		return false;
	for (i = 0; i < a->events.nr && i < XR_MAX_EVENTS; i++)
		if (a->events.ev[i].kind != b->events.ev[i].kind ||
		    a->events.ev[i].a != b->events.ev[i].a ||
		    a->events.ev[i].b != b->events.ev[i].b)
			return false;
	return true;
}

static bool run_ctx(const struct xf_case *c, enum xr_context ctx,
		    struct broken *b)
{
	const struct xr_impl_ops *ops = xr_model_ops(ctx);
	struct xr_result r, r2;
	struct xr_icp_state s, s2;
	void *inst, *twin;
	char err[200];
	uint32_t i, v;
	bool ok = true;

	b->ctx = ctx;
	inst = ops->create(&c->setup, err, sizeof(err));
	twin = ops->create(&c->setup, err, sizeof(err));
	if (!inst || !twin) {
		/* a valid scenario set-up must always build */
		b->step = 0;
		fail(b, "INV-CREATE", "create failed%.0llu%.0llu", 0, 0);
		snprintf(b->what, sizeof(b->what), "create failed: %.180s", err);
		ok = false;
	}
	for (i = 0; ok && i < c->nr_steps; i++) {
		b->step = i + 1;
		memset(&r, 0, sizeof(r));
		memset(&r2, 0, sizeof(r2));
		if (ops->step(inst, &c->steps[i], &r, err, sizeof(err)) ==
		    XR_FAILED) {
			ok = fail(b, "INV-STEP", "step failed%.0llu%.0llu", 0, 0);
			snprintf(b->what, sizeof(b->what), "%.190s", err);
			break;
		}
		ops->step(twin, &c->steps[i], &r2, err, sizeof(err));
		if (!same_result(&r, &r2)) {
			ok = fail(b, "INV-DETERMINISTIC", "rc %lld vs %lld",
				  r.rc, r2.rc);
			break;
		}
		ok = check_result(ops, inst, &c->steps[i], &r, b);
		for (v = 0; ok && v < c->setup.nr_vcpus; v++) {
			uint32_t id = c->setup.vcpus[v].id;
			bool h = ops->get_icp(inst, id, &s);

			if (h != ops->get_icp(twin, id, &s2) ||
			    (h && (icp_value(&s) != icp_value(&s2) ||
				    s.need_resend != s2.need_resend ||
				    s.out_ee != s2.out_ee || s.line != s2.line)))
				ok = fail(b, "INV-DETERMINISTIC",
					  "vcpu %llu icp 0x%llx differs", id,
					  icp_value(&s));
			else if (h)
				ok = check_icp(ops, inst, &s, id, b);
		}
	}
	if (inst)
		ops->destroy(inst);
	if (twin)
		ops->destroy(twin);
	return ok;
}

static bool broken_case(const struct xf_case *c, struct broken *b)
{
	return !run_ctx(c, XR_CTX_VIRTUAL, b) || !run_ctx(c, XR_CTX_REAL, b);
}

static bool still_broken(const struct xf_case *c, void *arg)
{
	const char *id = arg;
	struct broken b;
	char why[256];

	return xf_valid(c, why, sizeof(why)) && broken_case(c, &b) &&
	       !strcmp(b.id, id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct xf_case c;
	struct broken b;
	char why[256], note[400];

	xf_decode(data, len, XF_PROFILE_ALL, &c);
	if (!xf_valid(&c, why, sizeof(why))) {
		fprintf(stderr, "model_invariants: decoder bug: %s\n", why);
		xf_emit(stderr, &c, "the decoder produced this");
		abort();
	}
	if (!broken_case(&c, &b))
		return 0;
	xf_shrink(&c, still_broken, (void *)b.id);
	broken_case(&c, &b);
	snprintf(note, sizeof(note),
		 "found by fuzz/model_invariants: %s broken after step %u on %s\n%s",
		 b.id, b.step, xr_model_ops(b.ctx)->name, b.what);
	fprintf(stderr, "\n==== xicsref model_invariants: %s\n", note);
	xf_emit(stderr, &c, note);
	abort();
}
