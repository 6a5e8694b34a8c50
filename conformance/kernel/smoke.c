// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-smoke: load one xicsref-kernel.so, run an IPI round on
 * kernel-vm and kernel-rm, and check return values, events and final
 * ICP state against values worked out by hand from book3s_xics.c and
 * book3s_hv_rm_xics.c (see the comments at each step).
 *
 * Machine: POWER8, 2 cores x 8 threads; VCPU 0 on CPU 0, VCPU 1 on
 * CPU 1 (same core), servers 0 and 1.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <xicsref/impl.h>

#define E(k, x, y)	{ .kind = XR_EV_##k, .a = (x), .b = (y) }
#define MAXE		4

struct smoke_step {
	const char *what;
	struct xr_step step;
	int64_t rc;
	uint64_t xirr;			/* checked when non-zero */
	struct xr_event vm[MAXE];	/* kernel-vm events, kind 0xff ends */
	unsigned int nvm;
	struct xr_event rm[MAXE];	/* kernel-rm events */
	unsigned int nrm;
};

static const struct smoke_step steps[] = {
	/* A new ICP has CPPR 0; the guest opens it: Down_CPPR, no event */
	{ "v1 H_CPPR 0xff", { XR_STEP_H_CPPR, 1, { 0xff } }, 0, 0,
	  { { 0 } }, 0, { { 0 } }, 0 },
	/*
	 * Set_MFRR 5 on server 1: 5 < CPPR 0xff and <= PPRI 0xff, so
	 * XISR := 2, PPRI := 5, out_ee.  Virtual mode queues the external
	 * irq and kicks (not local).  Real mode sets the bit and, the
	 * target running on CPU 1 of the caller's core, sends msgsnd.
	 */
	{ "v0 H_IPI 1 5", { XR_STEP_H_IPI, 0, { 1, 5 } }, 0, 0,
	  { E(RAISE, 1, 0), E(KICK, 1, 0) }, 2,
	  { E(RAISE, 1, 0), E(MSGSND, 1, 0) }, 2 },
	/* Accept: line withdrawn, XIRR = CPPR 0xff << 24 | 2, CPPR := 5 */
	{ "v1 H_XIRR", { XR_STEP_H_XIRR, 1, { 0 } }, 0, 0xff000002,
	  { E(LOWER, 1, 0) }, 1, { E(LOWER, 1, 0) }, 1 },
	/* MFRR 0xff: not below CPPR 5, no resend pending: nothing */
	{ "v0 H_IPI 1 0xff", { XR_STEP_H_IPI, 0, { 1, 0xff } }, 0, 0,
	  { { 0 } }, 0, { { 0 } }, 0 },
	/* EOI of the IPI: Down_CPPR to 0xff, no ICS EOI */
	{ "v1 H_EOI 0xff000002", { XR_STEP_H_EOI, 1, { 0xff000002 } }, 0, 0,
	  { { 0 } }, 0, { { 0 } }, 0 },
	/*
	 * IPI to itself: local, so virtual mode queues without a kick;
	 * real mode sets LPCR[MER] on the caller's CPU 1.
	 */
	{ "v1 H_IPI 1 5", { XR_STEP_H_IPI, 1, { 1, 5 } }, 0, 0,
	  { E(RAISE, 1, 0) }, 1, { E(RAISE, 1, 0), E(MER, 1, 1) }, 2 },
	/* Accept clears the bit and, in real mode, MER */
	{ "v1 H_XIRR", { XR_STEP_H_XIRR, 1, { 0 } }, 0, 0xff000002,
	  { E(LOWER, 1, 0) }, 1, { E(LOWER, 1, 0), E(MER, 1, 0) }, 2 },
};

static const char *const ev_name[] = {
	"raise", "lower", "msgsnd", "ipi", "kick", "hw-eoi", "retarget",
	"ack", "mer",
};

static void print_events(const struct xr_events *ev)
{
	uint32_t i;

	for (i = 0; i < ev->nr; i++)
		printf(" %s:%u:%u", ev_name[ev->ev[i].kind], ev->ev[i].a,
		       ev->ev[i].b);
	if (!ev->nr)
		printf(" (none)");
}

