/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref runner: state shared by the parser's files (set-up, steps,
 * expectations).  Private to parse*.c.
 */
#ifndef XR_RUNNER_PARSE_INT_H
#define XR_RUNNER_PARSE_INT_H

#include "lexer.h"
#include "scenario.h"

#define XR_NR_BLOCKS	(XR_NR_IRQS / XR_IRQS_PER_ICS)
#define XR_SERVER_MAX	0xffffffffu	/* ICP servers: 32 bits */

/*
 * option real_mode, bypass, ipi_redirect, ack_notifier, real_mode_dbg,
 * xics (the last is stored inverted, as xr_setup.no_xics)
 */
#define XR_NR_OPTIONS	6

struct xr_pstate {
	struct xr_scenario *scn;
	const struct xr_parse_opts *opts;
	struct xr_parse_error *err;
	bool in_steps;
	uint32_t machine_line;
	/* by set-up index (scn->setup.vcpus[]), vcpu_cap of each */
	uint32_t *vcpu_line;			/* where it was defined */
	int32_t *cur_cpu;			/* while parsing the steps */
	uint32_t vcpu_cap;
	uint32_t option_line[XR_NR_OPTIONS];
	uint32_t tb_offset_line;		/* option tb_offset, 0: none */
	uint8_t blocks[XR_NR_BLOCKS / 8];	/* ICS blocks known so far */
	uint32_t nr_blocks;
	uint32_t steps_cap;
	uint32_t par_line;			/* an open parallel block, 0: none */
};

/* The set-up index of VCPU number @id, or -1 if it is not defined */
int32_t xr_pvcpu(const struct xr_pstate *ps, uint32_t id);

int xr_perr(struct xr_pstate *ps, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Number in [min, max]; @what names it in the message */
int xr_pnum(struct xr_pstate *ps, const struct xr_line *l,
	    const struct xr_tok *t, const char *what, uint64_t min,
	    uint64_t max, uint64_t *v);
/* Value of a "key=value" whose key is known; "on"/"off" or 0/1 */
int xr_pbool(struct xr_pstate *ps, const struct xr_line *l,
	     const struct xr_tok *key, const struct xr_tok *val, bool *v);
/* "key=value" token or an error naming @what */
int xr_pkv(struct xr_pstate *ps, const struct xr_line *l,
	   const struct xr_tok *t, struct xr_tok *key, struct xr_tok *val);
/*
 * One key of a statement's key=value list: its name (also how errors
 * call it), the range of its number, and a word it takes instead of a
 * number ("none"), standing for @word_val; with @word_only nothing else.
 */
struct xr_key {
	const char *name;
	uint64_t min, max;
	const char *word;
	uint64_t word_val;
	bool word_only;
};

/*
 * Parse key=value token @t against @keys: a key given twice (bit i of
 * *@seen), an unknown key (named with the statement @what) or a bad
 * value is an error (-1, reported); otherwise the key's index is returned
 * and its value stored in *@v.
 */
int xr_pkey(struct xr_pstate *ps, const struct xr_line *l,
	    const struct xr_tok *t, const struct xr_key *keys, uint32_t nkeys,
	    uint32_t *seen, const char *what, uint64_t *v);
bool xr_block_known(const struct xr_pstate *ps, uint32_t irq);
int xr_block_add(struct xr_pstate *ps, const struct xr_line *l, uint32_t irq);

int xr_parse_expect(struct xr_pstate *ps, const struct xr_line *l);
int xr_parse_par_open(struct xr_pstate *ps, const struct xr_line *l);
int xr_parse_par_close(struct xr_pstate *ps, const struct xr_line *l);
int xr_parse_par_op(struct xr_pstate *ps, const struct xr_line *l);
int xr_parse_events(struct xr_pstate *ps, const struct xr_line *l,
		    uint32_t first, struct xr_events *out);
int xr_parse_want(struct xr_pstate *ps, const struct xr_line *l,
		  uint32_t first, struct xr_scn_step *st);

#endif /* XR_RUNNER_PARSE_INT_H */
