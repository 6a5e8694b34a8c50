// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mutation points of the chosen functions.  Operand extents come
 * from C's precedence and associativity, scanning the tokens left and
 * right of an operator; a declarator, a case label or a constant
 * context (sizeof, BUILD_BUG_ON, asm, attributes) is never mutated.
 * Whether the extents are right is checked after the fact: the file
 * written with every point reduced to its parenthesised original must
 * compile to the same machine code as the original (gen-mutants.sh).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mutgen.h"

const char *const mk_name[MK_COUNT] = {
	[MK_SDL] = "sdl", [MK_COND] = "cond", [MK_LCR] = "lcr",
	[MK_ROR] = "ror", [MK_AOR] = "aor", [MK_BIT] = "bit",
	[MK_SHF] = "shf", [MK_ASG] = "asg", [MK_NEG] = "neg",
	[MK_INC] = "inc", [MK_RET] = "ret", [MK_CST] = "cst",
};

/* Nesting order of points with the same span: outermost first */
static const int mk_rank[MK_COUNT] = {
	[MK_SDL] = 0, [MK_RET] = 1, [MK_COND] = 2, [MK_LCR] = 3,
	[MK_ROR] = 3, [MK_AOR] = 3, [MK_BIT] = 3, [MK_SHF] = 3,
	[MK_ASG] = 3, [MK_NEG] = 4, [MK_INC] = 5, [MK_CST] = 6,
};

static int is_punct(const struct unit *u, int i)
{
	return i >= 0 && i < u->n && u->t[i].kind == TK_PUNCT;
}

/* Precedence of a binary use of token i (higher binds tighter), else 0 */
static int binprec(const struct unit *u, int i)
{
	static const struct { const char *op; int prec; } tab[] = {
		{ "*", 13 }, { "/", 13 }, { "%", 13 }, { "+", 12 }, { "-", 12 },
		{ "<<", 11 }, { ">>", 11 }, { "<", 10 }, { "<=", 10 },
		{ ">", 10 }, { ">=", 10 }, { "==", 9 }, { "!=", 9 }, { "&", 8 },
		{ "^", 7 }, { "|", 6 }, { "&&", 5 }, { "||", 4 }, { "?", 3 },
		{ ":", 3 }, { "=", 2 }, { "+=", 2 }, { "-=", 2 }, { "*=", 2 },
		{ "/=", 2 }, { "%=", 2 }, { "&=", 2 }, { "|=", 2 }, { "^=", 2 },
		{ "<<=", 2 }, { ">>=", 2 }, { ",", 1 },
	};
	size_t k;

	if (!is_punct(u, i) || u->t[i].unary)
		return 0;
	for (k = 0; k < sizeof(tab) / sizeof(tab[0]); k++)
		if (tok_is(u, i, tab[k].op))
			return tab[k].prec;
	return 0;
}

static int is_header_kw(const struct unit *u, int i)
{
	return tok_is(u, i, "if") || tok_is(u, i, "while") ||
	       tok_is(u, i, "for") || tok_is(u, i, "switch");
}

static int operand_kw(const struct unit *u, int i)
{
	return tok_is(u, i, "sizeof") || tok_is(u, i, "typeof") ||
	       tok_is(u, i, "__typeof__");
}

/*
 * First token of the left operand of the operator at i whose precedence
 * is p; a left-associative operator also takes operators of its own
 * precedence, a right-associative one (assignment) only a unary
 * expression.  Returns i when there is no operand.
 */
static int scan_left(const struct unit *u, int i, int p, int right_assoc)
{
	int j = i - 1;

	while (j >= 0) {
		const struct tok *t = &u->t[j];
		int bp;

		if (t->kind == TK_PP)
			return i;
		if (tok_is(u, j, ")") || tok_is(u, j, "]")) {
			if (tok_is(u, j, ")") && is_header_kw(u, t->match - 1))
				break;
			j = t->match - 1;
			continue;
		}
		if (tok_is(u, j, "(") || tok_is(u, j, "[") || tok_is(u, j, "{") ||
		    tok_is(u, j, "}") || tok_is(u, j, ";"))
			break;
		if (tok_is_keyword(u, j)) {
			if (operand_kw(u, j)) {
				j--;
				continue;
			}
			break;
		}
		bp = binprec(u, j);
		if (bp && (right_assoc || bp < p))
			break;
		j--;
	}
	return j + 1;
}

