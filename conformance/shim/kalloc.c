// SPDX-License-Identifier: GPL-2.0-only
/*
 * kzalloc and kfree for the kernel files, the adapter and the shim.
 *
 * A case creates and tears down a whole VM (the VM, the XICS, an ICS of
 * 1024 sources, an ICP per VCPU, the RTAS tokens, ...) and the fuzzers run
 * thousands of cases a second.  Under ASan every malloc records a stack
 * trace and every free goes through a quarantine that hands out fresh
 * pages: that cost more than the cases.  So a freed block is kept for the
 * next kzalloc of the same size and cleared then, as kzalloc promises.
 *
 * What ASan still sees: a kept block is poisoned, so a use after kfree is
 * reported; each block has a header in front of it, poisoned too, so an
 * underflow is reported; a block of a VM's heap (below) has poisoned bytes
 * after it too, so an overflow is reported; a kfree of a kept block
 * (double free) or of a pointer that kzalloc did not return traps.
 * Single-threaded: the shim runs one case at a time.
 */
#include <xr_shim/state.h>

void *calloc(unsigned long n, unsigned long size);
void free(void *p);

#if defined(__SANITIZE_ADDRESS__)
#define SHIM_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHIM_ASAN	1
#endif
#endif

#ifdef SHIM_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define shim_poison(p, n)	__asan_poison_memory_region(p, n)
#define shim_unpoison(p, n)	__asan_unpoison_memory_region(p, n)
#else
#define shim_poison(p, n)	do { (void)(p); (void)(n); } while (0)
#define shim_unpoison(p, n)	do { (void)(p); (void)(n); } while (0)
#endif

#define SHIM_SIZES	32	/* distinct block sizes kept */
#define SHIM_DEPTH	128	/* blocks kept per size */
#define SHIM_LIVE	0x4c495645u
#define SHIM_KEPT	0x4b455054u

/* In front of every block; 16 bytes keep the block 16-byte aligned */
struct shim_hdr {
	size_t size;
	unsigned int state;
	unsigned int pad;
};

struct shim_kept {
	size_t size;
	unsigned int nr;
	void *blk[SHIM_DEPTH];
};

static struct shim_kept shim_kept[SHIM_SIZES];

static struct shim_kept *shim_kept_for(size_t size, bool add)
{
	unsigned int i;

	for (i = 0; i < SHIM_SIZES; i++) {
		if (shim_kept[i].size == size)
			return &shim_kept[i];
		if (!shim_kept[i].size) {
			if (!add)
				return NULL;
			shim_kept[i].size = size;
			return &shim_kept[i];
		}
	}
	return NULL;
}

static void shim_set_state(struct shim_hdr *h, unsigned int state)
{
	shim_unpoison(h, sizeof(*h));
	h->state = state;
	shim_poison(h, sizeof(*h));
}

#ifdef XR_EXPLORE
/*
 * Explore builds: blocks come from one arena, in order, and the arena is
 * emptied when its last block is freed.  A scenario's VM, created again
 * for each execution, then has its kernel data at the same addresses
 * every time, which is how the explorer recognises a location across
 * executions (conformance/explore/mem.c).  Freed blocks are not reused
 * before that: a use after free reads a dead block, never a new one.
 */
#define SHIM_ARENA	(64u << 20)

static unsigned char shim_arena[SHIM_ARENA] __attribute__((aligned(64)));
static size_t shim_arena_used;
static long shim_arena_live;

static void *shim_arena_alloc(size_t size)
{
	size_t need = (sizeof(struct shim_hdr) + size + 63) & ~(size_t)63;
	struct shim_hdr *h;

	if (need > SHIM_ARENA - shim_arena_used)
		return NULL;
	h = (struct shim_hdr *)(shim_arena + shim_arena_used);
	shim_arena_used += need;
	shim_arena_live++;
	__builtin_memset(h, 0, need);
	h->size = size;
	h->state = SHIM_LIVE;
	return h + 1;
}

/* Where the kernel's data lives: what the explorer watches */
void shim_arena_range(unsigned long *lo, unsigned long *hi)
{
	*lo = (unsigned long)shim_arena;
	*hi = (unsigned long)(shim_arena + SHIM_ARENA);
}

/*
 * A pointer the explorer saw loaded: the block it starts, for the
 * address dependency of the accesses made through it (explore/race.c).
 */
unsigned long shim_arena_block(unsigned long addr)
{
	unsigned long base = (unsigned long)shim_arena;
	struct shim_hdr *h;

	if (addr < base + sizeof(*h) || addr >= base + shim_arena_used ||
	    (addr - base - sizeof(*h)) % 64)
		return 0;
	h = (struct shim_hdr *)addr - 1;
	return h->state == SHIM_LIVE ? h->size : 0;
}

