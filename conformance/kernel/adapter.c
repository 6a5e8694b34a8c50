// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-vm and kernel-rm: the kernel's XICS code behind the xicsref
 * implementation interface.  kernel-vm runs every hcall through the
 * virtual-mode kvmppc_xics_hcall() (xics->real_mode off); kernel-rm
 * runs them as HV KVM does, real-mode handler first, virtual mode on
 * H_TOO_HARD.  All kernel work happens in kside*.c.
 *
 * Built with XR_KERNEL_XIVE (conformance/kernel-xive.mk) it is
 * kernel-xive instead: XICS-on-XIVE (book3s_xive.c) on the shim's XIVE,
 * a POWER9 host, with passthrough through kvmppc_xive_set_mapped.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/impl.h>
#include <xk_api.h>

#include "adapter.h"

/* pt_adapter.c: passthru, unpassthru, hwirq */
enum xr_status xr_kpt_step(struct xk_vm *vm, const struct xr_step *st,
			   struct xr_result *res, char *err, size_t errlen);

#ifndef XR_KERNEL_VERSION
#error "XR_KERNEL_VERSION must name the kernel version"
#endif

/* Written by conformance/kernel.mk: the tree and the hash of its files */
#include <kernel_origin.h>
#ifndef XR_KERNEL_ORIGIN
#error "kernel_origin.h must define XR_KERNEL_ORIGIN"
#endif

_Static_assert((int)XK_EV_MER == (int)XR_EV_MER &&
	       (int)XK_EV_ACK == (int)XR_EV_ACK &&
	       (int)XK_EV_RAISE == (int)XR_EV_RAISE &&
	       (int)XK_EV_MSGSND == (int)XR_EV_MSGSND &&
	       (int)XK_EV_HW_EOI == (int)XR_EV_HW_EOI &&
	       (int)XK_EV_WARN == (int)XR_EV_WARN &&
	       (int)XK_EV_LOG == (int)XR_EV_LOG,
	       "xk_api.h event kinds must be enum xr_event_kind");
_Static_assert(XK_MAX_EVENTS == XR_MAX_EVENTS, "event capacity");
/*
 * kstep hands the kernel side the result's own event list, so that the
 * per-step cost is not a copy of it: the two must be laid out alike (the
 * kernel side, -fno-strict-aliasing, writes it through its own type).
 */
_Static_assert(sizeof(struct xk_events) == sizeof(struct xr_events) &&
	       offsetof(struct xk_events, nr) == offsetof(struct xr_events, nr) &&
	       offsetof(struct xk_events, overflow) ==
	       offsetof(struct xr_events, overflow) &&
	       offsetof(struct xk_events, ev) == offsetof(struct xr_events, ev) &&
	       sizeof(struct xk_event) == sizeof(struct xr_event) &&
	       offsetof(struct xk_event, kind) == offsetof(struct xr_event, kind) &&
	       offsetof(struct xk_event, a) == offsetof(struct xr_event, a) &&
	       offsetof(struct xk_event, b) == offsetof(struct xr_event, b),
	       "struct xk_events must be laid out as struct xr_events");
_Static_assert(XK_TIMEBASE == XR_TIMEBASE, "the shim's clock is the model's");
_Static_assert((int)XK_FAULT_ALLOC == (int)XR_FAULT_ALLOC &&
	       (int)XK_FAULT_GET_USER == (int)XR_FAULT_GET_USER &&
	       (int)XK_FAULT_PUT_USER == (int)XR_FAULT_PUT_USER &&
	       (int)XK_FAULT_PHB_EOI == (int)XR_FAULT_PHB_EOI &&
	       (int)XK_FAULT_OPAL_SET_XIVE == (int)XR_FAULT_OPAL_SET_XIVE &&
	       (int)XK_FAULT_OPAL_GET_XIRR == (int)XR_FAULT_OPAL_GET_XIRR &&
	       (int)XK_FAULT_OPAL_EOI == (int)XR_FAULT_OPAL_EOI &&
	       (int)XK_FAULT_NR_KINDS == (int)XR_FAULT_NR_KINDS,
	       "fault kinds are the model's");

