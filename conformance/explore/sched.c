// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated CPUs and who runs next.
 *
 * Each operation of a parallel block runs the kernel code on its own
 * coroutine (ucontext, a stack of its own at a fixed address), as its own
 * physical CPU: the kernel side is told which CPU runs (local_paca,
 * smp_processor_id(), where events go) at every switch.  A CPU runs
 * until it reaches a decision point; there the chooser says who goes on.
 * Choosing the CPU that ran last costs nothing; choosing another while it
 * could go on is a preemption (the chooser counts them).  A CPU that
 * waits for a lock, or has finished, lets the chooser pick freely.
 *
 * Host work: when a real-mode CPU borrows a host core (grab_next_hostcore)
 * and pokes it, that core's handler runs as a CPU of its own from then on,
 * in parallel with everything else, as on the machine.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <xs_api.h>

#include "xs.h"

struct xs_engine *xs_cur;
int xs_on;

/*
 * Stacks at fixed addresses: a kernel variable on the stack has the same
 * address in every execution, as the explorer's memory bookkeeping needs.
 */
static char xs_stacks[XS_CPUS][XS_STACK] __attribute__((aligned(64)));

static void on_cpu(struct xs_engine *e, int i)
{
	e->cur = i;
	e->host->on_cpu(e->host->ctx, e->cpu[i].cpu, e->cpu[i].op);
}

void xs_abort(enum xr_par_end end, const char *fmt, ...)
{
	struct xs_engine *e = xs_cur;
	va_list ap;

	if (!e->ended) {
		e->ended = true;
		e->ex->end = end;
		va_start(ap, fmt);
		vsnprintf(e->ex->why, sizeof(e->ex->why), fmt, ap);
		va_end(ap);
	}
	setcontext(&e->main_uc);
	__builtin_unreachable();
}

/*
 * Ask the chooser.  The decision is named by where it is in the deciding
 * CPU's run (: index in cpu[], -1 for the start): its tick and the
 * how-many-th decision of this kind there (struct xr_choice).
 */
static int choose(struct xr_choice *ch, int ci)
{
	struct xs_engine *e = xs_cur;
	int r;

	if (ci >= 0) {
		struct xs_cpu *c = &e->cpu[ci];
		uint32_t k = ch->kind == XR_CHOICE_DELAY;

		if (c->dtick[k] != c->tick) {
			c->dtick[k] = c->tick;
			c->dnth[k] = 0;
		}
		ch->tick = c->tick;
		ch->nth = c->dnth[k]++;
	}
	e->ex->decisions++;
	r = e->ex->choose(e->ex->ctx, ch);
	if (r == XR_CHOOSE_STOP)
		xs_abort(XR_PAR_STOPPED, "stopped by the chooser");
	if (r < 0 || (uint32_t)r >= ch->nr)
		xs_abort(XR_PAR_FAILED, "the chooser answered %d of %u", r,
			 ch->nr);
	return r;
}

bool xs_delay(void)
{
	struct xs_engine *e = xs_cur;
	struct xr_choice ch;

	memset(&ch, 0, sizeof(ch));
	ch.kind = XR_CHOICE_DELAY;
	ch.nr = 2;
	ch.cur = 0;
	ch.alt[0] = 0;
	ch.alt[1] = 1;
	ch.cpu = e->cpu[e->cur].cpu;
	return choose(&ch, e->cur) == 1;
}

/* Describe why nobody can run: who waits for what */
static void deadlock(struct xs_engine *e)
{
	char why[200] = "";
	size_t n = 0;
	uint32_t i, k;

	for (i = 0; i < e->nr && n < sizeof(why); i++) {
		const struct xs_cpu *c = &e->cpu[i];
		int holder = -1;

		if (c->state != XS_BLOCKED)
			continue;
		for (k = 0; k < e->nlocks; k++)
			if (e->locks[k].lock == c->wait)
				holder = e->locks[k].holder;
		n += (size_t)snprintf(why + n, sizeof(why) - n,
				      "%scpu %u waits for a lock %s cpu %d%s",
				      n ? "; " : "", c->cpu,
				      holder >= 0 && e->cpu[holder].state ==
				      XS_DONE ? "that finished" : "held by",
				      holder >= 0 ? (int)e->cpu[holder].cpu : -1,
				      holder >= 0 && e->cpu[holder].state ==
				      XS_DONE ? " without releasing it" : "");
	}
	xs_abort(XR_PAR_DEADLOCK, "%s", why);
}

