// SPDX-License-Identifier: GPL-2.0-only
/*
 * Steps on the kernel side of kernel-vm and kernel-rm: hypercalls
 * sequenced as KVM sequences them, host-side input, state I/O and
 * read-back of the kernel's own structures (RTAS and faults:
 * kside_rtas.c, shared with kernel-xive).
 */
#include "kside.h"

/*
 * The HV real-mode hcall table (book3s_hv_rmhandlers.S, CONFIG_KVM_XICS)
 * has H_EOI, H_CPPR, H_IPI, H_XIRR and H_XIRR_X; H_IPOLL has no entry.
 */
static long xk_rm_hcall(struct kvm_vcpu *vcpu, unsigned long req)
{
	switch (req) {
	case H_XIRR:
		return xics_rm_h_xirr(vcpu);
	case H_XIRR_X:
		return xics_rm_h_xirr_x(vcpu);
	case H_CPPR:
		return xics_rm_h_cppr(vcpu, kvmppc_get_gpr(vcpu, 4));
	case H_EOI:
		return xics_rm_h_eoi(vcpu, kvmppc_get_gpr(vcpu, 4));
	case H_IPI:
		return xics_rm_h_ipi(vcpu, kvmppc_get_gpr(vcpu, 4),
				     kvmppc_get_gpr(vcpu, 5));
	}
	return H_TOO_HARD;
}

int xk_hcall(struct xk_vm *vm, int vi, unsigned long req, unsigned long a0,
	     unsigned long a1, _Bool real_mode_path, long *rc,
	     unsigned long *r4, unsigned long *r5, char *err,
	     unsigned long errlen)
{
	struct kvm_vcpu *vcpu;
	long r = H_TOO_HARD;

	if (!xk_valid_vcpu(vm, vi)) {
		xk_msg(err, errlen, "no such VCPU");
		return -1;
	}
	vcpu = &vm->vcpu[vi];
	if (vcpu->arch.thread_cpu < 0) {
		xk_msg(err, errlen, "VCPU is not running: it cannot make "
		       "a hypercall");
		return -1;
	}
	xk_on_cpu(vm, vcpu->arch.thread_cpu);
	kvmppc_set_gpr(vcpu, 4, a0);
	kvmppc_set_gpr(vcpu, 5, a1);
	if (real_mode_path)
		r = xk_rm_hcall(vcpu, req);
	/* H_TOO_HARD: exit to the host, which calls the virtual-mode code */
	if (r == H_TOO_HARD)
		r = kvmppc_xics_hcall(vcpu, req);
	/*
	 * The return to the guest drains this CPU's store buffer before the
	 * guest sees its registers; read here, unbuffered, they must be final.
	 */
	if (vm->m.exploring) {
		smp_mb();
		/* and the guest entry reads what is pending (CONC-WAKEUP) */
		shim_guest_entry(vcpu->arch.thread_cpu);
	}
	*rc = r;
	*r4 = kvmppc_get_gpr(vcpu, 4);
	*r5 = kvmppc_get_gpr(vcpu, 5);
	xk_host_done(vm);
	return 0;
}

int xk_set_irq_level(struct xk_vm *vm, unsigned int irq, int level)
{
	int rc;

	xk_on_cpu(vm, vm->host_cpu);
	rc = kvmppc_xics_set_irq(&vm->kvm, 0, irq, level, false);
	xk_host_done(vm);
	return rc;
}

long long xk_set_icp(struct xk_vm *vm, int vi, unsigned long long val)
{
	long long rc;

	if (!xk_valid_vcpu(vm, vi))
		return -ENOENT;
	xk_on_cpu(vm, vm->host_cpu);
	rc = kvmppc_xics_set_icp(&vm->vcpu[vi], val);
	xk_host_done(vm);
	return rc;
}

long long xk_get_icp(struct xk_vm *vm, int vi, unsigned long long *val)
{
	if (!xk_valid_vcpu(vm, vi))
		return -ENOENT;
	xk_on_cpu(vm, vm->host_cpu);
	*val = kvmppc_xics_get_icp(&vm->vcpu[vi]);
	return 0;
}