static int kvcpu_index(struct kinst *ki, uint32_t vcpu)
{
	if (vcpu < sizeof(ki->index_of) / sizeof(ki->index_of[0]))
		return ki->index_of[vcpu];
	return xk_vcpu_index(ki->vm, vcpu);
}

/* H_CPPR.. order of enum xr_step_kind */
static const unsigned long hcall_nr[] = {
	[XR_STEP_H_CPPR] = 0x68, [XR_STEP_H_XIRR] = 0x74,
	[XR_STEP_H_XIRR_X] = 0x2fc, [XR_STEP_H_EOI] = 0x64,
	[XR_STEP_H_IPI] = 0x6c, [XR_STEP_H_IPOLL] = 0x70,
};

/*
 * What of a set-up makes the kernel's VM: the machine, the options, the
 * VCPUs, the sources and the passthroughs, field by field (no padding).
 * Returns a malloc'd key and its length, or NULL.
 */
static uint8_t *setup_key(const struct xr_setup *s, size_t *len)
{
	size_t n = 16 + (size_t)s->nr_vcpus * 4 + (size_t)s->nr_sources * 3 +
		   (size_t)s->nr_passthru * 2;
	uint32_t *k = malloc(n * sizeof(*k)), *p = k;
	uint32_t i;

	if (!k)
		return NULL;
	*p++ = (uint32_t)s->machine;
	*p++ = s->cores;
	*p++ = s->threads;
	*p++ = (uint32_t)s->real_mode | (uint32_t)s->bypass << 1 |
	       (uint32_t)s->ipi_redirect << 2 | (uint32_t)s->ack_notifier << 3 |
	       (uint32_t)s->real_mode_dbg << 4 | (uint32_t)s->no_xics << 5;
	/* the VCOREs' time base offset is in the snapshot too */
	*p++ = (uint32_t)s->tb_offset;
	*p++ = (uint32_t)(s->tb_offset >> 32);
	*p++ = s->nr_vcpus;
	*p++ = s->nr_sources;
	*p++ = s->nr_passthru;
	for (i = 0; i < s->nr_vcpus; i++) {
		*p++ = s->vcpus[i].id;
		*p++ = s->vcpus[i].server;
		*p++ = s->vcpus[i].has_icp;
		*p++ = (uint32_t)s->vcpus[i].cpu;
	}
	for (i = 0; i < s->nr_sources; i++) {
		*p++ = s->sources[i].irq;
		*p++ = s->sources[i].server;
		*p++ = (uint32_t)s->sources[i].lsi << 8 | s->sources[i].prio;
	}
	for (i = 0; i < s->nr_passthru; i++) {
		*p++ = s->passthru[i].hw;
		*p++ = s->passthru[i].irq;
	}
	*len = (size_t)(p - k) * sizeof(*k);
	return (uint8_t *)k;
}

static const char *kfinding(const struct xr_step *st, const char *what);

/*
 * The set-up's passthru lines run kernel code too: an access the
 * simulated host refused there (FINDING-XIVE-PT-UNDEFINED-NULL-ESB) is
 * reported as a step's would be, and the instance is not made.
 */
static bool kcreate_refused(const struct xr_setup *s, struct kinst *ki,
			    char *err, size_t errlen)
{
	const struct xr_step pt = { .kind = XR_STEP_PASSTHRU };
	char what[120];
	unsigned long addr = 0;
	const char *f;

	if (!xk_hw_complaint(ki->vm, what, sizeof(what), &addr))
		return false;
	f = s->nr_passthru ? kfinding(&pt, what) : NULL;
	snprintf(err, errlen, "%s%s%skernel: the simulated host refused "
		 "what the set-up did: %s (address %#lx)",
		 f ? XR_CREATE_UNSUPPORTED : "", f ? f : "", f ? ": " : "",
		 what, addr);
	xk_destroy(ki->vm);
	free(ki);
	return true;
}

