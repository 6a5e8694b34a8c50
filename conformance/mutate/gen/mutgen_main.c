// SPDX-License-Identifier: GPL-2.0-only
/*
 * mutgen: write the mutant schema of a kernel C file and list its
 * mutants (docs/mutation.md "Generated mutants").
 *
 *   mutgen -t TAG -F "FUNC..." [-x EXCLUDED] [-g] -o OUT.c -m LINEMAP
 *          -l LIST FILE.c
 *
 * -t  number of this file at run time (XICSREF_MUTANT=TAG:POINT:ALT)
 * -F  the functions to mutate (conformance/coverage/goals.txt)
 * -x  "POINT ALT" lines left out (ALT 0: the whole point), from a
 *     compile that failed on them
 * -g  grouping only: every point as its parenthesised original, to
 *     prove the operand extents by comparing machine code
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mutgen.h"

static char *slurp(const char *path, int *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		die("%s: cannot open", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc(n + 1);
	if (!s || fread(s, 1, n, f) != (size_t)n)
		die("%s: cannot read", path);
	s[n] = 0;
	fclose(f);
	*len = (int)n;
	return s;
}

static void split_funcs(struct unit *u, char *list)
{
	char *w, *save = NULL;

	for (w = strtok_r(list, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
		u->fname = realloc(u->fname, (u->nfn + 1) * sizeof(char *));
		if (!u->fname)
			die("out of memory");
		u->fname[u->nfn++] = w;
	}
	if (!u->nfn)
		die("no functions given (-F)");
}

static void exclude(struct unit *u, const char *path)
{
	FILE *f = fopen(path, "r");
	int point, alt, i;

	if (!f)
		die("%s: cannot open", path);
	while (fscanf(f, "%d %d", &point, &alt) == 2)
		for (i = 0; i < u->np; i++) {
			if (u->p[i].id != point)
				continue;
			if (alt == 0 || alt > u->p[i].nalt)
				u->p[i].off = ~0u;
			else
				u->p[i].off |= 1u << (alt - 1);
			/* with every alternative off the point is gone */
			if ((u->p[i].off & ((1u << u->p[i].nalt) - 1)) ==
			    (1u << u->p[i].nalt) - 1)
				u->p[i].off = ~0u;
		}
	fclose(f);
}

static FILE *create(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("%s: cannot create", path);
	return f;
}

int main(int argc, char **argv)
{
	struct unit u = { 0 };
	const char *out = NULL, *map = NULL, *list = NULL, *excl = NULL;
	const char *base;
	int c, tag = 0, mode = 0;
	FILE *fo, *fm = NULL, *fl;

	while ((c = getopt(argc, argv, "t:F:x:go:m:l:")) != -1) {
		switch (c) {
		case 't': tag = atoi(optarg); break;
		case 'F': split_funcs(&u, optarg); break;
		case 'x': excl = optarg; break;
		case 'g': mode = 1; break;
		case 'o': out = optarg; break;
		case 'm': map = optarg; break;
		case 'l': list = optarg; break;
		default: die("usage: mutgen -t TAG -F FUNCS [-x EXCL] [-g] -o OUT -m MAP -l LIST FILE");
		}
	}
	if (optind != argc - 1 || !out || tag <= 0 || !u.nfn)
		die("usage: mutgen -t TAG -F FUNCS [-x EXCL] [-g] -o OUT -m MAP -l LIST FILE");
	u.path = argv[optind];
	u.text = slurp(u.path, &u.len);
	lex_unit(&u);
	if (!u.n)
		die("%s: no tokens", u.path);
	find_functions(&u);
	find_points(&u);
	if (excl)
		exclude(&u, excl);
	fo = create(out);
	if (map)
		fm = create(map);
	emit_unit(&u, fo, fm, tag, mode);
	if (fclose(fo) || (fm && fclose(fm)))
		die("%s: write error", out);
	if (list) {
		base = strrchr(u.path, '/');
		fl = create(list);
		emit_list(&u, fl, tag, base ? base + 1 : u.path);
		if (fclose(fl))
			die("%s: write error", list);
	}
	return 0;
}
