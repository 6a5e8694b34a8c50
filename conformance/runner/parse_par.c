// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the scenario parser, parallel blocks.
 *
 *	parallel
 *	  cpu 0: vcpu 0 H_IPI 1 5
 *	  cpu 1: vcpu 1 H_CPPR 0xff
 *	  cpu 2: irq 0x1000 pulse
 *	end
 *
 * Each line of a block is one operation on its own physical CPU; the
 * operations of a block run at the same time (xicsref explore tries
 * their interleavings) or, for every other command, one after the other
 * in the order written.  Steps of a block are ordinary steps marked with
 * the block and their CPU, so everything that runs steps in order needs
 * no change.  Whether an operation may run on the CPU it names is
 * decided here, before anything runs.
 */
#include <stdio.h>
#include <string.h>

#include "parse_int.h"

int xr_parse_step(struct xr_pstate *ps, const struct xr_line *l);

/* The kinds a block may hold, and whether they run in the host */
static int op_place(enum xr_step_kind k)
{
	switch (k) {
	case XR_STEP_H_CPPR: case XR_STEP_H_XIRR: case XR_STEP_H_XIRR_X:
	case XR_STEP_H_EOI: case XR_STEP_H_IPI: case XR_STEP_H_IPOLL:
		return 1;	/* on the VCPU's CPU */
	case XR_STEP_HWIRQ:
		return 2;	/* on the CPU the interrupt arrives at */
	case XR_STEP_RTAS_SET_XIVE: case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF: case XR_STEP_RTAS_INT_ON:
	case XR_STEP_IRQ: case XR_STEP_PASSTHRU: case XR_STEP_UNPASSTHRU:
	case XR_STEP_GET_SOURCE: case XR_STEP_SET_SOURCE: case XR_STEP_HOST_IPI:
		return 3;	/* on a host CPU */
	case XR_STEP_SET_ICP: case XR_STEP_GET_ICP:
		return 4;	/* on a host CPU, its VCPU not in the guest */
	default:
		return 0;	/* not in a block */
	}
}

int xr_parse_par_open(struct xr_pstate *ps, const struct xr_line *l)
{
	if (l->nr != 1)
		return xr_perr(ps, l->line, "'parallel' takes nothing on its line");
	if (ps->par_line)
		return xr_perr(ps, l->line,
			       "'parallel' inside the block opened at line %u",
			       ps->par_line);
	if (ps->scn->nr_par)
		return xr_perr(ps, l->line,
			       "a second parallel block: a scenario has at most one");
	ps->par_line = l->line;
	ps->scn->par_first = ps->scn->nr_steps;
	ps->scn->nr_par = 0;
	return 0;
}

int xr_parse_par_close(struct xr_pstate *ps, const struct xr_line *l)
{
	uint32_t n = ps->scn->nr_steps - ps->scn->par_first;

	if (!ps->par_line)
		return xr_perr(ps, l->line, "'end' without 'parallel'");
	if (l->nr != 1)
		return xr_perr(ps, l->line, "'end' takes nothing on its line");
	if (n < 2)
		return xr_perr(ps, l->line,
			       "the parallel block opened at line %u has %u operation%s; it needs 2 to %u",
			       ps->par_line, n, n == 1 ? "" : "s", XR_PAR_OPS);
	ps->scn->nr_par = n;
	ps->par_line = 0;
	return 0;
}

/* "N:" (the colon may also stand alone after N) */
static int op_cpu(struct xr_pstate *ps, const struct xr_line *l,
		  uint64_t *cpu, uint32_t *skip)
{
	struct xr_tok t = l->tok[1];
	uint32_t ncpu = xr_scn_nr_cpus(&ps->scn->setup);

	*skip = 2;
	if (t.len && t.s[t.len - 1] == ':')
		t.len--;
	else if (l->nr > 2 && l->tok[2].len == 1 && l->tok[2].s[0] == ':')
		*skip = 3;
	else
		return xr_perr(ps, l->line,
			       "a line of a parallel block is 'cpu P: STEP'");
	return xr_pnum(ps, l, &t, "cpu", 0, ncpu - 1, cpu);
}

/* A host operation needs a CPU that runs no VCPU */
static int host_cpu(struct xr_pstate *ps, const struct xr_line *l,
		    uint32_t cpu)
{
	uint32_t j;

	for (j = 0; j < ps->scn->setup.nr_vcpus; j++)
		if (ps->cur_cpu[j] == (int32_t)cpu)
			return xr_perr(ps, l->line,
				       "cpu %u runs vcpu %u: a host operation needs a CPU in the host",
				       cpu, ps->scn->setup.vcpus[j].id);
	return 0;
}