static void kdestroy(void *inst);

static void *kcreate(const struct xr_setup *s, bool rm, char *err,
		     size_t errlen)
{
	struct xk_config cfg_buf, *cfg = &cfg_buf;
	struct kinst *ki;
	uint32_t i;

	if (s->nr_vcpus > XK_MAX_VCPUS || s->nr_sources > XK_MAX_SOURCES ||
	    s->nr_passthru > XK_MAX_SOURCES) {
		snprintf(err, errlen, "kernel: set-up too large");
		return NULL;
	}
	/*
	 * On the stack: a fresh heap block per run costs page faults.  Only
	 * the head is cleared: every entry up to each count is filled below,
	 * and 2048 VCPUs of it would cost a small run more than its steps.
	 */
	memset(cfg, 0, offsetof(struct xk_config, vcpu));
	ki = calloc(1, sizeof(*ki));
	if (!ki) {
		snprintf(err, errlen, "kernel: out of memory");
		return NULL;
	}
	cfg->power = s->machine == XR_POWER9 ? 9 : 8;
#ifdef XR_KERNEL_XIVE
	/* XICS-on-XIVE serves the XICS device on POWER9 hosts and later */
	cfg->power = 9;
#endif
	cfg->cores = s->cores;
	cfg->threads = s->threads;
	cfg->real_mode = rm && s->real_mode;
	cfg->ipi_redirect = s->ipi_redirect;
	cfg->bypass = s->bypass;
	cfg->ack_notifier = s->ack_notifier;
	cfg->tb_offset = s->tb_offset;
	cfg->real_mode_dbg = s->real_mode_dbg;
	cfg->no_xics = s->no_xics;
	cfg->nr_vcpus = s->nr_vcpus;
	for (i = 0; i < s->nr_vcpus; i++) {
		cfg->vcpu[i].id = s->vcpus[i].id;
		cfg->vcpu[i].server = s->vcpus[i].server;
		cfg->vcpu[i].has_icp = s->vcpus[i].has_icp;
		cfg->vcpu[i].cpu = s->vcpus[i].cpu;
	}
	cfg->nr_passthru = s->nr_passthru;
	for (i = 0; i < s->nr_passthru; i++) {
		cfg->pt[i].hw = s->passthru[i].hw;
		cfg->pt[i].irq = s->passthru[i].irq;
	}
	cfg->nr_sources = s->nr_sources;
	for (i = 0; i < s->nr_sources; i++) {
		cfg->src[i].irq = s->sources[i].irq;
		cfg->src[i].server = s->sources[i].server;
		cfg->src[i].lsi = s->sources[i].lsi;
		cfg->src[i].prio = s->sources[i].prio;
	}
	ki->rm = rm;
	ki->real_mode = s->real_mode;
	ki->no_xics = s->no_xics;
	ki->vm = xk_create(cfg, err, errlen);
	if (!ki->vm) {
		free(ki);
		return NULL;
	}
	if (kcreate_refused(s, ki, err, errlen))
		return NULL;
	/*
	 * VCPUs are fixed at create, index i holding s->vcpus[i].id: what
	 * xk_vcpu_index() answers, the first index winning as in its search.
	 */
	for (i = 0; i < s->nr_vcpus; i++)
		if (!xk_icp_state(ki->vm, (int)i, &(struct xk_icp){ 0 }))
			ki->icpless = true;
	memset(ki->index_of, -1, sizeof(ki->index_of));
	for (i = s->nr_vcpus; i-- > 0;)
		if (s->vcpus[i].id < sizeof(ki->index_of) /
				     sizeof(ki->index_of[0]))
			ki->index_of[s->vcpus[i].id] = (int16_t)i;
	ki->nr_vcpus = s->nr_vcpus;
	/* two words per VCPU as last seen */
	ki->icp_seen = malloc((2 * s->nr_vcpus + 1) * sizeof(*ki->icp_seen));
	if (!ki->icp_seen) {
		snprintf(err, errlen, "kernel: out of memory");
		kdestroy(ki);
		return NULL;
	}
	/* the state right after creation, for kreset */
	ki->setup_key = setup_key(s, &ki->setup_key_len);
	ki->snapshot = ki->setup_key && !xk_snapshot(ki->vm);
	return ki;
}

