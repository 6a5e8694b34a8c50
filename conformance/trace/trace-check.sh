#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Traceability: rule ID -> scenarios -> model functions.
# Prints the matrix; fails when a catalogue rule has no scenario or no
# model function naming it, or a scenario names a rule that does not exist.
# The concurrency rules (CONC-*) are oracles over many executions, not
# steps of the model: the functions that check them (ORACLE_SRCS) count.
#
#	trace-check.sh CATALOGUE SCENARIO_DIR MODEL_SRC_DIR [ORACLE_SRCS]
set -u
cat=${1:-spec/catalogue.txt}
scn_dir=${2:-conformance/scenarios}
src_dir=${3:-model/src}
oracles=${4:-}
here=$(dirname "$0")
funcs=$(mktemp)
trap 'rm -f "$funcs"' EXIT
# shellcheck disable=SC2086
awk -f "$here/rule-funcs.awk" "$src_dir"/*.c $oracles | sort -u > "$funcs"

ids=$(awk '!/^#/ && NF { print $1 }' "$cat")
bad=0 nr=0
printf '%-20s %-8s %-44s %s\n' RULE SCNS 'SCENARIOS (first 2)' 'MODEL FUNCTIONS'
for id in $ids; do
	nr=$((nr + 1))
	scns=$(grep -lE "^[[:space:]]*rules([[:space:]].*)?[[:space:]]$id([[:space:]]|\$)" \
		"$scn_dir"/*.scn 2>/dev/null | sed 's|.*/||')
	n=$(printf '%s\n' "$scns" | grep -c .)
	first=$(printf '%s\n' "$scns" | head -2 | tr '\n' ' ')
	fn=$(awk -v id="$id" '$1 == id { printf "%s ", $2 }' "$funcs")
	printf '%-20s %-8s %-44s %s\n' "$id" "$n" "${first:--}" "${fn:--}"
	[ "$n" -gt 0 ] || { echo "trace-check: $id: no scenario" >&2; bad=1; }
	[ -n "$fn" ] || { echo "trace-check: $id: no model function names it" >&2; bad=1; }
	grep -qx "### $id" "$(dirname "$cat")"/*.md ||
		{ echo "trace-check: $id: no \"### $id\" rule text in spec/*.md" >&2; bad=1; }
done
for f in "$scn_dir"/*.scn; do
	for r in $(awk '$1 == "rules" { for (i = 2; i <= NF && $i !~ /^#/; i++) print $i }' "$f"); do
		printf '%s\n' "$ids" | grep -qx -- "$r" ||
			{ echo "trace-check: $f: unknown rule $r" >&2; bad=1; }
	done
done
# IDs the model names that the catalogue does not know
awk '{ print $1 }' "$funcs" | sort -u | while read -r id; do
	printf '%s\n' "$ids" | grep -qx -- "$id" ||
		echo "trace-check: note: model names $id, which is not in the catalogue" >&2
done
# the benign data races: each has its reason in spec/*.md
races=$(dirname "$cat")/races.txt
if [ -f "$races" ]; then
	for id in $(awk '!/^#/ && NF { print $1 }' "$races" | sort -u); do
		grep -qx "### $id" "$(dirname "$cat")"/*.md ||
			{ echo "trace-check: $id (races.txt): no \"### $id\" reason in spec/*.md" >&2; bad=1; }
	done
fi
[ $bad -eq 0 ] && echo "trace-check: $nr rules, each with a scenario and a model function"
exit $bad
