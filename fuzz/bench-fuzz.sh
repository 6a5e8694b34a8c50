#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench-fuzz's figures for the targets that replay the generated
# bench inputs: executions per second of each line, a line being a target
# or TARGET:floor (the same inputs on the kernel implementations alone,
# XICSREF_FUZZ_FLOOR=1).  Every line runs its inputs R times
# (libFuzzer replays a file argument -runs times) and once, to take the
# start-up and kernel loading away; the lines take turns, REPS rounds of
# them, and each keeps its fastest times.  On a shared machine a slow
# stretch then falls on every line alike, and the figure is what the
# target costs when nothing else runs.  A target's ratio to its floor is
# the median over the rounds of the two measured side by side in each
# (one right after the other, in turn first): this VM's speed
# drifts by a fifth within minutes, and the fastest of each line, taken
# in different minutes, moved the ratio by as much.  A figure, never a
# failure.
#
#	bench-fuzz.sh FUZZ_DIR N_INPUTS REPS LINE...
#
# XICSREF_KERNEL_SOS must name the kernel objects.

set -u
dir=$1 n=$2 reps=$3
shift 3

now_ns() { date +%s%N; }

# runs_of LINE: how often each input is replayed (about a second a run)
runs_of() {
	case $1 in
	diff_ops*|state_restore*) echo 100 ;;
	model_invariants*) echo 200 ;;
	*) echo 1000 ;;
	esac
}

# time_ns LINE RUNS LOG: run the line, print the nanoseconds it took
time_ns() {
	x=${1%%:*}
	bx=$(echo "$x" | sed 's/\(_xive\)*_[0-9]*_[0-9]*$//')
	case $1 in
	*:floor) floor=1 ;;
	*) floor= ;;
	esac
	t0=$(now_ns)
	XICSREF_FUZZ_FLOOR=$floor "$dir/$x" -runs="$2" "$dir"/bench/"$bx"/* \
		>"$3" 2>&1 || { echo "bench-fuzz: $1 failed ($3)" >&2; exit 1; }
	t1=$(now_ns)
	echo $((t1 - t0))
}

i=0
for line in "$@"; do
	i=$((i + 1))
	eval "one_$i=; all_$i=; per_$i="
done
# the lines of a round, forwards in odd rounds and backwards in even ones,
# so that neither of a target and its floor always runs first
nl=$#
order_of() {
	k=0
	while [ $k -lt "$nl" ]; do
		k=$((k + 1))
		if [ $(($1 % 2)) = 1 ]; then echo $k; else echo $((nl + 1 - k)); fi
	done
}
rep=0
while [ $rep -lt "$reps" ]; do
	rep=$((rep + 1))
	for i in $(order_of $rep); do
		eval "line=\${$i}"
		log=$dir/bench/$(echo "$line" | tr : _).log
		a=$(time_ns "$line" 1 "$log") || exit 1
		b=$(time_ns "$line" "$(runs_of "$line")" "$log") || exit 1
		eval "o=\$one_$i; w=\$all_$i"
		[ -z "$o" ] || [ "$a" -lt "$o" ] && eval "one_$i=$a"
		[ -z "$w" ] || [ "$b" -lt "$w" ] && eval "all_$i=$b"
		eval "per_$i=\"\$per_$i $((b - a))\""
	done
done

# paired_ratio I J: the median over the rounds of line J's time over line
# I's (the same inputs, the same number of runs)
paired_ratio() {
	eval "ti=\$per_$1; tj=\$per_$2"
	echo "$ti" | tr ' ' '\n' | grep . > "$dir/bench/.pr_i"
	echo "$tj" | tr ' ' '\n' | grep . > "$dir/bench/.pr_j"
	paste "$dir/bench/.pr_i" "$dir/bench/.pr_j" |
		awk '$1 > 0 { print $2 / $1 }' | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", \
			NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
	rm -f "$dir/bench/.pr_i" "$dir/bench/.pr_j"
}

# exec/s of line @i, into rate_$i
i=0
for line in "$@"; do
	i=$((i + 1))
	eval "a=\$one_$i; b=\$all_$i"
	r=$(runs_of "$line")
	eval "rate_$i=$(awk -v n=$(( (r - 1) * n )) -v ns=$((b - a)) \
		'BEGIN { if (ns < 1) ns = 1; printf "%.0f", n * 1e9 / ns }')"
done

echo "bench-fuzz: the fastest of $reps rounds, the lines taking turns (32-step inputs, libFuzzer+ASan+UBSan, one core)"
i=0
for line in "$@"; do
	i=$((i + 1))
	eval "rate=\$rate_$i"
	log=$dir/bench/$(echo "$line" | tr : _).log
	nk=$(grep -c '^fuzz: comparing' "$log")
	extra=
	[ "$nk" -gt 0 ] && extra="; $nk kernel implementations each: $((rate * nk)) runs/s"
	case $line in
	*:floor)
		echo "bench-fuzz: $(printf '%-24s %8s' "$line" "$rate") exec/s (the kernel implementations alone, no model, no comparison: what ${line%%:*} cannot exceed$extra)"
		;;
	*)
		# its floor, if it has one among the lines
		j=0 f= fj=
		for other in "$@"; do
			j=$((j + 1))
			[ "$other" = "$line:floor" ] && eval "f=\$rate_$j" && fj=$j
		done
		ratio=
		[ -n "$f" ] && ratio=$(awk -v a="$f" -v b="$rate" \
			-v p="$(paired_ratio "$fj" "$i")" \
			'BEGIN { printf "; its floor is %sx faster, the median of the rounds side by side (fastest of each: %.2fx; issue 14 goal: at most 1.5x; and 20,000 exec/s)", p, a / b }')
		echo "bench-fuzz: $(printf '%-24s %8s' "$line" "$rate") exec/s$extra$ratio"
		;;
	esac
done
