/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref fuzzing: what every target shares.  A decoded case becomes a
 * parsed-scenario structure and runs through the runner core
 * (conformance/runner/run.h): the fuzzers compare nothing themselves.
 */
#ifndef XICSREF_FUZZ_HARNESS_H
#define XICSREF_FUZZ_HARNESS_H

#include <stdbool.h>
#include <stdio.h>

#include <xicsref/impl.h>

#include "decode.h"
#include "run.h"

#define XF_MAX_IMPLS		16

/* The implementations of the kernel shared objects, loaded once */
struct xf_impls {
	uint32_t nr;
	const struct xr_impl_ops *ops[XF_MAX_IMPLS];
	const char *from[XF_MAX_IMPLS];	/* the .so it came from */
};

/*
 * Load every kernel .so named in XICSREF_KERNEL_SOS (colon separated),
 * or else the compiled-in default list.  Failures are printed; the
 * caller decides whether an empty list is fatal.
 */
void xf_load_kernels(struct xf_impls *impls);

/*
 * xf_load_kernels for a differential target: none loaded is fatal.  A
 * per-version target names its kernel MAJOR.MINOR (@only_version, else
 * NULL: every one) and @family, "xics" or "xive" (ignored without a
 * version).
 */
void xf_load_kernels_or_exit(struct xf_impls *impls, const char *target,
			     const char *only_version, const char *family);

/* The quirks of every documented deviation that applies to @impl */
uint64_t xf_quirks_for(const struct xr_impl_ops *impl);

/*
 * Is @c a valid scenario?  It is printed and parsed by the runner's own
 * parser; @why gets the parser's message when not.
 */
bool xf_valid(const struct xf_case *c, char *why, size_t len);

/*
 * Run @c on @impl in lockstep with the reference model (with @impl's
 * deviation quirks, so only new differences count).  Returns true and
 * fills @out when they differ.
 */
bool xf_differs(const struct xf_case *c, const struct xr_impl_ops *impl,
		struct xr_outcome *out);

/* Print @o (what differs, where) to @f */
void xf_print_outcome(FILE *f, const struct xf_case *c,
		      const struct xr_outcome *o);

/*
 * Shrink @c while it differs on @impl, print the outcome and the
 * minimal scenario to stderr, then abort(): the fuzzer's finding.
 */
void xf_report_diff(const char *target, struct xf_case *c,
		    const struct xr_impl_ops *impl);

/*
 * Decode and diff on all @impls; a difference is checked to be no decoder
 * bug (the case prints and parses back to itself), then reported.
 */
void xf_diff_input(const char *target, const uint8_t *data, size_t len,
		   enum xf_profile profile, const struct xf_impls *impls);

#endif /* XICSREF_FUZZ_HARNESS_H */
