/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every atomic, lock and barrier the kernel files use goes through one
 * hook each.  In a sequential run the hooks do nothing and the
 * operations are plain; a deterministic scheduler can later switch to
 * another simulated CPU at exactly these points.
 */
#ifndef XR_SHIM_HOOKS_H
#define XR_SHIM_HOOKS_H

#include <xr_shim/types.h>

enum shim_atomic_kind {
	SHIM_ATOMIC_CMPXCHG,
	SHIM_ATOMIC_READ_ONCE,
	SHIM_ATOMIC_BITOP,
};
enum shim_barrier_kind {
	SHIM_BARRIER_MB,
	SHIM_BARRIER_RMB,
	SHIM_BARRIER_WMB,
	SHIM_BARRIER_IO,
};

void shim_atomic_hook(enum shim_atomic_kind kind, const volatile void *addr);
void shim_lock_hook(const void *lock, bool acquire);
void shim_barrier_hook(enum shim_barrier_kind kind);

#define cmpxchg(p, o, n)	({ shim_atomic_hook(SHIM_ATOMIC_CMPXCHG, p); \
				   __sync_val_compare_and_swap(p, o, n); })
#define cmpxchg64(p, o, n)	cmpxchg(p, o, n)
#define xchg(p, v)		({ shim_atomic_hook(SHIM_ATOMIC_CMPXCHG, p); \
				   __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); })

/*
 * READ_ONCE and WRITE_ONCE access a scalar of up to 8 bytes once, in one
 * access of its size, as the kernel's do (a volatile copy of a union
 * would be made member by member, a torn read the kernel never does).
 */
static inline void shim_read_once(const volatile void *p, void *res, int size)
{
	switch (size) {
	case 1: *(u8 *)res = *(const volatile u8 *)p; break;
	case 2: *(u16 *)res = *(const volatile u16 *)p; break;
	case 4: *(u32 *)res = *(const volatile u32 *)p; break;
	case 8: *(u64 *)res = *(const volatile u64 *)p; break;
	default: __builtin_memcpy(res, (const void *)p, size);
	}
}

#define READ_ONCE(x)		({ union { __typeof__(x) __v; char __c[1]; } __u; \
				   shim_atomic_hook(SHIM_ATOMIC_READ_ONCE, &(x)); \
				   shim_read_once(&(x), __u.__c, sizeof(x)); \
				   __u.__v; })
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#define smp_mb()		shim_barrier_hook(SHIM_BARRIER_MB)
#define smp_rmb()		shim_barrier_hook(SHIM_BARRIER_RMB)
#define smp_wmb()		shim_barrier_hook(SHIM_BARRIER_WMB)
#define iosync()		shim_barrier_hook(SHIM_BARRIER_IO)
/* mb() orders MMIO too on POWER (sync); eieio() orders MMIO only */
#define mb()			shim_barrier_hook(SHIM_BARRIER_MB)
#define eieio()			shim_barrier_hook(SHIM_BARRIER_IO)

/*
 * atomic_t (book3s_xive.c's queue counters): value-returning operations
 * are fully ordered, the others relaxed, as the Linux memory model says.
 */
typedef struct {
	int counter;
} atomic_t;

static inline int atomic_read(const atomic_t *v)
{
	shim_atomic_hook(SHIM_ATOMIC_READ_ONCE, &v->counter);
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_inc(atomic_t *v)
{
	shim_atomic_hook(SHIM_ATOMIC_CMPXCHG, &v->counter);
	__atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED);
}

static inline void atomic_sub(int i, atomic_t *v)
{
	shim_atomic_hook(SHIM_ATOMIC_CMPXCHG, &v->counter);
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int atomic_xchg(atomic_t *v, int i)
{
	shim_atomic_hook(SHIM_ATOMIC_CMPXCHG, &v->counter);
	return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST);
}

