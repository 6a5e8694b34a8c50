// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data races, as the kernel's KCSAN defines them: two accesses to one
 * location from different CPUs, at least one a write, at least one plain
 * (not READ_ONCE/WRITE_ONCE, not atomic), and not ordered by
 * happens-before.  Happens-before comes from vector clocks:
 *
 *   - unlock -> the next lock of the same lock;
 *   - a fully ordered atomic (cmpxchg, xchg, test_and_clear_bit) on a
 *     word -> the next such atomic on that word (each is a release and
 *     an acquire of the word);
 *   - message passing through fences, as the Linux memory model orders
 *     it: a store after a release fence of its CPU (smp_wmb, smp_mb) read
 *     by a marked load or atomic of another CPU, followed there by an
 *     acquire fence (smp_rmb, smp_mb);
 *   - an IPI: what the sender did before it -> the host work it starts;
 *   - an address dependency: a pointer to a kzalloc'd block, stored after
 *     a release fence of its CPU and loaded by another, orders that
 *     CPU's later accesses to the block after the release (the kernel's
 *     publication of a new ICS: initialise, smp_wmb, store the pointer;
 *     the reader needs no smp_rmb).  As in the Linux memory model, only
 *     accesses whose address comes from the loaded pointer are ordered:
 *     the CPU's other accesses still need an acquire fence.
 *
 * Each distinct race (location and the two code addresses) is reported
 * once per exploration; the explorer asks the spec (spec/concurrency.md)
 * whether it is a documented, benign one.
 */
#include <stdio.h>
#include <string.h>

#include <xs_api.h>

#include "xs.h"

/* The last write of each byte and each CPU's last read of it, per word */
struct shadow {
	uintptr_t word;
	uint32_t gen;
	int8_t wcpu[8];			/* index of the last writer, -1 */
	bool wmarked[8];
	uint32_t wclock[8];		/* its clock entry at the write */
	void *wpc[8];
	uint32_t wrel[8][XS_CPUS];	/* per byte: its writer's release clock */
	uint32_t rclock[XS_CPUS][8];	/* per CPU and byte: clock at read */
	bool rmarked[XS_CPUS][8];
	void *rpc[XS_CPUS][8];
	uint32_t sync[XS_CPUS];		/* fully ordered atomics' clock */
};

#define XS_SHADOW_BITS	12
#define XS_NSHADOW	(1u << XS_SHADOW_BITS)
#define XS_SEEN		256

static struct shadow xs_shadow[XS_NSHADOW];
static uint32_t xs_rgen;

/* Races reported in this exploration: (word, pc, pc) */
static struct {
	uintptr_t word;
	void *a, *b;
} xs_seen[XS_SEEN];
static uint32_t xs_nseen;

void xs_race_begin(void)
{
	struct xs_engine *e = xs_cur;
	uint32_t i;

	if (e->ex->flags & XR_PAR_NEW)
		xs_nseen = 0;
	xs_rgen++;
	/* a clock entry starts at 1: what a CPU did is not yet seen */
	for (i = 0; i < e->nr; i++)
		e->cpu[i].vc[i] = 1;
}

static struct shadow *shadow_get(uintptr_t word)
{
	uint32_t i = (uint32_t)(xs_mix(1, word) >> (64 - XS_SHADOW_BITS));
	uint32_t n;

	for (n = 0; n < XS_NSHADOW; n++, i = (i + 1) & (XS_NSHADOW - 1)) {
		struct shadow *s = &xs_shadow[i];

		if (s->gen != xs_rgen) {
			memset(s, 0, sizeof(*s));
			s->gen = xs_rgen;
			s->word = word;
			memset(s->wcpu, -1, sizeof(s->wcpu));
			return s;
		}
		if (s->word == word)
			return s;
	}
	return NULL;
}

static void join(uint32_t *to, const uint32_t *from)
{
	uint32_t i;

	for (i = 0; i < XS_CPUS; i++)
		if (from[i] > to[i])
			to[i] = from[i];
}

