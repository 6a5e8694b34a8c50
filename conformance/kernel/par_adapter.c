// SPDX-License-Identifier: GPL-2.0-only
/*
 * run_parallel of kernel-vm and kernel-rm (explore builds): the steps of
 * a parallel block, each run by the ordinary one-step code of the adapter
 * on a simulated CPU of the explorer (conformance/explore/).  The kernel
 * side is told at every switch which CPU runs and where its events go;
 * host work started by an IPI reports into the operation that sent it.
 */
#include <stdio.h>
#include <string.h>

#include "adapter.h"
#include "xs.h"

_Static_assert((int)XS_WORK_NONE == (int)XK_WORK_NONE &&
	       (int)XS_WORK_HOST == (int)XK_WORK_HOST &&
	       (int)XS_WORK_GUEST == (int)XK_WORK_GUEST, "work kinds");

struct par;

struct par_arg {
	struct par *p;
	uint32_t i;
};

struct par {
	struct kinst *ki;
	struct xr_par_exec *ex;
	struct xk_events ev[XR_PAR_OPS];
	char err[XR_PAR_OPS][160];
	struct par_arg arg[XR_PAR_OPS];
};

static void par_on_cpu(void *ctx, uint32_t cpu, int op)
{
	struct par *p = ctx;

	xk_explore_cpu(p->ki->vm, (int)cpu, &p->ev[op]);
}

static void par_host_work(void *ctx, uint32_t cpu)
{
	struct par *p = ctx;

	xk_explore_host_work(p->ki->vm, (int)cpu);
}

static int par_host_pending(void *ctx, uint32_t cpu)
{
	struct par *p = ctx;

	return xk_explore_host_pending(p->ki->vm, (int)cpu);
}

static void par_visible(void *ctx, uintptr_t addr)
{
	struct par *p = ctx;

	xk_explore_visible(p->ki->vm, addr);
}

static bool par_name(void *ctx, uintptr_t addr, char *buf, size_t len)
{
	struct par *p = ctx;

	return xk_name_addr(p->ki->vm, addr, buf, len);
}

static void par_op(void *arg)
{
	struct par_arg *a = arg;
	struct par *p = a->p;

	p->ex->st[a->i] = xr_kstep_one(p->ki, &p->ex->op[a->i].step,
				       &p->ex->res[a->i], p->err[a->i],
				       sizeof(p->err[a->i]));
}

enum xr_status xr_kpar_run(void *inst, struct xr_par_exec *ex, char *err,
			   size_t errlen)
{
	static struct xs_engine engine;
	struct kinst *ki = inst;
	struct par p;
	struct xs_op ops[XR_PAR_OPS];
	const struct xs_host host = {
		.ctx = &p,
		.on_cpu = par_on_cpu,
		.host_work = par_host_work,
		.host_pending = par_host_pending,
		.visible = par_visible,
		.name = par_name,
	};
	unsigned int warn = xk_warnings(ki->vm);
	uint32_t i;

	if (ex->nr_ops < 1 || ex->nr_ops > XR_PAR_OPS || !ex->choose) {
		snprintf(err, errlen, "kernel: a parallel block of %u operations",
			 ex->nr_ops);
		return XR_FAILED;
	}
	memset(&p, 0, sizeof(p));
	p.ki = ki;
	p.ex = ex;
	ex->nr_races = 0;
	ex->invariant[0] = '\0';
	for (i = 0; i < ex->nr_ops; i++) {
		xr_result_clear(&ex->res[i]);
		ex->st[i] = XR_OK;
		p.arg[i].p = &p;
		p.arg[i].i = i;
		ops[i].cpu = ex->op[i].cpu;
		ops[i].fn = par_op;
		ops[i].arg = &p.arg[i];
	}
	xk_explore_begin(ki->vm);
	xs_run(&engine, ex, &host, ops, ex->nr_ops);
	xk_explore_end(ki->vm);
	for (i = 0; i < ex->nr_ops; i++) {
		xr_kevents(&ex->res[i].events, &p.ev[i]);
		if (ex->st[i] != XR_OK && ex->end == XR_PAR_DONE)
			snprintf(ex->why, sizeof(ex->why), "cpu %u: %s",
				 ex->op[i].cpu, p.err[i]);
	}
	if (ex->end != XR_PAR_DONE)
		return XR_OK;
	if (xk_warnings(ki->vm) != warn) {
		ex->end = XR_PAR_FAILED;
		snprintf(ex->why, sizeof(ex->why),
			 "kernel: an unexpected hardware access was hit");
		return XR_OK;
	}
	xk_explore_check(ki->vm, ex->invariant, sizeof(ex->invariant));
	return XR_OK;
}
