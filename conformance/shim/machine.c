// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated host machine: which CPU runs, its LPCR, doorbells, the
 * per-CPU XICS MMIO and OPAL.  Each hardware effect becomes an event.
 */
#include <xr_shim/state.h>
#ifdef CONFIG_PPC_XIVE
#include <xr_shim/xive_hw.h>
#endif

struct shim_machine *shim_cur;
struct paca_struct **paca_ptrs;
int threads_shift;
int threads_per_core;
unsigned int nr_cpu_ids;
struct kvmppc_host_rm_ops *kvmppc_host_rm_ops_hv;
struct kernel_stat shim_kstat[SHIM_MAX_CPUS];

void shim_select(struct shim_machine *m)
{
	shim_cur = m;
	shim_vmheap_use(m->heap);
	paca_ptrs = m->paca_ptrs;
	threads_shift = m->threads_shift;
	threads_per_core = m->threads;
	nr_cpu_ids = m->nr_cpus;
	kvmppc_host_rm_ops_hv = m->has_rm_ops ? &m->rm_ops : NULL;
	h_ipi_redirect = m->ipi_redirect;
	kvm_irq_bypass = m->irq_bypass;
#ifdef CONFIG_PPC_XIVE
	shim_xive_select(m);
#endif
}

static void shim_record(int kind, unsigned int a, unsigned int b)
{
	struct xk_events *s = shim_cur->sink;

	if (!s)
		return;
	if (s->nr >= XK_MAX_EVENTS) {
		s->overflow = true;
		return;
	}
	s->ev[s->nr].kind = kind;
	s->ev[s->nr].a = a;
	s->ev[s->nr].b = b;
	s->nr++;
}

void shim_event(int kind, unsigned int a, unsigned int b)
{
	shim_record(kind, a, b);
#ifdef XR_EXPLORE
	/* an IPI or doorbell may start the host work of a borrowed core */
	if (shim_cur->exploring && (kind == XK_EV_IPI || kind == XK_EV_MSGSND))
		xs_poked(a);
#endif
}

void shim_warn(const char *file, int line)
{
	if (shim_cur)
		shim_cur->warnings++;
}

void shim_kernel_warn(const char *file, int line)
{
	if (shim_cur) {
		shim_cur->kernel_warns++;
		shim_event(XK_EV_WARN, 0, 0);
	}
}

void shim_kernel_log(const char *file, int line)
{
	if (shim_cur)
		shim_event(XK_EV_LOG, 0, 0);
}

int shim_this_cpu(void)
{
	return shim_cur->cur_cpu;
}

int cpu_nr_cores(void)
{
	return shim_cur->cores;
}

/* Hard (PIR) ids differ from logical ids so that a mix-up shows */
int get_hard_smp_processor_id(int cpu)
{
	return cpu + 0x100;
}

static int shim_hard_to_logical(unsigned long hard)
{
	return (int)hard - 0x100;
}

bool cpu_has_feature(unsigned long long f)
{
	unsigned long long have = CPU_FTR_HVMODE | CPU_FTR_ARCH_206 |
				  CPU_FTR_ARCH_207S;

	if (shim_cur->power >= 9)
		have |= CPU_FTR_ARCH_300;
	return (have & f) == f;
}

unsigned long shim_mfspr(int sprn)
{
	if (sprn != SPRN_LPCR)
		shim_warn(__FILE__, __LINE__);
	return shim_cur->cpu[shim_cur->cur_cpu].lpcr;
}

/* LPCR[MER] edges of the current CPU are the "mer cpuP 1|0" events */
void shim_mtspr(int sprn, unsigned long val)
{
	struct shim_cpu *c = &shim_cur->cpu[shim_cur->cur_cpu];
	unsigned long old = c->lpcr;

	if (sprn != SPRN_LPCR) {
		shim_warn(__FILE__, __LINE__);
		return;
	}
	c->lpcr = val;
	if ((old ^ val) & LPCR_MER)
		shim_event(XK_EV_MER, shim_cur->cur_cpu, !!(val & LPCR_MER));
}

/*
 * A server doorbell: POWER9 names the target by hard id, POWER8 by the
 * thread number within the sender's core.
 */