_Bool xk_icp_state(struct xk_vm *vm, int vi, struct xk_icp *out)
{
	struct kvmppc_icp *icp;
	union kvmppc_icp_state s;

	if (!xk_valid_vcpu(vm, vi) || !vm->vcpu[vi].arch.icp)
		return false;
	icp = vm->vcpu[vi].arch.icp;
	s = icp->state;
	out->cppr = s.cppr;
	out->mfrr = s.mfrr;
	out->pprio = s.pending_pri;
	out->xisr = s.xisr;
	out->need_resend = s.need_resend;
	out->out_ee = s.out_ee;
	out->line = test_bit(BOOK3S_IRQPRIO_EXTERNAL,
			     &vm->vcpu[vi].arch.pending_exceptions);
	return true;
}

void xk_icps_changed(struct xk_vm *vm, unsigned long long *seen, _Bool valid,
		     unsigned long long *map, unsigned int n)
{
	const struct kvm_vcpu *v = vm->vcpu;
	unsigned int i;

	if (n > vm->kvm.nr_vcpus)
		n = vm->kvm.nr_vcpus;
	for (i = 0; i < n; i++, v++, seen += 2) {
		const struct kvmppc_icp *icp = v->arch.icp;
		unsigned long long raw = 0, line = 0;

		if (icp) {
			raw = icp->state.raw;
			line = 1 | (v->arch.pending_exceptions >>
				    BOOK3S_IRQPRIO_EXTERNAL & 1) << 1;
		}
		if (valid && seen[0] == raw && seen[1] == line)
			continue;
		seen[0] = raw;
		seen[1] = line;
		map[i / 64] |= 1ull << (i % 64);
	}
}

_Bool xk_source_state(struct xk_vm *vm, unsigned int irq,
		      struct xk_source *out)
{
	struct kvmppc_xics *xics = vm->kvm.arch.xics;
	struct kvmppc_ics *ics;
	struct ics_irq_state *st;
	u16 src;

	if (!xics)
		return false;
	ics = kvmppc_xics_find_ics(xics, irq, &src);
	if (!ics)
		return false;
	st = &ics->irq_state[src];
	out->exists = st->exists;
	out->lsi = st->lsi;
	out->server = st->server;
	out->prio = st->priority;
	out->saved = st->saved_priority;
	out->p = !!(st->pq_state & PQ_PRESENTED);
	out->q = !!(st->pq_state & PQ_QUEUED);
	out->resend = st->resend;
	out->masked_pending = st->masked_pending;
	out->pt_mapped = st->host_irq != 0;
	out->intr_cpu = st->intr_cpu;
	/* the XICS back end keeps an LSI's input level in P */
	out->asserted = st->lsi && out->p;
	return true;
}

/*
 * Whether any of the @n ICS pointers at @ics is set, as one OR: the sweep
 * asks after every run, up to max_icsid, which a fuzzer's source number
 * pushes to hundreds.  Not instrumented: it reads the device's own array
 * up to its bound (the caller's).
 */
__attribute__((no_sanitize("address", "undefined")))
static _Bool xk_any_ics(struct kvmppc_ics *const *ics, unsigned int n)
{
	unsigned long any = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		any |= (unsigned long)ics[i];
	return any != 0;
}

unsigned int xk_ics_blocks(struct xk_vm *vm, unsigned int *first_irqs,
			   unsigned int max)
{
	enum { SPAN = 16 };
	struct kvmppc_xics *xics = vm->kvm.arch.xics;
	unsigned int base, i, k, end, n = 0;

	if (!xics)
		return 0;
	end = xics->max_icsid < KVMPPC_XICS_MAX_ICS_ID ?
	      xics->max_icsid + 1 : KVMPPC_XICS_MAX_ICS_ID + 1;
	/* SPAN ids at a time, each one only in a span that has a block */
	for (base = 0; base < end; base += SPAN) {
		k = end - base < SPAN ? end - base : SPAN;
		if (!xk_any_ics(&xics->ics[base], k))
			continue;
		for (i = base; i < base + k; i++) {
			if (!xics->ics[i])
				continue;
			if (n < max)
				first_irqs[n] = i << KVMPPC_XICS_ICS_SHIFT;
			n++;
		}
	}
	return n;
}

