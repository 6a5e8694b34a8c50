// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref explore: the oracles every quiescent execution of a parallel
 * block must satisfy (spec/concurrency.md, CONC-*):
 *
 *   linearizable   the results of the operations and the final ICP and
 *                  ICS state are those of the model after some order of
 *                  the same operations (CONC-LINEARIZABLE);
 *   not lost       a pending MSI is presented at an ICP, waits for a
 *                  resend, is masked-pending or in service on a VCPU;
 *                  no interrupt is presented at two ICPs (CONC-NOT-LOST,
 *                  CONC-NOT-TWICE);
 *   woken          a VCPU whose interrupt output is asserted has its
 *                  line raised, and one whose line came up during the
 *                  block was told (kick, doorbell, IPI, MER or its own
 *                  hypercall) (CONC-WAKEUP);
 *   bookkeeping    the kernel's own resend and real-mode records let it
 *                  deliver what it owes (the implementation checks,
 *                  CONC-RESEND-RECORDED, CONC-RM-WORK-DONE);
 *   no WARN        no kernel WARN that the model in no order expects;
 *   expectations   the scenario's "=>" and expect icp/source lines.
 *
 * The model runs every order once per scenario (at most 4! = 24).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore.h"

#define XR_X_ORDERS	24
/*
 * What one parallel scenario may hold: a model state per order of the
 * operations is kept, so these stay small (a scenario beyond them is
 * refused with a reason, as bad input)
 */
#define XR_X_MAX_VCPUS	64
#define XR_X_MAX_BLOCKS	64

struct x_state {
	uint8_t order[XR_PAR_OPS];
	struct xr_result res[XR_PAR_OPS];	/* in block order */
	bool has_icp[XR_X_MAX_VCPUS];
	struct xr_icp_state icp[XR_X_MAX_VCPUS];
	uint32_t nblocks;
	uint32_t first[XR_X_MAX_BLOCKS];
	uint64_t changed[XR_X_MAX_BLOCKS][XR_ICS_MAP_WORDS];
	struct xr_source_state *src;		/* nblocks x 1024 */
	bool warned;
};

struct xr_x_model {
	uint32_t nops, norders;
	struct x_state st[XR_X_ORDERS];
	bool pre_has[XR_X_MAX_VCPUS];
	struct xr_icp_state pre[XR_X_MAX_VCPUS];	/* before the block */
	uint32_t nserv;
	uint32_t serving[64];			/* accepted, not EOId */
};

void xr_x_model_free(struct xr_x_model *m)
{
	uint32_t i;

	if (!m)
		return;
	for (i = 0; i < m->norders; i++)
		free(m->st[i].src);
	free(m);
}

uint32_t xr_x_model_orders(const struct xr_x_model *m)
{
	return m->norders;
}