static void shim_arena_free(struct shim_hdr *h)
{
	if (h->state != SHIM_LIVE)
		__builtin_trap();	/* freed twice, or not from kzalloc */
	h->state = SHIM_KEPT;
	if (--shim_arena_live == 0)
		shim_arena_used = 0;
}

unsigned long shim_arena_mark(void)
{
	return shim_arena_used;
}

void shim_arena_abandon(unsigned long mark)
{
	size_t off = mark;

	while (off < shim_arena_used) {
		struct shim_hdr *h = (struct shim_hdr *)(shim_arena + off);

		if (h->state == SHIM_LIVE) {
			h->state = SHIM_KEPT;
			if (--shim_arena_live == 0) {
				shim_arena_used = 0;
				return;
			}
		}
		off += (sizeof(*h) + h->size + 63) & ~(size_t)63;
	}
}

/* The arena is the explore builds' one heap: no VM heaps, no reset */
struct shim_vmheap *shim_vmheap_new(void)
{
	return NULL;
}

void shim_vmheap_use(struct shim_vmheap *v)
{
}

void shim_vmheap_free(struct shim_vmheap *v)
{
}

int shim_vmheap_snapshot(struct shim_vmheap *v)
{
	return -1;
}

int shim_vmheap_restore(struct shim_vmheap *v, bool broken)
{
	return -1;
}
#else
unsigned long shim_arena_mark(void)
{
	return 0;
}

void shim_arena_abandon(unsigned long mark)
{
	(void)mark;
}

/*
 * Other builds: a VM's heap.  While a VM is selected, every block comes
 * from one mapping of its own, in order, and a freed block is only marked
 * (poisoned, never reused).  So everything the kernel files and the shim
 * hold for that VM lies in [base, used), at addresses that stay valid:
 * copying that range right after creation and copying it back is a reset
 * to the VM as it was created (the kernel adapter's reset, issue 14),
 * without running the kernel's creation again.  The mapping is reserved,
 * not committed: pages cost only once touched, and stay across resets.
 */
void *mmap(void *addr, unsigned long len, int prot, int flags, int fd,
	   long off);
int munmap(void *addr, unsigned long len);
void *malloc(unsigned long n);

#define SHIM_VMHEAP_SIZE	(1ul << 30)
#define SHIM_PROT_RW		3		/* PROT_READ | PROT_WRITE */
#define SHIM_MAP_ANON		0x4022		/* MAP_PRIVATE | MAP_ANONYMOUS |
						 * MAP_NORESERVE */
#define SHIM_IN_VMHEAP		0x564d4850u	/* shim_hdr.pad of its blocks */

struct shim_vmheap {
	unsigned char *base;
	size_t used, high;		/* in use; the most ever used */
	unsigned char *snap;		/* [base, snap_used) after creation */
	size_t snap_used, snap_cap;	/* (the buffer is kept for reuse: a
					 * fresh one per VM, under ASan's
					 * quarantine, is fresh pages) */
	/*
	 * Every heap is on one list from a global: LeakSanitizer does not
	 * scan the mappings, where the VM's pointer to its heap lives, but
	 * it scans globals and what they reach.
	 */
	struct shim_vmheap *next, *prev;
};

static struct shim_vmheap *shim_vmheap_cur;
static struct shim_vmheap *shim_vmheaps;

/*
 * Heaps of destroyed VMs, mapped still: the next VM's pages are then
 * already there (a fresh mapping costs a page fault per page touched,
 * more than a small scenario's steps).
 */
#define SHIM_VMHEAP_POOL	8
static struct shim_vmheap *shim_vmheap_pool[SHIM_VMHEAP_POOL];
static unsigned int shim_vmheap_pooled;

struct shim_vmheap *shim_vmheap_new(void)
{
	struct shim_vmheap *v;
	void *p;

	if (shim_vmheap_pooled)
		return shim_vmheap_pool[--shim_vmheap_pooled];
	v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	p = mmap(NULL, SHIM_VMHEAP_SIZE, SHIM_PROT_RW, SHIM_MAP_ANON, -1, 0);
	if (p == (void *)-1) {
		free(v);
		return NULL;
	}
	v->base = p;
	v->next = shim_vmheaps;
	if (shim_vmheaps)
		shim_vmheaps->prev = v;
	shim_vmheaps = v;
	return v;
}

