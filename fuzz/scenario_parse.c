// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target scenario_parse: the scenario parser on arbitrary bytes.
 * It must return a scenario or one error with a message, never crash or
 * leak (ASan's leak checker runs at exit).  An error must name a line
 * that exists, and a scenario must come back with no more steps than
 * the input has lines.
 */
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

static uint32_t nr_lines(const uint8_t *data, size_t len)
{
	uint32_t n = 1;
	size_t i;

	for (i = 0; i < len; i++)
		n += data[i] == '\n';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct xr_parse_error err;
	struct xr_scenario scn;
	uint32_t lines = nr_lines(data, len);

	memset(&err, 0, sizeof(err));
	if (xr_parse((const char *)data, len, NULL, &scn, &err)) {
		if (!err.msg[0] || !memchr(err.msg, 0, sizeof(err.msg)) ||
		    err.line > lines)
			abort();	/* an error must say what and where */
		return 0;
	}
	if (scn.nr_steps > lines)
		abort();
	xr_scenario_free(&scn);
	return 0;
}
