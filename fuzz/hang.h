/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xicsref fuzzing: a run that does not finish is a finding too (a kernel
 * change can make a delivery loop spin forever).  The run is bounded in
 * CPU time and abandoned when it overruns, so the harness can still
 * shrink and print the case instead of dying in libFuzzer's timeout.
 */
#ifndef XICSREF_FUZZ_HANG_H
#define XICSREF_FUZZ_HANG_H

#include <stdbool.h>

/*
 * CPU time one run of a case may take (one implementation, or a group of
 * them in lockstep): a 32-step case takes under a millisecond per
 * implementation with the sanitizers.  A hanging case is run again for
 * every step of its shrinking, so this also sets how long that takes.
 */
#define XF_HANG_MSEC		100

/*
 * Call @fn(@arg); return false if it used more than @msec of CPU time,
 * in which case it was abandoned where it was (its memory is leaked:
 * the caller reports a finding and aborts).
 */
bool xf_run_bounded(void (*fn)(void *), void *arg, unsigned int msec);

#endif /* XICSREF_FUZZ_HANG_H */
