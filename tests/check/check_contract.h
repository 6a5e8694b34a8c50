/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Check suite "contract": helpers shared by its files (check_contract.c:
 * lexical rules; check_contract_setup.c: the set-up statements;
 * check_contract_steps.c: the steps; check_contract_expect.c: "=>"
 * results and expect lines).
 */
#ifndef XR_CHECK_CONTRACT_H
#define XR_CHECK_CONTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "check_main.h"

/* A set-up of lines 1-3 for the step tests; their step is line 4 */
#define XR_CT_SETUP	"vcpu 0\nvcpu 1\nsource 0x1000 msi server=1 prio=5\n"
#define XR_CT_STEP_LINE	4

/* One refused text: its line and a fragment of the message */
struct xr_ct_bad_case {
	const char *text;
	uint32_t line;
	const char *frag;
};

#define XR_CT_NR(a)	(sizeof(a) / sizeof((a)[0]))

/* @text must parse; the parser's error, if any, fails the test */
void xr_ct_ok(const char *text, struct xr_scenario *scn);
/*
 * @text must be refused at @line with @frag in the message, and leave
 * nothing behind (the contract's "nothing run" starts here).
 */
void xr_ct_bad(const char *text, uint32_t line, const char *frag);
/* xr_ct_bad() for each of @n cases */
void xr_ct_bad_cases(const struct xr_ct_bad_case *c, size_t n);
/* XR_CT_SETUP and @step must parse into that one step, at line 4 */
struct xr_scn_step *xr_ct_one_step(const char *step, struct xr_scenario *s);
/* XR_CT_SETUP and @step must be refused at line 4 */
void xr_ct_bad_step(const char *step, const char *frag);

TCase *xr_tcase_contract_setup(void);
TCase *xr_tcase_contract_steps(void);
TCase *xr_tcase_contract_expect(void);

#endif /* XR_CHECK_CONTRACT_H */
