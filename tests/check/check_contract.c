// SPDX-License-Identifier: GPL-2.0-only
/*
 * Check suite "contract": the scenario-language contract (version 1 core)
 * statement by statement, through the real parser.  Every version of
 * xicsref must accept the core with exactly the meaning the contract page
 * gives it, so each test holds one statement of the page and asserts the
 * structure the parser builds (or the error and its line), not merely
 * that a text parses.  This file: the lexical rules;
 * check_contract_setup.c: the set-up; check_contract_steps.c: the steps;
 * check_contract_expect.c: the "=>" results and the expect lines.
 * Extensions (docs/scenario-language.md) may add to the core, never
 * change it; they are not tested here.  The page's "differential
 * checking" (first difference, both values) is held by the "mutant"
 * suite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_contract.h"
#include "cli.h"

void xr_ct_ok(const char *text, struct xr_scenario *scn)
{
	struct xr_parse_error err;

	ck_assert_msg(xr_test_parse(text, scn, &err) == 0,
		      "refused at line %u: %s\n--- scenario:\n%s", err.line,
		      err.msg, text);
}

void xr_ct_bad(const char *text, uint32_t line, const char *frag)
{
	struct xr_scenario scn;
	struct xr_parse_error err;

	ck_assert_msg(xr_test_parse(text, &scn, &err) != 0,
		      "accepted:\n%s", text);
	ck_assert_msg(err.line == line && strstr(err.msg, frag),
		      "got %u: %s; want %u: ...%s...\n--- scenario:\n%s",
		      err.line, err.msg, line, frag, text);
	ck_assert_uint_eq(scn.nr_steps, 0);
	ck_assert_ptr_null(scn.steps);
}

struct xr_scn_step *xr_ct_one_step(const char *step, struct xr_scenario *s)
{
	char text[512];

	snprintf(text, sizeof(text), XR_CT_SETUP "%s\n", step);
	xr_ct_ok(text, s);
	ck_assert_uint_eq(s->nr_steps, 1);
	ck_assert_uint_eq(s->steps[0].line, XR_CT_STEP_LINE);
	return &s->steps[0];
}

void xr_ct_bad_step(const char *step, const char *frag)
{
	char text[512];

	snprintf(text, sizeof(text), XR_CT_SETUP "%s\n", step);
	xr_ct_bad(text, XR_CT_STEP_LINE, frag);
}

void xr_ct_bad_cases(const struct xr_ct_bad_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		xr_ct_bad(c[i].text, c[i].line, c[i].frag);
}

/* ---- Lexical rules ---- */

/* "One statement per line." */
START_TEST(test_lex_one_statement_per_line)
{
	static const struct xr_ct_bad_case two_on_one[] = {
		{ "vcpu 0 vcpu 1\nvcpu 0 H_XIRR\n", 1, "expected key=value" },
		{ "vcpu 0\nvcpu 0 H_CPPR 5 vcpu 0 H_XIRR\n", 2,
		  "too many arguments" },
	};
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\nvcpu 1\nvcpu 0 H_CPPR 5\nvcpu 1 H_CPPR 6\n", &s);
	ck_assert_uint_eq(s.setup.nr_vcpus, 2);
	ck_assert_uint_eq(s.nr_steps, 2);
	ck_assert_uint_eq(s.steps[0].line, 3);
	ck_assert_uint_eq(s.steps[0].step.vcpu, 0);
	ck_assert_uint_eq(s.steps[0].step.arg[0], 5);
	ck_assert_uint_eq(s.steps[1].line, 4);
	ck_assert_uint_eq(s.steps[1].step.vcpu, 1);
	ck_assert_uint_eq(s.steps[1].step.arg[0], 6);
	xr_scenario_free(&s);
	xr_ct_bad_cases(two_on_one, XR_CT_NR(two_on_one));
}
END_TEST

