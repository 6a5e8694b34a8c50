#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make explore-selftest, make explore-mutate: planted concurrency bugs
# are found (docs/exploring.md, "Planted bugs").
#
#   plants.sh SRC PLANTS WORK
#
# SRC is a verified kernel tree (build/ksrc/<version>), PLANTS the list
# (plants.txt), WORK a scratch directory.  Environment: MAKE, K_CHECKED,
# XICSREF, EXPLORE_ARGS (make explore's bounds), PLANT_IDS (only these
# plants; all when empty), PLANT_JOBS (plants built and explored at the
# same time, default 2), LABEL (the prefix of every line printed).
#
# For each plant: a copy of the files SRC's build reads, with the
# plant's edits (conformance/mutate/mutate.awk for an N-th occurrence,
# every.awk for N = *), built as an explore KSRC tree; `xicsref explore`
# on the plant's scenario must report a finding (or the kernel code
# crash: make explore fails on that too), unless the plant is marked
# "survives:" (then it must not).  What explore printed is kept
# in WORK/ID.txt, the edited tree of a plant that failed in
# WORK/tree-ID.  The builds of the plants are removed as they finish.
set -u
src=$1 plants=$2 w=$3
MAKE=${MAKE:-make}
LABEL=${LABEL:-explore-selftest}
PLANT_JOBS=${PLANT_JOBS:-2}
PLANT_IDS=${PLANT_IDS:-}
EXPLORE_ARGS=${EXPLORE_ARGS:-}
here=$(pwd)
[ -f "$src/.extracted" ] || { echo "$LABEL: no verified tree $src" >&2; exit 2; }
rm -rf "$w" && mkdir -p "$w/edits" "$w/res" || exit 2
w=$(cd "$w" && pwd)
start=$(date +%s)

# The list: one record per plant in plants.tsv (id, scenario, what,
# survives), its edits in edits/ID (path, function, N, pattern,
# replacement), fields separated by \037.
awk -F'@@' -v dir="$w/edits" '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function bad(msg) { printf("%s:%d: %s\n", FILENAME, FNR, msg) > "/dev/stderr"; err = 1 }
function edit(file, fn, n, pat, rep) {
	if (n !~ /^([1-9][0-9]*|\*)$/) { bad("N must be a number or *"); return }
	if (pat == "") { bad("empty pattern"); return }
	if (file !~ /\//) file = "arch/powerpc/kvm/" file
	printf("%s\037%s\037%s\037%s\037%s\n", file, fn, n, pat, rep) > (dir "/" id)
}
/^[ \t]*(#|$)/ { next }
trim($1) == "+" {
	if (id == "") { bad("a \"+\" edit before any plant"); next }
	if (NF != 6) { bad("want 6 fields in a \"+\" edit"); next }
	edit(trim($2), trim($3), trim($4), trim($5), trim($6))
	next
}
NF != 8 && NF != 9 { bad("want 8 fields (9 with survives:) separated by @@"); id = ""; next }
{
	id = trim($1)
	if (id !~ /^[a-z0-9][a-z0-9-]*$/) { bad("bad ID " id); id = ""; next }
	if (id in seen) { bad("ID " id " twice"); id = ""; next }
	seen[id] = 1
	why = ""
	if (NF == 9) {
		why = trim($9)
		if (why !~ /^survives: ./) { bad("the 9th field must be \"survives: WHY\""); id = ""; next }
		sub(/^survives: /, "", why)
	}
	printf("%s\037%s\037%s\037%s\n", id, trim($7), trim($8), why)
	edit(trim($2), trim($3), trim($4), trim($5), trim($6))
}
END { exit err }' "$plants" >"$w/all.tsv" || exit 2

if [ -n "$PLANT_IDS" ]; then
	for id in $PLANT_IDS; do
		grep -q "^$id$(printf '\037')" "$w/all.tsv" ||
			{ echo "$LABEL: no plant $id in $plants" >&2; exit 2; }
	done
	awk -F'\037' -v ids=" $PLANT_IDS " 'index(ids, " " $1 " ")' \
		"$w/all.tsv" >"$w/plants.tsv"
else
	cp "$w/all.tsv" "$w/plants.tsv"
fi
n=$(wc -l <"$w/plants.tsv")
us=$(printf '\037')

# One plant: edit, build, explore; the verdict goes to res/ID.
plant() {
	id=$1 scn=$2 what=$3 why=$4
	t=$w/tree-$id
	r=$w/res/$id
	rm -rf "$t"
	for f in $K_CHECKED; do
		mkdir -p "$t/$(dirname "$f")" && cp "$src/$f" "$t/$f" || return 2
	done
	while IFS="$us" read -r path fn occ pat rep; do
		case " $K_CHECKED " in
		*" $path "*) ;;
		*) echo "FAIL $id: $path is not a file the kernel build reads" >"$r"
		   return 1 ;;
		esac
		if [ "$occ" = "*" ]; then
			awk -v fn="$fn" -v pat="$pat" -v rep="$rep" \
				-f conformance/explore/every.awk "$t/$path" \
				>"$t/$path.new" 2>>"$w/$id.txt"
		else
			awk -v fn="$fn" -v occ="$occ" -v pat="$pat" -v rep="$rep" \
				-f conformance/mutate/mutate.awk "$t/$path" \
				>"$t/$path.new" 2>>"$w/$id.txt"
		fi || {
			echo "FAIL $id: the plant does not apply (stale: $fn, '$pat')" >"$r"
			return 1
		}
		mv "$t/$path.new" "$t/$path"
	done <"$w/edits/$id"
	# an unchanged tree would be the kernel itself, built under a
	# name that another user of KSRC may own
	same=1
	for f in $K_CHECKED; do
		cmp -s "$src/$f" "$t/$f" || same=0
	done
	if [ $same = 1 ]; then
		echo "FAIL $id: the plant changes nothing" >"$r"
		return 1
	fi
	# shellcheck disable=SC2016 # make expands $(KERNEL_VERSIONS)
	v=$($MAKE --no-print-directory -s BUILD=build/explore KSRC="$t" \
		--eval 'xs-print-v: ; @echo $(KERNEL_VERSIONS)' xs-print-v)
	if [ -z "$v" ] || ! mkdir "$w/v-$v" 2>/dev/null; then
		# two plants of one tree would share (and remove) one build
		echo "FAIL $id: no version for its tree, or the same tree as another plant" >"$r"
		return 1
	fi
	echo "$v" >"$w/$id.version"
	if ! $MAKE --no-print-directory BUILD=build/explore CC=clang EXPLORE=1 \
		KSRC="$t" kernels >"$w/$id.build" 2>&1; then
		echo "FAIL $id: does not build (see $w/$id.build)" >"$r"
		return 1
	fi
	# shellcheck disable=SC2086 # EXPLORE_ARGS is a list of options
	"$XICSREF" explore -q $EXPLORE_ARGS \
		--impl "build/explore/kernel/$v/xicsref-kernel.so" "$scn" \
		>>"$w/$id.txt" 2>&1
	rc=$?
	oracle=$(sed -n 's/^    oracle: \([A-Z-]*\).*/\1/p' "$w/$id.txt" | sort -u | tr '\n' ' ')
	# the kernel code crashing is a finding too: make explore fails on it
	grep -q '^    the exploration crashed' "$w/$id.txt" && oracle="${oracle}crash "
	oracle=${oracle% }
	found=0
	[ $rc = 1 ] && grep -q '^FINDING \|^    the exploration crashed' "$w/$id.txt" && found=1
	if [ -n "$why" ]; then
		if [ $found = 1 ]; then
			echo "FAIL $id: marked survives, but found ($oracle): the note is stale (see $w/$id.txt)" >"$r"
			return 1
		fi
		[ $rc = 0 ] || {
			echo "FAIL $id: explore failed (exit $rc, see $w/$id.txt)" >"$r"
			return 1
		}
		printf 'survives %-24s %s\n' "$id" "$what" >"$r"
		return 0
	fi
	if [ $found = 1 ]; then
		printf 'found %-24s %s: %s\n' "$id" "$oracle" "$what" >"$r"
		return 0
	fi
	echo "FAIL $id: make explore would not notice: $what (exit $rc, see $w/$id.txt)" >"$r"
	return 1
}

