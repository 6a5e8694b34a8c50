# SPDX-License-Identifier: GPL-2.0-only
#
# A small XML well-formedness check (xmllint is not a dependency):
# an optional <?xml ...?> declaration, comments, elements whose start and
# end tags nest and match, attributes name="value" without '<', text and
# values whose '&' starts a known entity or a character reference, and
# exactly one root element.  Prints FILE:LINE: reason and exits 1, or
# prints "N elements" and exits 0.  POSIX awk (mawk, gawk).

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, line_of(pos), msg
	bad = 1
	exit 1
}

function line_of(p,    i, n) {
	n = 1
	for (i = 1; i < p; i++)
		if (substr(doc, i, 1) == "\n")
			n++
	return n
}

# '&' only as &lt; &gt; &amp; &quot; &apos; &#N; &#xH;
function check_text(s, what,    t) {
	t = s
	gsub(/&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/, "", t)
	if (index(t, "&"))
		fail("bare '&' in " what)
}

{ doc = doc $0 "\n" }

END {
	if (bad)
		exit 1
	n = length(doc)
	pos = 1
	depth = 0
	roots = 0
	elems = 0
	if (substr(doc, 1, 5) == "<?xml") {
		e = index(doc, "?>")
		if (!e)
			fail("unterminated XML declaration")
		pos = e + 2
	}
	while (pos <= n) {
		rest = substr(doc, pos)
		lt = index(rest, "<")
		if (!lt) {
			if (rest ~ /[^ \t\n]/ && depth == 0)
				fail("text after the root element")
			check_text(rest, "text")
			break
		}
		text = substr(rest, 1, lt - 1)
		if (depth == 0 && text ~ /[^ \t\n]/)
			fail("text outside the root element")
		check_text(text, "text")
		pos += lt - 1
		rest = substr(doc, pos)
		if (substr(rest, 1, 4) == "<!--") {
			e = index(substr(rest, 5), "-->")
			if (!e)
				fail("unterminated comment")
			pos += 4 + e + 2
			continue
		}
		gt = index(rest, ">")
		if (!gt)
			fail("unterminated tag")
		tag = substr(rest, 1, gt)
		if (tag ~ /^<\/[A-Za-z_][-A-Za-z0-9_.:]*[ \t\n]*>$/) {
			name = tag
			sub(/^<\//, "", name)
			sub(/[ \t\n]*>$/, "", name)
			if (depth == 0)
				fail("end tag </" name "> without a start tag")
			if (stack[depth] != name)
				fail("</" name "> closes <" stack[depth] ">")
			depth--
		} else if (tag ~ /^<[A-Za-z_][-A-Za-z0-9_.:]*([ \t\n]+[A-Za-z_][-A-Za-z0-9_.:]*="[^"<]*")*[ \t\n]*\/?>$/) {
			name = substr(tag, 2)
			sub(/[ \t\n\/>].*$/, "", name)
			check_text(tag, "an attribute value")
			# the same attribute twice is not well-formed
			a = tag
			delete seen
			while (match(a, /[ \t\n][A-Za-z_][-A-Za-z0-9_.:]*="/)) {
				an = substr(a, RSTART + 1, RLENGTH - 3)
				if (an in seen)
					fail("attribute " an " twice in <" name ">")
				seen[an] = 1
				a = substr(a, RSTART + RLENGTH)
				sub(/^[^"]*"/, "", a)
			}
			if (depth == 0 && ++roots > 1)
				fail("a second root element <" name ">")
			elems++
			if (tag !~ /\/>$/)
				stack[++depth] = name
		} else {
			fail("malformed tag " tag)
		}
		pos += gt
	}
	if (depth)
		fail("<" stack[depth] "> is never closed")
	if (!roots)
		fail("no root element")
	printf "%d elements\n", elems
}