void shim_msgsnd(unsigned long msg)
{
	unsigned long tag = msg & 0x3fffff;
	int target;

	if (((msg >> (63 - 36)) & 0xf) != PPC_DBELL_SERVER)
		shim_warn(__FILE__, __LINE__);
	if (shim_cur->power >= 9)
		target = shim_hard_to_logical(tag);
	else
		target = cpu_first_thread_sibling(shim_cur->cur_cpu) +
			 (int)(tag & (shim_cur->threads - 1));
	if (target < 0 || target >= shim_cur->nr_cpus)
		shim_warn(__FILE__, __LINE__);
	/* a CPU in the guest exits for it and enters again (CONC-WAKEUP) */
	else if (shim_cur->exploring &&
		 shim_cur->cpu[target].paca.kvm_hstate.kvm_vcpu)
		shim_cur->cpu[target].doorbell = true;
	shim_event(XK_EV_MSGSND, target, 0);
}

/* The index of @vcpu in kvm->vcpus (one array), or -1 */
static int shim_vcpu_index(const struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = shim_cur->kvm;
	unsigned long i;

	if (!kvm || !kvm->nr_vcpus || !vcpu)
		return -1;
	i = (unsigned long)(vcpu - kvm->vcpus[0]);
	return i < kvm->nr_vcpus && kvm->vcpus[i] == vcpu ? (int)i : -1;
}

void shim_entered(int cpu, struct kvm_vcpu *vcpu,
		  unsigned long pending_exceptions)
{
	int i = shim_vcpu_index(vcpu);

	shim_cur->cpu[cpu].doorbell = false;
	if (i >= 0)
		shim_cur->entry[i] = (pending_exceptions >>
				      BOOK3S_IRQPRIO_EXTERNAL) & 1 ?
				     SHIM_ENTRY_SAW : 0;
}

bool shim_doorbell_pending(int cpu)
{
	return shim_cur->cpu[cpu].doorbell &&
	       shim_cur->cpu[cpu].paca.kvm_hstate.kvm_vcpu;
}

/* A kick wakes its VCPU: its next entry sees what is pending */
void shim_kicked(struct kvm_vcpu *vcpu)
{
	int i = shim_vcpu_index(vcpu);

	if (shim_cur->exploring && i >= 0)
		shim_cur->entry[i] |= SHIM_ENTRY_KICKED;
}

/* Which CPU's presentation registers @addr lies in, and where */
static int shim_mmio_decode(volatile void *addr, int *off)
{
	int i;

	for (i = 0; i < shim_cur->nr_cpus; i++) {
		u8 *base = shim_cur->cpu[i].mmio;

		if ((u8 *)addr >= base && (u8 *)addr < base + SHIM_MMIO_SIZE) {
			*off = (int)((u8 *)addr - base);
			return i;
		}
	}
	shim_warn(__FILE__, __LINE__);
	return -1;
}

/*
 * MFRR write: an IPI to that CPU when it asks for one (not 0xff).  In a
 * parallel block the store is a store like the kernel's own: it may
 * wait in the writing CPU's store buffer until an smp_mb() (sync) of
 * that CPU, and the IPI is raised or taken back when it reaches the
 * device (shim_mfrr_landed), as a cache-inhibited store on POWER may
 * complete after later cacheable loads.
 */
void __raw_rm_writeb(u8 val, volatile void __iomem *addr)
{
	int off, cpu = shim_mmio_decode(addr, &off);

	if (cpu < 0)
		return;
	/*
	 * The host writes one byte register, the MFRR, and only two values
	 * to it: 0xff (no IPI) and IPI_PRIORITY, the priority its IPI
	 * handler is set up at.  Anything else is an access the hardware
	 * would not serve as the kernel means it.
	 */
	if (off != XICS_MFRR || (val != 0xff && val != IPI_PRIORITY)) {
		shim_warn(__FILE__, __LINE__);
		return;
	}
#ifdef XR_EXPLORE
	if (shim_cur->exploring && off == XICS_MFRR) {
		shim_mmio_store8(&shim_cur->cpu[cpu].mmio[off], val);
		return;
	}
#endif
	shim_cur->cpu[cpu].mmio[off] = val;
	if (off == XICS_MFRR)
		shim_cur->cpu[cpu].ipi_raised = val != 0xff;
	if (off == XICS_MFRR && val != 0xff)
		shim_event(XK_EV_IPI, cpu, 0);
}

