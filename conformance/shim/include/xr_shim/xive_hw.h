/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated XIVE of a POWER9 host (private to conformance/shim/xive_*.c
 * and the adapter): interrupt sources with their ESB, the routing table
 * (EAS), event queues (END), virtual processors (VP/NVT), the OS ring of
 * each hardware thread's TIMA, and the host side of escalation
 * interrupts.  What each part does and where the behaviour comes from:
 * docs/xive-hardware.md.
 *
 * One chip (block 0), no interrupt groups, no pool or user rings, no LSI
 * sources: book3s_xive.c's XICS device needs none of them.  Besides the
 * IPIs KVM allocates, the MSI of each passed-through device is a source
 * of its own (xive_dev.c), as a PHB's are on POWER9.
 */
#ifndef XR_SHIM_XIVE_HW_H
#define XR_SHIM_XIVE_HW_H

#include <xr_shim/state.h>
#include <xr_shim/xive.h>

/* the kernel's own (the XIVE build puts the tree's asm/ in front) */
#include <asm/xive.h>
#include <asm/xive-regs.h>

/*
 * Addresses.  An ESB page or a TIMA is a token: bits 63..48 say what it
 * is, the rest where.  Those tags make the address non-canonical on
 * x86-64 (and beyond any user-space mapping), so a token can never be
 * the address of real memory, and dereferencing one would fault.  The
 * accessors decode every access (xive_mmio.c).
 */
#define SHIM_XIVE_TAG_SHIFT	48
#define SHIM_XIVE_TAG_ESB	0xc1e5UL	/* | girq << 17 | page << 16 | off */
#define SHIM_XIVE_TAG_TIMA_CPU	0xc1e6UL	/* | cpu << 16 | off: one thread's */
#define SHIM_XIVE_TAG_TIMA	0xc1e7UL	/* | off: the accessing thread's */
#define SHIM_XIVE_TAG_DEV	0xc1e4UL	/* | device << 16 | off: its MSI's */
#define SHIM_XIVE_TOKEN(tag)	((unsigned long)(tag) << SHIM_XIVE_TAG_SHIFT)
/* Below this an access is through a NULL page pointer plus an offset */
#define SHIM_XIVE_NULL_LIMIT	0x100000UL

/* An ESB is two 64K pages, trigger then EOI (skiboot XIVE_ESB_SHIFT) */
#define SHIM_XIVE_ESB_SHIFT	17
#define SHIM_XIVE_PAGE_SHIFT	16
#define SHIM_XIVE_PAGE_OFF	0xffffUL
/* Offsets that mean something within an ESB or TIMA page */
#define SHIM_XIVE_MMIO_SPAN	0x1000

/* Physical addresses handed out (never decoded: nothing reads them) */
#define SHIM_XIVE_ESB_PHYS	0x0006030000000000ULL	/* + girq << 17 */
#define SHIM_XIVE_END_PHYS	0x0006031000000000ULL	/* + end << 17 */
#define SHIM_XIVE_TIMA_PHYS	0x0006030203180000ULL	/* HW, HV, OS, user */
#define SHIM_XIVE_DEV_PHYS	0x0006032000000000ULL	/* + device << 16 */

/*
 * Interrupt numbers, as skiboot gives them on block 0: IPIs from 0x10
 * (2 is never handed out: the XICS IPI), escalation interrupts with bit
 * 24 set (MAKE_ESCALATION_GIRQ) and the END index below it.  The END
 * index of (VP, priority) is VP << 3 | priority.
 */
#define SHIM_XIVE_IRQ_FIRST	0x10
#define SHIM_XIVE_IRQ_CHUNK	1024
#define SHIM_XIVE_IRQ_CHUNKS	256
#define SHIM_XIVE_IRQ_LIMIT	(SHIM_XIVE_IRQ_CHUNK * SHIM_XIVE_IRQ_CHUNKS)
#define SHIM_XIVE_ESC_FLAG	(1u << 24)
#define SHIM_XIVE_END_MASK	(SHIM_XIVE_ESC_FLAG - 1)

/*
 * VP numbers: blocks are carved, aligned to their size, from
 * [SHIM_XIVE_VP_FIRST, SHIM_XIVE_VP_LIMIT); the ones below stand for the
 * host's own threads.  A VP's CAM value is its number (block 0).
 */
#define SHIM_XIVE_VP_FIRST	0x800
#define SHIM_XIVE_VP_LIMIT	0x80000
#define SHIM_XIVE_VP_BLOCKS	8
#define SHIM_XIVE_NR_PRIO	8
#define SHIM_XIVE_GATHER_PRIO	7	/* skiboot XIVE_ESCALATION_PRIO */

/* Linux numbers of escalation interrupts: base + END index */
#define SHIM_XIVE_VIRQ_BASE	0x40000000u

/* PQ values of an ESB */
#define SHIM_XIVE_PQ_RESET	0x0
#define SHIM_XIVE_PQ_OFF	0x1
#define SHIM_XIVE_PQ_PENDING	0x2
#define SHIM_XIVE_PQ_QUEUED	0x3

