// SPDX-License-Identifier: GPL-2.0-only
/*
 * Self-test of the simulated XIVE, without kernel code: it drives the
 * model through the same accessors and firmware wrappers book3s_xive.c
 * uses, on a scratch two-thread machine selected for the duration, and
 * checks what docs/xive-hardware.md promises: the PQ transitions of an
 * ESB, a queue that wraps with its generation bit toggling, a queue
 * overflow reported, the backlog merged at push, the ack and CPPR
 * semantics of the OS ring, an escalation reaching its handler only when
 * its ESB lets it, a passed-through device's MSI taken by the host and,
 * forwarded, queued for the VP, and an unknown access reported, not
 * served.
 */
#include <xr_shim/xive_hw.h>

struct shim_xive_test {
	char *err;
	size_t len;
	struct shim_machine *m;
	int escalations;
	int device_irqs;
};

#define XT_FAIL(t, ...)	\
	({ __builtin_snprintf((t)->err, (t)->len, __VA_ARGS__); 1; })

/* One event from the source: a store to its trigger page */
static void xt_trigger(struct xive_irq_data *xd)
{
	__raw_writeq(0, xd->trig_mmio);
}

static u8 xt_esb(struct xive_irq_data *xd, u32 off)
{
	return __raw_readq(xd->eoi_mmio + off) >> 56;
}

static int xt_pq_table(struct shim_xive_test *t, struct xive_irq_data *xd)
{
	/* operation (1: trigger), PQ before, PQ after, answer, forwarded */
	static const struct {
		int op;
		u8 before, after, ret;
		bool fwd;
	} tab[] = {
		{ 1, 0, 2, 0, true }, { 1, 1, 1, 0, false },
		{ 1, 2, 3, 0, false }, { 1, 3, 3, 0, false },
		{ XIVE_ESB_LOAD_EOI, 0, 0, 0, false },
		{ XIVE_ESB_LOAD_EOI, 1, 1, 0, false },
		{ XIVE_ESB_LOAD_EOI, 2, 0, 0, false },
		{ XIVE_ESB_LOAD_EOI, 3, 2, 1, true },
		{ XIVE_ESB_GET, 2, 2, 2, false },
		{ XIVE_ESB_SET_PQ_00, 3, 0, 3, false },
		{ XIVE_ESB_SET_PQ_01, 0, 1, 0, false },
		{ XIVE_ESB_SET_PQ_10, 1, 2, 1, false },
		{ XIVE_ESB_SET_PQ_10 | XIVE_ESB_LD_ST_MO, 0, 2, 0, false },
		{ XIVE_ESB_SET_PQ_11, 2, 3, 2, false },
	};
	struct shim_xive *x = t->m->xive;
	unsigned int i;
	unsigned long dropped;
	u8 ret = 0;

	/* the EAS is masked: a forwarded event shows as a dropped one */
	for (i = 0; i < ARRAY_SIZE(tab); i++) {
		xt_esb(xd, XIVE_ESB_SET_PQ_00 + (tab[i].before << 8));
		dropped = x->dropped;
		if (tab[i].op == 1)
			xt_trigger(xd);
		else
			ret = xt_esb(xd, tab[i].op);
		if (shim_xive_pq(xd->hw_irq) != tab[i].after ||
		    (tab[i].op != 1 && ret != tab[i].ret) ||
		    (x->dropped != dropped) != tab[i].fwd)
			return XT_FAIL(t, "PQ row %u (op 0x%x from %u): PQ %d "
				       "answer %u forwarded %d", i, tab[i].op,
				       tab[i].before, shim_xive_pq(xd->hw_irq),
				       ret, x->dropped != dropped);
	}
	return 0;
}

/* The kernel's reader (__xive_read_eq of book3s_xive.h), restated */
static u32 xt_read_eq(struct xive_q *q)
{
	u32 cur = be32_to_cpu(q->qpage[q->idx]);

	if ((cur >> 31) == q->toggle)
		return 0;
	q->idx = (q->idx + 1) & q->msk;
	if (!q->idx)
		q->toggle ^= 1;
	return cur & 0x7fffffff;
}

