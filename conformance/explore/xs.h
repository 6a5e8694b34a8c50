/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The explorer engine: simulated CPUs that run kernel code concurrently
 * under the control of a chooser (docs/exploring.md).
 *
 * Linked into the explore build of a kernel shared object.  The kernel
 * files are compiled with the compiler's thread-sanitizer
 * instrumentation, whose callbacks (tsan.c) land here instead of in a
 * sanitizer runtime, as the kernel's KCSAN does: every load and store of
 * the kernel code, every atomic, and through the shim's hooks every
 * lock and barrier, reaches the engine before it happens.  There:
 *
 *   sched.c  one coroutine (own stack) per simulated CPU; decisions of
 *            who runs next; locks that block; host work the IPIs start;
 *   mem.c    the store buffers (stores may wait until an ordering
 *            operation of their CPU), the set of locations two CPUs
 *            conflict on (only those are decisions), the state hash;
 *   race.c   happens-before by vector clocks, data races;
 *   trace.c  the interleaving as text, with kernel function and line.
 *
 * Single-threaded: one engine runs one execution at a time (xs_cur).
 */
#ifndef XR_EXPLORE_XS_H
#define XR_EXPLORE_XS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include <xicsref/impl.h>

#define XS_CPUS		XR_PAR_CPUS
#define XS_BUF		64		/* stores waiting, per CPU */
#define XS_STACK	(512u << 10)	/* per simulated CPU */
#define XS_LOCKS	32
#define XS_FRAMES	16		/* kernel call stack kept per CPU */

/* What the kernel side of the shared object does for the engine */
struct xs_host {
	void *ctx;
	/* the kernel side now runs as physical CPU @cpu for operation @op */
	void (*on_cpu)(void *ctx, uint32_t cpu, int op);
	/* run the host work pending at @cpu (a message an IPI announced) */
	void (*host_work)(void *ctx, uint32_t cpu);
	/* what IPIs or doorbells left @cpu to do: XS_WORK_* */
	int (*host_pending)(void *ctx, uint32_t cpu);
	/* a store to @addr became visible (the shim's edge detectors) */
	void (*visible)(void *ctx, uintptr_t addr);
	/* a name for the location @addr ("icp(v1).state"), or false */
	bool (*name)(void *ctx, uintptr_t addr, char *buf, size_t len);
};

/* host_pending: nothing, a host CPU's handler, a guest entry (same
 * values as the kernel side's XK_WORK_*) */
enum { XS_WORK_NONE, XS_WORK_HOST, XS_WORK_GUEST };

/* One operation: @fn(@arg) runs on @cpu and fills result @op */
struct xs_op {
	uint32_t cpu;
	void (*fn)(void *arg);
	void *arg;
};

/* A store that waits in its CPU's buffer: bytes of one 8-byte word */
struct xs_entry {
	uintptr_t word;
	uint8_t bytes[8];
	uint8_t mask;			/* which bytes it writes */
	bool rmw;			/* of an atomic: flushed before any other
					 * write to the word lands */
	uint32_t epoch;			/* smp_wmb()s before it */
};

enum xs_pend_kind {
	XS_PEND_NONE,
	XS_PEND_READ,			/* memory shows this CPU's view */
	XS_PEND_WRITE,			/* the store has hit memory */
};

/* The access begun at the last callback; finished at the next */
struct xs_pend {
	enum xs_pend_kind kind;
	uintptr_t addr;
	uint32_t size;
	uint32_t nw;			/* 8-byte words it touches (1 or 2) */
	uintptr_t w0;
	uint64_t saved[3];		/* the words before it */
	bool marked;			/* READ_ONCE / WRITE_ONCE */
	bool dep;			/* a pointer-sized load: what it read
					 * may start an address dependency */
	void *pc;
};

/*
 * An address dependency (race.c): the accesses of a CPU to the block a
 * pointer it loaded points to are ordered after what the pointer's
 * writer released (its smp_wmb) before storing it.
 */
#define XS_DEPS		4

struct xs_dep {
	uintptr_t lo, hi;
	uint32_t vc[XS_CPUS];
};

enum xs_state {
	XS_READY,
	XS_BLOCKED,			/* waits for a lock */
	XS_DONE,
};

struct xs_cpu {
	ucontext_t uc;
	char *stack;
	uint32_t cpu;			/* physical CPU */
	int op;				/* result it fills (host work: the
					 * operation whose IPI started it) */
	bool host;			/* host work, started by an IPI */
	enum xs_state state;
	const void *wait;		/* the lock it waits for */
	void (*fn)(void *);
	void *arg;
	struct xs_pend pend;
	uint32_t nbuf;
	struct xs_entry buf[XS_BUF];
	uint32_t epoch;
	uint64_t hist;			/* hash of everything it has read */
	uint64_t accesses;
	uint64_t tick;			/* hook calls so far (struct xr_choice) */
	uint64_t dtick[2];		/* tick of its last decision of a kind */
	uint32_t dnth[2];		/* decisions of that kind at that tick */
	uint32_t depth;			/* kernel call stack (trace) */
	void *frame[XS_FRAMES];
	uint32_t vc[XS_CPUS];		/* vector clock (race.c) */
	uint32_t rel[XS_CPUS];		/* clock at its last release fence */
	uint32_t acq[XS_CPUS];		/* what its next acquire fence takes */
	uint32_t ipi[XS_CPUS];		/* host work: clocks of IPIs sent while it ran */
	uint32_t ndep;			/* dependencies recorded (dep[] is a ring) */
	struct xs_dep dep[XS_DEPS];
};