/* The next permutation of @a (lexicographic); false after the last */
static bool next_order(uint8_t *a, uint32_t n)
{
	uint32_t i, j;
	uint8_t t;

	if (n < 2)
		return false;
	for (i = n - 1; i > 0 && a[i - 1] >= a[i]; i--)
		;
	if (!i)
		return false;
	for (j = n - 1; a[j] <= a[i - 1]; j--)
		;
	t = a[i - 1];
	a[i - 1] = a[j];
	a[j] = t;
	for (j = n - 1; i < j; i++, j--) {
		t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
	return true;
}

static bool warned(const struct xr_result *r)
{
	uint32_t i;

	for (i = 0; i < r->events.nr && i < XR_MAX_EVENTS; i++)
		if (r->events.ev[i].kind == XR_EV_WARN)
			return true;
	return false;
}

static void note_service(struct xr_x_model *m, const struct xr_step *st,
			 const struct xr_result *r)
{
	uint32_t irq, i;

	if (st->kind == XR_STEP_H_XIRR || st->kind == XR_STEP_H_XIRR_X) {
		irq = (uint32_t)r->xirr & XR_XISR_MASK;
		if (irq >= XR_FIRST_IRQ && m->nserv < 64)
			m->serving[m->nserv++] = irq;
	} else if (st->kind == XR_STEP_H_EOI) {
		irq = (uint32_t)st->arg[0] & XR_XISR_MASK;
		for (i = 0; i < m->nserv; i++)
			if (m->serving[i] == irq)
				m->serving[i] = m->serving[--m->nserv];
	}
}

static int run_step(const struct xr_impl_ops *ops, void *inst,
		    const struct xr_scn_step *st, struct xr_result *r,
		    char *why, size_t len)
{
	char err[200] = "";
	enum xr_status s;

	xr_result_clear(r);
	s = ops->step(inst, &st->step, r, err, sizeof(err));
	if (s == XR_OK)
		return 0;
	snprintf(why, len, "%s, line %u: %s", ops->name, st->line,
		 err[0] ? err : "step failed");
	return -1;
}

/* ICPs and every source of every block of a model instance */
static int capture(const struct xr_impl_ops *ops, void *inst,
		   const struct xr_scenario *scn, struct x_state *s)
{
	bool (*changed)(void *, uint32_t, uint64_t *) =
		XR_IMPL_OPT(ops, changed_sources);
	uint32_t i, b;

	for (i = 0; i < scn->setup.nr_vcpus; i++)
		s->has_icp[i] = ops->get_icp(inst, scn->setup.vcpus[i].id,
					     &s->icp[i]);
	s->nblocks = ops->ics_blocks ?
		     ops->ics_blocks(inst, s->first, XR_X_MAX_BLOCKS) : 0;
	if (s->nblocks > XR_X_MAX_BLOCKS)
		return -2;
	s->src = calloc((size_t)s->nblocks * XR_IRQS_PER_ICS,
			sizeof(*s->src));
	if (s->nblocks && !s->src)
		return -1;
	for (b = 0; b < s->nblocks; b++) {
		for (i = 0; i < XR_IRQS_PER_ICS; i++)
			ops->get_source(inst, s->first[b] + i,
					&s->src[b * XR_IRQS_PER_ICS + i]);
		memset(s->changed[b], 0xff, sizeof(s->changed[b]));
		if (changed)
			changed(inst, s->first[b], s->changed[b]);
	}
	return 0;
}

static int model_order(struct xr_x_model *m, const struct xr_run_env *env,
		       const struct xr_scenario *scn,
		       const struct xr_impl_ops *ref, uint64_t quirks,
		       struct x_state *s, bool first, char *why, size_t len)
{
	struct xr_setup setup = scn->setup;
	struct xr_result r;
	char err[200] = "";
	void *inst;
	uint32_t i;
	int rc = -1;

	setup.quirks = quirks;
	inst = ref->create(&setup, err, sizeof(err));
	if (!inst) {
		snprintf(why, len, "%s: create failed: %s", ref->name, err);
		return -1;
	}
	for (i = 0; i < scn->par_first; i++) {
		if (run_step(ref, inst, &scn->steps[i], &r, why, len))
			goto out;
		if (first)
			note_service(m, &scn->steps[i].step, &r);
	}
	if (first)
		for (i = 0; i < scn->setup.nr_vcpus; i++)
			m->pre_has[i] = ref->get_icp(inst,
						     scn->setup.vcpus[i].id,
						     &m->pre[i]);
	for (i = 0; i < m->nops; i++) {
		uint32_t k = s->order[i];

		if (run_step(ref, inst, &scn->steps[scn->par_first + k],
			     &s->res[k], why, len))
			goto out;
		s->warned |= warned(&s->res[k]);
	}
	rc = capture(ref, inst, scn, s);
	if (rc == -2)
		snprintf(why, len, "more than %u ICS blocks: explore takes at "
			 "most that many", XR_X_MAX_BLOCKS);
	else if (rc)
		snprintf(why, len, "out of memory");
out:
	ref->destroy(inst);
	return rc;
}

struct xr_x_model *xr_x_model_new(const struct xr_run_env *env,
				  const struct xr_scenario *scn,
				  const struct xr_impl_ops *impl, char *why,
				  size_t len)
{
	const struct xr_impl_ops *ref = env->ref_ops(impl->context);
	struct xr_x_model *m = calloc(1, sizeof(*m));
	struct xr_outcome *o = calloc(1, sizeof(*o));
	uint8_t order[XR_PAR_OPS];
	char ids[160];
	uint64_t quirks;
	uint32_t i;

	if (!m || !o) {
		snprintf(why, len, "out of memory");
		goto fail;
	}
	if (scn->setup.nr_vcpus > XR_X_MAX_VCPUS) {
		snprintf(why, len, "%u VCPUs: explore takes at most %u",
			 scn->setup.nr_vcpus, XR_X_MAX_VCPUS);
		goto fail;
	}
	if (xr_dev_quirks(env, scn, impl, &quirks, ids, sizeof(ids), o)) {
		snprintf(why, len, "%s", o->reason);
		goto fail;
	}
	m->nops = scn->nr_par;
	for (i = 0; i < m->nops; i++)
		order[i] = (uint8_t)i;
	do {
		struct x_state *s = &m->st[m->norders];

		memcpy(s->order, order, sizeof(order));
		if (model_order(m, env, scn, ref, quirks, s, !m->norders, why,
				len))
			goto fail;
		m->norders++;
	} while (m->norders < XR_X_ORDERS && next_order(order, m->nops));
	free(o);
	return m;
fail:
	free(o);
	xr_x_model_free(m);
	return NULL;
}

/* -- checking one execution -- */

static const struct xr_source_state *model_src(const struct x_state *s,
					       uint32_t irq)
{
	uint32_t b;

	for (b = 0; b < s->nblocks; b++)
		if (irq - s->first[b] < XR_IRQS_PER_ICS)
			return &s->src[b * XR_IRQS_PER_ICS + irq - s->first[b]];
	return NULL;
}

/* The sources to compare: changed on either side, or named */
struct x_set {
	uint32_t n;
	uint32_t irq[XR_X_MAX_BLOCKS * XR_IRQS_PER_ICS / 8];
};

static void set_add(struct x_set *set, uint32_t irq)
{
	uint32_t i;

	if (irq < XR_FIRST_IRQ || irq >= XR_NR_IRQS)
		return;
	for (i = 0; i < set->n; i++)
		if (set->irq[i] == irq)
			return;
	if (set->n < sizeof(set->irq) / sizeof(set->irq[0]))
		set->irq[set->n++] = irq;
}

static void set_map(struct x_set *set, uint32_t first, const uint64_t *map)
{
	uint32_t i;

	for (i = 0; i < XR_IRQS_PER_ICS; i++)
		if (map[i / 64] & (1ull << (i % 64)))
			set_add(set, first + i);
}

static void sources_to_compare(const struct xr_x_model *m,
			       const struct xr_scenario *scn,
			       const struct xr_impl_ops *impl, void *inst,
			       struct x_set *set)
{
	bool (*changed)(void *, uint32_t, uint64_t *) =
		XR_IMPL_OPT(impl, changed_sources);
	uint32_t first[XR_X_MAX_BLOCKS], n, i, b;
	uint64_t map[XR_ICS_MAP_WORDS];

	set->n = 0;
	for (i = 0; i < scn->setup.nr_sources; i++)
		set_add(set, scn->setup.sources[i].irq);
	for (i = 0; i < scn->nr_steps; i++) {
		const struct xr_step *st = &scn->steps[i].step;

		if (st->kind == XR_STEP_IRQ || st->kind == XR_STEP_RTAS_SET_XIVE ||
		    st->kind == XR_STEP_RTAS_INT_ON ||
		    st->kind == XR_STEP_RTAS_INT_OFF ||
		    st->kind == XR_STEP_RTAS_GET_XIVE)
			set_add(set, (uint32_t)st->arg[0]);
		else if (st->kind == XR_STEP_H_EOI)
			set_add(set, (uint32_t)st->arg[0] & XR_XISR_MASK);
		else if (st->kind == XR_STEP_PASSTHRU)
			set_add(set, (uint32_t)st->arg[1]);
	}
	for (i = 0; i < m->norders; i++)
		for (b = 0; b < m->st[i].nblocks; b++)
			set_map(set, m->st[i].first[b], m->st[i].changed[b]);
	n = impl->ics_blocks ? impl->ics_blocks(inst, first, XR_X_MAX_BLOCKS)
			     : 0;
	/* the model's blocks are all read above; these are extra */
	if (n > XR_X_MAX_BLOCKS)
		n = XR_X_MAX_BLOCKS;
	for (b = 0; b < n; b++) {
		memset(map, 0xff, sizeof(map));
		if (changed)
			changed(inst, first[b], map);
		set_map(set, first[b], map);
	}
}

/*
 * CONC-MAP-PUBLISH: is @st a read path of a hardware interrupt that a
 * passthru of the same block is adding to the flat map?  Then its guest
 * IRQ, else -1.  Until the writer
 * publishes r_hwirq the reader finds no entry and takes the host path, and
 * the host delivers the interrupt through the device's route, which exists
 * before its map entry, and records the arrival CPU (PT-INTR-CPU): an
 * outcome no whole order of the model gives.
 */
static int64_t publishing(const struct xr_scenario *scn,
			  const struct xr_step *st)
{
	uint32_t i;

	if (st->kind != XR_STEP_HWIRQ)
		return -1;
	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_step *p = &scn->steps[scn->par_first + i].step;
		uint64_t n = p->arg[2] ? p->arg[2] : 1;

		if (p->kind == XR_STEP_PASSTHRU && st->arg[0] >= p->arg[0] &&
		    st->arg[0] < p->arg[0] + n)
			return (int64_t)(p->arg[1] + st->arg[0] - p->arg[0]);
	}
	return -1;
}

