// SPDX-License-Identifier: GPL-2.0-only
/*
 * The firmware side of the simulated XIVE: the kernel's XIVE globals,
 * the machine's XIVE (create, select, destroy), and the xive_native_*
 * wrappers of interrupt sources as arch/powerpc/sysdev/xive/native.c
 * and skiboot (hw/xive.c: opal_xive_allocate_irq, opal_xive_free_irq,
 * opal_xive_get_irq_info, opal_xive_set_irq_config) behave on POWER9.
 * VPs and queues: xive_vp.c.
 */
#include <xr_shim/xive_hw.h>

/* What asm/xive.h declares; loaded from the selected machine */
void __iomem *xive_tima;
unsigned long xive_tima_os;
u32 xive_tima_offset;
bool __xive_enabled;

void shim_xive_select(struct shim_machine *m)
{
	bool on = m && m->xive;

	__xive_enabled = on;
	xive_tima = on ? (void __iomem *)SHIM_XIVE_TOKEN(SHIM_XIVE_TAG_TIMA)
		       : NULL;
	/* the OS view is the third 64K page of the TIMA */
	xive_tima_os = on ? SHIM_XIVE_TIMA_PHYS + (2UL << SHIM_XIVE_PAGE_SHIFT)
			  : 0;
	/* powernv runs the host on the physical ring */
	xive_tima_offset = on ? TM_QW3_HV_PHYS : 0;
}

int shim_xive_create(struct shim_machine *m)
{
	struct shim_xive *x;
	int cpu;

	x = shim_zalloc(sizeof(*x));
	if (!x)
		return -ENOMEM;
	x->thr = shim_zalloc(m->nr_cpus * sizeof(*x->thr));
	if (!x->thr) {
		kfree(x);
		return -ENOMEM;
	}
	x->m = m;
	x->nr_cpus = m->nr_cpus;
	x->irq_hint = SHIM_XIVE_IRQ_FIRST;
	x->single_escalation = true;
	x->store_eoi = false;
	x->eq_shift = 12;
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct kvmppc_host_state *hs = &m->cpu[cpu].paca.kvm_hstate;

		/* CPPR 0xff: a thread with no context masks nothing */
		x->thr[cpu].os[TM_CPPR] = 0xff;
		x->thr[cpu].os[TM_PIPR] = 0xff;
		hs->xive_tima_virt = (void __iomem *)
			(SHIM_XIVE_TOKEN(SHIM_XIVE_TAG_TIMA_CPU) |
			 (unsigned long)cpu << SHIM_XIVE_PAGE_SHIFT);
		hs->xive_tima_phys = (void __iomem *)(unsigned long)
			SHIM_XIVE_TIMA_PHYS;
	}
	m->xive = x;
	if (shim_cur == m)
		shim_xive_select(m);
	return 0;
}

void shim_xive_destroy(struct shim_machine *m)
{
	struct shim_xive *x = m->xive;
	int i;

	if (!x)
		return;
	for (i = 0; i < SHIM_XIVE_VP_BLOCKS; i++)
		if (x->blk[i].count)
			xive_native_free_vp_block(x->blk[i].base);
	for (i = 0; i < SHIM_XIVE_IRQ_CHUNKS; i++)
		kfree(x->chunk[i]);
	for (i = 0; i < SHIM_XIVE_DEV_CHUNKS; i++)
		kfree(x->dev[i]);
	for (i = 0; i < m->nr_cpus; i++) {
		m->cpu[i].paca.kvm_hstate.xive_tima_virt = NULL;
		m->cpu[i].paca.kvm_hstate.xive_tima_phys = NULL;
	}
	kfree(x->thr);
	kfree(x);
	m->xive = NULL;
	if (shim_cur == m)
		shim_xive_select(m);
}

void shim_xive_set_caps(struct shim_machine *m, bool single_escalation,
			bool store_eoi, u32 eq_shift)
{
	if (!m->xive)
		return;
	m->xive->single_escalation = single_escalation;
	m->xive->store_eoi = store_eoi;
	m->xive->eq_shift = eq_shift;
}

