#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build and judge kernel mutants (docs/mutation.md).  Called by
# mk/mutate.mk from the top of the repository:
#
#   run-mutants.sh VERSION OUTDIR XICSREF MUTANTS [ID...]
#
# Environment: MAKE (the make to call), MUT_SCNS (the scenarios),
# K_CHECKED (the files of a kernel tree the build reads).
# Each mutant is a KSRC tree: the verified extraction of VERSION with
# one file rewritten by mutate.awk; the kernel fragment builds it like
# any other tree.  The runner then runs the suite on the model and that
# .so alone.  A mutant is killed when some (scenario, implementation)
# fails that passed on the unmutated tree built the same way, or when
# the run dies; it survives otherwise.  A mutant that does not compile
# is "stillborn": it is left out of the score and fails the run, as a
# stale spec does (the list must be fixed, never silently shortened).
set -u
ver=$1 out=$2 xr=$3 specs=$4
shift 4
here=$(dirname "$0")
src=build/ksrc/$ver
[ -f "$src/.extracted" ] || { echo "mutate: no verified tree $src" >&2; exit 2; }
[ -n "${MUT_SCNS:-}" ] || { echo "mutate: no scenarios" >&2; exit 2; }
[ -n "${K_CHECKED:-}" ] || { echo "mutate: K_CHECKED not set" >&2; exit 2; }
MAKE=${MAKE:-make}
rm -rf "$out" && mkdir -p "$out/log"