/* "`#` starts a comment to the end of the line." */
START_TEST(test_lex_comment)
{
	struct xr_scenario s;

	xr_ct_ok("# frobnicate => rc=H_BOGUS: not a statement\n"
		 "vcpu 0 # server=7\n"
		 "vcpu 0 H_CPPR 5 # => rc=H_PARAMETER\n"
		 "vcpu 0 H_CPPR 6#no blank needed\n"
		 "\t# an indented comment\n", &s);
	ck_assert_uint_eq(s.setup.nr_vcpus, 1);
	ck_assert_uint_eq(s.setup.vcpus[0].server, 0);
	ck_assert_uint_eq(s.nr_steps, 2);
	ck_assert_uint_eq(s.steps[0].line, 3);
	ck_assert_uint_eq(s.steps[0].want_mask, 0);
	ck_assert_str_eq(s.steps[0].text, "vcpu 0 H_CPPR 5");
	ck_assert_uint_eq(s.steps[1].step.arg[0], 6);
	ck_assert_uint_eq(s.steps[1].nr_expects, 0);
	xr_scenario_free(&s);
}
END_TEST

/* "Blank lines are ignored." (they still count for FILE:LINE) */
START_TEST(test_lex_blank_lines)
{
	struct xr_scenario s;

	xr_ct_ok("\n\nvcpu 0\n\n   \n\t\nvcpu 0 H_XIRR\n\n\n", &s);
	ck_assert_uint_eq(s.setup.nr_vcpus, 1);
	ck_assert_uint_eq(s.nr_steps, 1);
	ck_assert_uint_eq(s.steps[0].line, 7);
	xr_scenario_free(&s);
	xr_ct_bad("\n\nvcpu 0\n\nfrobnicate\n", 5, "unknown keyword");
}
END_TEST

/* "Tokens are separated by spaces or tabs." */
START_TEST(test_lex_spaces_tabs)
{
	struct xr_scenario s;
	const struct xr_scn_step *st;

	xr_ct_ok("\tvcpu\t0\t \tserver=3\n"
		 "  vcpu  0\t H_IPI \t3   5  =>\trc=0\t\n"
		 " expect\ticp 3  mfrr=5\n", &s);
	ck_assert_uint_eq(s.setup.vcpus[0].server, 3);
	ck_assert_uint_eq(s.nr_steps, 1);
	st = &s.steps[0];
	ck_assert_int_eq(st->step.kind, XR_STEP_H_IPI);
	ck_assert_uint_eq(st->step.arg[0], 3);
	ck_assert_uint_eq(st->step.arg[1], 5);
	ck_assert_uint_eq(st->want_mask, 1u << XR_W_RC);
	ck_assert_uint_eq(st->nr_expects, 1);
	ck_assert_uint_eq(st->expects[0].icp.mfrr, 5);
	xr_scenario_free(&s);
	/* a tab alone separates too */
	xr_ct_ok("vcpu 0 server=3\nvcpu 0\tH_IPI\t3\t5\n"
		 "expect\ticp\t3\tmfrr=5\n", &s);
	ck_assert_uint_eq(s.steps[0].nr_expects, 1);
	ck_assert_uint_eq(s.steps[0].expects[0].icp.mfrr, 5);
	xr_scenario_free(&s);
}
END_TEST

/* "Numbers are decimal or `0x` hexadecimal." (decimal is never octal) */
START_TEST(test_lex_numbers)
{
	static const struct xr_ct_bad_case not_numbers[] = {
		{ "vcpu 0\nvcpu 0 H_CPPR 5a\n", 2, "not a number" },
		{ "vcpu 0\nvcpu 0 H_CPPR 0x\n", 2, "not a number" },
		{ "vcpu 0\nvcpu 0 H_CPPR 0b101\n", 2, "not a number" },
		{ "vcpu 0\nvcpu 0 H_CPPR five\n", 2, "not a number" },
	};
	struct xr_scenario s;

	xr_ct_ok("vcpu 0\n"
		 "source 4096 msi prio=0x10\n"
		 "vcpu 0 H_CPPR 010\n"
		 "vcpu 0 H_CPPR 0x010\n"
		 "vcpu 0 H_CPPR 0xab\n"
		 "vcpu 0 H_CPPR 255\n", &s);
	ck_assert_uint_eq(s.setup.sources[0].irq, 0x1000);
	ck_assert_uint_eq(s.setup.sources[0].prio, 16);
	ck_assert_uint_eq(s.steps[0].step.arg[0], 10);
	ck_assert_uint_eq(s.steps[1].step.arg[0], 16);
	ck_assert_uint_eq(s.steps[2].step.arg[0], 0xab);
	ck_assert_uint_eq(s.steps[3].step.arg[0], 0xff);
	xr_scenario_free(&s);
	xr_ct_bad_cases(not_numbers, XR_CT_NR(not_numbers));
}
END_TEST

