// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref route FILE: what happened to each device interrupt.
 *
 * One row per hwirq step, for each implementation of the HV real-mode
 * context (the read path is real-mode code): hardware number, arrival
 * CPU, guest IRQ, target VCPU and its CPU, the read path's result,
 * whether the host was entered, the notification (msgsnd / ipi / mer /
 * kick), the physical EOI, and the re-target that a later step (the
 * guest's EOI) did before the next hwirq of the same hardware number.
 *
 * The guest IRQ and target are worked out from the scenario as the
 * flat map would (first routed entry of that hw) and from the source's
 * server as the implementation reports it after the step.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define ROUTE_MAX_ROWS	256
#define ROUTE_MAX_MAP	64

struct route_row {
	uint32_t line, hw, cpu;
	int64_t irq;			/* -1: none */
	int64_t vcpu, vcpu_cpu;		/* -1: none */
	enum xr_path path;
	char notify[96];
	bool hw_eoi;
	char retarget[48];
};

struct route_map {
	uint32_t nr;
	uint32_t hw[ROUTE_MAX_MAP], irq[ROUTE_MAX_MAP];
};

struct route_state {
	struct route_map map;
	int32_t cpu_of[XR_MAX_VCPUS];	/* by VCPU index in the set-up */
};

static void map_add(struct route_map *m, uint32_t hw, uint32_t irq)
{
	if (m->nr < ROUTE_MAX_MAP) {
		m->hw[m->nr] = hw;
		m->irq[m->nr++] = irq;
	}
}

static void map_del(struct route_map *m, uint32_t irq)
{
	uint32_t i;

	for (i = 0; i < m->nr; i++)
		if (m->irq[i] == irq)
			m->hw[i] = 0;
}

static int64_t map_find(const struct route_map *m, uint32_t hw)
{
	uint32_t i;

	for (i = 0; i < m->nr; i++)
		if (m->hw[i] == hw)
			return m->irq[i];
	return -1;
}

static void cat_event(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n ? "+" : "", s);
}

static void row_events(struct route_row *r, const struct xr_events *ev)
{
	char one[48];
	uint32_t i;

	for (i = 0; i < ev->nr; i++) {
		const struct xr_event *e = &ev->ev[i];

		switch (e->kind) {
		case XR_EV_MSGSND:
			snprintf(one, sizeof(one), "msgsnd cpu%u", e->a);
			break;
		case XR_EV_IPI:
			snprintf(one, sizeof(one), "ipi cpu%u", e->a);
			break;
		case XR_EV_MER:
			if (!e->b)
				continue;
			snprintf(one, sizeof(one), "mer cpu%u", e->a);
			break;
		case XR_EV_KICK:
			snprintf(one, sizeof(one), "kick v%u", e->a);
			break;
		case XR_EV_HW_EOI:
			r->hw_eoi = true;
			continue;
		case XR_EV_RETARGET:
			snprintf(r->retarget, sizeof(r->retarget), "cpu%u",
				 e->b);
			continue;
		default:
			continue;
		}
		cat_event(r->notify, sizeof(r->notify), one);
	}
}

/* The later steps' re-targets go to the last row of that hardware number */
static void late_retargets(struct route_row *rows, uint32_t nr,
			   const struct xr_events *ev, uint32_t line)
{
	uint32_t i, j;

	for (i = 0; i < ev->nr; i++) {
		if (ev->ev[i].kind != XR_EV_RETARGET)
			continue;
		for (j = nr; j-- > 0;) {
			if (rows[j].hw != ev->ev[i].a)
				continue;
			snprintf(rows[j].retarget, sizeof(rows[j].retarget),
				 "cpu%u (line %u)", ev->ev[i].b, line);
			break;
		}
	}
}

static int64_t target_of(const struct xr_scenario *scn,
			 const struct route_state *rs,
			 const struct xr_impl_ops *impl, void *inst,
			 int64_t irq, int64_t *cpu)
{
	struct xr_source_state s;
	uint32_t i;

	*cpu = -1;
	memset(&s, 0, sizeof(s));
	if (irq < 0 || !impl->get_source(inst, (uint32_t)irq, &s) || !s.exists)
		return -1;
	for (i = 0; i < scn->setup.nr_vcpus; i++) {
		if (scn->setup.vcpus[i].has_icp &&
		    scn->setup.vcpus[i].server == s.server) {
			*cpu = rs->cpu_of[i];
			return scn->setup.vcpus[i].id;
		}
	}
	return -1;
}

