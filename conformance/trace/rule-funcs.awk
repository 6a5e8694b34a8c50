# SPDX-License-Identifier: GPL-2.0-only
#
# Print "RULE-ID file:function" for every rule ID named in a comment of
# the model's C files.  An ID inside a function body belongs to that
# function; an ID in a comment outside any function belongs to the next
# function defined (the comment block above a definition).  Kernel style
# is assumed: a definition starts in column 0 and its body opens with a
# "{" alone in column 0.

FNR == 1 { depth = 0; cur = ""; npend = 0; fname = FILENAME; sub(/.*\//, "", fname) }

{
	line = $0
	# the rule IDs this line names
	rest = line
	while (match(rest, /(ICP|ICS|RTAS|STATE|ROUTE|MAP|PT|CONC|FAULT)-[A-Z0-9]+(-[A-Z0-9]+)*/)) {
		id = substr(rest, RSTART, RLENGTH)
		before = RSTART > 1 ? substr(rest, RSTART - 1, 1) : ""
		after = substr(rest, RSTART + RLENGTH, 1)
		rest = substr(rest, RSTART + RLENGTH)
		# part of a longer name (DEV-RTAS-...) or a family ("ROUTE-READ-*")
		if (before ~ /[A-Za-z0-9_-]/ || after == "-")
			continue
		if (depth > 0 && cur != "")
			print id, fname ":" cur
		else
			pend[npend++] = id
	}
	# a definition: name( in column 0, not a prototype
	if (depth == 0 && match(line, /^[a-zA-Z_][a-zA-Z0-9_ \*]*[ \*]([a-zA-Z_][a-zA-Z0-9_]*)\(/)) {
		head = substr(line, 1, RLENGTH - 1)
		n = split(head, w, /[ \*]+/)
		cand = w[n]
		if (line !~ /;[ \t]*$/)
			cur = cand
	}
	opens = gsub(/\{/, "{", line)
	closes = gsub(/\}/, "}", line)
	if (depth == 0 && opens > 0 && cur != "") {
		for (i = 0; i < npend; i++)
			print pend[i], fname ":" cur
		npend = 0
	}
	depth += opens - closes
	if (depth <= 0) {
		depth = 0
		if (closes > 0)
			cur = ""
	}
}
