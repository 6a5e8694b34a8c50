#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# xicsref review: did a kernel patch change XICS behaviour?
# Run through `make review` (mk/review.mk), which passes the settings
# below in the environment; docs/reviewing.md walks through an example.
#
#   PATCH       a patch for `patch -p1` against the baseline tree, or
#   KSRC        a patched kernel tree (instead of PATCH)
#   BASE_KSRC   the baseline tree; default: the installed 6.1 tarball
#   BASE_TAR    that tarball (/usr/src/linux-source-6.1.tar.xz)
#   MAKE, B     the make program and the build directory
#   XICSREF     the runner; SCENARIOS the suite
#   FUZZ_TARGETS_REPLAY  the fuzz targets with a gcc replay driver
#               (empty: fuzz/ provides none; said loudly)
#   FUZZ_B      where fuzz.mk puts its binaries and corpora
#
# Exit status: 0 behaviour unchanged, 1 changed, 2 could not apply,
# build or run.  Everything is written under $B/review/.

set -u
LC_ALL=C
export LC_ALL

R=$B/review
OUT=$R/report.txt
mkdir -p "$R" || exit 2

die() {
	echo "review: $*" >&2
	echo "review: VERDICT: could not review (exit 2)" >&2
	exit 2
}

[ -n "${PATCH:-}" ] && [ -n "${KSRC:-}" ] &&
	die "give PATCH=file.patch or KSRC=patched-tree, not both"
[ -z "${PATCH:-}" ] && [ -z "${KSRC:-}" ] &&
	die "nothing to review: make review PATCH=file.patch (or KSRC=tree)"
if [ -n "${PATCH:-}" ]; then
	[ -r "$PATCH" ] || die "$PATCH: cannot read"
	PATCH_ABS=$(cd "$(dirname "$PATCH")" && pwd)/$(basename "$PATCH")
fi

# -- the baseline tree: a copy, so that nothing installed is touched --
# Only what the kernel build reads is copied (arch/powerpc, the top
# Makefile), plus every file the patch names, so that it applies.
patch_files() {
	[ -n "${PATCH:-}" ] || return 0
	sed -n 's/^+++ [^/]*\/\([^	 ]*\).*/\1/p' "$PATCH_ABS" | sort -u
}

