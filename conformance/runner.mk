# SPDX-License-Identifier: GPL-2.0-only
#
# The runner: scenario parser, runner core, reports, the xicsref CLI.
#   make runner   builds $(B)/xicsref and $(B)/libxrrunner.a
#   make conform  runs conformance/scenarios/*.scn and the regression
#                 cases fuzzing found (conformance/regress/*.scn) on the
#                 model and on every kernel shared object ($(KERNEL_SOS))
#   make regress-add LOG=FUZZ-LOG NAME=NAME WHY="..."
#                 the minimal scenario of a fuzzer's finding becomes
#                 conformance/regress/NAME.scn (docs/fuzzing.md)
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
# What fuzzing learnt: minimal scenarios of findings and of inputs that
# killed a planted or generated mutant, replayed by make conform
REGRESS		:= $(sort $(wildcard conformance/regress/*.scn))

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

# kernel-vm and kernel-rm (xicsref-kernel.so) and kernel-xive
# (xicsref-xive.so, conformance/kernel-xive.mk) of every version
conform: runner kernels kernels-xive
	@test -n "$(SCENARIOS)" || { echo "conform: no conformance/scenarios/*.scn" >&2; exit 1; }
	@echo "$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS) $(KERNEL_XIVE_SOS),--impl $(so)) conformance/scenarios/*.scn conformance/regress/*.scn  ($(words $(SCENARIOS)) + $(words $(REGRESS)) files)"
	@$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS) $(KERNEL_XIVE_SOS),--impl $(so)) $(SCENARIOS) $(REGRESS)

# A fuzzer's finding, once understood (a planted or generated mutant it
# killed, a bug fixed since), joins the regression cases: the minimal
# scenario of its log, with why it is kept.  It must pass on the kernels
# under test now: a live finding belongs in docs/findings.md instead.
.PHONY: regress-add
regress-add: runner kernels
	@test -n "$(LOG)" && test -n "$(NAME)" && test -n "$(WHY)" || { \
		echo "regress-add: usage: make regress-add LOG=FUZZ-LOG NAME=NAME WHY=\"...\"" >&2; exit 2; }
	@test -f "$(LOG)" || { echo "regress-add: $(LOG): no such file" >&2; exit 2; }
	@f=conformance/regress/$(NAME).scn; \
	test ! -e $$f || { echo "regress-add: $$f exists" >&2; exit 2; }; \
	awk '/^---- minimal scenario ----$$/ { p = 1; next } \
	     p && /^---- / { exit } p' "$(LOG)" >$$f.tmp; \
	grep -q '^# SPDX-License-Identifier' $$f.tmp || { rm -f $$f.tmp; \
		echo "regress-add: $(LOG): no minimal scenario in it" >&2; exit 2; }; \
	{ head -1 $$f.tmp; echo "# regression case, $$(date +%Y-%m-%d): $(WHY)"; \
	  tail -n +2 $$f.tmp; } >$$f; rm -f $$f.tmp; \
	if $(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS),--impl $(so)) $$f; then \
		echo "regress-add: $$f passes on every implementation: make conform replays it"; \
	else \
		mv $$f $$f.rejected; \
		echo "regress-add: $$f fails on the kernels under test (kept as $$f.rejected): a live finding goes to docs/findings.md" >&2; exit 1; \
	fi

# Every fallible host operation of every scenario fails in turn, one run
# each, on every kernel version, compared with the model after every step
# (spec/faults.md: an allocation, a user copy, an OPAL call).
#
# Each run is forked, so that a crash or a hang in kernel code is that
# run's FAIL and the others still run.  FAIL_EACH_IN_PROCESS=SECONDS runs
# them all in one process instead (--no-fork), bounded by SECONDS in all:
# the sanitizer pass of make check does, because forking a process with
# ASan's shadow mappings cost 6-11 ms of kernel time per run on the
# 2-core VMs, 450 s for the 8,400 runs against 5 s in one process.  A
# crash there still fails the target (with the sanitizer's report), a
# hang fails it at the bound.
FAIL_EACH_IN_PROCESS ?=
FAIL_EACH_RUN	= $(if $(FAIL_EACH_IN_PROCESS),timeout $(FAIL_EACH_IN_PROCESS) )$(XICSREF_BIN) \
		  run -q --fail-each$(if $(FAIL_EACH_IN_PROCESS), --no-fork)
.PHONY: fail-each
fail-each: runner kernels
	@test -n "$(SCENARIOS)" || { echo "fail-each: no conformance/scenarios/*.scn" >&2; exit 1; }
	@echo "$(FAIL_EACH_RUN) $(foreach so,$(KERNEL_SOS),--impl $(so)) conformance/scenarios/*.scn"
	@$(FAIL_EACH_RUN) $(foreach so,$(KERNEL_SOS),--impl $(so)) $(SCENARIOS); rc=$$?; \
	if [ $$rc = 124 ] && [ -n "$(FAIL_EACH_IN_PROCESS)" ]; then \
		echo "fail-each: no end within $(FAIL_EACH_IN_PROCESS) s in one process (a hang?): make fail-each without FAIL_EACH_IN_PROCESS tells which run" >&2; fi; \
	exit $$rc