static void *kcreate_vm(const struct xr_setup *s, char *err, size_t errlen)
{
	return kcreate(s, false, err, errlen);
}

#ifndef XR_KERNEL_XIVE
static void *kcreate_rm(const struct xr_setup *s, char *err, size_t errlen)
{
	return kcreate(s, true, err, errlen);
}
#endif

static void kdestroy(void *inst)
{
	struct kinst *ki = inst;

	if (!ki)
		return;
	xk_destroy(ki->vm);
	free(ki->setup_key);
	free(ki->icp_seen);
	free(ki);
}

#ifndef XR_EXPLORE
/*
 * The runner's reset (issue 14): to the set-up the VM was created for,
 * its heap is copied back from the snapshot taken right after creation,
 * without running the kernel's creation (the VM, the XICS device, an
 * ICS block of 1024 sources per block, an ICP per VCPU) again; to
 * another set-up, a new VM replaces it.  Either way the instance is then
 * what create would give: tests/check/check_diff.c holds it to that.
 * XICSREF_TEST_BREAK_RESET=1 breaks the restore, for those tests alone.
 */
static bool kreset(void *inst, const struct xr_setup *s, char *err,
		   size_t errlen)
{
	struct kinst *ki = inst, *n;
	const char *broken = getenv("XICSREF_TEST_BREAK_RESET");
	size_t len = 0;
	uint8_t *key = setup_key(s, &len);
	bool same = key && ki->snapshot && len == ki->setup_key_len &&
		    !memcmp(key, ki->setup_key, len);

	free(key);
	if (same && !xk_restore(ki->vm, broken && broken[0] == '1')) {
		ki->icp_seen_valid = false;	/* all changed (impl.h) */
		return true;
	}
	n = kcreate(s, ki->rm, err, errlen);
	if (!n)
		return false;
	xk_destroy(ki->vm);
	free(ki->setup_key);
	free(ki->icp_seen);
	*ki = *n;
	free(n);
	return true;
}
#endif

/* inlined: kstep's fast path, and the hypercalls' frame is all it adds */
static inline __attribute__((always_inline)) enum xr_status
khcall(struct kinst *ki, const struct xr_step *st, struct xr_result *res,
       char *err, size_t errlen)
{
	int vi = kvcpu_index(ki, st->vcpu);
	unsigned long r4 = 0, r5 = 0;
	long rc = 0;

	if (vi < 0) {
		snprintf(err, errlen, "kernel: no VCPU %u", st->vcpu);
		return XR_FAILED;
	}
	/*
	 * A VCPU without an ICP: kernel-vm calls kvmppc_xics_hcall, whose own
	 * check answers H_HARDWARE (ICP-NO-ICP; in HV KVM the dispatcher
	 * kvmppc_pseries_do_hcall already hands such a hypercall to userspace).
	 * The real-mode handlers have no such check and dereference the NULL
	 * icp (FINDING-RM-NOICP, docs/findings.md): kernel-rm does not run
	 * them unless XICSREF_UNGATED_RM is set, which the finding test does
	 * to show the crash.
	 */
	if (ki->icpless && ki->rm && ki->real_mode &&
	    !xk_icp_state(ki->vm, vi, &(struct xk_icp){ 0 }) &&
	    st->kind != XR_STEP_H_IPOLL && !getenv("XICSREF_UNGATED_RM")) {
		snprintf(err, errlen,
			 "FINDING-RM-NOICP: the real-mode handler would dereference the VCPU's NULL ICP (host crash); not run");
		return XR_UNSUPPORTED;
	}
	if (xk_hcall(ki->vm, vi, hcall_nr[st->kind], st->arg[0], st->arg[1],
		     ki->rm, &rc, &r4, &r5, err, errlen))
		return XR_FAILED;
	res->rc = rc;
	if (st->kind == XR_STEP_H_XIRR || st->kind == XR_STEP_H_XIRR_X ||
	    st->kind == XR_STEP_H_IPOLL)
		res->xirr = r4;
	if (st->kind == XR_STEP_H_IPOLL || st->kind == XR_STEP_H_XIRR_X)
		res->mfrr = r5;
	return XR_OK;
}

