#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Generated mutants of one kernel version (docs/mutation.md "Generated
# mutants").  Called by mk/mutate.mk from the top of the repository:
#
#   gen-mutants.sh VERSION OUTDIR XICSREF MUTGEN JOBS [SAMPLE]
#
# Environment: MAKE, MUT_SCNS (the scenarios and regression cases make
# conform runs), K_CHECKED (the files of a kernel tree the build reads),
# MUT_B (the build directory of XICSREF and the kernels, default build),
# MUT_CACHE (the result cache directory), MUT_TOLERATE_OPEN (1: a
# survivor listed in open.txt does not fail the run; the smoke run),
# MUT_TARGET (xive: book3s_xive.c on kernel-xive, xicsref-xive.so;
# default: the three XICS files on kernel-vm and kernel-rm).
#
# 1. The goal functions of conformance/coverage/goals.txt are read from
#    the verified extraction build/ksrc/VERSION (never changed) and the
#    three files are written as mutant schemata into a copy.
# 2. Extents check: the copy written with every point as its
#    parenthesised original must compile to the machine code of the
#    original; else the generator misread C and nothing is judged.
# 3. The schema copy is built as a KSRC tree; a compiler error on an
#    alternative's line makes that mutant stillborn (left out, counted)
#    and the build is redone without it.
# 4. Baseline: the suite on the schema with no mutant on must give
#    exactly the results of the unmutated kernel; each scenario's run
#    records which points it reaches.
# 5. Each mutant runs the scenarios that reach its point, in batches,
#    stopping at the first failure (killed); a mutant no scenario reaches
#    is "unreached" (and "listed" when coverage's unreachable.txt gives
#    its line a reason).  Results are cached by the mutant's function text,
#    its ID and the suite's content, so an unchanged rerun is near-free.
#    With MUT_SAN=1 the survivors run again on a clang ASan+UBSan build
#    of the schema, as make check's sanitizer build runs make conform.
#    With MUT_VG=1 the survivors that no note of equivalent.txt explains
#    run once more under valgrind's memcheck on an -O0 build of the
#    schema: a use of an uninitialised value kills.
# 6. The report: per file and operator, generated / stillborn / killed /
#    equivalent / concurrency / survived, against equivalent.txt; a
#    survivor listed in open.txt (known, not yet answered) is "open".
#
# SAMPLE (make check's smoke run): judge only every SAMPLE-th mutant.
set -u
here=$(dirname "$0")
# Runners built below OUT (the sanitizer pass's) look for the catalogue
# only a few directories up: name it, however deep the build directory
: "${XICSREF_SPEC:=$(pwd)/spec/catalogue.txt}"
export XICSREF_SPEC

# ---- one mutant under memcheck (step 5c) ----
if [ "${1:-}" = run-vg ]; then
	# run-vg OUT XICSREF SO TAG POINT ALT ID KEY: its scenarios one at a
	# time, stopping at the first memcheck error (the evidence: exit 99);
	# a scenario that fails without one proves nothing here
	out=$2 xr=$3 so=$4 tag=$5 point=$6 alt=$7 id=$8 key=$9
	res=survived by=
	t0=$(date +%s%N)
	while read -r s; do
		XICSREF_MUTANT=$tag:$point:$alt timeout 120 valgrind -q \
			--error-exitcode=99 "$xr" run -q --no-fork --impl "$so" "$s" \
			>"$out/log/$id.vg" 2>&1
		if [ $? -eq 99 ]; then
			res=killed by="valgrind: $s"
			break
		fi
	done <"$out/reach/scn.$tag.$point"
	[ "$res" = killed ] || rm -f "$out/log/$id.vg"
	line=$(printf '%s\t%s\t%s\t%s' "$id" "$res" "$by" \
		$(( ($(date +%s%N) - t0) / 1000000 )))
	[ "$key" != - ] && [ -n "${MUT_CACHE:-}" ] && printf '%s\n' "$line" >"$MUT_CACHE/$key"
	printf '%s\n' "$line"
	exit 0
fi

