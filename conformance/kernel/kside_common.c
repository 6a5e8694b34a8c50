// SPDX-License-Identifier: GPL-2.0-only
/*
 * The steps that are the same for every kernel implementation: RTAS calls
 * through the guest's argument buffer and kvmppc_rtas_hcall (book3s_rtas.c
 * picks the XICS or the XIVE back end), the device's source attributes,
 * the input levels, and the arming of faults.
 */
#include "kside.h"

#define XK_RTAS_GPA	0x100
/* room for a struct rtas_args (asm/rtas-types.h), each slot its own */
#define XK_RTAS_ARGS_SIZE	0x100

static int xk_rtas_token(const char *name)
{
	static const char *const names[] = {
		"ibm,set-xive", "ibm,get-xive", "ibm,int-off", "ibm,int-on",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strncmp(names[i], name, 32))
			return 0x2000 + i;
	return 0;
}

int xk_rtas(struct xk_vm *vm, const char *name, const unsigned int *args,
	    unsigned int nargs, unsigned int *rets, unsigned int nret)
{
	struct kvm_vcpu *v0 = &vm->vcpu[0], *vcpu;
	struct rtas_args ra;
	unsigned long gpa;
	unsigned int i, s = 0;
	int rc;

	if (!vm->kvm.nr_vcpus || nargs + nret > 16)
		return -EINVAL;
	if (vm->m.exploring) {
		for (s = 1; s < XK_RTAS_SLOTS; s++)
			if (vm->rtas_owner[s] == vm->m.cur_cpu + 1 ||
			    !vm->rtas_owner[s])
				break;
		if (s == XK_RTAS_SLOTS)
			return -EBUSY;
		vm->rtas_owner[s] = vm->m.cur_cpu + 1;
	}
	vcpu = &vm->rtas_vcpu[s];
	gpa = XK_RTAS_GPA + s * XK_RTAS_ARGS_SIZE;
	/* the call comes from VCPU 0, made with registers of its own */
	xk_on_cpu(vm, v0->arch.thread_cpu >= 0 ? v0->arch.thread_cpu :
		  vm->host_cpu);
	vcpu->kvm = &vm->kvm;
	memset(&ra, 0, sizeof(ra));
	ra.token = cpu_to_be32(xk_rtas_token(name));
	ra.nargs = cpu_to_be32(nargs);
	ra.nret = cpu_to_be32(nret);
	for (i = 0; i < nargs; i++)
		ra.args[i] = cpu_to_be32(args[i]);
	if (kvm_write_guest(&vm->kvm, gpa, &ra, sizeof(ra)))
		return -EFAULT;
	kvmppc_set_gpr(vcpu, 4, gpa);
	rc = kvmppc_rtas_hcall(vcpu);
	if (kvm_read_guest(&vm->kvm, gpa, &ra, sizeof(ra)))
		return -EFAULT;
	for (i = 0; i < nret; i++)
		rets[i] = be32_to_cpu(ra.args[nargs + i]);
	xk_host_done(vm);
	return rc;
}

/* FAULT-ARM: arm the shim's fault of @kind (fault.c) */
long long xk_fail(struct xk_vm *vm, unsigned int kind, unsigned int nth)
{
	unsigned int left;

	if (kind >= XK_FAULT_NR_KINDS)
		return -1;
	left = vm->m.fault_in[kind];
	vm->m.fault_in[kind] = nth;
	return left;
}

/* The step's input, as KVM_IRQ_LINE passes its level */
int xk_set_irq(struct xk_vm *vm, unsigned int irq, int input)
{
	/* enum xr_irq_input: 0 on, 1 off, 2 pulse */
	static const u32 level[] = {
		KVM_INTERRUPT_SET_LEVEL, KVM_INTERRUPT_UNSET, KVM_INTERRUPT_SET,
	};

	if (input < 0 || input > 2)
		return -EINVAL;
	return xk_set_irq_level(vm, irq, level[input]);
}

/* KVM_SET_DEVICE_ATTR / KVM_GET_DEVICE_ATTR of a source, from the host */
static int xk_attr(struct xk_vm *vm, bool set, u64 irq, u64 *val)
{
	int rc;

	if (!vm->dev)
		return -ENODEV;
	xk_on_cpu(vm, vm->host_cpu);
	rc = xk_source_attr(vm, set, irq, val);
	xk_host_done(vm);
	return rc;
}

long long xk_set_source(struct xk_vm *vm, unsigned long long irq,
			unsigned long long val)
{
	u64 v = val;

	return xk_attr(vm, true, irq, &v);
}

long long xk_get_source(struct xk_vm *vm, unsigned long long irq,
			unsigned long long *val)
{
	u64 v = 0;
	int rc = xk_attr(vm, false, irq, &v);

	*val = v;
	return rc;
}
