// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the scenario parser, steps.
 *
 * Register values (hcall and RTAS arguments, set-icp / set-source values)
 * take any 64-bit number: what an implementation does with the high bits
 * is behaviour under test.  Names of things in the set-up (VCPUs, CPUs)
 * must exist, and the parser follows which VCPU runs where so that a
 * hypercall by a VCPU that is not running is caught before anything runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"

int xr_parse_step(struct xr_pstate *ps, const struct xr_line *l);
int xr_parse_passthru_args(struct xr_pstate *ps, const struct xr_line *l,
			   uint32_t first, uint32_t last, uint64_t *hw,
			   uint64_t *irq);

struct hcall_def {
	const char *name;
	enum xr_step_kind kind;
	uint32_t nargs;
	const char *args;
};

static const struct hcall_def hcalls[] = {
	{ "H_CPPR", XR_STEP_H_CPPR, 1, "CPPR" },
	{ "H_XIRR", XR_STEP_H_XIRR, 0, "" },
	{ "H_XIRR_X", XR_STEP_H_XIRR_X, 0, "" },
	{ "H_EOI", XR_STEP_H_EOI, 1, "XIRR" },
	{ "H_IPI", XR_STEP_H_IPI, 2, "SERVER MFRR" },
	{ "H_IPOLL", XR_STEP_H_IPOLL, 1, "SERVER" },
};

static const struct hcall_def rtas_calls[] = {
	{ "set-xive", XR_STEP_RTAS_SET_XIVE, 3, "IRQ SERVER PRIO" },
	{ "get-xive", XR_STEP_RTAS_GET_XIVE, 1, "IRQ" },
	{ "int-off", XR_STEP_RTAS_INT_OFF, 1, "IRQ" },
	{ "int-on", XR_STEP_RTAS_INT_ON, 1, "IRQ" },
};

static int nargs_check(struct xr_pstate *ps, const struct xr_line *l,
		       uint32_t have, uint32_t want, const char *what,
		       const char *args)
{
	if (have < want)
		return xr_perr(ps, l->line, "missing value: %s takes %s", what,
			       args);
	if (have > want)
		return xr_perr(ps, l->line,
			       "too many arguments: %s takes %s%s", what,
			       want ? args : "none", "");
	return 0;
}

static int reg_args(struct xr_pstate *ps, const struct xr_line *l,
		    uint32_t first, uint32_t n, struct xr_step *st)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (xr_pnum(ps, l, &l->tok[first + i], "argument", 0,
			    UINT64_MAX, &st->arg[i]))
			return -1;
	return 0;
}

static int vcpu_exists(struct xr_pstate *ps, const struct xr_line *l,
		       const struct xr_tok *t, uint32_t *vcpu)
{
	uint64_t v;

	if (xr_pnum(ps, l, t, "VCPU", 0, XR_MAX_VCPU_ID, &v))
		return -1;
	if (xr_pvcpu(ps, (uint32_t)v) < 0)
		return xr_perr(ps, l->line, "vcpu %llu does not exist",
			       (unsigned long long)v);
	*vcpu = (uint32_t)v;
	return 0;
}

static int cpu_arg(struct xr_pstate *ps, const struct xr_line *l,
		   const struct xr_tok *t, uint64_t *cpu)
{
	return xr_pnum(ps, l, t, "cpu", 0,
		       xr_scn_nr_cpus(&ps->scn->setup) - 1, cpu);
}

