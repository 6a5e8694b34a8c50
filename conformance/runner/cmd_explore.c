// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref explore: the command (docs/exploring.md).
 *
 *   xicsref explore [--bound K] [--delays D] [--random N [--seed S]
 *                   [--depth d]] [--schedule S] [--races] [--max-execs N]
 *                   --impl FILE.so... FILE...
 *
 * Each scenario with a parallel block is explored on every
 * implementation that can run one, in a child process (a crash or a hang
 * of the code under test is reported, not suffered).  Exit: 0 nothing
 * found, 1 a finding or an error, 2 bad input.
 */
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xicsref/model.h>

#include "cli.h"
#include "explore.h"

enum { X_PASS = 0, X_FOUND = 1, X_ERROR = 2, X_SKIP = 3 };

struct xopts {
	struct xr_explore_opts x;
	struct xr_impl_list impls;
	const char *spec;
	bool quiet, no_fork;
	unsigned int timeout;
	char races_path[4096];
	int nr_files;
	char **files;
};

static void xusage(FILE *f)
{
	fprintf(f,
		"usage: xicsref explore [--bound K] [--delays D] [--schedule S]\n"
		"                       [--random N [--seed S] [--depth d]] [--races]\n"
		"                       [--max-execs N] [--max-accesses N] [--timeout SEC]\n"
		"                       [--no-reduction] [--races-file F] [--spec CATALOGUE]\n"
		"                       [--no-fork] [-q] [-v] --impl FILE.so... FILE...\n"
		"  Explore the interleavings of each scenario's parallel block on every\n"
		"  implementation of the --impl objects that can run one (explore\n"
		"  builds: make explore), checking each quiescent execution against\n"
		"  the model (linearizable, nothing lost, no lost wake-up, no WARN,\n"
		"  no deadlock or livelock, the scenario's expectations; --races: no\n"
		"  data race that spec/races.txt does not document).\n"
		"  --bound K: at most K preemptions (default 2, tried 0..K);\n"
		"  --delays D: at most D stores kept in a store buffer (default 1);\n"
		"  --random N: N PCT executions instead (--depth d, default 3);\n"
		"  --schedule S: replay exactly the execution S and print it;\n"
		"  --no-reduction: run every execution (no state hashing);\n"
		"  -v: each execution's schedule on stderr.\n"
		"  Exit: 0 nothing found, 1 a finding or an error, 2 bad input.\n");
}

static int num_opt(const char *name, const char *v, uint64_t max,
		   uint64_t *out)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 0);
	if (errno || end == v || *end || n > max) {
		fprintf(stderr, "xicsref explore: %s %s: want a number up to %llu\n",
			name, v, (unsigned long long)max);
		return -1;
	}
	*out = n;
	return 0;
}

static int parse_xopts(int argc, char **argv, const char *argv0,
		       struct xopts *o)
{
	char err[512], dir[4096];
	const char *env;
	uint64_t v;
	int i;