static int xt_queue(struct shim_xive_test *t, u32 vp, struct xive_q *q,
		    struct xive_irq_data *xd)
{
	u32 i, n, got;

	n = q->msk + 1;
	xt_esb(xd, XIVE_ESB_SET_PQ_00);
	for (i = 0; i < n + 3; i++) {
		xt_trigger(xd);
		xt_esb(xd, XIVE_ESB_SET_PQ_00);
		got = xt_read_eq(q);
		if (got != 0x1234)
			return XT_FAIL(t, "queue entry %u: read 0x%x", i, got);
		if (i == n - 1 && (q->idx || !q->toggle))
			return XT_FAIL(t, "no wrap after %u entries", n);
	}
	if (be32_to_cpu(q->qpage[0]) >> 31 || !(be32_to_cpu(q->qpage[3]) >> 31))
		return XT_FAIL(t, "generation bits after a wrap: %08x %08x",
			       be32_to_cpu(q->qpage[0]), be32_to_cpu(q->qpage[3]));
	/* the VP is not pushed: every notification went to the backlog */
	if (shim_xive_vp_ipb(vp) != shim_xive_prio_bit(5))
		return XT_FAIL(t, "backlog IPB 0x%x, want 0x04",
			       shim_xive_vp_ipb(vp));
	/* an unread queue: the write past its size is an overflow */
	for (i = 0; i <= n; i++) {
		xt_trigger(xd);
		xt_esb(xd, XIVE_ESB_SET_PQ_00);
	}
	if (!t->m->warnings || !shim_xive_take_bad(NULL))
		return XT_FAIL(t, "a queue overflow was not reported");
	t->m->warnings = 0;
	/* start again from an empty queue, as KVM provisions one */
	__builtin_memset(q->qpage, 0, n * sizeof(*q->qpage));
	if (xive_native_configure_queue(vp, q, 5, q->qpage, 12, true))
		return XT_FAIL(t, "queue reconfiguration failed");
	return 0;
}

static int xt_ring(struct shim_xive_test *t, u32 vp)
{
	void __iomem *tima = t->m->cpu[1].paca.kvm_hstate.xive_tima_virt;
	struct shim_xive_os_ring r;
	u16 ack;
	u32 w2;
	u64 qw1;

	/* push on CPU 1: words 0-1 with CPPR 0xff, then word 2 with VO */
	__raw_writeq(cpu_to_be64(0xff000000000000ULL), tima + TM_QW1_OS);
	__raw_writel(cpu_to_be32(vp | TM_QW1W2_VO), tima + TM_QW1_OS + TM_WORD2);
	shim_xive_os_ring(1, &r);
	if (!r.pushed || r.vp != vp || r.cppr != 0xff || r.ipb != 0x04 ||
	    r.pipr != 5 || !(r.nsr & TM_QW1_NSR_EO) || shim_xive_vp_ipb(vp))
		return XT_FAIL(t, "push: pushed %d vp %x cppr %x ipb %x pipr %x "
			       "nsr %x", r.pushed, r.vp, r.cppr, r.ipb, r.pipr,
			       r.nsr);
	/* the hcall side: the global TIMA is the running CPU's */
	t->m->cur_cpu = 1;
	__raw_writeb(3, xive_tima + TM_SPC_SET_OS_PENDING);
	qw1 = be64_to_cpu(__raw_readq(xive_tima + TM_QW1_OS));
	if ((qw1 & 0xff) != 3)
		return XT_FAIL(t, "QW1 load: PIPR %llx, want 3", qw1 & 0xff);
	ack = be16_to_cpu(__raw_readw(xive_tima + TM_SPC_ACK_OS_REG));
	shim_xive_os_ring(1, &r);
	if (ack != (TM_QW1_NSR_EO << 8 | 3) || r.cppr != 3 || r.ipb != 0x04 ||
	    r.pipr != 5 || r.nsr)
		return XT_FAIL(t, "ack 0x%x: cppr %x ipb %x pipr %x nsr %x",
			       ack, r.cppr, r.ipb, r.pipr, r.nsr);
	__raw_writeb(6, xive_tima + TM_QW1_OS + TM_CPPR);
	shim_xive_os_ring(1, &r);
	if (!(r.nsr & TM_QW1_NSR_EO))
		return XT_FAIL(t, "CPPR 6 above PIPR 5 raised no exception");
	__raw_writeb(4, xive_tima + TM_QW1_OS + TM_CPPR);
	shim_xive_os_ring(1, &r);
	if (r.nsr & TM_QW1_NSR_EO)
		return XT_FAIL(t, "CPPR 4 below PIPR 5 left the exception up");
	t->m->cur_cpu = 0;
	/* pull: word 2 as pushed, then no context */
	w2 = be32_to_cpu(__raw_readl(tima + TM_SPC_PULL_OS_CTX));
	qw1 = be64_to_cpu(__raw_readq(tima + TM_QW1_OS));
	shim_xive_os_ring(1, &r);
	if (w2 != (vp | TM_QW1W2_VO) || r.pushed || ((qw1 >> 40) & 0xff) != 0x04)
		return XT_FAIL(t, "pull: word 2 %x pushed %d saved IPB %llx",
			       w2, r.pushed, (qw1 >> 40) & 0xff);
	return t->m->warnings ? XT_FAIL(t, "ring: %s",
					shim_xive_take_bad(NULL)) : 0;
}