# ---- one mutant (run by xargs -P from step 5) ----
if [ "${1:-}" = run-one ]; then
	# run-one OUT XICSREF SO TAG POINT ALT ID KEY
	out=$2 xr=$3 so=$4 tag=$5 point=$6 alt=$7 id=$8 key=$9
	scns=$out/reach/scn.$tag.$point
	log=$out/log/$id.run
	res=survived by= batch= n=0
	t0=$(date +%s%N)
	# try_batch: the batch with the mutant on; prints what killed it.
	# A run past the short limit runs once more with a longer one: on a
	# loaded machine a slow run is not a loop, and only a loop kills.
	try_batch() {
		# shellcheck disable=SC2086
		XICSREF_MUTANT=$tag:$point:$alt "$xr" run -q --timeout 0.5 \
			--impl "$so" $batch >"$log.part" 2>&1
		rc=$?
		if grep -q 'timed out after' "$log.part"; then
			cat "$log.part" >>"$log"
			echo "(timed out: once more with --timeout 3)" >>"$log"
			# shellcheck disable=SC2086
			XICSREF_MUTANT=$tag:$point:$alt "$xr" run -q \
				--timeout 3 --impl "$so" $batch \
				>"$log.part" 2>&1
			rc=$?
		fi
		cat "$log.part" >>"$log"
		if [ $rc -gt 1 ] || ! grep -q ' passed, ' "$log.part"; then
			echo "crash-or-timeout ${batch# }" | cut -d' ' -f1-2
		else
			# a FAIL; or a SKIP of a scenario that passes on the
			# unmutated kernel: the mutant did what the simulated
			# host refuses (a queue beyond xc->queues[], a VCPU
			# that cannot connect), which the original does not
			awk 'FILENAME == ARGV[1] { if ($1 == "PASS" || $1 == "DEV") ok[$2 " " $3] = 1; next }
			$1 == "FAIL" { print $2, $3; exit }
			$1 == "SKIP" && (($2 " " $3) in ok) { print "skipped:", $2, $3; exit }' \
				"$out/plain.res" "$log.part"
		fi
	}
	if [ ! -s "$scns" ]; then
		res=unreached
	else
		: >"$log"
		# batches of 1, 2, 4, ... 32 scenarios, stopping at the first
		# that fails: most mutants die in the first scenario that
		# reaches them, and one that loops costs one time limit there
		size=1
		while read -r s; do
			batch="$batch $s"
			n=$((n + 1))
			[ "$n" -lt "$size" ] && continue
			try_batch
			[ -s "$log.kill" ] && break
			batch= n=0
			[ "$size" -lt 32 ] && size=$((size * 2))
		done <"$scns" >"$log.kill"
		[ ! -s "$log.kill" ] && [ -n "$batch" ] && try_batch >"$log.kill"
		rm -f "$log.part"
		if [ -s "$log.kill" ]; then
			res=killed
			by=$(head -n 1 "$log.kill")
		fi
		rm -f "$log.kill"
		[ "$res" = killed ] && rm -f "$log"
	fi
	line=$(printf '%s\t%s\t%s\t%s' "$id" "$res" "$by" \
		$(( ($(date +%s%N) - t0) / 1000000 )))
	[ "$key" != - ] && [ -n "${MUT_CACHE:-}" ] && printf '%s\n' "$line" >"$MUT_CACHE/$key"
	printf '%s\n' "$line"
	exit 0
fi

ver=$1 out=$2 xr=$3 mutgen=$4 jobs=$5 sample=${6:-1}
src=build/ksrc/$ver
[ -f "$src/.extracted" ] || { echo "mutate: no verified tree $src" >&2; exit 2; }
[ -n "${MUT_SCNS:-}" ] || { echo "mutate: no scenarios" >&2; exit 2; }
[ -n "${K_CHECKED:-}" ] || { echo "mutate: K_CHECKED not set" >&2; exit 2; }
MAKE=${MAKE:-make}
rm -rf "$out" && mkdir -p "$out/log" "$out/reach"
t0=$(date +%s)
. "$here/schema.sh"

# What is built and run: the kernel object, its make target, and the
# objects of the mutated files (for the extents check)
if [ "${MUT_TARGET:-xics}" = xive ]; then
	label="kernel-xive $ver"
	kso=xicsref-xive.so ktarget=kernels-xive
	odir=xive/kernel objs=book3s_xive
	# The schema is built with clang, so that the one known undefined
	# shift of book3s_xive.c (FINDING-XIVE-XIRR-SHIFT) is left out of the
	# shift check exactly where the sanitizer builds leave it out
	schema_make="CC=clang"
	schema_cflags="-fsanitize-ignorelist=$(pwd)/conformance/findings/xive-ubsan.ignore"
else
	label="kernel $ver"
	kso=xicsref-kernel.so ktarget=kernels
	odir=kernel objs="book3s_hv_rm_xics book3s_xics builtin_funcs"
	schema_make= schema_cflags=