	memset(o, 0, sizeof(*o));
	o->x.bound = 2;
	o->x.delays = 1;
	o->x.max_accesses = 200000;
	o->timeout = 600;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			xusage(stdout);
			exit(0);
		}
		if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = true;
			continue;
		}
		if (!strcmp(a, "--races")) {
			o->x.races = true;
			continue;
		}
		if (!strcmp(a, "--no-fork")) {
			o->no_fork = true;
			continue;
		}
		if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->x.verbose = true;
			continue;
		}
		if (!strcmp(a, "--no-reduction")) {
			o->x.no_reduction = true;
			continue;
		}
		if (a[0] != '-' || !a[1])
			break;
		if (!val) {
			fprintf(stderr, "xicsref explore: %s needs a value\n", a);
			return -1;
		}
		i++;
		if (!strcmp(a, "--impl")) {
			if (xr_load_impls(val, &o->impls, err, sizeof(err))) {
				fprintf(stderr, "xicsref: %s\n", err);
				return -1;
			}
		} else if (!strcmp(a, "--spec")) {
			o->spec = val;
		} else if (!strcmp(a, "--races-file")) {
			snprintf(o->races_path, sizeof(o->races_path), "%s", val);
		} else if (!strcmp(a, "--schedule")) {
			o->x.schedule = val;
		} else if (!strcmp(a, "--bound")) {
			if (num_opt(a, val, 16, &v))
				return -1;
			o->x.bound = (uint32_t)v;
		} else if (!strcmp(a, "--delays")) {
			if (num_opt(a, val, 16, &v))
				return -1;
			o->x.delays = (uint32_t)v;
		} else if (!strcmp(a, "--random")) {
			if (num_opt(a, val, 100000000, &v) || !v)
				return -1;
			o->x.random = (uint32_t)v;
		} else if (!strcmp(a, "--seed")) {
			if (num_opt(a, val, UINT64_MAX, &v))
				return -1;
			o->x.seed = v;
		} else if (!strcmp(a, "--depth")) {
			if (num_opt(a, val, 9, &v) || !v)
				return -1;
			o->x.depth = (uint32_t)v;
		} else if (!strcmp(a, "--max-execs")) {
			if (num_opt(a, val, UINT64_MAX, &v))
				return -1;
			o->x.max_execs = v;
		} else if (!strcmp(a, "--max-accesses")) {
			if (num_opt(a, val, UINT32_MAX, &v))
				return -1;
			o->x.max_accesses = (uint32_t)v;
		} else if (!strcmp(a, "--timeout")) {
			if (num_opt(a, val, 86400, &v) || !v)
				return -1;
			o->timeout = (unsigned int)v;
		} else {
			fprintf(stderr, "xicsref explore: unknown option %s\n", a);
			xusage(stderr);
			return -1;
		}
	}
	o->files = argv + i;
	o->nr_files = argc - i;
	if (!o->races_path[0]) {
		env = getenv("XICSREF_RACES");
		if (env) {
			snprintf(o->races_path, sizeof(o->races_path), "%s", env);
		} else {
			snprintf(dir, sizeof(dir), "%s", argv0);
			snprintf(o->races_path, sizeof(o->races_path),
				 "%s/../spec/races.txt", dirname(dir));
		}
	}
	if (o->x.races && access(o->races_path, R_OK)) {
		fprintf(stderr, "xicsref explore: %s: %s (--races-file FILE)\n",
			o->races_path, strerror(errno));
		return -1;
	}
	o->x.races_file = o->races_path;
	return 0;
}

static void print_detail(const char *s)
{
	const char *nl;

	while (s && *s) {
		nl = strchr(s, '\n');
		printf("    %.*s\n", nl ? (int)(nl - s) : (int)strlen(s), s);
		s = nl ? nl + 1 : NULL;
		while (s && *s == ' ')
			s++;
	}
}

/* Explore one scenario on one implementation and print what happened */
static int explore_one(const struct xopts *o, const char *file,
		       const struct xr_scenario *scn,
		       const struct xr_impl_ops *impl, const char *so)
{
	struct xr_explore_result *r = calloc(1, sizeof(*r));
	uint32_t i;
	int rc;

	if (!r)
		return X_ERROR;
	xr_explore(&xr_model_env, scn, impl, &o->x, r);
	switch (r->verdict) {
	case XR_X_SKIP:
		if (!o->quiet)
			printf("SKIP %s %s %s\n    %s\n", file, impl->name,
			       impl->version, r->why);
		rc = X_SKIP;
		break;
	case XR_X_ERROR:
		printf("ERROR %s %s %s\n    %s\n", file, impl->name,
		       impl->version, r->why);
		rc = X_ERROR;
		break;
	case XR_X_PASS:
		if (!o->quiet || o->x.schedule)
			printf("PASS %s %s %s (%s%u: %llu executions, %llu cut short, %u restarts, %u orders, %.2f s)\n",
			       file, impl->name, impl->version,
			       o->x.random ? "random, depth " : "bound ",
			       o->x.random ? (o->x.depth ? o->x.depth : 3)
					   : r->level,
			       (unsigned long long)r->executions,
			       (unsigned long long)r->stopped, r->restarts,
			       r->orders, r->seconds);
		rc = X_PASS;
		break;
	default:
		printf("FINDING %s %s %s\n", file, impl->name, impl->version);
		printf("    oracle: %s (spec/concurrency.md)\n", r->oracle);
		print_detail(r->detail);
		printf("    schedule: %s  (%llu executions, %.2f s)\n",
		       r->schedule, (unsigned long long)r->executions,
		       r->seconds);
		printf("    replay: xicsref explore --schedule %s --impl %s %s\n",
		       r->schedule, so, file);
		rc = X_FOUND;
		break;
	}
	for (i = 0; i < r->nr_races; i++)
		if (!o->quiet || !r->races[i].benign[0])
			printf("    race at %s: %s [%s]\n", r->races[i].where,
			       r->races[i].text,
			       r->races[i].benign[0] ? r->races[i].benign :
			       "not documented");
	if (r->trace && r->trace[0] && (rc == X_FOUND || o->x.schedule))
		printf("    interleaving:\n%s", r->trace);
	xr_explore_result_free(r);
	free(r);
	return rc;
}

