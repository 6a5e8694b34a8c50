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

# ID, scenario, what the failure must say (a grep -E pattern)
check() {
	out=$("$bin" run --impl "$so" "$dir/$2" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && echo "$out" | grep -q '^FAIL .* kernel-xive ' &&
	   echo "$out" | grep -Eq "$3"; then
		echo "$1 reproduces on $so"
		return 0
	fi
	echo "$out"
	echo "findings-check: $1 no longer reproduces on $so: update docs/findings.md" >&2
	return 1
}

check FINDING-XIVE-SETXIVE-NULL-ESB xive-setxive-null-esb.scn \
	'refused what this step did: access through a NULL ESB.*address 0xc00' &&
check FINDING-XIVE-IPOLL-R4 xive-ipoll-r4.scn \
	'refused what this step did: the hypercall wrote the registers of another VCPU .*address 0x1\)' &&
check FINDING-XIVE-IPI-BEFORE-FAVOURED xive-ipi-before-favoured.scn \
	'xirr: model=0xff001000 kernel-xive=0xff000002'