static irqreturn_t xt_esc_handler(int irq, void *data)
{
	struct shim_xive_test *t = data;

	t->escalations++;
	return IRQ_HANDLED;
}

static int xt_escalation(struct shim_xive_test *t, u32 vp, struct xive_q *q,
			 struct xive_irq_data *xd)
{
	struct xive_irq_data *exd;
	unsigned int virq;

	virq = irq_create_mapping(NULL, q->esc_irq);
	if (!virq || request_irq(virq, xt_esc_handler, IRQF_NO_THREAD,
				 "xt", t))
		return XT_FAIL(t, "escalation %x: no mapping or request",
			       q->esc_irq);
	exd = irq_data_get_irq_handler_data(irq_get_irq_data(virq));
	/* what KVM does in single escalation: masked until a cede, no EOI */
	xt_esb(exd, XIVE_ESB_SET_PQ_01);
	exd->flags |= XIVE_IRQ_FLAG_NO_EOI;
	xt_trigger(xd);
	xt_esb(xd, XIVE_ESB_SET_PQ_00);
	if (shim_xive_run_escalations() || t->escalations)
		return XT_FAIL(t, "a masked escalation ran its handler");
	xt_esb(exd, XIVE_ESB_SET_PQ_00);
	xt_trigger(xd);
	xt_esb(xd, XIVE_ESB_SET_PQ_00);
	if (shim_xive_run_escalations() != 1 || t->escalations != 1 ||
	    shim_xive_pq(q->esc_irq) != SHIM_XIVE_PQ_PENDING)
		return XT_FAIL(t, "escalation: %d handler runs, PQ %d",
			       t->escalations, shim_xive_pq(q->esc_irq));
	free_irq(virq, t);
	irq_dispose_mapping(virq);
	return t->m->warnings ? XT_FAIL(t, "escalation: %s",
					shim_xive_take_bad(NULL)) : 0;
}

static irqreturn_t xt_dev_handler(int irq, void *data)
{
	struct shim_xive_test *t = data;

	t->device_irqs++;
	return IRQ_HANDLED;
}

/*
 * A device's MSI (xive_dev.c): one page for trigger and management, the
 * host's until forwarded, then the VP's queue; its number is refused
 * when an IPI has it
 */
