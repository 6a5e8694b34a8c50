/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref runner: a parsed scenario.  The parser turns a buffer (never a
 * file: the caller reads it) into this structure or into one error with a
 * line number.  Everything the runner needs to run and to report is here.
 */
#ifndef XR_RUNNER_SCENARIO_H
#define XR_RUNNER_SCENARIO_H

#include <xicsref/impl.h>
#include <xicsref/types.h>

#define XR_SCN_MAX_RULES	64
#define XR_SCN_MAX_DEVS		8
#define XR_SCN_MAX_STEPS	4096
#define XR_SCN_TEXT_LEN		160	/* step text kept for reports */

/* Fields of a step's "=> key=value" list (bits of want_mask) */
enum xr_want {
	XR_W_RC, XR_W_XIRR, XR_W_MFRR, XR_W_SERVER, XR_W_PRIO, XR_W_VALUE,
	XR_W_PATH, XR_W_NR
};

/*
 * Fields of "expect icp" and "expect source" (bits of mask): enum
 * xr_icp_field and enum xr_src_field of <xicsref/types.h>.
 */

enum xr_expect_kind {
	XR_EXP_ICP,
	XR_EXP_SOURCE,
	XR_EXP_EVENTS,		/* exactly these events (over reported kinds) */
	XR_EXP_NO_EVENTS,
};

/* Which implementations an expectation concerns (the @ suffix) */
enum xr_expect_ctx {
	XR_EXP_ANY = -1,
	XR_EXP_VIRTUAL = XR_CTX_VIRTUAL,
	XR_EXP_REAL = XR_CTX_REAL,
};

struct xr_expect {
	uint32_t line;
	enum xr_expect_kind kind;
	int ctx;			/* enum xr_expect_ctx */
	uint32_t id;			/* ICP server or IRQ */
	uint32_t vcpu;			/* VCPU owning server @id (icp) */
	uint32_t mask;			/* fields given */
	struct xr_icp_state icp;
	struct xr_source_state src;
	struct xr_events events;
};

struct xr_scn_step {
	uint32_t line;
	struct xr_step step;
	char text[XR_SCN_TEXT_LEN];	/* the statement, comment removed */
	uint32_t want_mask;		/* bits of enum xr_want */
	struct xr_result want;
	uint32_t nr_expects;
	struct xr_expect *expects;	/* checked after this step */
	uint32_t par;			/* 1: an operation of the parallel block */
	int32_t cpu;			/* its physical CPU ('cpu P:') */
};

struct xr_scenario {
	struct xr_setup setup;
	uint32_t nr_steps;
	struct xr_scn_step *steps;
	uint32_t nr_rules;
	char *rules[XR_SCN_MAX_RULES];
	uint32_t nr_devs;
	char *devs[XR_SCN_MAX_DEVS];
	/* the parallel block: steps par_first .. par_first + nr_par - 1 */
	uint32_t par_first;
	uint32_t nr_par;		/* 0: none */
};

/* Callers tell the parser which rule and deviation IDs exist. */
struct xr_parse_opts {
	bool (*rule_known)(const char *id, void *arg);
	bool (*dev_known)(const char *id, void *arg);
	void *arg;
};

struct xr_parse_error {
	uint32_t line;			/* 0: not tied to a line */
	char msg[200];
};

/*
 * Parse @len bytes of @buf.  Returns 0 and fills @scn, or -1 with @err
 * filled and @scn left empty (nothing to free).  Never reads a file.
 * With @opts NULL (or a NULL lookup) any well-formed ID is accepted.
 */
int xr_parse(const char *buf, size_t len, const struct xr_parse_opts *opts,
	     struct xr_scenario *scn, struct xr_parse_error *err);
void xr_scenario_free(struct xr_scenario *scn);

/* The VCPU that owns ICP server @server, or -1 */
int xr_scn_vcpu_of_server(const struct xr_setup *s, uint32_t server);
uint32_t xr_scn_nr_cpus(const struct xr_setup *s);

/* The scenario-language name of a fault kind ("alloc", ...) */
const char *xr_fault_name(enum xr_fault_kind k);

#endif /* XR_RUNNER_SCENARIO_H */
