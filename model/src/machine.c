// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine: creation from a set-up (the only allocation), VCPUs and
 * their placement, ICP lookup by server number, ICS blocks of 1024
 * sources, the event record of a step, and read-back of the state.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

struct xr_vcpu *xr_vcpu_of(struct xr_model *m, uint32_t id)
{
	uint32_t i;

	/* VCPU numbers are usually their index: try that first */
	if (id < m->nr_vcpus && m->vcpu[id].id == id)
		return &m->vcpu[id];
	for (i = 0; i < m->nr_vcpus; i++)
		if (m->vcpu[i].id == id)
			return &m->vcpu[i];
	return NULL;
}

/* Server numbers are 32 bits: the lookup sees the low word only */
struct xr_icp *xr_find_server(struct xr_model *m, uint32_t server)
{
	uint32_t i;

	if (server < m->nr_icps && m->icp[server].server == server)
		return &m->icp[server];
	for (i = 0; i < m->nr_icps; i++)
		if (m->icp[i].server == server)
			return &m->icp[i];
	return NULL;
}

struct xr_ics *xr_find_ics(struct xr_model *m, uint32_t irq)
{
	uint32_t icsid = irq >> XR_ICS_SHIFT;

	if (icsid >= XR_NR_ICSIDS || m->block_of[icsid] == XR_NO_BLOCK)
		return NULL;
	return m->ics[m->block_of[icsid]];
}

/*
 * ICS-INIT: every source masked and not defined.  A new block is a copy
 * of this (one memcpy, no per-source loop: under the fuzzer's coverage
 * hooks that loop cost as much as a run's steps), and
 * xr_model_changed_sources() compares against it, padding included.
 */
static const struct xr_src xr_src_initial[XR_IRQS_PER_ICS] = {
	[0 ... XR_IRQS_PER_ICS - 1] = {
		.prio = XR_PRIO_MASKED,
		.saved = XR_PRIO_MASKED,
	},
};

/*
 * XR_MODEL_SELFCHECK (the sanitizer build, make check-san): every source
 * not marked in touched[] is still as ICS-INIT made it.  A write that
 * took its pointer without xr_src_at() would otherwise leave a reused
 * block stale and hide the source from the end-of-run comparison.
 */
static void check_untouched(const struct xr_ics *ics, const char *where)
{
#ifdef XR_MODEL_SELFCHECK
	uint32_t i;

	for (i = 0; i < XR_IRQS_PER_ICS; i++)
		if (!(ics->touched[i / 64] & 1ull << (i % 64)) &&
		    memcmp(&ics->src[i], &xr_src_initial[i], sizeof(ics->src[i]))) {
			fprintf(stderr, "xicsref model bug (%s): source %#x "
				"changed but not marked touched (xr_src_at)\n",
				where, ics->icsid << XR_ICS_SHIFT | i);
			abort();
		}
#endif
}

/* The sources of @ics marked in touched[] as ICS-INIT made them */
static void restore_touched(struct xr_ics *ics)
{
	uint32_t w;

	check_untouched(ics, "reset");

	for (w = 0; w < XR_IRQS_PER_ICS / 64; w++) {
		uint64_t bits = ics->touched[w];

		while (bits) {
			uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(bits);

			memcpy(&ics->src[i], &xr_src_initial[i],
			       sizeof(ics->src[i]));
			bits &= bits - 1;
		}
	}
}

/* ICS-INIT: a new block, every source masked and not defined */
struct xr_ics *xr_create_ics(struct xr_model *m, uint32_t irq)
{
	uint32_t icsid = irq >> XR_ICS_SHIFT;
	struct xr_ics *ics;

