// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref: the command line.
 *
 *   xicsref run [--impl FILE.so]... [--no-model] [-q] [--tap] [--junit F] FILE...
 *   xicsref trace [--impl FILE.so]... [--no-model] [--format=md] FILE
 *   xicsref dot [--impl FILE.so] icp|ics
 *   xicsref list-rules
 *   xicsref explore [--bound K] ... --impl FILE.so... FILE...  (cmd_explore.c)
 *
 * Exit status: 0 all good, 1 a failure, 2 bad input (nothing run).
 */
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "cli.h"
#include "docs.h"
#include "fail_each.h"
#include "reports.h"

#ifndef XR_VERSION
#define XR_VERSION "unknown"
#endif

struct opts {
	struct xr_impl_list impls;
	bool no_model, quiet, no_fork;
	bool tap;			/* reports.c: TAP on stdout */
	const char *junit;		/* reports.c: JUnit XML file */
	const char *format;		/* trace: "text" or "md" */
	bool fail_each;			/* run --fail-each[=KINDS] */
	uint32_t fail_kinds;		/* bits of enum xr_fault_kind */
	unsigned int timeout_ms;
	const char *spec;
	int nr_files;
	char **files;
};

static void usage(FILE *f, const char *cmd)
{
	if (!cmd || !strcmp(cmd, "run"))
		fprintf(f,
			"usage: xicsref run [--impl FILE.so]... [--no-model] [-q] [--spec CATALOGUE]\n"
			"                   [--timeout SEC] [--no-fork] [--tap] [--junit FILE]\n"
			"                   [--fail-each[=KIND,...]] FILE...\n"
			"  Run each scenario on the model (model, model-rm) and on every\n"
			"  implementation of each --impl shared object, comparing with the\n"
			"  model of the same context after every step.  Prints one line\n"
			"  'PASS|FAIL|DEV|SKIP FILE IMPL VERSION' per pair, then a summary.\n"
			"  --tap: TAP version 13 on stdout (the table goes to stderr);\n"
			"  --junit FILE: JUnit XML into FILE.\n"
			"  --fail-each[=KIND,...]: run each scenario once per host operation\n"
			"  of each KIND (alloc, get-user, put-user, phb-eoi, opal-set-xive,\n"
			"  opal-get-xirr, opal-eoi; default all) with that operation\n"
			"  failing, each\n"
			"  --impl implementation against the model (spec/faults.md).\n"
			"  Exit: 0 all passed, 1 a failure, 2 bad input.\n");
	if (!cmd || !strcmp(cmd, "trace"))
		fprintf(f,
			"usage: xicsref trace [--impl FILE.so]... [--no-model] [--format=text|md]\n"
			"                     FILE\n"
			"  Print every step's result, events, ICP and source state.\n");
	if (!cmd || !strcmp(cmd, "dot"))
		fprintf(f,
			"usage: xicsref dot [--impl FILE.so] icp|ics\n"
			"  Explore the ICP or ICS state machine of the model (or of the\n"
			"  first implementation of FILE.so) from its initial state over\n"
			"  priorities {0, 5, 0xff}; print it as Graphviz.\n");
	if (!cmd || !strcmp(cmd, "route"))
		fprintf(f,
			"usage: xicsref route [--impl FILE.so]... [--no-model] FILE\n"
			"  One row per hwirq step (real-mode implementations): path,\n"
			"  host entry, notification, physical EOI, re-target.\n");
	if (!cmd)
		fprintf(f,
			"usage: xicsref explore [--bound K] [--delays D] [--schedule S] ...\n"
			"                       --impl FILE.so... FILE...\n"
			"  Every interleaving of each scenario's parallel block\n"
			"  (xicsref explore --help).\n");
	if (!cmd || !strcmp(cmd, "list-rules"))
		fprintf(f,
			"usage: xicsref list-rules [--spec CATALOGUE]\n"
			"  Print the rule catalogue (spec/catalogue.txt).\n");
	if (!cmd)
		fprintf(f,
			"       xicsref --help | --version\n"
			"  The catalogue is found with --spec, $XICSREF_SPEC, or next to\n"
			"  the executable (../spec/catalogue.txt).\n");
}

