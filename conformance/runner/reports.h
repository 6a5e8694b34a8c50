/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref CLI: reports that CI tools read, next to the human table.
 *
 *   TAP version 13 on a stream: one "ok"/"not ok" per (scenario,
 *   implementation), the human detail of a failure as a YAML block.
 *   JUnit XML into a file: one <testsuite> per scenario file, one
 *   <testcase> per implementation, written when the run ends (the
 *   counts in the opening tags are known only then).
 */
#ifndef XR_RUNNER_REPORTS_H
#define XR_RUNNER_REPORTS_H

#include <stdio.h>

#include "run.h"
#include "scenario.h"

struct xr_ci_report;

/*
 * @tap: stream for TAP, or NULL; @junit: path of the XML file, or NULL;
 * @planned: number of (scenario, implementation) pairs that will be
 * added.  Returns NULL (with a message on stderr) when out of memory.
 */
struct xr_ci_report *xr_ci_open(FILE *tap, const char *junit,
				uint32_t planned);
/* The outcomes of one scenario file on every implementation */
void xr_ci_add(struct xr_ci_report *r, const char *file,
	       const struct xr_scenario *scn, const struct xr_outcome *outs,
	       uint32_t nr);
/* Write the JUnit file and free; -1 when it could not be written */
int xr_ci_close(struct xr_ci_report *r);

/* Escape @s for XML text and attributes into @f */
void xr_xml_escape(FILE *f, const char *s);

#endif /* XR_RUNNER_REPORTS_H */
