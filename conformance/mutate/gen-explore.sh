#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The generated mutants that only another CPU can tell (the
# "concurrency:" notes of equivalent.txt), handed to make explore
# (docs/mutation.md "Concurrency mutants under make explore").
#
#   gen-explore.sh VERSION OUTDIR XICSREF MUTGEN JOBS
#
# Environment: MAKE, K_CHECKED, PAR_SCNS (the scenarios with a parallel
# block), EXPLORE_ARGS (make explore's bounds), EXPLORE_CC.
#
# The three goal files of VERSION are written as mutant schemata (as
# gen-mutants.sh does) and built as an explore build (EXPLORE=1: clang,
# the explorer in place of the thread sanitizer's runtime), with
# -fno-inline: the schema changes what the compiler inlines, and an
# access whose code moved into its caller would be named after the
# caller, which spec/races.txt does not document.  With no mutant on,
# make explore's scenarios must find nothing; then each concurrency
# mutant is explored on them with make explore's bounds.  Found: the
# note is confirmed.  Not found: no interleaving within these bounds
# and scenarios shows it, a gap the concurrency work owns.  A report,
# never a failure (the sequential suite's verdict is make mutate's).
set -u
here=$(dirname "$0")

if [ "${1:-}" = run-one ]; then
	# run-one XICSREF SO TAG POINT ALT ID
	xr=$2 so=$3 tag=$4 point=$5 alt=$6 id=$7
	# shellcheck disable=SC2086
	if XICSREF_MUTANT=$tag:$point:$alt "$xr" explore -q $EXPLORE_ARGS \
		--impl "$so" $PAR_SCNS >/dev/null 2>&1; then
		printf '%s\tnot-found\n' "$id"
	else
		printf '%s\tfound\n' "$id"
	fi
	exit 0
fi

ver=$1 out=$2 xr=$3 mutgen=$4 jobs=$5
src=build/ksrc/$ver
[ -f "$src/.extracted" ] || { echo "mutate-explore: no verified tree $src" >&2; exit 2; }
[ -n "${PAR_SCNS:-}" ] || { echo "mutate-explore: no parallel scenarios" >&2; exit 2; }
[ -n "${K_CHECKED:-}" ] || { echo "mutate-explore: K_CHECKED not set" >&2; exit 2; }
MAKE=${MAKE:-make}
rm -rf "$out" && mkdir -p "$out/log"
. "$here/schema.sh"

tree=$out/tree
new_tree "$tree" "" || exit 2
cat "$out"/list.? >"$out/mutants.tsv"
if ! $MAKE --no-print-directory -s -k BUILD="$out/bx" CC="${EXPLORE_CC:-clang}" \
	EXPLORE=1 KSRC="$tree" EXTRA_CFLAGS=-fno-inline kernels \
	>"$out/log/explore.build" 2>&1; then
	echo "mutate-explore: the explore build of the schema failed (see $out/log/explore.build)" >&2
	exit 2
fi
so=$(ls "$out"/bx/kernel/*/xicsref-kernel.so | head -n 1)
# shellcheck disable=SC2086
if ! "$xr" explore -q $EXPLORE_ARGS --impl "$so" $PAR_SCNS >"$out/log/baseline" 2>&1; then
	echo "mutate-explore: kernel $ver: the schema with no mutant on has findings (see $out/log/baseline)" >&2
	exit 2
fi

# the mutants whose note (an ID or a class of them) is "concurrency:"
awk -F'\t' '
FILENAME == ARGV[1] {
	if ($0 ~ /^[ \t]*(#|$)/) next
	line = $0
	if (line ~ /^\//) {
		m = match(line, /\/[ \t]+(equivalent|concurrency|harness):/)
		if (line ~ /\/[ \t]+concurrency:/) re[++nre] = substr(line, 2, m - 2)
		next
	}
	# "ID [ID...] concurrency: reason"
	m = match(line, /[ \t]+concurrency: /)
	if (m) {
		n = split(substr(line, 1, m - 1), w, /[ \t]+/)
		for (i = 1; i <= n; i++) conc[w[i]] = 1
	}
	next
}
{
	c = ($4 in conc)
	for (k = 1; !c && k <= nre; k++)
		if (($4 " " $10) ~ re[k]) c = 1
	if (c) print $1, $2, $3, $4
}' "$here/equivalent.txt" "$out/mutants.tsv" >"$out/todo"
t0=$(date +%s)
echo "mutate-explore: kernel $ver: $(wc -l <"$out/todo") concurrency mutants, $(echo $PAR_SCNS | wc -w) parallel scenarios, $EXPLORE_ARGS"
while read -r tag point alt id; do
	echo "$xr $so $tag $point $alt $id"
done <"$out/todo" | xargs -P "$jobs" -L 1 sh "$0" run-one >"$out/results"
rm -rf "$out/bx"
drop_tree "$tree"
sort -o "$out/results" "$out/results"
awk -v ver="$ver" -v secs=$(( $(date +%s) - t0 )) '
{ n++; r[$2]++; if ($2 == "not-found") miss = miss "    " $1 "\n" }
END {
	printf("mutate-explore: kernel %s: %d concurrency mutants: %d found by make explore, %d not found (%d s)\n",
	       ver, n, r["found"], r["not-found"], secs)
	if (miss != "")
		printf("  not found within these bounds and scenarios (for the concurrency work):\n%s", miss)
}' "$out/results" | tee "$out/summary.txt"
