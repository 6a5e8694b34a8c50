# SPDX-License-Identifier: GPL-2.0-only
#
# Checks the TAP of "xicsref run --tap": "TAP version 13", the plan
# "1..N", results numbered 1..N in order, YAML blocks ("  ---" to
# "  ...") only after a result, and one result per (scenario,
# implementation): every scenario has the same set of implementations,
# nscn scenarios in all.  Exits 1 with FILE:LINE: reason.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg
	bad = 1
	exit 1
}

FNR == 1 { if ($0 != "TAP version 13") fail("first line is not 'TAP version 13'"); next }
FNR == 2 {
	if ($0 !~ /^1\.\.[0-9]+$/)
		fail("no plan on line 2")
	plan = substr($0, 4) + 0
	next
}
yaml { if ($0 == "  ...") yaml = 0; next }
$0 == "  ---" { if (!nr) fail("YAML block before any result"); yaml = 1; next }
/^(not )?ok / {
	s = $0
	sub(/^(not )?ok /, "", s)
	num = s
	sub(/ .*/, "", num)
	if (num + 0 != nr + 1)
		fail("result " num " where " nr + 1 " was due")
	nr++
	sub(/^[0-9]+ - /, "", s)
	sub(/ # SKIP.*$/, "", s)
	sub(/ \(shows .*\)$/, "", s)
	split(s, w, " ")
	pair = w[1] " " w[2] " " w[3]
	if (pair in seen)
		fail("twice: " pair)
	seen[pair] = 1
	if (!(w[1] in scn)) {
		scn[w[1]] = 0
		nscn_seen++
	}
	scn[w[1]]++
	impl[w[2] " " w[3]] = 1
	next
}
{ fail("not TAP: " $0) }

END {
	if (bad)
		exit 1
	if (yaml)
		fail("unterminated YAML block")
	if (nr != plan)
		fail("plan 1.." plan " but " nr " results")
	nimpl = 0
	for (i in impl)
		nimpl++
	if (nscn_seen != nscn)
		fail(nscn_seen " scenarios, " nscn " expected")
	for (f in scn)
		if (scn[f] != nimpl)
			fail(f ": " scn[f] " results for " nimpl " implementations")
	printf "TAP: %d results = %d scenarios x %d implementations\n", nr, nscn, nimpl
}
