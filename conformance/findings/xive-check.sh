#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make findings-check, kernel-xive part: each finding of XICS-on-XIVE
# (docs/findings.md) must still reproduce on the object $2, as a failure
# of its scenario that says exactly what was found.  When a kernel fixes
# one, this fails and names it: docs/findings.md must then be updated.
#   xive-check.sh XICSREF_BIN XICSREF-XIVE.SO
bin=$1
so=$2
dir=conformance/findings

# check ID SCENARIO KIND WANT: KIND is FAIL, SKIP or DEV (a finding the
# model reproduces with a deviation's quirk), WANT what the report must
# say (grep -E)
check() {
	out=$("$bin" run --impl "$so" "$dir/$2" 2>&1)
	rc=$?
	# the runner exits 1 on a failure, 0 when only skips remain
	ok=0
	if [ "$3" = FAIL ] && [ $rc -eq 1 ]; then
		ok=1
	elif [ "$3" != FAIL ] && [ $rc -eq 0 ]; then
		ok=1
	fi
	if [ $ok -eq 1 ] && echo "$out" | grep -q "^$3 .* kernel-xive " &&
	   echo "$out" | grep -Eq "$4"; then
		echo "$1 reproduces on $so"
		return 0
	fi
	echo "$out"
	echo "findings-check: $1 no longer reproduces on $so: update docs/findings.md" >&2
	return 1
}

# One finding a line: ID|scenario|kind|what the report must say.  The
# first that no longer reproduces stops the check.
while IFS='|' read -r id scn kind want; do
	case $id in ''|'#'*) continue ;; esac
	check "$id" "$scn" "$kind" "$want" || exit 1
done <<'FINDINGS'
FINDING-XIVE-SETXIVE-NULL-ESB|xive-setxive-null-esb.scn|SKIP|FINDING-XIVE-SETXIVE-NULL-ESB .*refused what this step did: access through a NULL ESB
FINDING-XIVE-IPOLL-R4|xive-ipoll-r4.scn|SKIP|FINDING-XIVE-IPOLL-R4 .*refused what this step did: the hypercall wrote the registers of another VCPU
FINDING-XIVE-IPI-BEFORE-FAVOURED|xive-ipi-before-favoured.scn|DEV|shows DEV-XIVE-PRESENTER exactly
FINDING-XIVE-EOI-SCAN-IPI-LOST|xive-eoi-scan-ipi-lost.scn|DEV|shows DEV-XIVE-PRESENTER exactly
FINDING-XIVE-SAVE-MASKED-PENDING|xive-save-masked-pending.scn|DEV|shows DEV-XIVE-SAVE-MASKED exactly
FINDING-XIVE-SETXIVE-PRIO-OOB|xive-setxive-prio-oob.scn|SKIP|FINDING-XIVE-SETXIVE-PRIO-OOB .*refused what this step did: a queue of priority above 7
FINDING-XIVE-SERVER-PACK|xive-server-pack.scn|SKIP|FINDING-XIVE-SERVER-PACK: the kernel WARNs in kvmppc_xive_connect_vcpu
FINDING-XIVE-LSI-DOUBLE-ASSERT|xive-lsi-double-assert.scn|DEV|shows DEV-XIVE-LSI-EDGE exactly
FINDING-XIVE-LSI-MASKED-EOI|xive-lsi-masked-eoi.scn|DEV|shows DEV-XIVE-LSI-EDGE exactly
FINDING-XIVE-SETSOURCE-STALE-ROUTE|xive-setsource-stale-route.scn|DEV|shows DEV-XIVE-ROUTING exactly
FINDING-XIVE-PT-UNDEFINED-NULL-ESB|xive-pt-undefined-null-esb.scn|SKIP|FINDING-XIVE-PT-UNDEFINED-NULL-ESB .*refused what this step did: access through a NULL ESB
FINDING-XIVE-PT-LOST|xive-pt-lost.scn|DEV|shows DEV-XIVE-PT-MAP-STATE exactly
FINDING-XIVE-PT-UNDEFINED-NULL-ESB|xive-pt-clr-undefined-null-esb.scn|SKIP|FINDING-XIVE-PT-UNDEFINED-NULL-ESB .*refused what this step did: access through a NULL ESB
FINDINGS