/*
 * CONC-RESEND-HINT: does a source the kernel has waiting for a resend
 * target the ICP of @server?  need_resend only tells a later CPPR or MFRR
 * change to scan; with nothing waiting for that ICP its value changes
 * nothing, and CONC-RESEND-RECORDED checks the case where it matters.
 */
static bool resend_waits_for(const struct xr_impl_ops *impl, void *inst,
			     const struct x_set *set, uint32_t server)
{
	uint32_t i;

	for (i = 0; i < set->n; i++) {
		struct xr_source_state s;

		memset(&s, 0, sizeof(s));
		if (impl->get_source(inst, set->irq[i], &s) && s.resend &&
		    s.server == server)
			return true;
	}
	return false;
}

/*
 * CONC-RESEND-OVERTAKE: does the kernel's ICP @k present @y where the
 * model's @m presents another source @x of the same priority, with the
 * two sources' resend flags the other way round?  Then the kernel's
 * resend scan was overtaken by a delivery: @x waits for the next one.
 */
static bool overtaken(const struct x_state *s, const struct xr_impl_ops *impl,
		      void *inst, const struct xr_icp_state *m,
		      const struct xr_icp_state *k)
{
	const struct xr_source_state *mx, *my;
	struct xr_source_state kx, ky;

	if (k->xisr == m->xisr || k->pprio != m->pprio || !k->need_resend ||
	    k->xisr < XR_FIRST_IRQ || m->xisr < XR_FIRST_IRQ)
		return false;
	mx = model_src(s, m->xisr);
	my = model_src(s, k->xisr);
	memset(&kx, 0, sizeof(kx));
	memset(&ky, 0, sizeof(ky));
	if (!mx || !my || !impl->get_source(inst, m->xisr, &kx) ||
	    !impl->get_source(inst, k->xisr, &ky))
		return false;
	return mx->prio == my->prio && mx->server == my->server &&
	       !mx->resend && my->resend && kx.resend && !ky.resend;
}