static int xt_device(struct shim_xive_test *t, u32 vp, struct xive_q *q,
		     u32 ipi)
{
	struct xive_irq_data *xd;
	int virq;

	if (shim_pt_create(t->m))
		return XT_FAIL(t, "no memory for devices");
	virq = shim_pt_dev(0x3000, true);
	if (virq < 0 || shim_pt_dev(ipi, true) >= 0 || !shim_xive_take_bad(NULL))
		return XT_FAIL(t, "device 0x3000 not made, or one with the "
			       "IPI's number 0x%x made", ipi);
	t->m->warnings = 0;
	xd = irq_data_get_irq_handler_data(irq_domain_get_irq_data(
					   irq_get_default_host(), virq));
	if (!xd || xd->trig_mmio != xd->eoi_mmio || xd->flags ||
	    xd->esb_shift != SHIM_XIVE_DEV_SHIFT ||
	    shim_xive_pq(0x3000) != SHIM_XIVE_PQ_OFF)
		return XT_FAIL(t, "device data: one page, no flags, off");
	if (request_irq(virq, xt_dev_handler, 0, "xt-dev", t) ||
	    shim_xive_pq(0x3000) != SHIM_XIVE_PQ_RESET ||
	    shim_xive_dev_dest(virq) != SHIM_XIVE_TO_HOST)
		return XT_FAIL(t, "request_irq: PQ %d dest %d",
			       shim_xive_pq(0x3000), shim_xive_dev_dest(virq));
	shim_xive_dev_set_affinity(virq, 1);
	shim_xive_dev_fire(virq);
	if (shim_xive_run_escalations() != 1 || t->device_irqs != 1 ||
	    shim_xive_pq(0x3000) != SHIM_XIVE_PQ_RESET)
		return XT_FAIL(t, "host: %d handler runs, PQ %d after its EOI",
			       t->device_irqs, shim_xive_pq(0x3000));
	/* forwarded as kvmppc_xive_set_mapped does it */
	if (irq_set_vcpu_affinity(virq, t) ||
	    shim_xive_pq(0x3000) != SHIM_XIVE_PQ_PENDING ||
	    xive_native_configure_irq(0x3000, vp, 5, 0x4321) ||
	    shim_xive_dev_dest(virq) != SHIM_XIVE_TO_VP)
		return XT_FAIL(t, "forwarding: PQ %d dest %d",
			       shim_xive_pq(0x3000), shim_xive_dev_dest(virq));
	xt_esb(xd, XIVE_ESB_SET_PQ_00);
	shim_xive_dev_set_affinity(virq, 0);
	while (xt_read_eq(q))
		;		/* what the escalation test left queued */
	xt_trigger(xd);		/* a store to the page: the trigger */
	if (xt_read_eq(q) != 0x4321 || shim_xive_run_escalations() ||
	    t->device_irqs != 1 || xt_esb(xd, XIVE_ESB_GET) != 2)
		return XT_FAIL(t, "forwarded: not queued for the VP");
	/* given back: the host's again, re-enabled by Linux's EOI */
	if (irq_set_vcpu_affinity(virq, NULL) ||
	    shim_xive_dev_dest(virq) != SHIM_XIVE_TO_HOST)
		return XT_FAIL(t, "given back: dest %d",
			       shim_xive_dev_dest(virq));
	__raw_writeq(0, xd->eoi_mmio + XIVE_ESB_STORE_EOI);
	if (!shim_xive_take_bad(NULL))
		return XT_FAIL(t, "a StoreEOI on a device was served");
	t->m->warnings = 0;
	return 0;
}

