#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A KSRC tree is tested as it is now, and a tree whose kernel files draw
# compiler warnings is still tested (issue 13, parts 1 and 2).
#
#   ksrc-check.sh SRC WORK
#
# SRC is a verified kernel tree (build/ksrc/<version>), WORK a scratch
# directory.  Environment: MAKE, K_CHECKED (the files the build reads).
# A copy of SRC plays the user's tree T.  A planted change reaches T in
# each of the three ways a reviewer's tree changes under a fixed path:
#
#   1. an edit in place that keeps the file's and directory's mtimes;
#   2. T replaced by a copy with preserved mtimes (cp -a, then tar);
#   3. git checkout of another commit (a change to a header).
#
# After each, `make conform KSRC=T` must fail; after the file is restored
# the same way it must pass again.  Every run must name, in its report
# header, the content hash of T as it was when make ran, and must leave
# T exactly as it was (names, sizes, modes and mtimes).  Last, a function
# that draws a warning is added to T: it must build, pass, and the report
# must count the warning.
set -u
src=$1
w=$2
MAKE=${MAKE:-make}
[ -f "$src/.extracted" ] || { echo "ksrc-check: no verified tree $src" >&2; exit 2; }
[ -n "${K_CHECKED:-}" ] || { echo "ksrc-check: K_CHECKED not set" >&2; exit 2; }
here=$(pwd)
rm -rf "$w" && mkdir -p "$w" || exit 2
w=$(cd "$w" && pwd)
t=$w/tree
runs=0
failed=0
built=

die() { echo "ksrc-check: $*" >&2; exit 1; }

# copy_checked FROM TO: the files the build reads, mtimes kept
copy_checked() {
	for f in $K_CHECKED; do
		mkdir -p "$2/$(dirname "$f")" && cp -p "$1/$f" "$2/$f" || exit 2
	done
}

# plant FILE OLD NEW: exactly one line changes, or the test is void
plant() {
	n=$(grep -cF -- "$2" "$1")
	[ "$n" = 1 ] || die "plant '$2' matches $n lines of $1, want 1"
	awk -v old="$2" -v new="$3" '{
		i = index($0, old)
		if (i) $0 = substr($0, 1, i - 1) new substr($0, i + length(old))
		print }' "$1" >"$1.new" && cat "$1.new" >"$1" && rm -f "$1.new"
}

snapshot() { (cd "$t" && find . -exec stat -c '%n %s %a %Y' {} + | sort); }

# conform pass|fail WHAT [WARNINGS]: one `make conform KSRC=T`, judged;
# WARNINGS: how many compiler warnings the report must count (default 0)
conform() {
	runs=$((runs + 1))
	log=$w/run$runs.log
	h=$(sh "$here/conformance/kernel/tree-hash.sh" "$t" $K_CHECKED) ||
		die "cannot hash $t"
	snapshot >"$w/before"
	(cd "$here" && $MAKE --no-print-directory KSRC="$t" conform) >"$log" 2>&1
	rc=$?
	snapshot >"$w/after"
	v=$(sed -n "s|^tested \([^ ]*\): $t sha256:$h, kernel files compiled with ${3:-0} warning(s)\$|\1|p" "$log")
	built="$built $v"
	sum=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	nfail=$(echo "$sum" | awk '{ print $3 }')
	verdict=
	if ! cmp -s "$w/before" "$w/after"; then
		verdict="make changed the KSRC tree"
	elif [ -z "$v" ]; then
		verdict="the report does not name $t sha256:$h with ${3:-0} warning(s)"
	elif [ "$1" = pass ] && { [ $rc != 0 ] || [ "$nfail" != 0 ]; }; then
		verdict="want a pass, got exit $rc ($sum)"
	elif [ "$1" = fail ] && { [ $rc = 0 ] || [ -z "$nfail" ] ||
				 [ "$nfail" = 0 ]; }; then
		verdict="want failures, got exit $rc (${sum:-no summary})"
	fi
	if [ -n "$verdict" ]; then
		echo "ksrc-check: FAIL $2: $verdict (log $log)"
		failed=$((failed + 1))
	else
		echo "ksrc-check: ok   $2: $1 (kernel $v${nfail:+, $nfail failed})"
	fi
}

cleanup() {
	for v in $built; do
		rm -rf "$here/build/ksrc/$v" "$here/build/obj/kernel/$v" \
			"$here/build/kernel/$v"
	done
}
trap cleanup EXIT

kvm=arch/powerpc/kvm
mkdir -p "$t" "$w/clean" && copy_checked "$src" "$w/clean" && \
	copy_checked "$src" "$t" || exit 2
conform pass "pristine tree"

# 1. in place, with the file's and its directory's mtimes put back
f=$t/$kvm/book3s_hv_rm_xics.c
touch -r "$f" "$w/fstamp" && touch -r "$t/$kvm" "$w/dstamp"
plant "$f" "cppr <= new_state.pending_pri" "cppr < new_state.pending_pri"
touch -r "$w/fstamp" "$f" && touch -r "$w/dstamp" "$t/$kvm"
conform fail "edit in place, mtimes kept (xics_rm_h_cppr: <= to <)"
cat "$w/clean/$kvm/book3s_hv_rm_xics.c" >"$f"
touch -r "$w/fstamp" "$f" && touch -r "$w/dstamp" "$t/$kvm"
conform pass "edit in place undone, mtimes kept"

# 2. the tree replaced by a planted copy that is older than the build
cp -a "$w/clean" "$w/planted"
plant "$w/planted/$kvm/book3s_xics.c" "new_state.cppr > priority" \
	"new_state.cppr >= priority"
find "$w/planted" -exec touch -d '2001-01-01' {} +
rm -rf "$t" && cp -a "$w/planted" "$t"
conform fail "cp -a of an older planted tree (icp_try_to_deliver: > to >=)"
rm -rf "$t" && cp -a "$w/clean" "$t"
conform pass "cp -a of the pristine tree"
rm -rf "$t" && mkdir "$t" && (cd "$w/planted" && tar cf - .) | (cd "$t" && tar xpf -)
conform fail "tar extraction of the planted tree"
rm -rf "$t" && mkdir "$t" && (cd "$w/clean" && tar cf - .) | (cd "$t" && tar xpf -)
conform pass "tar extraction of the pristine tree"

# 3. git checkout of a commit that changes a header
g() { git -C "$t" -c user.name=xicsref -c user.email=xicsref@invalid \
	-c init.defaultBranch=pristine "$@" >/dev/null 2>&1 ||
	die "git $* failed"; }
g init && g add -A && g commit -q -m pristine && g checkout -q -b planted
plant "$t/$kvm/book3s_xics.h" "#define MASKED	0xff" "#define MASKED	0xfe"
g commit -q -a -m planted && g checkout -q pristine
conform pass "git checkout of the pristine commit"
g checkout -q planted
conform fail "git checkout of a commit changing book3s_xics.h (MASKED)"
g checkout -q pristine
conform pass "git checkout back to the pristine commit"

# 4. a change that draws a compiler warning (an unused static function)
# is still built and tested, and the warning is counted
printf '\nstatic void xicsref_planted_unused(void)\n{\n}\n' >>"$t/$kvm/book3s_xics.c"
conform pass "a kernel file with a compiler warning" 1

if [ $failed != 0 ]; then
	echo "ksrc-check: $failed of $runs runs tested something other than the tree" >&2
	exit 1
fi
echo "ksrc-check: $runs runs, each tested the tree as it was, never changing it"
echo "ksrc-check: a kernel file with a warning was built and tested, the warning counted"