/*
 * CONC-INTR-CPU-RACE: is @cpu the CPU of an input of the block that can
 * reach @irq through the host (an irq input of it, or any hwirq, whose
 * host path asserts the guest IRQ it is routed to)?  Such inputs record
 * intr_cpu with a plain store after their P/Q update, so with two of
 * them in the block the last record need not be the last update's.
 */
static bool host_arrival_cpu(const struct xr_scenario *scn, uint32_t irq,
			     int32_t cpu)
{
	uint32_t i;

	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_scn_step *p = &scn->steps[scn->par_first + i];

		if (p->cpu == cpu && (p->step.kind == XR_STEP_HWIRQ ||
				      (p->step.kind == XR_STEP_IRQ &&
				       p->step.arg[0] == irq)))
			return true;
	}
	return false;
}

/*
 * CONC-INTR-CPU-RACE: does the block hold a host input of @irq and
 * another operation that writes or uses intr_cpu (another host input, a
 * guest EOI, a passthru)?  The passthru case is CONC-MAP-ARRIVAL: an
 * input before kvmppc_xics_set_mapped publishes host_irq, or whose
 * record its reset overwrites, leaves intr_cpu -1.
 */
static bool intr_cpu_raced(const struct xr_scenario *scn, uint32_t irq)
{
	uint32_t i, inputs = 0, others = 0;

	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_scn_step *p = &scn->steps[scn->par_first + i];

		if (p->step.kind == XR_STEP_HWIRQ ||
		    (p->step.kind == XR_STEP_IRQ && p->step.arg[0] == irq))
			inputs++;
		else if (p->step.kind == XR_STEP_H_EOI ||
			 p->step.kind == XR_STEP_PASSTHRU)
			others++;
	}
	return inputs && inputs + others >= 2;
}

/*
 * CONC-EOI-UNACCEPTED: does the block hold a guest H_EOI of @irq, which
 * was not in service when the block began (nor accepted in it: a guest
 * error)?  Its two steps (the ICP's Down_CPPR and resend, then the ICS
 * EOI's P/Q update and re-delivery) are then seen apart by the other
 * operations on that source.
 */
static bool eoi_unaccepted(const struct xr_x_model *m,
			   const struct xr_scenario *scn, uint32_t irq)
{
	bool eoi = false;
	uint32_t i;

	for (i = 0; i < m->nserv; i++)
		if (m->serving[i] == irq)
			return false;
	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_step *st = &scn->steps[scn->par_first + i].step;

		if (st->kind == XR_STEP_H_XIRR || st->kind == XR_STEP_H_XIRR_X)
			return false;
		if (st->kind == XR_STEP_H_EOI &&
		    ((uint32_t)st->arg[0] & XR_XISR_MASK) == irq)
			eoi = true;
	}
	return eoi;
}

