/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mutgen: mutants generated from the decisions of a kernel C file
 * (docs/mutation.md "Generated mutants").
 *
 * The file is split into tokens (mutgen_lex.c), every mutation point of
 * the chosen functions is found from the tokens with C's precedence
 * rules (mutgen_find.c), and the file is written back as a mutant
 * schema (mutgen_emit.c): each point becomes a run-time choice between
 * its original text and each alternative, so one build holds every
 * mutant of the file and the run picks one by number.
 */
#ifndef MUTGEN_H
#define MUTGEN_H

#include <stdio.h>

enum tok_kind { TK_ID, TK_NUM, TK_STR, TK_CHR, TK_PUNCT, TK_PP };

struct tok {
	enum tok_kind kind;
	int start, end;		/* [start, end) of the text */
	int line;		/* 1-based line of start */
	int match;		/* the matching bracket, or -1 */
	unsigned unary:1;	/* + - * & ! ~ used as a prefix operator */
	unsigned fixed:1;	/* declarator, case label, ...: never mutated */
};

/* The operators, each documented in docs/mutation.md with its count */
enum mkind {
	MK_SDL,		/* statement deletion (assignment or call) */
	MK_COND,	/* decision negated, forced true, forced false */
	MK_LCR,		/* && <-> || */
	MK_ROR,		/* relational operator replacement */
	MK_AOR,		/* arithmetic operator replacement */
	MK_BIT,		/* bitwise operator replacement */
	MK_SHF,		/* shift operator replacement */
	MK_ASG,		/* compound assignment operator replacement */
	MK_NEG,		/* unary ! removed */
	MK_INC,		/* ++ <-> -- */
	MK_RET,		/* return value replaced */
	MK_CST,		/* constant replaced */
	MK_COUNT
};

#define MAX_ALT 6

struct point {
	enum mkind kind;
	int a, b;		/* token span, inclusive */
	int op;			/* the operator token, or -1 */
	int la, lb, ra, rb;	/* operand spans of a binary operator */
	int nalt;
	const char *alt[MAX_ALT];	/* replacement operator or form */
	const char *name[MAX_ALT];	/* short name in the stable ID */
	int fn;			/* index into the function list */
	int occ;		/* occurrence of this kind in the function */
	int id;			/* run-time point number, from 1 */
	unsigned off;		/* bit i: alternative i left out */
	int dropped;		/* overlaps another point: not a mutant */
	int order;		/* position in nesting order */
};

struct unit {
	const char *path;
	char *text;
	int len;
	struct tok *t;
	int n;
	struct point *p;
	int np, cap;
	char **fname;		/* the functions to mutate */
	int nfn;
	int *fn_a, *fn_b;	/* body span of each, or -1 */
	unsigned long *fn_hash;	/* FNV-1a of each definition's text */
	int ptr_ret_fn;		/* scratch: current function returns a pointer */
};

extern const char *const mk_name[MK_COUNT];

int lex_unit(struct unit *u);
int tok_is(const struct unit *u, int i, const char *s);
int tok_is_keyword(const struct unit *u, int i);
int tok_is_type_word(const struct unit *u, int i);
int tok_is_cast(const struct unit *u, int close);
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

void find_functions(struct unit *u);
void find_points(struct unit *u);

/* mode: 0 schema, 1 grouping only (every point as its original text) */
void emit_unit(struct unit *u, FILE *out, FILE *lines, int tag, int mode);
void emit_list(struct unit *u, FILE *out, int tag, const char *file);

#endif