void shim_vmheap_use(struct shim_vmheap *v)
{
	shim_vmheap_cur = v;
}

void shim_vmheap_free(struct shim_vmheap *v)
{
	if (!v)
		return;
	if (shim_vmheap_cur == v)
		shim_vmheap_cur = NULL;
	/* a later mapping or owner of these addresses starts unpoisoned */
	shim_unpoison(v->base, v->high);
	v->snap_used = 0;
	v->used = 0;
	if (shim_vmheap_pooled < SHIM_VMHEAP_POOL) {
		shim_vmheap_pool[shim_vmheap_pooled++] = v;
		return;
	}
	free(v->snap);
	munmap(v->base, SHIM_VMHEAP_SIZE);
	if (v->prev)
		v->prev->next = v->next;
	else
		shim_vmheaps = v->next;
	if (v->next)
		v->next->prev = v->prev;
	free(v);
}

/*
 * ASan builds: the bytes after a block that stay poisoned, more for a
 * larger block as ASan's own malloc gives, so that a read one element
 * past an array that fills its block (an ICS's irq_state[1024]) is
 * reported and does not land in the next block's data, which is
 * addressable.  Without them only the next block's 16-byte header was
 * poisoned, and nothing after the last block.
 */
#define SHIM_VMHEAP_RZ_MIN	16
#define SHIM_VMHEAP_RZ_MAX	2048

static size_t shim_vmheap_redzone(size_t size)
{
#ifdef SHIM_ASAN
	size_t rz = (size / 8 + 15) & ~(size_t)15;

	if (rz < SHIM_VMHEAP_RZ_MIN)
		return SHIM_VMHEAP_RZ_MIN;
	return rz > SHIM_VMHEAP_RZ_MAX ? SHIM_VMHEAP_RZ_MAX : rz;
#else
	(void)size;
	return 0;
#endif
}

/* A block's header, the block, padding to 16 bytes and its redzone */
static size_t shim_vmheap_need(size_t size)
{
	return ((sizeof(struct shim_hdr) + size + 15) & ~(size_t)15) +
	       shim_vmheap_redzone(size);
}

/*
 * What follows the block of @size at @h up to the next header: padding
 * and redzone (@size passed: the header may be poisoned already)
 */
static void shim_vmheap_poison_tail(struct shim_hdr *h, size_t size)
{
	unsigned char *end = (unsigned char *)(h + 1) + size;

	shim_poison(end, (unsigned char *)h + shim_vmheap_need(size) - end);
}

static void *shim_vmheap_alloc(struct shim_vmheap *v, size_t size)
{
	size_t need = shim_vmheap_need(size);
	struct shim_hdr *h;

	if (need > SHIM_VMHEAP_SIZE - v->used)
		return NULL;
	h = (struct shim_hdr *)(v->base + v->used);
	v->used += need;
	if (v->used > v->high)
		v->high = v->used;
	shim_unpoison(h, need);
	__builtin_memset(h, 0, need);
	h->size = size;
	h->state = SHIM_LIVE;
	h->pad = SHIM_IN_VMHEAP;
	shim_poison(h, sizeof(*h));
	shim_vmheap_poison_tail(h, size);
	return h + 1;
}

/* Headers and redzones poisoned, freed blocks too, as when marked */
static void shim_vmheap_poison(struct shim_vmheap *v)
{
	size_t off = 0;

	while (off < v->used) {
		struct shim_hdr *h = (struct shim_hdr *)(v->base + off);

		off += shim_vmheap_need(h->size);
		if (h->state != SHIM_LIVE)
			shim_poison(h + 1, h->size);
		shim_vmheap_poison_tail(h, h->size);
		shim_poison(h, sizeof(*h));
	}
}

int shim_vmheap_snapshot(struct shim_vmheap *v)
{
	if (!v)
		return -1;
	if (v->snap_cap < v->used || !v->snap) {
		free(v->snap);
		v->snap_cap = v->used ? v->used : 1;
		v->snap = malloc(v->snap_cap);
		if (!v->snap) {
			v->snap_cap = 0;
			return -1;
		}
	}
	shim_unpoison(v->base, v->used);
	__builtin_memcpy(v->snap, v->base, v->used);
	v->snap_used = v->used;
	shim_vmheap_poison(v);
	return 0;
}

/*
 * Back to the snapshot.  @broken (for the reset's own tests only,
 * check_diff.c) restores the first half alone: a reset that forgets part
 * of the state, which those tests must catch.
 */
