// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "differential": every file in conformance/scenarios on the
 * model (model, model-rm) and on every implementation of the shared
 * objects named in $XICSREF_IMPLS (space separated, e.g. the kernel .so
 * files), in process.  One test per scenario file; a FAIL fails it,
 * SKIP and DEV are counted and printed.  A second test per file holds
 * every implementation that offers changed_sources to its contract
 * (impl.h) after the file's steps, kernel-xive's ($XICSREF_XIVE_IMPLS)
 * too: each source left clear reads back as a source at rest, so the
 * runner may skip it.  A third holds every
 * implementation that offers reset to its contract: reset to the file's
 * set-up after another file ran, an instance behaves as a new one.  A
 * fourth runs a file that declares deviations without them: it must fail
 * with a hint naming declared ones wherever it showed them.  A fifth
 * holds changed_icps to its contract after every step: every ICP that
 * reads differently is marked (the runner compares only those).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "check_main.h"
#include "cli.h"

#define SCN_DIR		"conformance/scenarios"
#define MAX_SCN		1024

static char *files[MAX_SCN];
static int nr_files;
static struct xr_impl_list impls;
/* kernel-xive ($XICSREF_XIVE_IMPLS): held to changed_sources' contract */
static struct xr_impl_list xive_impls;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * XICSREF_CHECK_SHARD=I/N (make suite runs two processes side by side):
 * this process takes the files whose index is I modulo N, and only shard
 * 0 runs the tests that are not per file.  Unset: every file, one shard.
 */
static unsigned int shard_i, shard_n = 1;

static void take_shard(void)
{
	const char *env = getenv("XICSREF_CHECK_SHARD");
	unsigned int i, n, k = 0;
	int f;

	if (!env || sscanf(env, "%u/%u", &i, &n) != 2 || !n || i >= n) {
		if (env)
			fprintf(stderr, "differential: XICSREF_CHECK_SHARD=%s is not I/N: every file\n",
				env);
		return;
	}
	shard_i = i;
	shard_n = n;
	for (f = 0; f < nr_files; f++) {
		if ((unsigned int)f % n == i)
			files[k++] = files[f];
		else
			free(files[f]);
	}
	fprintf(stderr, "differential: shard %u of %u: %u of %d scenario files\n",
		i, n, k, nr_files);
	nr_files = (int)k;
}

/* Every implementation of the objects named in @var into @l; false if unset */
static bool load_env_impls(const char *var, struct xr_impl_list *l)
{
	char *sos[XR_CLI_MAX_IMPLS], err[512];
	int n = xr_test_sos(var, sos, XR_CLI_MAX_IMPLS), i;

	for (i = 0; i < n; i++) {
		if (xr_load_impls(sos[i], l, err, sizeof(err)))
			fprintf(stderr, "differential: %s\n", err);
		free(sos[i]);
	}
	return n > 0;
}