struct shim_xive_src *shim_xive_src(struct shim_xive *x, u32 girq)
{
	struct shim_xive_chunk *c;

	if (girq >= SHIM_XIVE_IRQ_LIMIT)
		return NULL;
	c = x->chunk[girq / SHIM_XIVE_IRQ_CHUNK];
	return c ? &c->src[girq % SHIM_XIVE_IRQ_CHUNK] : NULL;
}

struct shim_xive_src *shim_xive_eas(struct shim_xive *x, u32 girq)
{
	struct shim_xive_dev *dev = shim_xive_dev_of_hw(x, girq);

	return dev ? &dev->src : shim_xive_src(x, girq);
}

int shim_xive_pq(u32 girq)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_src *s;
	struct shim_xive_end *end;

	if (!x)
		return -1;
	if (shim_xive_dev_of_hw(x, girq))
		return shim_xive_dev_of_hw(x, girq)->src.pq;
	if (girq & SHIM_XIVE_ESC_FLAG) {
		end = shim_xive_esc_end(x, girq);
		return end ? end->ese : -1;
	}
	s = shim_xive_src(x, girq);
	return s && s->used ? s->pq : -1;
}

/*
 * The lowest free number from 0x10 (skiboot never hands out 2, the XICS
 * IPI, and starts at XIVE_INT_FIRST) that is no device's either (skiboot
 * keeps the PHBs' sources apart from the IPIs).  A new source is off: PQ
 * 01, EAS masked.  0 when there is none, as native.c turns an OPAL error
 * into.
 */
u32 xive_native_alloc_irq_on_chip(u32 chip_id)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_chunk **c;
	struct shim_xive_src *s;
	u32 girq;

	if (!x || (chip_id != 0 && chip_id != OPAL_XIVE_ANY_CHIP))
		return 0;
	for (girq = x->irq_hint; girq < SHIM_XIVE_IRQ_LIMIT; girq++) {
		c = &x->chunk[girq / SHIM_XIVE_IRQ_CHUNK];
		if (!*c)
			*c = shim_zalloc(sizeof(**c));
		if (!*c)
			return 0;
		s = &(*c)->src[girq % SHIM_XIVE_IRQ_CHUNK];
		if (s->used || shim_xive_dev_of_hw(x, girq))
			continue;
		__builtin_memset(s, 0, sizeof(*s));
		s->used = true;
		s->pq = SHIM_XIVE_PQ_OFF;
		s->prio = 0xff;
		x->irq_hint = girq + 1;
		return girq;
	}
	return 0;
}

/* Freed: off and masked again; OPAL_PARAMETER for others, ignored */
void xive_native_free_irq(u32 irq)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_src *s = x ? shim_xive_src(x, irq) : NULL;

	if (!s || !s->used || irq < SHIM_XIVE_IRQ_FIRST)
		return;
	__builtin_memset(s, 0, sizeof(*s));
	s->pq = SHIM_XIVE_PQ_OFF;
	s->prio = 0xff;
	if (irq < x->irq_hint)
		x->irq_hint = irq;
}

/*
 * opal_xive_get_irq_info, as native.c turns it into struct xive_irq_data.
 * An IPI: trigger page then EOI page, esb_shift 17, StoreEOI only if the
 * firmware enables it (skiboot: XIVE_STORE_EOI_ENABLED is 0).  An
 * escalation: the END's ESe page as EOI page and no trigger page.  A
 * device's MSI: xive_dev.c.
 */