static int xt_bad(struct shim_xive_test *t)
{
	unsigned long addr = 0;
	const char *why;
	u64 v;

	v = __raw_readq((void __iomem *)(unsigned long)XIVE_ESB_SET_PQ_00);
	why = shim_xive_take_bad(&addr);
	if (v != ~0ULL || !why || addr != XIVE_ESB_SET_PQ_00 ||
	    !t->m->warnings)
		return XT_FAIL(t, "a NULL ESB access: value %llx, reason %s",
			       v, why ? why : "none");
	__raw_writeb(0, xive_tima + 0x900);
	if (!shim_xive_take_bad(NULL) || t->m->warnings != 2)
		return XT_FAIL(t, "an unknown TIMA store was not reported");
	t->m->warnings = 0;
	return 0;
}

static int xt_run(struct shim_xive_test *t)
{
	struct xive_irq_data xd;
	struct xive_q q5, q7;
	__be32 *qpage;
	u32 vp, irq;
	int rc;

	vp = xive_native_alloc_vp_block(2);
	irq = xive_native_alloc_irq();
	if (vp == XIVE_INVALID_VP || !irq ||
	    xive_native_populate_irq_data(irq, &xd))
		return XT_FAIL(t, "no VP block or interrupt");
	rc = xt_pq_table(t, &xd);
	if (rc)
		return rc;
	qpage = shim_zalloc(1u << 12);
	__builtin_memset(&q5, 0, sizeof(q5));
	__builtin_memset(&q7, 0, sizeof(q7));
	if (!qpage || xive_native_enable_vp(vp, true) ||
	    xive_native_configure_queue(vp, &q5, 5, qpage, 12, true) ||
	    xive_native_configure_irq(irq, vp, 5, 0x1234) ||
	    !xive_native_configure_queue(vp, &q7, 7, NULL, 0, true))
		rc = XT_FAIL(t, "VP or queue set-up (or prio 7 not refused "
			     "in single escalation)");
	if (!rc && (q5.msk != 1023 || q5.qpage != qpage ||
		    q5.esc_irq != shim_xive_esc_girq(vp, 7)))
		rc = XT_FAIL(t, "queue fields: msk %u esc_irq %x", q5.msk,
			     q5.esc_irq);
	if (!rc)
		rc = xt_queue(t, vp, &q5, &xd);
	if (!rc)
		rc = xt_ring(t, vp);
	if (!rc)
		rc = xt_escalation(t, vp, &q5, &xd);
	if (!rc)
		rc = xt_device(t, vp, &q5, irq);
	if (!rc)
		rc = xt_bad(t);
	xive_native_disable_vp(vp);
	xive_native_disable_queue(vp, &q5, 5);
	xive_cleanup_irq_data(&xd);
	xive_native_free_irq(irq);
	xive_native_free_vp_block(vp);
	kfree(qpage);
	return rc;
}

__attribute__((visibility("default")))
int xicsref_shim_xive_selftest(char *err, size_t len)
{
	struct shim_machine *prev = shim_cur, m;
	struct shim_xive_test t = { err, len, &m, 0 };
	struct paca_struct *pacas[2];
	int rc, i;

	__builtin_memset(&m, 0, sizeof(m));
	m.power = 9;
	m.cores = 1;
	m.threads = m.nr_cpus = 2;
	m.threads_shift = 1;
	m.paca_ptrs = pacas;
	/* selected first: what it allocates comes from no VM's heap */
	shim_select(&m);
	m.cpu = shim_zalloc(2 * sizeof(*m.cpu));
	for (i = 0; m.cpu && i < 2; i++)
		pacas[i] = &m.cpu[i].paca;
	if (!m.cpu || shim_xive_create(&m)) {
		rc = XT_FAIL(&t, "no memory");
	} else {
		rc = xt_run(&t);
		if (!rc && m.warnings)
			rc = XT_FAIL(&t, "left a refused access: %s",
				     shim_xive_take_bad(NULL));
		if (!rc)
			__builtin_snprintf(err, len, "ok");
		shim_xive_destroy(&m);
	}
	shim_pt_destroy(&m);
	kfree(m.cpu);
	if (prev) {
		shim_select(prev);
	} else {
		shim_cur = NULL;
		paca_ptrs = NULL;
		shim_xive_select(NULL);
	}
	return rc;
}
