// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref-state-matrix: the save/restore state matrix (issue 12, part 5;
 * docs/state-matrix.md).
 *
 *   xicsref-state-matrix OUTDIR
 *
 * Searches, breadth first on the model, the states a small guest can
 * reach by operations (device inputs, RTAS calls, hypercalls) from one
 * set-up: an MSI and an LSI source on VCPU 0, two VCPUs.  Each state is
 * classified the way a save sees it:
 *
 *   a source: MSI/LSI, asserted, P, Q, masked, masked_pending, resend,
 *             priority (0, 5, 0xff, other), saved priority (same);
 *   an ICP:   CPPR, MFRR, pending priority (each 0, 5, 0xff, other),
 *             XISR (none, the IPI, a source).
 *
 * The first (shortest) way to each class of each source and of VCPU 0's
 * ICP becomes a scenario OUTDIR/src-N.scn or icp-N.scn: the operations,
 * then a save (get-source / get-icp), a restore of the saved value in
 * place (set-source / set-icp) and a second save.  xicsref run compares
 * every implementation with the model after every step, the 64-bit
 * saved values included: a kernel that saves or restores a state
 * differently fails there.  Every documented deviation is declared, as
 * the fuzzers do, so only an undocumented difference fails.
 *
 * OUTDIR/matrix.txt lists the classes reached and, for the source, which
 * combinations of the dimensions above were not reached within the
 * search depth (most cannot be: Q on an LSI, an asserted MSI).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "emit.h"

#define DEPTH		7	/* operations on the way to a state */
#define MAX_STATES	200000
#define MSI		0x1000u
#define LSI		0x1001u
#define MAX_OPS		48

/* Everything a save or a restore could see, as the search keys it */
struct key {
	struct xr_icp_state icp[2];
	struct xr_source_state src[2];
};

struct node {
	uint32_t parent;	/* index in nodes[], UINT32_MAX: the root */
	uint8_t op;		/* index in ops[] that led here */
	uint8_t depth;
	struct key key;
};

static struct xr_step ops[MAX_OPS];
static uint32_t nr_ops;
static struct node *nodes;
static uint32_t nr_nodes;
static uint32_t *table;		/* open addressing over nodes[], +1 */
#define TABLE_SIZE	(1u << 19)

static struct xf_case base;

static void add_op(enum xr_step_kind k, uint32_t vcpu, uint64_t a0,
		   uint64_t a1, uint64_t a2)
{
	struct xr_step *st = &ops[nr_ops++];

	memset(st, 0, sizeof(*st));
	st->kind = k;
	st->vcpu = vcpu;
	st->arg[0] = a0;
	st->arg[1] = a1;
	st->arg[2] = a2;
}

static void setup_base(void)
{
	struct xr_setup *s = &base.setup;
	static const uint8_t prios[] = { 0, 5, 0xff };
	uint32_t src[2] = { MSI, LSI }, i, j;

	memset(&base, 0, sizeof(base));
	s->machine = XR_POWER8;
	s->cores = 2;
	s->threads = 8;
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
	s->nr_vcpus = 2;
	for (i = 0; i < 2; i++) {
		s->vcpus[i].id = i;
		s->vcpus[i].server = i;
		s->vcpus[i].has_icp = true;
		s->vcpus[i].cpu = (int32_t)i;
	}
	s->nr_sources = 2;
	for (i = 0; i < 2; i++) {
		s->sources[i].irq = src[i];
		s->sources[i].server = 0;
		s->sources[i].lsi = i == 1;
		s->sources[i].prio = 5;
	}
	/* the operations the search combines */
	for (i = 0; i < 2; i++) {
		add_op(XR_STEP_IRQ, 0, src[i], XR_IRQ_ON, 0);
		add_op(XR_STEP_IRQ, 0, src[i], XR_IRQ_OFF, 0);
		add_op(XR_STEP_IRQ, 0, src[i], XR_IRQ_PULSE, 0);
		for (j = 0; j < sizeof(prios); j++)
			add_op(XR_STEP_RTAS_SET_XIVE, 0, src[i], 0, prios[j]);
		add_op(XR_STEP_RTAS_SET_XIVE, 0, src[i], 1, 5);
		add_op(XR_STEP_RTAS_INT_OFF, 0, src[i], 0, 0);
		add_op(XR_STEP_RTAS_INT_ON, 0, src[i], 0, 0);
		add_op(XR_STEP_H_EOI, 0, 0xff000000u | src[i], 0, 0);
	}
	add_op(XR_STEP_H_XIRR, 0, 0, 0, 0);
	for (j = 0; j < sizeof(prios); j++)
		add_op(XR_STEP_H_CPPR, 0, prios[j], 0, 0);
	add_op(XR_STEP_H_IPI, 0, 0, 3, 0);
	add_op(XR_STEP_H_IPI, 0, 0, 0xff, 0);
	add_op(XR_STEP_H_EOI, 0, 0xff000002u, 0, 0);
	add_op(XR_STEP_H_XIRR, 1, 0, 0, 0);
	add_op(XR_STEP_H_CPPR, 1, 0xff, 0, 0);
}