/*
 * An interrupt source: an IPI allocated by xive_native_alloc_irq, or a
 * device's MSI (struct shim_xive_dev)
 */
struct shim_xive_src {
	bool used;
	u8 pq;
	u8 prio;		/* EAS: 0xff masked */
	u32 vp;			/* EAS: target VP */
	u32 data;		/* EAS: what the queue entry carries */
	u32 maps;		/* populated and not yet cleaned up */
};

struct shim_xive_chunk {
	struct shim_xive_src src[SHIM_XIVE_IRQ_CHUNK];
};

/*
 * The host side of one END's escalation interrupt: its Linux mapping,
 * the host's handler data, the handler KVM requested, and whether the
 * host routed it (EAS unmasked by the request).
 */
struct shim_xive_esc {
	struct irq_data d;		/* d.irq: virq, d.hwirq: girq */
	struct xive_irq_data xd;
	u32 maps;
	bool mapped, requested, routed, disabled, pending, deferred;
	int cpu;			/* where the handler runs */
	irq_handler_t handler;
	void *dev;
	const char *name;
	struct shim_xive_esc *next;	/* in shim_xive.pend_head */
};

/* An event queue (END) of one priority of one VP */
struct shim_xive_end {
	bool valid, escalate;
	bool silent;		/* the single-escalation gather END (prio 7) */
	bool uncond;		/* escalates to the gather END, no ESe check */
	u8 ese;			/* escalation ESB: the escalation irq's PQ */
	u8 gen;			/* generation bit of the next entry */
	u32 order;		/* log2 of the queue size in bytes, 0: none */
	u32 idx;		/* next entry written */
	__be32 *qpage;
	struct xive_q *q;	/* the kernel's reader, for overflow checks */
	struct shim_xive_esc esc;
};

struct shim_xive_vp {
	u32 id;
	bool enabled;
	u8 ipb;			/* backlog: priorities notified while not pushed */
	struct shim_xive_end end[SHIM_XIVE_NR_PRIO];
};

struct shim_xive_vp_block {
	u32 base, count;	/* count 0: a free slot */
	struct shim_xive_vp **vp;	/* count of them, made on first use */
};

/*
 * A hardware thread's OS ring (TIMA QW1) as the bytes at TM_QW1_OS..+15
 * in address order: NSR CPPR IPB LSMFB ACK_CNT INC AGE PIPR, then word 2
 * (VO bit and CAM, big-endian), then word 3.
 */
struct shim_xive_thread {
	u8 os[16];
};

/*
 * The MSI of a passed-through device (xive_dev.c), a source of the PHB:
 * skiboot registers POWER9 PHB4 MSIs with xive_register_hw_source(shift
 * 16, XIVE_SRC_TRIGGER_PAGE), one 64K page per interrupt that is trigger
 * and management page at once (XIVE_STORE_EOI_ENABLED is 0: no
 * StoreEOI).  Its number is the scenario's hardware number H.  The rest
 * is Linux's side of it (arch/powerpc/sysdev/xive/common.c): the handler
 * data of its XIVE-level irq_data, whether it is forwarded to a VCPU
 * (irqd_is_forwarded_to_vcpu), the handler VFIO requested, and the host
 * thread its routing entry names while the host owns it.
 */
#define SHIM_XIVE_DEV_SHIFT	16
#define SHIM_XIVE_DEV_CHUNK	64
#define SHIM_XIVE_DEV_CHUNKS	(SHIM_PT_MAX_DEVS / SHIM_XIVE_DEV_CHUNK)
/* Linux on PowerNV: max_prio of skiboot's 8 priorities (xive_native_init) */
#define SHIM_XIVE_HOST_PRIO	7
#define SHIM_XIVE_BAD_IRQ	0x7fffffff	/* xive-internal.h XIVE_BAD_IRQ */
#define SHIM_XIVE_NO_TARGET	(-1)		/* XIVE_INVALID_TARGET */

struct shim_xive_dev {
	struct shim_xive_src src;	/* PQ and routing entry */
	u32 hw;
	unsigned int index;	/* phys_icp.c's: its ESB token and address */
	int host_cpu;		/* the routing entry names this host thread */
	int run_cpu;		/* where the host took it (in the host queue) */
	struct irq_data *d;	/* the XIVE-level irq_data (phys_icp.c) */
	struct xive_irq_data xd;
	bool requested, forwarded;
	bool pending;		/* in the host queue (shim_xive.dev_head) */
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	struct shim_xive_dev *next;
};

