// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writing the mutant schema.  Text outside the points is copied byte
 * for byte.  A point becomes a statement expression that asks the
 * harness which alternative is on (xr_mut_sel(TAG, POINT), 0 for the
 * original) and evaluates only that one:
 *
 *   ({ extern int xr_mut_sel(int, int); int xr_s7 = xr_mut_sel(1, 7);
 *   xr_s7 == 1 ? (L) >= (R) : ...
 *   (L) > (R); })
 *
 * Every alternative and the original start on a line of their own, and
 * the line map says which point and alternative each line belongs to
 * ("LINE POINT ALT"; "LINE POINT H" where a point's header is), so a
 * compiler error names the one mutant that does not compile.
 */
#include <stdlib.h>
#include <string.h>

#include "mutgen.h"

struct em {
	FILE *f, *lines;
	struct unit *u;
	int tag, mode;
	int line, bol;
	int sp;
	int seg_p[512], seg_a[512];
	int *first;		/* first point (in order) starting at a token */
};

static void put(struct em *e, const char *s, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		if (e->bol) {
			e->bol = 0;
			if (e->sp && e->lines)
				fprintf(e->lines, "%d %d %d\n", e->line,
					e->seg_p[e->sp - 1], e->seg_a[e->sp - 1]);
		}
		fputc(s[k], e->f);
		if (s[k] == '\n') {
			e->line++;
			e->bol = 1;
		}
	}
}

static void puts_(struct em *e, const char *s)
{
	put(e, s, strlen(s));
}

static void seg_push(struct em *e, int point, int alt)
{
	if (e->sp == 512)
		die("points nested too deep");
	e->seg_p[e->sp] = point;
	e->seg_a[e->sp] = alt;
	e->sp++;
}

static void newline_seg(struct em *e, int point, int alt)
{
	seg_push(e, point, alt);
	puts_(e, "\n");
}

static void render_point(struct em *e, int q);

/*
 * Tokens a..b with the points inside them, considering only points after
 * `after` in nesting order.  The text between two tokens is copied as it
 * is: a line comment there always ends in its newline.
 */
static void render_range(struct em *e, int a, int b, int after)
{
	struct unit *u = e->u;
	int i = a;

	while (i <= b) {
		int q, next = -1;

		for (q = e->first[i]; q >= 0 && q < u->np && u->p[q].a == i; q++)
			if (q > after && u->p[q].b <= b && !u->p[q].dropped &&
			    u->p[q].off != ~0u) {
				next = q;
				break;
			}
		if (i > a)
			put(e, u->text + u->t[i - 1].end,
			    u->t[i].start - u->t[i - 1].end);
		if (next >= 0) {
			render_point(e, next);
			i = u->p[next].b + 1;
		} else {
			put(e, u->text + u->t[i].start,
			    u->t[i].end - u->t[i].start);
			i++;
		}
	}
}

static void render_alt(struct em *e, int q, int k)
{
	struct point *p = &e->u->p[q];
	const char *a = p->alt[k];
	char buf[64];

	switch (p->kind) {
	case MK_ROR: case MK_LCR: case MK_AOR: case MK_BIT: case MK_SHF:
	case MK_ASG:
		puts_(e, "(");
		render_range(e, p->la, p->lb, q);
		puts_(e, ") ");
		puts_(e, a);
		puts_(e, " (");
		render_range(e, p->ra, p->rb, q);
		puts_(e, ")");
		break;
	case MK_COND:
	case MK_RET:
		if (!strcmp(a, "!")) {
			puts_(e, "!(");
			render_range(e, p->a, p->b, q);
			puts_(e, ")");
		} else if (!strcmp(a, "null")) {
			puts_(e, "(void *)0");
		} else {
			puts_(e, a);
		}
		break;
	case MK_NEG:
		puts_(e, "(");
		render_range(e, p->op + 1, p->b, q);
		puts_(e, ")");
		break;
	case MK_INC:
		puts_(e, "(");
		if (p->op > p->a)
			render_range(e, p->a, p->op - 1, q);
		puts_(e, a);
		if (p->op < p->b)
			render_range(e, p->op + 1, p->b, q);
		puts_(e, ")");
		break;
	case MK_CST:
		if (!strcmp(a, "up") || !strcmp(a, "down")) {
			puts_(e, "({ __typeof__(");
			render_range(e, p->a, p->b, q);
			puts_(e, ") xr_v = ");
			render_range(e, p->a, p->b, q);
			puts_(e, !strcmp(a, "up") ?
			      "; xr_v > 0 && !(xr_v & (xr_v - 1)) ? xr_v << 1 : xr_v + 1; })" :
			      "; xr_v > 1 && !(xr_v & (xr_v - 1)) ? xr_v >> 1 : xr_v - 1; })");
		} else if (a[0] == '+' || a[0] == '-') {
			puts_(e, "(");
			render_range(e, p->a, p->b, q);
			snprintf(buf, sizeof(buf), " %c 1)", a[0]);
			puts_(e, buf);
		} else {
			puts_(e, a);
		}
		break;
	case MK_SDL:
	case MK_COUNT:
		break;
	}
}

