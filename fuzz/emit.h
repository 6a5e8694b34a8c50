/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref fuzzing: a decoded case as a scenario file, and a shrinker
 * that makes the case small while a caller's check still fails.
 */
#ifndef XICSREF_FUZZ_EMIT_H
#define XICSREF_FUZZ_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "decode.h"

/*
 * Print @c in the scenario language (docs/scenario-language.md), so that
 * `xicsref run FILE` replays it.  @note lines become '#' comments.
 */
void xf_emit(FILE *f, const struct xf_case *c, const char *note);

/* One step as its statement, with a newline */
void xf_emit_step(FILE *f, const struct xr_step *st);

/* true while the difference (or the broken invariant) is still there */
typedef bool (*xf_still_fails_fn)(const struct xf_case *c, void *arg);

/*
 * Shrink @c in place: drop steps one at a time (last first) while
 * @fails stays true, then sources and VCPUs that no step names, then
 * options back to their defaults.  Repeats until nothing more goes.
 * Returns the number of runs of @fails.
 */
unsigned int xf_shrink(struct xf_case *c, xf_still_fails_fn fails, void *arg);

#endif /* XICSREF_FUZZ_EMIT_H */
