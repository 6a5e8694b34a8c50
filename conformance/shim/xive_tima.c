// SPDX-License-Identifier: GPL-2.0-only
/*
 * The OS ring (QW1) of each hardware thread's Thread Interrupt
 * Management Area: the VP pushed on the thread (word 2: VO bit and CAM),
 * its pending priorities (IPB), the most favoured of them (PIPR), its
 * CPPR, and NSR.EO, the exception the guest would take.  The operations
 * are the ones book3s_xive.c makes; their effects are QEMU's
 * (hw/intc/xive.c: xive_tctx_accept, xive_tctx_set_cppr,
 * xive_tm_set_os_pending, xive_tm_push_os_ctx / xive_tctx_need_resend,
 * xive_tm_pull_os_ctx) and the comments of asm/xive-regs.h.
 *
 * Registers are kept as the bytes at TM_QW1_OS in address order; a raw
 * load or store by the little-endian host moves them in that order, so
 * the kernel's be16/be64_to_cpu() see the big-endian register values.
 */
#include <xr_shim/xive_hw.h>

#define SHIM_OS_VALID	0x80	/* TM_QW1W2_VO, in the first byte of word 2 */

u8 shim_xive_prio_bit(u8 prio)
{
	return prio > 7 ? 0 : 0x80 >> prio;
}

static u8 shim_xive_ipb_to_pipr(u8 ipb)
{
	return ipb ? (u8)__builtin_clz((u32)ipb << 24) : 0xff;
}

/*
 * PIPR follows IPB; the exception is up exactly while something pending
 * is more favoured than CPPR.  QEMU only raises it on a CPPR store and
 * lowers it at the next ack; here a CPPR store that masks the pending
 * priority lowers it too, as the signal is PIPR < CPPR.
 */
static void shim_xive_ring_update(u8 *os)
{
	os[TM_PIPR] = shim_xive_ipb_to_pipr(os[TM_IPB]);
	if (os[TM_PIPR] < os[TM_CPPR])
		os[TM_NSR] |= TM_QW1_NSR_EO;
	else
		os[TM_NSR] &= ~TM_QW1_NSR_EO;
}

void shim_xive_tima_notify(struct shim_xive *x, int cpu, u8 prio)
{
	u8 *os = x->thr[cpu].os;

	os[TM_IPB] |= shim_xive_prio_bit(prio);
	shim_xive_ring_update(os);
}

static u64 shim_xive_ring_bytes(const u8 *os, unsigned long off, int size)
{
	u64 v = 0;
	int i;

	for (i = 0; i < size; i++)
		v |= (u64)os[off + i] << (8 * i);
	return v;
}

static u32 shim_xive_ring_cam(const u8 *os)
{
	return (u32)os[TM_WORD2 + 1] << 16 | (u32)os[TM_WORD2 + 2] << 8 |
	       os[TM_WORD2 + 3];
}

/*
 * Acknowledge: the answer is NSR in the first byte and the new CPPR in
 * the second; when the exception was up, CPPR takes the PIPR, whose
 * IPB bit is cleared, and the exception drops.
 */
static u64 shim_xive_ack(u8 *os)
{
	u8 nsr = os[TM_NSR];

	if (nsr & TM_QW1_NSR_EO) {
		os[TM_CPPR] = os[TM_PIPR];
		os[TM_IPB] &= ~shim_xive_prio_bit(os[TM_PIPR]);
		os[TM_PIPR] = shim_xive_ipb_to_pipr(os[TM_IPB]);
		os[TM_NSR] &= ~TM_QW1_NSR_EO;
	}
	return nsr | (u64)os[TM_CPPR] << 8;
}

/* Pull: word 2 as it was, then the context is no longer valid */
static u64 shim_xive_pull(u8 *os)
{
	u64 w2 = shim_xive_ring_bytes(os, TM_WORD2, 4);

	os[TM_WORD2] &= ~SHIM_OS_VALID;
	return w2;
}

