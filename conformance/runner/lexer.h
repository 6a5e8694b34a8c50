/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref runner: the lexical layer of the scenario language.  A buffer
 * is cut into lines, a line into tokens (comments removed), and a token
 * into a number when one is wanted.  No allocation, no I/O.
 */
#ifndef XR_RUNNER_LEXER_H
#define XR_RUNNER_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

#define XR_LEX_MAX_TOKS		80

struct xr_tok {
	const char *s;
	size_t len;
};

struct xr_line {
	uint32_t line;			/* 1-based */
	uint32_t nr;			/* tokens */
	struct xr_tok tok[XR_LEX_MAX_TOKS];
	const char *text;		/* the statement without its comment */
	size_t text_len;
};

struct xr_lexer {
	const char *buf;
	size_t len;
	size_t pos;
	uint32_t line;
};

enum xr_num_err {
	XR_NUM_OK = 0,
	XR_NUM_BAD = -1,		/* not a number */
	XR_NUM_WIDE = -2,		/* wider than 64 bits */
};

void xr_lex_init(struct xr_lexer *lx, const char *buf, size_t len);
/* 1: a non-empty line in @out; 0: end of input; -1: error in @err */
int xr_lex_line(struct xr_lexer *lx, struct xr_line *out,
		struct xr_parse_error *err);

bool xr_tok_is(const struct xr_tok *t, const char *word);
/* Copy a token for a message: printable bytes only, truncated */
void xr_tok_show(const struct xr_tok *t, char *out, size_t outlen);
/* Split "key=value": false if no '=' in @t */
bool xr_tok_kv(const struct xr_tok *t, struct xr_tok *key, struct xr_tok *val);

/* Decimal or 0x hexadecimal, unsigned 64-bit */
enum xr_num_err xr_num_u64(const struct xr_tok *t, uint64_t *v);
/* As above with an optional leading '-', within int64_t */
enum xr_num_err xr_num_s64(const struct xr_tok *t, int64_t *v);

#endif /* XR_RUNNER_LEXER_H */
