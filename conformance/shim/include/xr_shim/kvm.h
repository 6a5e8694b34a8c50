/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct kvm and struct kvm_vcpu with the fields the XICS files touch,
 * the device interface, and the KVM helpers they call.  Layout is ours;
 * names and meanings are the kernel's (kvm_host.h, asm/kvm_host.h,
 * asm/kvm_ppc.h, asm/kvm_book3s.h).
 */
#ifndef XR_SHIM_KVM_H
#define XR_SHIM_KVM_H

#include <xr_shim/types.h>
#include <xr_shim/hooks.h>
#include <xr_shim/list.h>
#include <asm/kvm.h>		/* the tree's own uapi header */

#define XR_SHIM_MAX_VCPUS	2048
/* asm/kvm_host.h with NR_CPUS 2048; MAX_SMT_THREADS of kvm_book3s_asm.h */
#define KVM_MAX_VCPUS		XR_SHIM_MAX_VCPUS
#define MAX_SMT_THREADS		8
#define KVM_MAX_VCPU_IDS	(MAX_SMT_THREADS * KVM_MAX_VCPUS)

/* enum kvm_device_type of uapi linux/kvm.h */
#define KVM_DEV_TYPE_XICS	3
#define KVM_DEV_TYPE_XIVE	9

#define KVMPPC_IRQ_DEFAULT	0
#define KVMPPC_IRQ_MPIC		1
#define KVMPPC_IRQ_XICS		2

#define BOOK3S_INTERRUPT_EXTERNAL	0x500
#define BOOK3S_IRQPRIO_EXTERNAL		14

#define KVM_PAM			0x0fffffffffffffffULL

struct kvm;
struct kvm_vcpu;
struct irq_desc;
struct kvmppc_icp;
struct kvmppc_xics;
struct dentry;

/*
 * The flat map's types (struct kvmppc_irq_map, KVMPPC_PIRQ_MAPPED,
 * struct kvmppc_passthru_irqmap) come from the tree under test's
 * asm/kvm_host.h, copied unchanged at extraction (extract-structs.awk):
 * a patch that changes the map is tested with its own layout.
 */
#include "pimap_types.inc"

struct kvmppc_ops;
extern struct kvmppc_ops *kvmppc_hv_ops;

struct kvmppc_xive;
struct kvmppc_xive_vcpu;
struct kvmppc_vcore;

struct kvm_arch {
	unsigned int lpid;
	unsigned int emul_smt_mode;	/* XIVE: kvmppc_pack_vcpu_id divides */
	struct kvmppc_xics *xics;
	struct kvmppc_xics *xics_device;
	struct kvmppc_xive *xive;
	struct {
		struct kvmppc_xive *native;
		struct kvmppc_xive *xics_on_xive;
	} xive_devices;
	struct mutex mmu_setup_lock;
	struct kvmppc_passthru_irqmap *pimap;
	struct list_head rtas_tokens;
	struct mutex rtas_token_lock;
	struct kvmppc_ops *kvm_ops;
};

struct kvm {
	struct mutex lock;
	struct kvm_arch arch;
	struct hlist_head irq_ack_notifier_list;
	struct dentry *debugfs_dentry;
	unsigned long nr_vcpus;
	struct kvm_vcpu **vcpus;	/* nr_vcpus, in one array (xk_vm) */
};

struct pt_regs_shim {
	unsigned long gpr[32];
};

/* W0..1 of a XIVE thread context (asm/kvm_host.h) */
union xive_tma_w01 {
	struct {
		u8 nsr;
		u8 cppr;
		u8 ipb;
		u8 lsmfb;
		u8 ack;
		u8 inc;
		u8 age;
		u8 pipr;
	};
	__be64 w01;
};

struct kvm_vcpu_arch {
	struct kvmppc_icp *icp;
	struct pt_regs_shim regs;
	int thread_cpu;
	unsigned long pending_exceptions;
	u8 irq_type;
	u8 ceded;
	u8 irq_pending;			/* XIVE: a guest interrupt is pending */
	struct kvmppc_vcore *vcore;
	struct kvm_nested_guest *nested;
	/* XICS-on-XIVE (book3s_xive.c) */
	struct kvmppc_xive_vcpu *xive_vcpu;
	__be32 xive_cam_word;		/* W2 with the valid bit, big-endian */
	u8 xive_pushed;			/* the VP is pushed on its thread */
	u8 xive_esc_on;			/* the escalation is enabled */
	union xive_tma_w01 xive_saved_state;
	u64 xive_esc_raddr;
	u64 xive_esc_vaddr;
};