/* Last token of the right operand; returns i when there is none */
static int scan_right(const struct unit *u, int i, int p, int right_assoc)
{
	int j = i + 1;

	while (j < u->n) {
		const struct tok *t = &u->t[j];
		int bp;

		if (t->kind == TK_PP)
			return i;
		if (tok_is(u, j, "(") || tok_is(u, j, "[") || tok_is(u, j, "{")) {
			j = t->match + 1;
			continue;
		}
		if (tok_is(u, j, ")") || tok_is(u, j, "]") || tok_is(u, j, "}") ||
		    tok_is(u, j, ";"))
			break;
		if (tok_is_keyword(u, j) && !operand_kw(u, j))
			break;
		bp = binprec(u, j);
		if (bp && (right_assoc ? bp < p : bp <= p))
			break;
		j++;
	}
	return j - 1;
}

/* The end of the unary expression that starts at i (prefix operators,
 * casts, a primary, then postfix operators), or -1 */
static int unary_end(const struct unit *u, int i)
{
	int j = i;

	for (;;) {
		if (j >= u->n)
			return -1;
		if (u->t[j].unary || tok_is(u, j, "++") || tok_is(u, j, "--") ||
		    operand_kw(u, j))
			j++;
		else if (tok_is(u, j, "(") && tok_is_cast(u, u->t[j].match))
			j = u->t[j].match + 1;
		else
			break;
	}
	if (tok_is(u, j, "("))
		j = u->t[j].match;
	else if (u->t[j].kind == TK_STR)
		while (u->t[j + 1].kind == TK_STR)
			j++;
	else if (u->t[j].kind != TK_ID && u->t[j].kind != TK_NUM &&
		 u->t[j].kind != TK_CHR)
		return -1;
	for (;;) {
		if (tok_is(u, j + 1, "(") || tok_is(u, j + 1, "["))
			j = u->t[j + 1].match;
		else if ((tok_is(u, j + 1, ".") || tok_is(u, j + 1, "->")) &&
			 u->t[j + 2].kind == TK_ID)
			j += 2;
		else if (tok_is(u, j + 1, "++") || tok_is(u, j + 1, "--"))
			j++;
		else
			return j;
	}
}

/* The start of the postfix expression that ends at i */
static int postfix_start(const struct unit *u, int i)
{
	int j = i;

	for (;;) {
		if (tok_is(u, j, ")") || tok_is(u, j, "]")) {
			int m = u->t[j].match;

			if (u->t[m - 1].kind == TK_ID && !tok_is_keyword(u, m - 1))
				j = m - 1;
			else if (tok_is(u, j, "]") || tok_is(u, m - 1, ")") ||
				 tok_is(u, m - 1, "]"))
				j = m - 1;
			else
				return m;
			continue;
		}
		if (u->t[j].kind != TK_ID || tok_is_keyword(u, j))
			return -1;
		if (tok_is(u, j - 1, ".") || tok_is(u, j - 1, "->")) {
			j -= 2;
			continue;
		}
		return j;
	}
}

