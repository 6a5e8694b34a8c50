// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory as the simulated CPUs see it (docs/exploring.md, "Memory model").
 *
 * There is one memory, always holding the values every CPU can see.  A
 * plain store may instead wait in its CPU's store buffer, invisible to
 * the other CPUs, until an ordering operation of its CPU makes it
 * visible: smp_mb(), a fully ordered atomic, a lock or unlock, or the end
 * of the operation; smp_wmb() lets no later store become visible before
 * it; a CPU reads its own waiting stores.  Stores to different words may
 * become visible out of order (PSO); stores to one word never do.  The
 * store half of a relaxed atomic (set_bit) may wait too, but it is
 * already ordered with the word's other writes: any other write to that
 * word first makes it visible.  Loads are never reordered.
 *
 * The instrumentation calls back before each access, and the compiled
 * access then happens in memory.  So an access finishes at its CPU's next
 * callback: a load that read waiting stores gets the visible values back
 * in memory; a store is taken out of memory again and either made
 * visible (after the stores that must precede it) or put in the buffer.
 * Between the two callbacks no other CPU runs.
 *
 * Only accesses to locations that two CPUs conflict on (one writes, the
 * other reads or writes) are decisions: every other access commutes with
 * everything the other CPUs do.  That set is learnt from the executions
 * and kept across them (the kernel's data is at the same addresses in
 * every execution, kalloc.c); when it grows, the explorer starts again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xs_api.h>

#include "xs.h"

/* Every 8-byte word touched in this exploration */
struct xs_loc {
	uintptr_t word;
	uint32_t expl;			/* exploration it belongs to: an older
					 * one's slot is empty (no memset of
					 * the table for each new one) */
	uint32_t gen;			/* execution of acc and wr */
	uint8_t acc, wr;		/* CPUs (index bits) that read/wrote */
	bool shared;			/* two CPUs conflict on it */
};

#define XS_LOC_BITS	18
#define XS_NLOCS	(1u << XS_LOC_BITS)

static struct xs_loc *xs_locs;
static uint32_t xs_nlocs, xs_gen, xs_expl = 1;

void xs_mem_new_exploration(void)
{
	xs_expl++;
	xs_nlocs = 0;
}

void xs_mem_begin(void)
{
	if (!xs_locs) {
		xs_locs = calloc(XS_NLOCS, sizeof(*xs_locs));
		if (!xs_locs) {
			fprintf(stderr, "xicsref explore: out of memory\n");
			abort();
		}
	}
	xs_gen++;
}

static struct xs_loc *loc_get(uintptr_t word)
{
	uint32_t i = (uint32_t)(xs_mix(0, word) >> (64 - XS_LOC_BITS));

	for (;; i = (i + 1) & (XS_NLOCS - 1)) {
		struct xs_loc *l = &xs_locs[i];

		if (l->expl != xs_expl) {
			if (xs_nlocs > XS_NLOCS / 4 * 3)
				xs_abort(XR_PAR_FAILED,
					 "more than %u memory words touched",
					 XS_NLOCS / 4 * 3);
			xs_nlocs++;
			memset(l, 0, sizeof(*l));
			l->word = word;
			l->expl = xs_expl;
			return l;
		}
		if (l->word == word)
			return l;
	}
}

bool xs_shared(uintptr_t word)
{
	uint32_t i = (uint32_t)(xs_mix(0, word) >> (64 - XS_LOC_BITS));

	for (;; i = (i + 1) & (XS_NLOCS - 1)) {
		if (xs_locs[i].expl != xs_expl)
			return false;
		if (xs_locs[i].word == word)
			return xs_locs[i].shared;
	}
}

/* CPU @ci touched @word: is it (now) a location two CPUs conflict on? */
static bool track(uintptr_t word, int ci, bool write)
{
	struct xs_loc *l = loc_get(word);

	if (l->gen != xs_gen) {
		l->gen = xs_gen;
		l->acc = l->wr = 0;
	}
	l->acc |= (uint8_t)(1u << ci);
	if (write)
		l->wr |= (uint8_t)(1u << ci);
	if (!l->shared && l->wr && __builtin_popcount(l->acc) >= 2) {
		l->shared = true;
		xs_cur->ex->learnt = true;
	}
	return l->shared;
}

static uint64_t word_get(uintptr_t w)
{
	uint64_t v;

	memcpy(&v, (void *)w, 8);
	return v;
}

static void word_put(uintptr_t w, uint64_t v)
{
	memcpy((void *)w, &v, 8);
}

