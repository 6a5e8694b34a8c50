# SPDX-License-Identifier: GPL-2.0-only
#
# The reasons of unreachable.txt as the markdown table docs/coverage.md
# carries between its "unreachable-table" markers (make coverage-docs
# writes it, make coverage-docs-check compares it), so the page never
# says other than the file make coverage checks.
#
#   awk -f unreachable-doc.awk unreachable.txt

/^[ \t]*(#|$)/ { next }
{
	n = split($0, p, "@@")
	if (n != 4)
		next
	for (i = 1; i <= 4; i++) {
		sub(/^[ \t]+/, "", p[i])
		sub(/[ \t]+$/, "", p[i])
		gsub(/\|/, "\\|", p[i])
	}
	printf("| %s | %s | `%s` | %s |\n", p[1], p[2], p[3], p[4])
}
