// SPDX-License-Identifier: GPL-2.0-only
/*
 * Passed-through devices on a XIVE host.  A device's MSI is a source of
 * the XIVE with an ESB of its own, as a PHB's are on POWER9 (skiboot
 * hw/phb4.c: xive_register_hw_source, one 64K page per MSI that is
 * trigger and management page at once, no StoreEOI), numbered by the
 * scenario's H.  Linux's side of it is restated from
 * arch/powerpc/sysdev/xive/common.c:
 *   xive_irq_alloc_data	when the MSI is mapped: populated, no
 *				target, turned off (PQ 01);
 *   xive_irq_startup		VFIO's request_irq: routed to the
 *				requesting CPU, then unmasked;
 *   xive_irq_set_affinity	the host moves it (not while forwarded);
 *   xive_irq_eoi		after the handler: no EOI while forwarded;
 *   xive_irq_set_vcpu_affinity	KVM forwards it to a VCPU
 *				(kvmppc_xive_set_mapped) and gives it back
 *				(kvmppc_xive_clr_mapped).
 * While forwarded the routing entry is KVM's (xive_native_configure_irq
 * with the VP of the guest source's server and the guest IRQ number as
 * data): an event goes straight to that VCPU's queue (xive_router.c).
 * While the host owns it the entry names a host thread: an event is
 * queued for the host, and its handler (VFIO's: the adapter's irqfd)
 * runs after the step, on that thread, followed by Linux's EOI.
 */
#include <xr_shim/xive_hw.h>

struct shim_xive_dev *shim_xive_dev_at(struct shim_xive *x, unsigned int i)
{
	struct shim_xive_dev *c;

	if (i >= SHIM_PT_MAX_DEVS)
		return NULL;
	c = x->dev[i / SHIM_XIVE_DEV_CHUNK];
	if (!c || !c[i % SHIM_XIVE_DEV_CHUNK].src.used)
		return NULL;
	return &c[i % SHIM_XIVE_DEV_CHUNK];
}

struct shim_xive_dev *shim_xive_dev_of_hw(struct shim_xive *x, u32 hw)
{
	int virq;

	if (!shim_cur->pt)
		return NULL;
	virq = shim_pt_dev(hw, false);
	return virq < 0 ? NULL : shim_xive_dev_at(x, shim_pt_dev_index(virq));
}

struct shim_xive_dev *shim_xive_dev_of_virq(unsigned int virq)
{
	struct shim_xive *x = shim_xive_cur();
	int i = x && shim_cur->pt ? shim_pt_dev_index(virq) : -1;

	return i < 0 ? NULL : shim_xive_dev_at(x, i);
}

/* opal_xive_get_irq_info of a PHB MSI: one page, trigger = EOI page */
int shim_xive_dev_populate(struct shim_xive_dev *dev,
			   struct xive_irq_data *data)
{
	unsigned long token = SHIM_XIVE_TOKEN(SHIM_XIVE_TAG_DEV) |
			      (unsigned long)dev->index << SHIM_XIVE_PAGE_SHIFT;

	__builtin_memset(data, 0, sizeof(*data));
	data->eoi_page = SHIM_XIVE_DEV_PHYS +
			 ((u64)dev->index << SHIM_XIVE_DEV_SHIFT);
	data->trig_page = data->eoi_page;
	data->eoi_mmio = (void __iomem *)token;
	data->trig_mmio = data->eoi_mmio;	/* native.c: the same page */
	data->esb_shift = SHIM_XIVE_DEV_SHIFT;
	data->src_chip = 0;
	data->hw_irq = dev->hw;
	dev->src.maps++;
	return 0;
}

int shim_xive_dev_add(unsigned int index, u32 hw, struct irq_data *d)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_src *ipi = x ? shim_xive_src(x, hw) : NULL;
	struct shim_xive_dev **c, *dev;

	if (!x || index >= SHIM_PT_MAX_DEVS)
		return -1;
	if ((ipi && ipi->used) || hw & SHIM_XIVE_ESC_FLAG) {
		shim_xive_bad_access("a device's interrupt number is one the "
				     "XIVE already gave an IPI or an END", hw);
		return -1;
	}
	c = &x->dev[index / SHIM_XIVE_DEV_CHUNK];
	if (!*c)
		*c = shim_zalloc(SHIM_XIVE_DEV_CHUNK * sizeof(**c));
	if (!*c)
		return -1;
	dev = &(*c)[index % SHIM_XIVE_DEV_CHUNK];
	__builtin_memset(dev, 0, sizeof(*dev));
	dev->src.used = true;
	dev->src.pq = SHIM_XIVE_PQ_OFF;
	dev->src.prio = 0xff;
	dev->hw = hw;
	dev->index = index;
	dev->d = d;
	dev->host_cpu = -1;
	/* xive_irq_domain_map -> xive_irq_alloc_data */
	shim_xive_dev_populate(dev, &dev->xd);
	dev->xd.target = SHIM_XIVE_NO_TARGET;
	shim_xive_linux_esb(&dev->xd, XIVE_ESB_SET_PQ_01);
	return 0;
}

/*
 * xive_ops->configure_irq(hw, get_hard_smp_processor_id(cpu),
 * xive_irq_priority, d->irq): Linux routes its own interrupt to a host
 * thread (the entry's VP is the thread's hard id; KVM never names one)
 */
static void shim_xive_dev_route_host(struct shim_xive_dev *dev, int cpu)
{
	dev->src.prio = SHIM_XIVE_HOST_PRIO;
	dev->src.vp = (u32)get_hard_smp_processor_id(cpu);
	dev->src.data = dev->d->irq;
	dev->host_cpu = cpu;
}

