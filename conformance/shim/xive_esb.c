// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event State Buffers: the PQ bits of each interrupt source and of each
 * END's escalation, and the ESB pages through which software reads and
 * sets them.  P says an event went on and no EOI came back yet, Q that
 * another one came meanwhile; 01 is "off" (events dropped).
 *
 * Page 0 of a source is its trigger page, page 1 its management (EOI)
 * page (skiboot registers IPIs with XIVE_SRC_EOI_PAGE1 |
 * XIVE_SRC_TRIGGER_PAGE).  An escalation interrupt has the END's ESn and
 * ESe pages: only the ESe page (page 1) serves it, there is no trigger
 * page.  A device's MSI (xive_dev.c) has one page that is both: the
 * management page's offsets, a store below XIVE_ESB_STORE_EOI being the
 * trigger (QEMU's single-page sources).  Offsets of the EOI page: the
 * table of QEMU hw/intc/xive.c (xive_source_esb_read/_write), which
 * follows the XIVE specification.
 */
#include <xr_shim/xive_hw.h>

bool shim_xive_pq_trigger(u8 *pq)
{
	switch (*pq) {
	case SHIM_XIVE_PQ_RESET:
		*pq = SHIM_XIVE_PQ_PENDING;
		return true;
	case SHIM_XIVE_PQ_PENDING:
	case SHIM_XIVE_PQ_QUEUED:
		*pq = SHIM_XIVE_PQ_QUEUED;
		return false;
	default:	/* off: the event is dropped */
		return false;
	}
}

/* EOI: 10 and 00 -> 00; 11 -> 10 and the queued event goes on; 01 stays */
bool shim_xive_pq_eoi(u8 *pq)
{
	switch (*pq) {
	case SHIM_XIVE_PQ_RESET:
	case SHIM_XIVE_PQ_PENDING:
		*pq = SHIM_XIVE_PQ_RESET;
		return false;
	case SHIM_XIVE_PQ_QUEUED:
		*pq = SHIM_XIVE_PQ_PENDING;
		return true;
	default:
		return false;
	}
}

unsigned long shim_xive_esb_addr(u32 girq, int page)
{
	return SHIM_XIVE_TOKEN(SHIM_XIVE_TAG_ESB) |
	       (unsigned long)girq << SHIM_XIVE_ESB_SHIFT |
	       (unsigned long)page << SHIM_XIVE_PAGE_SHIFT;
}

/*
 * What an ESB address reaches: the PQ it serves, the interrupt number,
 * whether it is a source (events go to the router) or an END's
 * escalation (events are made by the router, never by a store), which
 * page it is on, and whether StoreEOI is there.
 */
struct shim_xive_esb_ref {
	u8 *pq;
	u32 girq;
	bool is_src;
	bool mgmt;		/* a management page (a device's: and trigger) */
	bool store_eoi;
};

/* A device's page: trigger and management at once, no StoreEOI */
static bool shim_xive_esb_dev(struct shim_xive *x, unsigned long addr,
			      struct shim_xive_esb_ref *r)
{
	struct shim_xive_dev *dev;

	dev = shim_xive_dev_at(x, (addr & ~SHIM_XIVE_TOKEN(0xffff)) >>
			       SHIM_XIVE_PAGE_SHIFT);
	if (!dev || !dev->src.maps) {
		shim_xive_bad_access("ESB of a device that has none or whose "
				     "data was cleaned up", addr);
		return false;
	}
	r->pq = &dev->src.pq;
	r->girq = dev->hw;
	r->is_src = r->mgmt = true;
	r->store_eoi = false;
	return true;
}

/* NULL after reporting the access */
static u8 *shim_xive_esb_decode(struct shim_xive *x, unsigned long addr,
				struct shim_xive_esb_ref *r)
{
	struct shim_xive_src *s;
	struct shim_xive_end *end;
	u32 *girq = &r->girq;

	if ((addr & SHIM_XIVE_PAGE_OFF) >= SHIM_XIVE_MMIO_SPAN) {
		shim_xive_bad_access("ESB offset beyond the registers", addr);
		return NULL;
	}
	if (addr >> SHIM_XIVE_TAG_SHIFT == SHIM_XIVE_TAG_DEV)
		return shim_xive_esb_dev(x, addr, r) ? r->pq : NULL;
	*girq = (u32)((addr & ~SHIM_XIVE_TOKEN(0xffff)) >> SHIM_XIVE_ESB_SHIFT);
	r->mgmt = (addr >> SHIM_XIVE_PAGE_SHIFT) & 1;
	r->store_eoi = x->store_eoi;
	if (*girq & SHIM_XIVE_ESC_FLAG) {
		end = shim_xive_esc_end(x, *girq);
		if (!end || !end->esc.maps) {
			shim_xive_bad_access("ESB of an escalation interrupt "
					     "that is not mapped", addr);
			return NULL;
		}
		r->is_src = false;
		return r->pq = &end->ese;
	}
	s = shim_xive_src(x, *girq);
	if (!s || !s->used) {
		shim_xive_bad_access("ESB of a free or never allocated "
				     "interrupt", addr);
		return NULL;
	}
	if (!s->maps) {
		shim_xive_bad_access("ESB of an interrupt whose data was "
				     "cleaned up or never populated", addr);
		return NULL;
	}
	r->is_src = true;
	return r->pq = &s->pq;
}

/*
 * The load-after-store ordering offset is an ordering hint to the
 * hardware, the same operation otherwise (asm/xive-regs.h).  Accepted on
 * every load; the kernel adds it to SET_PQ_10 when StoreEOI is on.
 */
static unsigned long shim_xive_esb_op(unsigned long off)
{
	return off & ~(unsigned long)XIVE_ESB_LD_ST_MO;
}

/*
 * An ESB load: an 8-byte big-endian value whose last byte is the answer;
 * as a little-endian host loads it raw, that byte is the top one.
 */
u64 shim_xive_esb_load(struct shim_xive *x, unsigned long addr, int size)
{
	unsigned long off = addr & SHIM_XIVE_PAGE_OFF;
	struct shim_xive_esb_ref r;
	bool fwd = false;
	u8 *pq, old, ret;

	pq = shim_xive_esb_decode(x, addr, &r);
	if (!pq)
		return ~0ULL;
	if (size != 8) {
		shim_xive_bad_access("ESB load of another size than 8", addr);
		return ~0ULL;
	}
	if (!r.mgmt) {
		shim_xive_bad_access(r.is_src ? "load from an ESB trigger page" :
				     "load from an END ESn page", addr);
		return ~0ULL;
	}
	if ((off & XIVE_ESB_LD_ST_MO) && (off & 0xff) != XIVE_ESB_LD_ST_MO) {
		shim_xive_bad_access("ESB load offset", addr);
		return ~0ULL;
	}
	off = shim_xive_esb_op(off);
	old = *pq;
	switch (off) {
	case XIVE_ESB_LOAD_EOI:
		/* answers whether the EOI let a queued event go (0 or 1) */
		fwd = shim_xive_pq_eoi(pq);
		ret = fwd;
		break;
	case XIVE_ESB_GET:
		ret = old;
		break;
	case XIVE_ESB_SET_PQ_00:
	case XIVE_ESB_SET_PQ_01:
	case XIVE_ESB_SET_PQ_10:
	case XIVE_ESB_SET_PQ_11:
		*pq = (off >> 8) & 3;
		ret = old;
		break;
	default:
		shim_xive_bad_access("ESB load offset", addr);
		return ~0ULL;
	}
	/* an END's ESB re-triggers nothing (QEMU xive_end_source_read) */
	if (fwd && r.is_src)
		shim_xive_route(x, r.girq);
	return (u64)ret << 56;
}

void shim_xive_esb_store(struct shim_xive *x, unsigned long addr, int size,
			 u64 val)
{
	unsigned long off = addr & SHIM_XIVE_PAGE_OFF;
	struct shim_xive_esb_ref r;
	bool fwd = false;
	u8 *pq;

	pq = shim_xive_esb_decode(x, addr, &r);
	if (!pq)
		return;
	if (size != 8) {
		shim_xive_bad_access("ESB store of another size than 8", addr);
		return;
	}
	if (!r.is_src) {
		/* END ESBs take no stores (QEMU xive_end_source_write) */
		shim_xive_bad_access("store to an END ESB page", addr);
		return;
	}
	if (!r.mgmt) {
		/* any store to the trigger page is a trigger */
		fwd = shim_xive_pq_trigger(pq);
	} else if (off < XIVE_ESB_STORE_EOI) {
		fwd = shim_xive_pq_trigger(pq);
	} else if (off < XIVE_ESB_GET) {
		if (!r.store_eoi) {
			shim_xive_bad_access("StoreEOI on a source without "
					     "XIVE_IRQ_FLAG_STORE_EOI", addr);
			return;
		}
		fwd = shim_xive_pq_eoi(pq);
	} else if (off >= XIVE_ESB_SET_PQ_00) {
		*pq = (off >> 8) & 3;
	} else {
		shim_xive_bad_access("ESB store offset", addr);
		return;
	}
	if (fwd)
		shim_xive_route(x, r.girq);
}