int shim_vmheap_restore(struct shim_vmheap *v, bool broken)
{
	size_t n;

	if (!v || !v->snap || !v->snap_used)
		return -1;
	n = broken ? v->snap_used / 2 : v->snap_used;
	shim_unpoison(v->base, v->high);
	__builtin_memcpy(v->base, v->snap, n);
	v->used = v->snap_used;
	shim_vmheap_poison(v);
	return 0;
}
#endif

void *shim_zalloc(size_t size)
{
	struct shim_kept *k;
	struct shim_hdr *h;

#ifdef XR_EXPLORE
	return shim_arena_alloc(size);
#else
	if (shim_vmheap_cur)
		return shim_vmheap_alloc(shim_vmheap_cur, size);
#endif
	k = shim_kept_for(size, false);
	if (k && k->nr) {
		h = k->blk[--k->nr];
		shim_set_state(h, SHIM_LIVE);
		shim_unpoison(h + 1, size);
		__builtin_memset(h + 1, 0, size);
		return h + 1;
	}
	h = calloc(1, sizeof(*h) + size);
	if (!h)
		return NULL;
	h->size = size;
	shim_set_state(h, SHIM_LIVE);
	return h + 1;
}

/* FAULT-ICS-ALLOC, FAULT-MAP-ALLOC: the kernel files' allocations */
void *kzalloc(size_t size, int flags)
{
	return shim_fault(SHIM_FAULT_ALLOC) ? NULL : shim_zalloc(size);
}

/*
 * Whole pages (XIVE event queues): memory of the VM's heap, so that a
 * reset restores a queue's contents with everything else; the hardware
 * model needs no alignment, so none is given.  Not zeroed: the kernel
 * does not ask for __GFP_ZERO, so a real page holds what it last held,
 * and book3s_xive.c clears its queue itself (xive_provision_queue's
 * memset).  The filler reads as valid queue entries (top bit set, the
 * reader's toggle starting at 0), so a queue left uncleared shows.
 */
unsigned long __get_free_pages(int gfp, unsigned int order)
{
	void *p = kzalloc(PAGE_SIZE << order, gfp);

	if (p)
		__builtin_memset(p, 0xa5, PAGE_SIZE << order);
	return (unsigned long)p;
}

void free_pages(unsigned long addr, unsigned int order)
{
	kfree((const void *)addr);
}

void kfree(const void *p)
{
	struct shim_hdr *h;
	struct shim_kept *k;
	unsigned int state;
	size_t size;

	if (!p)
		return;
	h = (struct shim_hdr *)p - 1;
#ifdef XR_EXPLORE
	if ((unsigned char *)h < shim_arena ||
	    (unsigned char *)h >= shim_arena + shim_arena_used)
		__builtin_trap();	/* not from kzalloc */
	shim_arena_free(h);
	return;
#endif
	shim_unpoison(h, sizeof(*h));
	state = h->state;
	size = h->size;
#ifndef XR_EXPLORE
	if (h->pad == SHIM_IN_VMHEAP) {
		/* a VM heap's block: marked, never reused before a reset */
		if (state != SHIM_LIVE)
			__builtin_trap();
		h->state = SHIM_KEPT;
		shim_poison(h, sizeof(*h));
		shim_poison(h + 1, size);
		return;
	}
#endif
	shim_poison(h, sizeof(*h));
	if (state != SHIM_LIVE)
		__builtin_trap();	/* freed twice, or not from kzalloc */
	k = shim_kept_for(size, true);
	if (!k || k->nr == SHIM_DEPTH) {
		shim_set_state(h, 0);
		shim_unpoison(h, sizeof(*h));
		free(h);
		return;
	}
	shim_set_state(h, SHIM_KEPT);
	shim_poison(h + 1, size);
	k->blk[k->nr++] = h;
}

#ifdef SHIM_ASAN
int __asan_address_is_poisoned(void const volatile *addr);
#define shim_poisoned(p)	__asan_address_is_poisoned(p)
#else
#define shim_poisoned(p)	(-1)	/* cannot tell */
#endif

#if !defined(XR_EXPLORE) && defined(SHIM_ASAN)
/*
 * A VM heap's block of @size at @b: its own bytes addressable, the bytes
 * after it poisoned for at least an eighth of its size (16 to 2048)
 */
