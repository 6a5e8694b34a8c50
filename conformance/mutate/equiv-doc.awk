# SPDX-License-Identifier: GPL-2.0-only
#
# The equivalent, concurrency and harness notes of equivalent.txt as the
# markdown table docs/mutation.md carries between its "equivalent-table"
# markers (make mutate-docs writes it, make docs-check compares it).
#
#   awk -f equiv-doc.awk equivalent.txt

/^[ \t]*(#|$)/ { next }
{
	line = $0
	if (line ~ /^\//) {
		m = match(line, /\/[ \t]+(equivalent|concurrency|harness):/)
		id = substr(line, 1, m)
		note = substr(line, m + 1)
		gsub(/\|/, "\\|", id)
		id = "`" id "`"
	} else {
		# "ID [ID...] KIND: reason"
		m = match(line, /[ \t]+(equivalent|concurrency|harness): /)
		n = split(substr(line, 1, m - 1), w, /[ \t]+/)
		note = substr(line, m)
		id = ""
		for (i = 1; i <= n; i++)
			id = id (i > 1 ? ", " : "") "`" w[i] "`"
	}
	sub(/^[ \t]+/, "", note)
	kind = note
	sub(/:.*/, "", kind)
	sub(/^[a-z]+:[ \t]*/, "", note)
	gsub(/\|/, "\\|", note)
	printf("| %s | %s | %s |\n", id, kind, note)
}
