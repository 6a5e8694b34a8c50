// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side of the adapter: builds a VM with the kernel's own
 * device code and drives it the way KVM does.  Compiled like the kernel
 * files (shim headers, no libc); the adapter reaches it through
 * xr_api/xk_api.h only.
 */
#include "kside.h"

/*
 * The device KVM_CREATE_DEVICE(KVM_DEV_TYPE_XICS) makes: book3s_xics.c,
 * or on a XIVE host (kernel-xive, conformance/kernel-xive.mk) XICS-on-
 * XIVE of book3s_xive.c, which has no real-mode switches.
 */
#ifdef CONFIG_PPC_XIVE
#define xk_dev_ops		kvm_xive_ops
#define xk_connect_vcpu		kvmppc_xive_connect_vcpu
#define XK_CONNECT_NAME		"kvmppc_xive_connect_vcpu"
#define XK_CREATE_NAME		"kvmppc_xive_create"
/* kvmppc_pack_vcpu_id WARNs on a server beyond the VP block */
#define XK_CONNECT_FINDING	"FINDING-XIVE-SERVER-PACK: "
#else
#define xk_dev_ops		kvm_xics_ops
#define xk_connect_vcpu		kvmppc_xics_connect_vcpu
#define XK_CONNECT_NAME		"kvmppc_xics_connect_vcpu"
#define XK_CREATE_NAME		"kvmppc_xics_create"
#define XK_CONNECT_FINDING	""
#endif

/* Tokens QEMU would define; any distinct non-zero values do */
static const char *const xk_rtas_names[] = {
	"ibm,set-xive", "ibm,get-xive", "ibm,int-off", "ibm,int-on",
};

static void xk_enter(struct xk_vm *vm, int cpu)
{
	xk_on_cpu(vm, cpu);
}

/* Host work runs on a CPU with no VCPU: the last such one */
static int xk_pick_host_cpu(struct xk_vm *vm)
{
	int cpu;

	for (cpu = vm->m.nr_cpus - 1; cpu >= 0; cpu--)
		if (!vm->m.cpu[cpu].paca.kvm_hstate.kvm_vcpu)
			return cpu;
	return vm->m.nr_cpus - 1;	/* every CPU runs a VCPU */
}

int xk_vcpu_run(struct xk_vm *vm, int vi, int cpu)
{
	struct kvm_vcpu *vcpu;
	int old;

	if (vi < 0 || vi >= (int)vm->kvm.nr_vcpus || cpu >= vm->m.nr_cpus ||
	    (cpu >= 0 && vm->m.cpu[cpu].paca.kvm_hstate.kvm_vcpu &&
	     vm->m.cpu[cpu].paca.kvm_hstate.kvm_vcpu != &vm->vcpu[vi]))
		return -EINVAL;
	xk_enter(vm, vm->host_cpu);
	vcpu = &vm->vcpu[vi];
	old = vcpu->arch.thread_cpu;
#ifdef CONFIG_PPC_XIVE
	xk_xive_placed(vm, vi, false);		/* its guest exit */
#endif
	if (old >= 0)
		vm->m.cpu[old].paca.kvm_hstate.kvm_vcpu = NULL;
	vcpu->arch.thread_cpu = cpu < 0 ? -1 : cpu;
	if (cpu >= 0)
		vm->m.cpu[cpu].paca.kvm_hstate.kvm_vcpu = vcpu;
#ifdef CONFIG_PPC_XIVE
	xk_xive_placed(vm, vi, true);		/* its guest entry there */
	xk_enter(vm, vm->host_cpu);
#endif
	shim_update_in_host();
	vm->host_cpu = xk_pick_host_cpu(vm);
	return 0;
}

int xk_source_attr(struct xk_vm *vm, bool set, u64 irq, u64 *val)
{
	struct kvm_device_attr attr = {
		.group = KVM_DEV_XICS_GRP_SOURCES,
		.attr = irq,
		.addr = (u64)(unsigned long)val,
	};

	return set ? xk_dev_ops.set_attr(vm->dev, &attr) :
		     xk_dev_ops.get_attr(vm->dev, &attr);
}

static int xk_define_tokens(struct xk_vm *vm)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xk_rtas_names); i++) {
		struct kvm_rtas_token_args a;
		unsigned int j;

		memset(&a, 0, sizeof(a));
		for (j = 0; xk_rtas_names[i][j]; j++)
			a.name[j] = xk_rtas_names[i][j];
		a.token = 0x2000 + i;
		if (kvm_vm_ioctl_rtas_define_token(&vm->kvm, &a))
			return -1;
	}
	return 0;
}

