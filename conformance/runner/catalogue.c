// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: the rule catalogue.  The runner reads it at run time
 * (the caller does the file I/O) so that a rule added to the spec is
 * known without rebuilding.
 */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

int xr_catalogue_parse(struct xr_catalogue *c, const char *buf, size_t len)
{
	size_t cap = 0;
	char *p, *end;

	memset(c, 0, sizeof(*c));
	c->buf = malloc(len + 1);
	if (!c->buf)
		return -1;
	memcpy(c->buf, buf, len);
	c->buf[len] = '\0';
	end = c->buf + len;
	for (p = c->buf; p < end; ) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p, *sp;

		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : end;
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		for (sp = line; *sp && *sp != ' ' && *sp != '\t'; sp++)
			;
		if ((size_t)(sp - line) >= sizeof(c->rules[0].id))
			continue;
		if (c->nr == cap) {
			struct xr_rule *n;

			cap = cap ? cap * 2 : 64;
			n = realloc(c->rules, cap * sizeof(*n));
			if (!n) {
				xr_catalogue_free(c);
				return -1;
			}
			c->rules = n;
		}
		memcpy(c->rules[c->nr].id, line, (size_t)(sp - line));
		c->rules[c->nr].id[sp - line] = '\0';
		while (*sp == ' ' || *sp == '\t')
			sp++;
		c->rules[c->nr].text = sp;
		c->nr++;
	}
	return 0;
}

void xr_catalogue_free(struct xr_catalogue *c)
{
	free(c->buf);
	free(c->rules);
	memset(c, 0, sizeof(*c));
}

bool xr_catalogue_has(const struct xr_catalogue *c, const char *id)
{
	uint32_t i;

	for (i = 0; i < c->nr; i++)
		if (!strcmp(c->rules[i].id, id))
			return true;
	return false;
}

bool xr_catalogue_known(const char *id, void *arg)
{
	return xr_catalogue_has(arg, id);
}