static void setup_lists(void)
{
	DIR *d = opendir(SCN_DIR);
	struct dirent *e;

	impls.ops[impls.nr++] = xr_model_ops(XR_CTX_VIRTUAL);
	impls.ops[impls.nr++] = xr_model_ops(XR_CTX_REAL);
	if (!load_env_impls("XICSREF_IMPLS", &impls))
		fprintf(stderr,
			"differential: *** XICSREF_IMPLS not set: model only, no kernel compared ***\n");
	load_env_impls("XICSREF_XIVE_IMPLS", &xive_impls);
	while (d && (e = readdir(d)) && nr_files < MAX_SCN) {
		size_t n = strlen(e->d_name);

		if (n > 4 && !strcmp(e->d_name + n - 4, ".scn"))
			files[nr_files++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(files, (size_t)nr_files, sizeof(char *), cmp_str);
	take_shard();
	if (!nr_files)
		fprintf(stderr,
			"differential: *** SKIP: no scenario in " SCN_DIR " ***\n");
}

/*
 * The implementations of one context (the kernel versions) run as one
 * group with one reference, and each gets the outcome it got alone.
 */
static void check_groups(const char *path, const struct xr_scenario *scn,
			 const struct xr_outcome *alone)
{
	const struct xr_impl_ops *g[XR_GROUP_MAX];
	struct xr_outcome *outs = calloc(XR_GROUP_MAX, sizeof(*outs));
	uint32_t idx[XR_GROUP_MAX], n, j, k;
	int ctx;

	for (ctx = XR_CTX_VIRTUAL; ctx <= XR_CTX_REAL; ctx++) {
		for (j = n = 0; j < impls.nr && n < XR_GROUP_MAX; j++)
			if (impls.ops[j]->context == (enum xr_context)ctx &&
			    !xr_is_reference(&xr_model_env, impls.ops[j])) {
				idx[n] = j;
				g[n++] = impls.ops[j];
			}
		if (n < 2)
			continue;
		xr_run_group(&xr_model_env, scn, g, n, outs);
		for (k = 0; k < n; k++)
			xr_test_same_outcome(path, &alone[idx[k]], &outs[k]);
	}
	free(outs);
}

START_TEST(test_scenario)
{
	struct xr_outcome *alone = calloc(impls.nr, sizeof(*alone));
	struct xr_scenario scn;
	char path[512];
	uint32_t j, skip = 0, dev = 0, fail = 0;

	snprintf(path, sizeof(path), SCN_DIR "/%s", files[_i]);
	ck_assert_msg(xr_parse_file(path, xr_test_catalogue(), &scn) == 0,
		      "%s: does not parse", path);
	for (j = 0; j < impls.nr; j++) {
		struct xr_outcome *o = &alone[j];

		xr_run_one(&xr_model_env, &scn, impls.ops[j], o);
		if (o->verdict != XR_V_PASS)
			xr_report_outcome(stderr, path, &scn, o, true);
		skip += o->verdict == XR_V_SKIP;
		dev += o->verdict == XR_V_DEV;
		fail += o->verdict == XR_V_FAIL;
	}
	if (!scn.nr_devs)
		check_groups(path, &scn, alone);
	free(alone);
	if (skip || dev)
		fprintf(stderr, "%s: %u skipped, %u deviations shown\n", path,
			skip, dev);
	xr_scenario_free(&scn);
	ck_assert_msg(!fail, "%s: %u implementations failed", path, fail);
}
END_TEST

/*
 * Deviation hints: a file that declares deviations, run without its
 * declarations, fails wherever it showed one, and the failure names a
 * set of the declared deviations that explains it (the smallest such
 * set, so possibly fewer); where the file passed, it passes without a
 * hint.  Alone and in a group, the same outcome.
 */
START_TEST(test_dev_hint)
{
	struct xr_outcome *with = calloc(impls.nr, sizeof(*with));
	struct xr_outcome *bare = calloc(impls.nr, sizeof(*bare));
	struct xr_scenario scn;
	char path[512], hint[sizeof(bare->dev_hint)], *save, *id;
	uint32_t j, i, nr_devs;

	snprintf(path, sizeof(path), SCN_DIR "/%s", files[_i]);
	ck_assert(xr_parse_file(path, xr_test_catalogue(), &scn) == 0);
	nr_devs = scn.nr_devs;
	for (j = 0; nr_devs && j < impls.nr; j++)
		xr_run_one(&xr_model_env, &scn, impls.ops[j], &with[j]);
	scn.nr_devs = 0;
	for (j = 0; nr_devs && j < impls.nr; j++) {
		const struct xr_outcome *w = &with[j];
		struct xr_outcome *b = &bare[j];

		xr_run_one(&xr_model_env, &scn, impls.ops[j], b);
		if (w->verdict == XR_V_PASS) {
			ck_assert_msg(b->verdict == XR_V_PASS && !b->dev_hint[0],
				      "%s: %s %s: passes with its deviations, not without (%s)",
				      path, w->impl->name, w->impl->version,
				      b->reason);
			continue;
		}
		if (w->verdict != XR_V_DEV)
			continue;	/* test_scenario reports it */
		ck_assert_msg(b->verdict == XR_V_FAIL && b->dev_hint[0],
			      "%s: %s %s: shows %s, but without the declaration: %s, hint \"%s\"",
			      path, w->impl->name, w->impl->version, w->reason,
			      xr_verdict_name(b->verdict), b->dev_hint);
		snprintf(hint, sizeof(hint), "%s", b->dev_hint);
		for (id = strtok_r(hint, " ", &save); id;
		     id = strtok_r(NULL, " ", &save)) {
			for (i = 0; i < nr_devs && strcmp(scn.devs[i], id); i++)
				;
			ck_assert_msg(i < nr_devs, "%s: %s: hint %s is not declared",
				      path, w->impl->name, id);
		}
	}
	if (nr_devs)
		check_groups(path, &scn, bare);
	scn.nr_devs = nr_devs;
	xr_scenario_free(&scn);
	free(with);
	free(bare);
}
END_TEST

static bool at_rest(const struct xr_source_state *s)
{
	return !s->exists && !s->lsi && s->server == 0 &&
	       s->prio == XR_PRIO_MASKED && s->saved == XR_PRIO_MASKED &&
	       !s->p && !s->q && !s->resend && !s->masked_pending &&
	       !s->asserted && !s->pt_mapped && s->intr_cpu == -1;
}

/* Every block the instance holds; returns the number of changed sources */
static uint32_t check_changed(const char *path, const struct xr_impl_ops *ops,
			      void *inst)
{
	bool (*changed)(void *, uint32_t, uint64_t *) =
		XR_IMPL_OPT(ops, changed_sources);
	uint32_t blocks[XR_MAX_ICS_BLOCKS], nr, b, i, n = 0;
	uint64_t map[XR_ICS_MAP_WORDS];

	nr = ops->ics_blocks ? ops->ics_blocks(inst, blocks, XR_MAX_ICS_BLOCKS)
			     : 0;
	ck_assert_uint_le(nr, XR_MAX_ICS_BLOCKS);
	for (b = 0; b < nr; b++) {
		ck_assert_msg(changed(inst, blocks[b], map),
			      "%s: %s: block %#x held but not reported", path,
			      ops->name, blocks[b]);
		for (i = 0; i < XR_IRQS_PER_ICS; i++) {
			struct xr_source_state st;
			uint32_t irq = blocks[b] + i;

			if (irq < XR_FIRST_IRQ)
				continue;
			if (map[i / 64] & 1ull << (i % 64)) {
				n++;
				continue;
			}
			/*
			 * Asserted only when it fails: every ck_assert that
			 * holds still writes a record to Check's pipe, and
			 * this loop runs for every source after every step
			 */
			memset(&st, 0, sizeof(st));
			if (!ops->get_source(inst, irq, &st))
				ck_abort_msg("%s: %s: source %#x of a held block "
					     "cannot be read", path, ops->name,
					     irq);
			if (!at_rest(&st))
				ck_abort_msg("%s: %s: source %#x changed but not "
					     "reported", path, ops->name, irq);
		}
	}
	/* and a block it does not hold is not reported */
	for (i = XR_NR_IRQS - XR_IRQS_PER_ICS; i > 0; i -= XR_IRQS_PER_ICS) {
		for (b = 0; b < nr && blocks[b] != i; b++)
			;
		if (b == nr)
			break;
	}
	ck_assert_msg(!changed(inst, i, map), "%s: %s: block %#x not held "
		      "but reported", path, ops->name, i);
	return n;
}

START_TEST(test_changed_sources)
{
	struct xr_scenario scn;
	struct xr_result *res = malloc(sizeof(*res));
	char path[512], err[200];
	uint32_t j, i;

	snprintf(path, sizeof(path), SCN_DIR "/%s", files[_i]);
	ck_assert_msg(xr_parse_file(path, xr_test_catalogue(), &scn) == 0,
		      "%s: does not parse", path);
	for (j = 0; j < impls.nr + xive_impls.nr; j++) {
		const struct xr_impl_ops *ops = j < impls.nr ? impls.ops[j] :
						xive_impls.ops[j - impls.nr];
		void *inst;

		if (!XR_IMPL_OPT(ops, changed_sources))
			continue;
		err[0] = '\0';
		inst = ops->create(&scn.setup, err, sizeof(err));
		if (!inst)
			continue;	/* the scenario test reports it */
		check_changed(path, ops, inst);
		for (i = 0; i < scn.nr_steps; i++) {
			const struct xr_step *st = &scn.steps[i].step;

			if (!(ops->step_kinds & (1u << st->kind)))
				break;
			xr_result_clear(res);
			if (ops->step(inst, st, res, err, sizeof(err)) != XR_OK)
				break;
			check_changed(path, ops, inst);
		}
		ops->destroy(inst);
	}
	free(res);
	xr_scenario_free(&scn);
}
END_TEST

/* -- changed_icps: every ICP whose read-back changed is marked -- */

/*
 * Run @scn on a new instance of @ops, asking changed_icps after create
 * and after every step, with every ICP read before and after: 0 when
 * each VCPU whose ICP read differently was marked, when the first call
 * marked every VCPU and a second call with no step between marked none;
 * else the step (1-based; 0 for create) where it did not, @why saying.
 */
static int icps_missed(const struct xr_impl_ops *ops,
		       const struct xr_scenario *scn, struct xr_result *res,
		       const char **why)
{
	bool (*changed)(void *, uint64_t *) = XR_IMPL_OPT(ops, changed_icps);
	uint32_t n = scn->setup.nr_vcpus, i, k;
	struct xr_icp_state *was = calloc(n + 1, sizeof(*was));
	bool *had = calloc(n + 1, sizeof(*had));
	uint64_t map[XR_MAX_VCPUS / 64];
	char err[200];
	void *inst = ops->create(&scn->setup, err, sizeof(err));
	int missed = -1;

	if (!inst || !was || !had)
		goto out;	/* the scenario test reports it */
	for (k = 0; k <= scn->nr_steps; k++) {
		const struct xr_step *st = k ? &scn->steps[k - 1].step : NULL;

		if (st && (!(ops->step_kinds & (1u << st->kind)) ||
			   (xr_result_clear(res),
			    ops->step(inst, st, res, err, sizeof(err)) != XR_OK)))
			break;
		memset(map, 0, sizeof(map));
		if (!changed(inst, map))
			continue;	/* cannot tell: all changed */
		for (i = 0; i < n; i++) {
			struct xr_icp_state now;
			bool has, marked = map[i / 64] >> (i % 64) & 1;

			memset(&now, 0, sizeof(now));
			has = ops->get_icp(inst, scn->setup.vcpus[i].id, &now);
			if (!k && !marked) {
				*why = "the first call did not mark every VCPU";
				missed = 0;
				goto out;
			}
			if (k && !marked && (has != had[i] ||
			    memcmp(&now, &was[i], sizeof(now)))) {
				*why = "an ICP changed but was not marked";
				missed = (int)k;
				goto out;
			}
			had[i] = has;
			was[i] = now;
		}
		memset(map, 0, sizeof(map));
		if (changed(inst, map))
			for (i = 0; i < (n + 63) / 64; i++)
				if (map[i]) {
					*why = "a call with no step between marked a VCPU";
					missed = (int)k;
					goto out;
				}
	}
	missed = -1;
out:
	if (inst)
		ops->destroy(inst);
	free(was);
	free(had);
	return missed;
}

START_TEST(test_changed_icps)
{
	struct xr_scenario scn;
	struct xr_result *res = malloc(sizeof(*res));
	const char *why = "";
	char path[512];
	uint32_t j;

	snprintf(path, sizeof(path), SCN_DIR "/%s", files[_i]);
	ck_assert(xr_parse_file(path, xr_test_catalogue(), &scn) == 0);
	for (j = 0; j < impls.nr; j++) {
		const struct xr_impl_ops *ops = impls.ops[j];
		int at;

		if (!XR_IMPL_OPT(ops, changed_icps))
			continue;
		at = icps_missed(ops, &scn, res, &why);
		ck_assert_msg(at < 0, "%s: %s %s: step %d: %s", path,
			      ops->name, ops->version, at, why);
	}
	free(res);
	xr_scenario_free(&scn);
}
END_TEST

/*
 * The test above can fail: the model behind a changed_icps that marks
 * every VCPU on its first call, as it must, and none after
 */
struct lazy {
	void *model;
	bool asked;
};

static const struct xr_impl_ops *lazy_inner(void)
{
	return xr_model_ops(XR_CTX_VIRTUAL);
}

static void *lazy_create(const struct xr_setup *s, char *err, size_t len)
{
	struct lazy *l = calloc(1, sizeof(*l));

	if (l)
		l->model = lazy_inner()->create(s, err, len);
	if (l && l->model)
		return l;
	free(l);
	return NULL;
}

static void lazy_destroy(void *inst)
{
	struct lazy *l = inst;

	lazy_inner()->destroy(l->model);
	free(l);
}

static enum xr_status lazy_step(void *inst, const struct xr_step *st,
				struct xr_result *res, char *err, size_t len)
{
	return lazy_inner()->step(((struct lazy *)inst)->model, st, res, err,
				  len);
}

static bool lazy_get_icp(void *inst, uint32_t vcpu, struct xr_icp_state *o)
{
	return lazy_inner()->get_icp(((struct lazy *)inst)->model, vcpu, o);
}

static bool lazy_changed_icps(void *inst, uint64_t *map)
{
	struct lazy *l = inst;
	uint64_t scratch[XR_MAX_VCPUS / 64] = { 0 };

	if (l->asked)
		return lazy_inner()->changed_icps(l->model, scratch);
	l->asked = true;
	return lazy_inner()->changed_icps(l->model, map);
}

START_TEST(test_changed_icps_lazy)
{
	struct xr_impl_ops lazy = *lazy_inner();
	struct xr_result *res = malloc(sizeof(*res));
	const char *why = "";
	int f, caught = 0;

	lazy.create = lazy_create;
	lazy.destroy = lazy_destroy;
	lazy.step = lazy_step;
	lazy.get_icp = lazy_get_icp;
	lazy.changed_icps = lazy_changed_icps;
	for (f = 0; f < nr_files && !caught; f++) {
		struct xr_scenario scn;
		char path[512];

		snprintf(path, sizeof(path), SCN_DIR "/%s", files[f]);
		ck_assert(xr_parse_file(path, xr_test_catalogue(), &scn) == 0);
		caught = icps_missed(&lazy, &scn, res, &why) > 0;
		xr_scenario_free(&scn);
	}
	ck_assert_msg(caught, "a changed_icps that marks nothing after its first call passed every scenario");
	free(res);
}
END_TEST

/*
 * A group shares one reference instance among its pairs, whose
 * changed_icps reports each change once: the runner must ask it once a
 * step for all of them.  Two copies of the model in one group, the second
 * deaf to H_CPPR: the first pair's question must not take the change the
 * second pair needs to see its difference, so the group finds what the
 * second finds alone.  (It passed a deaf model before the runner shared
 * the answer.)
 */
static enum xr_status deaf_step(void *inst, const struct xr_step *st,
				struct xr_result *res, char *err, size_t len)
{
	if (st->kind == XR_STEP_H_CPPR)
		return XR_OK;		/* rc H_SUCCESS, the CPPR kept */
	return xr_model_ops(XR_CTX_VIRTUAL)->step(inst, st, res, err, len);
}

START_TEST(test_group_shares_reference_marks)
{
	/* the first comparison of a run reads all: the difference comes later */
	static const char text[] =
		"vcpu 0\nvcpu 1\nvcpu 0 H_XIRR\nvcpu 0 H_CPPR 0x5\n";
	struct xr_impl_ops twin = *xr_model_ops(XR_CTX_VIRTUAL);
	struct xr_impl_ops deaf = twin;
	const struct xr_impl_ops *group[2] = { &twin, &deaf };
	struct xr_outcome *alone = calloc(1, sizeof(*alone));
	struct xr_outcome *outs = calloc(2, sizeof(*outs));
	struct xr_parse_error perr;
	struct xr_scenario scn;

	twin.name = "model-twin";
	deaf.name = "model-deaf";
	deaf.step = deaf_step;
	ck_assert(xr_parse(text, sizeof(text) - 1, NULL, &scn, &perr) == 0);
	xr_run_one(&xr_model_env, &scn, &deaf, alone);
	ck_assert_msg(alone->verdict == XR_V_FAIL && alone->step == 2,
		      "the deaf model alone: %s at step %u",
		      xr_verdict_name(alone->verdict), alone->step);
	xr_run_group(&xr_model_env, &scn, group, 2, outs);
	ck_assert_msg(outs[0].verdict == XR_V_PASS, "the twin in a group: %s",
		      xr_verdict_name(outs[0].verdict));
	xr_test_same_outcome("group of twin and deaf", alone, &outs[1]);
	xr_scenario_free(&scn);
	free(alone);
	free(outs);
}
END_TEST

/* -- reset: an instance reset to a set-up is a new one -- */

/* Run @scn's steps on @inst up to a step it cannot run */
static void run_all(const struct xr_impl_ops *ops, void *inst,
		    const struct xr_scenario *scn, struct xr_result *res)
{
	char err[200];
	uint32_t i;

	for (i = 0; i < scn->nr_steps; i++) {
		const struct xr_step *st = &scn->steps[i].step;

		if (!(ops->step_kinds & (1u << st->kind)))
			return;
		xr_result_clear(res);
		if (ops->step(inst, st, res, err, sizeof(err)) != XR_OK)
			return;
	}
}

/* Every ICP of the set-up and every source of every block either holds */
static void cmp_whole(struct xr_outcome *o, const struct xr_impl_ops *ops,
		      void *a, void *b, const struct xr_setup *s)
{
	uint32_t blocks[2 * XR_MAX_ICS_BLOCKS], nr, i, k;

	for (i = 0; i < s->nr_vcpus; i++) {
		struct xr_icp_state ia, ib;
		bool ha, hb;

		memset(&ia, 0, sizeof(ia));
		memset(&ib, 0, sizeof(ib));
		ha = ops->get_icp(a, s->vcpus[i].id, &ia);
		hb = ops->get_icp(b, s->vcpus[i].id, &ib);
		xr_cmp_icp(o, s->vcpus[i].id, ha, &ia, hb, &ib,
			   XR_ICP_FIELDS_ALL);
	}
	nr = ops->ics_blocks(a, blocks, XR_MAX_ICS_BLOCKS);
	nr += ops->ics_blocks(b, blocks + nr, XR_MAX_ICS_BLOCKS);
	for (k = 0; k < nr; k++)
		for (i = blocks[k]; i < blocks[k] + XR_IRQS_PER_ICS; i++) {
			struct xr_source_state sa, sb;
			bool ha, hb;

			memset(&sa, 0, sizeof(sa));
			memset(&sb, 0, sizeof(sb));
			ha = ops->get_source(a, i, &sa);
			hb = ops->get_source(b, i, &sb);
			xr_cmp_source(o, i, ha, &sa, hb, &sb,
				      XR_SRC_FIELDS_ALL);
		}
}

/*
 * Implementation @ops: an instance that ran @before's scenario, reset to
 * @scn's set-up, and a new instance of it agree on creation, on every
 * step's result and events, and after every step on every ICP and every
 * source of every block either holds.  Returns the number of differences
 * (the first in @o); an instance that cannot be created is no difference.
 */
static uint32_t reset_vs_new(const struct xr_impl_ops *ops,
			     const struct xr_scenario *before,
			     const struct xr_scenario *scn,
			     struct xr_result *ra, struct xr_result *rb,
			     struct xr_outcome *o, uint32_t *at)
{
	bool (*reset)(void *, const struct xr_setup *, char *, size_t) =
		XR_IMPL_OPT(ops, reset);
	char ea[200] = "", eb[200] = "";
	void *a, *b;
	uint32_t i;
	bool ok;

	memset(o, 0, sizeof(*o));
	*at = 0;
	a = ops->create(&before->setup, ea, sizeof(ea));
	if (!a)
		return 0;	/* that file's own test reports it */
	run_all(ops, a, before, ra);
	ok = reset(a, &scn->setup, ea, sizeof(ea));
	b = ops->create(&scn->setup, eb, sizeof(eb));
	ck_assert_msg(ok == (b != NULL), "%s: reset %s, create %s",
		      ops->name, ok ? "ok" : ea, b ? "ok" : eb);
	if (!ok) {
		ck_assert_str_eq(ea, eb);
		ops->destroy(a);
		return 0;
	}
	cmp_whole(o, ops, a, b, &scn->setup);
	for (i = 0; i < scn->nr_steps && !o->nr_diffs; i++) {
		const struct xr_step *st = &scn->steps[i].step;
		enum xr_status sa, sb;

		if (!(ops->step_kinds & (1u << st->kind)))
			break;
		xr_result_clear(ra);
		xr_result_clear(rb);
		sa = ops->step(a, st, ra, ea, sizeof(ea));
		sb = ops->step(b, st, rb, eb, sizeof(eb));
		if (sa != sb) {
			o->nr_diffs++;
			break;
		}
		if (sa != XR_OK)
			break;
		xr_cmp_result(o, st, ra, rb, XR_EV_ALL);
		cmp_whole(o, ops, a, b, &scn->setup);
	}
	*at = i;
	ops->destroy(a);
	ops->destroy(b);
	return o->nr_diffs;
}

/*
 * For every implementation with a reset operation (the model's two
 * tables, the kernel adapters): reset after the next file's scenario to
 * this file's set-up (for the kernel a new VM in place), and reset after
 * this file's own scenario to its own set-up (for the kernel the copy of
 * its heap taken at creation), each against a new instance.
 */
START_TEST(test_reset)
{
	struct xr_scenario scn, other;
	struct xr_result *ra = malloc(sizeof(*ra)), *rb = malloc(sizeof(*rb));
	struct xr_outcome *o = calloc(1, sizeof(*o));
	char path[512], opath[512];
	uint32_t j, at;

	snprintf(path, sizeof(path), SCN_DIR "/%s", files[_i]);
	snprintf(opath, sizeof(opath), SCN_DIR "/%s",
		 files[(_i + 1) % nr_files]);
	ck_assert(xr_parse_file(path, xr_test_catalogue(), &scn) == 0);
	ck_assert(xr_parse_file(opath, xr_test_catalogue(), &other) == 0);
	for (j = 0; j < impls.nr; j++) {
		const struct xr_impl_ops *ops = impls.ops[j];

		if (!XR_IMPL_OPT(ops, reset))
			continue;
		ck_assert_msg(!reset_vs_new(ops, &other, &scn, ra, rb, o, &at),
			      "%s: %s: reset from another set-up and new differ after step %u: %s: %s vs %s",
			      path, ops->name, at, o->diffs[0].field,
			      o->diffs[0].a, o->diffs[0].b);
		ck_assert_msg(!reset_vs_new(ops, &scn, &scn, ra, rb, o, &at),
			      "%s: %s: reset to the same set-up and new differ after step %u: %s: %s vs %s",
			      path, ops->name, at, o->diffs[0].field,
			      o->diffs[0].a, o->diffs[0].b);
	}
	free(ra);
	free(rb);
	free(o);
	xr_scenario_free(&scn);
	xr_scenario_free(&other);
}
END_TEST

/*
 * The test above can fail: with the kernel's reset broken on purpose
 * (XICSREF_TEST_BREAK_RESET=1: half of the heap's copy restored), the
 * same-set-up reset of some scenario must differ from a new instance,
 * for every kernel implementation loaded.
 */
START_TEST(test_reset_broken)
{
	struct xr_result *ra = malloc(sizeof(*ra)), *rb = malloc(sizeof(*rb));
	struct xr_outcome *o = calloc(1, sizeof(*o));
	uint32_t j, f, at, caught;
	int kernels = 0;

	setenv("XICSREF_TEST_BREAK_RESET", "1", 1);
	for (j = 0; j < impls.nr; j++) {
		const struct xr_impl_ops *ops = impls.ops[j];

		if (!XR_IMPL_OPT(ops, reset) || strncmp(ops->name, "kernel", 6))
			continue;
		kernels++;
		for (f = 0, caught = 0; (int)f < nr_files && !caught; f++) {
			struct xr_scenario scn;
			char path[512];

			snprintf(path, sizeof(path), SCN_DIR "/%s", files[f]);
			ck_assert(xr_parse_file(path, xr_test_catalogue(),
						&scn) == 0);
			caught = reset_vs_new(ops, &scn, &scn, ra, rb, o, &at);
			xr_scenario_free(&scn);
		}
		ck_assert_msg(caught, "%s %s: a broken reset passed every scenario",
			      ops->name, ops->version);
	}
	unsetenv("XICSREF_TEST_BREAK_RESET");
	if (!kernels)
		fprintf(stderr, "differential: *** no kernel loaded: the broken-reset test checked nothing ***\n");
	free(ra);
	free(rb);
	free(o);
}
END_TEST

Suite *xr_suite_diff(void)
{
	Suite *s = suite_create("differential");
	TCase *tc = tcase_create("scenarios");

	setup_lists();
	/*
	 * A timeout catches a hang, not a slow machine: the sanitizer build
	 * of test_changed_sources reads every source of every block after
	 * every step, which on limit-many-blocks-resend took over 60 s on a
	 * loaded 2-core machine
	 */
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_scenario, 0, nr_files);
	tcase_add_loop_test(tc, test_dev_hint, 0, nr_files);
	tcase_add_loop_test(tc, test_changed_sources, 0, nr_files);
	tcase_add_loop_test(tc, test_reset, 0, nr_files);
	tcase_add_loop_test(tc, test_changed_icps, 0, nr_files);
	if (shard_i == 0) {
		tcase_add_test(tc, test_reset_broken);
		tcase_add_test(tc, test_changed_icps_lazy);
		tcase_add_test(tc, test_group_shares_reference_marks);
	}
	suite_add_tcase(s, tc);
	return s;
}
