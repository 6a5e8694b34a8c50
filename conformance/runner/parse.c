// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the scenario parser, set-up part and statement dispatch.
 *
 * The parser is strict on purpose: a scenario is a conformance test, and
 * a typo that silently changes its meaning would make a result worthless.
 * Every error carries the line, and nothing is kept after one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"

#define ARRAY_SIZE(a)	((uint32_t)(sizeof(a) / sizeof((a)[0])))

int xr_parse_step(struct xr_pstate *ps, const struct xr_line *l);

int xr_perr(struct xr_pstate *ps, uint32_t line, const char *fmt, ...)
{
	va_list ap;

	ps->err->line = line;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int xr_pnum(struct xr_pstate *ps, const struct xr_line *l,
	    const struct xr_tok *t, const char *what, uint64_t min,
	    uint64_t max, uint64_t *v)
{
	char show[48];

	xr_tok_show(t, show, sizeof(show));
	if (!t->len)
		return xr_perr(ps, l->line, "missing value for %s", what);
	switch (xr_num_u64(t, v)) {
	case XR_NUM_BAD:
		return xr_perr(ps, l->line, "%s: '%s' is not a number", what,
			       show);
	case XR_NUM_WIDE:
		return xr_perr(ps, l->line,
			       "%s: number %s is wider than 64 bits", what,
			       show);
	default:
		break;
	}
	if (*v < min || *v > max)
		return xr_perr(ps, l->line,
			       "%s %s out of range (0x%llx..0x%llx)", what,
			       show, (unsigned long long)min,
			       (unsigned long long)max);
	return 0;
}

int xr_pbool(struct xr_pstate *ps, const struct xr_line *l,
	     const struct xr_tok *key, const struct xr_tok *val, bool *v)
{
	char k[48], s[48];

	if (xr_tok_is(val, "on") || xr_tok_is(val, "1")) {
		*v = true;
		return 0;
	}
	if (xr_tok_is(val, "off") || xr_tok_is(val, "0")) {
		*v = false;
		return 0;
	}
	xr_tok_show(key, k, sizeof(k));
	xr_tok_show(val, s, sizeof(s));
	if (!val->len)
		return xr_perr(ps, l->line, "missing value for %s", k);
	return xr_perr(ps, l->line, "%s=%s: expected on|off or 0|1", k, s);
}

int xr_pkv(struct xr_pstate *ps, const struct xr_line *l,
	   const struct xr_tok *t, struct xr_tok *key, struct xr_tok *val)
{
	char s[48];

	if (xr_tok_kv(t, key, val) && key->len)
		return 0;
	xr_tok_show(t, s, sizeof(s));
	return xr_perr(ps, l->line, "unexpected '%s' (expected key=value)", s);
}

int xr_pkey(struct xr_pstate *ps, const struct xr_line *l,
	    const struct xr_tok *t, const struct xr_key *keys, uint32_t nkeys,
	    uint32_t *seen, const char *what, uint64_t *v)
{
	struct xr_tok k, val;
	char show[48];
	uint32_t i;

	if (xr_pkv(ps, l, t, &k, &val))
		return -1;
	for (i = 0; i < nkeys; i++)
		if (xr_tok_is(&k, keys[i].name))
			break;
	if (i == nkeys) {
		xr_tok_show(&k, show, sizeof(show));
		return xr_perr(ps, l->line, "unknown keyword '%s' in %s", show,
			       what);
	}
	if (*seen & (1u << i))
		return xr_perr(ps, l->line, "duplicate key %s", keys[i].name);
	*seen |= 1u << i;
	if (keys[i].word && xr_tok_is(&val, keys[i].word)) {
		*v = keys[i].word_val;
		return (int)i;
	}
	if (keys[i].word_only && !val.len)
		return xr_perr(ps, l->line, "missing value for %s", keys[i].name);
	if (keys[i].word_only)
		return xr_perr(ps, l->line, "%s= takes only '%s'", keys[i].name,
			       keys[i].word);
	if (xr_pnum(ps, l, &val, keys[i].name, keys[i].min, keys[i].max, v))
		return -1;
	return (int)i;
}

bool xr_block_known(const struct xr_pstate *ps, uint32_t irq)
{
	uint32_t b = irq >> XR_ICS_SHIFT;

	return irq < XR_NR_IRQS && (ps->blocks[b / 8] & (1u << (b % 8)));
}

int xr_block_add(struct xr_pstate *ps, const struct xr_line *l, uint32_t irq)
{
	uint32_t b = irq >> XR_ICS_SHIFT;

	if (xr_block_known(ps, irq))
		return 0;
	if (ps->nr_blocks == XR_MAX_ICS_BLOCKS)
		return xr_perr(ps, l->line,
			       "more than %d ICS blocks in one scenario",
			       XR_MAX_ICS_BLOCKS);
	ps->blocks[b / 8] |= (uint8_t)(1u << (b % 8));
	ps->nr_blocks++;
	return 0;
}

uint32_t xr_scn_nr_cpus(const struct xr_setup *s)
{
	return s->cores * s->threads;
}

int xr_scn_vcpu_of_server(const struct xr_setup *s, uint32_t server)
{
	uint32_t i;

	for (i = 0; i < s->nr_vcpus; i++)
		if (s->vcpus[i].server == server && s->vcpus[i].has_icp)
			return (int)s->vcpus[i].id;
	return -1;
}

static const struct xr_key machine_keys[] = {
	{ .name = "cores", .min = 1, .max = XR_MAX_CORES },
	{ .name = "threads", .min = 1, .max = XR_MAX_THREADS },
};

static int parse_machine(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_setup *s = &ps->scn->setup;
	uint32_t seen = 0;
	uint64_t v;
	uint32_t i;

	if (ps->machine_line)
		return xr_perr(ps, l->line,
			       "duplicate machine (first at line %u)",
			       ps->machine_line);
	if (ps->scn->setup.nr_vcpus)
		return xr_perr(ps, l->line,
			       "machine must come before the first vcpu");
	ps->machine_line = l->line;
	if (l->nr < 2)
		return xr_perr(ps, l->line, "missing value: machine power8|power9");
	if (xr_tok_is(&l->tok[1], "power8")) {
		s->machine = XR_POWER8;
		s->threads = 8;
	} else if (xr_tok_is(&l->tok[1], "power9")) {
		s->machine = XR_POWER9;
		s->threads = 4;
	} else {
		char t[48];

		xr_tok_show(&l->tok[1], t, sizeof(t));
		return xr_perr(ps, l->line,
			       "unknown machine '%s' (power8|power9)", t);
	}
	for (i = 2; i < l->nr; i++) {
		switch (xr_pkey(ps, l, &l->tok[i], machine_keys,
				ARRAY_SIZE(machine_keys), &seen, "machine", &v)) {
		case 0:
			s->cores = (uint32_t)v;
			break;
		case 1:
			s->threads = (uint32_t)v;
			break;
		default:
			return -1;
		}
	}
	/*
	 * The kernel derives the core of a CPU by shifting (threads_shift),
	 * and threads_per_core is 8 on POWER8 and 4 (or 8, big cores) on
	 * POWER9: nothing else is a machine KVM HV runs on.
	 */
	if (s->machine == XR_POWER8 && s->threads != 8)
		return xr_perr(ps, l->line,
			       "threads %u out of range (power8 has 8)",
			       s->threads);
	if (s->machine == XR_POWER9 && s->threads != 4 && s->threads != 8)
		return xr_perr(ps, l->line,
			       "threads %u out of range (power9 has 4 or 8)",
			       s->threads);
	/* NR_CPUS: the host has at most XR_MAX_CPUS CPUs */
	if (s->cores * s->threads > XR_MAX_CPUS)
		return xr_perr(ps, l->line,
			       "cores=%u x threads=%u is more than %u CPUs "
			       "(NR_CPUS)", s->cores, s->threads, XR_MAX_CPUS);
	return 0;
}

static const struct xr_key vcpu_keys[] = {
	{ .name = "server", .max = XR_SERVER_MAX },
	{ .name = "cpu", .max = XR_MAX_CPUS - 1, .word = "none",
	  .word_val = UINT64_MAX },
	{ .name = "icp", .word = "none", .word_only = true },
};

int32_t xr_pvcpu(const struct xr_pstate *ps, uint32_t id)
{
	const struct xr_setup *s = &ps->scn->setup;
	uint32_t i;

	/* VCPU numbers are usually their index: try that first */
	if (id < s->nr_vcpus && s->vcpus[id].id == id)
		return (int32_t)id;
	for (i = 0; i < s->nr_vcpus; i++)
		if (s->vcpus[i].id == id)
			return (int32_t)i;
	return -1;
}

static int grow_vcpus(struct xr_pstate *ps)
{
	uint32_t cap = ps->vcpu_cap ? 2 * ps->vcpu_cap : 16;
	uint32_t *line = realloc(ps->vcpu_line, cap * sizeof(*line));
	int32_t *cpu;

	if (!line)
		return -1;
	ps->vcpu_line = line;
	cpu = realloc(ps->cur_cpu, cap * sizeof(*cpu));
	if (!cpu)
		return -1;
	ps->cur_cpu = cpu;
	ps->vcpu_cap = cap;
	return 0;
}

static int parse_vcpu_setup(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_setup *s = &ps->scn->setup;
	struct xr_vcpu_cfg *vc;
	uint32_t seen = 0;
	uint64_t v;
	uint32_t i;

	if (xr_pnum(ps, l, &l->tok[1], "VCPU", 0, XR_MAX_VCPU_ID, &v))
		return -1;
	if (s->nr_vcpus == XR_MAX_VCPUS)
		return xr_perr(ps, l->line, "more than %u VCPUs (KVM_MAX_VCPUS)",
			       XR_MAX_VCPUS);
	if (xr_pvcpu(ps, (uint32_t)v) >= 0)
		return xr_perr(ps, l->line,
			       "duplicate vcpu %llu (first at line %u)",
			       (unsigned long long)v,
			       ps->vcpu_line[xr_pvcpu(ps, (uint32_t)v)]);
	if (s->nr_vcpus == ps->vcpu_cap && grow_vcpus(ps))
		return xr_perr(ps, l->line, "out of memory");
	ps->vcpu_line[s->nr_vcpus] = l->line;
	vc = &s->vcpus[s->nr_vcpus++];
	vc->id = (uint32_t)v;
	vc->server = (uint32_t)v;
	/* option xics=off: no XICS device, so no ICP to connect it to */
	vc->has_icp = !s->no_xics;
	vc->cpu = (int32_t)v;		/* checked against the machine later */
	for (i = 2; i < l->nr; i++) {
		switch (xr_pkey(ps, l, &l->tok[i], vcpu_keys,
				ARRAY_SIZE(vcpu_keys), &seen, "vcpu", &v)) {
		case 0:
			vc->server = (uint32_t)v;
			break;
		case 1:
			vc->cpu = v == UINT64_MAX ? -1 : (int32_t)v;
			break;
		case 2:
			vc->has_icp = false;
			break;
		default:
			return -1;
		}
	}
	for (i = 0; i + 1 < s->nr_vcpus; i++)
		if (vc->has_icp && s->vcpus[i].has_icp &&
		    s->vcpus[i].server == vc->server)
			return xr_perr(ps, l->line,
				       "duplicate server %u (vcpu %u has it)",
				       vc->server, s->vcpus[i].id);
	return 0;
}

static const struct xr_key source_keys[] = {
	{ .name = "server", .max = XR_SERVER_MAX },
	{ .name = "prio", .max = 0xff },
};

static int parse_source(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_setup *s = &ps->scn->setup;
	struct xr_source_cfg *sc;
	bool seen_kind = false;
	uint32_t seen = 0;
	uint64_t v;
	uint32_t i;

	if (s->no_xics)
		return xr_perr(ps, l->line,
			       "a source needs the XICS device (option xics=off)");
	if (l->nr < 2)
		return xr_perr(ps, l->line, "missing value: source IRQ msi|lsi");
	if (xr_pnum(ps, l, &l->tok[1], "IRQ", XR_FIRST_IRQ, XR_NR_IRQS - 1,
		    &v))
		return -1;
	for (i = 0; i < s->nr_sources; i++)
		if (s->sources[i].irq == v)
			return xr_perr(ps, l->line,
				       "duplicate source 0x%llx",
				       (unsigned long long)v);
	if (s->nr_sources == XR_MAX_SOURCES)
		return xr_perr(ps, l->line, "more than %d sources",
			       XR_MAX_SOURCES);
	if (xr_block_add(ps, l, (uint32_t)v))
		return -1;
	sc = &s->sources[s->nr_sources++];
	sc->irq = (uint32_t)v;
	sc->server = 0;
	sc->prio = XR_PRIO_MASKED;
	for (i = 2; i < l->nr; i++) {
		if (xr_tok_is(&l->tok[i], "msi") ||
		    xr_tok_is(&l->tok[i], "lsi")) {
			if (seen_kind)
				return xr_perr(ps, l->line,
					       "source kind given twice");
			seen_kind = true;
			sc->lsi = xr_tok_is(&l->tok[i], "lsi");
			continue;
		}
		switch (xr_pkey(ps, l, &l->tok[i], source_keys,
				ARRAY_SIZE(source_keys), &seen, "source", &v)) {
		case 0:
			sc->server = (uint32_t)v;
			break;
		case 1:
			sc->prio = (uint8_t)v;
			break;
		default:
			return -1;
		}
	}
	if (!seen_kind)
		return xr_perr(ps, l->line, "missing value: source kind msi|lsi");
	return 0;
}

/* "hw=H irq=IRQ" in any order, for the set-up and the step */
int xr_parse_passthru_args(struct xr_pstate *ps, const struct xr_line *l,
			   uint32_t first, uint32_t last, uint64_t *hw,
			   uint64_t *irq)
{
	bool seen_hw = false, seen_irq = false;
	uint32_t i;

	for (i = first; i < last; i++) {
		struct xr_tok k, val;

		if (xr_pkv(ps, l, &l->tok[i], &k, &val))
			return -1;
		if (hw && xr_tok_is(&k, "hw") && !seen_hw) {
			seen_hw = true;
			if (xr_pnum(ps, l, &val, "hw", XR_FIRST_IRQ, XR_XISR_MASK,
				    hw))
				return -1;
		} else if (xr_tok_is(&k, "irq") && !seen_irq) {
			seen_irq = true;
			if (xr_pnum(ps, l, &val, "IRQ", XR_FIRST_IRQ,
				    XR_NR_IRQS - 1, irq))
				return -1;
		} else if ((hw && xr_tok_is(&k, "hw")) || xr_tok_is(&k, "irq")) {
			return xr_perr(ps, l->line, "duplicate key %s",
				       seen_hw && xr_tok_is(&k, "hw") ? "hw" : "irq");
		} else {
			char t[48];

			xr_tok_show(&k, t, sizeof(t));
			return xr_perr(ps, l->line,
				       "unknown keyword '%s' in passthru", t);
		}
	}
	if (irq && !seen_irq)
		return xr_perr(ps, l->line, "missing value: irq=IRQ");
	if (hw && !seen_hw)
		return xr_perr(ps, l->line, "missing value: hw=H");
	return 0;
}

static int parse_passthru_setup(struct xr_pstate *ps, const struct xr_line *l)
{
	struct xr_setup *s = &ps->scn->setup;
	uint64_t hw, irq;
	uint32_t i;

	if (s->no_xics)
		return xr_perr(ps, l->line,
			       "passthru needs the XICS device (option xics=off)");
	if (xr_parse_passthru_args(ps, l, 1, l->nr, &hw, &irq))
		return -1;
	for (i = 0; i < s->nr_passthru; i++) {
		if (s->passthru[i].irq == irq)
			return xr_perr(ps, l->line,
				       "duplicate passthru irq=0x%llx",
				       (unsigned long long)irq);
		if (s->passthru[i].hw == hw)
			return xr_perr(ps, l->line,
				       "duplicate passthru hw=0x%llx",
				       (unsigned long long)hw);
	}
	if (s->nr_passthru == XR_MAX_SOURCES)
		return xr_perr(ps, l->line, "more than %d passthru entries",
			       XR_MAX_SOURCES);
	s->passthru[s->nr_passthru].hw = (uint32_t)hw;
	s->passthru[s->nr_passthru].irq = (uint32_t)irq;
	s->nr_passthru++;
	return 0;
}

static int parse_option(struct xr_pstate *ps, const struct xr_line *l)
{
	static const char *const names[XR_NR_OPTIONS] = {
		"real_mode", "bypass", "ipi_redirect", "ack_notifier",
		"real_mode_dbg", "xics"
	};
	struct xr_setup *s = &ps->scn->setup;
	bool xics = true;
	bool *dst[XR_NR_OPTIONS] = {
		&s->real_mode, &s->bypass, &s->ipi_redirect, &s->ack_notifier,
		&s->real_mode_dbg, &xics
	};
	uint32_t i, n;

	if (l->nr < 2)
		return xr_perr(ps, l->line, "missing value: option NAME=on|off");
	for (i = 1; i < l->nr; i++) {
		struct xr_tok k, val;
		char t[48];

		if (xr_pkv(ps, l, &l->tok[i], &k, &val))
			return -1;
		/* the one option that is a number: a register's 64 bits */
		if (xr_tok_is(&k, "tb_offset")) {
			if (ps->tb_offset_line)
				return xr_perr(ps, l->line,
					       "duplicate option tb_offset (first at line %u)",
					       ps->tb_offset_line);
			ps->tb_offset_line = l->line;
			if (xr_pnum(ps, l, &val, "tb_offset", 0, UINT64_MAX,
				    &s->tb_offset))
				return -1;
			continue;
		}
		for (n = 0; n < XR_NR_OPTIONS; n++)
			if (xr_tok_is(&k, names[n]))
				break;
		xr_tok_show(&k, t, sizeof(t));
		if (n == XR_NR_OPTIONS)
			return xr_perr(ps, l->line, "unknown option '%s'", t);
		if (ps->option_line[n])
			return xr_perr(ps, l->line,
				       "duplicate option %s (first at line %u)",
				       names[n], ps->option_line[n]);
		ps->option_line[n] = l->line;
		if (xr_pbool(ps, l, &k, &val, dst[n]))
			return -1;
		if (n != XR_NR_OPTIONS - 1)
			continue;
		/*
		 * xics=off decides what a vcpu, source or passthru line may
		 * say (no ICP, none at all): it must come before them.
		 */
		if (s->nr_vcpus || s->nr_sources || s->nr_passthru)
			return xr_perr(ps, l->line,
				       "option xics must come before the first vcpu, source and passthru");
		s->no_xics = !xics;
	}
	return 0;
}

static char *tok_dup(const struct xr_tok *t)
{
	char *s = malloc(t->len + 1);

	if (s) {
		memcpy(s, t->s, t->len);
		s[t->len] = '\0';
	}
	return s;
}

static bool id_chars_ok(const struct xr_tok *t)
{
	size_t i;

	if (!t->len || t->len > 40)
		return false;
	for (i = 0; i < t->len; i++) {
		char c = t->s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-'))
			return false;
	}
	return true;
}

static int parse_ids(struct xr_pstate *ps, const struct xr_line *l, bool dev)
{
	struct xr_scenario *scn = ps->scn;
	uint32_t i, j, *nr = dev ? &scn->nr_devs : &scn->nr_rules;
	char **arr = dev ? scn->devs : scn->rules;
	uint32_t max = dev ? XR_SCN_MAX_DEVS : XR_SCN_MAX_RULES;
	const char *what = dev ? "deviation" : "rule";

	if (l->nr < 2)
		return xr_perr(ps, l->line, "missing value: %s ID", what);
	for (i = 1; i < l->nr; i++) {
		const struct xr_tok *t = &l->tok[i];
		bool (*known)(const char *, void *) = NULL;
		char show[48];
		char *id;

		xr_tok_show(t, show, sizeof(show));
		if (!id_chars_ok(t) || (dev && (t->len < 5 ||
						memcmp(t->s, "DEV-", 4))))
			return xr_perr(ps, l->line, "unknown %s ID '%s'", what,
				       show);
		for (j = 0; j < *nr; j++)
			if (xr_tok_is(t, arr[j]))
				return xr_perr(ps, l->line,
					       "duplicate %s ID %s", what, show);
		if (*nr == max)
			return xr_perr(ps, l->line, "more than %u %s IDs", max,
				       what);
		id = tok_dup(t);
		if (!id)
			return xr_perr(ps, l->line, "out of memory");
		if (ps->opts)
			known = dev ? ps->opts->dev_known : ps->opts->rule_known;
		if (known && !known(id, ps->opts->arg)) {
			free(id);
			return xr_perr(ps, l->line, "unknown %s ID '%s'", what,
				       show);
		}
		arr[(*nr)++] = id;
	}
	return 0;
}

/* The set-up is complete: check what depends on the whole of it. */
static int finish_setup(struct xr_pstate *ps)
{
	struct xr_setup *s = &ps->scn->setup;
	uint32_t ncpu = xr_scn_nr_cpus(s), i, j;

	for (i = 0; i < s->nr_vcpus; i++) {
		struct xr_vcpu_cfg *vc = &s->vcpus[i];

		if (vc->cpu >= (int32_t)ncpu)
			return xr_perr(ps, ps->vcpu_line[i],
				       "vcpu %u: cpu %d out of range (the machine has %u CPUs)",
				       vc->id, vc->cpu, ncpu);
		for (j = 0; j < i; j++)
			if (vc->cpu >= 0 && s->vcpus[j].cpu == vc->cpu)
				return xr_perr(ps, ps->vcpu_line[i],
					       "two VCPUs on one CPU: vcpu %u and vcpu %u on cpu %d",
					       s->vcpus[j].id, vc->id, vc->cpu);
		ps->cur_cpu[i] = vc->cpu;
	}
	ps->in_steps = true;
	return 0;
}

/* Does the line carry expectations ("=>")?  Then it is a step. */
static bool has_arrow(const struct xr_line *l)
{
	uint32_t i;

	for (i = 1; i < l->nr; i++)
		if (xr_tok_is(&l->tok[i], "=>"))
			return true;
	return false;
}

static int parse_statement(struct xr_pstate *ps, const struct xr_line *l)
{
	const struct xr_tok *k = &l->tok[0];
	bool setup_kw = xr_tok_is(k, "machine") || xr_tok_is(k, "source") ||
			xr_tok_is(k, "option") || xr_tok_is(k, "rules") ||
			xr_tok_is(k, "deviation");
	bool vcpu_setup = false;

	if (xr_tok_is(k, "vcpu")) {
		if (l->nr < 2)
			return xr_perr(ps, l->line, "missing value: vcpu V");
		vcpu_setup = l->nr == 2 ||
			     !(xr_tok_is(&l->tok[2], "run") ||
			       (l->tok[2].len > 2 && !memcmp(l->tok[2].s, "H_", 2)));
	}
	if ((setup_kw || vcpu_setup) && ps->in_steps) {
		char t[48];

		xr_tok_show(k, t, sizeof(t));
		return xr_perr(ps, l->line,
			       "set-up statement '%s' after the first step", t);
	}
	if (xr_tok_is(k, "machine"))
		return parse_machine(ps, l);
	if (vcpu_setup)
		return parse_vcpu_setup(ps, l);
	if (xr_tok_is(k, "source"))
		return parse_source(ps, l);
	if (xr_tok_is(k, "option"))
		return parse_option(ps, l);
	if (xr_tok_is(k, "rules"))
		return parse_ids(ps, l, false);
	if (xr_tok_is(k, "deviation"))
		return parse_ids(ps, l, true);
	/*
	 * The contract allows a passthru step anywhere, and only a step has
	 * expectations: "passthru hw=H irq=I => rc=0" before the first step
	 * is the first step.
	 */
	if (xr_tok_is(k, "passthru") && !ps->in_steps && !has_arrow(l))
		return parse_passthru_setup(ps, l);
	if (xr_tok_is(k, "end") && ps->par_line)
		return xr_parse_par_close(ps, l);
	if (ps->par_line) {
		if (xr_tok_is(k, "parallel"))
			return xr_parse_par_open(ps, l);
		if (xr_tok_is(k, "expect"))
			return xr_perr(ps, l->line,
				       "expect inside a parallel block: put it after 'end'");
		return xr_parse_par_op(ps, l);
	}
	if (xr_tok_is(k, "parallel")) {
		if (!ps->in_steps && finish_setup(ps))
			return -1;
		return xr_parse_par_open(ps, l);
	}
	if (xr_tok_is(k, "end"))
		return xr_perr(ps, l->line, "'end' without 'parallel'");
	if (xr_tok_is(k, "expect")) {
		if (!ps->scn->nr_steps)
			return xr_perr(ps, l->line,
				       "expect before the first step");
		return xr_parse_expect(ps, l);
	}
	if (!ps->in_steps && finish_setup(ps))
		return -1;
	return xr_parse_step(ps, l);
}

static void setup_defaults(struct xr_setup *s)
{
	s->machine = XR_POWER8;
	s->cores = 2;
	s->threads = 8;
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
	s->ack_notifier = false;
}

void xr_scenario_free(struct xr_scenario *scn)
{
	uint32_t i;

	if (!scn)
		return;
	for (i = 0; i < scn->nr_steps; i++)
		free(scn->steps[i].expects);
	free(scn->steps);
	for (i = 0; i < scn->nr_rules; i++)
		free(scn->rules[i]);
	for (i = 0; i < scn->nr_devs; i++)
		free(scn->devs[i]);
	memset(scn, 0, sizeof(*scn));
}

int xr_parse(const char *buf, size_t len, const struct xr_parse_opts *opts,
	     struct xr_scenario *scn, struct xr_parse_error *err)
{
	struct xr_pstate *ps;
	struct xr_lexer lx;
	struct xr_line *l;
	int r;

	memset(scn, 0, sizeof(*scn));
	memset(err, 0, sizeof(*err));
	setup_defaults(&scn->setup);
	/* the line holds 80 tokens; keep both off the stack */
	ps = calloc(1, sizeof(*ps));
	l = calloc(1, sizeof(*l));
	if (!ps || !l) {
		free(ps);
		free(l);
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -1;
	}
	ps->scn = scn;
	ps->opts = opts;
	ps->err = err;
	xr_lex_init(&lx, buf, len);
	while ((r = xr_lex_line(&lx, l, err)) > 0)
		if (parse_statement(ps, l)) {
			r = -1;
			break;
		}
	if (r == 0 && ps->par_line)
		r = xr_perr(ps, ps->par_line,
			    "the parallel block opened here has no 'end'");
	if (r == 0 && !scn->nr_steps)
		r = xr_perr(ps, lx.line ? lx.line : 1, "scenario has no steps");
	free(ps->vcpu_line);
	free(ps->cur_cpu);
	free(ps);
	free(l);
	if (r < 0) {
		xr_scenario_free(scn);
		return -1;
	}
	return 0;
}