static int parse_opts(int argc, char **argv, const char *cmd, struct opts *o)
{
	char err[512];
	int i;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = 10000;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout, cmd);
			exit(0);
		} else if (!strcmp(a, "--impl") || !strcmp(a, "--spec") ||
			   !strcmp(a, "--timeout") ||
			   !strcmp(a, "--junit")) {
			if (i + 1 == argc) {
				fprintf(stderr, "xicsref %s: %s needs a value\n",
					cmd, a);
				return -1;
			}
			if (!strcmp(a, "--junit") && strcmp(cmd, "run")) {
				fprintf(stderr, "xicsref %s: unknown option %s\n",
					cmd, a);
				return -1;
			}
			if (!strcmp(a, "--junit")) {
				o->junit = argv[++i];
			} else if (!strcmp(a, "--spec")) {
				o->spec = argv[++i];
			} else if (!strcmp(a, "--timeout")) {
				/* seconds, with a fraction for short runs
				 * (make mutate: a mutant that loops) */
				char *end;
				double s = strtod(argv[++i], &end);

				if (*end || !(s >= 0.001 && s <= 86400)) {
					fprintf(stderr, "xicsref %s: bad --timeout %s (seconds, 0.001 to 86400)\n",
						cmd, argv[i]);
					return -1;
				}
				o->timeout_ms = (unsigned int)(s * 1000 + 0.5);
			} else if (xr_load_impls(argv[++i], &o->impls, err,
						 sizeof(err))) {
				fprintf(stderr, "xicsref: %s\n", err);
				return -1;
			}
		} else if (!strcmp(a, "--no-model")) {
			o->no_model = true;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = true;
		} else if (!strcmp(a, "--no-fork")) {
			o->no_fork = true;
		} else if (!strcmp(a, "--tap") && !strcmp(cmd, "run")) {
			o->tap = true;
		} else if (!strcmp(cmd, "run") && (!strcmp(a, "--fail-each") ||
						!strncmp(a, "--fail-each=", 12))) {
			o->fail_each = true;
			if (xr_fail_each_kinds(a[11] ? a + 12 : NULL,
					       &o->fail_kinds)) {
				fprintf(stderr, "xicsref run: %s: kinds are "
					"alloc, get-user, put-user, phb-eoi, "
					"opal-set-xive, opal-get-xirr, opal-eoi\n", a);
				return -1;
			}
		} else if (!strncmp(a, "--format=", 9) && !strcmp(cmd, "trace")) {
			o->format = a + 9;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "xicsref %s: unknown option %s\n", cmd, a);
			usage(stderr, cmd);
			return -1;
		} else {
			break;
		}
	}
	o->files = argv + i;
	o->nr_files = argc - i;
	return 0;
}

/* The model first (both contexts), then what the .so files bring */
static void impl_order(const struct opts *o, struct xr_impl_list *l)
{
	uint32_t i;

	l->nr = 0;
	if (!o->no_model) {
		l->ops[l->nr++] = xr_model_ops(XR_CTX_VIRTUAL);
		l->ops[l->nr++] = xr_model_ops(XR_CTX_REAL);
	}
	for (i = 0; i < o->impls.nr && l->nr < XR_CLI_MAX_IMPLS; i++)
		l->ops[l->nr++] = o->impls.ops[i];
}

/* run --fail-each: the .so implementations only, each against the model */
static int run_fail_each(struct opts *o, struct xr_scenario *scns,
			 struct xr_catalogue *cat)
{
	struct xr_tally tally[XR_CLI_MAX_IMPLS];
	struct xr_fail_each fe = {
		.out = stdout, .impls = &o->impls, .kinds = o->fail_kinds,
		.timeout_ms = o->timeout_ms, .no_fork = o->no_fork,
		.quiet = o->quiet, .tally = tally, .max_tally = XR_CLI_MAX_IMPLS,
	};
	uint32_t nt = 0;
	bool failed = false;
	int i;