/* XIRR write: an EOI in the physical controller */
void __raw_rm_writel(u32 val, volatile void __iomem *addr)
{
	int off, cpu = shim_mmio_decode(addr, &off);
	u32 xirr = be32_to_cpu(val);	/* the kernel writes the raw value */

	if (cpu < 0)
		return;
	if (off != XICS_XIRR) {		/* the only word the host writes */
		shim_warn(__FILE__, __LINE__);
		return;
	}
	if ((xirr & 0xffffff) == XICS_IPI)
		shim_cur->cpu[cpu].ipi_unacked = false;
	else
		shim_event(XK_EV_HW_EOI, xirr & 0xffffff, 0);
}

/* The running CPU's MFRR store to @cpu's ICP reached it (explore) */
void shim_mfrr_landed(int cpu)
{
	bool raised = shim_cur->cpu[cpu].mmio[XICS_MFRR] != 0xff;

	shim_cur->cpu[cpu].ipi_raised = raised;
	if (raised)
		shim_event(XK_EV_IPI, cpu, 0);
}

/* XIRR read: the pending physical interrupt is set up by the caller */
u32 __raw_rm_readl(volatile void __iomem *addr)
{
	int off, cpu = shim_mmio_decode(addr, &off);
	u32 v;

	if (cpu < 0)
		return 0;
	if (off != XICS_XIRR) {		/* the only word the host reads */
		shim_warn(__FILE__, __LINE__);
		return 0;
	}
#ifdef XR_EXPLORE
	/* a load from a device comes after this CPU's stores to it */
	if (shim_cur->exploring)
		xs_device_order(&shim_cur->cpu[cpu].mmio[XICS_MFRR]);
#endif
	__builtin_memcpy(&v, &shim_cur->cpu[cpu].mmio[off], sizeof(v));
	__builtin_memset(&shim_cur->cpu[cpu].mmio[off], 0, sizeof(v));
	if ((be32_to_cpu(v) & 0xffffff) == XICS_IPI)
		shim_cur->cpu[cpu].ipi_unacked = true;
	shim_xirr_accepted(cpu);
	return v;
}

/*
 * The OPAL XICS calls exist for POWER9's XICS emulation only; a POWER8
 * host has the presentation registers mapped (xics_phys) and its
 * firmware does not serve them.
 */
static bool shim_opal_xics_ok(void)
{
	if (shim_cur->power >= 9)
		return true;
	shim_warn(__FILE__, __LINE__);
	return false;
}

int64_t opal_int_set_mfrr(u32 hard_cpu, u8 mfrr)
{
	int cpu = shim_hard_to_logical(hard_cpu);

	if (!shim_opal_xics_ok())
		return SHIM_OPAL_HARDWARE;
	if (mfrr != 0xff && mfrr != IPI_PRIORITY) {	/* as __raw_rm_writeb */
		shim_warn(__FILE__, __LINE__);
		return 0;
	}
	if (cpu < 0 || cpu >= shim_cur->nr_cpus) {
		shim_warn(__FILE__, __LINE__);
		return 0;
	}
	shim_cur->cpu[cpu].ipi_raised = mfrr != 0xff;
	if (mfrr != 0xff)
		shim_event(XK_EV_IPI, cpu, 0);
	return 0;
}

int64_t opal_int_eoi(u32 xirr)
{
	if (!shim_opal_xics_ok())
		return SHIM_OPAL_HARDWARE;
	/* the kernel has done its part for an IPI it read (passthru_steps.c) */
	if ((xirr & 0xffffff) == XICS_IPI)
		shim_cur->cpu[shim_cur->cur_cpu].ipi_unacked = false;
	/* FAULT-OPAL-EOI: OPAL fails; the EOI does not reach the ICP */
	if (shim_fault(SHIM_FAULT_OPAL_EOI))
		return SHIM_OPAL_HARDWARE;
	if ((xirr & 0xffffff) != XICS_IPI)
		shim_event(XK_EV_HW_EOI, xirr & 0xffffff, 0);
	/* OPAL says whether another interrupt is pending */
	return shim_xirr_pending(shim_cur->cur_cpu) ? 1 : 0;
}

int64_t opal_int_get_xirr(__be32 *out, bool just_poll)
{
	u32 v;

	if (!shim_opal_xics_ok())
		return SHIM_OPAL_HARDWARE;
	/* FAULT-READ-XIRR: OPAL fails; the XIRR is neither read nor accepted */
	if (shim_fault(SHIM_FAULT_OPAL_GET_XIRR)) {
		shim_cur->cpu[shim_cur->cur_cpu].xirr_unread = true;
		return SHIM_OPAL_HARDWARE;
	}
	__builtin_memcpy(&v, &shim_cur->cpu[shim_cur->cur_cpu].mmio[XICS_XIRR],
			 sizeof(v));
	/* reading the XIRR accepts the interrupt: it is no longer pending */
	if (!just_poll) {
		if ((be32_to_cpu((__be32)v) & 0xffffff) == XICS_IPI)
			shim_cur->cpu[shim_cur->cur_cpu].ipi_unacked = true;
		__builtin_memset(&shim_cur->cpu[shim_cur->cur_cpu].mmio[XICS_XIRR],
				 0, sizeof(v));
		shim_xirr_accepted(shim_cur->cur_cpu);
	}
	*out = v;
	return 0;
}

