// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host's interrupt layer, as much as KVM's escalation interrupts
 * use: a Linux number for an escalation interrupt (the mapping populates
 * the host's struct xive_irq_data), request_irq/free_irq with Linux's
 * XIVE startup and shutdown (unmask and mask at the ESB, the host EAS
 * routed or masked), and the handler run at the host's EOI discipline
 * (arch/powerpc/sysdev/xive/common.c: xive_irq_startup,
 * xive_irq_shutdown, xive_do_source_set_mask, xive_irq_eoi,
 * xive_do_source_eoi).  Every ESB access goes through the kernel-facing
 * accessors and the handler data's pages, as the host's would.  The
 * same calls on a passed-through device's interrupt go to xive_dev.c.
 *
 * An escalation interrupt's Linux number is SHIM_XIVE_VIRQ_BASE plus
 * its END index; its state lives in its END (struct shim_xive_esc).
 */
#include <xr_shim/xive_hw.h>

static struct shim_xive_esc *shim_xive_esc_of_virq(unsigned int virq)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_end *end;

	if (!x || virq < SHIM_XIVE_VIRQ_BASE)
		return NULL;
	end = shim_xive_esc_end(x, SHIM_XIVE_ESC_FLAG |
				(virq - SHIM_XIVE_VIRQ_BASE));
	return end && end->esc.mapped ? &end->esc : NULL;
}

/* xive_esb_read: the answer is the low byte of the big-endian load */
u8 shim_xive_linux_esb(struct xive_irq_data *xd, u32 off)
{
	return __raw_readq(xd->eoi_mmio + off) >> 56;
}

/* xive_do_source_set_mask: remember a P that an unmask must restore */
void shim_xive_linux_set_mask(struct xive_irq_data *xd, bool mask)
{
	if (mask) {
		u8 pq = shim_xive_linux_esb(xd, XIVE_ESB_SET_PQ_01);

		if (!xd->stale_p && (pq & XIVE_ESB_VAL_P))
			xd->saved_p = true;
		xd->stale_p = false;
	} else if (xd->saved_p) {
		shim_xive_linux_esb(xd, XIVE_ESB_SET_PQ_10);
		xd->saved_p = false;
	} else {
		shim_xive_linux_esb(xd, XIVE_ESB_SET_PQ_00);
		xd->stale_p = false;
	}
}

/*
 * xive_do_source_eoi of an MSI without StoreEOI: PQ to 00, and a trigger
 * again if Q was set
 */
void shim_xive_linux_source_eoi(struct xive_irq_data *xd)
{
	xd->stale_p = false;
	if ((shim_xive_linux_esb(xd, XIVE_ESB_SET_PQ_00) & XIVE_ESB_VAL_Q) &&
	    xd->trig_mmio)
		out_be64(xd->trig_mmio, 0);
}

static void shim_xive_host_mask(struct shim_xive_esc *esc, bool mask)
{
	shim_xive_linux_set_mask(&esc->xd, mask);
}

/* xive_irq_eoi: no EOI for a disabled or a NO_EOI interrupt */
static void shim_xive_host_eoi(struct shim_xive_esc *esc)
{
	struct xive_irq_data *xd = &esc->xd;

	if (!esc->disabled && !(xd->flags & XIVE_IRQ_FLAG_NO_EOI))
		shim_xive_linux_source_eoi(xd);
	else
		xd->stale_p = true;
	xd->saved_p = false;
}

/*
 * Into the host's queue.  An interrupt already there cannot come again
 * while its P bit holds it back; software that set PQ to 00 meanwhile
 * puts it there twice, what book3s_xive.c calls "a big no-no".
 */
static void shim_xive_esc_queue(struct shim_xive *x, struct shim_xive_esc *esc)
{
	if (esc->pending) {
		shim_xive_bad_access("escalation interrupt queued twice in "
				     "the host queue", esc->d.hwirq);
		return;
	}
	esc->pending = true;
	esc->next = NULL;
	if (x->pend_tail)
		x->pend_tail->next = esc;
	else
		x->pend_head = esc;
	x->pend_tail = esc;
}

void shim_xive_esc_forget(struct shim_xive *x, struct shim_xive_esc *esc)
{
	struct shim_xive_esc **pp, *prev = NULL;

	esc->deferred = false;
	if (!esc->pending)
		return;
	for (pp = &x->pend_head; *pp; prev = *pp, pp = &(*pp)->next) {
		if (*pp != esc)
			continue;
		*pp = esc->next;
		if (x->pend_tail == esc)
			x->pend_tail = prev;
		break;
	}
	esc->pending = false;
	esc->next = NULL;
}

/*
 * The event of an escalation went through its ESe: the host EAS takes
 * it to a host queue if Linux started the interrupt; else it is lost
 * (a masked EAS), with P left set.
 */
void shim_xive_esc_raise(struct shim_xive *x, struct shim_xive_end *end)
{
	if (!end->esc.routed) {
		x->dropped++;
		return;
	}
	shim_xive_esc_queue(x, &end->esc);
}

static int shim_xive_esc_run(struct shim_xive *x)
{
	struct shim_xive_esc *esc;
	int n = 0, cpu;

	while ((esc = x->pend_head)) {
		x->pend_head = esc->next;
		if (!x->pend_head)
			x->pend_tail = NULL;
		esc->pending = false;
		esc->next = NULL;
		if (!esc->requested)
			continue;
		if (esc->disabled) {
			/* Linux's lazy disable: replayed at enable_irq */
			esc->deferred = true;
			shim_xive_host_eoi(esc);
			continue;
		}
		cpu = shim_cur->cur_cpu;
		shim_cur->cur_cpu = esc->cpu;
		esc->handler(esc->d.irq, esc->dev);
		shim_xive_host_eoi(esc);
		shim_cur->cur_cpu = cpu;
		n++;
	}
	return n;
}