	if (icsid >= XR_NR_ICSIDS)
		return NULL;
	if (m->block_of[icsid] != XR_NO_BLOCK)
		return m->ics[m->block_of[icsid]];
	/* FAULT-ICS-ALLOC: kvmppc_xics_create_ics's kzalloc */
	if (xr_fault(m, XR_FAULT_ALLOC))
		return NULL;
	if (m->nr_blocks == XR_MAX_ICS_BLOCKS)
		return NULL;
	ics = m->ics[m->nr_blocks];
	if (ics) {
		/*
		 * A block of an earlier run of this model is reused: only
		 * the sources it touched can differ from ICS-INIT
		 */
		restore_touched(ics);
	} else {
		ics = malloc(sizeof(struct xr_ics));
		if (!ics)
			return NULL;	/* the kernel's kzalloc fails too */
		m->ics[m->nr_blocks] = ics;
		memcpy(ics->src, xr_src_initial, sizeof(ics->src));
	}
	memset(ics, 0, offsetof(struct xr_ics, src));
	ics->icsid = icsid;
	m->block_of[icsid] = (uint16_t)m->nr_blocks++;
	if (icsid > m->max_icsid)
		m->max_icsid = icsid;
	return ics;
}

void xr_emit(struct xr_model *m, enum xr_event_kind kind, uint32_t a,
	     uint32_t b)
{
	struct xr_events *ev = &m->ev;

	if (ev->nr == XR_MAX_EVENTS) {
		ev->overflow = true;
		return;
	}
	ev->ev[ev->nr].kind = (uint8_t)kind;
	ev->ev[ev->nr].a = a;
	ev->ev[ev->nr].b = b;
	ev->nr++;
}

void xr_step_begin(struct xr_model *m, int32_t caller, bool in_rm)
{
	m->ev.nr = 0;
	m->ev.overflow = false;
	m->caller = caller;
	m->in_rm = in_rm;
	m->rm_kick = false;
	m->rm_notify_eoi = false;
}

/*
 * A step ends with the virtual-mode completion of real-mode work
 * (ROUTE-RM-DEFER, ROUTE-RM-ACK), then the borrowed host cores handle
 * their messages (ROUTE-RM-HOSTCORE).
 */
void xr_step_end(struct xr_model *m)
{
	if (m->in_rm)
		xr_rm_complete(m);
	m->in_rm = false;
	xr_hostcores_run(m);
	m->caller = -1;
}

static bool is_pow2(uint32_t x)
{
	return x && !(x & (x - 1));
}

static int check_machine(const struct xr_setup *s, char *err, size_t errlen)
{
	if (s->machine != XR_POWER8 && s->machine != XR_POWER9) {
		set_err(err, errlen, "machine kind %d is not power8 or power9",
			(int)s->machine);
		return -1;
	}
	if (s->cores < 1 || s->cores > XR_MAX_CORES) {
		set_err(err, errlen, "cores=%u out of range 1..%u", s->cores,
			XR_MAX_CORES);
		return -1;
	}
	/* the kernel finds a core with cpu >> threads_shift */
	if (!is_pow2(s->threads) || s->threads > XR_MAX_THREADS) {
		set_err(err, errlen,
			"threads=%u must be a power of two up to %u",
			s->threads, XR_MAX_THREADS);
		return -1;
	}
	if (s->cores * s->threads > XR_MAX_CPUS) {
		set_err(err, errlen, "cores=%u x threads=%u is more than %u CPUs",
			s->cores, s->threads, XR_MAX_CPUS);
		return -1;
	}
	if (s->nr_vcpus > XR_MAX_VCPUS || s->nr_sources > XR_MAX_SOURCES) {
		set_err(err, errlen, "too many VCPUs or sources");
		return -1;
	}
	return 0;
}