struct shim_xive {
	struct shim_machine *m;
	int nr_cpus;
	struct shim_xive_thread *thr;
	struct shim_xive_chunk *chunk[SHIM_XIVE_IRQ_CHUNKS];
	u32 irq_hint;		/* no free number below it */
	struct shim_xive_vp_block blk[SHIM_XIVE_VP_BLOCKS];
	/* firmware capabilities (shim_xive_set_caps) */
	bool single_escalation, store_eoi;
	u32 eq_shift;
	/* escalations raised, handlers not yet run (FIFO) */
	struct shim_xive_esc *pend_head, *pend_tail;
	/* passed-through devices by index (phys_icp.c's), made on first use */
	struct shim_xive_dev *dev[SHIM_XIVE_DEV_CHUNKS];
	/* device interrupts the host took, handlers not yet run (FIFO) */
	struct shim_xive_dev *dev_head, *dev_tail;
	unsigned long dropped;	/* events that reached no queue nor thread */
	/* the first access refused since shim_xive_take_bad() */
	const char *bad_what;
	unsigned long bad_addr;
	unsigned int nr_bad;
};

/* -- for the adapter -- */

/*
 * Firmware answers the kernel reads at creation of its XIVE device:
 * single escalation (POWER9 skiboot: yes), StoreEOI on IPIs (skiboot:
 * off) and the queue size (log2 bytes: 12, 16, 21 or 24).  Defaults
 * are set by shim_xive_create; change them before the VM is created.
 */
void shim_xive_set_caps(struct shim_machine *m, bool single_escalation,
			bool store_eoi, u32 eq_shift);
/* shim_select(): the kernel's XIVE globals of machine @m */
void shim_xive_select(struct shim_machine *m);
/* The reason of the first refused access since the last call, or NULL */
const char *shim_xive_take_bad(unsigned long *addr);
/* The PQ bits of @girq (an IPI, a device or an escalation), or -1 */
int shim_xive_pq(u32 girq);
/* The backlog IPB of VP @vp, or -1 */
int shim_xive_vp_ipb(u32 vp);

/* -- inside the model -- */

struct shim_xive *shim_xive_cur(void);
/* Sources (xive_opal.c) */
struct shim_xive_src *shim_xive_src(struct shim_xive *x, u32 girq);
/* The routing entry of @girq: a device's MSI, else an IPI's (or NULL) */
struct shim_xive_src *shim_xive_eas(struct shim_xive *x, u32 girq);
/* VPs (xive_opal.c): the VP of number @id if in a block, made if @make */
struct shim_xive_vp *shim_xive_vp(struct shim_xive *x, u32 id, bool make);
/* The END of an escalation interrupt's number, or NULL */
struct shim_xive_end *shim_xive_esc_end(struct shim_xive *x, u32 girq);
u32 shim_xive_esc_girq(u32 vp, u8 prio);

/* PQ state machine (xive_esb.c): true when the event goes on */
bool shim_xive_pq_trigger(u8 *pq);
bool shim_xive_pq_eoi(u8 *pq);
u64 shim_xive_esb_load(struct shim_xive *x, unsigned long addr, int size);
void shim_xive_esb_store(struct shim_xive *x, unsigned long addr, int size,
			 u64 val);
unsigned long shim_xive_esb_addr(u32 girq, int page);

/* Router (xive_router.c): an event of source @girq passed its ESB */
void shim_xive_route(struct shim_xive *x, u32 girq);
/* The thread whose OS ring has VP @vp pushed, or -1 */
int shim_xive_presenter(struct shim_xive *x, u32 vp);

/* TIMA (xive_tima.c) */
u64 shim_xive_tima_load(struct shim_xive *x, int cpu, unsigned long off,
			int size);
void shim_xive_tima_store(struct shim_xive *x, int cpu, unsigned long off,
			  int size, u64 val);
void shim_xive_tima_notify(struct shim_xive *x, int cpu, u8 prio);
u8 shim_xive_prio_bit(u8 prio);

/* Host interrupts (xive_irq.c): the escalation of @end was forwarded */
void shim_xive_esc_raise(struct shim_xive *x, struct shim_xive_end *end);
void shim_xive_esc_forget(struct shim_xive *x, struct shim_xive_esc *esc);
/*
 * Linux's handling of an interrupt at its ESB (common.c, restated):
 * xive_esb_read, xive_do_source_set_mask, xive_do_source_eoi
 */
u8 shim_xive_linux_esb(struct xive_irq_data *xd, u32 off);
void shim_xive_linux_set_mask(struct xive_irq_data *xd, bool mask);
void shim_xive_linux_source_eoi(struct xive_irq_data *xd);

/* Devices (xive_dev.c) */
struct shim_xive_dev *shim_xive_dev_of_hw(struct shim_xive *x, u32 hw);
struct shim_xive_dev *shim_xive_dev_of_virq(unsigned int virq);
struct shim_xive_dev *shim_xive_dev_at(struct shim_xive *x, unsigned int i);
/* An event of device @dev reached the host thread its entry names */
void shim_xive_dev_host(struct shim_xive *x, struct shim_xive_dev *dev);
/* Run the handlers of the device interrupts the host took: how many */
int shim_xive_dev_run(struct shim_xive *x);
/* request_irq of a device's interrupt (VFIO's) */
int shim_xive_dev_request(unsigned int virq, irq_handler_t handler,
			  const char *name, void *data);
int shim_xive_dev_populate(struct shim_xive_dev *dev,
			   struct xive_irq_data *data);

#endif /* XR_SHIM_XIVE_HW_H */
