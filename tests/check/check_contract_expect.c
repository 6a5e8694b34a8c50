// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "contract", the expectations: the "=>" results and the
 * expect lines of the scenario-language contract (version 1 core), each
 * statement of the page through the real parser (check_contract.c: the
 * lexical rules; check_contract_setup.c: the set-up;
 * check_contract_steps.c: the steps).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xicsref/model.h>

#include "check_contract.h"
#include "cli.h"
#include "run.h"

/* ---- "=>": what a step must return ---- */

/* The page's own examples, with the meaning it gives them */
START_TEST(test_want_examples)
{
	struct xr_scenario s;
	const struct xr_scn_step *st;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_XIRR => rc=H_SUCCESS xirr=0x05001000\n"
		 "vcpu 0 H_IPI 7 0x05 => rc=H_PARAMETER\n"
		 "rtas get-xive 0x1000 => rc=0 server=1 prio=5\n"
		 "hwirq 0x2a7 cpu 8 => path=handled\n"
		 "get-icp 1 => value=0xff00000000ff0000\n", &s);
	ck_assert_uint_eq(s.nr_steps, 5);
	st = s.steps;
	ck_assert_uint_eq(st[0].want_mask, 1u << XR_W_RC | 1u << XR_W_XIRR);
	ck_assert_int_eq(st[0].want.rc, XR_H_SUCCESS);
	ck_assert_uint_eq(st[0].want.xirr, 0x05001000);
	ck_assert_uint_eq(st[1].want_mask, 1u << XR_W_RC);
	ck_assert_int_eq(st[1].want.rc, XR_H_PARAMETER);
	ck_assert_uint_eq(st[2].want_mask, 1u << XR_W_RC |
			  1u << XR_W_SERVER | 1u << XR_W_PRIO);
	ck_assert_int_eq(st[2].want.rc, 0);
	ck_assert_uint_eq(st[2].want.server, 1);
	ck_assert_uint_eq(st[2].want.prio, 5);
	ck_assert_uint_eq(st[3].want_mask, 1u << XR_W_PATH);
	ck_assert_int_eq(st[3].want.path, XR_PATH_HANDLED);
	ck_assert_uint_eq(st[4].want_mask, 1u << XR_W_VALUE);
	ck_assert_uint_eq(st[4].want.value, 0xff00000000ff0000ull);
	xr_scenario_free(&s);
}
END_TEST

/* "A step may end with `=>` ...; any subset may be given" */
START_TEST(test_want_any_subset)
{
	struct xr_scenario s;
	const struct xr_scn_step *st;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_XIRR\n"
		 "vcpu 1 H_XIRR => xirr=0x05001000\n"
		 "vcpu 1 H_XIRR => rc=H_SUCCESS\n"
		 "rtas get-xive 0x1000 => prio=5\n"
		 "rtas get-xive 0x1000 => server=1 rc=0\n", &s);
	st = s.steps;
	ck_assert_uint_eq(st[0].want_mask, 0);
	ck_assert_uint_eq(st[1].want_mask, 1u << XR_W_XIRR);
	ck_assert_uint_eq(st[2].want_mask, 1u << XR_W_RC);
	ck_assert_uint_eq(st[3].want_mask, 1u << XR_W_PRIO);
	ck_assert_uint_eq(st[3].want.prio, 5);
	ck_assert_uint_eq(st[4].want_mask,
			  1u << XR_W_SERVER | 1u << XR_W_RC);
	xr_scenario_free(&s);
}
END_TEST

/* "`rc` takes H_* names ..." (PAPR's values) */
START_TEST(test_want_rc_names)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_CPPR 5 => rc=H_SUCCESS\n"
		 "vcpu 1 H_CPPR 5 => rc=H_HARDWARE\n"
		 "vcpu 1 H_CPPR 5 => rc=H_PARAMETER\n", &s);
	ck_assert_int_eq(s.steps[0].want.rc, 0);
	ck_assert_int_eq(s.steps[1].want.rc, -1);
	ck_assert_int_eq(s.steps[2].want.rc, -4);
	xr_scenario_free(&s);
}
END_TEST