/* xive_irq_startup, at VFIO's request_irq */
int shim_xive_dev_request(unsigned int virq, irq_handler_t handler,
			  const char *name, void *data)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(virq);

	if (!dev || !handler)
		return -EINVAL;
	if (dev->requested)
		return -EBUSY;
	dev->handler = handler;
	dev->dev_id = data;
	dev->name = name;
	dev->requested = true;
	dev->xd.saved_p = false;
	dev->xd.stale_p = false;
	/* a target of its affinity: the CPU that requests it */
	dev->xd.target = shim_this_cpu();
	shim_xive_dev_route_host(dev, dev->xd.target);
	shim_xive_linux_set_mask(&dev->xd, false);
	return 0;
}

/* xive_irq_set_affinity to @cpu alone */
void shim_xive_dev_set_affinity(unsigned int virq, int cpu)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(virq);

	if (!dev || cpu < 0 || cpu >= shim_cur->nr_cpus) {
		shim_xive_bad_access("irq_set_affinity of no device's "
				     "interrupt, or to no CPU", virq);
		return;
	}
	if (dev->xd.target != SHIM_XIVE_NO_TARGET && dev->xd.target == cpu)
		return;
	/* only configured while not passed-through to a KVM guest */
	if (!dev->forwarded)
		shim_xive_dev_route_host(dev, cpu);
	dev->xd.target = cpu;
}

/*
 * xive_irq_set_vcpu_affinity: forwarding sets PQ 10 so that the source
 * sends nothing more (11 if it had an event in a host queue, which the
 * host's EOI then re-sends); KVM then routes it to the guest.  Giving it
 * back routes it to its host target again and, unless an event of it
 * still sits in a host queue (saved_p), re-enables it with an EOI, which
 * sends the event a Q held.  xive_native_sync_source has nothing to wait
 * for here (events land synchronously).
 */
int irq_set_vcpu_affinity(unsigned int irq, void *vcpu_info)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(irq);
	struct xive_irq_data *xd;
	u8 pq;

	if (!dev) {
		shim_xive_bad_access("irq_set_vcpu_affinity of an interrupt "
				     "that is no passed-through device's", irq);
		return -EINVAL;
	}
	xd = &dev->xd;
	if (vcpu_info) {
		dev->forwarded = true;
		pq = shim_xive_linux_esb(xd, XIVE_ESB_SET_PQ_10);
		if (!xd->stale_p) {
			xd->saved_p = !!(pq & XIVE_ESB_VAL_P);
			xd->stale_p = !xd->saved_p;
		}
		if (xd->target == SHIM_XIVE_NO_TARGET) {
			WARN_ON(xd->saved_p);
			return 0;
		}
		if (xd->saved_p)
			shim_xive_linux_esb(xd, XIVE_ESB_SET_PQ_11);
		return 0;
	}
	dev->forwarded = false;
	if (xd->target == SHIM_XIVE_NO_TARGET) {
		shim_xive_linux_set_mask(xd, true);
		return 0;
	}
	shim_xive_dev_route_host(dev, xd->target);
	if (!xd->saved_p)
		shim_xive_linux_source_eoi(xd);
	return 0;
}

enum shim_xive_dest shim_xive_dev_dest(unsigned int virq)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(virq);

	if (!dev || dev->src.prio == 0xff)
		return SHIM_XIVE_TO_NONE;
	return dev->host_cpu >= 0 ? SHIM_XIVE_TO_HOST : SHIM_XIVE_TO_VP;
}

/* The PHB notifies the XIVE: the source's PQ machine, then its route */
void shim_xive_dev_fire(unsigned int virq)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_dev *dev = shim_xive_dev_of_virq(virq);

	if (!dev) {
		shim_xive_bad_access("an MSI of no device", virq);
		return;
	}
	if (shim_xive_pq_trigger(&dev->src.pq))
		shim_xive_route(x, dev->hw);
}

/*
 * Into the host queue of the thread the entry names.  An event already
 * there cannot come again while its P bit holds the source back.
 */
void shim_xive_dev_host(struct shim_xive *x, struct shim_xive_dev *dev)
{
	if (!dev->requested) {
		x->dropped++;
		return;
	}
	if (dev->pending) {
		shim_xive_bad_access("device interrupt queued twice in the "
				     "host queue", dev->hw);
		return;
	}
	dev->pending = true;
	dev->run_cpu = dev->host_cpu;
	dev->next = NULL;
	if (x->dev_tail)
		x->dev_tail->next = dev;
	else
		x->dev_head = dev;
	x->dev_tail = dev;
}

/*
 * The host takes each queued device interrupt on its thread: the
 * handler, then xive_irq_eoi (no EOI of an interrupt forwarded to a VCPU
 * meanwhile: its P is stale, the guest's EOI is the one that counts)
 */
int shim_xive_dev_run(struct shim_xive *x)
{
	struct shim_xive_dev *dev;
	int n = 0, cpu;

	while ((dev = x->dev_head)) {
		x->dev_head = dev->next;
		if (!x->dev_head)
			x->dev_tail = NULL;
		dev->pending = false;
		dev->next = NULL;
		cpu = shim_cur->cur_cpu;
		shim_cur->cur_cpu = dev->run_cpu;
		dev->handler(dev->d->irq, dev->dev_id);
		if (!dev->forwarded)
			shim_xive_linux_source_eoi(&dev->xd);
		else
			dev->xd.stale_p = true;
		dev->xd.saved_p = false;
		shim_cur->cur_cpu = cpu;
		n++;
	}
	return n;
}