static uint64_t merge(uint64_t old, const uint8_t *bytes, uint8_t mask)
{
	uint8_t b[8];
	int i;

	memcpy(b, &old, 8);
	for (i = 0; i < 8; i++)
		if (mask & (1u << i))
			b[i] = bytes[i];
	memcpy(&old, b, 8);
	return old;
}

/* A write lands in memory: the state hash follows every visible word */
static void land(uintptr_t w, const uint8_t *bytes, uint8_t mask)
{
	struct xs_engine *e = xs_cur;
	uint64_t old = word_get(w), now = merge(old, bytes, mask);

	if (old == now)
		return;
	word_put(w, now);
	e->mem ^= xs_mix(w, old) ^ xs_mix(w, now);
	if (e->host->visible)
		e->host->visible(e->host->ctx, w);
}

static void flush_one(struct xs_cpu *c, uint32_t i)
{
	struct xs_entry en = c->buf[i];
	struct xs_cpu *save;
	uint64_t old = word_get(en.word);

	memmove(&c->buf[i], &c->buf[i + 1],
		(c->nbuf - i - 1) * sizeof(c->buf[0]));
	c->nbuf--;
	land(en.word, en.bytes, en.mask);
	if (xs_cur->ex->flags & XR_PAR_TRACE) {
		/* the bytes it writes, as the CPU whose store it is */
		uint32_t lo = (uint32_t)__builtin_ctz(en.mask);
		uint32_t n = (uint32_t)(8 - __builtin_clz(en.mask) + 24) - lo;
		uint64_t v = 0;

		memcpy(&v, en.bytes + lo, n);
		save = c;
		xs_trace(XS_T_FLUSH, en.word + lo, n, v, old,
			 (uint8_t)(save - xs_cur->cpu), NULL);
	}
}

void xs_flush_before(struct xs_cpu *c, uintptr_t word, uint32_t epoch)
{
	uint32_t i = 0;

	while (i < c->nbuf)
		if (c->buf[i].epoch < epoch || c->buf[i].word == word)
			flush_one(c, i);
		else
			i++;
}

void xs_flush_all(struct xs_cpu *c)
{
	while (c->nbuf)
		flush_one(c, 0);
}

/*
 * A write to @word is about to land: atomic stores of other CPUs that
 * wait for it come first (they read the word before this write did).
 */
static void flush_rmw_of_others(struct xs_cpu *self, uintptr_t word)
{
	struct xs_engine *e = xs_cur;
	uint32_t k, i;

	for (k = 0; k < e->nr; k++) {
		struct xs_cpu *d = &e->cpu[k];
		uint32_t epoch = 0;
		bool any = false;

		if (d == self)
			continue;
		for (i = 0; i < d->nbuf; i++)
			if (d->buf[i].word == word && d->buf[i].rmw) {
				epoch = d->buf[i].epoch;
				any = true;
			}
		if (any)
			xs_flush_before(d, word, epoch);
	}
}

/* Bytes of [addr, addr + size) that fall in @word, as a mask */
static uint8_t span_mask(uintptr_t word, uintptr_t addr, uint32_t size)
{
	uint8_t m = 0;
	uint32_t i;

	for (i = 0; i < 8; i++)
		if (word + i >= addr && word + i < addr + size)
			m |= (uint8_t)(1u << i);
	return m;
}

static uint64_t read_val(uintptr_t addr, uint32_t size)
{
	uint64_t v = 0;

	memcpy(&v, (void *)addr, size > 8 ? 8 : size);
	return v;
}

/* Memory shows @c's view of @w (its waiting stores): true if it differs */
static bool show_view(struct xs_cpu *c, uintptr_t w)
{
	uint64_t v = word_get(w), mine = v;
	uint32_t i;

	for (i = 0; i < c->nbuf; i++)
		if (c->buf[i].word == w)
			mine = merge(mine, c->buf[i].bytes, c->buf[i].mask);
	if (mine == v)
		return false;
	word_put(w, mine);
	return true;
}

/* A replay: every access is a decision, shared or not (XR_PAR_ALL_POINTS) */
static bool xs_all_points(void)
{
	return xs_cur->ex->flags & XR_PAR_ALL_POINTS;
}

