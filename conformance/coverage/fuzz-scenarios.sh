#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Turn the fuzz corpora into scenarios for the coverage run.
#   fuzz-scenarios.sh FROM_FUZZ_BIN OUTDIR "MAKE COMMAND FOR THE BIN"
# diff_ops inputs decode as plain cases, state_restore ones with
# --state; scenario_parse inputs are scenario texts, not bytes, and are
# left out (they cover the parser, not the kernel).  No corpus is not an
# error, but it is said out loud.
set -e
bin=$1 out=$2 build=$3
rm -rf "$out" && mkdir -p "$out"
if [ ! -d fuzz/corpus ]; then
	echo "coverage: COVERAGE_FUZZ=1 but no fuzz/corpus: SKIPPED" >&2
	exit 0
fi
$build >/dev/null
n=0
for t in diff_ops state_restore; do
	for d in fuzz/corpus/$t build/fuzz/corpus/$t; do
		[ -d "$d" ] || continue
		flag=
		[ $t = state_restore ] && flag=--state
		for f in "$d"/*; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			"$bin" $flag "$f" >"$out/$t-$n.scn" 2>/dev/null ||
				{ echo "coverage: $f: not decodable" >&2; rm -f "$out/$t-$n.scn"; }
		done
	done
done
[ $n -gt 0 ] || echo "coverage: COVERAGE_FUZZ=1 but the corpora are empty: SKIPPED" >&2
