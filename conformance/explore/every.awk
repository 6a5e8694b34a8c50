# SPDX-License-Identifier: GPL-2.0-only
#
# Apply one edit of a planted bug to every occurrence of a pattern in a
# function (plants.txt, N = "*").
#
#   awk -v fn=NAME -v pat=TEXT -v rep=TEXT -f every.awk FILE
#
# The function is found as conformance/mutate/mutate.awk finds it (a
# line at column 0 holding "NAME(" that does not end in ";", up to the
# first "}" at column 0); there every occurrence of the literal text PAT
# becomes REP.  mutate.awk changes one occurrence; a lock dropped from a
# function must go with every unlock of it, and these are several on the
# early-return paths (icp_deliver_irq, kvmppc_set_passthru_irq).  Exit 3
# when the function or the pattern is missing, so a stale plant is an
# error, never a silently unchanged tree.

BEGIN {
	infn = 0
	found = 0
	seen = 0
	ended = 0
}

{
	line = $0
	if (!infn && !ended && line ~ /^[A-Za-z_]/ && line !~ /;[ \t]*$/ &&
	    match(line, "(^|[ *])" fn "\\(")) {
		infn = 1
		found = 1
	}
	if (infn) {
		out = ""
		rest = line
		while ((i = index(rest, pat)) > 0) {
			seen++
			out = out substr(rest, 1, i - 1) rep
			rest = substr(rest, i + length(pat))
		}
		line = out rest
		if ($0 ~ /^}/) {
			infn = 0
			# a prototype split over lines looks like a definition
			# up to the next function's end: as mutate.awk does,
			# look on until a range held the pattern
			ended = seen > 0
		}
	}
	print line
}

END {
	if (!found) {
		printf("every: function %s not found\n", fn) > "/dev/stderr"
		exit 3
	}
	if (!seen) {
		printf("every: %s: \"%s\" not found\n", fn, pat) > "/dev/stderr"
		exit 3
	}
}