static int step_vcpu(struct xr_pstate *ps, const struct xr_line *l,
		     uint32_t nargs, struct xr_step *st)
{
	const struct xr_tok *op = &l->tok[2];
	uint32_t i, j;
	int32_t at;
	char show[48];

	if (vcpu_exists(ps, l, &l->tok[1], &st->vcpu))
		return -1;
	at = xr_pvcpu(ps, st->vcpu);
	if (xr_tok_is(op, "run")) {
		struct xr_tok k, val;
		uint64_t cpu;

		st->kind = XR_STEP_VCPU_RUN;
		if (nargs_check(ps, l, nargs - 3, 1, "run", "cpu=P|none"))
			return -1;
		if (xr_pkv(ps, l, &l->tok[3], &k, &val))
			return -1;
		if (!xr_tok_is(&k, "cpu")) {
			xr_tok_show(&k, show, sizeof(show));
			return xr_perr(ps, l->line,
				       "unknown keyword '%s' in run", show);
		}
		if (xr_tok_is(&val, "none")) {
			st->arg[0] = (uint64_t)-1;
			ps->cur_cpu[at] = -1;
			return 0;
		}
		if (cpu_arg(ps, l, &val, &cpu))
			return -1;
		for (j = 0; j < ps->scn->setup.nr_vcpus; j++) {
			i = ps->scn->setup.vcpus[j].id;
			if (i != st->vcpu && ps->cur_cpu[j] == (int32_t)cpu)
				return xr_perr(ps, l->line,
					       "two VCPUs on one CPU: vcpu %u already runs on cpu %llu",
					       i, (unsigned long long)cpu);
		}
		st->arg[0] = cpu;
		ps->cur_cpu[at] = (int32_t)cpu;
		return 0;
	}
	for (i = 0; i < sizeof(hcalls) / sizeof(hcalls[0]); i++)
		if (xr_tok_is(op, hcalls[i].name))
			break;
	if (i == sizeof(hcalls) / sizeof(hcalls[0])) {
		xr_tok_show(op, show, sizeof(show));
		return xr_perr(ps, l->line, "unknown keyword '%s'", show);
	}
	st->kind = hcalls[i].kind;
	if (nargs_check(ps, l, nargs - 3, hcalls[i].nargs, hcalls[i].name,
			hcalls[i].args))
		return -1;
	if (ps->cur_cpu[at] < 0)
		return xr_perr(ps, l->line,
			       "vcpu %u is not running and cannot make a hypercall",
			       st->vcpu);
	return reg_args(ps, l, 3, hcalls[i].nargs, st);
}

static int step_rtas(struct xr_pstate *ps, const struct xr_line *l,
		     uint32_t nargs, struct xr_step *st)
{
	uint32_t i;
	char show[48];

	if (nargs < 2)
		return xr_perr(ps, l->line,
			       "missing value: rtas set-xive|get-xive|int-off|int-on");
	for (i = 0; i < sizeof(rtas_calls) / sizeof(rtas_calls[0]); i++)
		if (xr_tok_is(&l->tok[1], rtas_calls[i].name))
			break;
	if (i == sizeof(rtas_calls) / sizeof(rtas_calls[0])) {
		xr_tok_show(&l->tok[1], show, sizeof(show));
		return xr_perr(ps, l->line, "unknown keyword '%s' in rtas",
			       show);
	}
	st->kind = rtas_calls[i].kind;
	if (nargs_check(ps, l, nargs - 2, rtas_calls[i].nargs,
			rtas_calls[i].name, rtas_calls[i].args))
		return -1;
	return reg_args(ps, l, 2, rtas_calls[i].nargs, st);
}

static int step_irq(struct xr_pstate *ps, const struct xr_line *l,
		    uint32_t nargs, struct xr_step *st)
{
	const struct xr_tok *in;
	bool no_ics = false;
	char show[48];

	st->kind = XR_STEP_IRQ;
	/*
	 * "no-ics" after the input says the IRQ lies in no ICS block on
	 * purpose (ICS-INPUT-NO-BLOCK); without it such an IRQ is taken for
	 * a typo, and with it an IRQ that does lie in a block is one too.
	 */
	if (nargs == 4 && xr_tok_is(&l->tok[3], "no-ics")) {
		no_ics = true;
		nargs--;
	}
	if (nargs_check(ps, l, nargs - 1, 2, "irq",
			"IRQ on|off|pulse|level=N [no-ics]"))
		return -1;
	if (xr_pnum(ps, l, &l->tok[1], "IRQ", XR_FIRST_IRQ, XR_NR_IRQS - 1,
		    &st->arg[0]))
		return -1;
	/*
	 * A source of a block that exists may be undefined (ICS-UNDEFINED).
	 * Without the XICS device there is no block to look in: the kernel
	 * refuses any IRQ first (ICS-INPUT-NO-XICS).
	 */
	if (ps->scn->setup.no_xics) {
		if (no_ics)
			return xr_perr(ps, l->line,
				       "no-ics: with option xics=off no IRQ lies in an ICS block; drop it");
	} else if (no_ics && xr_block_known(ps, (uint32_t)st->arg[0])) {
		return xr_perr(ps, l->line,
			       "source 0x%llx lies in an ICS block: drop no-ics",
			       (unsigned long long)st->arg[0]);
	} else if (!no_ics && !xr_block_known(ps, (uint32_t)st->arg[0])) {
		return xr_perr(ps, l->line,
			       "source 0x%llx does not exist (no ICS block holds it; write no-ics if meant)",
			       (unsigned long long)st->arg[0]);
	}
	in = &l->tok[2];
	if (xr_tok_is(in, "on"))
		st->arg[1] = XR_IRQ_ON;
	else if (xr_tok_is(in, "off"))
		st->arg[1] = XR_IRQ_OFF;
	else if (xr_tok_is(in, "pulse"))
		st->arg[1] = XR_IRQ_PULSE;
	else if (in->len > 6 && !strncmp(in->s, "level=", 6)) {
		/* ICS-INPUT-RAW: a 32-bit int, "-" allowed */
		struct xr_tok v = { in->s + 6, in->len - 6 };
		bool neg = v.s[0] == '-';
		uint64_t n;

		if (neg) {
			v.s++;
			v.len--;
		}
		if (xr_pnum(ps, l, &v, "level", 0,
			    neg ? 0x80000000ULL : 0x7fffffffULL, &n))
			return -1;
		st->arg[1] = XR_IRQ_RAW_ARG(neg ? -(int64_t)n : (int64_t)n);
	} else {
		xr_tok_show(in, show, sizeof(show));
		return xr_perr(ps, l->line,
			       "unknown keyword '%s' (irq IRQ on|off|pulse|level=N)",
			       show);
	}
	return 0;
}

