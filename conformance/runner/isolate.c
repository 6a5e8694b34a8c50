// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: each (scenario, implementation) pair runs in a forked
 * child with a time limit, so a crash, a hang or a sanitizer abort in
 * kernel code is a reported FAIL, not the end of the runner.  The child
 * sends its struct xr_outcome back through a pipe; its pointers (the
 * operation tables) are valid in the parent, which has the same mapping.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void child(int fd, const struct xr_run_env *env,
		  const struct xr_scenario *scn,
		  const struct xr_impl_ops *impl)
{
	struct xr_outcome o;
	const char *p = (const char *)&o;
	size_t left = sizeof(o);

	xr_run_one(env, scn, impl, &o);
	while (left) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(3);
		p += w;
		left -= (size_t)w;
	}
	_exit(0);
}

static void failed(struct xr_outcome *o, const struct xr_impl_ops *impl,
		   const char *fmt, int v)
{
	memset(o, 0, sizeof(*o));
	o->impl = impl;
	o->verdict = XR_V_FAIL;
	snprintf(o->reason, sizeof(o->reason), fmt, v);
}

void xr_run_isolated(const struct xr_run_env *env,
		     const struct xr_scenario *scn,
		     const struct xr_impl_ops *impl, unsigned int timeout_ms,
		     struct xr_outcome *out)
{
	struct timespec t0, now;
	size_t got = 0;
	int fds[2], status = 0;
	bool timed_out = false;
	pid_t pid;

	fflush(NULL);
	if (pipe(fds)) {
		failed(out, impl, "cannot create a pipe (errno %d)", errno);
		return;
	}
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		failed(out, impl, "cannot fork (errno %d)", errno);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], env, scn, impl);
	}
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (got < sizeof(*out)) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		long ms;
		ssize_t r;

		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (long)timeout_ms - ((now.tv_sec - t0.tv_sec) * 1000 +
					     (now.tv_nsec - t0.tv_nsec) / 1000000);
		if (ms <= 0) {
			timed_out = true;
			break;
		}
		if (poll(&pfd, 1, (int)ms) <= 0)
			continue;
		r = read(fds[0], (char *)out + got, sizeof(*out) - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fds[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		failed(out, impl, "timed out after %.3g s", timeout_ms / 1000.0);
	else if (WIFSIGNALED(status))
		failed(out, impl, "crashed: signal %d", WTERMSIG(status));
	else if (got != sizeof(*out) || WEXITSTATUS(status))
		failed(out, impl, "child exited with status %d (no result)",
		       WEXITSTATUS(status));
}
