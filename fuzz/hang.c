// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing: bounding a run in CPU time (hang.h).
 *
 * A watchdog, not a timer per run: ITIMER_VIRTUAL ticks every
 * XF_HANG_TICK_MSEC of the process's CPU time from the first bounded run
 * on, and each tick that finds the same run still going counts against
 * its bound.  Arming and disarming a timer around every run cost two
 * setitimer(2) calls, and saving the signal mask for the jump back a
 * third: three system calls per group, a few per cent of a fuzzing run
 * (issue 14).  Now a run costs a few stores and no system call.
 *
 * ITIMER_VIRTUAL and SIGVTALRM, because libFuzzer owns SIGALRM (its
 * -timeout) and a spinning run burns CPU time anyway.  SA_NODEFER leaves
 * the signal unblocked in the handler, so the jump back out of it needs
 * no saved mask (sigsetjmp(.., 0)); SA_RESTART lets the ticks interrupt
 * the fuzzer's own I/O between runs without failing it.
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "hang.h"

#define XF_HANG_TICK_MSEC	20

static sigjmp_buf hang_env;
/* the run going on (0: none) and its bound in ticks seen */
static volatile sig_atomic_t hang_run, hang_limit;
/* what the last tick saw */
static volatile sig_atomic_t seen_run, seen_ticks;
static int run_seq;

/*
 * A run seen by k ticks has used more than (k - 1) ticks of CPU time
 * (the first may come just after it began): it is abandoned at the first
 * tick that proves it used its bound, hang_limit = ceil(bound / tick) + 1,
 * at most two ticks after the bound.
 */
static void on_tick(int sig)
{
	sig_atomic_t run = hang_run;

	(void)sig;
	if (!run) {
		seen_run = 0;
		return;
	}
	if (run != seen_run) {
		seen_run = run;
		seen_ticks = 0;
	}
	if (++seen_ticks < hang_limit)
		return;
	hang_run = 0;
	seen_run = 0;
	siglongjmp(hang_env, 1);
}

static void start_watchdog(void)
{
	struct sigaction sa;
	struct itimerval t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_NODEFER | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGVTALRM, &sa, NULL);
	memset(&t, 0, sizeof(t));
	t.it_value.tv_usec = XF_HANG_TICK_MSEC * 1000;
	t.it_interval = t.it_value;
	setitimer(ITIMER_VIRTUAL, &t, NULL);
}

bool xf_run_bounded(void (*fn)(void *), void *arg, unsigned int msec)
{
	static bool started;

	if (!started) {
		start_watchdog();
		started = true;
	}
	if (sigsetjmp(hang_env, 0))
		return false;
	/* a new number for each run, never 0: a tick tells runs apart */
	run_seq = run_seq % 0x7fffffff + 1;
	hang_limit = (sig_atomic_t)((msec + XF_HANG_TICK_MSEC - 1) /
				    XF_HANG_TICK_MSEC + 1);
	hang_run = run_seq;
	fn(arg);
	hang_run = 0;
	return true;
}
