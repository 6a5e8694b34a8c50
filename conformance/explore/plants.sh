#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make explore-selftest: every planted concurrency bug is found.
#
#   plants.sh SRC PLANTS WORK
#
# SRC is a verified kernel tree (build/ksrc/<version>), PLANTS the list
# (plants.txt), WORK a scratch directory.  Environment: MAKE, K_CHECKED,
# XICSREF.  For each plant: a copy of SRC with the one change (made by
# conformance/mutate/mutate.awk, as a mutant is), built as an explore
# KSRC tree; `xicsref explore` on the plant's scenario must report a
# finding.  What it printed is kept in WORK/ID.txt.
set -u
src=$1 plants=$2 w=$3
MAKE=${MAKE:-make}
here=$(pwd)
[ -f "$src/.extracted" ] || { echo "explore-selftest: no verified tree $src" >&2; exit 2; }
rm -rf "$w" && mkdir -p "$w" || exit 2
w=$(cd "$w" && pwd)
fail=0 n=0
built=

cleanup() {
	for v in $built; do
		rm -rf "$here/build/ksrc/$v" "$here/build/explore/obj/kernel/$v" \
			"$here/build/explore/kernel/$v"
	done
}
trap cleanup EXIT

us=$(printf '\037')
awk -F'@@' '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
/^[ \t]*(#|$)/ { next }
NF != 8 { printf("%s:%d: want 8 fields separated by @@\n", FILENAME, FNR) > "/dev/stderr"; bad = 1; next }
{ printf("%s\037%s\037%s\037%s\037%s\037%s\037%s\037%s\n", trim($1), trim($2), trim($3),
	 trim($4), trim($5), trim($6), trim($7), trim($8)) }
END { exit bad }' "$plants" >"$w/plants.tsv" || exit 2

while IFS="$us" read -r id file fn occ pat rep scn what; do
	n=$((n + 1))
	t=$w/tree-$id
	for f in $K_CHECKED; do
		mkdir -p "$t/$(dirname "$f")" && cp "$src/$f" "$t/$f" || exit 2
	done
	f=$t/arch/powerpc/kvm/$file
	if ! awk -v fn="$fn" -v occ="$occ" -v pat="$pat" -v rep="$rep" \
		-f conformance/mutate/mutate.awk "$src/arch/powerpc/kvm/$file" \
		>"$f" 2>"$w/$id.txt"; then
		echo "explore-selftest: FAIL $id: the plant does not apply (stale: $fn, '$pat')"
		fail=$((fail + 1))
		continue
	fi
	v=$($MAKE --no-print-directory -s BUILD=build/explore KSRC="$t" \
		--eval 'xs-print-v: ; @echo $(KERNEL_VERSIONS)' xs-print-v)
	built="$built $v"
	if ! $MAKE --no-print-directory BUILD=build/explore CC=clang EXPLORE=1 \
		KSRC="$t" kernels >"$w/$id.build" 2>&1; then
		echo "explore-selftest: FAIL $id: does not build (see $w/$id.build)"
		fail=$((fail + 1))
		continue
	fi
	"$XICSREF" explore -q --impl "build/explore/kernel/$v/xicsref-kernel.so" \
		"$scn" >"$w/$id.txt" 2>&1
	rc=$?
	oracle=$(sed -n 's/^    oracle: \([A-Z-]*\).*/\1/p' "$w/$id.txt" | sort -u | tr '\n' ' ')
	if [ $rc = 1 ] && grep -q '^FINDING ' "$w/$id.txt"; then
		printf 'explore-selftest: found %-16s %s: %s\n' "$id" "$oracle" "$what"
	else
		echo "explore-selftest: FAIL $id: make explore would not notice: $what (exit $rc, see $w/$id.txt)"
		fail=$((fail + 1))
	fi
	rm -rf "$t"
done <"$w/plants.tsv"

if [ $fail != 0 ]; then
	echo "explore-selftest: $fail of $n planted bugs not found" >&2
	exit 1
fi
echo "explore-selftest: all $n planted bugs found (reports in $w)"