/*
 * The host queues hold escalations and device interrupts; a device's
 * handler may raise an escalation (its irqfd triggers a VCPU whose VP is
 * not pushed), so both are run until neither has anything left
 */
int shim_xive_run_escalations(void)
{
	struct shim_xive *x = shim_xive_cur();
	int n = 0;

	if (!x)
		return 0;
	do {
		n += shim_xive_esc_run(x);
		n += shim_xive_dev_run(x);
	} while (x->pend_head || x->dev_head);
	return n;
}

unsigned int irq_create_mapping(struct irq_domain *domain,
				unsigned long hwirq)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_end *end = NULL;

	if (x && !domain && hwirq <= 0xffffffffUL)
		end = shim_xive_esc_end(x, (u32)hwirq);
	if (!end) {
		shim_xive_bad_access("irq_create_mapping of a number that is "
				     "no escalation interrupt", hwirq);
		return 0;
	}
	if (end->esc.mapped)
		return end->esc.d.irq;
	if (xive_native_populate_irq_data((u32)hwirq, &end->esc.xd))
		return 0;
	end->esc.d.irq = SHIM_XIVE_VIRQ_BASE + ((u32)hwirq & SHIM_XIVE_END_MASK);
	end->esc.d.hwirq = hwirq;
	end->esc.mapped = true;
	return end->esc.d.irq;
}

void irq_dispose_mapping(unsigned int virq)
{
	struct shim_xive_esc *esc;

	if (!virq)
		return;
	esc = shim_xive_esc_of_virq(virq);
	if (!esc) {
		shim_xive_bad_access("irq_dispose_mapping of an unknown Linux "
				     "interrupt", virq);
		return;
	}
	if (esc->requested)
		free_irq(virq, esc->dev);
	xive_cleanup_irq_data(&esc->xd);
	esc->mapped = false;
}

void xive_irq_free_data(unsigned int virq)
{
	irq_dispose_mapping(virq);
}

struct irq_data *irq_get_irq_data(unsigned int virq)
{
	struct shim_xive_esc *esc = shim_xive_esc_of_virq(virq);

	if (!esc) {
		shim_xive_bad_access("irq_get_irq_data of an unknown Linux "
				     "interrupt", virq);
		return NULL;
	}
	return &esc->d;
}

void *irq_data_get_irq_handler_data(struct irq_data *d)
{
	struct shim_xive_dev *dev = d ? shim_xive_dev_of_virq(d->irq) : NULL;
	struct shim_xive_esc *esc = d ? shim_xive_esc_of_virq(d->irq) : NULL;

	/* a device's: the handler data of its XIVE-level irq_data */
	if (dev && dev->d == d)
		return &dev->xd;

	if (!esc || &esc->d != d) {
		shim_xive_bad_access("irq_data_get_irq_handler_data of an "
				     "unknown irq_data", (unsigned long)d);
		return NULL;
	}
	return &esc->xd;
}

/* Startup: routed to the requesting CPU, then unmasked at the ESB */
int request_irq(unsigned int virq, irq_handler_t handler,
		unsigned long flags, const char *name, void *data)
{
	struct shim_xive_esc *esc = shim_xive_esc_of_virq(virq);

	if (shim_xive_dev_of_virq(virq))
		return shim_xive_dev_request(virq, handler, name, data);
	if (!esc || !handler)
		return -EINVAL;
	if (esc->requested)
		return -EBUSY;
	esc->handler = handler;
	esc->dev = data;
	esc->name = name;
	esc->requested = true;
	esc->disabled = false;
	esc->cpu = shim_this_cpu();
	esc->xd.saved_p = false;
	esc->xd.stale_p = false;
	esc->routed = true;
	shim_xive_host_mask(esc, false);
	return 0;
}

/* Shutdown: masked at the ESB, the host EAS masked; Linux returns the name */
const void *free_irq(unsigned int virq, void *data)
{
	struct shim_xive_esc *esc = shim_xive_esc_of_virq(virq);
	const char *name;

	if (!esc || !esc->requested || esc->dev != data) {
		WARN(1, "Trying to free already-free IRQ");
		return NULL;
	}
	shim_xive_host_mask(esc, true);
	esc->routed = false;
	shim_xive_esc_forget(shim_xive_cur(), esc);
	esc->requested = false;
	esc->handler = NULL;
	name = esc->name;
	esc->name = NULL;
	return name;
}

void disable_irq_nosync(unsigned int virq)
{
	struct shim_xive_esc *esc = shim_xive_esc_of_virq(virq);

	if (!esc || !esc->requested || esc->disabled)
		return;
	esc->disabled = true;
	shim_xive_host_mask(esc, true);
}

/* Handlers run only in shim_xive_run_escalations: none is running now */
void disable_irq(unsigned int virq)
{
	disable_irq_nosync(virq);
}

void enable_irq(unsigned int virq)
{
	struct shim_xive_esc *esc = shim_xive_esc_of_virq(virq);

	if (!esc || !esc->requested || !esc->disabled)
		return;
	esc->disabled = false;
	shim_xive_host_mask(esc, false);
	if (esc->deferred) {
		esc->deferred = false;
		shim_xive_esc_queue(shim_xive_cur(), esc);
	}
}