static enum xr_status krtas(struct kinst *ki, const struct xr_step *st,
			    struct xr_result *res, char *err, size_t errlen)
{
	static const char *const name[] = {
		"ibm,set-xive", "ibm,get-xive", "ibm,int-off", "ibm,int-on",
	};
	unsigned int k = st->kind - XR_STEP_RTAS_SET_XIVE;
	unsigned int args[3], rets[3] = { 0 };
	unsigned int nargs = k == 0 ? 3 : 1, nret = k == 1 ? 3 : 1;
	int rc;

	/* RTAS cells are 32 bits: the guest's buffer cannot hold more */
	args[0] = (uint32_t)st->arg[0];
	args[1] = (uint32_t)st->arg[1];
	args[2] = (uint32_t)st->arg[2];
	rc = xk_rtas(ki->vm, name[k], args, nargs, rets, nret);
	if (rc) {
		snprintf(err, errlen, "kernel: kvmppc_rtas_hcall failed (%d)",
			 rc);
		return XR_FAILED;
	}
	res->rc = (int32_t)rets[0];
	if (k == 1) {
		res->server = rets[1];
		res->prio = rets[2];
	}
	return XR_OK;
}

enum xr_status xr_kstep_one(struct kinst *ki, const struct xr_step *st,
			    struct xr_result *res, char *err, size_t errlen)
{
	int vi = kvcpu_index(ki, st->vcpu);
	unsigned long long v = 0;

	switch (st->kind) {
	case XR_STEP_H_CPPR: case XR_STEP_H_XIRR: case XR_STEP_H_XIRR_X:
	case XR_STEP_H_EOI: case XR_STEP_H_IPI: case XR_STEP_H_IPOLL:
		return khcall(ki, st, res, err, errlen);
	case XR_STEP_RTAS_SET_XIVE: case XR_STEP_RTAS_GET_XIVE:
	case XR_STEP_RTAS_INT_OFF: case XR_STEP_RTAS_INT_ON:
		return krtas(ki, st, res, err, errlen);
	case XR_STEP_IRQ:
		if (st->arg[0] > UINT32_MAX)
			break;
		if ((uint32_t)st->arg[1] == XR_IRQ_RAW)
			res->rc = xk_set_irq_level(ki->vm, st->arg[0],
						   XR_IRQ_RAW_LEVEL(st->arg[1]));
		else if (st->arg[1] <= XR_IRQ_PULSE)
			res->rc = xk_set_irq(ki->vm, st->arg[0], st->arg[1]);
		else
			break;
		return XR_OK;
	case XR_STEP_VCPU_RUN:
		if (vi < 0)
			break;
		if (xk_vcpu_run(ki->vm, vi, st->arg[0] == (uint64_t)-1 ? -1 :
				st->arg[0] > INT32_MAX ? INT32_MAX :
				(int)st->arg[0]))
			break;
		return XR_OK;
	case XR_STEP_SET_ICP:
		if (vi < 0)
			break;
		res->rc = xk_set_icp(ki->vm, vi, st->arg[0]);
		return XR_OK;
	case XR_STEP_GET_ICP:
		if (vi < 0)
			break;
		res->rc = xk_get_icp(ki->vm, vi, &v);
		res->value = v;
		return XR_OK;
	case XR_STEP_SET_SOURCE:
		/* the device ioctls need the device (xr_setup.no_xics) */
		if (ki->no_xics)
			break;
		res->rc = xk_set_source(ki->vm, st->arg[0], st->arg[1]);
		return XR_OK;
	case XR_STEP_GET_SOURCE:
		if (ki->no_xics)
			break;
		res->rc = xk_get_source(ki->vm, st->arg[0], &v);
		res->value = v;
		return XR_OK;
	case XR_STEP_HWIRQ: case XR_STEP_PASSTHRU: case XR_STEP_UNPASSTHRU:
		if (ki->no_xics)
			break;
		return xr_kpt_step(ki->vm, st, res, err, errlen);
	case XR_STEP_HOST_IPI:
		if (st->arg[0] > INT32_MAX ||
		    xk_host_ipi(ki->vm, (int)st->arg[0]))
			break;
		return XR_OK;
	case XR_STEP_FAIL:
		if (st->arg[0] >= XR_FAULT_NR_KINDS || st->arg[1] > UINT32_MAX)
			break;
		res->rc = xk_fail(ki->vm, (unsigned int)st->arg[0],
				  (unsigned int)st->arg[1]);
		return XR_OK;
	default:
		break;
	}
	snprintf(err, errlen, "kernel: invalid step (kind %d, vcpu %u)",
		 st->kind, st->vcpu);
	return XR_FAILED;
}