static void render_point(struct em *e, int q)
{
	struct point *p = &e->u->p[q];
	char buf[160];
	int k;

	if (e->mode == 1) {	/* grouping only */
		puts_(e, p->kind == MK_SDL ? "{ " : "(");
		render_range(e, p->a, p->b, q);
		puts_(e, p->kind == MK_SDL ? " }" : ")");
		return;
	}
	if (p->kind == MK_SDL) {
		if (e->lines)
			fprintf(e->lines, "%d %d H\n", e->line, p->id);
		snprintf(buf, sizeof(buf),
			 "{ if (({ extern int xr_mut_sel(int, int); xr_mut_sel(%d, %d); }) != 1) {",
			 e->tag, p->id);
		puts_(e, buf);
		newline_seg(e, p->id, 0);
		render_range(e, p->a, p->b, q);
		puts_(e, " } }");
		e->sp--;
		return;
	}
	if (e->lines)
		fprintf(e->lines, "%d %d H\n", e->line, p->id);
	snprintf(buf, sizeof(buf),
		 "({ extern int xr_mut_sel(int, int); int xr_s%d = xr_mut_sel(%d, %d);",
		 p->id, e->tag, p->id);
	puts_(e, buf);
	for (k = 0; k < p->nalt; k++) {
		if (p->off & (1u << k))
			continue;
		snprintf(buf, sizeof(buf), " xr_s%d == %d ?", p->id, k + 1);
		puts_(e, buf);
		newline_seg(e, p->id, k + 1);
		render_alt(e, q, k);
		puts_(e, " :");
		e->sp--;
	}
	newline_seg(e, p->id, 0);
	if (p->kind == MK_COND) {
		puts_(e, "!!(");
		render_range(e, p->a, p->b, q);
		puts_(e, ")");
	} else {
		puts_(e, "(");
		render_range(e, p->a, p->b, q);
		puts_(e, ")");
	}
	puts_(e, "; })");
	e->sp--;
}

void emit_unit(struct unit *u, FILE *out, FILE *lines, int tag, int mode)
{
	struct em e = { .f = out, .lines = lines, .u = u, .tag = tag,
			.mode = mode, .line = 1, .bol = 1 };
	int i;

	e.first = malloc((u->n + 1) * sizeof(int));
	if (!e.first)
		die("out of memory");
	for (i = 0; i < u->n; i++)
		e.first[i] = -1;
	for (i = u->np - 1; i >= 0; i--)
		e.first[u->p[i].a] = i;
	put(&e, u->text, u->t[0].start);
	render_range(&e, 0, u->n - 1, -1);
	put(&e, u->text + u->t[u->n - 1].end, u->len - u->t[u->n - 1].end);
	free(e.first);
}

/* The original text of tokens a..b on one line, cut to fit a table */
static void snippet(const struct unit *u, int a, int b, char *buf, size_t n)
{
	size_t k = 0;
	int i;

	for (i = a; i <= b && k + 1 < n; i++) {
		const char *s = u->text + u->t[i].start;
		int len = u->t[i].end - u->t[i].start;

		if (i > a && k + 1 < n)
			buf[k++] = ' ';
		while (len-- > 0 && k + 1 < n)
			buf[k++] = *s == '\t' ? ' ' : *s, s++;
	}
	buf[k] = 0;
	if (k + 1 >= n && n > 4)
		strcpy(buf + n - 4, "...");
}

/*
 * One line per mutant:
 * TAG POINT ALT ID FILE FUNCTION KIND LINE FNHASH WHAT
 * (tab-separated; ID is FUNCTION.KINDocc.NAME, stable while the
 * function's text is).
 */
void emit_list(struct unit *u, FILE *out, int tag, const char *file)
{
	int i, k;

	for (i = 0; i < u->np; i++) {
		struct point *p = &u->p[i];
		char what[96], op[64];

		if (p->dropped)
			continue;
		snippet(u, p->a, p->b, what, sizeof(what));
		for (k = 0; k < p->nalt; k++) {
			if (p->op >= 0 && p->kind != MK_NEG)
				snprintf(op, sizeof(op), "%.*s -> %s",
					 u->t[p->op].end - u->t[p->op].start,
					 u->text + u->t[p->op].start, p->alt[k]);
			else
				snprintf(op, sizeof(op), "%s", p->name[k]);
			fprintf(out, "%d\t%d\t%d\t%s.%s%d.%s\t%s\t%s\t%s\t%d\t%016lx\t%s: %s\n",
				tag, p->id, k + 1, u->fname[p->fn], mk_name[p->kind],
				p->occ, p->name[k], file, u->fname[p->fn],
				mk_name[p->kind], u->t[p->a].line, u->fn_hash[p->fn],
				what, op);
		}
	}
}
