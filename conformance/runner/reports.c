// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: TAP and JUnit reports (reports.h).  Both carry exactly
 * the detail of the human report (report.c prints it into a memory
 * stream), so a CI page and a terminal tell the same story.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reports.h"

struct xr_ci_report {
	FILE *tap;
	const char *junit;
	FILE *jf;			/* opened first: bad path, no run */
	uint32_t planned, nr;		/* TAP test numbers */
	uint32_t tests, failures, skipped;
	char *body;			/* the <testsuite> elements */
	size_t body_len;
	FILE *bf;			/* memory stream writing @body */
};

void xr_xml_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			/* XML 1.0 allows no other control characters */
			if (c < 0x20 && c != '\n' && c != '\t')
				fputc('?', f);
			else
				fputc(c, f);
		}
	}
}

struct xr_ci_report *xr_ci_open(FILE *tap, const char *junit,
				uint32_t planned)
{
	struct xr_ci_report *r = calloc(1, sizeof(*r));

	if (!r)
		goto oom;
	r->tap = tap;
	r->junit = junit;
	r->planned = planned;
	if (junit) {
		r->jf = fopen(junit, "w");
		if (!r->jf) {
			fprintf(stderr, "xicsref: cannot write %s: %s\n", junit,
				strerror(errno));
			free(r);
			return NULL;
		}
		r->bf = open_memstream(&r->body, &r->body_len);
		if (!r->bf) {
			fclose(r->jf);
			free(r);
			goto oom;
		}
	}
	if (tap)
		fprintf(tap, "TAP version 13\n1..%u\n", planned);
	return r;
oom:
	fprintf(stderr, "xicsref: out of memory for the CI reports\n");
	return NULL;
}

/* The human detail of one outcome (the indented lines), malloc'd */
static char *detail_of(const char *file, const struct xr_scenario *scn,
		       const struct xr_outcome *o)
{
	char *buf = NULL, *nl;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	xr_report_outcome(f, file, scn, o, false);
	fclose(f);
	/* drop the verdict line: TAP and JUnit say it their own way */
	nl = buf ? strchr(buf, '\n') : NULL;
	if (nl)
		memmove(buf, nl + 1, strlen(nl + 1) + 1);
	return buf;
}

/*
 * @special escaped with a backslash (and the backslash itself): '#' in a
 * TAP description would start a directive, '"' would end a YAML string.
 */
static void tap_text(FILE *f, const char *s, char special)
{
	for (; *s; s++) {
		if (*s == special || *s == '\\')
			fputc('\\', f);
		fputc(*s == '\n' ? ' ' : *s, f);
	}
}

static void tap_one(struct xr_ci_report *r, const char *file,
		    const struct xr_outcome *o, const char *detail)
{
	const char *p;

	r->nr++;
	fprintf(r->tap, "%s %u - ", o->verdict == XR_V_FAIL ? "not ok" : "ok",
		r->nr);
	tap_text(r->tap, file, '#');
	fprintf(r->tap, " %s %s", o->impl->name, o->impl->version);
	if (o->verdict == XR_V_SKIP)
		fprintf(r->tap, " # SKIP %s", o->reason);
	else if (o->verdict == XR_V_DEV)
		fprintf(r->tap, " (shows %s)", o->reason);
	fputc('\n', r->tap);
	if (o->verdict != XR_V_FAIL || !detail || !*detail)
		return;
	/* YAML block: the human detail, verbatim, as a literal scalar */
	fprintf(r->tap, "  ---\n  message: \"");
	tap_text(r->tap, o->reason[0] ? o->reason : "differs", '"');
	fprintf(r->tap, "\"\n  detail: |\n");
	for (p = detail; *p; ) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		while (n && *p == ' ') {
			p++;
			n--;
		}
		fprintf(r->tap, "    %.*s\n", (int)n, p);
		p += n + (e ? 1 : 0);
	}
	fprintf(r->tap, "  ...\n");
}

static void junit_suite(struct xr_ci_report *r, const char *file,
			const struct xr_outcome *outs, uint32_t nr,
			char *const *details)
{
	uint32_t i, fail = 0, skip = 0;

	for (i = 0; i < nr; i++) {
		fail += outs[i].verdict == XR_V_FAIL;
		skip += outs[i].verdict == XR_V_SKIP;
	}
	r->tests += nr;
	r->failures += fail;
	r->skipped += skip;
	fprintf(r->bf, "  <testsuite name=\"");
	xr_xml_escape(r->bf, file);
	fprintf(r->bf, "\" tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n",
		nr, fail, skip);
	for (i = 0; i < nr; i++) {
		const struct xr_outcome *o = &outs[i];

		fprintf(r->bf, "    <testcase classname=\"");
		xr_xml_escape(r->bf, file);
		fprintf(r->bf, "\" name=\"");
		xr_xml_escape(r->bf, o->impl->name);
		fputc(' ', r->bf);
		xr_xml_escape(r->bf, o->impl->version);
		fprintf(r->bf, "\"");
		if (o->verdict == XR_V_PASS) {
			fprintf(r->bf, "/>\n");
			continue;
		}
		fprintf(r->bf, ">\n");
		if (o->verdict == XR_V_FAIL) {
			fprintf(r->bf, "      <failure message=\"");
			xr_xml_escape(r->bf, o->reason[0] ? o->reason :
				      "differs from the reference");
			fprintf(r->bf, "\">");
			xr_xml_escape(r->bf, details[i] ? details[i] : "");
			fprintf(r->bf, "</failure>\n");
		} else if (o->verdict == XR_V_SKIP) {
			fprintf(r->bf, "      <skipped message=\"");
			xr_xml_escape(r->bf, o->reason);
			fprintf(r->bf, "\"/>\n");
		} else {
			fprintf(r->bf, "      <system-out>shows ");
			xr_xml_escape(r->bf, o->reason);
			fprintf(r->bf, " exactly (a documented deviation)</system-out>\n");
		}
		fprintf(r->bf, "    </testcase>\n");
	}
	fprintf(r->bf, "  </testsuite>\n");
}

void xr_ci_add(struct xr_ci_report *r, const char *file,
	       const struct xr_scenario *scn, const struct xr_outcome *outs,
	       uint32_t nr)
{
	char **details;
	uint32_t i;

	if (!r)
		return;
	details = calloc(nr ? nr : 1, sizeof(*details));
	for (i = 0; details && i < nr; i++)
		if (outs[i].verdict != XR_V_PASS)
			details[i] = detail_of(file, scn, &outs[i]);
	for (i = 0; r->tap && i < nr; i++)
		tap_one(r, file, &outs[i], details ? details[i] : NULL);
	if (r->bf && details)
		junit_suite(r, file, outs, nr, details);
	for (i = 0; details && i < nr; i++)
		free(details[i]);
	free(details);
}

int xr_ci_close(struct xr_ci_report *r)
{
	int ret = 0;

	if (!r)
		return -1;
	if (r->tap)
		fflush(r->tap);
	if (r->bf) {
		fclose(r->bf);
		fprintf(r->jf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		fprintf(r->jf, "<testsuites name=\"xicsref\" tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n",
			r->tests, r->failures, r->skipped);
		if (r->body)
			fwrite(r->body, 1, r->body_len, r->jf);
		fprintf(r->jf, "</testsuites>\n");
		if (ferror(r->jf) | fclose(r->jf)) {
			fprintf(stderr, "xicsref: cannot write %s: %s\n",
				r->junit, strerror(errno));
			ret = -1;
		}
		free(r->body);
	}
	free(r);
	return ret;
}