/* "`key=value` pairs may come in any order." */
START_TEST(test_lex_key_value_any_order)
{
	static const char a_text[] =
		"machine power9 cores=3 threads=8\n"
		"vcpu 0 server=4 cpu=2\n"
		"source 0x1000 lsi server=4 prio=5\n"
		"passthru hw=0x30 irq=0x1001\n"
		"option real_mode=off bypass=off\n"
		"vcpu 0 H_XIRR => rc=0 xirr=0x5001000\n"
		"expect icp 4 cppr=1 mfrr=2 xisr=0x1000\n"
		"expect source 0x1000 p=1 server=4 prio=5\n"
		"rtas get-xive 0x1000 => rc=0 server=4 prio=5\n";
	static const char b_text[] =
		"machine power9 threads=8 cores=3\n"
		"vcpu 0 cpu=2 server=4\n"
		"source 0x1000 lsi prio=5 server=4\n"
		"passthru irq=0x1001 hw=0x30\n"
		"option bypass=off real_mode=off\n"
		"vcpu 0 H_XIRR => xirr=0x5001000 rc=0\n"
		"expect icp 4 xisr=0x1000 mfrr=2 cppr=1\n"
		"expect source 0x1000 prio=5 server=4 p=1\n"
		"rtas get-xive 0x1000 => prio=5 server=4 rc=0\n";
	struct xr_scenario a, b;
	uint32_t i, j;

	xr_ct_ok(a_text, &a);
	xr_ct_ok(b_text, &b);
	/* not vacuous: the values did land where the keys say */
	ck_assert_uint_eq(a.setup.cores, 3);
	ck_assert_uint_eq(a.setup.vcpus[0].server, 4);
	ck_assert_int_eq(a.setup.vcpus[0].cpu, 2);
	ck_assert_uint_eq(a.setup.passthru[0].hw, 0x30);
	ck_assert(!a.setup.real_mode && !a.setup.bypass);
	ck_assert_uint_eq(a.steps[0].want.xirr, 0x5001000);
	ck_assert_uint_eq(a.steps[1].want.server, 4);
	/*
	 * The parser clears the whole scenario before it fills it, so the
	 * same meaning is the same bytes.
	 */
	ck_assert_mem_eq(&a.setup, &b.setup, sizeof(a.setup));
	ck_assert_uint_eq(a.nr_steps, 2);
	ck_assert_uint_eq(b.nr_steps, 2);
	for (i = 0; i < a.nr_steps; i++) {
		ck_assert_mem_eq(&a.steps[i].step, &b.steps[i].step,
				 sizeof(a.steps[i].step));
		ck_assert_uint_eq(a.steps[i].want_mask, b.steps[i].want_mask);
		ck_assert_mem_eq(&a.steps[i].want, &b.steps[i].want,
				 sizeof(a.steps[i].want));
		ck_assert_uint_eq(a.steps[i].nr_expects,
				  b.steps[i].nr_expects);
		for (j = 0; j < a.steps[i].nr_expects; j++) {
			const struct xr_expect *x = &a.steps[i].expects[j];
			const struct xr_expect *y = &b.steps[i].expects[j];

			ck_assert_uint_eq(x->mask, y->mask);
			ck_assert_mem_eq(&x->icp, &y->icp, sizeof(x->icp));
			ck_assert_mem_eq(&x->src, &y->src, sizeof(x->src));
		}
	}
	xr_scenario_free(&a);
	xr_scenario_free(&b);
}
END_TEST

