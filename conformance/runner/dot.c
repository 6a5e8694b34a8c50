// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref dot icp|ics: the state machines, derived from an
 * implementation (the model unless told otherwise), never drawn by hand.
 *
 * A small machine (one VCPU with an ICP, one source on it) is explored
 * breadth first from its initial state over a fixed set of operations
 * whose priorities are taken from {0, 5, 0xff}: most favoured, the
 * source's own priority, least favoured.  Every concrete state reached
 * (ICP and source together) is a node of the search; the picture shows
 * its projection on the ICP (or ICS) fields, and an edge for every
 * operation that the implementation actually took from one projected
 * state to another.  Self-loops are left out to keep the picture
 * readable; the graph's title says so.
 *
 * States are reached by replaying their path from a fresh instance, so
 * nothing but the implementation interface is needed.
 */
#include <stdlib.h>
#include <string.h>

#include "docs.h"

#define DOT_IRQ		0x1000u
#define DOT_PRIO	5u
#define DOT_MAX_NODES	4096
#define DOT_MAX_ABS	512
#define DOT_MAX_EDGES	2048
#define DOT_MAX_DEPTH	16
#define DOT_LABEL_LEN	96

struct dot_op {
	const char *label;
	struct xr_step step;
};

#define OP(l, k, v, a0, a1, a2) \
	{ l, { .kind = XR_STEP_##k, .vcpu = v, .arg = { a0, a1, a2 } } }

/* The guest's and the host's moves on the ICP of VCPU 0 (server 0) */
static const struct dot_op icp_ops[] = {
	OP("cppr 0", H_CPPR, 0, 0, 0, 0),
	OP("cppr 5", H_CPPR, 0, 5, 0, 0),
	OP("cppr ff", H_CPPR, 0, 0xff, 0, 0),
	OP("ipi 0", H_IPI, 0, 0, 0, 0),
	OP("ipi 5", H_IPI, 0, 0, 5, 0),
	OP("ipi ff", H_IPI, 0, 0, 0xff, 0),
	OP("xirr", H_XIRR, 0, 0, 0, 0),
	OP("eoi ff/ipi", H_EOI, 0, 0xff000000u | XR_XISR_IPI, 0, 0),
	OP("eoi ff/src", H_EOI, 0, 0xff000000u | DOT_IRQ, 0, 0),
	OP("irq pulse", IRQ, 0, DOT_IRQ, XR_IRQ_PULSE, 0),
};

/* Moves that change a source: input, RTAS, and the guest's ICP use */
static const struct dot_op ics_msi_ops[] = {
	OP("irq pulse", IRQ, 0, DOT_IRQ, XR_IRQ_PULSE, 0),
	OP("int-off", RTAS_INT_OFF, 0, DOT_IRQ, 0, 0),
	OP("int-on", RTAS_INT_ON, 0, DOT_IRQ, 0, 0),
	OP("set-xive 5", RTAS_SET_XIVE, 0, DOT_IRQ, 0, 5),
	OP("set-xive ff", RTAS_SET_XIVE, 0, DOT_IRQ, 0, 0xff),
	OP("xirr", H_XIRR, 0, 0, 0, 0),
	OP("eoi ff/src", H_EOI, 0, 0xff000000u | DOT_IRQ, 0, 0),
	OP("cppr 0", H_CPPR, 0, 0, 0, 0),
	OP("cppr ff", H_CPPR, 0, 0xff, 0, 0),
};

static const struct dot_op ics_lsi_ops[] = {
	OP("irq on", IRQ, 0, DOT_IRQ, XR_IRQ_ON, 0),
	OP("irq off", IRQ, 0, DOT_IRQ, XR_IRQ_OFF, 0),
	OP("int-off", RTAS_INT_OFF, 0, DOT_IRQ, 0, 0),
	OP("int-on", RTAS_INT_ON, 0, DOT_IRQ, 0, 0),
	OP("set-xive 5", RTAS_SET_XIVE, 0, DOT_IRQ, 0, 5),
	OP("set-xive ff", RTAS_SET_XIVE, 0, DOT_IRQ, 0, 0xff),
	OP("xirr", H_XIRR, 0, 0, 0, 0),
	OP("eoi ff/src", H_EOI, 0, 0xff000000u | DOT_IRQ, 0, 0),
	OP("cppr 0", H_CPPR, 0, 0, 0, 0),
	OP("cppr ff", H_CPPR, 0, 0xff, 0, 0),
};

struct dot_state {
	struct xr_icp_state icp;
	struct xr_source_state src;
};

struct dot_node {
	struct dot_state s;
	int32_t parent;			/* -1: the initial state */
	uint8_t op;			/* taken from the parent */
	uint8_t depth;
	int32_t abs;			/* projected node */
};

struct dot_edge {
	int32_t from, to;
	uint32_t ops;			/* bit per operation index */
};

struct dot_graph {
	const struct xr_impl_ops *impl;
	struct xr_setup setup;
	const struct dot_op *ops;
	uint32_t nr_ops;
	bool ics;			/* project on the source */
	uint32_t nr_nodes, nr_abs, nr_edges;
	struct dot_node nodes[DOT_MAX_NODES];
	char abs[DOT_MAX_ABS][DOT_LABEL_LEN];
	struct dot_edge edges[DOT_MAX_EDGES];
	bool truncated;
};

static void dot_setup(struct xr_setup *s, bool lsi)
{
	memset(s, 0, sizeof(*s));
	s->machine = XR_POWER9;
	s->cores = 1;
	s->threads = 1;
	s->nr_vcpus = 1;
	s->vcpus[0].id = 0;
	s->vcpus[0].server = 0;
	s->vcpus[0].has_icp = true;
	s->vcpus[0].cpu = 0;		/* a VCPU must run to make hcalls */
	s->nr_sources = 1;
	s->sources[0].irq = DOT_IRQ;
	s->sources[0].lsi = lsi;
	s->sources[0].server = 0;
	s->sources[0].prio = DOT_PRIO;
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
}

static int read_state(struct dot_graph *g, void *inst, struct dot_state *s)
{
	memset(s, 0, sizeof(*s));
	if (!g->impl->get_icp(inst, 0, &s->icp) ||
	    !g->impl->get_source(inst, DOT_IRQ, &s->src)) {
		fprintf(stderr, "xicsref dot: %s does not report the state\n",
			g->impl->name);
		return -1;
	}
	return 0;
}

static int run_op(struct dot_graph *g, void *inst, uint32_t op)
{
	struct xr_result r;
	char err[200] = "";

	memset(&r, 0, sizeof(r));
	if (g->impl->step(inst, &g->ops[op].step, &r, err, sizeof(err)) !=
	    XR_OK) {
		fprintf(stderr, "xicsref dot: %s: '%s' failed: %s\n",
			g->impl->name, g->ops[op].label, err);
		return -1;
	}
	return 0;
}

/* A fresh instance brought to node @n by replaying its path */
static void *reach(struct dot_graph *g, int32_t n)
{
	uint8_t path[DOT_MAX_DEPTH];
	char err[200] = "";
	uint32_t len = 0;
	void *inst;

	for (; n >= 0 && g->nodes[n].parent >= 0; n = g->nodes[n].parent)
		path[len++] = g->nodes[n].op;
	inst = g->impl->create(&g->setup, err, sizeof(err));
	if (!inst) {
		fprintf(stderr, "xicsref dot: %s: create failed: %s\n",
			g->impl->name, err);
		return NULL;
	}
	while (len--) {
		if (run_op(g, inst, path[len])) {
			g->impl->destroy(inst);
			return NULL;
		}
	}
	return inst;
}

static const char *prio_str(uint8_t p, char *buf)
{
	sprintf(buf, "%x", p);
	return buf;
}

static void project(const struct dot_graph *g, const struct dot_state *s,
		    char *out)
{
	char a[4], b[4], c[4];

	if (g->ics) {
		const struct xr_source_state *r = &s->src;

		snprintf(out, DOT_LABEL_LEN, "prio %s saved %s\\nP=%u Q=%u%s%s%s",
			 prio_str(r->prio, a), prio_str(r->saved, b), r->p,
			 r->q, r->resend ? " resend" : "",
			 r->masked_pending ? " masked-pending" : "",
			 r->asserted ? "\\nasserted" : "");
		return;
	}
	snprintf(out, DOT_LABEL_LEN, "CPPR %s MFRR %s\\nXISR %s%s%s%s",
		 prio_str(s->icp.cppr, a), prio_str(s->icp.mfrr, b),
		 s->icp.xisr == XR_XISR_NONE ? "none" :
		 s->icp.xisr == XR_XISR_IPI ? "IPI" : "src",
		 s->icp.xisr ? " @" : "",
		 s->icp.xisr ? prio_str(s->icp.pprio, c) : "",
		 s->icp.need_resend ? "\\nneed-resend" : "");
	if (s->icp.out_ee)
		strncat(out, "\\nEE", DOT_LABEL_LEN - strlen(out) - 1);
}

static int32_t abs_of(struct dot_graph *g, const struct dot_state *s)
{
	char label[DOT_LABEL_LEN];
	uint32_t i;

	project(g, s, label);
	for (i = 0; i < g->nr_abs; i++)
		if (!strcmp(g->abs[i], label))
			return (int32_t)i;
	if (g->nr_abs == DOT_MAX_ABS) {
		g->truncated = true;
		return -1;
	}
	memcpy(g->abs[g->nr_abs], label, sizeof(label));
	return (int32_t)g->nr_abs++;
}

static void add_edge(struct dot_graph *g, int32_t from, int32_t to,
		     uint32_t op)
{
	uint32_t i;

	if (from == to || from < 0 || to < 0)
		return;
	for (i = 0; i < g->nr_edges; i++) {
		if (g->edges[i].from == from && g->edges[i].to == to) {
			g->edges[i].ops |= 1u << op;
			return;
		}
	}
	if (g->nr_edges == DOT_MAX_EDGES) {
		g->truncated = true;
		return;
	}
	g->edges[g->nr_edges].from = from;
	g->edges[g->nr_edges].to = to;
	g->edges[g->nr_edges++].ops = 1u << op;
}

static int32_t find_node(const struct dot_graph *g, const struct dot_state *s)
{
	uint32_t i;

	for (i = 0; i < g->nr_nodes; i++)
		if (!memcmp(&g->nodes[i].s, s, sizeof(*s)))
			return (int32_t)i;
	return -1;
}

static int explore(struct dot_graph *g)
{
	struct dot_node *n0 = &g->nodes[0];
	uint32_t head;
	void *inst;

	inst = reach(g, -1);
	if (!inst)
		return -1;
	if (read_state(g, inst, &n0->s)) {
		g->impl->destroy(inst);
		return -1;
	}
	g->impl->destroy(inst);
	n0->parent = -1;
	n0->abs = abs_of(g, &n0->s);
	g->nr_nodes = 1;
	for (head = 0; head < g->nr_nodes; head++) {
		uint32_t op;

		for (op = 0; op < g->nr_ops; op++) {
			struct dot_state s;
			int32_t to;

			inst = reach(g, (int32_t)head);
			if (!inst)
				return -1;
			if (run_op(g, inst, op) || read_state(g, inst, &s)) {
				g->impl->destroy(inst);
				return -1;
			}
			g->impl->destroy(inst);
			to = find_node(g, &s);
			if (to < 0) {
				struct dot_node *n;

				if (g->nr_nodes == DOT_MAX_NODES ||
				    g->nodes[head].depth + 1 >= DOT_MAX_DEPTH) {
					g->truncated = true;
					continue;
				}
				n = &g->nodes[g->nr_nodes];
				n->s = s;
				n->parent = (int32_t)head;
				n->op = (uint8_t)op;
				n->depth = (uint8_t)(g->nodes[head].depth + 1);
				n->abs = abs_of(g, &s);
				to = (int32_t)g->nr_nodes++;
			}
			add_edge(g, g->nodes[head].abs, g->nodes[to].abs, op);
		}
	}
	return 0;
}

static void print_ops(FILE *f, const struct dot_graph *g, uint32_t ops)
{
	uint32_t i;
	bool first = true;

	for (i = 0; i < g->nr_ops; i++) {
		if (!(ops & (1u << i)))
			continue;
		fprintf(f, "%s%s", first ? "" : "\\n", g->ops[i].label);
		first = false;
	}
}

static void emit(FILE *f, const struct dot_graph *g, const char *name,
		 const char *prefix)
{
	uint32_t i;

	fprintf(f, "  subgraph cluster_%s {\n", prefix);
	fprintf(f, "    label=\"%s\";\n", name);
	fprintf(f, "    %s_start [shape=point];\n", prefix);
	for (i = 0; i < g->nr_abs; i++)
		fprintf(f, "    %s%u [label=\"%s\"%s];\n", prefix, i, g->abs[i],
			i == (uint32_t)g->nodes[0].abs ? ", penwidth=2" : "");
	fprintf(f, "    %s_start -> %s%d;\n", prefix, prefix, g->nodes[0].abs);
	for (i = 0; i < g->nr_edges; i++) {
		fprintf(f, "    %s%d -> %s%d [label=\"", prefix,
			g->edges[i].from, prefix, g->edges[i].to);
		print_ops(f, g, g->edges[i].ops);
		fprintf(f, "\"];\n");
	}
	fprintf(f, "  }\n");
}

static void emit_ops(FILE *f, const struct dot_op *ops, uint32_t nr)
{
	uint32_t i;

	for (i = 0; i < nr; i++)
		fprintf(f, "%s%s", i ? ", " : "", ops[i].label);
}

static struct dot_graph *graph_new(const struct xr_impl_ops *impl,
				   const struct dot_op *ops, uint32_t nr,
				   bool ics, bool lsi)
{
	struct dot_graph *g = calloc(1, sizeof(*g));

	if (!g) {
		fprintf(stderr, "xicsref dot: out of memory\n");
		return NULL;
	}
	g->impl = impl;
	g->ops = ops;
	g->nr_ops = nr;
	g->ics = ics;
	dot_setup(&g->setup, lsi);
	if (explore(g)) {
		free(g);
		return NULL;
	}
	return g;
}

#define NR(a)	((uint32_t)(sizeof(a) / sizeof((a)[0])))

static void header(FILE *f, const char *name, const char *title,
		   const struct xr_impl_ops *impl)
{
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0-only\n");
	fprintf(f, "// Generated by \"xicsref dot %s\" from %s %s; do not edit.\n",
		name, impl->name, impl->version);
	fprintf(f, "digraph xics_%s {\n", name);
	fprintf(f, "  graph [labelloc=t, fontsize=12, label=\"%s\\n"
		"derived from %s %s: one VCPU (server 0), source 0x%x at priority %u;\\n"
		"states reached breadth first, self-loops omitted\\n",
		title, impl->name, impl->version, DOT_IRQ, DOT_PRIO);
}

int xr_dot(FILE *f, const char *what, const struct xr_impl_ops *impl)
{
	struct dot_graph *g, *h;
	bool trunc;

	if (!strcmp(what, "icp")) {
		g = graph_new(impl, icp_ops, NR(icp_ops), false, false);
		if (!g)
			return -1;
		header(f, "icp", "XICS ICP (presentation)", impl);
		fprintf(f, "operations: ");
		emit_ops(f, icp_ops, NR(icp_ops));
		fprintf(f, "\\n%u concrete states\"];\n", g->nr_nodes);
		fprintf(f, "  node [shape=box, fontsize=10];\n  edge [fontsize=8];\n");
		emit(f, g, "ICP of VCPU 0 (MSI source)", "p");
		fprintf(f, "}\n");
		trunc = g->truncated;
		free(g);
	} else if (!strcmp(what, "ics")) {
		g = graph_new(impl, ics_msi_ops, NR(ics_msi_ops), true, false);
		if (!g)
			return -1;
		h = graph_new(impl, ics_lsi_ops, NR(ics_lsi_ops), true, true);
		if (!h) {
			free(g);
			return -1;
		}
		header(f, "ics", "XICS ICS (sources)", impl);
		fprintf(f, "MSI operations: ");
		emit_ops(f, ics_msi_ops, NR(ics_msi_ops));
		fprintf(f, "\\nLSI operations: ");
		emit_ops(f, ics_lsi_ops, NR(ics_lsi_ops));
		fprintf(f, "\\n%u + %u concrete states\"];\n", g->nr_nodes,
			h->nr_nodes);
		fprintf(f, "  node [shape=box, fontsize=10];\n  edge [fontsize=8];\n");
		emit(f, g, "MSI source", "m");
		emit(f, h, "LSI source", "l");
		fprintf(f, "}\n");
		trunc = g->truncated || h->truncated;
		free(g);
		free(h);
	} else {
		fprintf(stderr, "xicsref dot: unknown machine '%s' (icp or ics)\n",
			what);
		return -1;
	}
	if (trunc) {
		fprintf(stderr, "xicsref dot: the exploration hit its bounds (%d states, depth %d): the graph is incomplete\n",
			DOT_MAX_NODES, DOT_MAX_DEPTH);
		return -1;
	}
	return 0;
}