fi

# build_tree DIR LOG [CFLAGS]: prints the .so, or fails
# The cache key of mutant $1 (its function's hash $2) in pass $3 (none:
# the plain run, san, vg), or - without a cache; the suite's hash and the
# version are part of it, so a changed suite or kernel runs again
mut_key() {
	if [ -z "$cache" ]; then
		echo -
		return
	fi
	printf '%s %s %s %s%s\n' "$suite_hash" "$ver" "$1" "$2" "${3:+ $3}" |
		sha256sum | cut -c1-40
}

# build_tree DIR LOG [CFLAGS [MAKE-ARGS]]: prints the .so, or fails
build_tree() {
	rm -rf "$out/b"
	# shellcheck disable=SC2086
	$MAKE --no-print-directory -s -k BUILD="$out/b" KSRC="$1" ${4:-} \
		EXTRA_CFLAGS="${3:-}" $ktarget >"$2" 2>&1 || return 1
	ls "$out"/b/kernel/*/$kso 2>/dev/null | head -n 1
}

# Machine code of the mutated files' objects, without addresses' file names
disasm() {
	for o in $objs; do
		objdump -d --no-show-raw-insn "$1/$o.o" | tail -n +4
	done
}

# ---- 2. extents check ----
echo "mutate: $label: generating ($(echo $MUT_SCNS | wc -w) scenarios)"
new_tree "$out/tree" -g || { echo "mutate: mutgen failed on $src" >&2; exit 2; }
build_tree "$out/tree" "$out/log/group.build" >/dev/null ||
	{ echo "mutate: the grouping-only copy does not build, see $out/log/group.build" >&2; exit 2; }
disasm "$(ls -d "$out"/b/obj/kernel/*/$odir)" >"$out/group.s"
disasm "${MUT_B:-build}/obj/kernel/$ver/$odir" >"$out/orig.s"
drop_tree "$out/tree"
if ! cmp -s "$out/orig.s" "$out/group.s"; then
	echo "mutate: $label: the generator's operand extents change the machine code:" >&2
	diff "$out/orig.s" "$out/group.s" | head -n 20 >&2
	exit 2
fi
echo "mutate: $label: operand extents checked (same machine code with every point grouped)"