/* "Unknown keywords ... are errors reported as FILE:LINE: message" */
START_TEST(test_lex_unknown_keyword)
{
	static const struct xr_ct_bad_case c[] = {
		{ "vcpu 0\nfrobnicate 1\n", 2, "unknown keyword 'frobnicate'" },
		{ "vcpu 0 colour=red\nvcpu 0 H_XIRR\n", 1,
		  "unknown keyword 'colour'" },
		{ "source 0x1000 msi level=1\n", 1, "unknown keyword 'level'" },
		{ "machine power7\n", 1, "unknown machine 'power7'" },
		{ "option turbo=on\n", 1, "unknown option 'turbo'" },
		{ "vcpu 0\nvcpu 0 H_BOGUS\n", 2, "unknown keyword 'H_BOGUS'" },
		{ "vcpu 0\nrtas set-priority 1\n", 2,
		  "unknown keyword 'set-priority'" },
		{ "vcpu 0\nsource 0x1000 msi\nirq 0x1000 toggle\n", 3,
		  "unknown keyword 'toggle'" },
		{ "vcpu 0\nvcpu 0 run core=1\n", 2, "unknown keyword 'core'" },
		{ "vcpu 0\npassthru hw=0x30 guest=0x1000\n", 2,
		  "unknown keyword 'guest'" },
		{ "vcpu 0\nvcpu 0 H_XIRR => ret=0\n", 2,
		  "unknown keyword 'ret'" },
		{ "vcpu 0\nhwirq 0x30 cpu 0 => path=elsewhere\n", 2,
		  "unknown path 'elsewhere'" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect state 0\n", 3,
		  "unknown keyword" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp 0 cpri=1\n", 3,
		  "unknown keyword 'cpri'" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect source 0x1000 pq=1\n", 3,
		  "unknown keyword 'pq'" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect events poke v0\n", 3,
		  "bad event 'poke'" },
	};

	xr_ct_bad_cases(c, XR_CT_NR(c));
}
END_TEST

/* "... missing values ... are errors" */
START_TEST(test_lex_missing_value)
{
	static const struct xr_ct_bad_case c[] = {
		{ "vcpu\n", 1, "missing value" },
		{ "vcpu 0 server=\nvcpu 0 H_XIRR\n", 1,
		  "missing value for server" },
		{ "machine\n", 1, "missing value" },
		{ "source 0x1000\n", 1, "missing value" },
		{ "source 0x1000 msi prio=\n", 1, "missing value for prio" },
		{ "passthru hw=0x30\n", 1, "missing value: irq" },
		{ "passthru irq=0x1000\n", 1, "missing value: hw" },
		{ "option\n", 1, "missing value" },
		{ "option bypass=\n", 1, "missing value for bypass" },
		{ "vcpu 0\nvcpu 0 H_CPPR\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 H_EOI\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 H_IPI 1\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 H_IPOLL\n", 2, "missing value" },
		{ "vcpu 0\nrtas\n", 2, "missing value" },
		{ "vcpu 0\nrtas set-xive 0x1000 0\n", 2, "missing value" },
		{ "vcpu 0\nrtas get-xive\n", 2, "missing value" },
		{ "vcpu 0\nsource 0x1000 msi\nirq 0x1000\n", 3,
		  "missing value" },
		{ "vcpu 0\nhwirq 0x30 cpu\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 run\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 run cpu=\n", 2, "missing value for cpu" },
		{ "vcpu 0\nunpassthru\n", 2, "missing value" },
		{ "vcpu 0\nset-icp 0\n", 2, "missing value" },
		{ "vcpu 0\nget-icp\n", 2, "missing value" },
		{ "vcpu 0\nset-source 0x1000\n", 2, "missing value" },
		{ "vcpu 0\nget-source\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 H_XIRR =>\n", 2, "missing value" },
		{ "vcpu 0\nvcpu 0 H_XIRR => rc=\n", 2,
		  "missing value for rc" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp\n", 3, "missing value" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp 0 cppr=\n", 3,
		  "missing value for cppr" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect source\n", 3,
		  "missing value" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect events\n", 3,
		  "missing value" },
	};

	xr_ct_bad_cases(c, XR_CT_NR(c));
}
END_TEST