/*
 * What kvmppc_xics_create_ics() leaves in a block, per ICS id, for
 * xk_changed_sources.  Built here from the same facts (kzalloc, then
 * number, priority and saved_priority), never from a live block, which
 * may already have changed.  Should a kernel initialise more, every
 * source reads as changed and is compared: slower, never weaker.  Kept
 * for the life of the process (a few ids are ever used), one per id.
 */
static struct ics_irq_state *xk_pristine[KVMPPC_XICS_MAX_ICS_ID + 1];

/* Kept for the life of the process: from libc, not from a VM's arena */
void *calloc(unsigned long n, unsigned long size);
void free(void *p);

static const struct ics_irq_state *xk_pristine_block(unsigned int icsid)
{
	struct ics_irq_state *p = xk_pristine[icsid];
	unsigned int i;

	if (p)
		return p;
	p = calloc(KVMPPC_XICS_IRQ_PER_ICS, sizeof(*p));
	if (!p)
		return NULL;
	for (i = 0; i < KVMPPC_XICS_IRQ_PER_ICS; i++) {
		p[i].number = (icsid << KVMPPC_XICS_ICS_SHIFT) | i;
		p[i].priority = MASKED;
		p[i].saved_priority = MASKED;
	}
	xk_pristine[icsid] = p;
	return p;
}

#define XK_CHUNK	64	/* sources per word of the map */

/*
 * One source against its pristine copy, 8 bytes at a time, the last 8
 * overlapping the word before when the size is no multiple of 8: not
 * memcmp, whose interceptors in the fuzzers' sanitizer build cost more
 * than the comparison itself, and not instrumented: this reads two
 * arrays that are whole by construction, for every source of a chunk
 * that differs after every run.
 */
__attribute__((no_sanitize("address", "undefined")))
static _Bool xk_same_source(const struct ics_irq_state *a,
			    const struct ics_irq_state *b)
{
	enum { N = sizeof(*a) };
	const unsigned char *x = (const void *)a, *y = (const void *)b;
	unsigned long long u, v, d = 0;
	unsigned long i;

	_Static_assert(N >= 8, "a source is at least a word");
	for (i = 0; i + 8 <= N; i += 8) {
		__builtin_memcpy(&u, x + i, 8);
		__builtin_memcpy(&v, y + i, 8);
		d |= u ^ v;
	}
	if (N % 8) {
		__builtin_memcpy(&u, x + N - 8, 8);
		__builtin_memcpy(&v, y + N - 8, 8);
		d |= u ^ v;
	}
	return !d;
}

/*
 * The same for a whole chunk of sources, whose size is a multiple of 32
 * bytes: sixteen bytes at a time, the differences OR-ed together with no
 * branch until the end (GCC's and clang's vector types, two 8-byte lanes,
 * which every x86-64 and POWER compiler target has).  The chunk compare
 * runs for every chunk of every block after every run; the source
 * compare only where a chunk differs.
 */
typedef unsigned long long xk_v2 __attribute__((vector_size(16)));

__attribute__((no_sanitize("address", "undefined")))
static _Bool xk_same_chunk_v2(const void *a, const void *b)
{
	enum { N = XK_CHUNK * sizeof(struct ics_irq_state) };
	const unsigned char *x = a, *y = b;
	xk_v2 acc = { 0, 0 }, u, v;
	unsigned long i;

	_Static_assert(N % sizeof(xk_v2) == 0, "chunk of whole vectors");
	for (i = 0; i < N; i += sizeof(xk_v2)) {
		__builtin_memcpy(&u, x + i, sizeof(u));
		__builtin_memcpy(&v, y + i, sizeof(v));
		acc |= u ^ v;
	}
	return !(acc[0] | acc[1]);
}

#if defined(__x86_64__)
/*
 * The same, 32 bytes at a time where the CPU has AVX2 (asked once): the
 * compare is a fifth of a fuzzing run's instructions, and half of them
 * go with the wider vector.
 */
typedef unsigned long long xk_v4 __attribute__((vector_size(32)));

