# SPDX-License-Identifier: GPL-2.0-only
#
# The runner: scenario parser, runner core, reports, the xicsref CLI.
#   make runner   builds $(B)/xicsref and $(B)/libxrrunner.a
#   make conform  runs conformance/scenarios/*.scn on the model and on
#                 every kernel shared object ($(KERNEL_SOS))
# libxrrunner.a is everything but main.c: the Check suites and the fuzz
# targets link it and call the same core as the CLI.

RUNNER_CFLAGS	:= $(MODEL_CFLAGS) -Iconformance/runner \
		   -DXR_VERSION='"$(XR_VERSION)"'
RUNNER_SRCS	:= $(filter-out conformance/runner/main.c,\
		     $(wildcard conformance/runner/*.c))
RUNNER_OBJS	:= $(patsubst conformance/runner/%.c,$(B)/obj/runner/%.o,\
		     $(RUNNER_SRCS))
RUNNER_HDRS	:= $(wildcard conformance/runner/*.h model/include/xicsref/*.h)
RUNNER_LIB_A	:= $(B)/libxrrunner.a
XICSREF_BIN	:= $(B)/xicsref
SCENARIOS	:= $(sort $(wildcard conformance/scenarios/*.scn))

.PHONY: runner conform
runner: $(XICSREF_BIN) $(RUNNER_LIB_A)

$(B)/obj/runner/%.o: conformance/runner/%.c $(RUNNER_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(RUNNER_CFLAGS) -c -o $@ $<

$(RUNNER_LIB_A): $(RUNNER_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(XICSREF_BIN): $(B)/obj/runner/main.o $(RUNNER_LIB_A) $(MODEL_LIB_A)
	$(CC) $(LDFLAGS_COMMON) -o $@ $^ -ldl

conform: runner kernels
	@test -n "$(SCENARIOS)" || { echo "conform: no conformance/scenarios/*.scn" >&2; exit 1; }
	@echo "$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS),--impl $(so)) conformance/scenarios/*.scn  ($(words $(SCENARIOS)) files)"
	@$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS),--impl $(so)) $(SCENARIOS)

# Every fallible host operation of every scenario fails in turn, one run
# each, on every kernel version, compared with the model after every step
# (spec/faults.md: an allocation, a user copy, an OPAL call).
.PHONY: fail-each
fail-each: runner kernels
	@test -n "$(SCENARIOS)" || { echo "fail-each: no conformance/scenarios/*.scn" >&2; exit 1; }
	@echo "$(XICSREF_BIN) run -q --fail-each $(foreach so,$(KERNEL_SOS),--impl $(so)) conformance/scenarios/*.scn"
	@$(XICSREF_BIN) run -q --fail-each $(foreach so,$(KERNEL_SOS),--impl $(so)) $(SCENARIOS)
