#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make xive-check: what the runner must do for kernel-xive beyond make
# conform's verdicts.  On the object $2:
# - every DEV-XIVE-* scenario shows its deviation exactly (the standing
#   deviations: the model with the others must differ, with all agree);
# - every scenario with passthrough steps passes or shows deviations
#   exactly, but for the ones that reach a crash finding or do what
#   irqbypass never makes KVM do (SKIP, with the reason);
# - the report says which state parts were compared and which written
#   expectations were not checked (kernel-xive keeps no XISR).
#   xive-check.sh XICSREF_BIN XICSREF-XIVE.SO
bin=$1
so=$2
fail() {
	echo "$out"
	echo "xive-check: $so: $1" >&2
	exit 1
}

for f in conformance/scenarios/dev-xive-*.scn; do
	# the first ID it declares (the runner names the ones that apply)
	id=$(awk '$1 == "deviation" { print $2; exit }' "$f")
	out=$("$bin" run --impl "$so" "$f" 2>&1) || fail "$f failed"
	echo "$out" | grep -q "^DEV .* kernel-xive " &&
		echo "$out" | grep -Eq "shows ([A-Z-]+ )*$id( [A-Z-]+)* exactly" ||
		fail "$f does not show $id exactly"
done
echo "xive-check: $so: every DEV-XIVE-* scenario shows its deviation exactly"

pt=$(grep -lE '^(passthru|unpassthru|hwirq|host-ipi)|^ *cpu [0-9]+ *: *(passthru|unpassthru|hwirq)' \
	conformance/scenarios/*.scn conformance/regress/*.scn)
out=$("$bin" run -q --impl "$so" $pt 2>&1) ||
	fail "a scenario with passthrough steps failed"
skips=$(echo "$out" | grep -A2 '^SKIP ' | grep 'skipped:' |
	grep -Evc 'FINDING-XIVE-PT-UNDEFINED-NULL-ESB|a flat-map step KVM never makes')
[ "$skips" = 0 ] || fail "a scenario with passthrough steps is skipped for another reason"
echo "xive-check: $so: every scenario with passthrough steps passes or shows its deviations ($(echo "$pt" | wc -l) files)"

out=$("$bin" run --impl "$so" conformance/scenarios/icp-accept-returns-cppr-and-xisr.scn 2>&1)
echo "$out" | grep -q 'kernel-xive .*: state compared with the model over: icp cppr mfrr ee line;' &&
	echo "$out" | grep -q 'expect parts it does not keep, NOT checked: icp pprio xisr' ||
	fail "the report does not say which state parts were compared and not checked"
echo "xive-check: $so: the report names the state parts compared and not checked"