__attribute__((target("avx2"), no_sanitize("address", "undefined")))
static _Bool xk_same_chunk_v4(const void *a, const void *b)
{
	enum { N = XK_CHUNK * sizeof(struct ics_irq_state) };
	const unsigned char *x = a, *y = b;
	xk_v4 acc = { 0, 0, 0, 0 }, acc2 = { 0, 0, 0, 0 }, u, v, u2, v2;
	unsigned long i;

	/* two vectors a turn: half the loop's own instructions */
	_Static_assert(N % (2 * sizeof(xk_v4)) == 0, "chunk of vector pairs");
	for (i = 0; i < N; i += 2 * sizeof(xk_v4)) {
		__builtin_memcpy(&u, x + i, sizeof(u));
		__builtin_memcpy(&v, y + i, sizeof(v));
		__builtin_memcpy(&u2, x + i + sizeof(u), sizeof(u2));
		__builtin_memcpy(&v2, y + i + sizeof(v), sizeof(v2));
		acc |= u ^ v;
		acc2 |= u2 ^ v2;
	}
	acc |= acc2;
	return !(acc[0] | acc[1] | acc[2] | acc[3]);
}

static _Bool xk_same_chunk(const void *a, const void *b)
{
	static int avx2 = -1;

	if (avx2 < 0) {
		__builtin_cpu_init();
		avx2 = !!__builtin_cpu_supports("avx2");
	}
	return avx2 ? xk_same_chunk_v4(a, b) : xk_same_chunk_v2(a, b);
}
#else
#define xk_same_chunk	xk_same_chunk_v2
#endif

/*
 * For the Check suite (check_kalloc.c, "compare"): the compares above
 * against the plain truth on a chunk of sources, whichever vector path
 * this CPU takes and the 16-byte one in any case: equal chunks equal, and
 * one byte changed anywhere in a chunk or a source found.  0, or 1 with
 * the first miss in @msg.
 */
__attribute__((visibility("default")))
int xicsref_chunk_selftest(char *msg, unsigned long len)
{
	enum { N = XK_CHUNK * sizeof(struct ics_irq_state) };
	unsigned char *a = calloc(2, N), *b = a ? a + N : NULL;
	const char *wide = "none on this CPU";
	unsigned long k;
	int bad = 0;

	if (!a) {
		__builtin_snprintf(msg, len, "out of memory");
		return 1;
	}
	for (k = 0; k < N; k++)
		a[k] = b[k] = (unsigned char)(k * 37 + 11);
#if defined(__x86_64__)
	(void)xk_same_chunk(a, b);	/* asks the CPU once */
	if (__builtin_cpu_supports("avx2"))
		wide = "AVX2";
#endif
	if (!xk_same_chunk_v2(a, b) || !xk_same_chunk(a, b))
		bad = __builtin_snprintf(msg, len, "equal chunks differ");
	for (k = 0; k < N && !bad; k++) {
		const struct ics_irq_state *sa = (const void *)a;
		const struct ics_irq_state *sb = (const void *)b;
		unsigned long src = k / sizeof(struct ics_irq_state);

		b[k] ^= 0x10;
		if (xk_same_chunk_v2(a, b) || xk_same_chunk(a, b))
			bad = __builtin_snprintf(msg, len, "byte %lu of a "
						 "chunk changed, not found", k);
		else if (xk_same_source(&sa[src], &sb[src]))
			bad = __builtin_snprintf(msg, len, "byte %lu of "
						 "source %lu changed, not "
						 "found", k %
						 sizeof(struct ics_irq_state),
						 src);
		b[k] ^= 0x10;
	}
	if (!bad)
		__builtin_snprintf(msg, len, "ok (%lu bytes, wide path: %s)",
				   (unsigned long)N, wide);
	free(a);
	return bad ? 1 : 0;
}

/*
 * Observe only: the raw irq_state of the block against its pristine
 * copy, one compare per 64 sources, then per source where a chunk
 * differs.  Any byte that changed marks the source.
 */