/*
 * "`rc` takes H_* names": every PAPR hcall status name, not only the
 * ones the XICS hcalls return (values from the kernel's asm/hvcall.h).

 * (Until 2026-12-06 the parser knew only four of them.)
 */
START_TEST(test_want_rc_other_h_names)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_CPPR 5 => rc=H_BUSY\n"
		 "vcpu 1 H_CPPR 5 => rc=H_NOT_AVAILABLE\n"
		 "vcpu 1 H_CPPR 5 => rc=H_FUNCTION\n"
		 "vcpu 1 H_CPPR 5 => rc=H_PRIVILEGE\n"
		 "vcpu 1 H_CPPR 5 => rc=H_NOT_FOUND\n"
		 "vcpu 1 H_CPPR 5 => rc=H_AUTHORITY\n", &s);
	ck_assert_int_eq(s.steps[0].want.rc, 1);
	ck_assert_int_eq(s.steps[1].want.rc, 3);
	ck_assert_int_eq(s.steps[2].want.rc, -2);
	ck_assert_int_eq(s.steps[3].want.rc, -3);
	ck_assert_int_eq(s.steps[4].want.rc, -7);
	ck_assert_int_eq(s.steps[5].want.rc, -10);
	xr_scenario_free(&s);
}
END_TEST

/*
 * A return code is a register value: a hexadecimal rc is the 64-bit
 * register ("0xfffffffffffffffc" is -4, H_PARAMETER); only a number wider
 * than 64 bits is refused.
 */
START_TEST(test_want_rc_register)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_CPPR 5 => rc=0xfffffffffffffffc\n"
		 "vcpu 1 H_CPPR 5 => rc=-4\n", &s);
	ck_assert_int_eq(s.steps[0].want.rc, -4);
	ck_assert_int_eq(s.steps[1].want.rc, -4);
	xr_scenario_free(&s);
	xr_ct_bad(XR_CT_SETUP "vcpu 1 H_CPPR 5 => rc=0x10000000000000000\n",
		  4, "wider than 64 bits");
}
END_TEST

/* "`rc` takes ... numbers (RTAS statuses are numbers: 0, -3, ...)" */
START_TEST(test_want_rc_numbers)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP
		 "rtas int-off 0x1000 => rc=0\n"
		 "rtas int-on 0x2000 => rc=-3\n"
		 "rtas set-xive 0x1000 1 5 => rc=-1\n"
		 "vcpu 1 H_CPPR 5 => rc=-4\n"
		 "vcpu 1 H_CPPR 5 => rc=0x0\n", &s);
	ck_assert_int_eq(s.steps[0].want.rc, 0);
	ck_assert_int_eq(s.steps[1].want.rc, -3);
	ck_assert_int_eq(s.steps[2].want.rc, -1);
	/* a number and its H_* name say the same */
	ck_assert_int_eq(s.steps[3].want.rc, XR_H_PARAMETER);
	ck_assert_uint_eq(s.steps[4].want_mask, 1u << XR_W_RC);
	ck_assert_int_eq(s.steps[4].want.rc, 0);
	xr_scenario_free(&s);
}
END_TEST

/* "xirr=": what H_XIRR (and H_XIRR_X, H_IPOLL) return */
START_TEST(test_want_xirr)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_XIRR => xirr=0x05001000\n"
		 "vcpu 1 H_XIRR_X => xirr=0xff000000\n"
		 "vcpu 1 H_IPOLL 1 => xirr=0\n", &s);
	ck_assert_uint_eq(s.steps[0].want.xirr, 0x05001000);
	ck_assert_uint_eq(s.steps[1].want_mask, 1u << XR_W_XIRR);
	ck_assert_uint_eq(s.steps[1].want.xirr, 0xff000000);
	ck_assert_uint_eq(s.steps[2].want_mask, 1u << XR_W_XIRR);
	ck_assert_uint_eq(s.steps[2].want.xirr, 0);
	xr_scenario_free(&s);
}
END_TEST