static void track_step(const struct xr_scenario *scn, struct route_state *rs,
		       const struct xr_step *st, const struct xr_result *r)
{
	uint32_t i, n;

	switch (st->kind) {
	case XR_STEP_PASSTHRU:
		n = st->arg[2] ? (uint32_t)st->arg[2] : 1;
		for (i = 0; i < n && !r->rc; i++)
			map_add(&rs->map, (uint32_t)st->arg[0] + i,
				(uint32_t)st->arg[1] + i);
		break;
	case XR_STEP_UNPASSTHRU:
		if (!r->rc)
			map_del(&rs->map, (uint32_t)st->arg[0]);
		break;
	case XR_STEP_VCPU_RUN:
		for (i = 0; i < scn->setup.nr_vcpus; i++)
			if (scn->setup.vcpus[i].id == st->vcpu)
				rs->cpu_of[i] = st->arg[0] == UINT64_MAX ? -1 :
						(int32_t)st->arg[0];
		break;
	default:
		break;
	}
}

static void print_num(FILE *f, const char *fmt, int64_t v, int width)
{
	char b[24];

	if (v < 0)
		snprintf(b, sizeof(b), "-");
	else
		snprintf(b, sizeof(b), fmt, (long long)v);
	fprintf(f, "%-*s", width, b);
}

static void print_rows(FILE *f, const struct route_row *rows, uint32_t nr)
{
	uint32_t i;

	fprintf(f, "%-5s %-9s %-4s %-8s %-6s %-4s %-14s %-5s %-24s %-7s %s\n",
		"line", "hw", "cpu", "irq", "target", "on", "path", "host",
		"notification", "hw-eoi", "retarget");
	for (i = 0; i < nr; i++) {
		const struct route_row *r = &rows[i];

		fprintf(f, "%-5u 0x%-7x %-4u ", r->line, r->hw, r->cpu);
		print_num(f, "0x%llx", r->irq, 9);
		print_num(f, "v%lld", r->vcpu, 7);
		print_num(f, "%lld", r->vcpu_cpu, 5);
		fprintf(f, "%-14s %-5s %-24s %-7s %s\n", xr_path_name(r->path),
			r->path == XR_PATH_HOST ||
			r->path == XR_PATH_HOST_COMPLETE ? "yes" : "no",
			r->notify[0] ? r->notify : "-",
			r->hw_eoi ? "yes" : "no",
			r->retarget[0] ? r->retarget : "-");
	}
}

static int route_one(FILE *f, const struct xr_scenario *scn,
		     const struct xr_impl_ops *impl)
{
	static struct route_row rows[ROUTE_MAX_ROWS];
	struct route_state rs;
	uint32_t nr = 0, i;
	char err[256];
	void *inst;

	memset(&rs, 0, sizeof(rs));
	for (i = 0; i < scn->setup.nr_vcpus; i++)
		rs.cpu_of[i] = scn->setup.vcpus[i].cpu;
	for (i = 0; i < scn->setup.nr_passthru; i++)
		map_add(&rs.map, scn->setup.passthru[i].hw,
			scn->setup.passthru[i].irq);
	fprintf(f, "== %s %s\n", impl->name, impl->version);
	err[0] = '\0';
	inst = impl->create(&scn->setup, err, sizeof(err));
	if (!inst) {
		fprintf(f, "    create failed: %s\n", err);
		return -1;
	}
	for (i = 0; i < scn->nr_steps; i++) {
		const struct xr_scn_step *st = &scn->steps[i];
		struct route_row *row;
		struct xr_result r;
		enum xr_status s = XR_UNSUPPORTED;

		memset(&r, 0, sizeof(r));
		err[0] = '\0';
		if (impl->step_kinds & (1u << st->step.kind))
			s = impl->step(inst, &st->step, &r, err, sizeof(err));
		if (s != XR_OK) {
			fprintf(f, "line %u: %s\n", st->line,
				err[0] ? err : "step not run");
			impl->destroy(inst);
			return -1;
		}
		track_step(scn, &rs, &st->step, &r);
		if (st->step.kind != XR_STEP_HWIRQ) {
			late_retargets(rows, nr, &r.events, st->line);
			continue;
		}
		if (nr == ROUTE_MAX_ROWS)
			continue;
		row = &rows[nr++];
		memset(row, 0, sizeof(*row));
		row->line = st->line;
		row->hw = (uint32_t)st->step.arg[0];
		row->cpu = (uint32_t)st->step.arg[1];
		row->irq = map_find(&rs.map, row->hw);
		row->vcpu = target_of(scn, &rs, impl, inst, row->irq,
				      &row->vcpu_cpu);
		row->path = r.path;
		row_events(row, &r.events);
	}
	impl->destroy(inst);
	print_rows(f, rows, nr);
	return 0;
}

int xr_route(FILE *f, const struct xr_scenario *scn,
	     const struct xr_impl_ops *const *impls, uint32_t nr)
{
	uint32_t i;
	int r = 0;

	for (i = 0; i < nr; i++) {
		if (impls[i]->context != XR_CTX_REAL)
			continue;
		if (route_one(f, scn, impls[i]))
			r = 1;
	}
	return r;
}