static int step_hwirq(struct xr_pstate *ps, const struct xr_line *l,
		      uint32_t nargs, struct xr_step *st)
{
	uint32_t i;

	st->kind = XR_STEP_HWIRQ;
	/*
	 * Extensions after "H cpu P": "host-ipi" flags a host IPI on P
	 * (arg2 bit 0), "then=H2" queues H2 behind H (arg2 bits 32-55).
	 */
	for (i = 4; i < nargs; i++) {
		struct xr_tok k, val;
		uint64_t h2;

		if (xr_tok_is(&l->tok[i], "host-ipi") && !(st->arg[2] & 1)) {
			st->arg[2] |= 1;
			continue;
		}
		if (xr_pkv(ps, l, &l->tok[i], &k, &val))
			return -1;
		if (!xr_tok_is(&k, "then") || (st->arg[2] >> 32))
			return xr_perr(ps, l->line, "hwirq takes H cpu P "
				       "[host-ipi] [then=H2], once each");
		if (xr_pnum(ps, l, &val, "then", 1, XR_XISR_MASK, &h2))
			return -1;
		st->arg[2] |= h2 << 32;
	}
	if (nargs_check(ps, l, (nargs > 4 ? 4 : nargs) - 1, 3, "hwirq",
			"H cpu P [host-ipi] [then=H2]"))
		return -1;
	if (!xr_tok_is(&l->tok[2], "cpu"))
		return xr_perr(ps, l->line, "missing value: hwirq H cpu P");
	if (xr_pnum(ps, l, &l->tok[1], "hw", 0, XR_XISR_MASK, &st->arg[0]))
		return -1;
	return cpu_arg(ps, l, &l->tok[3], &st->arg[1]);
}

/* host-ipi cpu P: the host sends physical CPU P an IPI (ROUTE-HOST-IPI) */
static int step_host_ipi(struct xr_pstate *ps, const struct xr_line *l,
			 uint32_t nargs, struct xr_step *st)
{
	st->kind = XR_STEP_HOST_IPI;
	if (nargs_check(ps, l, nargs - 1, 2, "host-ipi", "cpu P"))
		return -1;
	if (!xr_tok_is(&l->tok[1], "cpu"))
		return xr_perr(ps, l->line, "missing value: host-ipi cpu P");
	return cpu_arg(ps, l, &l->tok[2], &st->arg[0]);
}

/* FAULT-ARM: the kinds of "fail KIND", in enum xr_fault_kind order */
static const char *const fault_names[XR_FAULT_NR_KINDS] = {
	[XR_FAULT_ALLOC] = "alloc",
	[XR_FAULT_GET_USER] = "get-user",
	[XR_FAULT_PUT_USER] = "put-user",
	[XR_FAULT_PHB_EOI] = "phb-eoi",
	[XR_FAULT_OPAL_SET_XIVE] = "opal-set-xive",
	[XR_FAULT_OPAL_GET_XIRR] = "opal-get-xirr",
	[XR_FAULT_OPAL_EOI] = "opal-eoi",
};

const char *xr_fault_name(enum xr_fault_kind k)
{
	return (unsigned int)k < XR_FAULT_NR_KINDS ? fault_names[k] : "?";
}

