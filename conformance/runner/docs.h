/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref CLI: output meant for documentation.
 *
 *   xr_dot()       the ICP or ICS state machine as Graphviz, derived by
 *                  running the model (dot.c)
 *   xr_trace_md()  "xicsref trace" as Markdown tables (trace.c)
 */
#ifndef XR_RUNNER_DOCS_H
#define XR_RUNNER_DOCS_H

#include <stdio.h>

#include <xicsref/impl.h>

#include "scenario.h"

/* @what: "icp" or "ics".  0, or -1 with a message on stderr. */
int xr_dot(FILE *f, const char *what, const struct xr_impl_ops *impl);

int xr_trace_md(FILE *f, const char *file, const struct xr_scenario *scn,
		const struct xr_impl_ops *impl);

#endif /* XR_RUNNER_DOCS_H */
