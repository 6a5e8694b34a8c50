# SPDX-License-Identifier: GPL-2.0-only
#
# The equivalent and concurrency notes of equivalent.txt as the markdown
# table docs/mutation.md carries between its "equivalent-table" markers
# (make mutate-docs writes it, make docs-check compares it).
#
#   awk -f equiv-doc.awk equivalent.txt

/^[ \t]*(#|$)/ { next }
{
	line = $0
	if (line ~ /^\//) {
		m = match(line, /\/[ \t]+(equivalent|concurrency):/)
		id = substr(line, 1, m)
		note = substr(line, m + 1)
	} else {
		id = line
		sub(/[ \t].*/, "", id)
		note = substr(line, length(id) + 1)
	}
	sub(/^[ \t]+/, "", note)
	kind = note
	sub(/:.*/, "", kind)
	sub(/^[a-z]+:[ \t]*/, "", note)
	gsub(/\|/, "\\|", id)
	gsub(/\|/, "\\|", note)
	printf("| `%s` | %s | %s |\n", id, kind, note)
}
