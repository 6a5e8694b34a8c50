/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated POWER host: physical CPUs with their PACA, LPCR and
 * XICS presentation MMIO, the CPU the current step runs on, CPU
 * features, doorbells and OPAL.  Every hardware effect is handed to a
 * recorder in shim/machine.c, which turns it into an xicsref event.
 */
#ifndef XR_SHIM_MACHINE_H
#define XR_SHIM_MACHINE_H

#include <xr_shim/types.h>
#include <xr_shim/hooks.h>

struct kvm_vcpu;

struct kvmppc_host_state {
	struct kvm_vcpu *kvm_vcpu;
	void __iomem *xics_phys;
	u32 saved_xirr;
	u8 host_ipi;
	/* XIVE hosts: this CPU's TIMA (kvmppc_set_xive_tima; shim/xive_*.c) */
	void __iomem *xive_tima_phys;
	void __iomem *xive_tima_virt;
};

struct paca_struct {
	struct kvmppc_host_state kvm_hstate;
	int logical_cpu;
};

extern struct paca_struct **paca_ptrs;
int shim_this_cpu(void);
#define local_paca		(paca_ptrs[shim_this_cpu()])
#define smp_processor_id()	shim_this_cpu()
#define raw_smp_processor_id()	shim_this_cpu()

extern int threads_shift;
extern int threads_per_core;
extern unsigned int nr_cpu_ids;
int cpu_nr_cores(void);
int get_hard_smp_processor_id(int cpu);
#define hard_smp_processor_id()	get_hard_smp_processor_id(shim_this_cpu())

static inline int cpu_first_thread_sibling(int cpu)
{
	return cpu & ~(threads_per_core - 1);
}

static inline int cpu_thread_in_core(int cpu)
{
	return cpu & (threads_per_core - 1);
}

/* CPU features (asm/cputable.h values) */
#define CPU_FTR_HVMODE		0x0000000000002000ULL
#define CPU_FTR_ARCH_206	0x0000000000008000ULL
#define CPU_FTR_ARCH_207S	0x0000000000010000ULL
#define CPU_FTR_ARCH_300	0x0000000000020000ULL
bool cpu_has_feature(unsigned long long feature);

/* SPRs: only the LPCR of the current CPU exists */
#define SPRN_LPCR	0x13e
#define LPCR_MER	0x800ULL
unsigned long shim_mfspr(int sprn);
void shim_mtspr(int sprn, unsigned long val);
#define mfspr(rn)	shim_mfspr(rn)
#define mtspr(rn, v)	shim_mtspr(rn, v)

/*
 * Doorbells.  The kernel sends one with inline assembly
 * "__asm__ __volatile__ (PPC_MSGSND(%0) : : "r" (msg))"; the macro
 * closes that (empty) asm statement, calls the recorder with the
 * caller's variable msg, and opens another empty one that takes the
 * operand list.  The kernel file stays as it is.
 */
enum {
	PPC_DBELL = 0,
	PPC_DBELL_CRIT = 1,
	PPC_G_DBELL = 2,
	PPC_G_DBELL_CRIT = 3,
	PPC_G_DBELL_MC = 4,
	PPC_DBELL_SERVER = 5,
};
#define PPC_DBELL_TYPE(x)	(((unsigned long)(x) & 0xf) << (63 - 36))
void shim_msgsnd(unsigned long msg);
#define PPC_MSGSND(b)		""); shim_msgsnd(msg); __asm__ __volatile__(""

/* XICS presentation controller MMIO, per CPU (asm/kvm_book3s_asm.h) */
#define XICS_XIRR	4
#define XICS_MFRR	0xc
#define XICS_IPI	2
#define IPI_PRIORITY	4
#define DEFAULT_PRIORITY 5
void __raw_rm_writeb(u8 val, volatile void __iomem *addr);
void __raw_rm_writel(u32 val, volatile void __iomem *addr);
u32 __raw_rm_readl(volatile void __iomem *addr);

/* OPAL */
#define OPAL_XIVE_ANY_CHIP	0xffffffff	/* asm/opal-api.h */
struct irq_data;
int64_t opal_int_set_mfrr(u32 cpu, u8 mfrr);
int64_t opal_int_eoi(u32 xirr);
int64_t opal_int_get_xirr(__be32 *out_xirr, bool just_poll);
int64_t opal_set_xive(u32 isn, u16 server, u8 priority);
int64_t pnv_opal_pci_msi_eoi(struct irq_data *d);

/* Host IPI messages (asm/smp.h) */
#define PPC_MSG_CALL_FUNCTION	0
#define PPC_MSG_RM_HOST_ACTION	4
void smp_muxed_ipi_set_message(int cpu, int msg);
/*
 * kvmppc_set_host_ipi() and kvmppc_clear_host_ipi(): the tree's own
 * static inlines of asm/kvm_ppc.h, with their barriers, taken at build
 * time (extract-funcs.awk) and inlined where the kernel inlines them.
 */
#include <kvm_ppc_funcs.inc>

unsigned long get_tb(void);

#endif /* XR_SHIM_MACHINE_H */