static int xk_build(struct xk_vm *vm, const struct xk_config *cfg,
		    char *err, unsigned long errlen)
{
	struct shim_machine *m = &vm->m;
	unsigned int i;
	int r;

	m->power = cfg->power;
	m->cores = cfg->cores;
	m->threads = cfg->threads;
	m->nr_cpus = cfg->cores * cfg->threads;
	while ((1 << m->threads_shift) < m->threads)
		m->threads_shift++;
	/* sized by the set-up: a VM of 2048 VCPUs costs what it uses */
	m->cpu = shim_zalloc(m->nr_cpus * sizeof(*m->cpu));
	m->paca_ptrs = shim_zalloc(m->nr_cpus * sizeof(*m->paca_ptrs));
	vm->vcpu = shim_zalloc((cfg->nr_vcpus ? cfg->nr_vcpus : 1) *
			       sizeof(*vm->vcpu));
	vm->kvm.vcpus = shim_zalloc((cfg->nr_vcpus ? cfg->nr_vcpus : 1) *
				    sizeof(*vm->kvm.vcpus));
	m->seen_pending = shim_zalloc((cfg->nr_vcpus ? cfg->nr_vcpus : 1) *
				      sizeof(*m->seen_pending));
	m->entry = shim_zalloc(cfg->nr_vcpus ? cfg->nr_vcpus : 1);
	if (!m->cpu || !m->paca_ptrs || !vm->vcpu || !vm->kvm.vcpus ||
	    !m->seen_pending || !m->entry)
		goto nomem;
	m->ipi_redirect = cfg->ipi_redirect;
	m->irq_bypass = cfg->bypass;
	m->ack_notifier = cfg->ack_notifier;
	m->kvm = &vm->kvm;
	m->guest_mem = vm->guest_mem;
	m->guest_mem_size = sizeof(vm->guest_mem);
	for (i = 0; i < (unsigned int)m->nr_cpus; i++) {
		m->paca_ptrs[i] = &m->cpu[i].paca;
		m->cpu[i].paca.logical_cpu = i;
		/* POWER8 pokes the ICP through MMIO, POWER9 through OPAL */
		if (m->power < 9)
			m->cpu[i].paca.kvm_hstate.xics_phys = m->cpu[i].mmio;
	}
	/*
	 * kvmppc_alloc_host_rm_ops(): POWER8 only.  One entry more, in front
	 * of the array the kernel gets: a guard that looks like a free host
	 * core, so that a search that strays below core 0 takes it and
	 * xk_rm_core_guard() sees the write (the heap block in front would
	 * otherwise answer such a read unnoticed).
	 */
	if (m->power < 9) {
		m->rm_core = shim_zalloc((m->cores + 1) * sizeof(*m->rm_core));
		if (!m->rm_core)
			goto nomem;
		m->rm_core++;
		m->rm_core[-1].rm_state.in_host = 1;
		m->rm_ops.rm_core = m->rm_core;
		m->rm_ops.vcpu_kick = shim_kick_hv;
		m->has_rm_ops = true;
	}
	xk_enter(vm, m->nr_cpus - 1);

	INIT_LIST_HEAD(&vm->kvm.arch.rtas_tokens);
	vm->kvm.arch.kvm_ops = kvmppc_hv_ops;
	if (cfg->ack_notifier)
		vm->kvm.irq_ack_notifier_list.first = &vm->ack_node;
	for (i = 0; i < cfg->nr_vcpus; i++) {
		struct kvm_vcpu *v = &vm->vcpu[i];

		v->kvm = &vm->kvm;
		v->vcpu_id = cfg->vcpu[i].id;
		v->arch.thread_cpu = -1;
		vm->kvm.vcpus[i] = v;
	}
	vm->kvm.nr_vcpus = cfg->nr_vcpus;
#ifdef CONFIG_PPC_XIVE
	if (xk_xive_build(vm, cfg->tb_offset))
		goto nomem;
#endif

	/*
	 * A VM may define the RTAS tokens without ever creating the XICS
	 * device (RTAS-NO-XICS, ICS-INPUT-NO-XICS): then kvm->arch.xics stays
	 * NULL, no VCPU is connected and no source can be defined.
	 */
	if (cfg->no_xics) {
		if (cfg->nr_sources || cfg->nr_passthru) {
			xk_msg(err, errlen, "no XICS device: no sources or "
			       "passthru entries can be set up");
			return -1;
		}
		goto tokens;
	}
	vm->dev = shim_zalloc(sizeof(*vm->dev));
	if (!vm->dev)
		goto nomem;
	vm->dev->ops = &xk_dev_ops;
	vm->dev->kvm = &vm->kvm;
	if (xk_dev_ops.create(vm->dev, KVM_DEV_TYPE_XICS)) {
		kfree(vm->dev);
		vm->dev = NULL;
		xk_msg(err, errlen, XK_CREATE_NAME " failed");
		return -1;
	}
	xk_dev_ops.init(vm->dev);
#ifndef CONFIG_PPC_XIVE
	vm->kvm.arch.xics->real_mode = cfg->real_mode;
	/* book3s_xics.c sets it from a compile-time DEBUG_REALMODE */
	vm->kvm.arch.xics->real_mode_dbg = cfg->real_mode_dbg;
#endif

	for (i = 0; i < cfg->nr_vcpus; i++) {
		unsigned int warns = vm->m.kernel_warns;

		if (!cfg->vcpu[i].has_icp)
			continue;
		r = xk_connect_vcpu(vm->dev, &vm->vcpu[i],
				    cfg->vcpu[i].server);
		/*
		 * A set-up the kernel WARNs on is not one a host can run
		 * unharmed (panic_on_warn): the pair is skipped and says so
		 */
		if (vm->m.kernel_warns != warns) {
			xk_msg(err, errlen, "unsupported: " XK_CONNECT_FINDING
			       "the kernel WARNs in " XK_CONNECT_NAME " for a "
			       "server of the set-up");
			return -1;
		}
		if (r) {
			xk_msg(err, errlen, XK_CONNECT_NAME " failed");
			return -1;
		}
	}
	for (i = 0; i < cfg->nr_sources; i++) {
		u64 val = cfg->src[i].server |
			  ((u64)cfg->src[i].prio << KVM_XICS_PRIORITY_SHIFT);

		if (cfg->src[i].lsi)
			val |= KVM_XICS_LEVEL_SENSITIVE;
		/*
		 * A masked source is defined as a VMM defines it: QEMU has
		 * set MASKED whenever the priority is 0xff since 4.1 (the
		 * XICS back end reads both forms alike).  The bare 0xff of
		 * older VMMs is a set-source step (DEV-XIVE-UNTARGETED).
		 */
		if (cfg->src[i].prio == 0xff)
			val |= KVM_XICS_MASKED;
		r = xk_source_attr(vm, true, cfg->src[i].irq, &val);
		if (r) {
			xk_msg(err, errlen, "xics_set_source refused a source "
			       "of the set-up");
			return -1;
		}
	}
tokens:
	if (xk_define_tokens(vm)) {
		xk_msg(err, errlen, "kvm_vm_ioctl_rtas_define_token failed");
		return -1;
	}
	for (i = 0; i < cfg->nr_vcpus; i++) {
		if (cfg->vcpu[i].cpu >= 0 &&
		    xk_vcpu_run(vm, i, cfg->vcpu[i].cpu)) {
			xk_msg(err, errlen, "bad VCPU placement");
			return -1;
		}
	}
	shim_update_in_host();
	vm->host_cpu = xk_pick_host_cpu(vm);
	return 0;
nomem:
	xk_msg(err, errlen, "out of memory");
	return -1;
}