/* "server=", "prio=": what rtas get-xive returns */
START_TEST(test_want_server_prio)
{
	struct xr_scenario s;
	struct xr_scn_step *st =
		xr_ct_one_step("rtas get-xive 0x1000 => server=0x10 prio=0xff",
			       &s);

	ck_assert_uint_eq(st->want_mask, 1u << XR_W_SERVER | 1u << XR_W_PRIO);
	ck_assert_uint_eq(st->want.server, 16);
	ck_assert_uint_eq(st->want.prio, 0xff);
	xr_scenario_free(&s);
}
END_TEST

/* "`path` is one of none, host, host-complete, guest-ipi, handled" */
START_TEST(test_want_path)
{
	struct xr_scenario s;
	const struct xr_scn_step *st;

	xr_ct_ok(XR_CT_SETUP
		 "hwirq 0 cpu 1 => path=none\n"
		 "hwirq 0x2a7 cpu 1 => path=host\n"
		 "hwirq 0x2a7 cpu 1 => path=host-complete\n"
		 "hwirq 2 cpu 1 => path=guest-ipi\n"
		 "hwirq 0x2a7 cpu 1 => path=handled\n", &s);
	st = s.steps;
	ck_assert_int_eq(st[0].want.path, XR_PATH_NONE);
	ck_assert_int_eq(st[1].want.path, XR_PATH_HOST);
	ck_assert_int_eq(st[2].want.path, XR_PATH_HOST_COMPLETE);
	ck_assert_int_eq(st[3].want.path, XR_PATH_GUEST_IPI);
	ck_assert_int_eq(st[4].want.path, XR_PATH_HANDLED);
	ck_assert_uint_eq(st[4].want_mask, 1u << XR_W_PATH);
	xr_scenario_free(&s);
	xr_ct_bad_step("hwirq 0x2a7 cpu 1 => path=guest",
		       "unknown path 'guest'");
}
END_TEST

/* "value=": what get-icp (and get-source) return */
START_TEST(test_want_value)
{
	struct xr_scenario s;

	xr_ct_ok(XR_CT_SETUP
		 "get-icp 1 => value=0xff00000000ff0000\n"
		 "get-source 0x1000 => value=18446744073709551615 rc=0\n", &s);
	ck_assert_uint_eq(s.steps[0].want_mask, 1u << XR_W_VALUE);
	ck_assert_uint_eq(s.steps[0].want.value, 0xff00000000ff0000ull);
	ck_assert_uint_eq(s.steps[1].want_mask,
			  1u << XR_W_VALUE | 1u << XR_W_RC);
	ck_assert_uint_eq(s.steps[1].want.value, UINT64_MAX);
	xr_scenario_free(&s);
}
END_TEST

/* ---- expect lines ---- */

/* "Lines starting with `expect` check the state after the last step" */
START_TEST(test_expect_after_last_step)
{
	struct xr_scenario s;
	const struct xr_scn_step *last;

	xr_ct_ok(XR_CT_SETUP
		 "vcpu 1 H_CPPR 0xff\n"
		 "irq 0x1000 pulse\n"
		 "expect icp 1 xisr=0x1000\n"
		 "expect source 0x1000 p=1\n"
		 "expect events raise v1\n", &s);
	ck_assert_uint_eq(s.nr_steps, 2);
	ck_assert_uint_eq(s.steps[0].nr_expects, 0);
	last = &s.steps[1];
	ck_assert_uint_eq(last->nr_expects, 3);
	ck_assert_int_eq(last->expects[0].kind, XR_EXP_ICP);
	ck_assert_uint_eq(last->expects[0].line, 6);
	ck_assert_int_eq(last->expects[1].kind, XR_EXP_SOURCE);
	ck_assert_uint_eq(last->expects[1].line, 7);
	ck_assert_int_eq(last->expects[2].kind, XR_EXP_EVENTS);
	ck_assert_uint_eq(last->expects[2].line, 8);
	xr_scenario_free(&s);
}
END_TEST