	fe.nr_tally = &nt;
	for (i = 0; i < o->nr_files; i++) {
		failed |= xr_fail_each_file(&fe, o->files[i], &scns[i]);
		xr_scenario_free(&scns[i]);
	}
	xr_report_summary(stdout, tally, nt);
	printf("fail-each: %u runs of %d scenarios, %u with a fault that "
	       "fired; %u scenarios not run\n", fe.runs, o->nr_files - (int)fe.skipped,
	       fe.faults, fe.skipped);
	free(scns);
	xr_catalogue_free(cat);
	return failed ? 1 : 0;
}

static int cmd_run(int argc, char **argv, const char *argv0)
{
	struct xr_tally tally[XR_CLI_MAX_IMPLS];
	static struct xr_outcome outs[XR_CLI_MAX_IMPLS];
	struct xr_scenario *scns;
	struct xr_catalogue cat;
	struct xr_ci_report *ci = NULL;
	FILE *hf;
	struct xr_impl_list l;
	struct opts o;
	uint32_t nt = 0, j;
	bool bad = false, failed = false;
	int i;

	if (parse_opts(argc, argv, "run", &o))
		return 2;
	if (!o.nr_files) {
		fprintf(stderr, "xicsref run: no scenario file given\n");
		usage(stderr, "run");
		return 2;
	}
	impl_order(&o, &l);
	if (!l.nr) {
		fprintf(stderr, "xicsref run: no implementation (--no-model without --impl)\n");
		return 2;
	}
	if (o.fail_each && (!o.impls.nr || o.tap || o.junit)) {
		fprintf(stderr, "xicsref run: --fail-each needs --impl and "
			"takes neither --tap nor --junit\n");
		return 2;
	}
	if (xr_load_catalogue(o.spec, argv0, &cat))
		return 2;
	scns = calloc((size_t)o.nr_files, sizeof(*scns));
	if (!scns)
		return 2;
	/* every file is checked before anything runs */
	for (i = 0; i < o.nr_files; i++)
		if (xr_parse_file(o.files[i], &cat, &scns[i]))
			bad = true;
	if (bad) {
		for (i = 0; i < o.nr_files; i++)
			xr_scenario_free(&scns[i]);
		free(scns);
		xr_catalogue_free(&cat);
		return 2;
	}
	if (o.fail_each)
		return run_fail_each(&o, scns, &cat);
	/* with --tap, stdout is TAP only and the human table goes to stderr */
	hf = o.tap ? stderr : stdout;
	if (o.tap || o.junit) {
		ci = xr_ci_open(o.tap ? stdout : NULL, o.junit,
				(uint32_t)o.nr_files * l.nr);
		if (!ci) {
			for (i = 0; i < o.nr_files; i++)
				xr_scenario_free(&scns[i]);
			free(scns);
			xr_catalogue_free(&cat);
			return 2;
		}
	}
	for (i = 0; i < o.nr_files; i++) {
		for (j = 0; j < l.nr; j++) {
			if (o.no_fork)
				xr_run_one(&xr_model_env, &scns[i], l.ops[j],
					   &outs[j]);
			else
				xr_run_isolated(&xr_model_env, &scns[i],
						l.ops[j], o.timeout_ms, &outs[j]);
		}
		xr_check_deviations_shown(outs, l.nr);
		for (j = 0; j < l.nr; j++) {
			xr_report_outcome(hf, o.files[i], &scns[i],
					  &outs[j], o.quiet);
			xr_tally_add(tally, &nt, XR_CLI_MAX_IMPLS, &outs[j]);
			failed |= outs[j].verdict == XR_V_FAIL;
		}
		if (ci)
			xr_ci_add(ci, o.files[i], &scns[i], outs, l.nr);
		xr_scenario_free(&scns[i]);
	}
	xr_report_summary(hf, tally, nt);
	if (ci && xr_ci_close(ci))
		failed = true;
	free(scns);
	xr_catalogue_free(&cat);
	return failed ? 1 : 0;
}