/*
 * CONC-EOI-OBSERVED: is op @i an H_IPOLL of the server of a VCPU whose
 * H_EOI is in the block?  H_EOI is two ICP updates (the CPPR it loads,
 * then the ICS EOI's re-presentation or the resend it starts), and the
 * poll may read the ICP between them.
 */
static bool ipoll_of_eoi(const struct xr_scenario *scn, uint32_t i)
{
	const struct xr_step *p = &scn->steps[scn->par_first + i].step;
	uint32_t j, k;

	if (p->kind != XR_STEP_H_IPOLL)
		return false;
	for (j = 0; j < scn->nr_par; j++) {
		const struct xr_step *e = &scn->steps[scn->par_first + j].step;

		if (e->kind != XR_STEP_H_EOI)
			continue;
		for (k = 0; k < scn->setup.nr_vcpus; k++)
			if (scn->setup.vcpus[k].id == e->vcpu &&
			    scn->setup.vcpus[k].has_icp &&
			    scn->setup.vcpus[k].server == p->arg[0])
				return true;
	}
	return false;
}

/*
 * Differences of the execution from the model after order @s
 * (CONC-LINEARIZABLE; CONC-SPURIOUS-LINE, CONC-MAP-PUBLISH,
 * CONC-MAP-ARRIVAL, CONC-INTR-CPU-RACE, CONC-RESEND-OVERTAKE,
 * CONC-RESEND-HINT, CONC-EOI-UNACCEPTED and CONC-EOI-OBSERVED are the
 * relaxed fields)
 */
static void diff_order(const struct xr_x_model *m, const struct x_state *s,
		       const struct xr_scenario *scn,
		       const struct xr_impl_ops *impl, void *inst,
		       const struct xr_par_exec *ex, const struct x_set *set,
		       struct xr_outcome *o)
{
	int64_t pub_irq = -1;
	int32_t pub_cpu = -1;
	uint32_t swap[XR_X_MAX_VCPUS][2], nswap = 0, i, j;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_step *st = &scn->steps[scn->par_first + i].step;
		struct xr_result k = ex->res[i];
		int64_t g = publishing(scn, st);

		if (g >= 0 && s->res[i].path == XR_PATH_HANDLED &&
		    k.path == XR_PATH_HOST) {
			k.path = XR_PATH_HANDLED;
			pub_irq = g;
			pub_cpu = (int32_t)st->arg[1];
		}
		/* CONC-EOI-OBSERVED: the poll may see the EOI half done */
		if (ipoll_of_eoi(scn, i))
			k.xirr = s->res[i].xirr;
		xr_cmp_result(o, st, &s->res[i], &k, 0);
	}
	for (i = 0; i < scn->setup.nr_vcpus; i++) {
		struct xr_icp_state k;
		bool hk;

		memset(&k, 0, sizeof(k));
		hk = impl->get_icp(inst, scn->setup.vcpus[i].id, &k);
		/*
		 * CONC-SPURIOUS-LINE: another CPU may leave a VCPU's line
		 * raised with nothing more favoured than CPPR to present
		 * (only the VCPU itself lowers its line); the guest's next
		 * H_XIRR returns no interrupt and lowers it.
		 */
		if (hk && s->has_icp[i] && k.line && !s->icp[i].line)
			k.line = false;
		/* CONC-RESEND-OVERTAKE: an equal-priority source went first */
		if (hk && s->has_icp[i] && nswap < XR_X_MAX_VCPUS &&
		    overtaken(s, impl, inst, &s->icp[i], &k)) {
			swap[nswap][0] = s->icp[i].xisr;
			swap[nswap++][1] = k.xisr;
			k.xisr = s->icp[i].xisr;
		}
		if (hk && s->has_icp[i] &&
		    k.need_resend != s->icp[i].need_resend &&
		    !resend_waits_for(impl, inst, set,
				      scn->setup.vcpus[i].server))
			k.need_resend = s->icp[i].need_resend;
		xr_cmp_icp(o, scn->setup.vcpus[i].id, s->has_icp[i],
			   &s->icp[i], hk, &k, xr_impl_icp_fields(impl));
	}
	for (i = 0; i < set->n; i++) {
		const struct xr_source_state *ms = model_src(s, set->irq[i]);
		struct xr_source_state ks;
		bool hk;

		memset(&ks, 0, sizeof(ks));
		hk = impl->get_source(inst, set->irq[i], &ks);
		if (set->irq[i] == pub_irq && ms && ms->intr_cpu == -1 &&
		    ks.intr_cpu == pub_cpu)
			ks.intr_cpu = -1;
		/*
		 * CONC-INTR-CPU-RACE: intr_cpu is an affinity hint written
		 * and read outside the P/Q update: none (-1) or the CPU of
		 * any host input of the block
		 */
		if (hk && ms && ks.intr_cpu != ms->intr_cpu &&
		    intr_cpu_raced(scn, set->irq[i]) &&
		    (ms->intr_cpu == -1 ||
		     host_arrival_cpu(scn, set->irq[i], ms->intr_cpu)) &&
		    (ks.intr_cpu == -1 ||
		     host_arrival_cpu(scn, set->irq[i], ks.intr_cpu)))
			ks.intr_cpu = ms->intr_cpu;
		for (j = 0; j < nswap; j++)
			if (set->irq[i] == swap[j][0] || set->irq[i] == swap[j][1])
				ks.resend = !ks.resend;
		/*
		 * CONC-EOI-UNACCEPTED: after the guest's EOI of an interrupt
		 * it never accepted, the source's presentation bookkeeping
		 * is not compared (the ICPs and the other sources are, and
		 * CONC-NOT-LOST / CONC-NOT-TWICE still hold)
		 */
		if (hk && ms && eoi_unaccepted(m, scn, set->irq[i])) {
			ks.p = ms->p;
			ks.q = ms->q;
			ks.resend = ms->resend;
			ks.masked_pending = ms->masked_pending;
		}
		xr_cmp_source(o, set->irq[i], ms != NULL, ms ? ms : &ks, hk,
			      &ks, xr_impl_source_fields(impl));
	}
}

