/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel base types and compiler glue for kernel files built in user
 * space.  Nothing here knows about XICS: it is what <linux/types.h>,
 * <linux/compiler.h> and friends give any kernel file.
 */
#ifndef XR_SHIM_TYPES_H
#define XR_SHIM_TYPES_H

#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s8 __s8;
typedef s16 __s16;
typedef s32 __s32;
typedef s64 __s64;
typedef u32 __be32;
typedef u64 __be64;
typedef u64 gpa_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef u16 __be16;
typedef u32 rtas_arg_t_shim;

#define __user
#define __iomem
#define __percpu
#define __force
#define __init
#define __aligned(x)		__attribute__((aligned(x)))
#define noinline		__attribute__((noinline))
#define __always_inline		inline __attribute__((always_inline))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BITS_PER_LONG		64
#define stringify_in_c(...)	#__VA_ARGS__
#define container_of(p, t, m)	((t *)((char *)(p) - offsetof(t, m)))

#define EXPORT_SYMBOL(s)	extern int xr_shim_export_dummy
#define EXPORT_SYMBOL_GPL(s)	extern int xr_shim_export_dummy

#define pr_devel(...)		do { } while (0)
#define pr_debug(...)		do { } while (0)

/*
 * A kernel WARN is a finding, not a crash: it is recorded as a `warn`
 * event (what a host would log) and the kernel code goes on.  shim_warn()
 * is the harness's own complaint (an SPR or MMIO access the shim does
 * not expect): that fails the step.
 */
void shim_warn(const char *file, int line);
void shim_kernel_warn(const char *file, int line);
/*
 * A pr_warn or pr_err of the kernel files is what the host's log shows:
 * a `log` event, compared like any other (the model states where the
 * kernel logs), so a message the model does not expect fails the step.
 */
void shim_kernel_log(const char *file, int line);
#define WARN(c, ...)		({ bool __w = !!(c); \
				   __w ? shim_kernel_warn(__FILE__, __LINE__) : (void)0; \
				   __w; })
#define WARN_ON_ONCE(c)		WARN(c)
#define WARN_ONCE(c, ...)	WARN(c)
#define WARN_ON(c)		WARN(c)
#define pr_warn(...)		shim_kernel_log(__FILE__, __LINE__)
#define pr_err(...)		shim_kernel_log(__FILE__, __LINE__)

/* The kernel's byte order helpers; the host is little endian like ppc64le */
#define be32_to_cpu(x)		__builtin_bswap32(x)
#define cpu_to_be32(x)		__builtin_bswap32(x)
#define be16_to_cpu(x)		__builtin_bswap16(x)
#define cpu_to_be16(x)		__builtin_bswap16(x)
#define be64_to_cpu(x)		__builtin_bswap64(x)
#define cpu_to_be64(x)		__builtin_bswap64(x)
#define be32_to_cpup(p)		be32_to_cpu(*(const __be32 *)(p))
/*
 * ppc64le compilers define __LITTLE_ENDIAN__, which book3s_xive.c tests
 * to find the PQ byte of an ESB load; clang defines it on x86 too, gcc
 * does not.  Define it for gcc so that both build the ppc64le code.
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(__LITTLE_ENDIAN__)
#define __LITTLE_ENDIAN__	1
#endif

/* IBM bit numbering (asm/bitops.h): bit 0 is the most significant */
#define PPC_BIT8(b)		(0x80U >> (b))
#define PPC_BIT32(b)		(0x80000000U >> (b))
#define PPC_BITMASK8(a, b)	((PPC_BIT8(a) - PPC_BIT8(b)) | PPC_BIT8(a))
#define PPC_BITMASK32(a, b)	((PPC_BIT32(a) - PPC_BIT32(b)) | PPC_BIT32(a))

/* 64K pages, as ppc64le distribution kernels are built */
#define PAGE_SHIFT		16
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define S_IRUGO			0444

static inline int ffs(int x)
{
	return __builtin_ffs(x);
}

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define ENXIO		6
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28

#define GFP_KERNEL	0
/*
 * kzalloc is the kernel files' allocator and can be made to fail
 * (FAULT-ARM, fault kind 0: the shim's fault.c); the shim and the
 * adapter allocate with shim_zalloc, which never fails on purpose, so
 * that "the Nth allocation" counts the kernel's allocations only.
 */
void *kzalloc(size_t size, int flags);
void *shim_zalloc(size_t size);
/* the fault kinds the kernel files meet (numbers of enum xk_fault_kind) */
#define SHIM_FAULT_ALLOC		0
#define SHIM_FAULT_GET_USER		1
#define SHIM_FAULT_PUT_USER		2
#define SHIM_FAULT_PHB_EOI		3
#define SHIM_FAULT_OPAL_SET_XIVE	4
#define SHIM_FAULT_OPAL_GET_XIRR	5
#define SHIM_FAULT_OPAL_EOI		6
/* what a failing OPAL call returns (OPAL_HARDWARE of asm/opal-api.h) */
#define SHIM_OPAL_HARDWARE		(-6)
/* FAULT-ARM: does this operation of kind @kind (enum xk_fault_kind) fail? */
bool shim_fault(unsigned int kind);
void kfree(const void *p);
/* Whole zeroed pages (kalloc.c); 2^order of PAGE_SIZE */
unsigned long __get_free_pages(int gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
/*
 * Explore builds: where the arena is now, and, once everything of the
 * caller's that was allocated since that mark and is still reachable has
 * been freed, give up the rest (an execution cut short can leave a block
 * its kernel code had not yet published).  The caller must own every block
 * allocated after the mark.  No-ops in other builds.
 */
unsigned long shim_arena_mark(void);
void shim_arena_abandon(unsigned long mark);
/*
 * Other builds: a VM's heap (kalloc.c).  While one is in use, shim_zalloc
 * and kzalloc allocate from it; a snapshot of it right after the VM's
 * creation, restored, resets the VM.  Not in explore builds.
 */
struct shim_vmheap;
struct shim_vmheap *shim_vmheap_new(void);
void shim_vmheap_use(struct shim_vmheap *v);
void shim_vmheap_free(struct shim_vmheap *v);
int shim_vmheap_snapshot(struct shim_vmheap *v);
int shim_vmheap_restore(struct shim_vmheap *v, bool broken);
#define memset(d, c, n)		__builtin_memset(d, c, n)
#define memcpy(d, s, n)		__builtin_memcpy(d, s, n)
#define memcmp(a, b, n)		__builtin_memcmp(a, b, n)
int strncmp(const char *a, const char *b, size_t n);

#endif /* XR_SHIM_TYPES_H */