struct xs_lock {
	const void *lock;
	int holder;			/* index in cpu[], -1: free */
	uint32_t vc[XS_CPUS];		/* clock of its last release */
};

/* One line of the interleaving (XR_PAR_TRACE) */
enum xs_tkind {
	XS_T_READ, XS_T_WRITE, XS_T_BUFFERED, XS_T_FLUSH, XS_T_ATOMIC,
	XS_T_LOCK, XS_T_UNLOCK, XS_T_WAIT, XS_T_BARRIER, XS_T_SWITCH,
	XS_T_START, XS_T_END,
};

struct xs_trec {
	uint8_t kind;			/* enum xs_tkind */
	uint8_t cpu;			/* index in cpu[] */
	uint8_t size;
	uint8_t arg;			/* barrier kind, marked access */
	void *pc;
	uintptr_t addr;
	uint64_t val, old;
};

struct xs_engine {
	struct xr_par_exec *ex;
	const struct xs_host *host;
	struct xs_cpu cpu[XS_CPUS];
	uint32_t nr;
	int cur;			/* running: index in cpu[] */
	ucontext_t main_uc;
	bool ended;
	uint32_t nlocks;
	struct xs_lock locks[XS_LOCKS];
	uint64_t mem;			/* hash of the memory changed so far */
	uint32_t ntrace, trace_cap;
	struct xs_trec *trace;
	bool races;			/* XR_PAR_RACES */
	/* what is watched: the kernel's data (the shim's arena) */
	uintptr_t data_lo, data_hi;
};

extern struct xs_engine *xs_cur;

/* sched.c */
void xs_run(struct xs_engine *e, struct xr_par_exec *ex,
	    const struct xs_host *host, const struct xs_op *ops, uint32_t nr);
/* A decision point of the running CPU: maybe another runs first */
void xs_point(void);
/* End the execution now (never returns) */
void xs_abort(enum xr_par_end end, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* Ask the chooser whether the store now finishing waits (true) */
bool xs_delay(void);
void xs_lock_op(const void *lock, bool acquire, void *pc);
void xs_barrier_op(int kind, void *pc);
/* The lock at @addr, if it is one the engine knows */
struct xs_lock *xs_lock_find(const void *addr);

/* mem.c */
void xs_mem_new_exploration(void);
void xs_mem_begin(void);
/* Finish the access the running CPU began at its last callback */
void xs_finish(struct xs_cpu *c);
void xs_access(void *addr, uint32_t size, bool write, bool marked,
	       void *pc);
uint64_t xs_atomic(volatile void *addr, uint32_t size, int op, uint64_t v,
		   uint64_t cmp, int mo, void *pc);
void xs_flush_all(struct xs_cpu *c);
/* Make the stores of @c that must precede a store of epoch @epoch to
 * @word visible (all earlier epochs, the same word) */
void xs_flush_before(struct xs_cpu *c, uintptr_t word, uint32_t epoch);
uint64_t xs_state_hash(void);
bool xs_shared(uintptr_t word);
void xs_learn_reset(void);

/* race.c */
void xs_race_begin(void);
void xs_race_access(struct xs_cpu *c, uintptr_t addr, uint32_t size,
		    bool write, bool marked, void *pc);
void xs_race_acquire(struct xs_cpu *c, const uint32_t *vc);
void xs_race_release(struct xs_cpu *c, uint32_t *vc);
void xs_race_fence(struct xs_cpu *c, int kind);
/* The pointer-sized load of @addr by @c read @value: a dependency? */
void xs_race_dep(struct xs_cpu *c, uintptr_t addr, uint64_t value);
void xs_race_atomic(struct xs_cpu *c, uintptr_t addr, uint32_t size,
		    bool full, bool wrote, void *pc);

/* trace.c */
void xs_trace(uint8_t kind, uintptr_t addr, uint32_t size, uint64_t val,
	      uint64_t old, uint8_t arg, void *pc);
void xs_trace_render(struct xs_engine *e);
/* "function file:line" of a code address, best effort */
void xs_symbolize(void *pc, char *buf, size_t len);

/* Atomic operations of xs_atomic (tsan.c maps the callbacks) */
enum {
	XS_A_LOAD, XS_A_STORE, XS_A_XCHG, XS_A_ADD, XS_A_SUB, XS_A_AND,
	XS_A_OR, XS_A_XOR, XS_A_NAND, XS_A_CAS,
};

/* Memory orders as the instrumentation passes them */
enum {
	XS_MO_RELAXED, XS_MO_CONSUME, XS_MO_ACQUIRE, XS_MO_RELEASE,
	XS_MO_ACQ_REL, XS_MO_SEQ_CST,
};

/* Barrier kinds (the shim's enum shim_barrier_kind) */
enum { XS_MB, XS_RMB, XS_WMB, XS_IO };

/*
 * The kernel's data (the VM, from the shim's arena) is watched.  Globals
 * of the kernel files (statistics, a coverage build's counters) are not:
 * they are no XICS state.  Nor are the CPUs' own stacks: no XICS state
 * is shared through a stack, and a store into a frame that has returned
 * cannot be taken back and redone (xs_finish) without corrupting the
 * frame that now uses those bytes (a get-source's put_user did).
 */
static inline bool xs_watched(const struct xs_engine *e, uintptr_t a)
{
	return a >= e->data_lo && a < e->data_hi;
}

static inline uint64_t xs_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 33);
}

#endif /* XR_EXPLORE_XS_H */
