// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host side of KVM that the XICS files call: the VCPU's queued
 * interrupts, kicks, ack notifiers, guest memory (allocation: kalloc.c).
 */
#include <xr_shim/state.h>


static char shim_hv_ops_token;
struct kvmppc_ops *kvmppc_hv_ops = (struct kvmppc_ops *)&shim_hv_ops_token;

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

/*
 * Sequential runs: the hooks do nothing.  In an explore build, while a
 * parallel block runs, locks and barriers go to the explorer, which may
 * switch CPUs there, make a CPU wait for a lock, or make its waiting
 * stores visible (conformance/explore/).  Atomics reach it through the
 * instrumentation of the kernel files instead.
 */
void shim_atomic_hook(enum shim_atomic_kind kind, const volatile void *addr)
{
}

void shim_lock_hook(const void *lock, bool acquire)
{
#ifdef XR_EXPLORE
	if (xs_on)
		xs_lock_hook(lock, acquire, __builtin_return_address(0));
#endif
}

/*
 * Lock discipline of sequential runs: taking a lock held (the mutex; the
 * spin lock warns itself) or releasing one not held is a warning, and
 * the adapter fails a step that ends with a lock held or interrupts off
 * (xk_unbalanced).  What a missing lock would let another CPU do is the
 * explorer's business; what it does to this CPU's bookkeeping is not.
 */
void shim_lock_taken(const void *lock, bool acquire, bool was_held)
{
	if (!shim_cur)
		return;
	if (acquire == was_held)
		shim_warn(__FILE__, __LINE__);
	shim_cur->locks_held += acquire ? 1 : -1;
}

/* The flags word says how deep the save was, so a restore of flags that
 * were never saved (or saved elsewhere) is caught */
unsigned long shim_irq_save(void)
{
	if (!shim_cur)
		return 0;
	return 0x5a00 + (unsigned long)++shim_cur->irq_depth;
}

void shim_irq_restore(unsigned long flags)
{
	if (!shim_cur)
		return;
	if (flags != 0x5a00 + (unsigned long)shim_cur->irq_depth ||
	    shim_cur->irq_depth <= 0)
		shim_warn(__FILE__, __LINE__);
	shim_cur->irq_depth--;
}

void shim_barrier_hook(enum shim_barrier_kind kind)
{
#ifdef XR_EXPLORE
	if (xs_on)
		xs_barrier_hook(kind, __builtin_return_address(0));
#endif
}

/*
 * raise/lower: edges of BOOK3S_IRQPRIO_EXTERNAL in a VCPU's
 * pending_exceptions, whoever changes it (the virtual-mode queue
 * helpers or the real-mode set_bit/clear_bit).
 */
void shim_bit_changed(const volatile unsigned long *word)
{
	struct kvm *kvm = shim_cur ? shim_cur->kvm : NULL;
	unsigned long bit = 1UL << BOOK3S_IRQPRIO_EXTERNAL, i, now;
	struct kvm_vcpu *v;

	if (!kvm || !kvm->nr_vcpus)
		return;
	/*
	 * The VCPUs are one array (kvm->vcpus[i] == &vcpus[0][i]): which one
	 * owns @word is a division, not a search of 2048 VCPUs per bit
	 * operation.  Other words (the RTAS VCPUs') are not VCPU lines.
	 */
	i = (unsigned long)((const char *)word -
			    (const char *)&kvm->vcpus[0]->arch.pending_exceptions) /
	    sizeof(struct kvm_vcpu);
	if (i >= kvm->nr_vcpus)
		return;
	v = kvm->vcpus[i];
	if (word != &v->arch.pending_exceptions)
		return;
	now = v->arch.pending_exceptions & bit;
	if (now != (shim_cur->seen_pending[i] & bit))
		shim_event(now ? XK_EV_RAISE : XK_EV_LOWER, v->vcpu_id, 0);
	shim_cur->seen_pending[i] = v->arch.pending_exceptions;
}

