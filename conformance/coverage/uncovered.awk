# SPDX-License-Identifier: GPL-2.0-only
#
# Explain every line of the goal files that the suite does not reach.
#
#   awk -v ver=V -f uncovered.awk goals.txt unreachable.txt KERNEL.info
#
# unreachable.txt names lines by file, function and trimmed text (line
# numbers move between kernel versions), each with its reason.  Every
# uncovered line of a goal function must be listed there, or it is
# printed as UNEXPLAINED; a listed line that exists in this version and
# is covered is printed as STALE, so the list never outlives the code
# (a line absent from this version is another version's entry).  The
# TEXT "*" stands for every line of the function.  The
# "reachable" figure counts every line except the listed ones; lines
# listed "pending ..." (reachable, waiting for named work) stay in it.
#
# A goal's LINE% (goals.txt) is of its reachable lines and is checked:
# below it, "BELOW" is printed and the exit status is 1.  A goal of
# 100 % (the XICS files) has no room for an uncovered line, so an
# unlisted one is UNEXPLAINED; a lower goal (book3s_xive.c, 90 %)
# counts an unlisted uncovered line as reachable and not reached yet
# (printed as UNREACHED, against the goal), never as a reason.

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function base(p,	n, a) { n = split(p, a, "/"); return a[n] }

function owner(l,	i, best, bl) {
	best = "(file)"; bl = -1
	for (i = 1; i <= nfn; i++)
		if (fnl[i] <= l && fnl[i] > bl) { bl = fnl[i]; best = fnn[i] }
	return best
}

function flush(	l, f, fn, text, k, n, src, line) {
	if (sf == "" || !(base(sf) in goalfile)) { reset(); return }
	f = base(sf)
	seenfile[f] = 1
	n = 0
	while ((getline line < sf) > 0)
		src[++n] = line
	close(sf)
	for (l in da) {
		fn = owner(l + 0)
		g = goalfile[f]
		if (!((g, fn) in want))
			continue
		tot[g]++
		text = trim(src[l + 0])
		k = f SUBSEP fn SUBSEP text
		present[k] = 1
		present[f, fn, "*"] = 1
		if (da[l] > 0) { hit[g]++; continue }
		if (!(k in why))
			k = f SUBSEP fn SUBSEP "*"
		if (k in why) {
			used[k] = 1
			if (why[k] ~ /^pending/)
				pend[g]++
			else
				excl[g]++
		} else if (gl[g] < 100) {
			printf("UNREACHED %s %s:%d (%s): %s\n", ver, f, l, fn, text)
		} else {
			printf("UNEXPLAINED %s %s:%d (%s): %s\n", ver, f, l, fn, text)
			bad++
		}
	}
	reset()
}

function reset() {
	delete da; nfn = 0; sf = ""
}

FILENAME ~ /goals\.txt$/ {
	if ($0 ~ /^#/ || NF == 0) next
	if ($0 !~ /^[ \t]/) { g = $1; order[++ng] = g; goalfile[$2] = g; gf[g] = $2; gl[g] = $3; s = 5 }
	else s = 1
	for (i = s; i <= NF; i++) want[g, $i] = 1
	next
}

FILENAME ~ /unreachable\.txt$/ {
	if ($0 ~ /^[ \t]*(#|$)/) next
	n = split($0, p, "@@")
	if (n != 4) {
		printf("%s:%d: want FILE @@ FUNCTION @@ TEXT @@ REASON\n",
		       FILENAME, FNR) > "/dev/stderr"
		bad++
		next
	}
	k = trim(p[1]) SUBSEP trim(p[2]) SUBSEP trim(p[3])
	why[k] = trim(p[4])
	# a race is explored now (make explore): write a parallel scenario
	if (why[k] ~ /^race/) {
		printf("%s:%d: \"race\" is no longer a reason: a parallel scenario (docs/exploring.md) reaches it\n",
		       FILENAME, FNR) > "/dev/stderr"
		bad++
	}
	where[k] = FNR
	next
}

/^SF:/ { sf = substr($0, 4) }
/^FN:/ { split(substr($0, 4), a, ","); nfn++; fnl[nfn] = a[1] + 0; fnn[nfn] = a[2] }
/^DA:/ { split(substr($0, 4), a, ","); da[a[1] + 0] += a[2] }
/^end_of_record/ { flush() }

END {
	for (k in why)
		if (!(k in used) && (k in present)) {
			split(k, p, SUBSEP)
			printf("STALE %s unreachable.txt:%d: %s (%s): %s is covered now\n",
			       ver, where[k], p[1], p[2], p[3])
			stale++
		}
	for (i = 1; i <= ng; i++) {
		g = order[i]
		r = tot[g] - excl[g]
		# no data for a goal's file (its suite did not run) is no pass
		if (!(gf[g] in seenfile)) {
			printf("BELOW goal %s %s %s: no line of it in the coverage data\n",
			       g, ver, gf[g])
			bad++
			continue
		}
		printf("goal %-13s %s %-20s reachable lines %d/%d %.1f%% (%d listed unreachable, %d listed pending; without those %d/%d %.1f%%)\n",
		       g, ver, gf[g], hit[g], r, r ? 100 * hit[g] / r : 100,
		       excl[g], pend[g], hit[g], r - pend[g],
		       r - pend[g] ? 100 * hit[g] / (r - pend[g]) : 100)
		# integers: 100 * hit < goal * r is exact where a percentage is not
		if (100 * hit[g] < gl[g] * r) {
			printf("BELOW goal %s %s %s: reachable lines %d/%d, the goal is %d%%\n",
			       g, ver, gf[g], hit[g], r, gl[g])
			bad++
		}
	}
	exit bad ? 1 : 0
}