struct xk_vm *xk_create(const struct xk_config *cfg, char *err,
			unsigned long errlen)
{
	struct shim_vmheap *heap;
	struct xk_vm *vm;

	if (cfg->cores * cfg->threads > SHIM_MAX_CPUS ||
	    cfg->nr_vcpus > XK_MAX_VCPUS || !cfg->threads ||
	    (cfg->threads & (cfg->threads - 1))) {
		xk_msg(err, errlen, "machine too large or threads not a "
		       "power of two");
		return NULL;
	}
	/* its own heap, so that it can be reset (xk_snapshot); else the heap */
	heap = shim_vmheap_new();
	shim_vmheap_use(heap);
	vm = shim_zalloc(sizeof(*vm));
	if (!vm) {
		shim_vmheap_free(heap);
		xk_msg(err, errlen, "out of memory");
		return NULL;
	}
	vm->m.heap = heap;
	if (xk_build(vm, cfg, err, errlen) || xk_pt_init(vm, cfg)) {
		if (!err[0])
			xk_msg(err, errlen, "out of memory");
		xk_destroy(vm);
		return NULL;
	}
	return vm;
}

void xk_destroy(struct xk_vm *vm)
{
	struct shim_vmheap *heap;
	unsigned long mark;
	bool marked;

	if (!vm)
		return;
	heap = vm->m.heap;
	mark = vm->m.par_mark;
	marked = vm->m.par_marked;
	xk_enter(vm, vm->m.nr_cpus ? vm->m.nr_cpus - 1 : 0);
	vm->m.sink = NULL;
	if (vm->dev)
		xk_dev_ops.release(vm->dev);	/* frees ICPs, ICSs, dev */
	kfree(vm->kvm.arch.xics_device);
#ifdef CONFIG_PPC_XIVE
	/* kept for reuse by kvmppc_xive_get_device until the VM goes */
	kfree(vm->kvm.arch.xive_devices.xics_on_xive);
	kfree(vm->vcore);
	kfree(vm->regs_before);
	shim_xive_destroy(&vm->m);
#endif
	kvmppc_rtas_tokens_free(&vm->kvm);
	xk_pt_fini(vm);
	if (vm->m.rm_core)
		kfree(vm->m.rm_core - 1);	/* the guard starts the block */
	kfree(vm->vcpu);
	kfree(vm->kvm.vcpus);
	kfree(vm->m.seen_pending);
	kfree(vm->m.entry);
	kfree(vm->m.paca_ptrs);
	kfree(vm->m.cpu);
	shim_cur = NULL;
	kfree(vm);
	shim_vmheap_free(heap);
	/*
	 * A parallel block cut short can leave a block its kernel code had
	 * not published yet: give the arena back, so that the next execution
	 * has its data at the same addresses (conformance/shim/kalloc.c).
	 */
	if (marked)
		shim_arena_abandon(mark);
}

