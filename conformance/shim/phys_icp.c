// SPDX-License-Identifier: GPL-2.0-only
/*
 * Passed-through device interrupts and the physical XIRR.
 *
 * A device the scenario passes through ("passthru hw=H irq=IRQ") gets an
 * interrupt descriptor with three different numbers, so that kernel code
 * mixing them up cannot pass by accident:
 *   host_irq  the Linux number: SHIM_PT_VIRQ_BASE + index (above 24 bits,
 *             so it can never match an XISR);
 *   desc->irq_data.hwirq  the PCI-MSI number: SHIM_PT_MSI_BASE + index;
 *   the XICS number H, found through irq_get_default_host(), the one the
 *             physical XIRR returns and OPAL takes.
 * Only these descriptors carry the PowerNV OPAL MSI chip, so
 * is_pnv_opal_msi() says "yes" for them and nothing else.  On a XIVE
 * host (kernel-xive) the default domain is the XIVE's and H is the
 * number of the device's MSI source there (shim/xive_dev.c).
 *
 * A pending hardware interrupt is one XIRR value per CPU, read (and
 * consumed) by the kernel through MMIO on POWER8 or OPAL on POWER9.
 */
#include <xr_shim/state.h>


#define SHIM_PT_VIRQ_BASE	0x1000000u
#define SHIM_PT_MSI_BASE	0x40000000u

struct shim_ptdev {
	struct irq_desc desc;		/* PCI-MSI level: desc->irq_data */
	struct irq_data xics_data;	/* the default (XICS, XIVE) domain's */
	unsigned int guest_irq;
	bool live;			/* routed to guest_irq */
	void *percpu_cnt;		/* per-CPU counters */
};

/*
 * Devices live in chunks allocated as they are first used: the kernel
 * keeps pointers into them, so they never move, and a VM that maps few
 * devices (most map none) does not clear room for SHIM_PT_MAX_DEVS.
 */
#define SHIM_PT_CHUNK	16

/*
 * Finding a device by its XICS number is on every host-path interrupt;
 * past the first chunk it goes through an index (open addressing on a
 * multiplicative hash, cells hold index + 1), so that the cost of the
 * kernel's own lookup, not the harness's, is what bench-map measures.
 */
#define SHIM_PT_HASH_BITS	12	/* twice SHIM_PT_MAX_DEVS cells */
#define SHIM_PT_HASH		(1u << SHIM_PT_HASH_BITS)

struct shim_pt {
	unsigned int nr;
	u16 *by_hw;			/* SHIM_PT_HASH cells, once nr > CHUNK */
	struct shim_ptdev *chunk[SHIM_PT_MAX_DEVS / SHIM_PT_CHUNK];
};

static struct shim_ptdev *shim_pt_at(struct shim_pt *pt, unsigned int i)
{
	return &pt->chunk[i / SHIM_PT_CHUNK][i % SHIM_PT_CHUNK];
}

static struct irq_chip shim_pnv_msi_chip = { .name = "PCI-MSI-OPAL" };
static struct irq_domain {
	int unused;
} shim_xics_domain;

int shim_pt_create(struct shim_machine *m)
{
	m->pt = shim_zalloc(sizeof(*m->pt));
	return m->pt ? 0 : -ENOMEM;
}

void shim_pt_destroy(struct shim_machine *m)
{
	unsigned int i;

	if (!m->pt)
		return;
	for (i = 0; i < m->pt->nr; i++)
		kfree(shim_pt_at(m->pt, i)->percpu_cnt);
	/*
	 * Chunks are taken in order, the one for device nr at most (taken
	 * even when that device then failed): none past it.
	 */
	for (i = 0; i < SHIM_PT_MAX_DEVS / SHIM_PT_CHUNK &&
		    i * SHIM_PT_CHUNK <= m->pt->nr; i++)
		kfree(m->pt->chunk[i]);
	kfree(m->pt->by_hw);
	kfree(m->pt);
	m->pt = NULL;
}

static struct shim_ptdev *shim_pt_of_virq(unsigned int virq)
{
	struct shim_pt *pt = shim_cur->pt;