/* "... numbers out of range ... are errors" */
START_TEST(test_lex_out_of_range)
{
	static const struct xr_ct_bad_case c[] = {
		{ "source 15 msi\n", 1, "out of range" },
		{ "source 0x1000 msi prio=0x100\n", 1, "out of range" },
		{ "machine power8 cores=0 threads=8\n", 1, "out of range" },
		/* the default machine has 16 CPUs */
		{ "vcpu 0 cpu=16\nvcpu 0 H_XIRR\n", 1, "out of range" },
		{ "vcpu 0\nhwirq 0x30 cpu 16\n", 2, "out of range" },
		{ "vcpu 0\nvcpu 0 run cpu=16\n", 2, "out of range" },
		{ "vcpu 0\nhwirq 0x1000000 cpu 0\n", 2, "out of range" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp 0 cppr=0x100\n", 3,
		  "out of range" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp 0 xisr=0x1000000\n", 3,
		  "out of range" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp 0 ee=2\n", 3,
		  "out of range" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect source 0x1000 p=2\n", 3,
		  "out of range" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect events msgsnd cpu16\n", 3,
		  "bad event" },
	};

	xr_ct_bad_cases(c, XR_CT_NR(c));
}
END_TEST

/* "... duplicate definitions are errors" */
START_TEST(test_lex_duplicate_definitions)
{
	static const struct xr_ct_bad_case c[] = {
		{ "vcpu 0\nvcpu 0\n", 2, "duplicate vcpu 0" },
		{ "vcpu 0\nvcpu 1 server=0\n", 2, "duplicate server 0" },
		{ "source 0x1000 msi\nsource 0x1000 lsi\n", 2,
		  "duplicate source 0x1000" },
		{ "source 0x1000 msi lsi\n", 1, "twice" },
		{ "passthru hw=0x30 irq=0x1000\npassthru hw=0x31 irq=0x1000\n",
		  2, "duplicate passthru irq=0x1000" },
		{ "passthru hw=0x30 irq=0x1000\npassthru hw=0x30 irq=0x1001\n",
		  2, "duplicate passthru hw=0x30" },
		{ "passthru hw=0x30 hw=0x31 irq=0x1000\n", 1,
		  "duplicate key hw" },
		{ "machine power8\nmachine power8\n", 2, "duplicate machine" },
		{ "option bypass=on\noption bypass=on\n", 2,
		  "duplicate option bypass" },
		{ "option bypass=on bypass=off\n", 1, "duplicate option" },
		{ "vcpu 0 cpu=1 cpu=2\n", 1, "duplicate key cpu" },
		{ "vcpu 0\nvcpu 0 H_XIRR => rc=0 rc=0\n", 2,
		  "duplicate key rc" },
		{ "vcpu 0\nvcpu 0 H_XIRR\nexpect icp 0 cppr=1 cppr=1\n", 3,
		  "duplicate key cppr" },
	};

	xr_ct_bad_cases(c, XR_CT_NR(c));
}
END_TEST

/* The text of @path, NUL-terminated (xr_read_file gives bytes and a length) */
static char *read_all(const char *path)
{
	size_t len;
	char *s = xr_read_file(path, &len), *t;

	ck_assert_msg(s, "cannot read %s", path);
	t = realloc(s, len + 1);
	ck_assert(t);
	t[len] = '\0';
	return t;
}

/*
 * "... errors reported as `FILE:LINE: message`, exit status 2, nothing
 * run." Through the CLI: a good file named before the bad one is not run
 * either (no result line at all).
 */