static int cpu_index(const struct xs_cpu *c)
{
	return (int)(c - xs_cur->cpu);
}

static void report(uintptr_t word, uintptr_t addr, void *pa, bool wa,
		   bool ma, int ca, void *pb, bool wb, bool mb, int cb)
{
	struct xs_engine *e = xs_cur;
	struct xr_par_exec *ex = e->ex;
	struct xr_race *r;
	char fa[112], fb[112];
	uint32_t i;

	for (i = 0; i < xs_nseen; i++)
		if (xs_seen[i].word == word &&
		    ((xs_seen[i].a == pa && xs_seen[i].b == pb) ||
		     (xs_seen[i].a == pb && xs_seen[i].b == pa)))
			return;
	if (xs_nseen < XS_SEEN) {
		xs_seen[xs_nseen].word = word;
		xs_seen[xs_nseen].a = pa;
		xs_seen[xs_nseen].b = pb;
		xs_nseen++;
	}
	if (ex->nr_races == XR_PAR_MAX_RACES)
		return;
	r = &ex->races[ex->nr_races++];
	if (!e->host->name ||
	    !e->host->name(e->host->ctx, addr, r->where, sizeof(r->where)))
		snprintf(r->where, sizeof(r->where), "%#lx",
			 (unsigned long)addr);
	xs_symbolize(pa, fa, sizeof(fa));
	xs_symbolize(pb, fb, sizeof(fb));
	snprintf(r->fn[0], sizeof(r->fn[0]), "%.*s", (int)strcspn(fa, " "), fa);
	snprintf(r->fn[1], sizeof(r->fn[1]), "%.*s", (int)strcspn(fb, " "), fb);
	r->plain[0] = !ma;
	r->plain[1] = !mb;
	r->write[0] = wa;
	r->write[1] = wb;
	snprintf(r->text, sizeof(r->text),
		 "%s%s by cpu %u in %.96s / %s%s by cpu %u in %.96s",
		 ma ? "marked " : "", wa ? "write" : "read", e->cpu[ca].cpu,
		 fa, mb ? "marked " : "", wb ? "write" : "read",
		 e->cpu[cb].cpu, fb);
}

/*
 * The clock an access of @c to @addr is checked with: its own, or joined
 * with the releases of the pointers it loaded that point into a block
 * holding @addr (an address dependency).
 */
static const uint32_t *dep_clock(const struct xs_cpu *c, uintptr_t addr,
				 uint32_t *tmp)
{
	const uint32_t *vc = c->vc;
	uint32_t i, n = c->ndep < XS_DEPS ? c->ndep : XS_DEPS;

	for (i = 0; i < n; i++) {
		if (addr < c->dep[i].lo || addr >= c->dep[i].hi)
			continue;
		if (vc == c->vc) {
			memcpy(tmp, c->vc, sizeof(c->vc));
			vc = tmp;
		}
		join(tmp, c->dep[i].vc);
	}
	return vc;
}

/*
 * The pointer-sized load @c just made read @value.  If the word's 8
 * bytes were last written by another CPU, after a release fence of its
 * own, and @value starts a kzalloc'd block, @c's accesses to that block
 * are ordered after the release from now on (dep_clock).  Judged when
 * the load has happened: the writer known then is the one it read from.
 */
void xs_race_dep(struct xs_cpu *c, uintptr_t addr, uint64_t value)
{
	struct shadow *s = shadow_get(addr);
	int me = cpu_index(c);
	unsigned long size;
	struct xs_dep *d;
	uint32_t b;

	if (!s)
		return;
	for (b = 0; b < 8; b++)
		if (s->wcpu[b] < 0 || s->wcpu[b] == me ||
		    s->wcpu[b] != s->wcpu[0])
			return;
	size = shim_arena_block((unsigned long)value);
	if (!size)
		return;
	d = &c->dep[c->ndep++ % XS_DEPS];
	d->lo = (uintptr_t)value;
	d->hi = (uintptr_t)value + size;
	memcpy(d->vc, s->wrel[0], sizeof(d->vc));
}