void xs_finish(struct xs_cpu *c)
{
	struct xs_pend p = c->pend;
	uint8_t bytes[3][8], mask[3];
	bool shared = false, delay;
	uint32_t i;

	/* every hook call starts here: the CPU's clock of decisions */
	c->tick++;
	c->pend.kind = XS_PEND_NONE;
	c->pend.dep = false;
	if (p.dep)
		/* memory still shows what the load read (its view) */
		xs_race_dep(c, p.addr, read_val(p.addr, 8));
	if (p.kind == XS_PEND_READ) {
		for (i = 0; i < p.nw; i++)
			word_put(p.w0 + 8 * i, p.saved[i]);
		return;
	}
	if (p.kind != XS_PEND_WRITE)
		return;
	for (i = 0; i < p.nw; i++) {
		uintptr_t w = p.w0 + 8 * i;
		uint64_t now = word_get(w);

		memcpy(bytes[i], &now, 8);
		mask[i] = span_mask(w, p.addr, p.size);
		word_put(w, p.saved[i]);
		shared |= xs_shared(w);
	}
	delay = (shared || xs_all_points()) && c->nbuf + p.nw <= XS_BUF &&
		xs_delay();
	for (i = 0; i < p.nw; i++) {
		uintptr_t w = p.w0 + 8 * i;

		if (delay) {
			struct xs_entry *en = &c->buf[c->nbuf++];

			en->word = w;
			memcpy(en->bytes, bytes[i], 8);
			en->mask = mask[i];
			en->rmw = false;
			en->epoch = c->epoch;
			continue;
		}
		xs_flush_before(c, w, c->epoch);
		flush_rmw_of_others(c, w);
		land(w, bytes[i], mask[i]);
	}
	{
		uint32_t off = (uint32_t)(p.addr - p.w0);
		uint32_t n = p.size < 8 - off ? p.size : 8 - off;
		uint64_t v = 0;

		memcpy(&v, bytes[0] + off, n);
		if (shared || p.marked)
			xs_trace(delay ? XS_T_BUFFERED : XS_T_WRITE, p.addr,
				 p.size, v, 0, p.marked, p.pc);
	}
}

static void count_access(struct xs_cpu *c)
{
	struct xs_engine *e = xs_cur;

	if (++c->accesses > e->ex->max_accesses && e->ex->max_accesses)
		xs_abort(XR_PAR_LIVELOCK,
			 "cpu %u made more than %u accesses in one operation without finishing",
			 c->cpu, e->ex->max_accesses);
}

void xs_access(void *addr, uint32_t size, bool write, bool marked, void *pc)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *c = &e->cpu[e->cur];
	uintptr_t a = (uintptr_t)addr, w0 = a & ~(uintptr_t)7;
	uint32_t nw = (uint32_t)((((a + size - 1) & ~(uintptr_t)7) - w0) / 8 + 1);
	bool shared = false;
	uint32_t i;

	xs_finish(c);
	if (!xs_watched(e, a))
		return;
	count_access(c);
	if (nw > 3 || !size)
		xs_abort(XR_PAR_FAILED, "an access of %u bytes at %#lx", size,
			 (unsigned long)a);
	for (i = 0; i < nw; i++)
		shared |= track(w0 + 8 * i, e->cur, write);
	/*
	 * The CPU's history holds every access, not only what it read: two
	 * points of its run with equal reads in between (a store of a value
	 * already there) are still different points of its code.
	 */
	c->hist = xs_mix(c->hist, a ^ ((uint64_t)size << 56) ^
			 ((uint64_t)write << 63));
	if (e->races)
		xs_race_access(c, a, size, write, marked, pc);
	if (shared || xs_all_points())
		xs_point();
	c->pend.addr = a;
	c->pend.size = size;
	c->pend.nw = nw;
	c->pend.w0 = w0;
	c->pend.marked = marked;
	c->pend.dep = e->races && !write && size == 8 && !(a & 7);
	c->pend.pc = pc;
	if (write) {
		for (i = 0; i < nw; i++)
			c->pend.saved[i] = word_get(w0 + 8 * i);
		c->pend.kind = XS_PEND_WRITE;
		return;
	}
	if (c->nbuf) {
		bool fwd = false;

		for (i = 0; i < nw; i++) {
			c->pend.saved[i] = word_get(w0 + 8 * i);
			fwd |= show_view(c, w0 + 8 * i);
		}
		if (fwd)
			c->pend.kind = XS_PEND_READ;
	}
	{
		uint64_t v = read_val(a, size);

		c->hist = xs_mix(c->hist, xs_mix(a, v));
		if (shared || marked)
			xs_trace(XS_T_READ, a, size, v, 0, marked, pc);
	}
}