	if (!pt || virq < SHIM_PT_VIRQ_BASE || virq - SHIM_PT_VIRQ_BASE >= pt->nr)
		return NULL;
	return shim_pt_at(pt, virq - SHIM_PT_VIRQ_BASE);
}

static unsigned int shim_pt_hash(unsigned int hw)
{
	return (hw * 0x61C88647u) >> (32 - SHIM_PT_HASH_BITS);
}

/* Device @i goes into the index: the first empty cell of its chain */
static void shim_pt_index(struct shim_pt *pt, unsigned int i)
{
	unsigned int h = shim_pt_hash(shim_pt_at(pt, i)->xics_data.hwirq);

	while (pt->by_hw[h])
		h = (h + 1) & (SHIM_PT_HASH - 1);
	pt->by_hw[h] = (u16)(i + 1);
}

static int shim_pt_find(struct shim_pt *pt, unsigned int hw)
{
	unsigned int h, i;

	if (!pt->by_hw) {
		for (i = 0; i < pt->nr; i++)
			if (shim_pt_at(pt, i)->xics_data.hwirq == hw)
				return (int)i;
		return -1;
	}
	for (h = shim_pt_hash(hw); pt->by_hw[h];
	     h = (h + 1) & (SHIM_PT_HASH - 1))
		if (shim_pt_at(pt, pt->by_hw[h] - 1u)->xics_data.hwirq == hw)
			return pt->by_hw[h] - 1;
	return -1;
}

int shim_pt_dev(unsigned int hw, bool create)
{
	struct shim_pt *pt = shim_cur->pt;
	struct shim_ptdev *d;
	int found = shim_pt_find(pt, hw);
	unsigned int i;

	if (found >= 0)
		return (int)SHIM_PT_VIRQ_BASE + found;
	if (!create || pt->nr == SHIM_PT_MAX_DEVS)
		return -1;
	if (pt->nr == SHIM_PT_CHUNK && !pt->by_hw) {
		pt->by_hw = shim_zalloc(SHIM_PT_HASH * sizeof(*pt->by_hw));
		if (!pt->by_hw)
			return -1;
		for (i = 0; i < pt->nr; i++)
			shim_pt_index(pt, i);
	}
	if (!pt->chunk[pt->nr / SHIM_PT_CHUNK]) {
		pt->chunk[pt->nr / SHIM_PT_CHUNK] =
			shim_zalloc(SHIM_PT_CHUNK * sizeof(struct shim_ptdev));
		if (!pt->chunk[pt->nr / SHIM_PT_CHUNK])
			return -1;
	}
	d = shim_pt_at(pt, pt->nr);
	d->percpu_cnt = shim_zalloc(shim_cur->nr_cpus * SHIM_PERCPU_STRIDE);
	if (!d->percpu_cnt)
		return -1;
	d->desc.kstat_irqs = d->percpu_cnt;
	d->desc.irq_data.irq = SHIM_PT_VIRQ_BASE + pt->nr;
	d->desc.irq_data.hwirq = SHIM_PT_MSI_BASE + pt->nr;
	d->desc.irq_data.chip = &shim_pnv_msi_chip;
	d->xics_data.irq = SHIM_PT_VIRQ_BASE + pt->nr;
	d->xics_data.hwirq = hw;
#ifdef CONFIG_PPC_XIVE
	/* a XIVE host: the device's MSI is a source of the XIVE */
	if (shim_cur->xive && shim_xive_dev_add(pt->nr, hw, &d->xics_data)) {
		kfree(d->percpu_cnt);
		d->percpu_cnt = NULL;
		return -1;
	}
#endif
	if (pt->by_hw)
		shim_pt_index(pt, pt->nr);
	return SHIM_PT_VIRQ_BASE + pt->nr++;
}

int shim_pt_route(int host_irq, unsigned int guest_irq, bool live)
{
	struct shim_ptdev *d = shim_pt_of_virq(host_irq);

	if (!d)
		return -1;
	d->guest_irq = guest_irq;
	d->live = live;
	return 0;
}

