// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: reading scenario files and the rule catalogue.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xicsref/model.h>

#include "cli.h"

#define XR_MAX_FILE	(16u << 20)

char *xr_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t r;

		if (n == cap) {
			char *nb;

			if (cap >= XR_MAX_FILE) {
				errno = EFBIG;
				goto fail;
			}
			cap = cap ? cap * 2 : 4096;
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			if (ferror(f))
				goto fail;
			break;
		}
	}
	fclose(f);
	*len = n;
	return buf ? buf : calloc(1, 1);
fail:
	free(buf);
	fclose(f);
	return NULL;
}

static int try_catalogue(const char *path, struct xr_catalogue *c)
{
	struct stat st;
	char buf[4096];
	size_t len;
	char *text;
	int r;

	if (stat(path, &st))
		return -1;
	if (S_ISDIR(st.st_mode)) {
		snprintf(buf, sizeof(buf), "%s/catalogue.txt", path);
		path = buf;
	}
	text = xr_read_file(path, &len);
	if (!text)
		return -1;
	r = xr_catalogue_parse(c, text, len);
	free(text);
	return r;
}

int xr_load_catalogue(const char *opt_path, const char *argv0,
		      struct xr_catalogue *c)
{
	static const char *const rel[] = {
		"/../spec/catalogue.txt", "/../../spec/catalogue.txt",
		"/../../../spec/catalogue.txt",
		/* installed: PREFIX/bin/xicsref, PREFIX/share/xicsref/spec */
		"/../share/xicsref/spec/catalogue.txt",
	};
	const char *env = getenv("XICSREF_SPEC");
	char exe[3072], path[4096];
	ssize_t n;
	uint32_t i;

	if (opt_path || (env && *env)) {
		const char *p = opt_path ? opt_path : env;

		if (try_catalogue(p, c) == 0)
			return 0;
		fprintf(stderr, "xicsref: cannot read rule catalogue %s: %s\n",
			p, strerror(errno));
		return -1;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		snprintf(exe, sizeof(exe), "%s", argv0);
		n = (ssize_t)strlen(exe);
	}
	exe[n] = '\0';
	if (strrchr(exe, '/'))
		*strrchr(exe, '/') = '\0';
	else
		snprintf(exe, sizeof(exe), ".");
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", exe, rel[i]);
		if (try_catalogue(path, c) == 0)
			return 0;
	}
	fprintf(stderr,
		"xicsref: cannot find spec/catalogue.txt near %s (use --spec FILE or XICSREF_SPEC)\n",
		exe);
	return -1;
}

static bool dev_known(const char *id, void *arg)
{
	return xr_deviation_find(id) != NULL;
}

int xr_parse_file(const char *path, struct xr_catalogue *cat,
		  struct xr_scenario *scn)
{
	struct xr_parse_opts opts = {
		.rule_known = xr_catalogue_known,
		.dev_known = dev_known,
		.arg = cat,
	};
	struct xr_parse_error err;
	size_t len;
	char *buf = xr_read_file(path, &len);

	if (!buf) {
		fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	if (xr_parse(buf, len, &opts, scn, &err)) {
		fprintf(stderr, "%s:%u: %s\n", path, err.line, err.msg);
		free(buf);
		return -1;
	}
	free(buf);
	return 0;
}