/* The virtual core: only the guest's time base offset (H_XIRR_X) */
struct kvmppc_vcore {
	u64 tb_offset;			/* guest timebase - host timebase */
};

struct kvm_vcpu_stat {
	u64 queue_intr;
	u64 pthru_all;
	u64 pthru_host;
	u64 pthru_bad_aff;
};

struct kvm_vcpu {
	struct kvm *kvm;
	int vcpu_id;
	struct mutex mutex;
	struct kvm_vcpu_arch arch;
	struct kvm_vcpu_stat stat;
};

#define kvm_for_each_vcpu(idx, v, k) \
	for ((idx) = 0; (idx) < (k)->nr_vcpus && ((v) = (k)->vcpus[idx]); \
	     (idx)++)

static inline unsigned long kvmppc_get_gpr(struct kvm_vcpu *vcpu, int n)
{
	return vcpu->arch.regs.gpr[n];
}

static inline void kvmppc_set_gpr(struct kvm_vcpu *vcpu, int n,
				  unsigned long v)
{
	vcpu->arch.regs.gpr[n] = v;
}

static inline bool is_kvmppc_hv_enabled(struct kvm *kvm)
{
	return kvm->arch.kvm_ops == kvmppc_hv_ops;
}

static inline int kvmppc_xics_enabled(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.irq_type == KVMPPC_IRQ_XICS;
}

extern int kvm_irq_bypass;
extern int h_ipi_redirect;

static inline struct kvmppc_passthru_irqmap *
kvmppc_get_passthru_irqmap(struct kvm *kvm)
{
	if (kvm && kvm_irq_bypass)
		return kvm->arch.pimap;
	return NULL;
}

/* Host side of the VCPU: recorded, see shim/kvm_host.c */
void kvmppc_book3s_queue_irqprio(struct kvm_vcpu *vcpu, unsigned int vec);
void kvmppc_book3s_dequeue_irqprio(struct kvm_vcpu *vcpu, unsigned int vec);
void kvmppc_fast_vcpu_kick(struct kvm_vcpu *vcpu);
void kvm_notify_acked_irq(struct kvm *kvm, unsigned int irqchip,
			  unsigned int pin);
int kvm_read_guest(struct kvm *kvm, gpa_t gpa, void *data, unsigned long len);
int kvm_write_guest(struct kvm *kvm, gpa_t gpa, const void *data,
		    unsigned long len);
#define kvm_vcpu_srcu_read_lock(v)	do { } while (0)
#define kvm_vcpu_srcu_read_unlock(v)	do { } while (0)

/* Devices */
struct kvm_device_attr {
	u32 flags;
	u32 group;
	u64 attr;
	u64 addr;
};

struct kvm_device;
struct kvm_device_ops {
	const char *name;
	int (*create)(struct kvm_device *dev, u32 type);
	void (*init)(struct kvm_device *dev);
	void (*release)(struct kvm_device *dev);
	void (*destroy)(struct kvm_device *dev);
	int (*set_attr)(struct kvm_device *dev, struct kvm_device_attr *attr);
	int (*get_attr)(struct kvm_device *dev, struct kvm_device_attr *attr);
	int (*has_attr)(struct kvm_device *dev, struct kvm_device_attr *attr);
};

struct kvm_device {
	const struct kvm_device_ops *ops;
	struct kvm *kvm;
	void *private;
};

extern struct kvm_device_ops kvm_xics_ops;

/* Host real-mode operations (asm/kvm_ppc.h) */
union kvmppc_rm_state {
	unsigned long raw;
	struct {
		u32 in_host;
		u32 rm_action;
	};
};

struct kvmppc_host_rm_core {
	union kvmppc_rm_state rm_state;
	void *rm_data;
	char pad[112];
};

struct kvmppc_host_rm_ops {
	struct kvmppc_host_rm_core *rm_core;
	void (*vcpu_kick)(struct kvm_vcpu *vcpu);
};

extern struct kvmppc_host_rm_ops *kvmppc_host_rm_ops_hv;