static uint64_t key_hash(const struct key *k)
{
	const uint8_t *p = (const uint8_t *)k;
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < sizeof(*k); i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* Index of the node with @k, or insert one; *fresh says which */
static uint32_t lookup(const struct key *k, bool *fresh)
{
	uint32_t h = (uint32_t)key_hash(k) & (TABLE_SIZE - 1);

	for (;; h = (h + 1) & (TABLE_SIZE - 1)) {
		if (!table[h]) {
			if (nr_nodes == MAX_STATES) {
				fprintf(stderr, "state-matrix: more than %u states\n",
					MAX_STATES);
				exit(1);
			}
			table[h] = ++nr_nodes;
			nodes[nr_nodes - 1].key = *k;
			*fresh = true;
			return nr_nodes - 1;
		}
		if (!memcmp(&nodes[table[h] - 1].key, k, sizeof(*k))) {
			*fresh = false;
			return table[h] - 1;
		}
	}
}

static void read_key(const struct xr_impl_ops *m, void *inst, struct key *k)
{
	uint32_t i;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < 2; i++) {
		m->get_icp(inst, i, &k->icp[i]);
		m->get_source(inst, i ? LSI : MSI, &k->src[i]);
	}
}

/* The steps from the root to node @n, in order; returns their number */
static uint32_t path_of(uint32_t n, struct xr_step *out)
{
	uint32_t len = nodes[n].depth, i = len;

	while (nodes[n].parent != UINT32_MAX) {
		out[--i] = ops[nodes[n].op];
		n = nodes[n].parent;
	}
	return len;
}

/* Run @path on a reset model; false if a step could not run */
static bool replay(const struct xr_impl_ops *m, void *inst,
		   const struct xr_step *path, uint32_t len)
{
	struct xr_result r;
	char err[160];
	uint32_t i;

	if (!m->reset(inst, &base.setup, err, sizeof(err)))
		return false;
	for (i = 0; i < len; i++) {
		xr_result_clear(&r);
		if (m->step(inst, &path[i], &r, err, sizeof(err)) != XR_OK)
			return false;
	}
	return true;
}

static void search(const struct xr_impl_ops *m, void *inst)
{
	struct xr_step path[DEPTH + 1];
	struct key k;
	uint32_t n, o, len;
	bool fresh;

	read_key(m, inst, &k);
	n = lookup(&k, &fresh);
	nodes[n].parent = UINT32_MAX;
	nodes[n].depth = 0;
	/* nodes[] in insertion order is breadth-first order */
	for (n = 0; n < nr_nodes; n++) {
		if (nodes[n].depth == DEPTH)
			continue;
		len = path_of(n, path);
		for (o = 0; o < nr_ops; o++) {
			uint32_t c;

			path[len] = ops[o];
			if (!replay(m, inst, path, len + 1))
				continue;
			read_key(m, inst, &k);
			c = lookup(&k, &fresh);
			if (!fresh)
				continue;
			nodes[c].parent = n;
			nodes[c].op = (uint8_t)o;
			nodes[c].depth = (uint8_t)(len + 1);
		}
	}
}

/* -- classes -- */

static int prio_class(uint8_t p)
{
	return p == 0 ? 0 : p == 5 ? 1 : p == 0xff ? 2 : 3;
}

static const char *const prio_name[] = { "0", "5", "0xff", "other" };

/* A source as a save sees it: 9 dimensions in one number */
static uint32_t src_class(const struct xr_source_state *s)
{
	return (uint32_t)s->lsi | (uint32_t)s->asserted << 1 |
	       (uint32_t)s->p << 2 | (uint32_t)s->q << 3 |
	       (uint32_t)(s->prio == 0xff) << 4 |
	       (uint32_t)s->masked_pending << 5 | (uint32_t)s->resend << 6 |
	       (uint32_t)prio_class(s->prio) << 7 |
	       (uint32_t)prio_class(s->saved) << 9;
}

#define NR_SRC_CLASSES	(1u << 11)