/* The server argument is the hard id shifted left by 2 (xics "mangle") */
int64_t opal_set_xive(u32 isn, u16 server, u8 priority)
{
	/*
	 * KVM re-targets a passed-through interrupt at the priority the host
	 * set it up with (DEFAULT_PRIORITY); another would change how the
	 * host's ICP orders it, which this shim does not model.
	 */
	if (priority != DEFAULT_PRIORITY) {
		shim_warn(__FILE__, __LINE__);
		return SHIM_OPAL_HARDWARE;
	}
	/* FAULT-RETARGET: OPAL fails; the interrupt stays where it was */
	if (shim_fault(SHIM_FAULT_OPAL_SET_XIVE))
		return SHIM_OPAL_HARDWARE;
	shim_event(XK_EV_RETARGET, isn, shim_hard_to_logical(server >> 2));
	return 0;
}

void shim_message_posted(int cpu)
{
	shim_cur->nr_host_msgs++;
}

/* The host took the XICS IPI: its handler resets the MFRR */
void shim_ipi_lowered(int cpu)
{
	shim_cur->cpu[cpu].ipi_raised = false;
	shim_cur->cpu[cpu].mmio[XICS_MFRR] = 0xff;
}

/* The harness's clock (ICP-ACCEPT-X: H_XIRR_X returns it in R5) */
unsigned long get_tb(void)
{
	return XK_TIMEBASE;
}

unsigned long vmalloc_to_phys(void *addr)
{
	return (unsigned long)addr;
}

/*
 * A host CPU (no VCPU loaded) with a message it has not taken, or its
 * XICS IPI raised: the interrupt runs the handler even when an earlier
 * one already took the message, and the handler clears host_ipi.
 */
bool shim_host_msg_pending(int cpu)
{
	return (shim_cur->cpu[cpu].messages ||
		shim_cur->cpu[cpu].ipi_raised) &&
	       !shim_cur->cpu[cpu].paca.kvm_hstate.kvm_vcpu;
}

/* Host CPU @cpu (the current one) takes its IPI */
void shim_host_action(int cpu)
{
	if (shim_host_msg_pending(cpu))
		shim_host_take_ipi(cpu);
}

/*
 * Each host CPU that was sent a message (PPC_MSG_RM_HOST_ACTION from a
 * real-mode CPU borrowing it, or a host-ipi step) takes its IPI at the
 * end of the step, running the kernel's handler on itself.  CPUs that
 * run a VCPU take theirs at their next exit (the read path).
 * While a parallel block is explored it runs at once, as a CPU of its
 * own that the IPI started (shim_event).
 */
void shim_run_host_messages(void)
{
	int saved = shim_cur->cur_cpu;
	int i;

	/* the common case, every step: nobody was sent a message */
	if (!shim_cur->nr_host_msgs || shim_cur->exploring)
		return;
	for (i = 0; i < shim_cur->nr_cpus; i++) {
		if (!shim_host_msg_pending(i))
			continue;
		shim_cur->cur_cpu = i;
		shim_host_action(i);
	}
	shim_cur->cur_cpu = saved;
	shim_cur->nr_host_msgs = 0;
	for (i = 0; i < shim_cur->nr_cpus; i++)
		shim_cur->nr_host_msgs += shim_cur->cpu[i].messages != 0;
}

/* A core is "in host" when none of its threads runs a VCPU */
void shim_update_in_host(void)
{
	int core, t;

	if (!shim_cur->rm_core)
		return;
	for (core = 0; core < shim_cur->cores; core++) {
		u32 in_host = 1;

		for (t = 0; t < shim_cur->threads; t++) {
			int cpu = core * shim_cur->threads + t;

			if (shim_cur->cpu[cpu].paca.kvm_hstate.kvm_vcpu)
				in_host = 0;
		}
		shim_cur->rm_core[core].rm_state.in_host = in_host;
	}
}