int shim_pt_dev_index(unsigned int virq)
{
	return shim_pt_of_virq(virq) ? (int)(virq - SHIM_PT_VIRQ_BASE) : -1;
}

long shim_pt_live_virq(unsigned int virq)
{
	struct shim_ptdev *d = shim_pt_of_virq(virq);

	return d && d->live ? (long)d->guest_irq : -1;
}

long shim_pt_live_irq(unsigned int hw)
{
	int virq = shim_pt_dev(hw, false);
	struct shim_ptdev *d = virq < 0 ? NULL : shim_pt_of_virq(virq);

	return d && d->live ? (long)d->guest_irq : -1;
}

int shim_pt_host_irq_of(unsigned int guest_irq, bool *was_live)
{
	struct shim_pt *pt = shim_cur->pt;
	unsigned int i;

	*was_live = false;
	for (i = 0; i < pt->nr; i++) {
		if (shim_pt_at(pt, i)->live &&
		    shim_pt_at(pt, i)->guest_irq == guest_irq) {
			*was_live = true;
			return SHIM_PT_VIRQ_BASE + i;
		}
	}
	return pt->nr ? (int)SHIM_PT_VIRQ_BASE : -1;
}

/* The XIRR the physical ICP of @cpu returns next, as the hardware holds it */
void shim_set_pending_xirr(int cpu, u32 xirr)
{
	__be32 v = cpu_to_be32(xirr);

	__builtin_memcpy(&shim_cur->cpu[cpu].mmio[XICS_XIRR], &v, sizeof(v));
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	struct shim_ptdev *d = shim_pt_of_virq(irq);

	return d ? &d->desc : NULL;
}

struct irq_domain *irq_get_default_host(void)
{
	return &shim_xics_domain;
}

struct irq_data *irq_domain_get_irq_data(struct irq_domain *domain,
					 unsigned int virq)
{
	struct shim_ptdev *d = shim_pt_of_virq(virq);

	if (domain != &shim_xics_domain || !d)
		return NULL;
	return &d->xics_data;
}

bool is_pnv_opal_msi(struct irq_chip *chip)
{
	return chip == &shim_pnv_msi_chip;
}

/* The PHB's EOI takes the PCI-MSI level irq_data: anything else is a bug */
int64_t pnv_opal_pci_msi_eoi(struct irq_data *d)
{
	struct shim_ptdev *dev = d ? shim_pt_of_virq(d->irq) : NULL;

	if (!dev || d != &dev->desc.irq_data)
		shim_warn(__FILE__, __LINE__);
	/* FAULT-PHB-EOI: the PHB refuses the EOI */
	return shim_fault(SHIM_FAULT_PHB_EOI) ? SHIM_OPAL_HARDWARE : 0;
}

#ifndef CONFIG_PPC_XIVE
/* This machine has no XIVE */
int kvmppc_xive_set_mapped(struct kvm *kvm, unsigned long guest_irq,
			   unsigned long host_irq)
{
	shim_warn(__FILE__, __LINE__);
	return -ENODEV;
}

int kvmppc_xive_clr_mapped(struct kvm *kvm, unsigned long guest_irq,
			   unsigned long host_irq)
{
	shim_warn(__FILE__, __LINE__);
	return -ENODEV;
}
#endif

/*
 * A second interrupt may wait behind the pending one (`hwirq H cpu P
 * then=H2`): reading the XIRR accepts the first and the controller
 * presents the next, which OPAL's EOI reports (ROUTE-READ-AGAIN).
 */
void shim_xirr_accepted(int cpu)
{
	struct shim_cpu *c = &shim_cur->cpu[cpu];

	if (!c->queued_xirr)
		return;
	shim_set_pending_xirr(cpu, c->queued_xirr);
	c->queued_xirr = 0;
}

u32 shim_xirr_head(int cpu)
{
	__be32 v;

	__builtin_memcpy(&v, &shim_cur->cpu[cpu].mmio[XICS_XIRR], sizeof(v));
	return be32_to_cpu(v);
}

bool shim_xirr_pending(int cpu)
{
	return (shim_xirr_head(cpu) & 0xffffff) != 0;
}