/* ICP-INIT: CPPR 0 (most favoured), MFRR and PPRI 0xff, nothing pending */
static int add_vcpus(struct xr_model *m, char *err, size_t errlen)
{
	const struct xr_setup *s = &m->setup;
	uint32_t i;

	for (i = 0; i < s->nr_vcpus; i++) {
		const struct xr_vcpu_cfg *c = &s->vcpus[i];
		struct xr_vcpu *v = &m->vcpu[i];

		if (xr_vcpu_of(m, c->id)) {
			set_err(err, errlen, "vcpu %u defined twice", c->id);
			return -1;
		}
		if (c->cpu < -1 || (c->cpu >= 0 &&
				    (uint32_t)c->cpu >= m->nr_cpus)) {
			set_err(err, errlen, "vcpu %u: cpu %d does not exist",
				c->id, c->cpu);
			return -1;
		}
		v->id = c->id;
		v->cpu = -1;
		v->icp = -1;
		m->nr_vcpus = i + 1;
		if (xr_vcpu_run(m, c->id, c->cpu)) {
			set_err(err, errlen, "vcpu %u: cpu %d is taken",
				c->id, c->cpu);
			return -1;
		}
		/* with no XICS device a VCPU cannot be connected to an ICP */
		if (!c->has_icp || m->setup.no_xics)
			continue;
		if (xr_find_server(m, c->server)) {
			set_err(err, errlen, "vcpu %u: server %u has an ICP",
				c->id, c->server);
			return -1;
		}
		m->icp[m->nr_icps].server = c->server;
		m->icp[m->nr_icps].vcpu = i;
		m->icp[m->nr_icps].cppr = 0;
		m->icp[m->nr_icps].mfrr = XR_PRIO_MASKED;
		m->icp[m->nr_icps].pprio = XR_PRIO_MASKED;
		v->icp = (int32_t)m->nr_icps++;
	}
	return 0;
}

/* Sources are set up as the kernel's source restore would define them */
static int add_sources(struct xr_model *m, char *err, size_t errlen)
{
	const struct xr_setup *s = &m->setup;
	uint32_t i;

	for (i = 0; i < s->nr_sources; i++) {
		const struct xr_source_cfg *c = &s->sources[i];
		struct xr_ics *ics = xr_find_ics(m, c->irq);
		uint64_t val;
		int64_t rc;

		if (ics && ics->src[c->irq & (XR_IRQS_PER_ICS - 1)].exists) {
			set_err(err, errlen, "source %#x defined twice",
				c->irq);
			return -1;
		}
		/* a masked one with MASKED too, as QEMU defines it */
		val = c->server | (uint64_t)c->prio << 32 |
		      (c->lsi ? 1ull << 40 : 0) |
		      (c->prio == XR_PRIO_MASKED ? 1ull << 41 : 0);
		rc = xr_set_source_value(m, c->irq, val);
		if (rc == -EINVAL) {
			set_err(err, errlen,
				"source %#x: server %u has no ICP", c->irq,
				c->server);
			return -1;
		}
		if (rc) {
			set_err(err, errlen,
				"source %#x: cannot be defined (irq range or more than %u ICS blocks)",
				c->irq, XR_MAX_ICS_BLOCKS);
			return -1;
		}
	}
	return 0;
}

/*
 * Build @setup into @m: the set-up is copied as far as it is used,
 * everything else before the VCPUs is cleared (the passthrough state is
 * kept to be cleared by xr_pt_create), the VCPU and ICP arrays grow to
 * the set-up's count and are cleared that far; the blocks come into use
 * one by one.  Shared by create and reset, so that a reset model is a
 * new one.
 */
static int model_build(struct xr_model *m, const struct xr_setup *setup,
		       enum xr_context ctx, char *err, size_t errlen)
{
	struct xr_pt *pt = m->pt;