static void src_class_text(uint32_t c, char *buf, size_t len)
{
	snprintf(buf, len,
		 "%s asserted=%u P=%u Q=%u masked=%u masked_pending=%u resend=%u prio=%s saved=%s",
		 c & 1 ? "lsi" : "msi", c >> 1 & 1, c >> 2 & 1, c >> 3 & 1,
		 c >> 4 & 1, c >> 5 & 1, c >> 6 & 1, prio_name[c >> 7 & 3],
		 prio_name[c >> 9 & 3]);
}

static uint32_t icp_class(const struct xr_icp_state *i)
{
	uint32_t x = i->xisr == 0 ? 0 : i->xisr == 2 ? 1 : 2;

	return (uint32_t)prio_class(i->cppr) | (uint32_t)prio_class(i->mfrr) << 2 |
	       (uint32_t)prio_class(i->pprio) << 4 | x << 6;
}

#define NR_ICP_CLASSES	(1u << 8)

static void icp_class_text(uint32_t c, char *buf, size_t len)
{
	static const char *const xisr[] = { "none", "IPI", "source", "?" };

	snprintf(buf, len, "CPPR=%s MFRR=%s PPRI=%s XISR=%s",
		 prio_name[c & 3], prio_name[c >> 2 & 3],
		 prio_name[c >> 4 & 3], xisr[c >> 6 & 3]);
}

/* -- output -- */

/*
 * Does deviation quirk @q change anything of @steps on model @m, a
 * virtual-mode or a real-mode table (any result or event, any ICP or
 * source after any step)?  Then the scenario must
 * declare it: the runner proves a declared deviation exactly and fails
 * one declared that no implementation shows.
 */
static bool same_events(const struct xr_events *a, const struct xr_events *b)
{
	uint32_t i;

	if (a->nr != b->nr || a->overflow != b->overflow)
		return false;
	for (i = 0; i < a->nr && i < XR_MAX_EVENTS; i++)
		if (a->ev[i].kind != b->ev[i].kind || a->ev[i].a != b->ev[i].a ||
		    a->ev[i].b != b->ev[i].b)
			return false;
	return true;
}

static bool quirk_matters(const struct xr_impl_ops *m, uint64_t q,
			  const struct xr_step *steps, uint32_t n)
{
	static struct xr_setup s;
	struct xr_result ra, rb;
	struct key ka, kb;
	char err[160];
	void *a, *b;
	bool differs = false;
	uint32_t i;

	s = base.setup;
	a = m->create(&s, err, sizeof(err));
	s.quirks = q;
	b = m->create(&s, err, sizeof(err));
	for (i = 0; a && b && i < n && !differs; i++) {
		enum xr_status sa, sb;

		xr_result_clear(&ra);
		xr_result_clear(&rb);
		sa = m->step(a, &steps[i], &ra, err, sizeof(err));
		sb = m->step(b, &steps[i], &rb, err, sizeof(err));
		read_key(m, a, &ka);
		read_key(m, b, &kb);
		differs = sa != sb || ra.rc != rb.rc || ra.xirr != rb.xirr ||
			  ra.value != rb.value || memcmp(&ka, &kb, sizeof(ka)) ||
			  !same_events(&ra.events, &rb.events);
	}
	if (a)
		m->destroy(a);
	if (b)
		m->destroy(b);
	return differs;
}

