// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref fuzzing: bounding a run in CPU time (hang.h).
 *
 * ITIMER_VIRTUAL and SIGVTALRM, because libFuzzer owns SIGALRM (its
 * -timeout) and a spinning run burns CPU time anyway.  The handler jumps
 * back out of whatever the run was doing; nothing of that run is used
 * afterwards.
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "hang.h"

static sigjmp_buf hang_env;
static volatile sig_atomic_t hang_armed;

static void on_hang(int sig)
{
	if (hang_armed) {
		hang_armed = 0;
		siglongjmp(hang_env, 1);
	}
}

static void arm(unsigned int msec)
{
	struct itimerval t;

	memset(&t, 0, sizeof(t));
	t.it_value.tv_sec = msec / 1000;
	t.it_value.tv_usec = (msec % 1000) * 1000;
	setitimer(ITIMER_VIRTUAL, &t, NULL);
}

bool xf_run_bounded(void (*fn)(void *), void *arg, unsigned int msec)
{
	static bool installed;

	if (!installed) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_hang;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGVTALRM, &sa, NULL);
		installed = true;
	}
	if (sigsetjmp(hang_env, 1)) {
		arm(0);
		return false;
	}
	hang_armed = 1;
	arm(msec);
	fn(arg);
	hang_armed = 0;
	arm(0);
	return true;
}