static int same_events(const struct xr_events *got,
		       const struct xr_event *want, unsigned int n)
{
	unsigned int i;

	if (got->nr != n || got->overflow)
		return 0;
	for (i = 0; i < n; i++)
		if (got->ev[i].kind != want[i].kind ||
		    got->ev[i].a != want[i].a || got->ev[i].b != want[i].b)
			return 0;
	return 1;
}

static int run(const struct xr_impl_ops *ops)
{
	static struct xr_setup s;
	struct xr_icp_state icp;
	char err[256] = "";
	int bad = 0;
	void *inst;
	size_t i;
	bool rm = ops->context == XR_CTX_REAL;

	memset(&s, 0, sizeof(s));
	s.machine = XR_POWER8;
	s.cores = 2;
	s.threads = 8;
	s.nr_vcpus = 2;
	for (i = 0; i < 2; i++) {
		s.vcpus[i].id = i;
		s.vcpus[i].server = i;
		s.vcpus[i].has_icp = true;
		s.vcpus[i].cpu = i;
	}
	s.real_mode = s.bypass = s.ipi_redirect = true;
	inst = ops->create(&s, err, sizeof(err));
	if (!inst) {
		printf("FAIL %s %s: create: %s\n", ops->name, ops->version,
		       err);
		return 1;
	}
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		const struct smoke_step *t = &steps[i];
		struct xr_result r;
		enum xr_status st;
		int ok;

		memset(&r, 0, sizeof(r));
		st = ops->step(inst, &t->step, &r, err, sizeof(err));
		ok = st == XR_OK && r.rc == t->rc &&
		     (!t->xirr || r.xirr == t->xirr) &&
		     same_events(&r.events, rm ? t->rm : t->vm,
				 rm ? t->nrm : t->nvm);
		printf("  %-4s %-9s %-22s rc=%lld xirr=%#llx events:",
		       ok ? "ok" : "FAIL", ops->name, t->what,
		       (long long)r.rc, (unsigned long long)r.xirr);
		print_events(&r.events);
		printf("%s%s\n", st == XR_OK ? "" : " status error: ",
		       st == XR_OK ? "" : err);
		bad |= !ok;
	}
	/* After the round: CPPR 5 and MFRR 5 (the accepted self-IPI), idle */
	if (!ops->get_icp(inst, 1, &icp) || icp.cppr != 5 ||
	    icp.mfrr != 5 || icp.pprio != 0xff || icp.xisr != 0 ||
	    icp.line || icp.out_ee || icp.need_resend) {
		printf("  FAIL %s final icp 1: cppr=%#x mfrr=%#x pprio=%#x "
		       "xisr=%#x line=%d\n", ops->name, icp.cppr, icp.mfrr,
		       icp.pprio, icp.xisr, icp.line);
		bad = 1;
	} else {
		printf("  ok   %s final icp 1: cppr=0x5 mfrr=0x5 pprio=0xff "
		       "xisr=0 line=0\n", ops->name);
	}
	ops->destroy(inst);
	return bad;
}

int main(int argc, char **argv)
{
	const struct xr_impl_ops *const *ops;
	xr_impl_entry_fn entry;
	uint32_t nr, i;
	int bad = 0;
	void *h;

	if (argc != 2) {
		fprintf(stderr, "usage: %s xicsref-kernel.so\n", argv[0]);
		return 2;
	}
	h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "%s: %s\n", argv[1], dlerror());
		return 1;
	}
	*(void **)&entry = dlsym(h, XR_IMPL_ENTRY_SYMBOL);
	if (!entry) {
		fprintf(stderr, "%s: no %s\n", argv[1], XR_IMPL_ENTRY_SYMBOL);
		return 1;
	}
	ops = entry(&nr);
	for (i = 0; i < nr; i++) {
		printf("%s %s (%s):\n", ops[i]->name, ops[i]->version,
		       argv[1]);
		bad |= run(ops[i]);
	}
	printf("kernel-smoke %s: %s\n", argv[1], bad ? "FAILED" : "passed");
	dlclose(h);
	return bad;
}