static int shim_vmheap_check_block(const unsigned char *b, size_t size,
				   const char *when, char *msg,
				   unsigned long len)
{
	size_t want = size / 8, off;

	if (want < SHIM_VMHEAP_RZ_MIN)
		want = SHIM_VMHEAP_RZ_MIN;
	if (want > SHIM_VMHEAP_RZ_MAX)
		want = SHIM_VMHEAP_RZ_MAX;
	if (shim_poisoned(b) || shim_poisoned(b + size - 1) ||
	    !shim_poisoned(b - 1)) {
		__builtin_snprintf(msg, len, "%s: a block of %lu bytes is "
				   "poisoned, or its header is not", when,
				   (unsigned long)size);
		return 1;
	}
	for (off = size; off < size + want; off++)
		if (!shim_poisoned(b + off)) {
			__builtin_snprintf(msg, len, "%s: byte %lu after a "
					   "block of %lu bytes is addressable "
					   "(want the first %lu poisoned)",
					   when, (unsigned long)(off - size),
					   (unsigned long)size,
					   (unsigned long)want);
			return 1;
		}
	return 0;
}

/*
 * @what 3: overflows of a VM heap's blocks are seen, after allocation
 * and after a reset (snapshot, a block freed, restore: the block is live
 * again, its redzone poisoned still)
 */
static int shim_vmheap_selftest(char *msg, unsigned long len)
{
	static const size_t sizes[] = { 1, 40, 1000, 4096, 40000 };
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	struct shim_vmheap *prev = shim_vmheap_cur, *v;
	unsigned char *b[N];
	int bad = 0;
	unsigned int i;

	v = shim_vmheap_new();
	if (!v) {
		__builtin_snprintf(msg, len, "no VM heap");
		return 1;
	}
	shim_vmheap_use(v);
	for (i = 0; i < N; i++)
		b[i] = shim_zalloc(sizes[i]);
	for (i = 0; i < N && !bad; i++)
		bad = !b[i] || shim_vmheap_check_block(b[i], sizes[i],
						       "allocated", msg, len);
	if (!bad && shim_vmheap_snapshot(v)) {
		__builtin_snprintf(msg, len, "no snapshot");
		bad = 1;
	}
	if (!bad) {
		kfree(b[2]);
		if (!shim_poisoned(b[2])) {
			__builtin_snprintf(msg, len, "a freed VM heap block "
					   "is addressable");
			bad = 1;
		}
	}
	if (!bad && shim_vmheap_restore(v, false)) {
		__builtin_snprintf(msg, len, "no restore");
		bad = 1;
	}
	for (i = 0; i < N && !bad; i++)
		bad = shim_vmheap_check_block(b[i], sizes[i], "restored",
					      msg, len);
	shim_vmheap_use(prev);
	shim_vmheap_free(v);
	if (!bad)
		__builtin_snprintf(msg, len, "ok (redzones checked)");
	return bad;
}
#endif

/*
 * For the Check suite (check_kalloc.c), which loads the kernel object:
 * @what 0 checks reuse and poisoning and returns 0, or 1 with a reason in
 * @msg (-1 poison states mean a build without ASan: not checked); 1 frees
 * a block twice, 2 frees a pointer kzalloc did not return: both must trap;
 * 3 checks the VM heap's redzones as 0 does (explore builds have no VM
 * heap and say so).
 */
__attribute__((visibility("default")))
int xicsref_shim_kalloc_selftest(int what, char *msg, unsigned long len)
{
	unsigned char *a, *b;
	int ph, pb;

	if (what == 3) {
#if defined(XR_EXPLORE)
		__builtin_snprintf(msg, len, "ok (no VM heaps in the explore "
				   "builds)");
		return 0;
#elif !defined(SHIM_ASAN)
		__builtin_snprintf(msg, len, "ok (redzones not checked: no "
				   "ASan)");
		return 0;
#else
		return shim_vmheap_selftest(msg, len);
#endif
	}
	a = kzalloc(40, 0);
	if (!a)
		return 1;
	if (what == 1) {
		kfree(a);
		kfree(a);
		return 1;
	}
	if (what == 2) {
		kfree(a + 16);
		return 1;
	}
	__builtin_memset(a, 0x5a, 40);
	ph = shim_poisoned(a - 1);
	kfree(a);
	pb = shim_poisoned(a);
	b = kzalloc(40, 0);
	if (ph == 0 || pb == 0) {
		__builtin_snprintf(msg, len, "header poisoned %d, kept block "
				   "poisoned %d (want 1, 1)", ph, pb);
		kfree(b);
		return 1;
	}
	if (b != a || b[0] || b[39] || shim_poisoned(b + 39) > 0) {
		__builtin_snprintf(msg, len, "a kept block is not handed out "
				   "again cleared and unpoisoned");
		kfree(b);
		return 1;
	}
	kfree(b);
	__builtin_snprintf(msg, len, "ok (poison %s)",
			   ph < 0 ? "not checked: no ASan" : "checked");
	return 0;
}