/* Add @a unless the value is @u; true when it added */
static inline bool atomic_add_unless(atomic_t *v, int a, int u)
{
	int c = __atomic_load_n(&v->counter, __ATOMIC_RELAXED);

	shim_atomic_hook(SHIM_ATOMIC_CMPXCHG, &v->counter);
	while (c != u)
		if (__atomic_compare_exchange_n(&v->counter, &c, c + a, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/*
 * Bit operations; a change of a watched word may be an event (raise).
 * Memory orders as the Linux memory model gives them: set_bit and
 * clear_bit return nothing and order nothing (relaxed); test_and_clear_bit
 * returns a value and is fully ordered.  Sequential builds do not care;
 * the explorer reads the order from the instrumentation.
 */
void shim_bit_changed(const volatile unsigned long *word);

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	shim_atomic_hook(SHIM_ATOMIC_BITOP, addr);
	__atomic_fetch_or(&addr[nr / BITS_PER_LONG],
			  1UL << (nr % BITS_PER_LONG), __ATOMIC_RELAXED);
	shim_bit_changed(&addr[nr / BITS_PER_LONG]);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	shim_atomic_hook(SHIM_ATOMIC_BITOP, addr);
	__atomic_fetch_and(&addr[nr / BITS_PER_LONG],
			   ~(1UL << (nr % BITS_PER_LONG)), __ATOMIC_RELAXED);
	shim_bit_changed(&addr[nr / BITS_PER_LONG]);
}

static inline int test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static inline int test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long m = 1UL << (nr % BITS_PER_LONG);

	shim_atomic_hook(SHIM_ATOMIC_BITOP, addr);
	return !!(__atomic_fetch_and(&addr[nr / BITS_PER_LONG], ~m,
				     __ATOMIC_SEQ_CST) & m);
}

static inline unsigned long shim_find_next_bit(const unsigned long *addr,
					       unsigned long size,
					       unsigned long off)
{
	for (; off < size; off++)
		if (test_bit(off, addr))
			return off;
	return size;
}

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = shim_find_next_bit((addr), (size), 0); (bit) < (size); \
	     (bit) = shim_find_next_bit((addr), (size), (bit) + 1))

/* Spin locks: the ICS lock is an arch_spinlock_t */
typedef struct {
	volatile unsigned int slock;
} arch_spinlock_t;

/*
 * Sequential runs also check the discipline lockdep would (kvm_host.c):
 * a release of a lock not held, a lock still held or interrupts still
 * off when a step ends, a restore of flags that were never saved.  An
 * explore build leaves that to the explorer, which makes a CPU wait.
 */
void shim_lock_taken(const void *lock, bool acquire, bool was_held);
unsigned long shim_irq_save(void);
void shim_irq_restore(unsigned long flags);

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	shim_lock_hook(l, true);
	if (__atomic_exchange_n(&l->slock, 1, __ATOMIC_ACQUIRE))
		shim_warn(__FILE__, __LINE__);	/* would deadlock */
#ifndef XR_EXPLORE
	shim_lock_taken(l, true, false);
#endif
}

/* The hook after the store: whoever is let in finds the word free */
static inline void arch_spin_unlock(arch_spinlock_t *l)
{
#ifndef XR_EXPLORE
	shim_lock_taken(l, false, l->slock);
#endif
	__atomic_store_n(&l->slock, 0, __ATOMIC_RELEASE);
	shim_lock_hook(l, false);
}

struct mutex {
	int locked;
};
#define mutex_init(m)		((m)->locked = 0)
#ifdef XR_EXPLORE
#define mutex_lock(m)		shim_lock_hook(m, true)
#define mutex_unlock(m)		shim_lock_hook(m, false)
#else
#define mutex_lock(m)		do { \
		struct mutex *m_ = (m); \
		shim_lock_taken(m_, true, m_->locked); \
		m_->locked = 1; \
	} while (0)
#define mutex_unlock(m)		do { \
		struct mutex *m_ = (m); \
		shim_lock_taken(m_, false, m_->locked); \
		m_->locked = 0; \
	} while (0)
#endif
#define lockdep_assert_held(m)	do { } while (0)

#ifdef XR_EXPLORE
#define local_irq_save(f)	do { (f) = 0; } while (0)
#define local_irq_restore(f)	do { (void)(f); } while (0)
#else
#define local_irq_save(f)	do { (f) = shim_irq_save(); } while (0)
#define local_irq_restore(f)	shim_irq_restore(f)
#endif

#endif /* XR_SHIM_HOOKS_H */
