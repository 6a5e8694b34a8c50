# SPDX-License-Identifier: GPL-2.0-only
#
# Writing the mutant schema of a kernel version: sourced by
# gen-mutants.sh and gen-explore.sh, which set src (the verified
# extraction), out (their output directory) and mutgen.

kvm=arch/powerpc/kvm
# TAG:FILE of each mutated file; TAG is XICSREF_MUTANT's first number.
# MUT_TARGET=xive: book3s_xive.c, whose mutants run on kernel-xive
# (xicsref-xive.so); else the XICS files on kernel-vm and kernel-rm.
if [ "${MUT_TARGET:-xics}" = xive ]; then
	files="4:book3s_xive.c"
else
	files="1:book3s_hv_rm_xics.c 2:book3s_xics.c 3:book3s_hv_builtin.c"
fi

# The goal functions of FILE (goals.txt: GOAL FILE LINE% BRANCH%
# FUNCTION..., continued on indented lines)
goal_funcs() {
	awk -v file="$1" '
	/^#/ || /^[ \t]*$/ { next }
	/^[^ \t]/ { cur = ($2 == file); for (i = 5; i <= NF; i++) if (cur) print $i; next }
	cur { for (i = 1; i <= NF; i++) print $i }' conformance/coverage/goals.txt |
	tr '\n' ' '
}

# new_tree DIR MODE: a copy of the extraction with the files of $files
# rewritten (MODE -g: grouping only, or empty: the schema); mutants left
# out are read from $out/excl.TAG, the line maps and mutant lists are
# written to $out/map.TAG and $out/list.TAG
new_tree() {
	rm -rf "$1" && mkdir -p "$1/arch/powerpc" &&
	cp -a "$src/arch/powerpc/kvm" "$src/arch/powerpc/include" "$1/arch/powerpc/" &&
	cp -a "$src/Makefile" "$1/" || return 1
	for tf in $files; do
		tag=${tf%%:*} f=${tf#*:}
		[ -n "$(goal_funcs "$f")" ] ||
			{ echo "mutate: goals.txt names no function of $f" >&2; return 1; }
		touch "$out/excl.$tag"
		# shellcheck disable=SC2086
		"$mutgen" -t "$tag" -F "$(goal_funcs "$f")" -x "$out/excl.$tag" $2 \
			-o "$1/$kvm/$f" -m "$out/map.$tag" -l "$out/list.$tag" \
			"$src/$kvm/$f" || return 1
	done
}

# drop_tree DIR: the copy and the extraction make made of it
# (build/ksrc/VER-HASH, HASH the start of its tree hash)
drop_tree() {
	# shellcheck disable=SC2086
	h=$(sh conformance/kernel/tree-hash.sh "$1" $K_CHECKED | cut -c1-12)
	rm -rf "$1" build/ksrc/*-"$h"
}
