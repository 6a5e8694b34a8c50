/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The XIVE host of kernel-xive (POWER9 and later): what book3s_xive.c
 * reaches outside itself, and what the adapter asks of the simulated
 * XIVE.  The kernel-facing names (the xive_native_* firmware wrappers,
 * struct xive_irq_data, struct xive_q, xive_tima) are declared by the
 * tree's own asm/xive.h, which the XIVE build puts in front of the shim
 * (conformance/kernel.mk); this header adds what that file takes from
 * elsewhere: the MMIO accessors and the host interrupt layer used for
 * escalation interrupts.  The hardware model behind them is
 * conformance/shim/xive_*.c, documented in docs/xive-hardware.md.
 *
 * Included only when CONFIG_PPC_XIVE is defined (the XIVE build).
 */
#ifndef XR_SHIM_XIVE_H
#define XR_SHIM_XIVE_H

#include <xr_shim/types.h>
#include <xr_shim/irq.h>

/*
 * MMIO.  An ESB page or a TIMA is an address the hardware model hands
 * out and decodes; the kernel only adds offsets to it and passes it to
 * these accessors, it never dereferences one.  Values are as a
 * little-endian POWER host loads the big-endian registers: the kernel
 * applies be16_to_cpu()/be64_to_cpu() itself.  An address or offset the
 * model does not know fails the step (shim_xive_bad_access), it is never
 * served with a made-up value.
 */
u64 __raw_readq(const volatile void __iomem *addr);
u32 __raw_readl(const volatile void __iomem *addr);
u16 __raw_readw(const volatile void __iomem *addr);
u8 __raw_readb(const volatile void __iomem *addr);
void __raw_writeq(u64 val, volatile void __iomem *addr);
void __raw_writel(u32 val, volatile void __iomem *addr);
void __raw_writeb(u8 val, volatile void __iomem *addr);
/* out_be64: a big-endian store, i.e. the raw store of cpu_to_be64(val) */
void out_be64(volatile void __iomem *addr, u64 val);

/*
 * Host interrupt layer, as much as escalation interrupts use: a Linux
 * number (virq) for a XIVE hardware number in the host's default
 * domain, its irq_data whose handler data is the host's struct
 * xive_irq_data for it, and the handler KVM registers.  The handler is
 * run by shim_xive_run_escalations(), never inside the MMIO access or
 * firmware call that raised it (a real host takes the interrupt later,
 * on the CPU it targets).
 */
typedef int irqreturn_t;
#define IRQ_NONE		0
#define IRQ_HANDLED		1
#define IRQF_NO_THREAD		0x00010000
typedef irqreturn_t (*irq_handler_t)(int irq, void *data);

unsigned int irq_create_mapping(struct irq_domain *domain,
				unsigned long hwirq);
void irq_dispose_mapping(unsigned int virq);
struct irq_data *irq_get_irq_data(unsigned int virq);
void *irq_data_get_irq_handler_data(struct irq_data *d);
int request_irq(unsigned int virq, irq_handler_t handler,
		unsigned long flags, const char *name, void *data);
const void *free_irq(unsigned int virq, void *data);
void disable_irq_nosync(unsigned int virq);
void disable_irq(unsigned int virq);
void enable_irq(unsigned int virq);

/*
 * Passthrough (kvmppc_xive_set_mapped, kvmppc_xive_clr_mapped): the host
 * interrupt of a passed-through device is forwarded to a VCPU (@vcpu_info
 * non-NULL) or given back to the host (NULL), as Linux's
 * xive_irq_set_vcpu_affinity does at the device's ESB and routing entry
 * (shim/xive_dev.c).  -EINVAL for an interrupt that is no device's.
 */
int irq_set_vcpu_affinity(unsigned int irq, void *vcpu_info);

/* -- for the adapter and the shim (not seen by kernel code) -- */
struct shim_machine;

/*
 * Create the XIVE of a machine that is a XIVE host: nr_cpus hardware
 * threads, each with its TIMA (paca kvm_hstate.xive_tima_virt and the
 * global xive_tima, which decodes to the current CPU), no interrupts,
 * no VPs, no queues.  Allocated from the machine's heap, so that a
 * machine reset by arena snapshot resets the XIVE too.  0 or -ENOMEM.
 */
int shim_xive_create(struct shim_machine *m);
void shim_xive_destroy(struct shim_machine *m);

/*
 * Run the handlers of escalation interrupts raised since the last call
 * (each on the CPU the interrupt targets, then back on the caller's);
 * returns how many ran.  The adapter calls it after every step.
 */
int shim_xive_run_escalations(void);

/*
 * The OS ring of a hardware thread, for the adapter's checks and the
 * trace: whether a VP is pushed (and which), its CPPR, IPB, PIPR and
 * whether the exception bit NSR.EO is up (the guest would take an
 * external interrupt now).
 */
struct shim_xive_os_ring {
	bool pushed;
	u32 vp;
	u8 nsr, cppr, ipb, pipr;
};
void shim_xive_os_ring(int cpu, struct shim_xive_os_ring *out);

/* An access the model does not know: a step failure, with the reason */
void shim_xive_bad_access(const char *what, unsigned long addr);

/*
 * Passed-through devices (shim/xive_dev.c).  shim_pt_dev() gives each new
 * device on a XIVE host its MSI source: @index is the device's, @hw its
 * number, @d its XIVE-level irq_data; -1 when @hw is an IPI the XIVE
 * already handed out (skiboot keeps hardware sources and IPIs apart).
 */
int shim_xive_dev_add(unsigned int index, u32 hw, struct irq_data *d);
/* The host moves @virq's interrupt to CPU @cpu (xive_irq_set_affinity) */
void shim_xive_dev_set_affinity(unsigned int virq, int cpu);
/* Where the routing entry of @virq's MSI points */
enum shim_xive_dest {
	SHIM_XIVE_TO_NONE,	/* masked: an event is dropped */
	SHIM_XIVE_TO_HOST,	/* a host thread: Linux's handler */
	SHIM_XIVE_TO_VP,	/* a VCPU's VP: its queue, no host */
};
enum shim_xive_dest shim_xive_dev_dest(unsigned int virq);
/* The device of @virq sends its MSI: the PHB triggers its ESB */
void shim_xive_dev_fire(unsigned int virq);

#endif /* XR_SHIM_XIVE_H */
