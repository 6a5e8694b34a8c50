// SPDX-License-Identifier: GPL-2.0-only
/*
 * The thread-sanitizer instrumentation's callbacks, without a sanitizer
 * runtime: the kernel files of an explore build are compiled with
 * -fsanitize=thread, so the compiler calls these before every load and
 * store and instead of every atomic (as the kernel's KCSAN uses the same
 * instrumentation with callbacks of its own).  Volatile accesses
 * (READ_ONCE, WRITE_ONCE) come as the volatile variants and count as
 * marked, as in the Linux memory model.  Outside a parallel block they
 * do nothing, or just the atomic operation.
 */
#include <stdint.h>

#include <xs_api.h>

#include "xs.h"

#define PC()	__builtin_return_address(0)

void __tsan_init(void)
{
}

/* The kernel call stack of the running CPU, for the interleaving */
void __tsan_func_entry(void *caller)
{
	struct xs_cpu *c;

	if (!xs_on)
		return;
	c = &xs_cur->cpu[xs_cur->cur];
	if (c->depth < XS_FRAMES)
		c->frame[c->depth] = PC();
	c->depth++;
}

void __tsan_func_exit(void)
{
	if (xs_on && xs_cur->cpu[xs_cur->cur].depth)
		xs_cur->cpu[xs_cur->cur].depth--;
}

#define XS_ACCESS(name, size, write, marked)			\
void name(void *addr)						\
{								\
	if (xs_on)						\
		xs_access(addr, size, write, marked, PC());	\
}

#define XS_ACCESSES(n)							\
	XS_ACCESS(__tsan_read##n, n, false, false)			\
	XS_ACCESS(__tsan_write##n, n, true, false)			\
	XS_ACCESS(__tsan_unaligned_read##n, n, false, false)		\
	XS_ACCESS(__tsan_unaligned_write##n, n, true, false)		\
	XS_ACCESS(__tsan_volatile_read##n, n, false, true)		\
	XS_ACCESS(__tsan_volatile_write##n, n, true, true)		\
	XS_ACCESS(__tsan_unaligned_volatile_read##n, n, false, true)	\
	XS_ACCESS(__tsan_unaligned_volatile_write##n, n, true, true)

XS_ACCESSES(1)
XS_ACCESSES(2)
XS_ACCESSES(4)
XS_ACCESSES(8)
XS_ACCESSES(16)

/* Ranges: memcpy/memset-like accesses, one word at a time */
static void range(void *addr, unsigned long size, bool write, void *pc)
{
	uintptr_t a = (uintptr_t)addr, end = a + size;

	while (xs_on && a < end) {
		uint32_t n = (uint32_t)(8 - (a & 7));

		if (n > end - a)
			n = (uint32_t)(end - a);
		xs_access((void *)a, n, write, false, pc);
		a += n;
	}
}

void __tsan_read_range(void *addr, unsigned long size)
{
	range(addr, size, false, PC());
}

void __tsan_write_range(void *addr, unsigned long size)
{
	range(addr, size, true, PC());
}

/*
 * Atomics.  Outside a parallel block the operation itself; inside, the
 * explorer performs it on its memory (xs_atomic).
 */
static uint64_t plain_atomic(volatile void *a, uint32_t size, int op,
			     uint64_t v, uint64_t cmp)
{
	uint64_t old = 0, now, m = size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;

	__builtin_memcpy(&old, (const void *)a, size);
	switch (op) {
	case XS_A_LOAD: return old;
	case XS_A_STORE: case XS_A_XCHG: now = v; break;
	case XS_A_ADD: now = old + v; break;
	case XS_A_SUB: now = old - v; break;
	case XS_A_AND: now = old & v; break;
	case XS_A_OR: now = old | v; break;
	case XS_A_XOR: now = old ^ v; break;
	case XS_A_NAND: now = ~(old & v); break;
	case XS_A_CAS:
		if ((old & m) != (cmp & m))
			return old;
		now = v;
		break;
	default: return old;
	}
	now &= m;
	__builtin_memcpy((void *)a, &now, size);
	return old;
}

static uint64_t atomic(volatile void *a, uint32_t size, int op, uint64_t v,
		       uint64_t cmp, int mo, void *pc)
{
	if (xs_on)
		return xs_atomic(a, size, op, v, cmp, mo, pc);
	return plain_atomic(a, size, op, v, cmp);
}

#define XS_ATOMICS(n, T)						\
T __tsan_atomic##n##_load(const volatile T *a, int mo)			\
{ return (T)atomic((volatile void *)a, n / 8, XS_A_LOAD, 0, 0, mo, PC()); } \
void __tsan_atomic##n##_store(volatile T *a, T v, int mo)		\
{ atomic(a, n / 8, XS_A_STORE, (uint64_t)v, 0, mo, PC()); }		\
T __tsan_atomic##n##_exchange(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_XCHG, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_fetch_add(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_ADD, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_fetch_sub(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_SUB, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_fetch_and(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_AND, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_fetch_or(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_OR, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_fetch_xor(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_XOR, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_fetch_nand(volatile T *a, T v, int mo)		\
{ return (T)atomic(a, n / 8, XS_A_NAND, (uint64_t)v, 0, mo, PC()); }	\
T __tsan_atomic##n##_compare_exchange_val(volatile T *a, T c, T v,	\
					  int mo, int fmo)		\
{ return (T)atomic(a, n / 8, XS_A_CAS, (uint64_t)v, (uint64_t)c, mo, PC()); } \
int __tsan_atomic##n##_compare_exchange_strong(volatile T *a, T *c, T v,\
					       int mo, int fmo)		\
{									\
	T old = (T)atomic(a, n / 8, XS_A_CAS, (uint64_t)v, (uint64_t)*c, \
			  mo, PC());					\
	if (old == *c)							\
		return 1;						\
	*c = old;							\
	return 0;							\
}									\
int __tsan_atomic##n##_compare_exchange_weak(volatile T *a, T *c, T v,	\
					     int mo, int fmo)		\
{ return __tsan_atomic##n##_compare_exchange_strong(a, c, v, mo, fmo); }

XS_ATOMICS(8, uint8_t)
XS_ATOMICS(16, uint16_t)
XS_ATOMICS(32, uint32_t)
XS_ATOMICS(64, uint64_t)

void __tsan_atomic_thread_fence(int mo)
{
	if (xs_on)
		xs_barrier_op(mo == XS_MO_SEQ_CST ? XS_MB : XS_RMB, PC());
}

void __tsan_atomic_signal_fence(int mo)
{
}