/*
 * Push: word 2 with VO set dispatches the VP.  The backlog the VP
 * collected while not pushed joins the IPB restored with words 0-1, and
 * PIPR (not saved) is computed again.
 */
static void shim_xive_push(struct shim_xive *x, int cpu, u32 raw)
{
	u8 *os = x->thr[cpu].os;
	struct shim_xive_vp *vp;
	int i, other;

	for (i = 0; i < 4; i++)
		os[TM_WORD2 + i] = (raw >> (8 * i)) & 0xff;
	if (!(os[TM_WORD2] & SHIM_OS_VALID))
		return;
	other = -1;
	for (i = 0; i < x->nr_cpus; i++)
		if (i != cpu && (x->thr[i].os[TM_WORD2] & SHIM_OS_VALID) &&
		    shim_xive_ring_cam(x->thr[i].os) == shim_xive_ring_cam(os))
			other = i;
	if (other >= 0)
		shim_xive_bad_access("a VP pushed on two threads at once",
				     shim_xive_ring_cam(os));
	vp = shim_xive_vp(x, shim_xive_ring_cam(os), false);
	if (vp) {
		os[TM_IPB] |= vp->ipb;
		vp->ipb = 0;
	}
	shim_xive_ring_update(os);
}

u64 shim_xive_tima_load(struct shim_xive *x, int cpu, unsigned long off,
			int size)
{
	u8 *os = x->thr[cpu].os;

	if (off == TM_SPC_ACK_OS_REG && size == 2)
		return shim_xive_ack(os);
	if (off == TM_SPC_PULL_OS_CTX && size == 4)
		return shim_xive_pull(os);
	/* plain loads ("peek") of QW1, naturally aligned */
	if (off >= TM_QW1_OS && off + size <= TM_QW1_OS + 16 &&
	    !(off & (size - 1)))
		return shim_xive_ring_bytes(os, off - TM_QW1_OS, size);
	shim_xive_bad_access("TIMA load: offset or size", off);
	return ~0ULL;
}

void shim_xive_tima_store(struct shim_xive *x, int cpu, unsigned long off,
			  int size, u64 val)
{
	u8 *os = x->thr[cpu].os;
	int i;

	if (off == TM_SPC_SET_OS_PENDING && size == 1) {
		os[TM_IPB] |= shim_xive_prio_bit(val & 0xff);
		shim_xive_ring_update(os);
	} else if (off == TM_QW1_OS + TM_CPPR && size == 1) {
		os[TM_CPPR] = (val & 0xff) > 7 ? 0xff : val & 0xff;
		shim_xive_ring_update(os);
	} else if (off == TM_QW1_OS && size == 8) {
		/* words 0-1 are written only while no context is valid */
		if (os[TM_WORD2] & SHIM_OS_VALID) {
			shim_xive_bad_access("TIMA QW1 words 0-1 stored while "
					     "an OS context is pushed", off);
			return;
		}
		for (i = 0; i < 8; i++)
			os[i] = (val >> (8 * i)) & 0xff;
	} else if (off == TM_QW1_OS + TM_WORD2 && size == 4) {
		if (os[TM_WORD2] & SHIM_OS_VALID) {
			shim_xive_bad_access("TIMA push while an OS context is "
					     "pushed", off);
			return;
		}
		shim_xive_push(x, cpu, (u32)val);
	} else {
		shim_xive_bad_access("TIMA store: offset or size", off);
	}
}

void shim_xive_os_ring(int cpu, struct shim_xive_os_ring *out)
{
	struct shim_xive *x = shim_xive_cur();
	const u8 *os;

	__builtin_memset(out, 0, sizeof(*out));
	if (!x || cpu < 0 || cpu >= x->nr_cpus)
		return;
	os = x->thr[cpu].os;
	out->pushed = os[TM_WORD2] & SHIM_OS_VALID;
	out->vp = shim_xive_ring_cam(os);
	out->nsr = os[TM_NSR];
	out->cppr = os[TM_CPPR];
	out->ipb = os[TM_IPB];
	out->pipr = os[TM_PIPR];
}