/* Prototypes of what the kernel files define (asm/kvm_ppc.h) */
int kvmppc_xics_set_xive(struct kvm *kvm, u32 irq, u32 server, u32 priority);
int kvmppc_xics_get_xive(struct kvm *kvm, u32 irq, u32 *server, u32 *priority);
int kvmppc_xics_int_on(struct kvm *kvm, u32 irq);
int kvmppc_xics_int_off(struct kvm *kvm, u32 irq);
int kvmppc_xics_rm_complete(struct kvm_vcpu *vcpu, u32 hcall);
int kvmppc_xics_hcall(struct kvm_vcpu *vcpu, u32 req);
u64 kvmppc_xics_get_icp(struct kvm_vcpu *vcpu);
int kvmppc_xics_set_icp(struct kvm_vcpu *vcpu, u64 icpval);
int kvmppc_xics_set_irq(struct kvm *kvm, int irq_source_id, u32 irq,
			int level, bool line_status);
int kvmppc_xics_connect_vcpu(struct kvm_device *dev, struct kvm_vcpu *vcpu,
			     u32 cpu);
void kvmppc_xics_free_icp(struct kvm_vcpu *vcpu);
void kvmppc_xics_set_mapped(struct kvm *kvm, unsigned long guest_irq,
			    unsigned long host_irq);
void kvmppc_xics_clr_mapped(struct kvm *kvm, unsigned long guest_irq,
			    unsigned long host_irq);
long kvmppc_deliver_irq_passthru(struct kvm_vcpu *vcpu, __be32 xirr,
				 struct kvmppc_irq_map *irq_map,
				 struct kvmppc_passthru_irqmap *pimap,
				 bool *again);
void kvmppc_xics_ipi_action(void);
long kvmppc_read_intr(void);
void kvmhv_rm_send_ipi(int cpu);
int kvm_vm_ioctl_rtas_define_token(struct kvm *kvm, void __user *argp);
int kvmppc_rtas_hcall(struct kvm_vcpu *vcpu);
void kvmppc_rtas_tokens_free(struct kvm *kvm);

#ifdef CONFIG_PPC_XIVE
/*
 * The XIVE build (kernel-xive): the tree's own asm/xive.h, put in front
 * of the shim, gives xive_enabled() and the firmware wrappers; the rest
 * of the XIVE host is xr_shim/xive.h.  XICS-on-XIVE is what a POWER9 HV
 * host runs (asm/kvm_ppc.h).
 */
#include <asm/xive.h>
#include <xr_shim/xive.h>
static inline bool xics_on_xive(void)
{
	return xive_enabled() && cpu_has_feature(CPU_FTR_HVMODE);
}
extern struct kvm_device_ops kvm_xive_ops;
int kvmppc_xive_xics_hcall(struct kvm_vcpu *vcpu, u32 req);
int kvmppc_xive_connect_vcpu(struct kvm_device *dev, struct kvm_vcpu *vcpu,
			     u32 cpu);
void kvmppc_xive_cleanup_vcpu(struct kvm_vcpu *vcpu);
u64 kvmppc_xive_get_icp(struct kvm_vcpu *vcpu);
int kvmppc_xive_set_icp(struct kvm_vcpu *vcpu, u64 icpval);
int kvmppc_xive_set_irq(struct kvm *kvm, int irq_source_id, u32 irq,
			int level, bool line_status);
void kvmppc_xive_push_vcpu(struct kvm_vcpu *vcpu);
void kvmppc_xive_pull_vcpu(struct kvm_vcpu *vcpu);
bool kvmppc_xive_rearm_escalation(struct kvm_vcpu *vcpu);
static inline int kvmppc_xive_enabled(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.irq_type == KVMPPC_IRQ_XICS;
}
/* 6.12's accessor (asm/kvm_book3s.h); 6.1 reads vc->tb_offset itself */
static inline u64 kvmppc_get_tb_offset(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.vcore->tb_offset;
}
/*
 * kvmppc_pack_vcpu_id(): the tree's own static inline of
 * asm/kvm_book3s.h, taken at build time (extract-funcs.awk).
 */
#include <kvm_book3s_funcs.inc>
#else
/* XIVE is not present in this machine */
static inline bool xics_on_xive(void) { return false; }
static inline bool xive_enabled(void) { return false; }
#endif
int kvmppc_xive_set_xive(struct kvm *kvm, u32 irq, u32 server, u32 prio);
int kvmppc_xive_get_xive(struct kvm *kvm, u32 irq, u32 *server, u32 *prio);
int kvmppc_xive_int_on(struct kvm *kvm, u32 irq);
int kvmppc_xive_int_off(struct kvm *kvm, u32 irq);
int kvmppc_xive_set_mapped(struct kvm *kvm, unsigned long guest_irq,
			   unsigned long host_irq);
int kvmppc_xive_clr_mapped(struct kvm *kvm, unsigned long guest_irq,
			   unsigned long host_irq);

#endif /* XR_SHIM_KVM_H */