	/*
	 * The set-up itself is not cleared: xr_setup_copy writes what of it
	 * is used below (its arrays are 39 KB, a small guest's few bytes)
	 */
	memset((char *)m + offsetof(struct xr_model, ctx), 0,
	       offsetof(struct xr_model, vcpu_cap) -
	       offsetof(struct xr_model, ctx));
	if (setup->nr_vcpus > m->vcpu_cap) {
		struct xr_vcpu *v = realloc(m->vcpu, setup->nr_vcpus *
					    sizeof(*v));
		struct xr_icp *i = v ? realloc(m->icp, setup->nr_vcpus *
					       sizeof(*i)) : NULL;
		uint64_t *seen = i ? realloc(m->icp_seen, 2 * setup->nr_vcpus *
					     sizeof(*seen)) : NULL;

		if (v)
			m->vcpu = v;
		if (i)
			m->icp = i;
		if (!seen) {
			m->pt = pt;
			set_err(err, errlen, "out of memory");
			return -1;
		}
		m->icp_seen = seen;
		m->vcpu_cap = setup->nr_vcpus;
	}
	if (setup->nr_vcpus) {
		memset(m->vcpu, 0, setup->nr_vcpus * sizeof(m->vcpu[0]));
		memset(m->icp, 0, setup->nr_vcpus * sizeof(m->icp[0]));
	}
	m->pt = pt;
	xr_setup_copy(&m->setup, setup);
	m->ctx = ctx;
	m->nr_cpus = setup->cores * setup->threads;
	m->caller = -1;
	memset(m->block_of, XR_NO_BLOCK, sizeof(m->block_of));
	if (setup->no_xics && (setup->nr_sources || setup->nr_passthru)) {
		set_err(err, errlen, "no XICS device (xics=off): no sources "
			"or passthru entries can be set up");
		return -1;
	}
	if (add_vcpus(m, err, errlen))
		return -1;
	if (xr_xive_build(m)) {
		set_err(err, errlen, "out of memory");
		return -1;
	}
	if (add_sources(m, err, errlen) || xr_pt_create(m, err, errlen))
		return -1;
	xr_step_begin(m, -1, false);
	return 0;
}

struct xr_model *xr_model_create(const struct xr_setup *setup,
				 enum xr_context ctx, char *err, size_t errlen)
{
	struct xr_model *m;

	if (!setup) {
		set_err(err, errlen, "no set-up");
		return NULL;
	}
	if (check_machine(setup, err, errlen))
		return NULL;
	m = malloc(sizeof(*m));
	if (!m) {
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	m->pt = NULL;
	m->vcpu_cap = 0;
	m->vcpu = NULL;
	m->icp = NULL;
	m->icp_seen = NULL;
	m->xive = NULL;
	memset(m->ics, 0, sizeof(m->ics));
	if (model_build(m, setup, ctx, err, errlen)) {
		xr_model_destroy(m);
		return NULL;
	}
	return m;
}

int xr_model_reset(struct xr_model *m, const struct xr_setup *setup,
		   char *err, size_t errlen)
{
	if (!setup) {
		set_err(err, errlen, "no set-up");
		return -1;
	}
	if (check_machine(setup, err, errlen))
		return -1;
	return model_build(m, setup, m->ctx, err, errlen);
}

void xr_model_destroy(struct xr_model *m)
{
	uint32_t i;

	if (!m)
		return;
	xr_pt_destroy(m);
	xr_xive_destroy(m);
	for (i = 0; i < XR_MAX_ICS_BLOCKS && m->ics[i]; i++)
		free(m->ics[i]);
	free(m->vcpu);
	free(m->icp);
	free(m->icp_seen);
	free(m);
}

/*
 * Placement: a VCPU runs on one physical CPU or none; a core with no VCPU
 * on any thread is in the host and may be borrowed (ROUTE-RM-HOSTCORE).
 */
int64_t xr_vcpu_run(struct xr_model *m, uint32_t vcpu, int32_t cpu)
{
	struct xr_vcpu *v = xr_vcpu_of(m, vcpu);
	uint32_t i;

	xr_step_begin(m, -1, false);
	if (!v)
		return -ENOENT;
	if (cpu < -1 || (cpu >= 0 && (uint32_t)cpu >= m->nr_cpus))
		return -EINVAL;
	for (i = 0; cpu >= 0 && i < m->nr_vcpus; i++)
		if (&m->vcpu[i] != v && m->vcpu[i].cpu == cpu)
			return -EBUSY;
	if (v->cpu >= 0)
		m->running[(uint32_t)v->cpu / m->setup.threads]--;
	v->cpu = cpu;
	if (cpu >= 0)
		m->running[(uint32_t)cpu / m->setup.threads]++;
	return 0;
}

const struct xr_events *xr_model_events(const struct xr_model *m)
{
	return &m->ev;
}

bool xr_model_icp(const struct xr_model *m, uint32_t vcpu,
		  struct xr_icp_state *out)
{
	const struct xr_vcpu *v = xr_vcpu_of((struct xr_model *)m, vcpu);
	const struct xr_icp *icp;