/* "expect icp SERVER [cppr=..] [mfrr=..] [xisr=..] [pprio=..] [ee=0|1]" */
START_TEST(test_expect_icp)
{
	struct xr_scenario s;
	const struct xr_expect *e;

	xr_ct_ok("vcpu 0\nvcpu 1 server=7\nvcpu 0 H_XIRR\n"
		 "expect icp 7 cppr=0xff mfrr=5 xisr=0x1000 pprio=6 ee=1\n"
		 "expect icp 0 ee=0\n", &s);
	e = &s.steps[0].expects[0];
	ck_assert_int_eq(e->kind, XR_EXP_ICP);
	ck_assert_int_eq(e->ctx, XR_EXP_ANY);
	ck_assert_uint_eq(e->id, 7);
	ck_assert_uint_eq(e->vcpu, 1);
	ck_assert_uint_eq(e->mask, 1u << XR_IF_CPPR | 1u << XR_IF_MFRR |
			  1u << XR_IF_XISR | 1u << XR_IF_PPRIO |
			  1u << XR_IF_EE);
	ck_assert_uint_eq(e->icp.cppr, 0xff);
	ck_assert_uint_eq(e->icp.mfrr, 5);
	ck_assert_uint_eq(e->icp.xisr, 0x1000);
	ck_assert_uint_eq(e->icp.pprio, 6);
	ck_assert(e->icp.out_ee);
	/* only the keys given are checked */
	e = &s.steps[0].expects[1];
	ck_assert_uint_eq(e->vcpu, 0);
	ck_assert_uint_eq(e->mask, 1u << XR_IF_EE);
	ck_assert(!e->icp.out_ee);
	xr_scenario_free(&s);
}
END_TEST

/*
 * "expect source IRQ [server=..] [prio=..] [saved=..] [p=0|1] [q=0|1]
 * [resend=0|1] [masked_pending=0|1]"
 */
START_TEST(test_expect_source)
{
	struct xr_scenario s;
	const struct xr_expect *e;

	xr_ct_ok(XR_CT_SETUP "vcpu 0 H_XIRR\n"
		 "expect source 0x1000 server=1 prio=5 saved=6 p=1 q=1 "
		 "resend=1 masked_pending=1\n"
		 "expect source 0x1000 q=0\n", &s);
	e = &s.steps[0].expects[0];
	ck_assert_int_eq(e->kind, XR_EXP_SOURCE);
	ck_assert_uint_eq(e->id, 0x1000);
	ck_assert_uint_eq(e->mask, 1u << XR_SF_SERVER | 1u << XR_SF_PRIO |
			  1u << XR_SF_SAVED | 1u << XR_SF_P | 1u << XR_SF_Q |
			  1u << XR_SF_RESEND | 1u << XR_SF_MASKED_PENDING);
	ck_assert_uint_eq(e->src.server, 1);
	ck_assert_uint_eq(e->src.prio, 5);
	ck_assert_uint_eq(e->src.saved, 6);
	ck_assert(e->src.p && e->src.q && e->src.resend &&
		  e->src.masked_pending);
	e = &s.steps[0].expects[1];
	ck_assert_uint_eq(e->mask, 1u << XR_SF_Q);
	ck_assert(!e->src.q);
	xr_scenario_free(&s);
}
END_TEST

/* "expect events EVENT": the one event @ev, as the parser reads it */
static void one_event(const char *ev, enum xr_event_kind kind, uint32_t a,
		      uint32_t b)
{
	struct xr_scenario s;
	const struct xr_expect *e;
	char text[512];

	snprintf(text, sizeof(text), XR_CT_SETUP "vcpu 1 H_CPPR 0xff\n"
		 "expect events %s\n", ev);
	xr_ct_ok(text, &s);
	ck_assert_uint_eq(s.steps[0].nr_expects, 1);
	e = &s.steps[0].expects[0];
	ck_assert_int_eq(e->kind, XR_EXP_EVENTS);
	ck_assert_int_eq(e->ctx, XR_EXP_ANY);
	ck_assert_uint_eq(e->events.nr, 1);
	ck_assert_uint_eq(e->events.ev[0].kind, kind);
	ck_assert_uint_eq(e->events.ev[0].a, a);
	ck_assert_uint_eq(e->events.ev[0].b, b);
	xr_scenario_free(&s);
}

