# SPDX-License-Identifier: GPL-2.0-only
#
# Per-file and per-function line and branch figures from an lcov
# tracefile (lcov 1.x format, branch records on).
#
#   awk -v title=TEXT [-v only_gaps=1] -f summary.awk FILE.info
#
# lcov gives per-function call counts but not per-function line or
# branch counts, so a line belongs to the function whose FN: record
# starts closest above it.  File-scope lines before the first function
# (none in the kernel files) would be counted under "(file)".
# Totals are recomputed from DA/BRDA: lcov -c writes no LF/LH.
# With only_gaps=1 functions fully covered (lines and branches) are
# left out, which keeps the report to one screen.

function base(p,	n, a) {
	n = split(p, a, "/")
	return a[n]
}

function owner(l,	i, best, bl) {
	best = "(file)"
	bl = -1
	for (i = 1; i <= nfn; i++)
		if (fnl[i] <= l && fnl[i] > bl) {
			bl = fnl[i]
			best = fnn[i]
		}
	return best
}

function flush(	k, l, f, fn, lh, lt, bh, bt, i) {
	if (sf == "")
		return
	for (l in da) {
		f = owner(l + 0)
		lfound++
		if (da[l] > 0)
			lhit++
		flt[f]++
		if (da[l] > 0)
			flh[f]++
	}
	for (k in br) {
		split(k, parts, SUBSEP)
		f = owner(parts[1] + 0)
		fbt[f]++
		bfound++
		if (br[k] != "-" && br[k] > 0) {
			fbh[f]++
			bhit++
		}
	}
	printf("%-28s lines %5d/%-5d %6s  branches %5d/%-5d %6s\n",
	       base(sf), lhit, lfound, pct(lhit, lfound),
	       bhit, bfound, pct(bhit, bfound))
	tl += lfound; tlh += lhit; tb += bfound; tbh += bhit
	for (i = 1; i <= nfn && !files_only; i++) {
		fn = fnn[i]
		if (fn in seen)
			continue
		seen[fn] = 1
		lh = flh[fn] + 0; lt = flt[fn] + 0
		bh = fbh[fn] + 0; bt = fbt[fn] + 0
		if (only_gaps && lh == lt && bh == bt)
			continue
		printf("  %-32s %4d/%-4d %6s  %4d/%-4d %6s%s\n", fn,
		       lh, lt, pct(lh, lt), bh, bt, pct(bh, bt),
		       fcalls[fn] > 0 ? "" : "  (never called)")
	}
	delete da; delete br; delete flt; delete flh; delete fbt
	delete fbh; delete seen; delete fcalls
	nfn = 0; lhit = lfound = bhit = bfound = 0; sf = ""
}

function pct(h, t) {
	return t ? sprintf("%.1f%%", 100 * h / t) : "-"
}

BEGIN {
	FS = "[:,]"
	printf("== %s\n", title)
}

/^SF:/ { sf = substr($0, 4)
	lhit = lfound = bhit = bfound = 0
}
/^FN:/ { nfn++; fnl[nfn] = $2 + 0; fnn[nfn] = $3 }
/^FNDA:/ { fcalls[$3] += $2 }
/^DA:/ { da[$2 + 0] += $3 }
/^BRDA:/ {
	k = ($2 + 0) SUBSEP $3 SUBSEP $4
	if (!(k in br) || br[k] == "-")
		br[k] = $5
	else if ($5 != "-")
		br[k] += $5
}
/^end_of_record/ { flush() }

END {
	printf("%-28s lines %5d/%-5d %6s  branches %5d/%-5d %6s\n", "TOTAL",
	       tlh, tl, pct(tlh, tl), tbh, tb, pct(tbh, tb))
}