/*
 * Let the chooser pick the next CPU among those that can run; the one
 * running now is the free choice if it can go on (@go_on).
 */
static void schedule(bool go_on)
{
	struct xs_engine *e = xs_cur;
	struct xr_choice ch;
	int idx[XS_CPUS], self = e->cur, pick;
	uint32_t i;

	memset(&ch, 0, sizeof(ch));
	ch.kind = XR_CHOICE_CPU;
	ch.cur = -1;
	for (i = 0; i < e->nr; i++) {
		if (e->cpu[i].state != XS_READY)
			continue;
		if ((int)i == self && go_on)
			ch.cur = (int32_t)ch.nr;
		idx[ch.nr] = (int)i;
		ch.alt[ch.nr++] = e->cpu[i].cpu;
	}
	if (!ch.nr) {
		for (i = 0; i < e->nr; i++)
			if (e->cpu[i].state == XS_BLOCKED)
				deadlock(e);
		e->ended = true;
		setcontext(&e->main_uc);
	}
	if (ch.nr == 1) {
		pick = idx[0];
	} else {
		ch.cpu = self >= 0 ? e->cpu[self].cpu : UINT32_MAX;
		ch.state = xs_state_hash();
		pick = idx[choose(&ch, self)];
	}
	if (pick == self)
		return;
	xs_trace(XS_T_SWITCH, 0, 0, e->cpu[pick].cpu, 0, 0, NULL);
	on_cpu(e, pick);
	if (self >= 0 && e->cpu[self].state != XS_DONE)
		swapcontext(&e->cpu[self].uc, &e->cpu[pick].uc);
	else
		setcontext(&e->cpu[pick].uc);
}

void xs_point(void)
{
	if (!xs_cur->ended)
		schedule(true);
}

/* A coroutine's life: the operation, then its stores drain */
static void cpu_main(void)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *c = &e->cpu[e->cur];

	xs_trace(XS_T_START, 0, 0, 0, 0, c->host, NULL);
	c->fn(c->arg);
	c = &e->cpu[e->cur];
	/*
	 * A host CPU poked again while its handler ran takes the IPI when the
	 * handler returns, as a CPU takes a pending interrupt: run it again.
	 */
	for (;;) {
		uint32_t i;

		xs_finish(c);
		/* as before a release: others run while its stores wait */
		if (c->nbuf) {
			xs_point();
			c = &e->cpu[e->cur];
		}
		if (!c->host || !e->host->host_pending(e->host->ctx, c->cpu))
			break;
		for (i = 0; i < XS_CPUS; i++)
			if (c->ipi[i] > c->vc[i])
				c->vc[i] = c->ipi[i];
		c->fn(c->arg);
		c = &e->cpu[e->cur];
	}
	xs_flush_all(c);
	c->state = XS_DONE;
	xs_trace(XS_T_END, 0, 0, 0, 0, c->host, NULL);
	schedule(false);
	__builtin_unreachable();
}

static void cpu_init(struct xs_engine *e, uint32_t i, uint32_t cpu, int op,
		     void (*fn)(void *), void *arg)
{
	struct xs_cpu *c = &e->cpu[i];

	memset(c, 0, sizeof(*c));
	c->cpu = cpu;
	c->op = op;
	c->fn = fn;
	c->arg = arg;
	c->state = XS_READY;
	c->stack = xs_stacks[i];
	getcontext(&c->uc);
	c->uc.uc_stack.ss_sp = c->stack;
	c->uc.uc_stack.ss_size = XS_STACK;
	c->uc.uc_link = NULL;
	makecontext(&c->uc, cpu_main, 0);
}

