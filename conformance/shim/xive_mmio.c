// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO accessors of the XIVE build: every address is a token the
 * model handed out (xive_hw.h), decoded here to an ESB or a thread's
 * TIMA.  Anything else, a NULL page plus an offset included, is refused:
 * the step fails with the reason kept, the load answers all ones (what
 * a load that no device claims returns), and nothing is dereferenced.
 */
#include <xr_shim/xive_hw.h>

struct shim_xive *shim_xive_cur(void)
{
	return shim_cur ? shim_cur->xive : NULL;
}

void shim_xive_bad_access(const char *what, unsigned long addr)
{
	struct shim_xive *x = shim_xive_cur();

	if (x) {
		if (!x->nr_bad++) {
			x->bad_what = what;
			x->bad_addr = addr;
		}
	}
	shim_warn(__FILE__, __LINE__);
}

const char *shim_xive_take_bad(unsigned long *addr)
{
	struct shim_xive *x = shim_xive_cur();
	const char *what;

	if (!x || !x->nr_bad)
		return NULL;
	what = x->bad_what;
	if (addr)
		*addr = x->bad_addr;
	x->nr_bad = 0;
	x->bad_what = NULL;
	return what;
}

/* The thread of a TIMA address, or -1 */
static int shim_xive_tima_cpu(struct shim_xive *x, unsigned long addr)
{
	unsigned long tag = addr >> SHIM_XIVE_TAG_SHIFT;
	unsigned long cpu;

	if (tag == SHIM_XIVE_TAG_TIMA && !(addr & ~SHIM_XIVE_TOKEN(0xffff) &
					   ~SHIM_XIVE_PAGE_OFF))
		return shim_this_cpu();
	cpu = (addr & ~SHIM_XIVE_TOKEN(0xffff)) >> SHIM_XIVE_PAGE_SHIFT;
	if (tag == SHIM_XIVE_TAG_TIMA_CPU && cpu < (unsigned long)x->nr_cpus)
		return (int)cpu;
	return -1;
}

/* An interrupt's ESB page, or a device's (xive_dev.c) */
static bool shim_xive_is_esb(unsigned long addr)
{
	unsigned long tag = addr >> SHIM_XIVE_TAG_SHIFT;

	return tag == SHIM_XIVE_TAG_ESB || tag == SHIM_XIVE_TAG_DEV;
}

static struct shim_xive *shim_xive_claim(unsigned long addr)
{
	struct shim_xive *x = shim_xive_cur();

	if (addr < SHIM_XIVE_NULL_LIMIT) {
		shim_xive_bad_access("access through a NULL ESB/TIMA page "
				     "pointer (address is the offset)", addr);
		return NULL;
	}
	if (!x) {
		shim_xive_bad_access("XIVE MMIO on a machine without XIVE", addr);
		return NULL;
	}
	return x;
}

static u64 shim_xive_load(const volatile void __iomem *p, int size)
{
	unsigned long addr = (unsigned long)p;
	struct shim_xive *x = shim_xive_claim(addr);
	int cpu;

	if (!x)
		return ~0ULL;
	if (shim_xive_is_esb(addr))
		return shim_xive_esb_load(x, addr, size);
	cpu = shim_xive_tima_cpu(x, addr);
	if (cpu < 0 || (addr & SHIM_XIVE_PAGE_OFF) >= SHIM_XIVE_MMIO_SPAN) {
		shim_xive_bad_access("MMIO load from an unknown address", addr);
		return ~0ULL;
	}
	return shim_xive_tima_load(x, cpu, addr & SHIM_XIVE_PAGE_OFF, size);
}

static void shim_xive_store(volatile void __iomem *p, int size, u64 val)
{
	unsigned long addr = (unsigned long)p;
	struct shim_xive *x = shim_xive_claim(addr);
	int cpu;

	if (!x)
		return;
	if (shim_xive_is_esb(addr)) {
		shim_xive_esb_store(x, addr, size, val);
		return;
	}
	cpu = shim_xive_tima_cpu(x, addr);
	if (cpu < 0 || (addr & SHIM_XIVE_PAGE_OFF) >= SHIM_XIVE_MMIO_SPAN) {
		shim_xive_bad_access("MMIO store to an unknown address", addr);
		return;
	}
	shim_xive_tima_store(x, cpu, addr & SHIM_XIVE_PAGE_OFF, size, val);
}

u64 __raw_readq(const volatile void __iomem *addr)
{
	return shim_xive_load(addr, 8);
}

u32 __raw_readl(const volatile void __iomem *addr)
{
	return (u32)shim_xive_load(addr, 4);
}

u16 __raw_readw(const volatile void __iomem *addr)
{
	return (u16)shim_xive_load(addr, 2);
}

u8 __raw_readb(const volatile void __iomem *addr)
{
	return (u8)shim_xive_load(addr, 1);
}

void __raw_writeq(u64 val, volatile void __iomem *addr)
{
	shim_xive_store(addr, 8, val);
}

void __raw_writel(u32 val, volatile void __iomem *addr)
{
	shim_xive_store(addr, 4, val);
}

void __raw_writeb(u8 val, volatile void __iomem *addr)
{
	shim_xive_store(addr, 1, val);
}

void out_be64(volatile void __iomem *addr, u64 val)
{
	shim_xive_store(addr, 8, __builtin_bswap64(val));
}
