// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tokens of a kernel C file, with their places in the text, so that
 * everything outside a mutation point is written back byte for byte.
 * Comments and white space are not tokens; a preprocessor line (with
 * its continuations) is one token that no point may contain.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mutgen.h"

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("mutgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* Longest first, so that ">>=" is never read as ">" ">=" */
static const char *const puncts[] = {
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==",
	"!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
	"##",
};

static const char *const keywords[] = {
	"if", "else", "while", "for", "do", "switch", "case", "default",
	"return", "break", "continue", "goto", "sizeof", "typeof",
	"__typeof__", "struct", "union", "enum", "const", "volatile",
	"static", "inline", "unsigned", "signed", "int", "long", "short",
	"char", "bool", "void", "_Bool", "register", "extern",
	"__always_inline", "noinline", "__maybe_unused", "__iomem",
	"__percpu", "__user", "__rcu",
};

int tok_is(const struct unit *u, int i, const char *s)
{
	const struct tok *t;
	size_t n = strlen(s);

	if (i < 0 || i >= u->n)
		return 0;
	t = &u->t[i];
	return (size_t)(t->end - t->start) == n &&
	       !memcmp(u->text + t->start, s, n);
}

int tok_is_keyword(const struct unit *u, int i)
{
	size_t k;

	if (i < 0 || i >= u->n || u->t[i].kind != TK_ID)
		return 0;
	for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
		if (tok_is(u, i, keywords[k]))
			return 1;
	return 0;
}

static void push(struct unit *u, enum tok_kind kind, int s, int e, int line,
		 int *cap)
{
	struct tok *t;

	if (u->n == *cap) {
		*cap = *cap ? 2 * *cap : 4096;
		u->t = realloc(u->t, *cap * sizeof(*u->t));
		if (!u->t)
			die("out of memory");
	}
	t = &u->t[u->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = s;
	t->end = e;
	t->line = line;
	t->match = -1;
}

static const char *const type_words[] = {
	"struct", "union", "enum", "const", "volatile", "unsigned", "signed",
	"int", "long", "short", "char", "bool", "void", "_Bool", "u8", "u16",
	"u32", "u64", "s8", "s16", "s32", "s64", "__u8", "__u16", "__u32",
	"__u64", "__s8", "__s16", "__s32", "__s64", "__be16", "__be32",
	"__be64", "__le16", "__le32", "__le64", "size_t", "uintptr_t",
	"phys_addr_t", "ulong", "typeof", "__typeof__",
};

int tok_is_type_word(const struct unit *u, int i)
{
	size_t k;

	for (k = 0; k < sizeof(type_words) / sizeof(type_words[0]); k++)
		if (tok_is(u, i, type_words[k]))
			return 1;
	return 0;
}

/* ")" closing a cast: "(" then a type word, or a "*" just before ")" */
int tok_is_cast(const struct unit *u, int i)
{
	int m = u->t[i].match;

	if (m < 0 || m + 1 >= i)
		return 0;
	return tok_is_type_word(u, m + 1) || tok_is(u, i - 1, "*");
}

/* A prefix operator follows an operator, an opening bracket or a keyword */
static int ends_operand(const struct unit *u, int i)
{
	const struct tok *t = &u->t[i];

	if (t->kind == TK_NUM || t->kind == TK_STR || t->kind == TK_CHR)
		return 1;
	if (t->kind == TK_ID)
		return !tok_is_keyword(u, i);
	if (tok_is(u, i, ")"))
		return !tok_is_cast(u, i);
	if (tok_is(u, i, "++") || tok_is(u, i, "--")) {
		/* postfix ("x++ - y") ends an operand, prefix ("++*p") not */
		int j = i - 1;

		while (j >= 0 && u->t[j].kind == TK_PP)
			j--;
		return j >= 0 && ((u->t[j].kind == TK_ID && !tok_is_keyword(u, j)) ||
				  tok_is(u, j, ")") || tok_is(u, j, "]"));
	}
	return tok_is(u, i, "]");
}

static void match_brackets(struct unit *u)
{
	int *stack = malloc((u->n + 1) * sizeof(int));
	int sp = 0, i;

	if (!stack)
		die("out of memory");
	for (i = 0; i < u->n; i++) {
		if (u->t[i].kind != TK_PUNCT)
			continue;
		if (tok_is(u, i, "(") || tok_is(u, i, "[") || tok_is(u, i, "{")) {
			stack[sp++] = i;
		} else if (tok_is(u, i, ")") || tok_is(u, i, "]") ||
			   tok_is(u, i, "}")) {
			if (!sp)
				die("%s:%d: unbalanced '%c'", u->path, u->t[i].line,
				    u->text[u->t[i].start]);
			u->t[i].match = stack[--sp];
			u->t[stack[sp]].match = i;
		}
	}
	if (sp)
		die("%s:%d: unclosed bracket", u->path, u->t[stack[sp - 1]].line);
	free(stack);
}

int lex_unit(struct unit *u)
{
	const char *s = u->text;
	int i = 0, line = 1, cap = 0, bol = 1;
	size_t k;

	while (i < u->len) {
		char c = s[i];
		int st = i, sl = line;

		if (c == '\n') {
			line++;
			i++;
			bol = 1;
			continue;
		}
		if (isspace((unsigned char)c)) {
			i++;
			continue;
		}
		if (c == '/' && s[i + 1] == '*') {
			for (i += 2; i < u->len && !(s[i] == '*' && s[i + 1] == '/'); i++)
				line += s[i] == '\n';
			i += 2;
			continue;
		}
		if (c == '/' && s[i + 1] == '/') {
			while (i < u->len && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '#' && bol) {
			/* the whole logical line, continuations included */
			while (i < u->len && s[i] != '\n') {
				if (s[i] == '\\' && s[i + 1] == '\n') {
					i++;
					line++;
				} else if (s[i] == '/' && s[i + 1] == '*') {
					for (i += 2; i < u->len &&
					     !(s[i] == '*' && s[i + 1] == '/'); i++)
						line += s[i] == '\n';
					i++;
				}
				i++;
			}
			push(u, TK_PP, st, i, sl, &cap);
			continue;
		}
		bol = 0;
		if (isalpha((unsigned char)c) || c == '_') {
			while (isalnum((unsigned char)s[i]) || s[i] == '_')
				i++;
			push(u, TK_ID, st, i, sl, &cap);
		} else if (isdigit((unsigned char)c) ||
			   (c == '.' && isdigit((unsigned char)s[i + 1]))) {
			while (isalnum((unsigned char)s[i]) || s[i] == '.' ||
			       s[i] == '_')
				i++;
			push(u, TK_NUM, st, i, sl, &cap);
		} else if (c == '"' || c == '\'') {
			for (i++; i < u->len && s[i] != c; i++)
				if (s[i] == '\\')
					i++;
			i++;
			push(u, c == '"' ? TK_STR : TK_CHR, st, i, sl, &cap);
		} else {
			int n = 1;

			for (k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++)
				if (!strncmp(s + i, puncts[k], strlen(puncts[k]))) {
					n = strlen(puncts[k]);
					break;
				}
			i += n;
			push(u, TK_PUNCT, st, i, sl, &cap);
		}
	}
	match_brackets(u);
	for (i = 0; i < u->n; i++) {
		int j = i - 1;

		while (j >= 0 && u->t[j].kind == TK_PP)
			j--;
		if (u->t[i].kind != TK_PUNCT)
			continue;
		if (tok_is(u, i, "!") || tok_is(u, i, "~"))
			u->t[i].unary = 1;
		else if (tok_is(u, i, "+") || tok_is(u, i, "-") ||
			 tok_is(u, i, "*") || tok_is(u, i, "&"))
			u->t[i].unary = j < 0 || !ends_operand(u, j);
		/* "*" of a declarator or cast: "(u32 *)", "**p" */
		if (tok_is(u, i, "*") && (tok_is(u, i + 1, ")") ||
					  tok_is(u, i + 1, "*") ||
					  tok_is(u, i + 1, ",")))
			u->t[i].unary = 1;
	}
	return 0;
}