static uint64_t size_mask(uint32_t size)
{
	return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static uint64_t apply(int op, uint64_t old, uint64_t v)
{
	switch (op) {
	case XS_A_XCHG: case XS_A_STORE: return v;
	case XS_A_ADD: return old + v;
	case XS_A_SUB: return old - v;
	case XS_A_AND: return old & v;
	case XS_A_OR: return old | v;
	case XS_A_XOR: return old ^ v;
	case XS_A_NAND: return ~(old & v);
	default: return old;
	}
}

uint64_t xs_atomic(volatile void *addr, uint32_t size, int op, uint64_t v,
		   uint64_t cmp, int mo, void *pc)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *c = &e->cpu[e->cur];
	uintptr_t a = (uintptr_t)addr, w = a & ~(uintptr_t)7;
	uint32_t off = (uint32_t)(a - w);
	bool lock = xs_lock_find((const void *)addr) != NULL;
	bool full = mo != XS_MO_RELAXED, writes, delay = false;
	uint64_t old, now, m = size_mask(size);
	uint8_t bytes[8];

	xs_finish(c);
	if (!xs_watched(e, a)) {
		/* not XICS state: the operation, at once */
		uint64_t wv = word_get(w);

		old = (wv >> (8 * off)) & m;
		now = op == XS_A_CAS ? (old == (cmp & m) ? v & m : old)
				     : apply(op, old, v) & m;
		if (op != XS_A_LOAD) {
			wv = (wv & ~(m << (8 * off))) | (now << (8 * off));
			word_put(w, wv);
		}
		return old;
	}
	count_access(c);
	if (off + size > 8)
		xs_abort(XR_PAR_FAILED, "a misaligned atomic at %#lx",
			 (unsigned long)a);
	track(w, e->cur, op != XS_A_LOAD);
	c->hist = xs_mix(c->hist, a ^ ((uint64_t)op << 56));
	/*
	 * A lock's word: the acquire hook already decided and ordered.  Its
	 * release store drains the store buffer: first a decision, so that
	 * others may run while this CPU's stores still wait.
	 */
	if (!lock || (op == XS_A_STORE && c->nbuf)) {
		xs_point();
		c = &e->cpu[e->cur];
	}
	if (full)
		xs_flush_all(c);
	else
		xs_flush_before(c, w, c->epoch);
	if (op != XS_A_LOAD)
		flush_rmw_of_others(c, w);
	old = (word_get(w) >> (8 * off)) & m;
	now = op == XS_A_CAS ? (old == (cmp & m) ? v & m : old)
			     : apply(op, old, v) & m;
	writes = op != XS_A_LOAD && (op != XS_A_CAS || old == (cmp & m));
	if (writes) {
		uint64_t wv = word_get(w) & ~(m << (8 * off));

		wv |= now << (8 * off);
		memcpy(bytes, &wv, 8);
		delay = !full && !lock && (xs_shared(w) || xs_all_points()) &&
			c->nbuf < XS_BUF && xs_delay();
		if (delay) {
			struct xs_entry *en = &c->buf[c->nbuf++];

			en->word = w;
			memcpy(en->bytes, bytes, 8);
			en->mask = span_mask(w, a, size);
			en->rmw = true;
			en->epoch = c->epoch;
		} else {
			land(w, bytes, span_mask(w, a, size));
		}
	}
	c->hist = xs_mix(c->hist, xs_mix(a, old));
	if (e->races && !lock)
		xs_race_atomic(c, a, size, full, writes, pc);
	if (!lock)		/* the lock hook traced it */
		xs_trace(delay ? XS_T_BUFFERED : XS_T_ATOMIC, a, size, now,
			 old, (uint8_t)op, pc);
	return old;
}

uint64_t xs_state_hash(void)
{
	struct xs_engine *e = xs_cur;
	uint64_t h = xs_mix(e->mem, e->nr);
	uint32_t i, k;

	for (i = 0; i < e->nr; i++) {
		const struct xs_cpu *c = &e->cpu[i];

		h = xs_mix(h, ((uint64_t)c->cpu << 8) | c->state);
		h = xs_mix(h, c->hist);
		h = xs_mix(h, c->epoch);
		for (k = 0; k < c->nbuf; k++) {
			const struct xs_entry *en = &c->buf[k];
			uint64_t b;

			memcpy(&b, en->bytes, 8);
			h = xs_mix(h, en->word ^ ((uint64_t)en->mask << 56) ^
				      ((uint64_t)en->epoch << 40) ^ en->rmw);
			h = xs_mix(h, b);
		}
	}
	for (i = 0; i < e->nlocks; i++)
		h = xs_mix(h, (uintptr_t)e->locks[i].lock ^
			      (uint64_t)(e->locks[i].holder + 1));
	return h;
}

void xs_device_order(const void *addr)
{
	struct xs_engine *e = xs_cur;
	struct xs_cpu *c;

	if (!xs_on || !e)
		return;
	c = &e->cpu[e->cur];
	xs_finish(c);
	xs_flush_before(c, (uintptr_t)addr & ~(uintptr_t)7, c->epoch);
}