# Remove a plant's build; its edited tree too, unless it failed.
tidy() {
	id=$1
	if [ -s "$w/$id.version" ]; then
		v=$(cat "$w/$id.version")
		case $v in
		*-*) rm -rf "$here/build/ksrc/$v" "$here/build/explore/obj/kernel/$v" \
			"$here/build/explore/kernel/$v" ;;
		esac
	fi
	case $(cat "$w/res/$id" 2>/dev/null) in
	FAIL*) ;;
	*) rm -rf "$w/tree-$id" ;;
	esac
}

# PLANT_JOBS shards, each taking every PLANT_JOBS-th plant in turn
pids=
j=0
while [ $j -lt "$PLANT_JOBS" ]; do
	(
		trap 'for f in "$w"/*.version; do [ -f "$f" ] && tidy "$(basename "$f" .version)"; done' INT TERM
		awk -F'\037' -v j=$j -v n="$PLANT_JOBS" '(NR - 1) % n == j' "$w/plants.tsv" |
		while IFS="$us" read -r id scn what why; do
			plant "$id" "$scn" "$what" "$why"
			[ -s "$w/res/$id" ] || echo "FAIL $id: could not be set up" >"$w/res/$id"
			tidy "$id"
		done
	) &
	pids="$pids $!"
	j=$((j + 1))
done
# shellcheck disable=SC2086 # a list of process ids
wait $pids

fail=0 found=0 surv=0
while IFS="$us" read -r id scn what why; do
	line=$(cat "$w/res/$id" 2>/dev/null || echo "FAIL $id: no result")
	case $line in
	FAIL*) fail=$((fail + 1)); echo "$LABEL: $line" ;;
	survives*) surv=$((surv + 1)); echo "$LABEL: $line" ;;
	*) found=$((found + 1)); echo "$LABEL: $line" ;;
	esac
done <"$w/plants.tsv"

secs=$(($(date +%s) - start))
if [ $fail != 0 ]; then
	echo "$LABEL: $fail of $n plants failed ($found found, $surv survive as noted; ${secs} s)" >&2
	exit 1
fi
echo "$LABEL: all $n plants as expected: $found found, $surv survive as noted (${secs} s, reports in $w)"