/*
 * fail KIND [nth=N]: the Nth operation of KIND from here on fails, once
 * (N defaults to 1; 0 disarms).  Not in a parallel block: which CPU's
 * operation would be "the Nth" depends on the schedule.
 */
static int step_fail(struct xr_pstate *ps, const struct xr_line *l,
		     uint32_t nargs, struct xr_step *st)
{
	struct xr_tok k, val;
	uint32_t i;
	char show[48];

	st->kind = XR_STEP_FAIL;
	st->arg[1] = 1;
	if (nargs < 2)
		return xr_perr(ps, l->line, "missing value: fail KIND [nth=N] "
			       "(KIND alloc|get-user|put-user|phb-eoi|"
			       "opal-set-xive|opal-get-xirr|opal-eoi)");
	for (i = 0; i < XR_FAULT_NR_KINDS; i++)
		if (xr_tok_is(&l->tok[1], fault_names[i]))
			break;
	if (i == XR_FAULT_NR_KINDS) {
		xr_tok_show(&l->tok[1], show, sizeof(show));
		return xr_perr(ps, l->line, "unknown fault kind '%s' (alloc, "
			       "get-user, put-user, phb-eoi, opal-set-xive, "
			       "opal-get-xirr, opal-eoi)", show);
	}
	st->arg[0] = i;
	if (nargs > 3)
		return xr_perr(ps, l->line, "too many arguments: fail takes "
			       "KIND [nth=N]");
	if (nargs < 3)
		return 0;
	if (xr_pkv(ps, l, &l->tok[2], &k, &val))
		return -1;
	if (!xr_tok_is(&k, "nth")) {
		xr_tok_show(&k, show, sizeof(show));
		return xr_perr(ps, l->line, "unknown keyword '%s' in fail "
			       "(nth=N)", show);
	}
	return xr_pnum(ps, l, &val, "nth", 0, UINT32_MAX, &st->arg[1]);
}

/*
 * passthru-fill N hw=H irq=IRQ: N passthru steps in one, hw H+i to irq
 * IRQ+i (a compact way to fill the flat map; arg2 = N).
 */
static int step_passthru_fill(struct xr_pstate *ps, const struct xr_line *l,
			      uint32_t nargs, struct xr_step *st)
{
	st->kind = XR_STEP_PASSTHRU;
	if (nargs < 4)
		return xr_perr(ps, l->line, "missing value: passthru-fill N "
			       "hw=H irq=IRQ");
	if (xr_pnum(ps, l, &l->tok[1], "N", 1, 2 * XR_PIRQ_MAPPED, &st->arg[2]) ||
	    xr_parse_passthru_args(ps, l, 2, nargs, &st->arg[0], &st->arg[1]))
		return -1;
	if (st->arg[0] + st->arg[2] - 1 > XR_XISR_MASK ||
	    st->arg[1] + st->arg[2] - 1 >= XR_NR_IRQS)
		return xr_perr(ps, l->line, "out of range: passthru-fill "
			       "reaches past hw 0xffffff or irq 0xfffff");
	return 0;
}

static int step_state(struct xr_pstate *ps, const struct xr_line *l,
		      uint32_t nargs, struct xr_step *st)
{
	const struct xr_tok *k = &l->tok[0];
	bool set = k->s[0] == 's';
	bool icp = xr_tok_is(k, "set-icp") || xr_tok_is(k, "get-icp");
	const char *what = icp ? (set ? "set-icp" : "get-icp")
			       : (set ? "set-source" : "get-source");

	if (nargs_check(ps, l, nargs - 1, set ? 2 : 1, what,
			set ? (icp ? "V VALUE" : "IRQ VALUE")
			    : (icp ? "V" : "IRQ")))
		return -1;
	if (icp) {
		st->kind = set ? XR_STEP_SET_ICP : XR_STEP_GET_ICP;
		if (vcpu_exists(ps, l, &l->tok[1], &st->vcpu))
			return -1;
	} else {
		/* the device attribute: range checks are behaviour */
		st->kind = set ? XR_STEP_SET_SOURCE : XR_STEP_GET_SOURCE;
		if (xr_pnum(ps, l, &l->tok[1], "IRQ", 0, UINT32_MAX,
			    &st->arg[0]))
			return -1;
	}
	if (!set)
		return 0;
	if (xr_pnum(ps, l, &l->tok[2], "value", 0, UINT64_MAX,
		    &st->arg[icp ? 0 : 1]))
		return -1;
	if (!icp && st->arg[0] >= XR_FIRST_IRQ && st->arg[0] < XR_NR_IRQS)
		return xr_block_add(ps, l, (uint32_t)st->arg[0]);
	return 0;
}