	if (!v || v->icp < 0)
		return false;
	icp = &m->icp[v->icp];
	out->cppr = icp->cppr;
	out->mfrr = icp->mfrr;
	out->pprio = icp->pprio;
	out->xisr = icp->xisr;
	out->need_resend = icp->need_resend;
	out->out_ee = icp->out_ee;
	/*
	 * DEV-XIVE-LINE-OUTPUT: the guest's exception is the thread's
	 * presentation output itself, not a queued exception
	 */
	out->line = xr_quirk(m, XR_QUIRK_XIVE_LINE_OUTPUT) ? icp->out_ee :
		    v->line;
	return true;
}

/*
 * The runner's per-step shortcut (impl.h, changed_icps): each VCPU's ICP
 * fields and line in two words, against the words of the previous call.
 * Every input of xr_model_icp() is in it (DEV-XIVE-LINE-OUTPUT reports
 * out_ee as the line: both are), so whatever it reports changes only
 * with the word; the first call after a build marks every VCPU.
 */
_Static_assert(offsetof(struct xr_icp, mfrr) ==
	       offsetof(struct xr_icp, cppr) + 1 &&
	       offsetof(struct xr_icp, pprio) ==
	       offsetof(struct xr_icp, cppr) + 2 &&
	       offsetof(struct xr_icp, xisr) ==
	       offsetof(struct xr_icp, cppr) + 4 &&
	       sizeof(((struct xr_icp *)0)->xisr) == 4,
	       "changed_icps reads cppr to xisr as one word");

bool xr_model_changed_icps(struct xr_model *m, uint64_t *map)
{
	const struct xr_vcpu *v = m->vcpu, *end = v + m->nr_vcpus;
	const struct xr_icp *icp = m->icp;
	uint64_t *seen = m->icp_seen, stale = m->icp_seen_valid ? 0 : 1;
	uint32_t i = 0;

	/*
	 * Two words per VCPU, loaded whole: cppr, mfrr, pprio, the padding
	 * byte (cleared at build, never written) and xisr; need_resend and
	 * out_ee (adjacent bools) with the line and a bit for "has an ICP".
	 * Any bit that differs from what was reported marks the VCPU.
	 */
	_Static_assert(offsetof(struct xr_icp, out_ee) ==
		       offsetof(struct xr_icp, need_resend) + 1,
		       "need_resend and out_ee are loaded as one 16-bit word");
	for (; v < end; v++, i++, seen += 2) {
		uint64_t w = 0, f = 0;
		uint16_t flags;

		if (v->icp >= 0) {
			const struct xr_icp *c = &icp[v->icp];

			memcpy(&w, &c->cppr, sizeof(w));
			memcpy(&flags, &c->need_resend, sizeof(flags));
			f = flags | (uint64_t)v->line << 16 | 1ull << 17;
		}
		if (!((seen[0] ^ w) | (seen[1] ^ f) | stale))
			continue;
		seen[0] = w;
		seen[1] = f;
		map[i / 64] |= 1ull << (i % 64);
	}
	m->icp_seen_valid = true;
	return true;
}

bool xr_model_source(const struct xr_model *m, uint32_t irq,
		     struct xr_source_state *out)
{
	const struct xr_ics *ics = xr_find_ics((struct xr_model *)m, irq);
	const struct xr_src *s;

