// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host's IPIs to a CPU, around the kernel's own kvmppc_set_host_ipi()
 * and kvmppc_clear_host_ipi() (asm/kvm_ppc.h, taken mechanically with
 * their barriers, 3a83f677a6ee: xr_shim/machine.h).  Compiled like the
 * kernel files, so that in an explore build the message bytes and
 * host_ipi are memory the explorer sees: the send and take sides race
 * with the read path (kvmppc_read_one_intr).
 *
 * What the rest of the host does is written after arch/powerpc/kernel/
 * smp.c (smp_muxed_ipi_set_message, smp_ipi_demux_relaxed) and the XICS
 * IPI backends (icp_native_cause_ipi, icp_opal_cause_ipi).
 */
#include <linux/kvm_host.h>
#include <asm/kvm_ppc.h>
#include <xr_shim/state.h>

/* One byte per message in a word; little-endian host */
#define SHIM_IPI_MESSAGE(m)	(1UL << (8 * (m)))

void smp_muxed_ipi_set_message(int cpu, int msg)
{
	char *message = (char *)&shim_cur->cpu[cpu].messages;

	/* Order previous accesses before accesses in the IPI handler */
	smp_mb();
	WRITE_ONCE(message[msg], 1);
	shim_message_posted(cpu);
}

/*
 * The host takes an IPI on @cpu, the current CPU: the XICS IPI handler
 * clears host_ipi first, then handles every message posted (the only one
 * this harness acts on is a borrowed core's PPC_MSG_RM_HOST_ACTION).
 */
void shim_host_take_ipi(int cpu)
{
	unsigned long all;

	shim_ipi_lowered(cpu);
	kvmppc_clear_host_ipi(cpu);
	do {
		all = xchg(&shim_cur->cpu[cpu].messages, 0);
		if (all & SHIM_IPI_MESSAGE(PPC_MSG_RM_HOST_ACTION))
			kvmppc_xics_ipi_action();
	} while (READ_ONCE(shim_cur->cpu[cpu].messages));
}

/*
 * ROUTE-HOST-IPI: the host sends @cpu an IPI: a message, host_ipi in
 * its PACA, then the XICS IPI (the ICP's MFRR through MMIO on POWER8,
 * through OPAL on POWER9).
 */
void shim_host_send_ipi(int cpu)
{
	smp_muxed_ipi_set_message(cpu, PPC_MSG_CALL_FUNCTION);
	kvmppc_set_host_ipi(cpu);
	/* out_8() starts with a sync, and so is an OPAL call ordered */
	smp_mb();
	if (shim_cur->cpu[cpu].paca.kvm_hstate.xics_phys)
		__raw_rm_writeb(IPI_PRIORITY,
				(u8 *)shim_cur->cpu[cpu].paca.kvm_hstate.xics_phys +
				XICS_MFRR);
	else
		opal_int_set_mfrr(get_hard_smp_processor_id(cpu), IPI_PRIORITY);
}

/*
 * The guest entry of CPU @cpu, which runs a VCPU: after a doorbell
 * (msgsnd) made it exit, and after each of its hypercalls.  The entry
 * code (book3s_hv_rmhandlers.S; kvmppc_guest_entry_inject_int on
 * POWER8) loads pending_exceptions, one load instruction (so marked),
 * and injects the external interrupt it finds.  Compiled like the kernel
 * files: in an explore build the load sees what that CPU can see, so a
 * doorbell sent before the interrupt's bit is visible is a wake-up lost
 * (CONC-WAKEUP).
 */
void shim_guest_entry(int cpu)
{
	struct kvm_vcpu *vcpu = shim_cur->cpu[cpu].paca.kvm_hstate.kvm_vcpu;

	if (vcpu)
		shim_entered(cpu, vcpu, READ_ONCE(vcpu->arch.pending_exceptions));
}

/*
 * An MFRR store of a parallel block (machine.c, __raw_rm_writeb): made
 * here, instrumented, so that it may wait in the storing CPU's store
 * buffer like the kernel's own stores; a device register is written
 * with one store instruction, so it is marked.
 */
void shim_mmio_store8(u8 *reg, u8 val)
{
	WRITE_ONCE(*reg, val);
}