static void put_order(char *buf, size_t len, const struct xr_scenario *scn,
		      const uint8_t *order)
{
	size_t n = 0;
	uint32_t i;

	buf[0] = '\0';
	for (i = 0; i < scn->nr_par && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%scpu %d",
				      i ? ", then " : "",
				      scn->steps[scn->par_first +
						 order[i]].cpu);
}

/* CONC-LINEARIZABLE, with the relaxed rules of diff_order */
static int linearizable(const struct xr_x_model *m,
			const struct xr_scenario *scn,
			const struct xr_impl_ops *impl, void *inst,
			const struct xr_par_exec *ex, char *detail, size_t len)
{
	struct xr_outcome *o = malloc(sizeof(*o)), *best = malloc(sizeof(*o));
	struct x_set *set = malloc(sizeof(*set));
	uint32_t i, bi = 0, k;
	size_t n;
	int rc = 1;

	if (!o || !best || !set) {
		snprintf(detail, len, "out of memory");
		goto out;
	}
	sources_to_compare(m, scn, impl, inst, set);
	best->nr_diffs = UINT32_MAX;
	for (i = 0; i < m->norders; i++) {
		diff_order(m, &m->st[i], scn, impl, inst, ex, set, o);
		if (!o->nr_diffs) {
			rc = 0;
			goto out;
		}
		if (o->nr_diffs < best->nr_diffs) {
			*best = *o;
			bi = i;
		}
	}
	n = (size_t)snprintf(detail, len,
			     "no order of the %u operations gives these results and this state; the closest, ",
			     scn->nr_par);
	put_order(detail + n, len - n, scn, m->st[bi].order);
	n = strlen(detail);
	n += (size_t)snprintf(detail + n, len - n,
			      ", differs in (model / %s):", impl->name);
	for (k = 0; k < best->nr_diffs && n < len; k++)
		n += (size_t)snprintf(detail + n, len - n, "\n    %s: %s / %s",
				      best->diffs[k].field, best->diffs[k].a,
				      best->diffs[k].b);
out:
	free(o);
	free(best);
	free(set);
	return rc;
}

/* The scenario's own "=>" of the block and expect icp/source after it */
static int expectations(const struct xr_scenario *scn,
			const struct xr_impl_ops *impl, void *inst,
			const struct xr_par_exec *ex, char *detail, size_t len)
{
	struct xr_outcome *o = calloc(1, sizeof(*o));
	const struct xr_scn_step *last =
		&scn->steps[scn->par_first + scn->nr_par - 1];
	struct xr_scn_step st = *last;
	struct xr_expect ex_icp_src[64];
	size_t n = 0;
	uint32_t i, k;
	int rc = 0;

	if (!o)
		return 0;
	for (i = 0; i < scn->nr_par; i++)
		xr_check_want(o, &scn->steps[scn->par_first + i], &ex->res[i]);
	/* events after a block are those of the written order only */
	st.nr_expects = 0;
	st.expects = ex_icp_src;
	for (i = 0; i < last->nr_expects && st.nr_expects < 64; i++)
		if (last->expects[i].kind == XR_EXP_ICP ||
		    last->expects[i].kind == XR_EXP_SOURCE)
			ex_icp_src[st.nr_expects++] = last->expects[i];
	xr_check_expects(o, scn, &st, impl, inst, &ex->res[scn->nr_par - 1]);
	if (o->nr_diffs) {
		rc = 1;
		n = (size_t)snprintf(detail, len,
				     "a written expectation does not hold (written / actual):");
		for (k = 0; k < o->nr_diffs && n < len; k++)
			n += (size_t)snprintf(detail + n, len - n,
					      "\n    %s: %s / %s",
					      o->diffs[k].field, o->diffs[k].a,
					      o->diffs[k].b);
	}
	free(o);
	return rc;
}