/*
 * set-icp and get-icp are VCPU ioctls: they hold vcpu->mutex, as
 * KVM_RUN does, so they never run while that VCPU is in the guest
 * making a hypercall (spec/concurrency.md, CONC-ICP-IOCTL).
 */
static int icp_ioctl_apart(struct xr_pstate *ps, const struct xr_line *l,
			   const struct xr_scn_step *st)
{
	const struct xr_scenario *scn = ps->scn;
	uint32_t i;

	for (i = scn->par_first; i + 1 < scn->nr_steps; i++) {
		const struct xr_scn_step *o = &scn->steps[i];
		int a = op_place(st->step.kind), b = op_place(o->step.kind);

		if (o->step.vcpu != st->step.vcpu || a + b != 5)
			continue;
		return xr_perr(ps, l->line,
			       "vcpu %u is in the guest (line %u): its set-icp/get-icp waits for vcpu->mutex and cannot run beside it",
			       st->step.vcpu, o->line);
	}
	return 0;
}

static int op_where(struct xr_pstate *ps, const struct xr_line *l,
		    const struct xr_scn_step *st, uint32_t cpu)
{
	int32_t at = xr_pvcpu(ps, st->step.vcpu);

	switch (op_place(st->step.kind)) {
	case 1:
		/* the step's VCPU exists: its parser checked */
		if (at < 0 || ps->cur_cpu[at] != (int32_t)cpu)
			return xr_perr(ps, l->line,
				       "vcpu %u runs on cpu %d, not on cpu %u",
				       st->step.vcpu,
				       at < 0 ? -1 : ps->cur_cpu[at], cpu);
		return icp_ioctl_apart(ps, l, st);
	case 2:
		if (st->step.arg[1] != cpu)
			return xr_perr(ps, l->line,
				       "hwirq arrives at cpu %llu: the line must say cpu %llu:",
				       (unsigned long long)st->step.arg[1],
				       (unsigned long long)st->step.arg[1]);
		return 0;
	case 3:
		return host_cpu(ps, l, cpu);
	case 4:
		if (host_cpu(ps, l, cpu))
			return -1;
		return icp_ioctl_apart(ps, l, st);
	default:
		return xr_perr(ps, l->line,
			       "'%.40s' cannot run in a parallel block",
			       st->text + (st->text[0] == ' ' ? 1 : 0));
	}
}

int xr_parse_par_op(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_scenario *scn = ps->scn;
	struct xr_line sub;
	struct xr_scn_step *st;
	uint32_t skip, i;
	uint64_t cpu;

	if (!xr_tok_is(&l->tok[0], "cpu") || l->nr < 3)
		return xr_perr(ps, l->line,
			       "a line of a parallel block is 'cpu P: STEP'");
	if (op_cpu(ps, l, &cpu, &skip))
		return -1;
	if (l->nr <= skip)
		return xr_perr(ps, l->line, "missing value: cpu %llu: STEP",
			       (unsigned long long)cpu);
	if (scn->nr_steps - scn->par_first == XR_PAR_OPS)
		return xr_perr(ps, l->line,
			       "more than %u operations in one parallel block",
			       XR_PAR_OPS);
	for (i = scn->par_first; i < scn->nr_steps; i++)
		if (scn->steps[i].cpu == (int32_t)cpu)
			return xr_perr(ps, l->line,
				       "cpu %llu already has an operation in this block (line %u)",
				       (unsigned long long)cpu,
				       scn->steps[i].line);
	/* the step without its "cpu P:" prefix */
	sub = *l;
	sub.nr = l->nr - skip;
	memmove(sub.tok, l->tok + skip, sub.nr * sizeof(sub.tok[0]));
	sub.text = sub.tok[0].s;
	sub.text_len = l->text_len - (size_t)(sub.tok[0].s - l->text);
	if (xr_parse_step(ps, &sub))
		return -1;
	st = &scn->steps[scn->nr_steps - 1];
	st->par = 1;
	st->cpu = (int32_t)cpu;
	/* an input from the host runs on the block's CPU (PT-INTR-CPU sees it) */
	if (st->step.kind == XR_STEP_IRQ)
		st->step.arg[2] = cpu + 1;
	return op_where(ps, l, st, (uint32_t)cpu);
}