START_TEST(test_lex_error_cli)
{
	const char *bin = getenv("XICSREF_BIN");
	char dir[] = "/tmp/xr-contract-XXXXXX";
	char good[64], bad[64], out[64], err[64], cmd[1024], want[128];
	char *o, *e;
	FILE *f;
	int st;

	ck_assert_msg(bin, "XICSREF_BIN is not set (make suite sets it)");
	ck_assert(mkdtemp(dir));
	snprintf(good, sizeof(good), "%s/good.scn", dir);
	snprintf(bad, sizeof(bad), "%s/bad.scn", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(err, sizeof(err), "%s/err", dir);
	f = fopen(good, "w");
	ck_assert(f);
	fputs("vcpu 0\nvcpu 0 H_CPPR 0xff\n", f);
	fclose(f);
	f = fopen(bad, "w");
	ck_assert(f);
	fputs("vcpu 0\n\nfrobnicate 1\nvcpu 0 H_XIRR\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "%s run --spec spec/catalogue.txt %s %s >%s 2>%s", bin, good,
		 bad, out, err);
	st = system(cmd);
	o = read_all(out);
	e = read_all(err);
	snprintf(want, sizeof(want), "%s:3: unknown keyword 'frobnicate'",
		 bad);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 2);
	ck_assert_msg(strstr(e, want), "stderr has no '%s':\n%s", want, e);
	ck_assert_msg(!strstr(o, "PASS") && !strstr(o, "FAIL") &&
		      !strstr(e, "PASS") && !strstr(e, "FAIL"),
		      "something ran:\n%s%s", o, e);
	free(o);
	free(e);
	unlink(good);
	unlink(bad);
	unlink(out);
	unlink(err);
	rmdir(dir);
}
END_TEST

/*
 * "Hypercall and RTAS arguments are register values: any 64-bit number
 * is accepted" (and kept whole: the high bits are behaviour under test).
 */
START_TEST(test_lex_register_args_64bit)
{
	struct xr_scenario s;
	const struct xr_scn_step *st;

	xr_ct_ok("vcpu 0\n"
		 "vcpu 0 H_CPPR 0xffffffffffffffff\n"
		 "vcpu 0 H_EOI 18446744073709551615\n"
		 "vcpu 0 H_IPI 0xffffffff00000001 0x8000000000000005\n"
		 "vcpu 0 H_IPOLL 0x100000000\n"
		 "rtas set-xive 0xffffffff00001000 0x100000001 "
		 "0xffffffffffffff05\n"
		 "rtas get-xive 0x8000000000001000\n"
		 "rtas int-off 0xffffffffffffffff\n"
		 "rtas int-on 0x0000000100001000\n", &s);
	ck_assert_uint_eq(s.nr_steps, 8);
	st = s.steps;
	ck_assert_uint_eq(st[0].step.arg[0], UINT64_MAX);
	ck_assert_uint_eq(st[1].step.arg[0], UINT64_MAX);
	ck_assert_uint_eq(st[2].step.arg[0], 0xffffffff00000001ull);
	ck_assert_uint_eq(st[2].step.arg[1], 0x8000000000000005ull);
	ck_assert_uint_eq(st[3].step.arg[0], 0x100000000ull);
	ck_assert_uint_eq(st[4].step.arg[0], 0xffffffff00001000ull);
	ck_assert_uint_eq(st[4].step.arg[1], 0x100000001ull);
	ck_assert_uint_eq(st[4].step.arg[2], 0xffffffffffffff05ull);
	ck_assert_uint_eq(st[5].step.arg[0], 0x8000000000001000ull);
	ck_assert_uint_eq(st[6].step.arg[0], UINT64_MAX);
	ck_assert_uint_eq(st[7].step.arg[0], 0x100001000ull);
	xr_scenario_free(&s);
	/* 65 bits is not a register value */
	xr_ct_bad("vcpu 0\nvcpu 0 H_CPPR 0x10000000000000000\n", 2,
		  "wider than 64 bits");
	xr_ct_bad("vcpu 0\nrtas int-on 18446744073709551616\n", 2,
		  "wider than 64 bits");
}
END_TEST

/*
 * "Identifiers of the set-up (VCPU numbers, CPU numbers, sizes) have real
 * ranges." (xicsref's, the kernel's: VCPU numbers 0..16383
 * (KVM_MAX_VCPU_IDS), at most 2048 VCPUs (KVM_MAX_VCPUS), cores 1..512 and
 * at most 2048 CPUs (NR_CPUS), CPU below cores x threads)
 */