# ID FILE FUNC N PAT REP WHAT EQUIV, trimmed, separated by \037: a
# separator that is not IFS white space, so "read" keeps empty fields
awk -F'@@' '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
/^[ \t]*(#|$)/ { next }
{
	if (NF < 7 || NF > 8) {
		printf("%s:%d: want 7 or 8 fields separated by @@, got %d\n",
		       FILENAME, FNR, NF) > "/dev/stderr"
		bad = 1
		next
	}
	e = NF == 8 ? trim($8) : ""
	if (e != "" && e !~ /^equivalent: /) {
		printf("%s:%d: field 8 must start with \"equivalent: \"\n",
		       FILENAME, FNR) > "/dev/stderr"
		bad = 1
		next
	}
	id = trim($1)
	if (id in ids) {
		printf("%s:%d: duplicate id %s\n", FILENAME, FNR, id) > "/dev/stderr"
		bad = 1
	}
	ids[id] = 1
	printf("%s\037%s\037%s\037%d\037%s\037%s\037%s\037%s\n", id, trim($2), trim($3),
	       trim($4), trim($5), trim($6), trim($7), e)
}
END { exit bad }' "$specs" >"$out/specs.tsv" || exit 2

if [ $# -gt 0 ]; then
	for id in "$@"; do
		awk -F'\037' -v id="$id" '$1 == id { f = 1; print } END { exit !f }' \
			"$out/specs.tsv" || { echo "mutate: no mutant $id in $specs" >&2; exit 2; }
	done >"$out/selected.tsv"
else
	cp "$out/specs.tsv" "$out/selected.tsv"
fi

# Build tree $1 (KSRC) into $out/b; prints the .so, or fails
build_tree() {
	rm -rf "$out/b/kernel" "$out/b/obj/kernel"
	$MAKE --no-print-directory -s BUILD="$out/b" KSRC="$1" kernels \
		>"$2" 2>&1 || return 1
	ls "$out"/b/kernel/*/xicsref-kernel.so 2>/dev/null | head -n 1
}

# The extracted copy that make made of tree $1: build/ksrc/VER-HASH, HASH
# being the start of the hash of its files (conformance/kernel.mk)
drop_tree() {
	# shellcheck disable=SC2086
	h=$(sh conformance/kernel/tree-hash.sh "$1" $K_CHECKED | cut -c1-12)
	rm -rf "$1" build/ksrc/*-"$h"
}

# FAIL lines as "scenario impl", without the version (it has the hash).
# Batches of scenarios, stopping at the first batch with a failure the
# unmutated kernel does not have: a mutant that hangs costs one timeout
# per scenario, and one new failure is enough to kill it.
# run_suite SO LOG FAILS [BASEFAILS]
run_suite() {
	: >"$2"; : >"$3.tmp"
	set -- "$1" "$2" "$3" "${4:-/dev/null}"
	echo $MUT_SCNS | xargs -n 12 | while read -r batch; do
		# shellcheck disable=SC2086
		"$xr" run -q --timeout 3 --impl "$1" $batch >"$2.part" 2>&1
		rc=$?
		cat "$2.part" >>"$2"
		if ! grep -q ' passed, ' "$2.part" || [ $rc -gt 1 ]; then
			echo "crash or bad exit $rc" >>"$3.tmp"; exit 1
		fi
		awk '$1 == "FAIL" { print $2, $3 }' "$2.part" >>"$3.tmp"
		# the baseline (no BASEFAILS) always runs every batch
		[ "$4" != /dev/null ] &&
			sort -u "$3.tmp" | comm -23 - "$4" | grep -q . && exit 0
		:
	done
	st=$?
	rm -f "$2.part"
	sort -u "$3.tmp" >"$3"; rm -f "$3.tmp"
	return $st
}

new_tree() {
	rm -rf "$1" && mkdir -p "$1/arch/powerpc" &&
	cp -a "$src/arch/powerpc/kvm" "$src/arch/powerpc/include" "$1/arch/powerpc/" &&
	cp -a "$src/Makefile" "$1/"
}

t0=$(date +%s)
echo "mutate: kernel $ver, $(wc -l <"$out/selected.tsv") mutants, $(echo $MUT_SCNS | wc -w) scenarios"
base=$out/tree/base
new_tree "$base" || exit 2
so=$(build_tree "$base" "$out/log/base.build") ||
	{ echo "mutate: the unmutated tree does not build, see $out/log/base.build" >&2; exit 2; }
run_suite "$so" "$out/log/base.run" "$out/base.fails" ||
	{ echo "mutate: the suite dies on the unmutated kernel, see $out/log/base.run" >&2; exit 2; }
drop_tree "$base"
if [ -s "$out/base.fails" ]; then
	echo "mutate: WARNING: the unmutated kernel already fails these (they cannot kill):"
	sed 's/^/    /' "$out/base.fails"
fi

: >"$out/results.tsv"
us=$(printf '\037')
while IFS="$us" read -r id file fn occ pat rep what equiv; do
	tree=$out/tree/$id
	new_tree "$tree" || exit 2
	f=$tree/arch/powerpc/kvm/$file
	if ! awk -v fn="$fn" -v occ="$occ" -v pat="$pat" -v rep="$rep" \
		-f "$here/mutate.awk" "$f" >"$f.mut" 2>"$out/log/$id.apply"; then
		res=stale
	else
		rm -f "$f" && mv "$f.mut" "$f"
		if ! so=$(build_tree "$tree" "$out/log/$id.build"); then
			# only an error in the mutated file makes a stillborn
			# mutant; anything else is the build itself failing
			if grep -q "$file:[0-9]*:[0-9]*: error" "$out/log/$id.build"; then
				res=stillborn
			else
				res=build-error
			fi
		elif ! run_suite "$so" "$out/log/$id.run" "$out/$id.fails" "$out/base.fails"; then
			res=killed
			echo "crash or timeout" >"$out/$id.fails"
		elif [ -n "$(comm -13 "$out/base.fails" "$out/$id.fails")" ]; then
			res=killed
		else
			res=survived
		fi
	fi
	drop_tree "$tree"
	by=$(comm -13 "$out/base.fails" "$out/$id.fails" 2>/dev/null | head -n 1)
	[ -n "$by" ] || by=$(head -n 1 "$out/$id.fails" 2>/dev/null)
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$res" "$file" "$what" "$equiv" "$by" \
		>>"$out/results.tsv"
	printf '  %-9s %-16s %s\n' "$res" "$id" "${by:-}"
done <"$out/selected.tsv"
rm -rf "$out/b" "$out/tree"

awk -F'\t' -v secs=$(( $(date +%s) - t0 )) -v ver="$ver" '
{ n++; r[$2]++; f[$3 " " $2]++ }
$2 == "survived" && $5 == "" { surv = surv sprintf("    %s (%s): %s\n", $1, $3, $4) }
$2 == "survived" && $5 != "" { eq++; eqs = eqs sprintf("    %s: %s\n", $1, $5) }
$2 == "killed" && $5 != "" { wrong = wrong sprintf("    %s is killed: its equivalent note is wrong\n", $1) }
$2 == "stale" || $2 == "build-error" || $2 == "stillborn" { bad = bad sprintf("    %s: %s (see log/%s.*)\n", $1, $2, $1) }
END {
	judged = r["killed"] + r["survived"] - eq
	printf("mutate: kernel %s: %d mutants: %d killed, %d survived (%d equivalent), %d stillborn, %d stale, %d build errors; %d s\n",
	       ver, n, r["killed"], r["survived"], eq, r["stillborn"], r["stale"], r["build-error"], secs)
	printf("  book3s_hv_rm_xics.c: %d killed of %d; book3s_xics.c: %d killed of %d\n",
	       f["book3s_hv_rm_xics.c killed"],
	       f["book3s_hv_rm_xics.c killed"] + f["book3s_hv_rm_xics.c survived"],
	       f["book3s_xics.c killed"],
	       f["book3s_xics.c killed"] + f["book3s_xics.c survived"])
	if (judged > 0)
		printf("  score: %d/%d non-equivalent mutants killed (%.1f%%)\n",
		       r["killed"], judged, 100 * r["killed"] / judged)
	if (surv != "") printf("  SURVIVORS (need a scenario):\n%s", surv)
	if (eqs != "") printf("  equivalent (survived as noted):\n%s", eqs)
	if (wrong != "") printf("  WRONG NOTES:\n%s", wrong)
	if (bad != "") printf("  NOT JUDGED:\n%s", bad)
	exit (surv != "" || wrong != "" || bad != "") ? 1 : 0
}' "$out/results.tsv" | tee "$out/summary.txt"
! grep -q "SURVIVORS\|WRONG NOTES\|NOT JUDGED" "$out/summary.txt"
