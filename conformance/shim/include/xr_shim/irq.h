/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host interrupt descriptors and per-CPU statistics, as much as the
 * passthrough path touches.  6.12 turned desc->kstat_irqs into a per-CPU
 * struct with .cnt; older kernels have a per-CPU unsigned int.  A
 * per-CPU object here is an array with a fixed stride per CPU, so
 * per_cpu_ptr() is the same byte arithmetic for both.
 */
#ifndef XR_SHIM_IRQ_H
#define XR_SHIM_IRQ_H

#include <xr_shim/types.h>
#include <xr_shim/machine.h>

#define SHIM_PERCPU_STRIDE	64

#define per_cpu_ptr(p, cpu) \
	((__typeof__(p))((char *)(p) + (cpu) * SHIM_PERCPU_STRIDE))

struct irq_chip {
	const char *name;
};

struct irq_data {
	unsigned int irq;
	unsigned long hwirq;		/* hardware number in its domain */
	struct irq_chip *chip;
};

static inline struct irq_chip *irq_data_get_irq_chip(struct irq_data *d)
{
	return d->chip;
}

static inline unsigned long irqd_to_hwirq(struct irq_data *d)
{
	return d->hwirq;
}

/*
 * Passed-through device interrupts (shim/phys_icp.c): the Linux number
 * (host_irq), the PCI-MSI number (desc->irq_data.hwirq) and the XICS
 * number (the default domain's irq_data) are three different values.
 */
struct irq_domain;
struct irq_desc *irq_to_desc(unsigned int irq);
struct irq_domain *irq_get_default_host(void);
struct irq_data *irq_domain_get_irq_data(struct irq_domain *domain,
					 unsigned int virq);
bool is_pnv_opal_msi(struct irq_chip *chip);

#if XR_KVER_MAJOR > 6 || (XR_KVER_MAJOR == 6 && XR_KVER_MINOR >= 10)
struct irqstat {
	unsigned int cnt;
};
#define SHIM_KSTAT_T	struct irqstat
#else
#define SHIM_KSTAT_T	unsigned int
#endif

struct irq_desc {
	SHIM_KSTAT_T __percpu *kstat_irqs;
	struct irq_data irq_data;
};

static inline struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}

struct kernel_stat {
	unsigned long irqs_sum;
};
extern struct kernel_stat shim_kstat[];
#define kstat			(shim_kstat[shim_this_cpu()])
#define __this_cpu_inc(x)	((x)++)

#define VMALLOC_REGION_ID	1
static inline int get_region_id(unsigned long ea)
{
	return 0;	/* simulated memory is all linear mapping */
}
unsigned long vmalloc_to_phys(void *addr);

#endif /* XR_SHIM_IRQ_H */