static void copy_text(char *dst, const struct xr_line *l)
{
	size_t i, n = l->text_len < XR_SCN_TEXT_LEN - 1 ? l->text_len
						       : XR_SCN_TEXT_LEN - 1;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)l->text[i];

		dst[i] = (c >= 0x20 && c < 0x7f) || c == '\t' ? (char)c : '?';
	}
	dst[n] = '\0';
}

int xr_parse_step(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_scenario *scn = ps->scn;
	const struct xr_tok *k = &l->tok[0];
	struct xr_scn_step *st;
	uint32_t nargs, i;
	int r;

	if (scn->nr_steps == XR_SCN_MAX_STEPS)
		return xr_perr(ps, l->line, "more than %d steps",
			       XR_SCN_MAX_STEPS);
	if (scn->nr_steps == ps->steps_cap) {
		uint32_t cap = ps->steps_cap ? ps->steps_cap * 2 : 16;
		struct xr_scn_step *n = realloc(scn->steps, cap * sizeof(*n));

		if (!n)
			return xr_perr(ps, l->line, "out of memory");
		scn->steps = n;
		ps->steps_cap = cap;
	}
	st = &scn->steps[scn->nr_steps];
	memset(st, 0, sizeof(*st));
	st->line = l->line;
	copy_text(st->text, l);
	for (nargs = 0; nargs < l->nr; nargs++)
		if (xr_tok_is(&l->tok[nargs], "=>"))
			break;

	if (xr_tok_is(k, "vcpu"))
		r = step_vcpu(ps, l, nargs, &st->step);
	else if (xr_tok_is(k, "rtas"))
		r = step_rtas(ps, l, nargs, &st->step);
	else if (xr_tok_is(k, "irq"))
		r = step_irq(ps, l, nargs, &st->step);
	else if (xr_tok_is(k, "hwirq"))
		r = step_hwirq(ps, l, nargs, &st->step);
	else if (xr_tok_is(k, "host-ipi"))
		r = step_host_ipi(ps, l, nargs, &st->step);
	else if (xr_tok_is(k, "fail"))
		r = step_fail(ps, l, nargs, &st->step);
	else if (xr_tok_is(k, "passthru")) {
		st->step.kind = XR_STEP_PASSTHRU;
		r = xr_parse_passthru_args(ps, l, 1, nargs, &st->step.arg[0],
					   &st->step.arg[1]);
	} else if (xr_tok_is(k, "passthru-fill")) {
		r = step_passthru_fill(ps, l, nargs, &st->step);
	} else if (xr_tok_is(k, "unpassthru")) {
		st->step.kind = XR_STEP_UNPASSTHRU;
		r = xr_parse_passthru_args(ps, l, 1, nargs, NULL,
					   &st->step.arg[0]);
	} else if (xr_tok_is(k, "set-icp") || xr_tok_is(k, "get-icp") ||
		   xr_tok_is(k, "set-source") || xr_tok_is(k, "get-source"))
		r = step_state(ps, l, nargs, &st->step);
	else {
		char show[48];

		xr_tok_show(k, show, sizeof(show));
		return xr_perr(ps, l->line, "unknown keyword '%s'", show);
	}
	if (r)
		return r;
	/*
	 * Without the XICS device there is no source to save or restore and
	 * no ICS to route a device interrupt to: those need the device
	 * ioctls and the passthrough map, which such a VM does not have.
	 */
	if (scn->setup.no_xics &&
	    (st->step.kind == XR_STEP_SET_SOURCE ||
	     st->step.kind == XR_STEP_GET_SOURCE ||
	     st->step.kind == XR_STEP_PASSTHRU ||
	     st->step.kind == XR_STEP_UNPASSTHRU ||
	     st->step.kind == XR_STEP_HWIRQ))
		return xr_perr(ps, l->line,
			       "this step needs the XICS device (option xics=off)");
	if (nargs < l->nr) {
		if (nargs + 1 == l->nr)
			return xr_perr(ps, l->line,
				       "missing value: nothing after '=>'");
		for (i = nargs + 1; i < l->nr; i++)
			if (xr_tok_is(&l->tok[i], "=>"))
				return xr_perr(ps, l->line, "'=>' given twice");
		if (xr_parse_want(ps, l, nargs + 1, st))
			return -1;
	}
	scn->nr_steps++;
	return 0;
}