static void emit_case(const char *dir, const char *kind, uint32_t nr,
		      const char *what, uint32_t node,
		      const struct xr_impl_ops *m, void *inst, bool icp,
		      uint32_t irq)
{
	static struct xf_case c;
	char path[512], note[256];
	uint32_t nd, i, n;
	uint64_t v = 0;
	struct xr_result r;
	struct xr_step st;
	char err[160];
	const struct xr_deviation *devs = xr_deviations(&nd);
	FILE *f;

	c = base;
	c.nr_steps = path_of(node, c.steps);
	if (!replay(m, inst, c.steps, c.nr_steps)) {
		fprintf(stderr, "state-matrix: a path no longer replays\n");
		exit(1);
	}
	memset(&st, 0, sizeof(st));
	st.kind = icp ? XR_STEP_GET_ICP : XR_STEP_GET_SOURCE;
	st.arg[0] = irq;
	xr_result_clear(&r);
	if (m->step(inst, &st, &r, err, sizeof(err)) != XR_OK) {
		fprintf(stderr, "state-matrix: the save failed: %s\n", err);
		exit(1);
	}
	v = r.value;
	snprintf(path, sizeof(path), "%s/%s-%03u.scn", dir, kind, nr);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	snprintf(note, sizeof(note),
		 "state matrix (xicsref-state-matrix): %s reached by operations,\n"
		 "then saved, restored in place and saved again", what);
	/* the save, the restore of what it saved, the second save */
	n = c.nr_steps;
	c.steps[n] = st;
	memset(&c.steps[n + 1], 0, sizeof(c.steps[n + 1]));
	c.steps[n + 1].kind = icp ? XR_STEP_SET_ICP : XR_STEP_SET_SOURCE;
	c.steps[n + 1].arg[0] = icp ? v : irq;
	c.steps[n + 1].arg[1] = icp ? 0 : v;
	c.steps[n + 2] = st;
	/* the set-up, the deviations the steps run into, the steps */
	c.nr_steps = 0;
	xf_emit(f, &c, note);
	for (i = 0; i < nd; i++)
		if (quirk_matters(xr_model_ops(XR_CTX_VIRTUAL), devs[i].quirk,
				  c.steps, n + 3) ||
		    quirk_matters(xr_model_ops(XR_CTX_REAL), devs[i].quirk,
				  c.steps, n + 3))
			fprintf(f, "deviation %s\n", devs[i].id);
	for (i = 0; i < n + 3; i++)
		xf_emit_step(f, &c.steps[i]);
	if (fclose(f)) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	const struct xr_impl_ops *m = xr_model_ops(XR_CTX_REAL);
	static uint32_t src_first[NR_SRC_CLASSES], icp_first[NR_ICP_CLASSES];
	uint32_t n, c, nsrc = 0, nicp = 0, reached_combos = 0, combos = 0;
	char path[512], text[200], err[160];
	void *inst;
	FILE *rep;

	if (argc != 2) {
		fprintf(stderr, "usage: xicsref-state-matrix OUTDIR\n");
		return 2;
	}
	setup_base();
	nodes = calloc(MAX_STATES, sizeof(*nodes));
	table = calloc(TABLE_SIZE, sizeof(*table));
	inst = m->create(&base.setup, err, sizeof(err));
	if (!nodes || !table || !inst) {
		fprintf(stderr, "state-matrix: %s\n", inst ? "out of memory" : err);
		return 1;
	}
	search(m, inst);
	memset(src_first, 0xff, sizeof(src_first));
	memset(icp_first, 0xff, sizeof(icp_first));
	for (n = 0; n < nr_nodes; n++) {
		for (c = 0; c < 2; c++) {
			uint32_t k = src_class(&nodes[n].key.src[c]);

			if (src_first[k] == UINT32_MAX)
				src_first[k] = n;
		}
		c = icp_class(&nodes[n].key.icp[0]);
		if (icp_first[c] == UINT32_MAX)
			icp_first[c] = n;
	}
	snprintf(path, sizeof(path), "%s/matrix.txt", argv[1]);
	rep = fopen(path, "w");
	if (!rep) {
		perror(path);
		return 1;
	}
	fprintf(rep, "# xicsref-state-matrix: %u states within %u operations\n",
		nr_nodes, DEPTH);
	for (c = 0; c < NR_SRC_CLASSES; c++) {
		if (src_first[c] == UINT32_MAX)
			continue;
		src_class_text(c, text, sizeof(text));
		fprintf(rep, "src-%03u  %s  (%u operations)\n", nsrc, text,
			nodes[src_first[c]].depth);
		emit_case(argv[1], "src", nsrc++, text, src_first[c], m, inst,
			  false, c & 1 ? LSI : MSI);
	}
	for (c = 0; c < NR_ICP_CLASSES; c++) {
		if (icp_first[c] == UINT32_MAX)
			continue;
		icp_class_text(c, text, sizeof(text));
		fprintf(rep, "icp-%03u  %s  (%u operations)\n", nicp, text,
			nodes[icp_first[c]].depth);
		emit_case(argv[1], "icp", nicp++, text, icp_first[c], m, inst,
			  true, 0);
	}
	/*
	 * The combinations of the dimensions (prio and saved in
	 * {0, 5, 0xff}, masked meaning prio 0xff) that no state reached
	 */
	fprintf(rep, "# source combinations not reached within %u operations:\n",
		DEPTH);
	for (c = 0; c < NR_SRC_CLASSES; c++) {
		uint32_t pc = c >> 7 & 3, sc = c >> 9 & 3;

		if (pc == 3 || sc == 3 || (c >> 4 & 1) != (pc == 2))
			continue;
		combos++;
		if (src_first[c] != UINT32_MAX) {
			reached_combos++;
			continue;
		}
		src_class_text(c, text, sizeof(text));
		fprintf(rep, "not reached: %s\n", text);
	}
	fclose(rep);
	m->destroy(inst);
	printf("state-matrix: %u states within %u operations; %u source classes (%u of %u combinations), %u ICP classes; scenarios in %s\n",
	       nr_nodes, DEPTH, nsrc, reached_combos, combos, nicp, argv[1]);
	return 0;
}