/* Host work: a host CPU's IPI handler, or a guest CPU's entry after a doorbell */
struct host_work {
	struct xs_engine *e;
	uint32_t cpu;
};

static struct host_work xs_host_work[XS_CPUS];

static void host_work_main(void *arg)
{
	struct host_work *w = arg;

	w->e->host->host_work(w->e->host->ctx, w->cpu);
}

void xs_poked(unsigned int cpu)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *self;
	uint32_t i, k;
	int work;

	if (!e || e->ended)
		return;
	work = e->host->host_pending(e->host->ctx, cpu);
	if (work == XS_WORK_NONE)
		return;
	for (i = 0; i < e->nr; i++) {
		if (e->cpu[i].cpu != cpu || e->cpu[i].state == XS_DONE)
			continue;
		if (e->cpu[i].host) {
			/* it takes the message when its handler returns */
			for (k = 0; k < XS_CPUS; k++)
				if (e->cpu[e->cur].vc[k] > e->cpu[i].ipi[k])
					e->cpu[i].ipi[k] = e->cpu[e->cur].vc[k];
			return;
		}
		/* a hypercall of the block: its return enters the guest */
		if (work == XS_WORK_GUEST)
			return;
		xs_abort(XR_PAR_FAILED,
			 "host work was sent to cpu %u, which runs an operation of the block: give the operation another CPU",
			 cpu);
	}
	if (e->nr == XS_CPUS)
		xs_abort(XR_PAR_FAILED, "more than %u CPUs at once", XS_CPUS);
	self = &e->cpu[e->cur];
	xs_host_work[e->nr].e = e;
	xs_host_work[e->nr].cpu = cpu;
	cpu_init(e, e->nr, cpu, self->op, host_work_main,
		 &xs_host_work[e->nr]);
	e->cpu[e->nr].host = true;
	/* the IPI orders what its sender did before it */
	memcpy(e->cpu[e->nr].vc, self->vc, sizeof(self->vc));
	e->cpu[e->nr].vc[e->nr] = 1;
	e->nr++;
}

struct xs_lock *xs_lock_find(const void *addr)
{
	struct xs_engine *e = xs_cur;
	uint32_t i;

	for (i = 0; i < e->nlocks; i++)
		if (e->locks[i].lock == addr)
			return &e->locks[i];
	return NULL;
}

static struct xs_lock *lock_get(const void *addr)
{
	struct xs_engine *e = xs_cur;
	struct xs_lock *l = xs_lock_find(addr);

	if (l)
		return l;
	if (e->nlocks == XS_LOCKS)
		xs_abort(XR_PAR_FAILED, "more than %u locks", XS_LOCKS);
	l = &e->locks[e->nlocks++];
	memset(l, 0, sizeof(*l));
	l->lock = addr;
	l->holder = -1;
	return l;
}