# ---- 3. schema build; stillborn mutants out ----
us=$(printf '\037')
: >"$out/stillborn"
n=0
while :; do
	n=$((n + 1))
	new_tree "$out/tree" "" || exit 2
	# Locals start as a pattern, not as whatever the stack held: the
	# deletion of an initialisation then has an effect the suite can
	# see.  An index outside a declared array or a shift out of range
	# traps, as make check's sanitizer build of make conform would
	# report it.  The baseline below shows neither changes anything
	# else.
	so=$(build_tree "$out/tree" "$out/log/schema.build" \
		"-ftrivial-auto-var-init=pattern -fsanitize=bounds,shift -fsanitize-undefined-trap-on-error $schema_cflags" \
		"$schema_make") && break
	drop_tree "$out/tree"
	[ $n -lt 8 ] || { echo "mutate: still not compiling after $n rounds, see $out/log/schema.build" >&2; exit 2; }
	added=0
	for tf in $files; do
		tag=${tf%%:*} f=${tf#*:}
		grep -o "^[^ ]*$f:[0-9]*:[0-9]*: error" "$out/log/schema.build" |
			awk -F: '{ print $2 }' | sort -un >"$out/errlines"
		[ -s "$out/errlines" ] || continue
		# the innermost alternative on the line, else the point whose
		# header is on it (the whole point)
		awk -v excl="$out/excl.$tag" '
		FILENAME == ARGV[1] { bad[$1] = 1; next }
		FILENAME == ARGV[2] { if ($3 == "H") hdr[$1] = $2; else seg[$1] = $2 " " $3; next }
		FILENAME == excl { ex[$0] = 1; next }
		END {
			for (l in bad) {
				e = ""
				if (l in seg) {
					split(seg[l], s, " ")
					e = s[1] " " s[2]
				}
				if ((e == "" || e in ex) && (l in hdr))
					e = hdr[l] " 0"
				if (e != "" && !(e in ex)) { print e; ex[e] = 1 }
			}
		}' "$out/errlines" "$out/map.$tag" "$out/excl.$tag" >"$out/newexcl"
		if [ -s "$out/newexcl" ]; then
			cat "$out/newexcl" >>"$out/excl.$tag"
			sed "s/^/$tag /" "$out/newexcl" >>"$out/stillborn"
			added=1
		fi
	done
	[ $added = 1 ] || { echo "mutate: a compile error no mutant explains, see $out/log/schema.build" >&2; exit 2; }
done
# kept after the run, to replay one mutant by hand:
#   XICSREF_MUTANT=TAG:POINT:ALT build/xicsref run --impl OUT/schema.so S.scn
cp "$so" "$out/schema.so" && so=$out/schema.so

# every mutant, with those compiled out listed as stillborn
# (list.TAG of the first round names them all; the last round's lists
# lack the excluded ones)
cat "$out"/list.? | sort -t"$(printf '\t')" -k1,1n -k2,2n -k3,3n >"$out/mutants.tsv"

# ---- 4. baseline and reach ----
plain=${MUT_B:-build}/kernel/$ver/$kso
# shellcheck disable=SC2086
"$xr" run -q --timeout 3 --impl "$plain" $MUT_SCNS 2>&1 |
	awk '$1 ~ /^(PASS|FAIL|DEV|SKIP)$/ { print $1, $2, $3 } / passed, / { print }' | sort >"$out/plain.res"
# kernel-xive is not in make conform yet (issue 15: not every deviation
# is declared), so some scenarios fail on it unmutated.  A mutant is
# killed by a scenario that passes on the unmutated kernel and fails on
# it, so those cannot kill: they are left out, named, and the rest must
# agree exactly as for the XICS files.
if [ "${MUT_TARGET:-xics}" = xive ]; then
	awk '$1 == "FAIL" { print $2 }' "$out/plain.res" | sort -u >"$out/failing"
	if [ -s "$out/failing" ]; then
		MUT_SCNS=$(for s in $MUT_SCNS; do grep -qxF "$s" "$out/failing" || echo "$s"; done)
		echo "mutate: $label: $(wc -l <"$out/failing") scenario(s) fail on the unmutated kernel-xive (make conform-xive) and cannot kill, left out: $(tr '\n' ' ' <"$out/failing")"
		# shellcheck disable=SC2086
		"$xr" run -q --timeout 3 --impl "$plain" $MUT_SCNS 2>&1 |
			awk '$1 ~ /^(PASS|FAIL|DEV|SKIP)$/ { print $1, $2, $3 } / passed, / { print }' | sort >"$out/plain.res"
	fi
fi
# shellcheck disable=SC2086
"$xr" run -q --timeout 3 --impl "$so" $MUT_SCNS 2>&1 |
	awk '$1 ~ /^(PASS|FAIL|DEV|SKIP)$/ { print $1, $2, $3 } / passed, / { print }' | sort >"$out/schema.res"
# a runner that printed nothing would make the two equal: it must report
if ! grep -q ' passed, ' "$out/plain.res"; then
	echo "mutate: $label: the runner gave no results on the kernel (see $out/plain.res)" >&2
	exit 2
fi
if ! cmp -s "$out/plain.res" "$out/schema.res"; then
	echo "mutate: $label: the schema with no mutant on differs from the kernel:" >&2
	diff "$out/plain.res" "$out/schema.res" | head -n 20 >&2
	exit 2
fi
if grep -q '^FAIL' "$out/plain.res"; then
	echo "mutate: $label: the suite fails on the unmutated kernel; fix that first" >&2
	exit 2
fi
echo "mutate: $label: schema with no mutant on = kernel ($(grep ' passed, ' "$out/plain.res"))"
head -c $((8 * 65536)) /dev/zero >"$out/zero"
i=0
for s in $MUT_SCNS; do
	i=$((i + 1))
	echo "$i $s"
done >"$out/scn.idx"
# shellcheck disable=SC2016
xargs -P "$jobs" -L 1 sh -c '
	XICSREF_MUT_REACH=$1/reach/r.$4 "$2" run -q --timeout 3 --impl "$3" "$5" >/dev/null 2>&1
	cmp -l "$1/zero" "$1/reach/r.$4" 2>/dev/null |
		awk -v s="$5" "{ o = \$1 - 1; print int(o / 65536), o % 65536, s }" \
		>"$1/reach/t.$4"
	rm -f "$1/reach/r.$4"' reach "$out" "$xr" "$so" <"$out/scn.idx"
cat "$out"/reach/t.* >"$out/reach.txt" && rm -f "$out"/reach/t.*
# one file per point (closed as it goes: awk keeps few files open)
sort -k1,1n -k2,2n -k3,3 "$out/reach.txt" | awk -v dir="$out/reach" '
{ f = dir "/scn." $1 "." $2; if (f != last) { if (last != "") close(last); last = f }
  print $3 >> f }'


# ---- 5. mutants ----
suite_hash=$( { cat $MUT_SCNS "$xr" "$mutgen" "$so" "$0" | sha256sum; } | cut -c1-32)
cache=${MUT_CACHE:-}
[ -n "$cache" ] && mkdir -p "$cache"
awk -F'\t' -v sb="$out/stillborn" -v sample="$sample" '
FILENAME == sb { dead[$1 " " $2 " " $3] = 1; dead[$1 " " $2 " 0"] = 1; next }
{
	n++
	if (sample > 1 && n % sample != 1)
		next
	st = (($1 " " $2 " " $3) in dead || ($1 " " $2 " 0") in dead) ? "stillborn" : "run"
	print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $9 "\t" st
}' "$out/stillborn" "$out/mutants.tsv" >"$out/todo.tsv"
ntodo=$(grep -c "	run$" "$out/todo.tsv")
echo "mutate: $label: $(wc -l <"$out/mutants.tsv") mutants generated, $(grep -c 'stillborn$' "$out/todo.tsv") stillborn, $ntodo to judge on $jobs CPU(s)${sample:+ (every ${sample}th)}"
: >"$out/results.tsv"
t1=$(date +%s)
hits=0
# xargs -r: when every mutant is cached nothing is left to run (without
# it xargs runs run-one once with no arguments, which fails)
grep "	run$" "$out/todo.tsv" | while IFS="$(printf '\t')" read -r tag point alt id fnh st; do
	key=$(mut_key "$id" "$fnh")
	if [ "$key" != - ] && [ -s "$cache/$key" ]; then
		cat "$cache/$key" >>"$out/results.tsv"
		continue
	fi
	printf '%s %s %s %s %s %s %s %s\n' "$out" "$xr" "$so" "$tag" "$point" "$alt" "$id" "$key"
done | xargs -r -P "$jobs" -L 1 sh "$0" run-one >>"$out/results.tsv"

# ---- 5b. survivors again, under the sanitizers ----
# make check runs make conform in a clang ASan+UBSan build too, where a
# read past an allocation (a loop bound one too far) or a bool that
# holds neither 0 nor 1 stops the run: a survivor that build would kill
# is killed.  The runner and the schema are built here, in $out, so
# nothing else's build is touched.
# (the runner's build is kept beside the versions' directories, so a
# rerun rebuilds only what changed)
sandir=$(dirname "$out")/san-runner
san_ok=
if [ -n "${MUT_SAN:-}" ] && grep -q "	survived	" "$out/results.tsv"; then
	rm -rf "$out/bs"
	if ! $MAKE --no-print-directory -s BUILD="$sandir" SAN=1 CC=clang runner \
		>"$out/log/san-runner.build" 2>&1; then
		echo "mutate: SKIPPED the sanitizer pass: its runner does not build (see $out/log/san-runner.build)"
	elif ! $MAKE --no-print-directory -s -k BUILD="$out/bs" SAN=1 CC=clang KSRC="$out/tree" \
		EXTRA_CFLAGS="-ftrivial-auto-var-init=pattern" $ktarget \
		>"$out/log/san-schema.build" 2>&1; then
		echo "mutate: SKIPPED the sanitizer pass: its schema does not build (see $out/log/san-schema.build)"
	else
		san_ok=1
	fi
fi
if [ -n "$san_ok" ]; then
	sso=$(ls "$out"/bs/kernel/*/$kso | head -n 1)
	sxr=$sandir/xicsref
	# shellcheck disable=SC2086
	"$sxr" run -q --timeout 3 --impl "$sso" $MUT_SCNS 2>&1 |
		awk '$1 ~ /^(PASS|FAIL|DEV|SKIP)$/ { print $1, $2, $3 } / passed, / { print }' |
		sort >"$out/san.res"
	if ! cmp -s "$out/plain.res" "$out/san.res"; then
		echo "mutate: $label: the sanitizer schema with no mutant on differs from the kernel:" >&2
		diff "$out/plain.res" "$out/san.res" | head -n 20 >&2
		exit 2
	fi
	awk -F'\t' '$2 == "survived" { print $1 }' "$out/results.tsv" >"$out/san.ids"
	# cached results apart, the others JOBS at a time, as step 5
	: >"$out/san.cached"
	awk -F'\t' 'FILENAME == ARGV[1] { want[$1] = 1; next }
		($4 in want) { print $1, $2, $3, $4, $5 }' "$out/san.ids" "$out/todo.tsv" |
	while read -r tag point alt id fnh; do
		key=$(mut_key "$id" "$fnh" san)
		if [ "$key" != - ] && [ -s "$cache/$key" ]; then
			cat "$cache/$key" >>"$out/san.cached"
			continue
		fi
		printf '%s %s %s %s %s %s %s %s\n' "$out" "$sxr" "$sso" "$tag" "$point" "$alt" "$id" "$key"
	done | xargs -r -P "$jobs" -L 1 sh "$0" run-one >"$out/san.run"
	cat "$out/san.cached" "$out/san.run" |
		awk -F'\t' -v OFS='\t' '$2 == "killed" { $3 = "sanitizers: " $3 } { print }' \
		>"$out/san.results"
	echo "mutate: $label: $(wc -l <"$out/san.ids") survivors run again under ASan+UBSan: $(grep -c '	killed	' "$out/san.results") killed"
	awk -F'\t' 'FILENAME == ARGV[1] { if ($2 == "killed") k[$1] = $0; next }
		($1 in k) { print k[$1]; next } { print }' "$out/san.results" "$out/results.tsv" \
		>"$out/results.new" && mv "$out/results.new" "$out/results.tsv"
fi
# ---- 5c. unexplained survivors again, under memcheck ----
# The schema's locals start as a pattern (step 3), so a deleted
# initialisation reads 0xfefefefe: where the code ignores such a value
# (an XISR that lies in no ICS block) nothing differs, and no sanitizer
# above reports a read of a local.  memcheck does: an -O0 build of the
# schema without the pattern, under valgrind, stops at the first branch
# on an uninitialised value.  It is slow (a second per scenario), so it
# runs only for the survivors no note in equivalent.txt explains (those
# of open.txt, and any new one), one scenario at a time, each mutant
# stopping at the first error; the scenarios they reach must first be
# clean with no mutant on.
if [ -n "${MUT_VG:-}" ] && grep -q "	survived	" "$out/results.tsv"; then
	awk -F'\t' '
	FILENAME == ARGV[1] {
		if ($0 ~ /^[ \t]*(#|$)/) next
		if ($0 ~ /^\//) {
			m = match($0, /\/[ \t]+(equivalent|concurrency|harness):/)
			if (m) re[++nre] = substr($0, 2, m - 2)
			next
		}
		m = match($0, /[ \t]+(equivalent|concurrency|harness):/)
		n = split(m ? substr($0, 1, m - 1) : $0, w, /[ \t]+/)
		for (i = 1; i <= n; i++) noted[w[i]] = 1
		next
	}
	FILENAME == ARGV[2] { what[$4] = $10; next }
	$2 == "survived" {
		if ($1 in noted) next
		for (k = 1; k <= nre; k++) if (($1 " " what[$1]) ~ re[k]) next
		print $1
	}' "$here/equivalent.txt" "$out/mutants.tsv" "$out/results.tsv" >"$out/vg.ids"
fi
if [ -s "$out/vg.ids" ] && ! command -v valgrind >/dev/null 2>&1; then
	echo "mutate: SKIPPED the memcheck pass: no valgrind"
elif [ -s "$out/vg.ids" ]; then
	awk -F'\t' 'FILENAME == ARGV[1] { want[$1] = 1; next }
		($4 in want) { print $1, $2, $3, $4, $5 }' "$out/vg.ids" "$out/todo.tsv" >"$out/vg.todo"
	while read -r tag point alt id fnh; do
		cat "$out/reach/scn.$tag.$point" 2>/dev/null
	done <"$out/vg.todo" | sort -u >"$out/vg.scns"
	rm -rf "$out/bv"
	if ! $MAKE --no-print-directory -s -k BUILD="$out/bv" OPT="-O0 -g" KSRC="$out/tree" \
		$ktarget >"$out/log/vg-schema.build" 2>&1; then
		echo "mutate: SKIPPED the memcheck pass: its schema does not build (see $out/log/vg-schema.build)"
	elif [ ! -s "$out/vg.scns" ]; then
		: # unreached: nothing to run
	else
		vso=$(ls "$out"/bv/kernel/*/$kso | head -n 1)
		# shellcheck disable=SC2046
		valgrind -q --error-exitcode=99 "$xr" run -q --no-fork --impl "$vso" \
			$(cat "$out/vg.scns") >"$out/log/vg-baseline" 2>&1
		if [ $? -eq 99 ]; then
			echo "mutate: $label: SKIPPED the memcheck pass: the scenarios are not clean with no mutant on (see $out/log/vg-baseline)"
		else
			while read -r tag point alt id fnh; do
				key=$(mut_key "$id" "$fnh" vg)
				if [ "$key" != - ] && [ -s "$cache/$key" ]; then
					cat "$cache/$key"
					continue
				fi
				sh "$0" run-vg "$out" "$xr" "$vso" "$tag" "$point" "$alt" "$id" "$key"
			done <"$out/vg.todo" >"$out/vg.results"
			echo "mutate: $label: $(wc -l <"$out/vg.todo") unexplained survivor(s) run again under memcheck ($(wc -l <"$out/vg.scns") scenarios): $(grep -c '	killed	' "$out/vg.results") killed"
			awk -F'\t' 'FILENAME == ARGV[1] { if ($2 == "killed") k[$1] = $0; next }
				($1 in k) { print k[$1]; next } { print }' "$out/vg.results" "$out/results.tsv" \
				>"$out/results.new" && mv "$out/results.new" "$out/results.tsv"
		fi
	fi
fi
secs=$(( $(date +%s) - t1 ))
awk -F'\t' '$6 == "stillborn" { print $4 "\tstillborn\t" }' "$out/todo.tsv" >>"$out/results.tsv"
drop_tree "$out/tree"
rm -rf "$out/b" "$out/bs" "$out/bv" "$out/zero"

# ---- 6. report ----
# The text of each mutant's line, to find it in coverage's reasons
awk -F'\t' -v dir="$src/$kvm" '
{
	f = dir "/" $5
	if (!(f in seen)) {
		n = 0
		while ((getline l < f) > 0)
			txt[f, ++n] = l
		close(f)
		seen[f] = 1
	}
	t = txt[f, $8]
	sub(/^[ \t]+/, "", t)
	sub(/[ \t]+$/, "", t)
	print $4 "\t" t
}' "$out/mutants.tsv" >"$out/srcline.tsv"
# equivalent.txt: "ID KIND: reason" or "/ERE/ KIND: reason" (the ERE
# matched against "ID what"); open.txt: one ID a line.  A mutant that no
# scenario reaches and no note explains is "listed" when
# conformance/coverage/unreachable.txt gives its line a reason (file,
# function, line text, as make coverage reads it): the one list of why a
# line is not run serves both; a reached mutant is never explained so.
awk -F'\t' -v label="$label" -v secs="$secs" -v total=$(( $(date +%s) - t0 )) \
    -v ran="$ntodo" -v tolerate="${MUT_TOLERATE_OPEN:-}" \
    -v ureach=conformance/coverage/unreachable.txt -v srcl="$out/srcline.tsv" '
function trim(x) { sub(/^[ \t]+/, "", x); sub(/[ \t]+$/, "", x); return x }
FILENAME == ureach {
	if ($0 ~ /^[ \t]*(#|$)/ || split($0, u, "@@") != 4) next
	why[trim(u[1]) SUBSEP trim(u[2]) SUBSEP trim(u[3])] = trim(u[4])
	next
}
FILENAME == srcl { stext[$1] = substr($0, length($1) + 2); next }
function note_of(id, k) {
	if (id in note) return note[id]
	for (k = 1; k <= nre; k++)
		if ((id " " what[id]) ~ re[k]) return renote[k]
	return ""
}
FILENAME == ARGV[1] || FILENAME == ARGV[2] {
	if ($0 ~ /^[ \t]*(#|$)/) next
	line = $0
	if (FILENAME == ARGV[2]) { sub(/[ \t].*/, "", line); open[line] = 1; next }
	if (line ~ /^\//) {
		# /ERE/ note: the ERE ends at the last "/" before white space
		m = match(line, /\/[ \t]+(equivalent|concurrency|harness):/)
		if (!m) { printf("equivalent.txt: bad line: %s\n", line) > "/dev/stderr"; bad = 1; next }
		re[++nre] = substr(line, 2, m - 2)
		renote[nre] = substr(line, m + 1); sub(/^[ \t]+/, "", renote[nre])
		next
	}
	# "ID [ID...] KIND: reason"
	m = match(line, /[ \t]+(equivalent|concurrency|harness): /)
	if (!m) {
		printf("equivalent.txt: %s: the note must start with \"equivalent: \", \"concurrency: \" or \"harness: \"\n", line) > "/dev/stderr"
		bad = 1
		next
	}
	t = substr(line, m); sub(/^[ \t]+/, "", t)
	n = split(substr(line, 1, m - 1), w, /[ \t]+/)
	for (i = 1; i <= n; i++) note[w[i]] = t
	next
}
FILENAME == ARGV[3] { file[$4] = $5; fnc[$4] = $6; kind[$4] = $7; what[$4] = $10; next }
{
	id = $1; r = $2; f = file[id]; k = kind[id]; n = note_of(id)
	if (r == "survived" || r == "unreached") {
		if (n ~ /^equivalent:/) r = "equivalent"
		else if (n ~ /^concurrency:/) r = "concurrency"
		else if (n ~ /^harness:/) r = "harness"
		else if (r == "unreached" && ((f SUBSEP fnc[id] SUBSEP stext[id]) in why ||
					      (f SUBSEP fnc[id] SUBSEP "*") in why)) r = "listed"
		else if (tolerate != "" && id in open) r = "open"
	} else if (r == "killed" && n != "") {
		wrong = wrong sprintf("    %s is killed (%s): its note is wrong\n", id, $3)
	} else if (r == "killed" && id in open) {
		wrong = wrong sprintf("    %s is killed (%s): take it out of open.txt\n", id, $3)
	}
	c[f, k, r]++; c[f, k, "all"]++; tot[r]++; tot["all"]++
	if (r == "survived" || r == "unreached")
		surv = surv sprintf("    %-9s %-44s %s\n", r, id, what[id])
}
END {
	printf("mutate: %s: %d mutants: %d killed, %d equivalent, %d concurrency, %d harness, %d listed unreachable, %d survived, %d unreached, %d stillborn%s\n",
	       label, tot["all"], tot["killed"], tot["equivalent"], tot["concurrency"],
	       tot["harness"], tot["listed"], tot["survived"], tot["unreached"], tot["stillborn"],
	       tot["open"] ? sprintf(", %d open (open.txt)", tot["open"]) : "")
	printf("  %-20s %-4s %5s %5s %6s %5s %5s %5s %6s %5s %5s %5s\n", "file", "op", "gen", "still",
	       "killed", "equiv", "conc", "harn", "listed", "surv", "unrch", "open")
	nf = split("book3s_hv_rm_xics.c book3s_xics.c book3s_hv_builtin.c book3s_xive.c", fl, " ")
	nk = split("sdl cond lcr ror aor bit shf asg neg inc ret cst", kl, " ")
	for (i = 1; i <= nf; i++) for (j = 1; j <= nk; j++) if (c[f = fl[i], k = kl[j], "all"])
		printf("  %-20s %-4s %5d %5d %6d %5d %5d %5d %6d %5d %5d %5d\n", f, k, c[f, k, "all"],
		       c[f, k, "stillborn"], c[f, k, "killed"], c[f, k, "equivalent"],
		       c[f, k, "concurrency"], c[f, k, "harness"], c[f, k, "listed"],
		       c[f, k, "survived"], c[f, k, "unreached"], c[f, k, "open"])
	judged = tot["killed"] + tot["survived"] + tot["unreached"] + tot["open"]
	if (judged)
		printf("  score: %d/%d mutants killed, of those neither equivalent, concurrency, harness nor listed unreachable (%.1f%%)\n",
		       tot["killed"], judged, 100 * tot["killed"] / judged)
	printf("  %d mutants run in %d s (%.0f per minute); %d s in all\n", ran, secs,
	       secs ? ran * 60 / secs : 0, total)
	if (tot["open"])
		printf("  OPEN: %d survivors listed in open.txt are not failures of this run (make mutate counts them)\n", tot["open"])
	if (surv != "") printf("  SURVIVORS (need a scenario or a reason in equivalent.txt):\n%s", surv)
	if (wrong != "") printf("  WRONG NOTES:\n%s", wrong)
	exit (surv != "" || wrong != "" || bad) ? 1 : 0
}' "$here/equivalent.txt" "$here/open.txt" "$out/mutants.tsv" conformance/coverage/unreachable.txt \
	"$out/srcline.tsv" "$out/results.tsv" | tee "$out/summary.txt"
! grep -q "SURVIVORS\|WRONG NOTES" "$out/summary.txt"