/* "expect events": refused at its line (5) */
static void bad_event(const char *ev, const char *frag)
{
	char text[512];

	snprintf(text, sizeof(text), XR_CT_SETUP "vcpu 1 H_CPPR 0xff\n"
		 "expect events %s\n", ev);
	xr_ct_bad(text, 5, frag);
}

/* "raise vV  the VCPU's external-interrupt line is asserted" */
START_TEST(test_event_raise)
{
	one_event("raise v1", XR_EV_RAISE, 1, 0);
	bad_event("raise 1", "bad event");
}
END_TEST

/* "lower vV  it is withdrawn" */
START_TEST(test_event_lower)
{
	one_event("lower v0", XR_EV_LOWER, 0, 0);
	bad_event("lower", "bad event");
}
END_TEST

/* "msgsnd cpuP  a doorbell to physical thread P" */
START_TEST(test_event_msgsnd)
{
	one_event("msgsnd cpu9", XR_EV_MSGSND, 9, 0);
	bad_event("msgsnd 9", "bad event");
}
END_TEST

/* "ipi cpuP  an XICS IPI to physical CPU P" */
START_TEST(test_event_ipi)
{
	one_event("ipi cpu8", XR_EV_IPI, 8, 0);
	bad_event("ipi v8", "bad event");
}
END_TEST

/* "kick vV  the host is asked to wake VCPU V" */
START_TEST(test_event_kick)
{
	one_event("kick v1", XR_EV_KICK, 1, 0);
	bad_event("kick cpu1", "bad event");
}
END_TEST

/* "hw-eoi hwH  the physical interrupt H is EOId" */
START_TEST(test_event_hw_eoi)
{
	one_event("hw-eoi hw0x2a7", XR_EV_HW_EOI, 0x2a7, 0);
	one_event("hw-eoi hw679", XR_EV_HW_EOI, 0x2a7, 0);
	bad_event("hw-eoi 0x2a7", "bad event");
}
END_TEST

/* "retarget hwH cpuP  the physical interrupt H is re-routed to CPU P" */
START_TEST(test_event_retarget)
{
	one_event("retarget hw0x2a7 cpu9", XR_EV_RETARGET, 0x2a7, 9);
	bad_event("retarget hw0x2a7", "bad event");
}
END_TEST

/* "ack IRQ  the guest's EOI of IRQ is reported to ack notifiers" */
START_TEST(test_event_ack)
{
	one_event("ack 0x1000", XR_EV_ACK, 0x1000, 0);
	one_event("ack 4096", XR_EV_ACK, 0x1000, 0);
	bad_event("ack", "bad event");
}
END_TEST

/* "expect events EVENT ...  # exactly these ..., in this order" */
START_TEST(test_expect_events_order)
{
	struct xr_scenario s;
	const struct xr_events *ev;

	xr_ct_ok(XR_CT_SETUP "vcpu 1 H_CPPR 0xff\n"
		 "expect events lower v1 raise v0 kick v0 msgsnd cpu1 "
		 "ack 0x1000 raise v1\n", &s);
	ev = &s.steps[0].expects[0].events;
	ck_assert_uint_eq(ev->nr, 6);
	ck_assert_uint_eq(ev->ev[0].kind, XR_EV_LOWER);
	ck_assert_uint_eq(ev->ev[0].a, 1);
	ck_assert_uint_eq(ev->ev[1].kind, XR_EV_RAISE);
	ck_assert_uint_eq(ev->ev[1].a, 0);
	ck_assert_uint_eq(ev->ev[2].kind, XR_EV_KICK);
	ck_assert_uint_eq(ev->ev[3].kind, XR_EV_MSGSND);
	ck_assert_uint_eq(ev->ev[3].a, 1);
	ck_assert_uint_eq(ev->ev[4].kind, XR_EV_ACK);
	ck_assert_uint_eq(ev->ev[5].kind, XR_EV_RAISE);
	ck_assert_uint_eq(ev->ev[5].a, 1);
	xr_scenario_free(&s);
}
END_TEST