int xk_snapshot(struct xk_vm *vm)
{
	shim_select(&vm->m);
	return shim_vmheap_snapshot(vm->m.heap);
}

int xk_restore(struct xk_vm *vm, _Bool broken)
{
	struct shim_vmheap *heap = vm->m.heap;
	int r = shim_vmheap_restore(heap, broken);

	shim_select(&vm->m);
	return r;
}

int xk_vcpu_index(struct xk_vm *vm, unsigned int vcpu_id)
{
	unsigned long i;

	for (i = 0; i < vm->kvm.nr_vcpus; i++)
		if (vm->vcpu[i].vcpu_id == (int)vcpu_id)
			return i;
	return -1;
}

unsigned int xk_warnings(struct xk_vm *vm)
{
	return vm->m.warnings;
}

#ifndef CONFIG_PPC_XIVE
/* The XICS host's complaints have no detail (kside_xive.c's have) */
int xk_hw_complaint(struct xk_vm *vm, char *buf, unsigned long len,
		    unsigned long *addr)
{
	return 0;
}
#endif

/*
 * The guard in front of the host-core array (rm_core[-1]) was written:
 * a host-core search went below core 0 (then reset), else 0
 */
static int xk_rm_core_guard(struct xk_vm *vm)
{
	struct kvmppc_host_rm_core *g;
	int bad;

	if (!vm->m.rm_core)
		return 0;
	g = &vm->m.rm_core[-1];
	bad = g->rm_state.in_host != 1 || g->rm_state.rm_action ||
	      g->rm_data;
	g->rm_state.in_host = 1;
	g->rm_state.rm_action = 0;
	g->rm_data = NULL;
	return bad;
}

/* A lock still held or host interrupts still off (then cleared), else 0 */
static int xk_unbalanced(struct xk_vm *vm)
{
	int bad = vm->m.locks_held || vm->m.irq_depth;

	vm->m.locks_held = 0;
	vm->m.irq_depth = 0;
	return bad;
}

unsigned int xk_step_begin(struct xk_vm *vm, struct xk_events *sink)
{
	vm->m.sink = sink;
	return vm->m.warnings;
}

unsigned int xk_step_end(struct xk_vm *vm, unsigned int warnings)
{
	unsigned int bad = 0;

	vm->m.sink = NULL;
	if (xk_rm_core_guard(vm))
		bad |= XK_END_RM_GUARD;
	if (xk_unbalanced(vm))
		bad |= XK_END_UNBALANCED;
	if (vm->m.warnings != warnings)
		bad |= XK_END_WARNED;
	return bad;
}