/* Only the external interrupt is ever queued by the XICS code */
static long shim_irqprio(unsigned int vec)
{
	if (vec == BOOK3S_INTERRUPT_EXTERNAL)
		return BOOK3S_IRQPRIO_EXTERNAL;
	shim_warn(__FILE__, __LINE__);
	return -1;
}

void kvmppc_book3s_queue_irqprio(struct kvm_vcpu *vcpu, unsigned int vec)
{
	long prio = shim_irqprio(vec);

	if (prio >= 0)
		set_bit(prio, &vcpu->arch.pending_exceptions);
}

void kvmppc_book3s_dequeue_irqprio(struct kvm_vcpu *vcpu, unsigned int vec)
{
	long prio = shim_irqprio(vec);

	if (prio >= 0)
		clear_bit(prio, &vcpu->arch.pending_exceptions);
}

void kvmppc_fast_vcpu_kick(struct kvm_vcpu *vcpu)
{
	shim_kicked(vcpu);
	shim_event(XK_EV_KICK, vcpu->vcpu_id, 0);
}

/* The host-core handler's kick (kvmppc_fast_vcpu_kick_hv) */
void shim_kick_hv(struct kvm_vcpu *vcpu)
{
	shim_kicked(vcpu);
	shim_event(XK_EV_KICK, vcpu->vcpu_id, 0);
}

/*
 * The XICS has one interrupt chip, number 0 in KVM's routing: an ack on
 * any other chip would find no routing entry and no notifier would hear
 * it (a resampling irqfd would never be told), so it is not an ack.
 */
void kvm_notify_acked_irq(struct kvm *kvm, unsigned int irqchip,
			  unsigned int pin)
{
	if (irqchip != 0) {
		shim_warn(__FILE__, __LINE__);
		return;
	}
	if (!hlist_empty(&kvm->irq_ack_notifier_list))
		shim_event(XK_EV_ACK, pin, 0);
}

static int shim_guest_range(gpa_t gpa, unsigned long len)
{
	return shim_cur->guest_mem && gpa <= shim_cur->guest_mem_size &&
	       len <= shim_cur->guest_mem_size - gpa;
}

int kvm_read_guest(struct kvm *kvm, gpa_t gpa, void *data, unsigned long len)
{
	if (!shim_guest_range(gpa, len))
		return -EFAULT;
	memcpy(data, shim_cur->guest_mem + gpa, len);
	return 0;
}

int kvm_write_guest(struct kvm *kvm, gpa_t gpa, const void *data,
		    unsigned long len)
{
	if (!shim_guest_range(gpa, len))
		return -EFAULT;
	memcpy(shim_cur->guest_mem + gpa, data, len);
	return 0;
}

int seq_printf(struct seq_file *m, const char *fmt, ...)
{
	return 0;
}

int seq_puts(struct seq_file *m, const char *s)
{
	return 0;
}

/* Interrupt names: kept unexpanded (nothing here shows them) */
char *kasprintf(int gfp, const char *fmt, ...)
{
	size_t n = __builtin_strlen(fmt) + 1;
	char *s = kzalloc(n, gfp);

	if (s)
		memcpy(s, fmt, n);
	return s;
}

struct dentry *debugfs_create_file(const char *name, unsigned short mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops)
{
	return NULL;
}

void debugfs_remove(struct dentry *d)
{
}

#ifndef CONFIG_PPC_XIVE
/* This machine has no XIVE: reaching these is a bug in the shim */
int kvmppc_xive_set_xive(struct kvm *kvm, u32 irq, u32 server, u32 prio)
{
	shim_warn(__FILE__, __LINE__);
	return -ENODEV;
}

int kvmppc_xive_get_xive(struct kvm *kvm, u32 irq, u32 *server, u32 *prio)
{
	shim_warn(__FILE__, __LINE__);
	return -ENODEV;
}

int kvmppc_xive_int_on(struct kvm *kvm, u32 irq)
{
	shim_warn(__FILE__, __LINE__);
	return -ENODEV;
}

int kvmppc_xive_int_off(struct kvm *kvm, u32 irq)
{
	shim_warn(__FILE__, __LINE__);
	return -ENODEV;
}
#endif

/* debugfs files are never opened here */
int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data)
{
	return 0;
}