void xr_kevents(struct xr_events *to, const struct xk_events *from)
{
	uint32_t i;

	to->nr = from->nr;
	to->overflow = from->overflow;
	for (i = 0; i < from->nr; i++) {
		to->ev[i].kind = from->ev[i].kind;
		to->ev[i].a = from->ev[i].a;
		to->ev[i].b = from->ev[i].b;
	}
}

/*
 * kernel-xive: a step that reached one of the findings whose effect the
 * simulated host can only refuse (a host crash, another VCPU's register
 * written) is reported as SKIP with the finding's ID, as kernel-rm does
 * with FINDING-RM-NOICP: a run cannot go on past it, and make
 * findings-check holds each of them on its own scenario.
 */
static const char *kfinding(const struct xr_step *st, const char *what)
{
#ifdef XR_KERNEL_XIVE
	if (st->kind == XR_STEP_RTAS_SET_XIVE && strstr(what, "NULL ESB"))
		return "FINDING-XIVE-SETXIVE-NULL-ESB (a host crash), not run further";
	if (st->kind == XR_STEP_RTAS_SET_XIVE &&
	    strstr(what, "priority above 7"))
		return "FINDING-XIVE-SETXIVE-PRIO-OOB (host memory written out of bounds), not run further";
	if (st->kind == XR_STEP_H_IPOLL && strstr(what, "another VCPU"))
		return "FINDING-XIVE-IPOLL-R4 (another VCPU's R4 written), not run further";
	if ((st->kind == XR_STEP_PASSTHRU ||
	     st->kind == XR_STEP_UNPASSTHRU) && strstr(what, "NULL ESB"))
		return "FINDING-XIVE-PT-UNDEFINED-NULL-ESB (a host crash), not run further";
	/*
	 * The hardware model's limit, not the kernel's: it numbers IPIs and
	 * devices in one space, a host's XIVE never gives a device an IPI's
	 */
	if (strstr(what, "already gave an IPI or an END"))
		return "kernel-xive: a device interrupt number the XIVE model has given an IPI or END (docs/xive-hardware.md), refused";
	/* kside_xive_pt.c: what irqbypass never makes KVM do */
	if (!strncmp(what, "unreachable:", 12))
		return "kernel-xive: a flat-map step KVM never makes, refused";
#endif
	return NULL;
}

/* The kinds khcall runs: kstep's fast path, the IPI round of bench-hcall */
#define KSTEP_HCALLS	(1u << XR_STEP_H_CPPR | 1u << XR_STEP_H_XIRR | \
			 1u << XR_STEP_H_XIRR_X | 1u << XR_STEP_H_EOI | \
			 1u << XR_STEP_H_IPI | 1u << XR_STEP_H_IPOLL)

static enum xr_status kstep(void *inst, const struct xr_step *st,
			    struct xr_result *res, char *err, size_t errlen)
{
	struct kinst *ki = inst;
	unsigned int warn, bad;
	enum xr_status s;