copy_base() {
	dst=$1
	rm -rf "$dst" && mkdir -p "$dst" || return 1
	if [ -n "${BASE_KSRC:-}" ]; then
		[ -f "$BASE_KSRC/arch/powerpc/kvm/book3s_xics.c" ] || {
			echo "review: BASE_KSRC=$BASE_KSRC: no arch/powerpc/kvm/book3s_xics.c" >&2
			return 1; }
		for f in arch/powerpc Makefile $(patch_files); do
			[ -e "$BASE_KSRC/$f" ] || continue
			mkdir -p "$dst/$(dirname "$f")" &&
				cp -a "$BASE_KSRC/$f" "$dst/$f" || return 1
		done
		return 0
	fi
	[ -r "$BASE_TAR" ] || {
		echo "review: no baseline: $BASE_TAR missing (set BASE_KSRC=tree)" >&2
		return 1; }
	p=$(basename "$BASE_TAR" .tar.xz)
	extra=
	for f in $(patch_files); do
		case $f in arch/powerpc/*|Makefile) ;; *) extra="$extra $p/$f" ;; esac
	done
	tar -xJf "$BASE_TAR" -C "$dst" --strip-components=1 \
		"$p/arch/powerpc" "$p/Makefile" || return 1
	# files the patch creates or that lie elsewhere: take those present
	for f in $extra; do
		tar -xJf "$BASE_TAR" -C "$dst" --strip-components=1 "$f" \
			2>/dev/null || true
	done
}

echo "review: preparing the baseline tree in $R/base"
copy_base "$R/base" || die "cannot prepare the baseline tree"
BASE_DESC=${BASE_KSRC:-$BASE_TAR}

if [ -n "${PATCH:-}" ]; then
	echo "review: applying $PATCH to a copy in $R/patched"
	rm -rf "$R/patched" && cp -a "$R/base" "$R/patched" ||
		die "cannot copy the baseline tree"
	if ! patch -p1 -s -N -d "$R/patched" <"$PATCH_ABS" \
			>"$R/patch.log" 2>&1; then
		cat "$R/patch.log" >&2
		die "$PATCH does not apply to $BASE_DESC (patch -p1)"
	fi
	NEW=$R/patched
	NEW_DESC=$PATCH
else
	[ -f "$KSRC/arch/powerpc/kvm/book3s_xics.c" ] ||
		die "KSRC=$KSRC: no arch/powerpc/kvm/book3s_xics.c"
	NEW=$(cd "$KSRC" && pwd)
	NEW_DESC=$KSRC
fi

# -- build both: the normal KSRC= kernel build, fresh each time --
# The objects of a tree, asked of make itself so that the naming stays
# its own: the XICS one (kernel-vm, kernel-rm), then the XICS-on-XIVE
# one (kernel-xive, book3s_xive.c).
so_of() {
	$MAKE --no-print-directory -s KSRC="$1" B="$B" \
		--eval 'review-print-so: ; @echo $(KERNEL_SOS) $(KERNEL_XIVE_SOS)' \
		review-print-so
}

build_tree() {
	tree=$(cd "$1" && pwd)
	sos=$(so_of "$tree") || return 1
	set -- "$@" $sos
	[ $# -eq 4 ] || { echo "review: $tree: expected two kernel objects, got: $sos" >&2; return 1; }
	v=$(basename "$(dirname "$3")")
	rm -rf "build/ksrc/$v" "$B/obj/kernel/$v" "$B/kernel/$v"
	echo "review: building $2 (kernel $v): log $R/$2.log"
	$MAKE --no-print-directory KSRC="$tree" kernels kernels-xive \
			>"$R/$2.log" 2>&1 || {
		tail -20 "$R/$2.log" >&2
		return 1; }
	echo "$3" >"$R/$2.so"
	echo "$4" >"$R/$2.xso"
}

build_tree "$R/base" base || die "the baseline kernel does not build"
build_tree "$NEW" patched || die "the patched kernel does not build (see $R/patched.log)"
BASE_SO=$(cat "$R/base.so")
NEW_SO=$(cat "$R/patched.so")
BASE_XSO=$(cat "$R/base.xso")
NEW_XSO=$(cat "$R/patched.xso")
BASE_V=$(basename "$(dirname "$BASE_SO")")
NEW_V=$(basename "$(dirname "$NEW_SO")")

# -- run the suite on each --
# Outcome blocks: "VERDICT FILE IMPL" and the indented detail, with the
# kernel's version (which names the tree) taken out so the two compare.
run_suite() {
	"$XICSREF" run --impl "$1" --impl "$4" $SCENARIOS >"$R/$2.run" 2>"$R/$2.err"
	rc=$?
	[ $rc -le 1 ] || { cat "$R/$2.err" >&2; return 1; }
	awk -v ver="$3" '
	function flush() { if (key != "") print key "\t" verdict "\t" detail }
	/^(PASS|FAIL|DEV|SKIP) / {
		flush()
		verdict = $1; key = $2 " " $3; detail = ""
		next
	}
	/^    / && key != "" {
		line = $0; gsub(ver, "VERSION", line)
		detail = detail line "\001"
		next
	}
	/^$/ { flush(); key = "" }
	END { flush() }' "$R/$2.run" | grep -v " model\(-rm\)\{0,1\}	" | sort >"$R/$2.outcomes"
}

echo "review: running $(echo $SCENARIOS | wc -w) scenarios on both"
run_suite "$BASE_SO" base "$BASE_V" "$BASE_XSO" || die "the runner failed on the baseline"
run_suite "$NEW_SO" patched "$NEW_V" "$NEW_XSO" || die "the runner failed on the patched kernel"

# -- traces: every observable value, step by step, per scenario --
LINEBUF=
command -v stdbuf >/dev/null && LINEBUF="stdbuf -oL"
trace_all() {
	mkdir -p "$R/trace-$2"
	for s in $SCENARIOS; do
		# a patched kernel may loop: the trace runs in-process
		# (line-buffered, so that a crash keeps the steps before it)
		{ timeout 60 $LINEBUF "$XICSREF" trace --no-model --impl "$1" \
			--impl "$4" "$s" 2>&1
		  rc=$?; [ $rc -le 1 ] || echo "(trace ended with status $rc)"; } |
			sed "s/$3/VERSION/g" >"$R/trace-$2/$(basename "$s").txt"
	done
}
trace_all "$BASE_SO" base "$BASE_V" "$BASE_XSO"
trace_all "$NEW_SO" patched "$NEW_V" "$NEW_XSO"

# -- fuzz corpora: replayed against each kernel if fuzz/ can --
# A snapshot of each corpus, so that both kernels replay the same inputs
# even while a fuzzer adds to the corpus.
fuzz_snapshot() {
	rm -rf "$R/corpus" && mkdir -p "$R/corpus" || return 1
	for t in $FUZZ_TARGETS_REPLAY; do
		cp -r "$FUZZ_B/corpus/$t" "$R/corpus/$t" || return 1
	done
}

fuzz_replay() {
	: >"$R/fuzz-$2.txt"
	for t in $FUZZ_TARGETS_REPLAY; do
		if XICSREF_KERNEL_SOS=$1 "$FUZZ_B/gcc/$t" "$R/corpus/$t" \
				>"$R/fuzz-$2-$t.log" 2>&1; then
			echo "$t: no finding ($(ls "$R/corpus/$t" | wc -l) inputs)" >>"$R/fuzz-$2.txt"
		else
			echo "$t: FINDING" >>"$R/fuzz-$2.txt"
		fi
	done
}

{
echo "xicsref review"
echo "  baseline: $BASE_DESC (kernel $BASE_V)"
echo "  patched:  $NEW_DESC (kernel $NEW_V)"
echo "  suite:    $(echo $SCENARIOS | wc -w) scenarios x kernel-vm, kernel-rm, kernel-xive"
echo "  baseline: $(tail -1 "$R/base.run")"
echo "  patched:  $(tail -1 "$R/patched.run")"
# what was compiled: tree, content hash, compiler warnings on kernel code
sed -n 's/^tested /  built:    /p' "$R/base.run" "$R/patched.run"
} >"$OUT"

changed=0
join -t '	' -a1 -a2 -e '(none)' -o 0,1.2,2.2,1.3,2.3 \
	"$R/base.outcomes" "$R/patched.outcomes" >"$R/joined" 2>/dev/null
# join needs the key as one field: outcomes are "FILE IMPL<TAB>..."
nchg=$(awk -F '\t' '$2 != $3 || $4 != $5' "$R/joined" | wc -l)

tdiff=
for s in $SCENARIOS; do
	n=$(basename "$s").txt
	cmp -s "$R/trace-base/$n" "$R/trace-patched/$n" || tdiff="$tdiff $s"
done

{
echo
if [ "$nchg" -eq 0 ] && [ -z "$tdiff" ]; then
	echo "No scenario changed outcome; every step of every scenario traces"
	echo "identically (return values, outputs, events, ICP and source state)."
else
	changed=1
	echo "Scenarios whose outcome changed: $nchg (scenario, implementation) pairs"
	awk -F '\t' '$2 != $3 || $4 != $5 {
		printf "\n  %s: %s -> %s\n", $1, $2, $3
		n = split($5 == "(none)" ? $4 : $5, d, "\001")
		if ($3 == "PASS" && $2 != "PASS") {
			print "    (was, on the baseline:)"
			n = split($4, d, "\001")
		}
		for (i = 1; i <= n; i++) if (d[i] != "") print "  " d[i]
	}' "$R/joined"
	echo
	echo "Scenarios whose trace changed (first divergence, baseline vs patched):"
	for s in $tdiff; do
		n=$(basename "$s").txt
		awk -v f="$s" '
		NR == FNR { a[FNR] = $0; na = FNR; next }
		{ b[FNR] = $0; nb = FNR }
		END {
			m = na > nb ? na : nb
			at = "(set-up)"
			for (i = 1; i <= m; i++) {
				if (a[i] ~ /^line [0-9]+:/) at = a[i]
				if (a[i] ~ /^== /) impl = a[i]
				if (a[i] ~ /^    (vcpu|source) /) hdr = a[i]
				if (a[i] ~ /^line [0-9]+:/) hdr = ""
				if (a[i] != b[i]) break
			}
			printf "\n  %s %s\n    at %s\n", f, substr(impl, 4), at
			if (hdr != "" && a[i] ~ /^    /)
				printf "              %s\n", hdr
			printf "    baseline: %s\n    patched:  %s\n", a[i], b[i]
		}' "$R/trace-base/$n" "$R/trace-patched/$n"
	done
fi
} >>"$OUT"

echo >>"$OUT"
if [ -n "$FUZZ_TARGETS_REPLAY" ]; then
	echo "review: building the fuzz replay drivers: log $R/fuzz-build.log"
	deps=
	for t in $FUZZ_TARGETS_REPLAY; do
		deps="$deps $FUZZ_B/gcc/$t $FUZZ_B/corpus/$t"
	done
	if ! $MAKE --no-print-directory $deps >"$R/fuzz-build.log" 2>&1; then
		tail -20 "$R/fuzz-build.log" >&2
		FUZZ_TARGETS_REPLAY=
		echo "FUZZ CORPORA NOT REPLAYED: the fuzz replay drivers do not build ($R/fuzz-build.log)" >>"$OUT"
		echo "review: WARNING: FUZZ CORPORA NOT REPLAYED (the drivers do not build)" >&2
	fi
fi
if [ -n "$FUZZ_TARGETS_REPLAY" ]; then
	echo "review: replaying the fuzz corpora ($FUZZ_TARGETS_REPLAY)"
	fuzz_snapshot || die "cannot copy the fuzz corpora into $R/corpus"
	fuzz_replay "$BASE_SO" base
	fuzz_replay "$NEW_SO" patched
	{
	echo "Fuzz corpora replayed (fuzz/ gcc drivers, vs the model with the documented quirks):"
	paste -d '\n' "$R/fuzz-base.txt" "$R/fuzz-patched.txt" |
		awk 'NR % 2 { printf "  baseline %s\n", $0; next }
		     { printf "  patched  %s\n", $0 }'
	} >>"$OUT"
	if ! cmp -s "$R/fuzz-base.txt" "$R/fuzz-patched.txt"; then
		changed=1
		for t in $FUZZ_TARGETS_REPLAY; do
			grep -q "^$t: FINDING" "$R/fuzz-patched.txt" || continue
			echo "  patched, $t:" >>"$OUT"
			if grep -q '^---- minimal scenario' "$R/fuzz-patched-$t.log"; then
				sed -n '/^---- minimal scenario/,/^---- end/p' \
					"$R/fuzz-patched-$t.log"
			else
				# no shrunk scenario: it crashed; its last words
				tail -8 "$R/fuzz-patched-$t.log"
			fi | sed 's/^/    /' >>"$OUT"
		done
	fi
elif ! grep -q 'FUZZ CORPORA NOT REPLAYED' "$OUT"; then
	echo "FUZZ CORPORA NOT REPLAYED: fuzz/ provides no replay driver in this build" >>"$OUT"
	echo "review: WARNING: FUZZ CORPORA NOT REPLAYED (no fuzz replay target)" >&2
fi

echo >>"$OUT"
if [ $changed = 1 ]; then
	echo "VERDICT: behaviour CHANGED (exit 1)" >>"$OUT"
else
	echo "VERDICT: behaviour unchanged (exit 0)" >>"$OUT"
fi
cat "$OUT"
echo "(this report: $OUT; traces: $R/trace-base, $R/trace-patched)"
exit $changed