void xs_race_access(struct xs_cpu *c, uintptr_t addr, uint32_t size,
		    bool write, bool marked, void *pc)
{
	uintptr_t a = addr, end = addr + size;
	int me = cpu_index(c);
	uint32_t tmp[XS_CPUS];
	const uint32_t *vc = dep_clock(c, addr, tmp);

	/* byte by byte, one word at a time: different bytes never race */
	while (a < end) {
		uintptr_t w = a & ~(uintptr_t)7;
		struct shadow *s = shadow_get(w);
		uint32_t b, d;

		for (; a < end && (a & ~(uintptr_t)7) == w; a++) {
			b = (uint32_t)(a - w);
			if (!s)
				continue;
			/* the last write of another CPU, not ordered before */
			if (s->wcpu[b] >= 0 && s->wcpu[b] != me &&
			    s->wclock[b] > vc[s->wcpu[b]] &&
			    !(marked && s->wmarked[b]))
				report(w, a, s->wpc[b], true, s->wmarked[b],
				       s->wcpu[b], pc, write, marked, me);
			if (!write) {
				/*
				 * A read takes the writer's release for a
				 * later acquire fence: message passing
				 * (smp_wmb ... smp_rmb) orders what the flag
				 * publishes, plain flag or not; the flag
				 * itself, if plain, is reported as a race.
				 */
				if (s->wcpu[b] >= 0 && s->wcpu[b] != me)
					join(c->acq, s->wrel[b]);
				s->rclock[me][b] = c->vc[me];
				s->rmarked[me][b] = marked;
				s->rpc[me][b] = pc;
				continue;
			}
			for (d = 0; d < XS_CPUS; d++)
				if ((int)d != me && s->rclock[d][b] > vc[d] &&
				    !(marked && s->rmarked[d][b]))
					report(w, a, s->rpc[d][b], false,
					       s->rmarked[d][b], (int)d, pc,
					       true, marked, me);
			s->wcpu[b] = (int8_t)me;
			s->wmarked[b] = marked;
			s->wclock[b] = c->vc[me];
			s->wpc[b] = pc;
			memcpy(s->wrel[b], c->rel, sizeof(s->wrel[b]));
		}
	}
}

void xs_race_acquire(struct xs_cpu *c, const uint32_t *vc)
{
	join(c->vc, vc);
}

void xs_race_release(struct xs_cpu *c, uint32_t *vc)
{
	c->vc[cpu_index(c)]++;
	join(vc, c->vc);
}

void xs_race_fence(struct xs_cpu *c, int kind)
{
	if (kind == XS_MB || kind == XS_RMB || kind == XS_IO)
		join(c->vc, c->acq);
	if (kind == XS_MB || kind == XS_WMB || kind == XS_IO) {
		c->vc[cpu_index(c)]++;
		memcpy(c->rel, c->vc, sizeof(c->rel));
	}
}

void xs_race_atomic(struct xs_cpu *c, uintptr_t addr, uint32_t size,
		    bool full, bool wrote, void *pc)
{
	uintptr_t w = addr & ~(uintptr_t)7;
	struct shadow *s = shadow_get(w);
	int me = cpu_index(c);
	uint32_t b;

	if (!s)
		return;
	/* a failed cmpxchg, or a load: a marked read, no release */
	if (!wrote) {
		xs_race_access(c, addr, size, false, true, pc);
		return;
	}
	/* an atomic is a marked access; the value it read may carry a release */
	for (b = (uint32_t)(addr - w); b < 8 && b < addr - w + size; b++)
		if (s->wcpu[b] >= 0 && s->wcpu[b] != me)
			join(c->acq, s->wrel[b]);
	if (full) {
		join(c->vc, c->acq);
		join(c->vc, s->sync);
		c->vc[me]++;
		join(s->sync, c->vc);
		memcpy(c->rel, c->vc, sizeof(c->rel));
	}
	/* and a marked write of its bytes, checked like any other */
	xs_race_access(c, addr, size, true, true, pc);
}
