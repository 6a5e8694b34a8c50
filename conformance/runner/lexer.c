// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref runner: lines, tokens and numbers of the scenario language.
 *
 * The input is untrusted bytes (a fuzzer feeds it), so every access is
 * bounded by the buffer length and a NUL byte is just another byte: it
 * is rejected as a control character, not taken as the end of the text.
 */
#include <stdio.h>
#include <string.h>

#include "lexer.h"

void xr_lex_init(struct xr_lexer *lx, const char *buf, size_t len)
{
	lx->buf = buf;
	lx->len = len;
	lx->pos = 0;
	lx->line = 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Tokenise one line [s, s + n) that has no newline in it. */
static int lex_tokens(struct xr_line *out, const char *s, size_t n,
		      struct xr_parse_error *err)
{
	size_t i = 0, end = n;

	/* A comment runs to the end of the line, whatever it holds. */
	for (i = 0; i < n; i++) {
		if (s[i] == '#') {
			end = i;
			break;
		}
	}
	for (i = 0; i < end; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && !is_blank((char)c)) || c == 0x7f) {
			snprintf(err->msg, sizeof(err->msg),
				 "control character 0x%02x in statement", c);
			return -1;
		}
	}
	while (end > 0 && is_blank(s[end - 1]))
		end--;
	out->nr = 0;
	i = 0;
	while (i < end && is_blank(s[i]))
		i++;
	out->text = s + i;
	out->text_len = end - i;
	while (i < end) {
		size_t st = i;

		while (i < end && !is_blank(s[i]))
			i++;
		if (out->nr == XR_LEX_MAX_TOKS) {
			snprintf(err->msg, sizeof(err->msg),
				 "too many tokens (more than %d)",
				 XR_LEX_MAX_TOKS);
			return -1;
		}
		out->tok[out->nr].s = s + st;
		out->tok[out->nr].len = i - st;
		out->nr++;
		while (i < end && is_blank(s[i]))
			i++;
	}
	return 0;
}

int xr_lex_line(struct xr_lexer *lx, struct xr_line *out,
		struct xr_parse_error *err)
{
	while (lx->pos < lx->len) {
		const char *s = lx->buf + lx->pos;
		const char *nl = memchr(s, '\n', lx->len - lx->pos);
		size_t n = nl ? (size_t)(nl - s) : lx->len - lx->pos;

		lx->pos += n + (nl ? 1 : 0);
		lx->line++;
		out->line = lx->line;
		err->line = lx->line;
		if (lex_tokens(out, s, n, err))
			return -1;
		if (out->nr)
			return 1;
	}
	return 0;
}

bool xr_tok_is(const struct xr_tok *t, const char *word)
{
	size_t n = strlen(word);

	return t->len == n && memcmp(t->s, word, n) == 0;
}

void xr_tok_show(const struct xr_tok *t, char *out, size_t outlen)
{
	size_t i, o = 0, max = 40;

	for (i = 0; i < t->len && o + 1 < outlen && i < max; i++) {
		unsigned char c = (unsigned char)t->s[i];

		out[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	if (i < t->len && o + 4 < outlen) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	if (outlen)
		out[o < outlen ? o : outlen - 1] = '\0';
}

bool xr_tok_kv(const struct xr_tok *t, struct xr_tok *key, struct xr_tok *val)
{
	const char *eq = memchr(t->s, '=', t->len);

	if (!eq)
		return false;
	key->s = t->s;
	key->len = (size_t)(eq - t->s);
	val->s = eq + 1;
	val->len = t->len - key->len - 1;
	return true;
}

static int digit_value(char c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

enum xr_num_err xr_num_u64(const struct xr_tok *t, uint64_t *v)
{
	unsigned int base = 10;
	size_t i = 0;
	uint64_t acc = 0;
	bool wide = false;

	if (t->len >= 2 && t->s[0] == '0' && t->s[1] == 'x') {
		base = 16;
		i = 2;
	}
	if (i == t->len)
		return XR_NUM_BAD;
	for (; i < t->len; i++) {
		int d = digit_value(t->s[i], base);

		if (d < 0)
			return XR_NUM_BAD;
		/* keep scanning after overflow: "12x" is BAD, not WIDE */
		if (acc > (UINT64_MAX - (uint64_t)d) / base)
			wide = true;
		acc = acc * base + (uint64_t)d;
	}
	if (wide)
		return XR_NUM_WIDE;
	*v = acc;
	return XR_NUM_OK;
}

enum xr_num_err xr_num_s64(const struct xr_tok *t, int64_t *v)
{
	struct xr_tok rest = *t;
	bool neg = false;
	uint64_t u;
	enum xr_num_err e;

	if (rest.len && rest.s[0] == '-') {
		neg = true;
		rest.s++;
		rest.len--;
	}
	e = xr_num_u64(&rest, &u);
	if (e)
		return e;
	if (neg) {
		if (u > (uint64_t)INT64_MAX + 1)
			return XR_NUM_WIDE;
		*v = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
	} else {
		if (u > (uint64_t)INT64_MAX)
			return XR_NUM_WIDE;
		*v = (int64_t)u;
	}
	return XR_NUM_OK;
}