	if (!ics)
		return false;
	s = &ics->src[irq & (XR_IRQS_PER_ICS - 1)];
	memset(out, 0, sizeof(*out));
	out->exists = s->exists;
	out->lsi = s->lsi;
	out->server = s->server;
	out->prio = s->prio;
	out->saved = s->saved;
	out->p = s->pq & XR_PQ_P;
	out->q = s->pq & XR_PQ_Q;
	out->resend = s->resend;
	out->masked_pending = s->masked_pending;
	out->asserted = s->lsi && (s->pq & XR_PQ_P);
	/*
	 * DEV-XIVE-BARE-MASK: read as a masked source is, from the P and Q
	 * it was restored with and the Q its open ESB took since
	 */
	if (s->esb_open && s->prio == XR_PRIO_MASKED) {
		bool held = s->old_q || (s->pq & XR_PQ_Q);

		out->masked_pending = !s->old_p && held;
		out->p = s->old_p || held;
		out->q = s->old_p && held;
	}
	/*
	 * DEV-XIVE-LSI-EDGE: an LSI's P (and asserted) is its level, as
	 * XICS keeps it; Q is its ESB's.  DEV-XIVE-PT-LSI: passed through,
	 * P is the device's, not the level.
	 */
	if (s->lsi && xr_quirk(m, XR_QUIRK_XIVE_LSI_EDGE)) {
		out->asserted = s->level;
		if (!(s->host_irq && xr_quirk(m, XR_QUIRK_XIVE_PT_LSI)))
			out->p = s->level;
	} else if (s->lsi && s->host_irq &&
		   xr_quirk(m, XR_QUIRK_XIVE_PT_LSI)) {
		out->asserted = s->level;
	}
	out->pt_mapped = s->host_irq != 0;
	out->intr_cpu = s->host_irq ? s->intr_cpu : -1;
	return true;
}

#define XR_SRC_CHUNK	64	/* sources per bit-map word */

/*
 * Equal, 8 bytes at a time: not memcmp, whose
 * interceptors in the fuzzers' sanitizer build cost more than the
 * comparison itself, and not instrumented: this reads two arrays that
 * are whole by construction, for every block after every run.
 */
__attribute__((no_sanitize("address", "undefined")))
static bool same_words(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	uint64_t u, v;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		__builtin_memcpy(&u, x + i, 8);
		__builtin_memcpy(&v, y + i, 8);
		if (u != v)
			return false;
	}
	for (; i < n; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

/*
 * The sources of the block at @first_irq whose bytes are no longer those
 * of ICS-INIT (impl.h, changed_sources).  Any write that leaves a byte
 * different, padding included, marks the source: a superset is allowed,
 * a miss is not, so the comparison is by bytes, not by field.  Only the
 * sources marked touched[] are compared: every other one was never
 * written since the block was made (xr_src_at).
 */
bool xr_model_changed_sources(const struct xr_model *m, uint32_t first_irq,
			      uint64_t *map)
{
	const struct xr_ics *ics = xr_find_ics((struct xr_model *)m,
					       first_irq);
	uint32_t w, i;

	if (!ics)
		return false;
	check_untouched(ics, "changed_sources");
	for (w = 0; w < XR_IRQS_PER_ICS / XR_SRC_CHUNK; w++) {
		const struct xr_src *s = &ics->src[w * XR_SRC_CHUNK];
		uint64_t bits = ics->touched[w];

		map[w] = 0;
		/* a source never touched is as ICS-INIT made it */
		while (bits) {
			i = (uint32_t)__builtin_ctzll(bits);
			bits &= bits - 1;
			if (!same_words(&s[i], &xr_src_initial[0], sizeof(*s)))
				map[w] |= 1ull << i;
		}
	}
	return true;
}
