// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref explore: the data races the specification documents as benign
 * (spec/races.txt; each ID's reason is in spec/concurrency.md).  A line
 * of that file is
 *
 *	RACE-ID  LOCATION  READERS  WRITERS
 *
 * LOCATION is a location as the explorer names it, "*" standing for any
 * run of characters ("source(*).resend"); READERS and WRITERS are the
 * kernel functions, separated by commas, that may make the read and the
 * write of such a race.  A race of a read and a write matches a line when
 * its location does, its read is marked or made by one of READERS, and
 * its write is marked or made by one of WRITERS; a race of two writes
 * matches when both are made by functions of WRITERS.  A race no line
 * matches is a finding.
 */
#include <stdio.h>
#include <string.h>

#include "explore.h"

/* Does @name match @pat, where '*' matches any run of characters? */
static bool match(const char *pat, const char *name)
{
	if (!*pat)
		return !*name;
	if (*pat == '*')
		return match(pat + 1, name) || (*name && match(pat, name + 1));
	return *pat == *name && match(pat + 1, name + 1);
}

static bool fn_listed(const char *list, const char *fn)
{
	char buf[512], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (match(tok, fn))
			return true;
	return false;
}

const char *xr_x_race_benign(const char *file, const struct xr_race *r)
{
	static char id[48];
	char line[1200], loc[128], rd[512], wr[512];
	int ri, wi;
	FILE *f;

	id[0] = '\0';
	if (!file)
		return id;
	ri = r->write[0] ? 1 : 0;
	wi = !ri;
	f = fopen(file, "r");
	if (!f)
		return id;
	while (fgets(line, sizeof(line), f)) {
		char rid[48];

		if (line[0] == '#' ||
		    sscanf(line, "%47s %127s %511s %511s", rid, loc, rd, wr) != 4)
			continue;
		if (!match(loc, r->where))
			continue;
		if (r->write[0] && r->write[1] ?
		    (r->plain[0] && !fn_listed(wr, r->fn[0])) ||
		    (r->plain[1] && !fn_listed(wr, r->fn[1])) :
		    (r->plain[ri] && !fn_listed(rd, r->fn[ri])) ||
		    (r->plain[wi] && !fn_listed(wr, r->fn[wi])))
			continue;
		snprintf(id, sizeof(id), "%s", rid);
		break;
	}
	fclose(f);
	return id;
}