static struct point *add_point(struct unit *u, enum mkind kind, int fn,
			       int a, int b)
{
	struct point *p;
	int i;

	if (a < 0 || b < a)
		return NULL;
	for (i = a; i <= b; i++)
		if (u->t[i].kind == TK_PP)
			return NULL;
	if (u->np == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 1024;
		u->p = realloc(u->p, u->cap * sizeof(*u->p));
		if (!u->p)
			die("out of memory");
	}
	p = &u->p[u->np++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->fn = fn;
	p->a = a;
	p->b = b;
	p->op = -1;
	return p;
}

static void alt(struct point *p, const char *text, const char *name)
{
	if (p->nalt < MAX_ALT) {
		p->alt[p->nalt] = text;
		p->name[p->nalt] = name;
		p->nalt++;
	}
}

/* ---- constant contexts and declarations: marked fixed ---- */

static void fix(struct unit *u, int a, int b)
{
	for (; a <= b; a++)
		u->t[a].fixed = 1;
}

/*
 * Logging: what a debug print says is no behaviour of the code (its
 * arguments are not mutated, nor is the print deleted).
 */
static int is_log_call(const struct unit *u, int i)
{
	static const char *const logs[] = {
		"XICS_DBG", "pr_devel", "pr_debug", "pr_info", "pr_notice",
		"pr_warn", "pr_err", "printk", "trace_printk",
		"pr_warn_ratelimited", "pr_err_ratelimited",
	};
	size_t k;

	for (k = 0; k < sizeof(logs) / sizeof(logs[0]); k++)
		if (tok_is(u, i, logs[k]) && tok_is(u, i + 1, "("))
			return 1;
	return 0;
}

static int is_constant_ctx(const struct unit *u, int i)
{
	static const char *const ctx[] = {
		"sizeof", "typeof", "__typeof__", "BUILD_BUG_ON", "asm",
		"__asm__", "__attribute__", "_Static_assert",
		"__builtin_constant_p", "offsetof", "container_of",
	};

	if (is_log_call(u, i))
		return 1;
	size_t k;

	for (k = 0; k < sizeof(ctx) / sizeof(ctx[0]); k++)
		if (tok_is(u, i, ctx[k]))
			return 1;
	return 0;
}

static int stmt_end(const struct unit *u, int s, int b)
{
	int j;

	for (j = s; j < b; j++) {
		if (tok_is(u, j, "(") || tok_is(u, j, "[") || tok_is(u, j, "{"))
			j = u->t[j].match;
		else if (tok_is(u, j, ";"))
			return j;
		else if (tok_is(u, j, "}"))
			return -1;
	}
	return -1;
}

static int is_decl(const struct unit *u, int s)
{
	int j = s;

	if (tok_is_type_word(u, s) || tok_is(u, s, "static") ||
	    tok_is(u, s, "register") || tok_is(u, s, "extern"))
		return 1;
	if (u->t[s].kind != TK_ID || tok_is_keyword(u, s))
		return 0;
	if (u->t[s + 1].kind == TK_ID && !tok_is_keyword(u, s + 1))
		return 1;
	j = s + 1;
	while (tok_is(u, j, "*"))
		j++;
	return j > s + 1 && u->t[j].kind == TK_ID &&
	       (tok_is(u, j + 1, "=") || tok_is(u, j + 1, ";") ||
		tok_is(u, j + 1, ",") || tok_is(u, j + 1, "["));
}

/* Declarators fixed, initialisers left free (a static one is fixed) */
static void mark_decl(struct unit *u, int s, int e)
{
	int j, in_init = 0;

	if (tok_is(u, s, "static")) {
		fix(u, s, e);
		return;
	}
	for (j = s; j <= e; j++) {
		if (!in_init) {
			u->t[j].fixed = 1;
			if (tok_is(u, j, "[") || tok_is(u, j, "(")) {
				fix(u, j, u->t[j].match);
				j = u->t[j].match;
			} else if (tok_is(u, j, "=")) {
				in_init = 1;
			}
		} else if (tok_is(u, j, "(") || tok_is(u, j, "[") ||
			   tok_is(u, j, "{")) {
			j = u->t[j].match;
		} else if (tok_is(u, j, ",")) {
			in_init = 0;
			u->t[j].fixed = 1;
		}
	}
}

/* ---- statements ---- */

static int has_effect(const struct unit *u, int s, int e)
{
	int j;

	for (j = s; j < e; j++) {
		if (binprec(u, j) == 2 || tok_is(u, j, "++") ||
		    tok_is(u, j, "--"))
			return 1;
		if (u->t[j].kind == TK_ID && tok_is(u, j + 1, "(") &&
		    !tok_is_keyword(u, j))
			return 1;
		if (tok_is(u, j, "(") || tok_is(u, j, "["))
			j = u->t[j].match;
	}
	return 0;
}

static int prev_tok(const struct unit *u, int i)
{
	for (i--; i >= 0 && u->t[i].kind == TK_PP; i--)
		;
	return i;
}

static void cond_point(struct unit *u, int fn, int a, int b)
{
	struct point *p = add_point(u, MK_COND, fn, a, b);

	if (!p)
		return;
	alt(p, "!", "neg");
	alt(p, "1", "true");
	alt(p, "0", "false");
}

static int is_stmt_start(const struct unit *u, int i, const char *open)
{
	int j = prev_tok(u, i);

	if (open[i] != '{')
		return 0;
	if (tok_is(u, j, ";") || tok_is(u, j, "{") || tok_is(u, j, "}") ||
	    tok_is(u, j, "else") || tok_is(u, j, "do"))
		return 1;
	if (tok_is(u, j, ")") && (tok_is(u, u->t[j].match - 1, "if") ||
				  tok_is(u, u->t[j].match - 1, "for") ||
				  tok_is(u, u->t[j].match - 1, "switch") ||
				  (tok_is(u, u->t[j].match - 1, "while") &&
				   !tok_is(u, u->t[j].match - 2, "}"))))
		return 1;
	/* after a label or a case */
	return tok_is(u, j, ":") && open[j] == '{';
}

static void statements(struct unit *u, int fn, int a, int b, const char *open)
{
	int i;

	for (i = a + 1; i < b; i++) {
		int e;

		if (u->t[i].kind == TK_PP || !is_stmt_start(u, i, open))
			continue;
		if (tok_is(u, i, ";") || tok_is(u, i, "{") || tok_is(u, i, "}"))
			continue;
		if (tok_is(u, i, "if") || tok_is(u, i, "while") ||
		    tok_is(u, i, "switch")) {
			int m = u->t[i + 1].match;

			if (!tok_is(u, i, "switch"))
				cond_point(u, fn, i + 2, m - 1);
			continue;
		}
		if (tok_is(u, i, "for")) {
			int m = u->t[i + 1].match, s1 = -1, s2 = -1, j;

			for (j = i + 2; j < m; j++) {
				if (tok_is(u, j, "(") || tok_is(u, j, "["))
					j = u->t[j].match;
				else if (tok_is(u, j, ";"))
					s1 < 0 ? (s1 = j) : (s2 = j);
			}
			if (s1 > 0 && s2 > s1 + 1)
				cond_point(u, fn, s1 + 1, s2 - 1);
			continue;
		}
		if (tok_is(u, i, "case") || tok_is(u, i, "default")) {
			for (e = i; e < b && !(tok_is(u, e, ":") && open[e] == '{'); e++)
				;
			fix(u, i, e);
			continue;
		}
		if (u->t[i].kind == TK_ID && tok_is(u, i + 1, ":") &&
		    !tok_is_keyword(u, i))
			continue;	/* a label */
		e = stmt_end(u, i, b);
		if (e < 0)
			continue;
		if (tok_is(u, i, "return")) {
			struct point *p;

			if (e == i + 1 || (e == i + 2 && tok_is(u, i + 1, "NULL")))
				continue;
			p = add_point(u, MK_RET, fn, i + 1, e - 1);
			if (!p)
				continue;
			if (u->ptr_ret_fn)
				alt(p, "null", "null");
			else if (e == i + 2 && tok_is(u, i + 1, "0"))
				alt(p, "1", "one");
			else
				alt(p, "!", "neg");
			continue;
		}
		if (is_decl(u, i)) {
			mark_decl(u, i, e);
			continue;
		}
		if (tok_is_keyword(u, i))
			continue;
		if (is_log_call(u, i)) {
			fix(u, i, e);
			continue;
		}
		if (has_effect(u, i, e)) {
			struct point *p = add_point(u, MK_SDL, fn, i, e);

			if (p)
				alt(p, "", "del");
		}
	}
}

/* ---- operators ---- */

static int is_upper_const(const struct unit *u, int i)
{
	const char *s = u->text + u->t[i].start;
	int n = u->t[i].end - u->t[i].start, k, letters = 0;

	if (u->t[i].kind != TK_ID || n < 2 || tok_is(u, i, "NULL"))
		return 0;
	for (k = 0; k < n; k++) {
		if (islower((unsigned char)s[k]))
			return 0;
		letters += isupper((unsigned char)s[k]) != 0;
	}
	return letters > 0 && isupper((unsigned char)s[0]) &&
	       !tok_is(u, i + 1, "(") && u->t[i + 1].kind != TK_STR &&
	       u->t[i + 1].kind != TK_ID && !tok_is(u, i - 1, ".") &&
	       !tok_is(u, i - 1, "->") &&
	       /* a label "FOO:" starts a statement; "? FOO :" is a value */
	       !(tok_is(u, i + 1, ":") && (tok_is(u, i - 1, ";") ||
					   tok_is(u, i - 1, "{") ||
					   tok_is(u, i - 1, "}")));
}

static void binary_point(struct unit *u, int fn, int i, enum mkind kind,
			 int right_assoc)
{
	int p = binprec(u, i), la, rb;
	struct point *pt;

	la = scan_left(u, i, p, right_assoc);
	rb = scan_right(u, i, p, right_assoc);
	if (la >= i || rb <= i)
		return;
	pt = add_point(u, kind, fn, la, rb);
	if (!pt)
		return;
	pt->op = i;
	pt->la = la;
	pt->lb = i - 1;
	pt->ra = i + 1;
	pt->rb = rb;
}

static void ops(struct unit *u, int fn, int a, int b)
{
	static const struct { const char *op; enum mkind k; const char *alts; }
	tab[] = {
		{ "<", MK_ROR, "<= > >= == !=" }, { "<=", MK_ROR, "< > >= == !=" },
		{ ">", MK_ROR, "< <= >= == !=" }, { ">=", MK_ROR, "< <= > == !=" },
		{ "==", MK_ROR, "< <= > >= !=" }, { "!=", MK_ROR, "< <= > >= ==" },
		{ "&&", MK_LCR, "||" }, { "||", MK_LCR, "&&" },
		{ "+", MK_AOR, "-" }, { "-", MK_AOR, "+" }, { "*", MK_AOR, "/" },
		{ "/", MK_AOR, "*" }, { "%", MK_AOR, "/" },
		{ "&", MK_BIT, "| ^" }, { "|", MK_BIT, "& ^" },
		{ "^", MK_BIT, "& |" }, { "<<", MK_SHF, ">>" },
		{ ">>", MK_SHF, "<<" }, { "+=", MK_ASG, "-=" },
		{ "-=", MK_ASG, "+=" }, { "*=", MK_ASG, "/=" },
		{ "/=", MK_ASG, "*=" }, { "|=", MK_ASG, "&= ^=" },
		{ "&=", MK_ASG, "|= ^=" }, { "^=", MK_ASG, "|= &=" },
		{ "<<=", MK_ASG, ">>=" }, { ">>=", MK_ASG, "<<=" },
	};
	static const struct { const char *op; const char *name; } names[] = {
		{ "<", "lt" }, { "<=", "le" }, { ">", "gt" }, { ">=", "ge" },
		{ "==", "eq" }, { "!=", "ne" }, { "&&", "and" }, { "||", "or" },
		{ "+", "add" }, { "-", "sub" }, { "*", "mul" }, { "/", "div" },
		{ "&", "band" }, { "|", "bor" }, { "^", "bxor" }, { "<<", "shl" },
		{ ">>", "shr" }, { "+=", "add" }, { "-=", "sub" }, { "*=", "mul" },
		{ "/=", "div" }, { "|=", "or" }, { "&=", "and" }, { "^=", "xor" },
		{ "<<=", "shl" }, { ">>=", "shr" },
	};
	int i;
	size_t k, m;

	for (i = a + 1; i < b; i++) {
		struct point *pt;

		if (u->t[i].fixed || u->t[i].kind == TK_PP)
			continue;
		if (is_constant_ctx(u, i) && tok_is(u, i + 1, "(")) {
			fix(u, i, u->t[i + 1].match);
			i = u->t[i + 1].match;
			continue;
		}
		if (u->t[i].kind == TK_PUNCT && !u->t[i].unary) {
			for (k = 0; k < sizeof(tab) / sizeof(tab[0]); k++) {
				char buf[32], *w, *save = NULL;

				if (!tok_is(u, i, tab[k].op))
					continue;
				binary_point(u, fn, i, tab[k].k, tab[k].k == MK_ASG);
				if (u->np == 0 || u->p[u->np - 1].op != i)
					break;
				pt = &u->p[u->np - 1];
				snprintf(buf, sizeof(buf), "%s", tab[k].alts);
				for (w = strtok_r(buf, " ", &save); w;
				     w = strtok_r(NULL, " ", &save))
					for (m = 0; m < sizeof(names) / sizeof(names[0]); m++)
						if (!strcmp(w, names[m].op))
							alt(pt, names[m].op, names[m].name);
				break;
			}
			if (tok_is(u, i, "?")) {
				int la = scan_left(u, i, 4, 0);

				if (la < i)
					cond_point(u, fn, la, i - 1);
			}
		}
		if (tok_is(u, i, "!") && !u->t[i].fixed) {
			int e = unary_end(u, i + 1);

			if (e > i && (pt = add_point(u, MK_NEG, fn, i, e))) {
				pt->op = i;
				alt(pt, "", "drop");
			}
		}
		if (tok_is(u, i, "++") || tok_is(u, i, "--")) {
			int pre = tok_is(u, i + 1, "(") || u->t[i + 1].kind == TK_ID ||
				  tok_is(u, i + 1, "*");
			int s = pre ? i : postfix_start(u, i - 1);
			int e = pre ? unary_end(u, i + 1) : i;

			if (s >= 0 && e >= s && (pt = add_point(u, MK_INC, fn, s, e))) {
				pt->op = i;
				alt(pt, tok_is(u, i, "++") ? "--" : "++", "swap");
			}
		}
		if (u->t[i].kind == TK_NUM && !memchr(u->text + u->t[i].start, '.',
			    u->t[i].end - u->t[i].start)) {
			unsigned long long v = strtoull(u->text + u->t[i].start,
							NULL, 0);

			pt = add_point(u, MK_CST, fn, i, i);
			if (!pt)
				continue;
			if (v == 0) {
				alt(pt, "1", "one");
			} else if (v == 1) {
				alt(pt, "0", "zero");
				alt(pt, "2", "two");
			} else {
				alt(pt, "0", "zero");
				alt(pt, "+1", "inc");
				alt(pt, "-1", "dec");
			}
		} else if (is_upper_const(u, i) && (pt = add_point(u, MK_CST, fn, i, i))) {
			alt(pt, "up", "up");
			alt(pt, "down", "down");
		} else if ((tok_is(u, i, "true") || tok_is(u, i, "false")) &&
			   (pt = add_point(u, MK_CST, fn, i, i))) {
			alt(pt, tok_is(u, i, "true") ? "false" : "true", "flip");
		}
	}
}

/* ---- functions and the whole unit ---- */

static unsigned long fnv(const char *s, int n)
{
	unsigned long h = 1469598103934665603ul;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ul;
	return h;
}

void find_functions(struct unit *u)
{
	int f, i, depth = 0;

	u->fn_a = malloc(u->nfn * sizeof(int));
	u->fn_b = malloc(u->nfn * sizeof(int));
	u->fn_hash = calloc(u->nfn, sizeof(unsigned long));
	if (!u->fn_a || !u->fn_b || !u->fn_hash)
		die("out of memory");
	for (f = 0; f < u->nfn; f++)
		u->fn_a[f] = u->fn_b[f] = -1;
	for (i = 0; i < u->n; i++) {
		if (tok_is(u, i, "{"))
			depth++;
		else if (tok_is(u, i, "}"))
			depth--;
		if (depth || u->t[i].kind != TK_ID || !tok_is(u, i + 1, "("))
			continue;
		for (f = 0; f < u->nfn; f++) {
			int m = u->t[i + 1].match;

			if (u->fn_a[f] >= 0 || !tok_is(u, i, u->fname[f]) ||
			    !tok_is(u, m + 1, "{"))
				continue;
			u->fn_a[f] = m + 1;
			u->fn_b[f] = u->t[m + 1].match;
			u->fn_hash[f] = fnv(u->text + u->t[i].start,
					    u->t[u->fn_b[f]].end - u->t[i].start);
		}
	}
	for (f = 0; f < u->nfn; f++)
		if (u->fn_a[f] < 0)
			die("%s: function %s not found (goals.txt names it)",
			    u->path, u->fname[f]);
}

static int cmp_order(const void *x, const void *y)
{
	const struct point *p = x, *q = y;

	if (p->a != q->a)
		return p->a - q->a;
	if (p->b != q->b)
		return q->b - p->b;
	return mk_rank[p->kind] - mk_rank[q->kind];
}

/*
 * Negating a decision that is one relational operator, or one "!", is
 * already a mutant of that operator: the decision keeps only "forced
 * true" and "forced false" there, so no mutant is counted twice.
 */
static void drop_redundant(struct unit *u)
{
	int i, j;

	for (i = 0; i < u->np; i++) {
		struct point *c = &u->p[i];

		if (c->kind != MK_COND || strcmp(c->name[0], "neg"))
			continue;
		for (j = 0; j < u->np; j++) {
			struct point *o = &u->p[j];

			if (o->a != c->a || o->b != c->b ||
			    (o->kind != MK_ROR && o->kind != MK_NEG))
				continue;
			memmove(&c->alt[0], &c->alt[1], (MAX_ALT - 1) * sizeof(c->alt[0]));
			memmove(&c->name[0], &c->name[1], (MAX_ALT - 1) * sizeof(c->name[0]));
			c->nalt--;
			break;
		}
	}
}

void find_points(struct unit *u)
{
	char *open = malloc(u->n + 1);
	int *stack = malloc((u->n + 1) * sizeof(int));
	int f, i, sp = 0, *occ;

	if (!open || !stack)
		die("out of memory");
	/* the innermost bracket around each token */
	for (i = 0; i < u->n; i++) {
		open[i] = sp ? u->text[u->t[stack[sp - 1]].start] : 0;
		if (tok_is(u, i, "(") || tok_is(u, i, "[") || tok_is(u, i, "{"))
			stack[sp++] = i;
		else if (tok_is(u, i, ")") || tok_is(u, i, "]") || tok_is(u, i, "}"))
			sp--;
	}
	for (f = 0; f < u->nfn; f++) {
		int a = u->fn_a[f], b = u->fn_b[f];

		/* "type *name(" returns a pointer */
		u->ptr_ret_fn = tok_is(u, u->t[a - 1].match - 2, "*");
		statements(u, f, a, b, open);
		ops(u, f, a, b);
	}
	drop_redundant(u);
	qsort(u->p, u->np, sizeof(*u->p), cmp_order);
	/* a point that overlaps another without nesting is dropped */
	sp = 0;
	for (i = 0; i < u->np; i++) {
		while (sp && u->p[stack[sp - 1]].b < u->p[i].a)
			sp--;
		if (sp && u->p[i].b > u->p[stack[sp - 1]].b) {
			u->p[i].dropped = 1;
			continue;
		}
		stack[sp++] = i;
	}
	occ = calloc((size_t)u->nfn * MK_COUNT, sizeof(int));
	if (!occ)
		die("out of memory");
	/* occurrences in text order, so IDs follow the source */
	for (i = 0; i < u->np; i++) {
		struct point *p = &u->p[i];

		p->order = i;
		p->id = i + 1;
		p->occ = ++occ[p->fn * MK_COUNT + p->kind];
	}
	free(occ);
	free(open);
	free(stack);
}