static bool in_service(const struct xr_x_model *m,
		       const struct xr_scenario *scn,
		       const struct xr_par_exec *ex, uint32_t irq)
{
	bool serving = false;
	uint32_t i;

	for (i = 0; i < m->nserv; i++)
		if (m->serving[i] == irq)
			serving = true;
	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_step *st = &scn->steps[scn->par_first + i].step;

		if ((st->kind == XR_STEP_H_XIRR || st->kind == XR_STEP_H_XIRR_X) &&
		    ((uint32_t)ex->res[i].xirr & XR_XISR_MASK) == irq)
			serving = true;
	}
	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_step *st = &scn->steps[scn->par_first + i].step;

		if (st->kind == XR_STEP_H_EOI &&
		    ((uint32_t)st->arg[0] & XR_XISR_MASK) == irq)
			serving = false;
	}
	return serving;
}

/*
 * Does some order of the model (which carries the scenario's declared
 * deviations) end with @irq as the kernel has it: presented at two ICPs
 * (@twice), or pending and presented nowhere?  Then the state is the
 * documented deviation's (DEV-CPPR-DOWN-DISPLACE loses an interrupt in
 * one operation), not the interleaving's.
 */
static bool model_also(const struct xr_x_model *m,
		       const struct xr_scenario *scn, uint32_t irq, bool twice)
{
	uint32_t i, v;

	for (i = 0; i < m->norders; i++) {
		const struct x_state *s = &m->st[i];
		const struct xr_source_state *ms = model_src(s, irq);
		uint32_t n = 0;

		if (!ms)
			continue;
		for (v = 0; v < scn->setup.nr_vcpus; v++)
			n += s->has_icp[v] && s->icp[v].xisr == irq;
		if (twice ? n >= 2 : (!n && ms->p && !ms->lsi && !ms->resend &&
				      !ms->masked_pending))
			return true;
	}
	return false;
}

/* CONC-NOT-LOST and CONC-NOT-TWICE */
static int not_lost(const struct xr_x_model *m, const struct xr_scenario *scn,
		    const struct xr_impl_ops *impl, void *inst,
		    const struct xr_par_exec *ex, char *oracle, size_t olen,
		    char *detail, size_t len)
{
	struct x_set *set = malloc(sizeof(*set));
	uint32_t i, v;
	int rc = 0;

	if (!set)
		return 0;
	sources_to_compare(m, scn, impl, inst, set);
	for (i = 0; i < set->n && !rc; i++) {
		uint32_t irq = set->irq[i], at = 0, first = 0;
		struct xr_source_state s;

		memset(&s, 0, sizeof(s));
		if (!impl->get_source(inst, irq, &s) || !s.exists)
			continue;
		for (v = 0; v < scn->setup.nr_vcpus; v++) {
			struct xr_icp_state k;

			if (impl->get_icp(inst, scn->setup.vcpus[v].id, &k) &&
			    k.xisr == irq) {
				if (!at++)
					first = scn->setup.vcpus[v].id;
				else if (!model_also(m, scn, irq, true)) {
					snprintf(oracle, olen, "CONC-NOT-TWICE");
					snprintf(detail, len,
						 "source %#x is presented at the ICPs of vcpu %u and vcpu %u",
						 irq, first,
						 scn->setup.vcpus[v].id);
					rc = 1;
				}
			}
		}
		if (rc || s.lsi || !s.p || at || s.resend || s.masked_pending ||
		    in_service(m, scn, ex, irq) ||
		    model_also(m, scn, irq, false))
			continue;
		snprintf(oracle, olen, "CONC-NOT-LOST");
		snprintf(detail, len,
			 "source %#x is pending (P set) but presented at no ICP, not waiting for a resend, not masked-pending and in service nowhere: it is lost",
			 irq);
		rc = 1;
	}
	free(set);
	return rc;
}