/* "expect no-events" */
START_TEST(test_expect_no_events)
{
	struct xr_scenario s;
	const struct xr_expect *e;

	xr_ct_ok(XR_CT_SETUP "vcpu 1 H_CPPR 0xff\nexpect no-events\n", &s);
	ck_assert_uint_eq(s.steps[0].nr_expects, 1);
	e = &s.steps[0].expects[0];
	ck_assert_int_eq(e->kind, XR_EXP_NO_EVENTS);
	ck_assert_int_eq(e->ctx, XR_EXP_ANY);
	ck_assert_uint_eq(e->events.nr, 0);
	xr_scenario_free(&s);
	bad_event("raise v1 no-events", "bad event 'no-events'");
	xr_ct_bad(XR_CT_SETUP "vcpu 1 H_CPPR 0xff\nexpect no-events raise v1\n",
		  5, "too many arguments");
}
END_TEST

/*
 * "`expect events` is checked only over the kinds that an implementation
 * reports, and the runner says so in its output rather than silently
 * passing."  The virtual-mode model never sends msgsnd: an expected
 * msgsnd is left out of its check, and its report line says so.
 */
START_TEST(test_events_over_reported_kinds)
{
	const char *t = "vcpu 0\nvcpu 1\nvcpu 1 H_CPPR 0xff\n"
			"vcpu 0 H_IPI 1 5\n"
			"expect events raise v1 kick v1 msgsnd cpu1\n";
	struct xr_outcome *o = calloc(1, sizeof(*o));
	struct xr_scenario s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert(o);
	xr_ct_ok(t, &s);
	xr_run_one(&xr_model_env, &s, xr_model_ops(XR_CTX_VIRTUAL), o);
	ck_assert_msg(o->verdict == XR_V_PASS, "%s: %s",
		      xr_verdict_name(o->verdict),
		      o->nr_diffs ? o->diffs[0].field : o->reason);
	ck_assert(!(o->exp_kinds & XR_EV_BIT(XR_EV_MSGSND)));
	ck_assert(o->exp_kinds & XR_EV_BIT(XR_EV_RAISE));
	ck_assert(o->exp_events_partial);
	f = open_memstream(&buf, &len);
	ck_assert(f);
	xr_report_outcome(f, "t.scn", &s, o, false);
	fclose(f);
	ck_assert_msg(strstr(buf, "checked only over"),
		      "the report does not say so:\n%s", buf);
	free(buf);
	free(o);
	xr_scenario_free(&s);
}
END_TEST

TCase *xr_tcase_contract_expect(void)
{
	TCase *tc = tcase_create("expectations");

	tcase_add_test(tc, test_want_examples);
	tcase_add_test(tc, test_want_any_subset);
	tcase_add_test(tc, test_want_rc_names);
	tcase_add_test(tc, test_want_rc_other_h_names);
	tcase_add_test(tc, test_want_rc_register);
	tcase_add_test(tc, test_want_rc_numbers);
	tcase_add_test(tc, test_want_xirr);
	tcase_add_test(tc, test_want_server_prio);
	tcase_add_test(tc, test_want_path);
	tcase_add_test(tc, test_want_value);

	tcase_add_test(tc, test_expect_after_last_step);
	tcase_add_test(tc, test_expect_icp);
	tcase_add_test(tc, test_expect_source);
	tcase_add_test(tc, test_event_raise);
	tcase_add_test(tc, test_event_lower);
	tcase_add_test(tc, test_event_msgsnd);
	tcase_add_test(tc, test_event_ipi);
	tcase_add_test(tc, test_event_kick);
	tcase_add_test(tc, test_event_hw_eoi);
	tcase_add_test(tc, test_event_retarget);
	tcase_add_test(tc, test_event_ack);
	tcase_add_test(tc, test_expect_events_order);
	tcase_add_test(tc, test_expect_no_events);
	tcase_add_test(tc, test_events_over_reported_kinds);
	return tc;
}
