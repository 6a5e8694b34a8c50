# SPDX-License-Identifier: GPL-2.0-only
#
# Tests.
#   make suite        build and run the Check suites (tests/check)
#   make check        everything: unit, suite, conform, and the same again
#                     under clang with ASan+UBSan (build/san)
#   make trace-check  rule ID -> scenarios -> model functions matrix
# `unit` belongs to tests/unit/unit.mk (CMocka unit tests of the model).

-include tests/unit/unit.mk

CHECK_SRCS	:= $(wildcard tests/check/*.c)
CHECK_OBJS	:= $(patsubst tests/check/%.c,$(B)/obj/check/%.o,$(CHECK_SRCS))
CHECK_BIN	:= $(B)/check-suite
CHECK_LIBS	:= $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

.PHONY: suite check check-san trace-check

$(B)/obj/check/%.o: tests/check/%.c $(RUNNER_HDRS) $(wildcard tests/check/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(RUNNER_CFLAGS) -Itests/check -c -o $@ $<

$(CHECK_BIN): $(CHECK_OBJS) $(RUNNER_LIB_A) $(MODEL_LIB_A)
	$(CC) $(LDFLAGS_COMMON) -o $@ $^ $(CHECK_LIBS) -ldl

# Check prints a closing line per suite; a failed test fails the target.
# Two processes side by side (the machine has two cores; the sanitizer
# build's suite was the longest part of make check): each takes half of
# the differential suite's scenario files (XICSREF_CHECK_SHARD), the
# first runs every other suite too.
suite: $(CHECK_BIN) $(XICSREF_BIN) kernels kernels-xive
	@export XICSREF_BIN=$(XICSREF_BIN) XICSREF_IMPLS="$(KERNEL_SOS)" \
		XICSREF_XIVE_IMPLS="$(KERNEL_XIVE_SOS)" CK_DEFAULT_TIMEOUT=60; \
	XICSREF_CHECK_SHARD=1/2 CK_RUN_SUITE=differential $(CHECK_BIN) \
		> $(B)/check-suite-shard1.log 2>&1 & p=$$!; \
	XICSREF_CHECK_SHARD=0/2 $(CHECK_BIN); a=$$?; \
	wait $$p; b=$$?; \
	echo "== the differential suite's second shard:"; \
	cat $(B)/check-suite-shard1.log; \
	test $$a = 0 && test $$b = 0

ifeq ($(B),build/san)
check: unit suite conform fail-each
else
check: unit suite conform fail-each trace-check trace-check-selftest findings-check xive-check coverage users-check review-check fuzz-check fuzz-ossfuzz-check ksrc-check check-san
check-san:
	$(MAKE) BUILD=build/san CC=clang SAN=1 FAIL_EACH_IN_PROCESS=900 unit suite conform fail-each
endif

# the functions that check the concurrency rules (spec/concurrency.md),
# and the parser's placement of a block's operations (CONC-ICP-IOCTL)
TRACE_ORACLES	:= $(wildcard conformance/runner/explore*.c) \
		   conformance/kernel/kside_explore.c \
		   conformance/runner/parse_par.c

# rule -> spec text -> scenarios (their "rules" lines) -> model functions
# (conformance/trace/rule-funcs.awk); fails when a catalogue rule has no
# spec text, scenario or model function, or a scenario names an unknown rule.
trace-check:
	@sh conformance/trace/trace-check.sh spec/catalogue.txt conformance/scenarios model/src \
		"$(TRACE_ORACLES)"

# trace-check must fail on a gap: a catalogue rule nothing implements or
# exercises, and a scenario naming a rule that does not exist.
.PHONY: trace-check-selftest
trace-check-selftest:
	@t=$$(mktemp -d); trap 'rm -rf $$t' EXIT; \
	cp spec/*.md $$t/; \
	{ cat spec/catalogue.txt; echo "ICP-NOT-A-RULE  a rule nothing has"; } > $$t/catalogue.txt; \
	if sh conformance/trace/trace-check.sh $$t/catalogue.txt \
		conformance/scenarios model/src >/dev/null 2>&1; then \
		echo "trace-check-selftest: a rule with no scenario passed" >&2; exit 1; fi; \
	mkdir $$t/scn; cp conformance/scenarios/*.scn $$t/scn/; \
	printf 'rules ICP-NOT-A-RULE\nvcpu 0\nvcpu 0 H_XIRR\n' > $$t/scn/zz.scn; \
	if sh conformance/trace/trace-check.sh spec/catalogue.txt \
		$$t/scn model/src >/dev/null 2>&1; then \
		echo "trace-check-selftest: an unknown rule in a scenario passed" >&2; exit 1; fi; \
	echo "trace-check-selftest: both gaps detected"

# Targets that run a sub-make for another build variant share the kernel
# trees in build/ksrc with this one: let this make extract and verify them
# first, so that two makes never extract the same tree at once.
check-san coverage fuzz-check fuzz-ossfuzz-check review-check mutate-smoke \
users-check: | kernels

# A KSRC tree is tested as it is now: a planted change that reaches it by
# an edit in place, a copy with old mtimes or a git checkout makes the
# next `make conform KSRC=` fail, and undoing it makes it pass.
.PHONY: ksrc-check
ksrc-check: runner kernels
	+@MAKE="$(MAKE)" K_CHECKED="$(K_CHECKED)" sh tests/ksrc/ksrc-check.sh \
		$(KSRC_ROOT)/$(firstword $(KERNEL_VERSIONS)) build/ksrc-check