START_TEST(test_lex_setup_identifiers_ranged)
{
	static const struct xr_ct_bad_case c[] = {
		{ "vcpu 16384 cpu=0\n", 1, "VCPU 16384 out of range" },
		{ "machine power8 cores=513 threads=8\n", 1, "out of range" },
		{ "machine power8 cores=257 threads=8\n", 1,
		  "more than 2048 CPUs" },
		{ "machine power9 cores=1 threads=4\nvcpu 0 cpu=4\n"
		  "vcpu 0 H_XIRR\n", 2, "out of range" },
		{ "vcpu 0\nvcpu 1 H_XIRR\n", 2, "vcpu 1 does not exist" },
		{ "vcpu 0\nget-icp 1\n", 2, "vcpu 1 does not exist" },
	};
	struct xr_scenario s;

	xr_ct_ok("machine power8 cores=256 threads=8\nvcpu 16383 cpu=2047\n"
		 "vcpu 16383 H_XIRR\n", &s);
	ck_assert_uint_eq(s.setup.vcpus[0].id, 16383);
	ck_assert_int_eq(s.setup.vcpus[0].cpu, 2047);
	ck_assert_uint_eq(s.steps[0].step.vcpu, 16383);
	xr_scenario_free(&s);
	xr_ct_bad_cases(c, XR_CT_NR(c));
}
END_TEST

/* At most KVM_MAX_VCPUS VCPUs: 2048 parse, one more is an error */
START_TEST(test_lex_setup_vcpu_count)
{
	size_t len = 64 + 32 * (XR_MAX_VCPUS + 1), n;
	char *text = malloc(len);
	struct xr_parse_error err;
	struct xr_scenario s;
	uint32_t i;

	ck_assert(text);
	n = (size_t)snprintf(text, len, "machine power8 cores=256\n");
	for (i = 0; i < XR_MAX_VCPUS; i++)
		n += (size_t)snprintf(text + n, len - n, "vcpu %u\n", i);
	n += (size_t)snprintf(text + n, len - n, "vcpu 0 H_XIRR\n");
	ck_assert_msg(!xr_test_parse(text, &s, &err), "%u: %s", err.line,
		      err.msg);
	ck_assert_uint_eq(s.setup.nr_vcpus, XR_MAX_VCPUS);
	xr_scenario_free(&s);
	n = (size_t)snprintf(text, len, "machine power8 cores=256\n");
	for (i = 0; i <= XR_MAX_VCPUS; i++)
		n += (size_t)snprintf(text + n, len - n, "vcpu %u cpu=none\n",
				      i);
	n += (size_t)snprintf(text + n, len - n, "vcpu 0 run cpu=0\n");
	ck_assert(xr_test_parse(text, &s, &err) != 0);
	ck_assert_uint_eq(err.line, XR_MAX_VCPUS + 2);
	ck_assert_msg(strstr(err.msg, "more than 2048 VCPUs"), "%s", err.msg);
	free(text);
}
END_TEST

Suite *xr_suite_contract(void)
{
	Suite *s = suite_create("contract");
	TCase *lex = tcase_create("lexical");

	tcase_add_test(lex, test_lex_one_statement_per_line);
	tcase_add_test(lex, test_lex_setup_vcpu_count);
	tcase_add_test(lex, test_lex_comment);
	tcase_add_test(lex, test_lex_blank_lines);
	tcase_add_test(lex, test_lex_spaces_tabs);
	tcase_add_test(lex, test_lex_numbers);
	tcase_add_test(lex, test_lex_key_value_any_order);
	tcase_add_test(lex, test_lex_unknown_keyword);
	tcase_add_test(lex, test_lex_missing_value);
	tcase_add_test(lex, test_lex_out_of_range);
	tcase_add_test(lex, test_lex_duplicate_definitions);
	tcase_add_test(lex, test_lex_error_cli);
	tcase_add_test(lex, test_lex_register_args_64bit);
	tcase_add_test(lex, test_lex_setup_identifiers_ranged);
	suite_add_tcase(s, lex);

	suite_add_tcase(s, xr_tcase_contract_setup());
	suite_add_tcase(s, xr_tcase_contract_steps());
	suite_add_tcase(s, xr_tcase_contract_expect());
	return s;
}