_Bool xk_changed_sources(struct xk_vm *vm, unsigned int first_irq,
			 unsigned long long *map)
{
	struct kvmppc_xics *xics = vm->kvm.arch.xics;
	unsigned int icsid = first_irq >> KVMPPC_XICS_ICS_SHIFT;
	const struct ics_irq_state *pristine;
	struct kvmppc_ics *ics;
	unsigned int w, i;

	if (!xics || icsid > KVMPPC_XICS_MAX_ICS_ID || !xics->ics[icsid])
		return false;
	ics = xics->ics[icsid];
	pristine = xk_pristine_block(icsid);
	for (w = 0; w < KVMPPC_XICS_IRQ_PER_ICS / XK_CHUNK; w++) {
		const struct ics_irq_state *s = &ics->irq_state[w * XK_CHUNK];
		const struct ics_irq_state *p = pristine + w * XK_CHUNK;

		/* no pristine copy (out of memory): all changed */
		map[w] = ~0ull;
		if (!pristine)
			continue;
		map[w] = 0;
		if (xk_same_chunk(s, p))
			continue;
		for (i = 0; i < XK_CHUNK; i++)
			if (!xk_same_source(&s[i], &p[i]))
				map[w] |= 1ull << i;
	}
	return true;
}

/*
 * make bench-hcall's bare-kernel line (issue 14, goal 3): the IPI round
 * of bench/bench_hcall.c (H_IPI, H_XIRR, H_IPI, H_EOI between two VCPUs,
 * both CPPRs lowered first) through xk_hcall, the glue every kernel step
 * goes through, with no adapter above it: no steps to translate, no
 * results, no events, no read-back.  What the adapters are measured
 * against.  open makes the VM (NULL if it cannot), run plays @rounds
 * rounds on it (0, or -1 if a hypercall could not run: no figure), close
 * frees it; the benchmark times run alone, many times, between the
 * adapters' batches.
 */
struct xk_bench {
	struct xk_vm *vm;
	int real_mode;
};

void xicsref_bench_ipi_close(void *handle);

__attribute__((visibility("default")))
void *xicsref_bench_ipi_open(int real_mode)
{
	static struct xk_config cfg;
	struct xk_bench *b = calloc(1, sizeof(*b));
	unsigned long r4, r5;
	char err[80];
	long rc;
	int v, bad = 0;

	if (!b)
		return NULL;
	cfg.power = 8;
	cfg.cores = 2;
	cfg.threads = 8;
	cfg.real_mode = real_mode;
	cfg.ipi_redirect = 1;
	cfg.bypass = 1;
	cfg.nr_vcpus = 2;
	for (v = 0; v < 2; v++) {
		cfg.vcpu[v].id = v;
		cfg.vcpu[v].server = v;
		cfg.vcpu[v].has_icp = 1;
		cfg.vcpu[v].cpu = v;
	}
	b->real_mode = real_mode;
	b->vm = xk_create(&cfg, err, sizeof(err));
	for (v = 0; v < 2 && b->vm; v++)
		bad |= xk_hcall(b->vm, v, H_CPPR, 0xff, 0, real_mode, &rc,
				&r4, &r5, err, sizeof(err));
	if (!b->vm || bad) {
		xicsref_bench_ipi_close(b);
		return NULL;
	}
	return b;
}

__attribute__((visibility("default")))
int xicsref_bench_ipi_run(void *handle, unsigned long rounds)
{
	struct xk_bench *b = handle;
	struct xk_vm *vm = b->vm;
	int rm = b->real_mode, bad = 0;
	unsigned long r4, r5, n;
	char err[80];
	long rc;

	for (n = 0; n < rounds && !bad; n++) {
		bad |= xk_hcall(vm, 0, H_IPI, 1, 5, rm, &rc, &r4, &r5,
				err, sizeof(err));
		bad |= xk_hcall(vm, 1, H_XIRR, 0, 0, rm, &rc, &r4, &r5,
				err, sizeof(err));
		bad |= xk_hcall(vm, 0, H_IPI, 1, 0xff, rm, &rc, &r4,
				&r5, err, sizeof(err));
		bad |= xk_hcall(vm, 1, H_EOI, 0xff000002, 0, rm, &rc,
				&r4, &r5, err, sizeof(err));
	}
	return bad ? -1 : 0;
}

__attribute__((visibility("default")))
void xicsref_bench_ipi_close(void *handle)
{
	struct xk_bench *b = handle;

	if (!b)
		return;
	if (b->vm)
		xk_destroy(b->vm);
	free(b);
}
