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
suite: $(CHECK_BIN) $(XICSREF_BIN) kernels
	@XICSREF_BIN=$(XICSREF_BIN) XICSREF_IMPLS="$(KERNEL_SOS)" \
		CK_DEFAULT_TIMEOUT=60 $(CHECK_BIN)

ifeq ($(B),build/san)
check: unit suite conform
else
check: unit suite conform trace-check findings-check check-san
check-san:
	$(MAKE) BUILD=build/san CC=clang SAN=1 unit suite conform
endif

# rule -> scenarios (their "rules" lines) -> model functions (grep of
# model/src); fails when a catalogue rule has no scenario or no model
# reference, or a scenario names a rule that is not in the catalogue.
trace-check:
	@ids=$$(awk '!/^#/ && NF { print $$1 }' spec/catalogue.txt); \
	bad=0; \
	printf '%-18s %-40s %s\n' RULE SCENARIOS MODEL; \
	for id in $$ids; do \
		scn=$$(grep -lE "^[[:space:]]*rules([[:space:]].*)?[[:space:]]$$id([[:space:]]|$$)" \
			conformance/scenarios/*.scn 2>/dev/null | \
			sed 's|.*/||' | tr '\n' ' '); \
		mod=$$(grep -l -w -- "$$id" model/src/*.c 2>/dev/null | \
			sed 's|.*/||' | tr '\n' ' '); \
		printf '%-18s %-40s %s\n' $$id "$${scn:--}" "$${mod:--}"; \
		[ -n "$$scn" ] || { echo "trace-check: $$id: no scenario" >&2; bad=1; }; \
		[ -n "$$mod" ] || { echo "trace-check: $$id: no model reference" >&2; bad=1; }; \
	done; \
	for f in conformance/scenarios/*.scn; do \
		[ -f "$$f" ] || continue; \
		for r in $$(awk '$$1 == "rules" { for (i = 2; i <= NF && $$i !~ /^#/; i++) print $$i }' $$f); do \
			echo "$$ids" | grep -qx -- "$$r" || \
			{ echo "trace-check: $$f: unknown rule $$r" >&2; bad=1; }; \
		done; \
	done; \
	exit $$bad
