// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref-from-fuzz: a fuzz input -> the scenario it means, and back.
 *
 *   xicsref-from-fuzz [--state] INPUT > case.scn     decode and print
 *   xicsref-from-fuzz --encode [--state] SCN OUT      a scenario -> bytes
 *
 * --state uses the step table of the state_restore target.  The encoder
 * is how the seed corpora are made from conformance/scenarios/NAME.scn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "emit.h"
#include "scenario.h"

static int encode(const char *in, const char *out, enum xf_profile p)
{
	static struct xf_case c;
	static uint8_t bytes[16384];
	struct xr_parse_error err;
	struct xr_scenario scn;
	size_t len, n;
	char *buf = xr_read_file(in, &len);
	uint32_t i;
	FILE *f;

	if (!buf) {
		perror(in);
		return 1;
	}
	if (xr_parse(buf, len, NULL, &scn, &err)) {
		fprintf(stderr, "%s:%u: %s\n", in, err.line, err.msg);
		free(buf);
		return 2;
	}
	memset(&c, 0, sizeof(c));
	c.version = XF_FORMAT_VERSION;
	c.setup = scn.setup;
	for (i = 0; i < scn.nr_steps && c.nr_steps < XF_MAX_STEPS; i++)
		c.steps[c.nr_steps++] = scn.steps[i].step;
	xf_case_blocks(&c);
	xr_scenario_free(&scn);
	free(buf);
	n = xf_encode(&c, p, bytes, sizeof(bytes));
	f = fopen(out, "wb");
	if (!f || fwrite(bytes, 1, n, f) != n || fclose(f)) {
		perror(out);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	enum xf_profile p = XF_PROFILE_ALL;
	static struct xf_case c;
	bool enc = false;
	int i = 1;
	size_t len;
	char *buf;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--state"))
			p = XF_PROFILE_STATE;
		else if (!strcmp(argv[i], "--encode"))
			enc = true;
		else
			break;
	}
	if (enc && argc - i == 2)
		return encode(argv[i], argv[i + 1], p);
	if (enc || argc - i != 1) {
		fprintf(stderr, "usage: %s [--state] INPUT > case.scn\n"
			"       %s --encode [--state] SCN OUT\n", argv[0],
			argv[0]);
		return 2;
	}
	buf = xr_read_file(argv[i], &len);
	if (!buf) {
		perror(argv[i]);
		return 1;
	}
	xf_decode((const uint8_t *)buf, len, p, &c);
	xf_emit(stdout, &c, "decoded by xicsref-from-fuzz (format version 1)");
	free(buf);
	return 0;
}
