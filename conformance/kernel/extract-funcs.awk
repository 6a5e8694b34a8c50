# SPDX-License-Identifier: GPL-2.0-only
#
# Copy whole function definitions, by name, out of a kernel C file.
#
#   awk -v funcs="name1 name2" -v file=PATH -f extract-funcs.awk PATH
#
# A definition starts on a line at column 0 that contains "NAME(" and
# does not end in ";" (that would be a prototype); it ends at the first
# "}" in column 0.  The first definition of each name wins (later ones
# are the #else stubs).  Each copy is preceded by a #line directive so
# compiler messages point into the original file.  The text is never
# changed: this only selects lines.  Functions come out in the order
# they are named, so callers can be listed after callees.  A name that
# is not found is an error: the build must not silently lose code.

BEGIN {
	n = split(funcs, want, " ")
	for (i = 1; i <= n; i++)
		wanted[want[i]] = i
	cur = ""
}

cur == "" && /^[A-Za-z_]/ && !/;[ \t]*$/ {
	for (name in wanted) {
		if (index($0, name "(") && !(name in body) &&
		    match($0, "(^|[ *])" name "\\(")) {
			cur = name
			start[name] = FNR
			body[name] = ""
			break
		}
	}
}

cur != "" {
	body[cur] = body[cur] $0 "\n"
	if ($0 ~ /^}/)
		cur = ""
}

END {
	bad = 0
	for (i = 1; i <= n; i++) {
		name = want[i]
		if (!(name in body)) {
			printf("%s: function %s not found\n", file, name) > "/dev/stderr"
			bad = 1
			continue
		}
		printf("#line %d \"%s\"\n%s\n", start[name], file, body[name])
	}
	exit bad
}