static bool told(const struct xr_scenario *scn, const struct xr_par_exec *ex,
		 uint32_t vcpu, int32_t cpu)
{
	uint32_t i, k;

	for (i = 0; i < scn->nr_par; i++) {
		const struct xr_scn_step *st = &scn->steps[scn->par_first + i];
		const struct xr_events *ev = &ex->res[i].events;

		if (st->step.kind <= XR_STEP_H_IPOLL && st->step.vcpu == vcpu)
			return true;	/* its own hypercall returns to it */
		for (k = 0; k < ev->nr && k < XR_MAX_EVENTS; k++) {
			const struct xr_event *e = &ev->ev[k];

			if (e->kind == XR_EV_KICK && e->a == vcpu)
				return true;
			if (cpu >= 0 && (e->kind == XR_EV_MSGSND ||
					 e->kind == XR_EV_IPI ||
					 (e->kind == XR_EV_MER && e->b)) &&
			    e->a == (uint32_t)cpu)
				return true;
		}
	}
	return false;
}

/* CONC-WAKEUP */
/* Where VCPU @vc runs when the block starts: its set-up, then its runs */
static int32_t cpu_at_block(const struct xr_scenario *scn,
			    const struct xr_vcpu_cfg *vc)
{
	int32_t cpu = vc->cpu;
	uint32_t i;

	for (i = 0; i < scn->par_first; i++) {
		const struct xr_step *st = &scn->steps[i].step;

		if (st->kind == XR_STEP_VCPU_RUN && st->vcpu == vc->id)
			cpu = st->arg[0] == (uint64_t)-1 ? -1 : (int32_t)st->arg[0];
	}
	return cpu;
}

static int woken(const struct xr_x_model *m, const struct xr_scenario *scn,
		 const struct xr_impl_ops *impl, void *inst,
		 const struct xr_par_exec *ex, char *detail, size_t len)
{
	uint32_t v;

	for (v = 0; v < scn->setup.nr_vcpus; v++) {
		const struct xr_vcpu_cfg *vc = &scn->setup.vcpus[v];
		struct xr_icp_state k;
		int32_t cpu = cpu_at_block(scn, vc);

		if (!impl->get_icp(inst, vc->id, &k))
			continue;
		if (k.out_ee && !k.line) {
			snprintf(detail, len,
				 "vcpu %u: its ICP asserts the interrupt output (XISR %#x, priority %#x < CPPR %#x) but its external-interrupt line is not raised",
				 vc->id, k.xisr, k.pprio, k.cppr);
			return 1;
		}
		if (k.line && !(m->pre_has[v] && m->pre[v].line) &&
		    !told(scn, ex, vc->id, cpu)) {
			snprintf(detail, len,
				 "vcpu %u: its line was raised during the block, but nothing told it (no kick, doorbell, IPI or MER%s)",
				 vc->id, cpu >= 0 ? " to its CPU" : "");
			return 1;
		}
	}
	return 0;
}

int xr_x_check(const struct xr_x_model *m, const struct xr_scenario *scn,
	       const struct xr_impl_ops *impl, void *inst,
	       const struct xr_par_exec *ex, char *oracle, size_t olen,
	       char *detail, size_t dlen)
{
	bool w = false;
	uint32_t i;

	for (i = 0; i < scn->nr_par; i++) {
		if (ex->st[i] == XR_OK)
			continue;
		snprintf(oracle, olen, "run");
		snprintf(detail, dlen, "cpu %d: the operation did not run: %s",
			 scn->steps[scn->par_first + i].cpu, ex->why);
		return 1;
	}
	if (ex->invariant[0]) {
		/* "CONC-ID: what": the rule the implementation checked */
		const char *c = strstr(ex->invariant, ": ");
		int n = c ? (int)(c - ex->invariant) : 0;

		snprintf(oracle, olen, "%.*s", n ? n : 9,
			 n ? ex->invariant : "invariant");
		snprintf(detail, dlen, "%s", c ? c + 2 : ex->invariant);
		return 1;
	}
	for (i = 0; i < scn->nr_par; i++)
		w |= warned(&ex->res[i]);
	for (i = 0; w && i < m->norders; i++)
		if (m->st[i].warned)
			w = false;
	/* CONC-NO-WARN */
	if (w) {
		snprintf(oracle, olen, "CONC-NO-WARN");
		snprintf(detail, dlen,
			 "a kernel WARN fired, which the model expects in no order");
		return 1;
	}
	if (linearizable(m, scn, impl, inst, ex, detail, dlen)) {
		snprintf(oracle, olen, "CONC-LINEARIZABLE");
		return 1;
	}
	if (not_lost(m, scn, impl, inst, ex, oracle, olen, detail, dlen))
		return 1;
	if (woken(m, scn, impl, inst, ex, detail, dlen)) {
		snprintf(oracle, olen, "CONC-WAKEUP");
		return 1;
	}
	if (expectations(scn, impl, inst, ex, detail, dlen)) {
		snprintf(oracle, olen, "expectation");
		return 1;
	}
	return 0;
}
