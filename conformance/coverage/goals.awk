# SPDX-License-Identifier: GPL-2.0-only
#
# Goal figures from goals.txt and a per-function table of summary.awk:
#   awk -f goals.awk goals.txt functions-VERSION.txt
# A goal function missing from the table (renamed in a kernel version)
# is named, so a goal can never shrink silently.

FNR == NR {
	if ($0 ~ /^#/ || NF == 0)
		next
	if ($0 !~ /^[ \t]/) {
		g = $1
		order[++ng] = g
		gfile[g] = $2
		gline[g] = $3
		gbr[g] = $4
		start = 5
	} else {
		start = 1
	}
	for (i = start; i <= NF; i++)
		want[g, $i] = 1
	next
}

/^[^ ]/ { file = $1 }

/^  [A-Za-z_]/ {
	for (k = 1; k <= ng; k++) {
		g = order[k]
		if (file != gfile[g] || !((g, $1) in want))
			continue
		split($2, l, "/")
		split($4, b, "/")
		lh[g] += l[1]; lt[g] += l[2]; bh[g] += b[1]; bt[g] += b[2]
		got[g, $1] = 1
	}
}

function pct(h, t) { return t ? 100 * h / t : 100 }

END {
	for (k in want) {
		split(k, p, SUBSEP)
		if (!(k in got))
			printf("goal %s: function %s not in the table\n", p[1], p[2])
	}
	for (k = 1; k <= ng; k++) {
		g = order[k]
		printf("goal %-13s %-20s lines %4d/%-4d %5.1f%% (goal %d%% of the reachable)  branches %4d/%-4d %5.1f%%%s\n",
		       g, gfile[g], lh[g], lt[g], pct(lh[g], lt[g]), gline[g],
		       bh[g], bt[g], pct(bh[g], bt[g]),
		       gbr[g] > 0 ? sprintf(" (goal %d%%)", gbr[g]) : "")
	}
}
