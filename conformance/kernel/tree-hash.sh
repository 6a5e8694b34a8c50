#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The identity of a kernel tree as xicsref builds it: one SHA-256 over
# the name, size and content of every file the build reads from it.
#
#   tree-hash.sh DIR FILE...
#
# Prints the hex digest, or one line naming the first missing file and
# exits 1.  The build names its directories and reports by this digest,
# so what is tested follows the content of DIR, never its path or the
# mtimes of its files (an edit in place, a copy made with cp -a, rsync
# -a or tar, a git checkout).  Nothing in DIR is written.
set -u
[ $# -ge 2 ] || { echo "usage: tree-hash.sh DIR FILE..." >&2; exit 2; }
dir=$1
shift
for f; do
	[ -f "$dir/$f" ] || { echo "$dir: no $f there"; exit 1; }
done
for f; do
	printf '%s %s\n' "$f" "$(wc -c <"$dir/$f")"
	cat "$dir/$f"
done | sha256sum | cut -d' ' -f1
