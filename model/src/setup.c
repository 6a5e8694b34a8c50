// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copying a set-up.  struct xr_setup is about 39 KB because its arrays
 * are sized for the largest guest (2048 VCPUs, 256 sources); a set-up of
 * a few VCPUs uses a few hundred bytes of it.  The fuzz harness and the
 * runner copy a set-up several times per run (to give the model its
 * quirks, to keep the model's own copy), and copying all of it was a
 * quarter of a fuzz input's instructions.
 */
#include <stddef.h>
#include <string.h>

#include <xicsref/model.h>

/* The used spans of a set-up: [from, to) for each, in order */
struct span {
	size_t from, to;
};

/* @s's used spans; 0 when its counts are out of range (use all of it) */
static uint32_t used_spans(const struct xr_setup *s, struct span sp[7])
{
	if (s->nr_vcpus > XR_MAX_VCPUS || s->nr_sources > XR_MAX_SOURCES ||
	    s->nr_passthru > XR_MAX_SOURCES)
		return 0;
	sp[0] = (struct span){ 0, offsetof(struct xr_setup, vcpus) };
	sp[1] = (struct span){ offsetof(struct xr_setup, vcpus),
			       offsetof(struct xr_setup, vcpus) +
			       s->nr_vcpus * sizeof(s->vcpus[0]) };
	sp[2] = (struct span){ offsetof(struct xr_setup, nr_sources),
			       offsetof(struct xr_setup, sources) };
	sp[3] = (struct span){ offsetof(struct xr_setup, sources),
			       offsetof(struct xr_setup, sources) +
			       s->nr_sources * sizeof(s->sources[0]) };
	sp[4] = (struct span){ offsetof(struct xr_setup, nr_passthru),
			       offsetof(struct xr_setup, passthru) };
	sp[5] = (struct span){ offsetof(struct xr_setup, passthru),
			       offsetof(struct xr_setup, passthru) +
			       s->nr_passthru * sizeof(s->passthru[0]) };
	sp[6] = (struct span){ offsetof(struct xr_setup, passthru) +
			       sizeof(s->passthru), sizeof(*s) };
	return 7;
}

/* Copy the bytes of @src from @from up to @to into @dst */
static void copy_span(struct xr_setup *dst, const struct xr_setup *src,
		      size_t from, size_t to)
{
	memcpy((char *)dst + from, (const char *)src + from, to - from);
}

void xr_setup_copy(struct xr_setup *dst, const struct xr_setup *src)
{
	struct span sp[7];
	uint32_t i, n;

	if (dst == src)
		return;
	n = used_spans(src, sp);
	if (!n)
		*dst = *src;
	for (i = 0; i < n; i++)
		copy_span(dst, src, sp[i].from, sp[i].to);
}

bool xr_setup_same(const struct xr_setup *a, const struct xr_setup *b)
{
	struct span sp[7];
	uint32_t i, n;

	if (a->nr_vcpus != b->nr_vcpus || a->nr_sources != b->nr_sources ||
	    a->nr_passthru != b->nr_passthru)
		return false;
	n = used_spans(a, sp);
	if (!n)
		return !memcmp(a, b, sizeof(*a));
	for (i = 0; i < n; i++)
		if (memcmp((const char *)a + sp[i].from,
			   (const char *)b + sp[i].from, sp[i].to - sp[i].from))
			return false;
	return true;
}