	res->events.nr = 0;	/* the array is filled up to nr */
	res->events.overflow = false;
	warn = xk_step_begin(ki->vm, (struct xk_events *)(void *)&res->events);
	if ((unsigned int)st->kind < 32 && (KSTEP_HCALLS & 1u << st->kind))
		s = khcall(ki, st, res, err, errlen);
	else
		s = xr_kstep_one(ki, st, res, err, errlen);
	bad = xk_step_end(ki->vm, warn);
	if (s != XR_OK || !bad)
		return s;
	if (bad & XK_END_WARNED) {
		char what[120];
		unsigned long addr = 0;

		if (xk_hw_complaint(ki->vm, what, sizeof(what), &addr)) {
			const char *f = kfinding(st, what);

			snprintf(err, errlen, "%s%skernel: the simulated host "
				 "refused what this step did: %s (address "
				 "%#lx)", f ? f : "", f ? ": " : "", what, addr);
			if (f)
				return XR_UNSUPPORTED;
		} else
			snprintf(err, errlen, "kernel: an unexpected "
				 "hardware access or a lock or interrupt-state "
				 "slip was hit in this step");
		return XR_FAILED;
	}
	if (bad & XK_END_RM_GUARD) {
		snprintf(err, errlen, "kernel: this step wrote rm_core[-1], "
			 "the guard in front of the host-core array");
		return XR_FAILED;
	}
	snprintf(err, errlen, "kernel: this step ended with a lock "
		 "held or host interrupts off");
	return XR_FAILED;
}

/* The ICP of the VCPU at index @vi, as get_icp reports it */
static bool kicp_at(struct kinst *ki, int vi, struct xr_icp_state *out)
{
	struct xk_icp s;

	if (vi < 0 || !xk_icp_state(ki->vm, vi, &s))
		return false;
	out->cppr = s.cppr;
	out->mfrr = s.mfrr;
	out->pprio = s.pprio;
	out->xisr = s.xisr;
	out->need_resend = s.need_resend;
	out->out_ee = s.out_ee;
	out->line = s.line;
	return true;
}

static bool kget_icp(void *inst, uint32_t vcpu, struct xr_icp_state *out)
{
	struct kinst *ki = inst;

	return kicp_at(ki, kvcpu_index(ki, vcpu), out);
}

#ifndef XR_KERNEL_XIVE
/*
 * changed_icps (impl.h): each VCPU's ICP as the kernel holds it, the raw
 * state word (cppr, mfrr, pending priority, XISR, resend, EE: all that
 * get_icp reads of it) and the line, against the words of the previous
 * call.  A bit is set exactly when what get_icp reads changed.  One call
 * into the kernel side for all VCPUs, where the runner would otherwise
 * read and compare every ICP on both sides after every step.
 */
static bool kchanged_icps(void *inst, uint64_t *map)
{
	struct kinst *ki = inst;

	xk_icps_changed(ki->vm, ki->icp_seen, ki->icp_seen_valid,
			(unsigned long long *)map, ki->nr_vcpus);
	ki->icp_seen_valid = true;
	return true;
}
#define K_CHANGED_ICPS	.changed_icps = kchanged_icps,
#else
/* kernel-xive's ICP is read from the thread context: every step */
#define K_CHANGED_ICPS
#endif

static bool kget_source(void *inst, uint32_t irq, struct xr_source_state *out)
{
	struct kinst *ki = inst;
	struct xk_source s;

	if (!xk_source_state(ki->vm, irq, &s))
		return false;
	out->exists = s.exists;
	out->lsi = s.lsi;
	out->server = s.server;
	out->prio = s.prio;
	out->saved = s.saved;
	out->p = s.p;
	out->q = s.q;
	out->resend = s.resend;
	out->masked_pending = s.masked_pending;
	out->asserted = s.asserted;
	out->pt_mapped = s.pt_mapped;
	out->intr_cpu = s.pt_mapped ? s.intr_cpu : -1;
	return true;
}

