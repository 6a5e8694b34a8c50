#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bench-explore: the explorer's figures on the suite's parallel blocks.
#
#   explore.sh XICSREF "SO..." SCENARIO...
#
# For each explore build: the whole concurrent suite at bound 2 with one
# delay (what make explore runs), with the state-hash reduction and
# without it; executions run to the end, executions cut short, seconds,
# executions per second, and the reduction (executions without it /
# executions with it).  Figures, never a failure (but a failing run).
set -u
xr=$1 sos=$2
shift 2
run() {
	# $1: extra option; prints "EXECUTIONS CUT SECONDS"
	opt=$1
	shift
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086
	out=$("$xr" explore --no-fork $opt $impls "$@" 2>&1) || {
		echo "bench-explore: the exploration failed:" >&2
		echo "$out" | tail -5 >&2
		exit 1
	}
	t1=$(date +%s.%N)
	echo "$out" | awk -v t0="$t0" -v t1="$t1" '
		/^PASS / { for (i = 1; i < NF; i++) {
			if ($(i + 1) ~ /^executions,?$/) e += $i
			if ($(i + 1) == "cut") c += $i } }
		END { printf "%d %d %.2f\n", e, c, t1 - t0 }'
}
for so in $sos; do
	impls="--impl $so"
	with=$(run "" "$@")
	without=$(run "--no-reduction" "$@")
	echo "$with $without" | awk -v so="$so" -v n=$# '{
		printf "bench-explore %s (%d scenarios x kernel-vm, kernel-rm, bound 2, 1 delay):\n", so, n
		printf "  with reduction:    %8d executions, %7d cut short, %6.2f s, %8.0f executions/s\n",
		       $1, $2, $3, ($3 > 0 ? ($1 + $2) / $3 : 0)
		printf "  without reduction: %8d executions, %7s           %6.2f s, %8.0f executions/s\n",
		       $4, "", $6, ($6 > 0 ? $4 / $6 : 0)
		printf "  reduction: %.1fx fewer executions run to the end, %.1fx less time\n",
		       ($1 ? $4 / $1 : 0), ($3 > 0 ? $6 / $3 : 0) }'
done