void xs_lock_op(const void *lock, bool acquire, void *pc)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *c = &e->cpu[e->cur];
	struct xs_lock *l;
	uint32_t i;

	xs_finish(c);
	if (acquire) {
		xs_point();
		c = &e->cpu[e->cur];
		l = lock_get(lock);
		if (l->holder == e->cur)
			xs_abort(XR_PAR_DEADLOCK,
				 "cpu %u takes a lock it already holds",
				 c->cpu);
		while (l->holder >= 0) {
			c->state = XS_BLOCKED;
			c->wait = lock;
			xs_trace(XS_T_WAIT, (uintptr_t)lock, 0, 0, 0, 0,
				 pc);
			schedule(false);
		}
		c->hist = xs_mix(c->hist, (uintptr_t)lock);
		l->holder = e->cur;
		xs_flush_all(c);
		if (e->races)
			xs_race_acquire(c, l->vc);
		xs_trace(XS_T_LOCK, (uintptr_t)lock, 0, 0, 0, 0,
			 pc);
		return;
	}
	/*
	 * A decision before the release drains the store buffer: another CPU
	 * may run while this one's stores still wait (and after what it
	 * read last), as on hardware until the release orders them.
	 */
	if (c->nbuf)
		xs_point();
	c = &e->cpu[e->cur];
	l = xs_lock_find(lock);
	if (!l || l->holder != e->cur)
		xs_abort(XR_PAR_FAILED, "cpu %u releases a lock it does not hold",
			 c->cpu);
	xs_flush_all(c);
	if (e->races)
		xs_race_release(c, l->vc);
	c->hist = xs_mix(c->hist, ~(uintptr_t)lock);
	l->holder = -1;
	for (i = 0; i < e->nr; i++)
		if (e->cpu[i].state == XS_BLOCKED && e->cpu[i].wait == lock) {
			e->cpu[i].state = XS_READY;
			e->cpu[i].wait = NULL;
		}
	xs_trace(XS_T_UNLOCK, (uintptr_t)lock, 0, 0, 0, 0,
		 pc);
	xs_point();
}

void xs_barrier_op(int kind, void *pc)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *c = &e->cpu[e->cur];

	xs_finish(c);
	xs_point();
	c = &e->cpu[e->cur];
	c->hist = xs_mix(c->hist, 0xba00 + (uint64_t)kind);
	if (kind == XS_MB || kind == XS_IO)
		xs_flush_all(c);
	else if (kind == XS_WMB)
		c->epoch++;
	if (e->races)
		xs_race_fence(c, kind);
	xs_trace(XS_T_BARRIER, 0, 0, 0, 0, (uint8_t)kind,
		 pc);
}

/* The kernel side's entry points (xs_api.h) */
void xs_lock_hook(const void *lock, int acquire, void *pc)
{
	xs_lock_op(lock, acquire, pc);
}

void xs_barrier_hook(int kind, void *pc)
{
	xs_barrier_op(kind, pc);
}

void xs_run(struct xs_engine *e, struct xr_par_exec *ex,
	    const struct xs_host *host, const struct xs_op *ops, uint32_t nr)
{
	static volatile bool started;
	struct xr_choice ch;
	uint32_t i;
	volatile int first = 0;

	e->ex = ex;
	e->host = host;
	e->nr = nr;
	e->cur = -1;
	e->ended = false;
	e->nlocks = 0;
	e->mem = 0;
	e->ntrace = 0;
	e->races = ex->flags & XR_PAR_RACES;
	ex->end = XR_PAR_DONE;
	ex->why[0] = '\0';
	ex->learnt = false;
	ex->decisions = 0;
	{
		unsigned long lo, hi;

		shim_arena_range(&lo, &hi);
		e->data_lo = lo;
		e->data_hi = hi;
	}
	xs_cur = e;
	if (ex->flags & XR_PAR_NEW)
		xs_mem_new_exploration();
	xs_mem_begin();
	for (i = 0; i < nr; i++)
		cpu_init(e, i, ops[i].cpu, (int)i, ops[i].fn, ops[i].arg);
	if (e->races)
		xs_race_begin();
	xs_on = 1;
	started = false;
	getcontext(&e->main_uc);
	if (!started) {
		started = true;
		memset(&ch, 0, sizeof(ch));
		ch.kind = XR_CHOICE_CPU;
		ch.cur = -1;
		ch.cpu = UINT32_MAX;
		ch.nr = nr;
		for (i = 0; i < nr; i++)
			ch.alt[i] = ops[i].cpu;
		if (nr > 1) {
			ch.state = xs_state_hash();
			first = choose(&ch, -1);
		}
		on_cpu(e, first);
		swapcontext(&e->main_uc, &e->cpu[first].uc);
	}
	xs_on = 0;
	ex->cpus = e->nr;
	if (ex->flags & XR_PAR_TRACE)
		xs_trace_render(e);
	xs_cur = NULL;
}
