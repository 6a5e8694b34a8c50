# SPDX-License-Identifier: GPL-2.0-only
#
# Apply one mutation to a kernel C file.
#
#   awk -v fn=NAME -v occ=N -v pat=TEXT -v rep=TEXT -f mutate.awk FILE
#
# Inside the definition of function NAME (a line at column 0 holding
# "NAME(" that does not end in ";", up to the first "}" at column 0),
# the N-th occurrence of the literal text PAT (not a regex: C is full of
# regex metacharacters) is replaced by REP.  Everything else is copied
# unchanged.  Exit 3 when the function or the occurrence is missing, so
# a stale spec is an error and never a silently unmutated "mutant".

BEGIN {
	infn = 0
	seen = 0
	done = 0
	found = 0
}

{
	line = $0
	if (!infn && !done && line ~ /^[A-Za-z_]/ && line !~ /;[ \t]*$/ &&
	    match(line, "(^|[ *])" fn "\\(")) {
		infn = 1
		found = 1
	}
	if (infn && !done) {
		out = ""
		rest = line
		while ((i = index(rest, pat)) > 0) {
			seen++
			if (seen == occ) {
				out = out substr(rest, 1, i - 1) rep
				rest = substr(rest, i + length(pat))
				done = 1
				break
			}
			out = out substr(rest, 1, i - 1 + length(pat))
			rest = substr(rest, i + length(pat))
		}
		line = out rest
		if ($0 ~ /^}/)
			infn = 0
	}
	print line
}

END {
	if (!found) {
		printf("mutate: function %s not found\n", fn) > "/dev/stderr"
		exit 3
	}
	if (!done) {
		printf("mutate: %s: occurrence %d of \"%s\" not found (%d seen)\n",
		       fn, occ, pat, seen) > "/dev/stderr"
		exit 3
	}
}