static int cmd_trace(int argc, char **argv, const char *argv0)
{
	bool md;
	struct xr_scenario scn;
	struct xr_catalogue cat;
	struct xr_impl_list l;
	struct opts o;
	uint32_t j;
	int r = 0;

	if (parse_opts(argc, argv, "trace", &o))
		return 2;
	if (o.nr_files != 1) {
		fprintf(stderr, "xicsref trace: exactly one scenario file\n");
		return 2;
	}
	md = o.format && !strcmp(o.format, "md");
	if (o.format && !md && strcmp(o.format, "text")) {
		fprintf(stderr, "xicsref trace: --format=%s: text or md\n",
			o.format);
		return 2;
	}
	impl_order(&o, &l);
	if (xr_load_catalogue(o.spec, argv0, &cat))
		return 2;
	if (xr_parse_file(o.files[0], &cat, &scn)) {
		xr_catalogue_free(&cat);
		return 2;
	}
	for (j = 0; j < l.nr; j++)
		if (md ? xr_trace_md(stdout, o.files[0], &scn, l.ops[j]) :
		    xr_trace(stdout, &scn, l.ops[j]))
			r = 1;
	xr_scenario_free(&scn);
	xr_catalogue_free(&cat);
	return r;
}

static int cmd_route(int argc, char **argv, const char *argv0)
{
	struct xr_scenario scn;
	struct xr_catalogue cat;
	struct xr_impl_list l;
	struct opts o;
	int r;

	if (parse_opts(argc, argv, "route", &o))
		return 2;
	if (o.nr_files != 1) {
		fprintf(stderr, "xicsref route: exactly one scenario file\n");
		return 2;
	}
	impl_order(&o, &l);
	if (xr_load_catalogue(o.spec, argv0, &cat))
		return 2;
	if (xr_parse_file(o.files[0], &cat, &scn)) {
		xr_catalogue_free(&cat);
		return 2;
	}
	r = xr_route(stdout, &scn, l.ops, l.nr);
	xr_scenario_free(&scn);
	xr_catalogue_free(&cat);
	return r;
}

static int cmd_dot(int argc, char **argv, const char *argv0)
{
	struct opts o;

	if (parse_opts(argc, argv, "dot", &o))
		return 2;
	if (o.nr_files != 1) {
		fprintf(stderr, "xicsref dot: say icp or ics\n");
		usage(stderr, "dot");
		return 2;
	}
	return xr_dot(stdout, o.files[0], o.impls.nr ? o.impls.ops[0] :
		      xr_model_ops(XR_CTX_VIRTUAL)) ? 2 : 0;
}

static int cmd_list_rules(int argc, char **argv, const char *argv0)
{
	struct xr_catalogue cat;
	struct opts o;
	uint32_t i;

	if (parse_opts(argc, argv, "list-rules", &o))
		return 2;
	if (xr_load_catalogue(o.spec, argv0, &cat))
		return 2;
	for (i = 0; i < cat.nr; i++)
		printf("%-18s %s\n", cat.rules[i].id, cat.rules[i].text);
	xr_catalogue_free(&cat);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		usage(stderr, NULL);
		return 2;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "help")) {
		usage(stdout, NULL);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("xicsref %s\n", XR_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 2, argv + 2, argv[0]);
	if (!strcmp(cmd, "trace"))
		return cmd_trace(argc - 2, argv + 2, argv[0]);
	if (!strcmp(cmd, "route"))
		return cmd_route(argc - 2, argv + 2, argv[0]);
	if (!strcmp(cmd, "dot"))
		return cmd_dot(argc - 2, argv + 2, argv[0]);
	if (!strcmp(cmd, "list-rules"))
		return cmd_list_rules(argc - 2, argv + 2, argv[0]);
	if (!strcmp(cmd, "explore"))
		return xr_cmd_explore(argc - 2, argv + 2, argv[0]);
	fprintf(stderr, "xicsref: unknown command '%s'\n", cmd);
	usage(stderr, NULL);
	return 2;
}