int xive_native_populate_irq_data(u32 hw_irq, struct xive_irq_data *data)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_src *s = NULL;
	struct shim_xive_end *end = NULL;
	u64 phys;

	if (x && shim_xive_dev_of_hw(x, hw_irq))
		return shim_xive_dev_populate(shim_xive_dev_of_hw(x, hw_irq),
					      data);
	__builtin_memset(data, 0, sizeof(*data));
	if (x && hw_irq & SHIM_XIVE_ESC_FLAG)
		end = shim_xive_esc_end(x, hw_irq);
	else if (x)
		s = shim_xive_src(x, hw_irq);
	if (!end && (!s || !s->used))
		return -EINVAL;
	if (end) {
		phys = SHIM_XIVE_END_PHYS + ((u64)(hw_irq & SHIM_XIVE_END_MASK)
					     << SHIM_XIVE_ESB_SHIFT);
		end->esc.maps++;
	} else {
		phys = SHIM_XIVE_ESB_PHYS + ((u64)hw_irq << SHIM_XIVE_ESB_SHIFT);
		data->trig_page = phys;
		data->trig_mmio = (void __iomem *)shim_xive_esb_addr(hw_irq, 0);
		if (x->store_eoi)
			data->flags |= XIVE_IRQ_FLAG_STORE_EOI;
		s->maps++;
	}
	data->eoi_page = phys + (1ULL << SHIM_XIVE_PAGE_SHIFT);
	data->eoi_mmio = (void __iomem *)shim_xive_esb_addr(hw_irq, 1);
	data->esb_shift = SHIM_XIVE_ESB_SHIFT;
	data->src_chip = 0;
	data->hw_irq = hw_irq;
	return 0;
}

/* The mappings go; what the pages served is no longer reachable */
void xive_cleanup_irq_data(struct xive_irq_data *xd)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_src *s;
	struct shim_xive_end *end;

	if (xd->eoi_mmio && x) {
		if ((unsigned long)xd->eoi_mmio >> SHIM_XIVE_TAG_SHIFT ==
		    SHIM_XIVE_TAG_DEV) {
			s = shim_xive_eas(x, xd->hw_irq);
			if (s && s->maps)
				s->maps--;
		} else if (xd->hw_irq & SHIM_XIVE_ESC_FLAG) {
			end = shim_xive_esc_end(x, xd->hw_irq);
			if (end && end->esc.maps)
				end->esc.maps--;
		} else {
			s = shim_xive_src(x, xd->hw_irq);
			if (s && s->maps)
				s->maps--;
		}
	}
	if (xd->eoi_mmio == xd->trig_mmio)
		xd->trig_mmio = NULL;
	xd->eoi_mmio = NULL;
	xd->trig_mmio = NULL;
}

/*
 * opal_xive_set_irq_config: the EAS of an allocated source or of a
 * device's MSI.  Masked (0xff) needs no target; otherwise the VP must be
 * one of a block (KVM names no host thread: Linux's routes of a device
 * are xive_dev.c's).
 */
int xive_native_configure_irq(u32 hw_irq, u32 target, u8 prio, u32 sw_irq)
{
	struct shim_xive *x = shim_xive_cur();
	struct shim_xive_src *s = x ? shim_xive_eas(x, hw_irq) : NULL;

	if (!s || !s->used)
		return -ENXIO;
	if (prio != 0xff && (prio >= SHIM_XIVE_NR_PRIO ||
			     !shim_xive_vp(x, target, true)))
		return -ENXIO;
	if (shim_xive_dev_of_hw(x, hw_irq))
		shim_xive_dev_of_hw(x, hw_irq)->host_cpu = -1;
	s->prio = prio;
	s->vp = target;
	s->data = sw_irq & 0x7fffffff;
	return 0;
}

/*
 * Syncs wait until events already past the source (sync_source) or the
 * router (sync_queue) have landed; here every event lands before the
 * access that made it returns.
 */
void xive_native_sync_source(u32 hw_irq)
{
}

void xive_native_sync_queue(u32 hw_irq)
{
}

u32 xive_native_default_eq_shift(void)
{
	struct shim_xive *x = shim_xive_cur();

	return x ? x->eq_shift : 0;
}

bool xive_native_has_single_escalation(void)
{
	struct shim_xive *x = shim_xive_cur();

	return x && x->single_escalation;
}

/* POWER9: no automatic save/restore of the OS context (a POWER10 feature) */
bool xive_native_has_save_restore(void)
{
	return false;
}