static int isolated(const struct xopts *o, const char *file,
		    const struct xr_scenario *scn,
		    const struct xr_impl_ops *impl, const char *so)
{
	pid_t pid;
	int st;
	time_t t0 = time(NULL);

	if (o->no_fork)
		return explore_one(o, file, scn, impl, so);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return explore_one(o, file, scn, impl, so);
	if (!pid) {
		alarm(o->timeout);
		st = explore_one(o, file, scn, impl, so);
		fflush(stdout);
		_exit(st);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st) && WEXITSTATUS(st) <= X_SKIP)
		return WEXITSTATUS(st);
	printf("ERROR %s %s %s\n    the exploration %s after %ld s\n", file,
	       impl->name, impl->version,
	       WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM ?
	       "timed out (--timeout)" : "crashed",
	       (long)(time(NULL) - t0));
	if (WIFSIGNALED(st) && WTERMSIG(st) != SIGALRM)
		printf("    signal %d: rerun with --no-fork under a debugger\n",
		       WTERMSIG(st));
	return X_ERROR;
}

int xr_cmd_explore(int argc, char **argv, const char *argv0)
{
	uint32_t n[4] = { 0 }, j, k;
	struct xr_catalogue cat;
	struct xr_scenario *scns;
	struct xopts o;
	bool bad = false;
	int i;

	if (parse_xopts(argc, argv, argv0, &o))
		return 2;
	if (!o.nr_files || !o.impls.nr) {
		fprintf(stderr, "xicsref explore: %s\n",
			!o.impls.nr ? "no --impl (an explore build's shared object)"
				    : "no scenario file given");
		xusage(stderr);
		return 2;
	}
	if (xr_load_catalogue(o.spec, argv0, &cat))
		return 2;
	scns = calloc((size_t)o.nr_files, sizeof(*scns));
	if (!scns)
		return 2;
	for (i = 0; i < o.nr_files; i++)
		if (xr_parse_file(o.files[i], &cat, &scns[i]))
			bad = true;
	for (i = 0; !bad && i < o.nr_files; i++)
		if (!scns[i].nr_par) {
			fprintf(stderr, "%s: no parallel block to explore\n",
				o.files[i]);
			bad = true;
		}
	if (bad) {
		for (i = 0; i < o.nr_files; i++)
			xr_scenario_free(&scns[i]);
		free(scns);
		xr_catalogue_free(&cat);
		return 2;
	}
	for (i = 0; i < o.nr_files; i++) {
		for (j = 0; j < o.impls.nr; j++) {
			k = (uint32_t)isolated(&o, o.files[i], &scns[i],
					       o.impls.ops[j],
					       o.impls.path[j]);
			n[k]++;
		}
		xr_scenario_free(&scns[i]);
	}
	printf("%u explored without finding, %u findings, %u errors, %u skipped\n",
	       n[X_PASS], n[X_FOUND], n[X_ERROR], n[X_SKIP]);
	free(scns);
	xr_catalogue_free(&cat);
	return n[X_FOUND] || n[X_ERROR] ? 1 : 0;
}
