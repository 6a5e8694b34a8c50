/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by the benchmarks: a clock and the .so loader. */
#ifndef XICSREF_BENCH_UTIL_H
#define XICSREF_BENCH_UTIL_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <xicsref/impl.h>

static inline double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Load the implementations a shared object provides, or exit(2). */
static inline const struct xr_impl_ops *const *
bench_load_impls(const char *path, uint32_t *nr)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	xr_impl_entry_fn entry;

	if (!h) {
		fprintf(stderr, "bench: %s\n", dlerror());
		exit(2);
	}
	*(void **)&entry = dlsym(h, XR_IMPL_ENTRY_SYMBOL);
	if (!entry) {
		fprintf(stderr, "bench: %s: no %s\n", path,
			XR_IMPL_ENTRY_SYMBOL);
		exit(2);
	}
	return entry(nr);
}

#endif /* XICSREF_BENCH_UTIL_H */