static uint32_t kics_blocks(void *inst, uint32_t *first_irqs, uint32_t max)
{
	struct kinst *ki = inst;

	return xk_ics_blocks(ki->vm, first_irqs, max);
}

/* Parallel blocks need the explore build (conformance/explore/) */
#ifdef XR_EXPLORE
#define K_RUN_PARALLEL	.run_parallel = xr_kpar_run,
/* the explorer needs a VM at the same addresses each execution: no reset */
#define K_RESET
#else
#define K_RUN_PARALLEL
#define K_RESET		.reset = kreset,
#endif

#ifdef XR_KERNEL_XIVE
/*
 * kernel-xive: the guest is interrupted by the XIVE (the thread's
 * exception bit, or an escalation while its VP is not pushed), not by
 * queue_irqprio and kicks, so it reports no raise/lower/kick: its line is
 * compared instead.  It keeps no XISR, pending priority or resend flag
 * (what is pending sits in queues and in the thread context).
 */
#define K_EVENTS	(XR_EV_BIT(XR_EV_ACK) | XR_EV_BIT(XR_EV_WARN) | \
			 XR_EV_BIT(XR_EV_LOG))
#define K_ICP_FIELDS	(1u << XR_IF_CPPR | 1u << XR_IF_MFRR | \
			 1u << XR_IF_EE | 1u << XR_IF_LINE)
#define K_SRC_FIELDS	(XR_SRC_FIELDS_ALL & ~(1u << XR_SF_RESEND))
#else
#define K_EVENTS	XR_EV_ALL
#define K_ICP_FIELDS	0		/* all */
#define K_SRC_FIELDS	0
#endif
#define K_STEPS	((1u << XR_STEP_NR_KINDS) - 1)

static bool kchanged_sources(void *inst, uint32_t first_irq, uint64_t *map)
{
	struct kinst *ki = inst;

	return xk_changed_sources(ki->vm, first_irq,
				  (unsigned long long *)map);
}

/* The two paths differ only in name, context and how they are created */
#define KERNEL_OPS(_name, _ctx, _create)				\
	{								\
		.abi_version = XR_IMPL_ABI_VERSION,			\
		.name = _name,						\
		.version = XR_KERNEL_VERSION,				\
		.context = _ctx,					\
		.event_kinds = K_EVENTS,				\
		.step_kinds = K_STEPS,					\
		.create = _create,					\
		.destroy = kdestroy,					\
		.step = kstep,						\
		.get_icp = kget_icp,					\
		.get_source = kget_source,				\
		.ics_blocks = kics_blocks,				\
		.changed_sources = kchanged_sources,			\
		K_CHANGED_ICPS						\
		.origin = XR_KERNEL_ORIGIN,				\
		.icp_fields = K_ICP_FIELDS,				\
		.source_fields = K_SRC_FIELDS,				\
		K_RUN_PARALLEL						\
		K_RESET							\
	}

#ifdef XR_KERNEL_XIVE
/* XICS-on-XIVE has one path, in virtual mode (no real-mode handlers) */
static const struct xr_impl_ops kernel_xive_ops =
	KERNEL_OPS("kernel-xive", XR_CTX_VIRTUAL, kcreate_vm);

static const struct xr_impl_ops *const kernel_ops[] = {
	&kernel_xive_ops,
};
#else
static const struct xr_impl_ops kernel_vm_ops =
	KERNEL_OPS("kernel-vm", XR_CTX_VIRTUAL, kcreate_vm);
static const struct xr_impl_ops kernel_rm_ops =
	KERNEL_OPS("kernel-rm", XR_CTX_REAL, kcreate_rm);

static const struct xr_impl_ops *const kernel_ops[] = {
	&kernel_vm_ops, &kernel_rm_ops,
};
#endif

__attribute__((visibility("default")))
const struct xr_impl_ops *const *xicsref_impl_entry(uint32_t *nr)
{
	*nr = sizeof(kernel_ops) / sizeof(kernel_ops[0]);
	return kernel_ops;
}
