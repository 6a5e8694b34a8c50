/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The explorer's entry points for the kernel side of an explore build
 * (conformance/explore/).  Plain C types only: the kernel side is built
 * without libc.  In other builds nothing here is called.
 */
#ifndef XR_API_XS_API_H
#define XR_API_XS_API_H

/* Non-zero while a parallel block runs under the explorer */
extern int xs_on;

/* A lock is taken (@acquire) or released by the running CPU at @pc */
void xs_lock_hook(const void *lock, int acquire, void *pc);
/* smp_mb (0), smp_rmb (1), smp_wmb (2), iosync (3) on the running CPU */
void xs_barrier_hook(int kind, void *pc);
/* CPU @cpu was sent an IPI or a doorbell: host work may start there */
void xs_poked(unsigned int cpu);
/* The running CPU's waiting stores to @addr's word become visible: a
 * load from a device is performed after the CPU's stores to it */
void xs_device_order(const void *addr);

/* The kernel's data (explore builds, shim/kalloc.c) */
void shim_arena_range(unsigned long *lo, unsigned long *hi);
/* The size of the live block that starts at @addr, or 0 if none does */
unsigned long shim_arena_block(unsigned long addr);

#endif /* XR_API_XS_API_H */
