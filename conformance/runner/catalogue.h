/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref runner: the rule catalogue (spec/catalogue.txt), parsed from a
 * buffer: "ID  meaning" per line, '#' comments.
 */
#ifndef XR_RUNNER_CATALOGUE_H
#define XR_RUNNER_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xr_rule {
	char id[48];
	const char *text;		/* into the catalogue's copy */
};

struct xr_catalogue {
	char *buf;			/* own copy, NUL-terminated lines */
	uint32_t nr;
	struct xr_rule *rules;
};

int xr_catalogue_parse(struct xr_catalogue *c, const char *buf, size_t len);
void xr_catalogue_free(struct xr_catalogue *c);
bool xr_catalogue_has(const struct xr_catalogue *c, const char *id);
/* For struct xr_parse_opts.rule_known: @arg is the catalogue */
bool xr_catalogue_known(const char *id, void *arg);

#endif /* XR_RUNNER_CATALOGUE_H */
