# SPDX-License-Identifier: GPL-2.0-only
#
# Differential fuzzing (docs/fuzzing.md).
#   make fuzz [FUZZ_SECONDS=60]  each target for N seconds; fails on a finding
#   make fuzz-check              format self-test, corpus replay (gcc driver and
#                                libFuzzer build), each target briefly
#   make fuzz-ossfuzz-check      runs .clusterfuzzlite/build.sh (which runs
#                                fuzz/oss-fuzz/build.sh) as OSS-Fuzz would
#   make bench-fuzz              executions per second of each target
#   $(B)/fuzz/xicsref-from-fuzz INPUT > case.scn
#   $(B)/fuzz/xicsref-conc-fuzz INPUT > case.scn    (concurrent_ops)
#
# The libFuzzer build is clang with ASan+UBSan; the model, the runner and
# the fuzz code are compiled here again with -fsanitize=fuzzer-no-link so
# that their coverage guides the fuzzer.  The kernel objects come from a
# kernel build with the same instrumentation (FUZZ_KBUILD) when it exists,
# else from the build/san variant.
#
# concurrent_ops (FUZZ_XTARGETS) runs parallel blocks on the explore
# builds (build/explore, make explore-kernels): the kernel objects that
# `xicsref explore --schedule` replays a finding on.  They carry the
# explorer's tsan callbacks, no ASan and no coverage; the target itself
# is the same libFuzzer+ASan+UBSan build as the others.

FUZZ_TARGETS	:= diff_ops model_invariants scenario_parse state_restore
FUZZ_DIFF	:= diff_ops state_restore
# The targets on the explore builds.  FUZZ_TARGETS=... on the command line
# picks from both lists (make fuzz FUZZ_TARGETS=concurrent_ops) and from
# the per-version targets below (make fuzz FUZZ_TARGETS=diff_ops_6_12),
# which make fuzz runs only when so asked.
FUZZ_X_ALL	:= concurrent_ops
fuzz_is_v	= $(filter diff_ops_% state_restore_%,$(1))
ifeq ($(origin FUZZ_TARGETS),command line)
FUZZ_X_ASKED	:= $(filter $(FUZZ_X_ALL),$(FUZZ_TARGETS))
FUZZ_XTARGETS	?= $(FUZZ_X_ASKED)
FUZZ_V_ASKED	:= $(call fuzz_is_v,$(FUZZ_TARGETS))
override FUZZ_TARGETS := $(filter-out $(FUZZ_X_ALL) $(FUZZ_V_ASKED),$(FUZZ_TARGETS))
else
FUZZ_XTARGETS	?= $(FUZZ_X_ALL)
endif
FUZZ_SECONDS	?= 60
FUZZ_CHECK_SECONDS ?= 10
# fixed, so that a fuzz-check that fails fails again the same way
FUZZ_CHECK_SEED ?= 1
FUZZ_CHECK_X_SECONDS ?= 5
FUZZ_B		:= $(B)/fuzz
FUZZ_CLANG	?= clang
FUZZ_KBUILD	?= build/fuzzk
FUZZ_XBUILD	?= build/explore

FUZZ_LIB_SRCS	:= $(wildcard model/src/*.c) \
		   $(filter-out conformance/runner/main.c,\
		     $(wildcard conformance/runner/*.c)) \
		   fuzz/decode.c fuzz/encode.c fuzz/emit.c fuzz/harness.c \
		   fuzz/hang.c
FUZZ_HDRS	:= $(wildcard model/include/xicsref/*.h model/src/*.h \
		     conformance/runner/*.h fuzz/*.h)
FUZZ_INC	:= -Imodel/include -Iconformance/runner -Ifuzz \
		   -DXR_VERSION='"$(XR_VERSION)"'
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_COV_IGNORE := -fsanitize-coverage-ignorelist=$(CURDIR)/fuzz/coverage-ignore.txt
FUZZ_CFLAGS	:= -std=gnu11 -O1 -g $(WARN) $(FUZZ_INC) $(FUZZ_SAN)

# Kernel objects of the versions under test (KERNEL_VERSIONS: every
# tarball, or the one KSRC= tree): the instrumented build, else build/san,
# else build/.  Each version's kernel-vm and kernel-rm (xicsref-kernel.so)
# and kernel-xive (xicsref-xive.so, XICS-on-XIVE); the explore builds
# have no kernel-xive yet, so concurrent_ops loads the first only.
fuzz_ksos	= $(wildcard $(foreach v,$(KERNEL_VERSIONS),$(1)/kernel/$(v)/xicsref-kernel.so \
		    $(1)/kernel/$(v)/xicsref-xive.so))
FUZZ_KSOS_LF	= $(or $(call fuzz_ksos,$(FUZZ_KBUILD)),$(call fuzz_ksos,build/san),\
		       $(call fuzz_ksos,build))
FUZZ_KSOS_GCC	= $(call fuzz_ksos,build)
# concurrent_ops: the explore builds (gcc loads them too)
FUZZ_KSOS_X	= $(call fuzz_ksos,$(FUZZ_XBUILD))
# fuzz_sos TARGET: the kernel objects a libFuzzer run of TARGET loads
fuzz_sos	= $(if $(filter $(FUZZ_XTARGETS),$(1)),$(FUZZ_KSOS_X),$(FUZZ_KSOS_LF))
# make fuzz KSRC=DIR: what the unmodified kernel DIR is a change of shows
# too is not new for concurrent_ops (docs/fuzzing.md): the explore builds
# of the tarballs of the same versions are its baseline.
fuzz_base_v	= $(firstword $(subst -, ,$(1)))
FUZZ_XBASE	= $(if $(KSRC),$(wildcard $(foreach v,$(KERNEL_VERSIONS),\
		    $(FUZZ_XBUILD)/kernel/$(call fuzz_base_v,$(v))/xicsref-kernel.so)))
fuzz_xenv	= $(if $(filter $(FUZZ_X_ALL),$(1)),\
		    XICSREF_CONC_BASELINE=$(call fuzz_colon,$(FUZZ_XBASE)))
fuzz_colon	= $(subst $(eval) ,:,$(strip $(1)))

# -- libFuzzer build --
FUZZ_LF_OBJS	:= $(patsubst %.c,$(FUZZ_B)/obj/%.o,$(FUZZ_LIB_SRCS))
FUZZ_LF_BINS	:= $(addprefix $(FUZZ_B)/,$(FUZZ_TARGETS))

$(FUZZ_B)/obj/%.o: %.c $(FUZZ_HDRS) fuzz/coverage-ignore.txt fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_COV_IGNORE) \
		$(FUZZ_NO_CMP) -c -o $@ $<

# The decoder keeps its edges but not libFuzzer's comparison hooks: it
# maps bytes onto operations by ranges and remainders, so its compares
# are against the input's end and byte ranges any byte falls in, and
# their hooks were a sixth of a run of the kernels alone (the floor).
#
# The model keeps its edges too, and lost its comparison hooks in issue
# 14: they were 16% of a diff_ops_6_1 run's CPU time (perf), more than
# the model's own code, and bought nothing measurable.  The three planted
# bugs of docs/fuzzing.md, five seeds each from an empty corpus, took a
# median of 15.1k / 572k / 50.5k executions to find with them and
# 10.2k / 606k / 50.4k without (the spread of the five runs is wider
# than either difference): the decoder reshapes every byte, so a value a
# hook records rarely lands where it would matter.
FUZZ_NO_CMP_OBJS := $(FUZZ_B)/obj/fuzz/decode.o \
		    $(patsubst %.c,$(FUZZ_B)/obj/%.o,$(wildcard model/src/*.c))
$(FUZZ_NO_CMP_OBJS): FUZZ_NO_CMP := -fno-sanitize-coverage=trace-cmp

$(FUZZ_LF_BINS): $(FUZZ_B)/%: fuzz/%.c $(FUZZ_LF_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ -ldl

# -- gcc build with the standalone driver (replay only) --
FUZZ_GCC_OBJS	:= $(patsubst %.c,$(FUZZ_B)/gcc/obj/%.o,$(FUZZ_LIB_SRCS))
FUZZ_GCC_BINS	:= $(addprefix $(FUZZ_B)/gcc/,$(FUZZ_TARGETS))
FUZZ_GCC_CFLAGS	:= -std=gnu11 -O2 -g $(WARN) $(FUZZ_INC)

$(FUZZ_B)/gcc/obj/%.o: %.c $(FUZZ_HDRS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -c -o $@ $<

$(FUZZ_GCC_BINS): $(FUZZ_B)/gcc/%: fuzz/%.c fuzz/standalone.c $(FUZZ_GCC_OBJS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -o $@ $^ -ldl

# -- per-version targets (issue 14): diff_ops and state_restore built
# once per kernel version and family, named from them: diff_ops_6_1 and
# state_restore_6_12 compare the model with that version's kernel-vm and
# kernel-rm alone (the XICS files), diff_ops_xive_6_1 and
# state_restore_xive_6_12 with its kernel-xive alone (XICS-on-XIVE), so
# that one input runs one or two kernel implementations, not five.
fuzz_mm		= $(word 1,$(subst ., ,$(1)))_$(word 2,$(subst ., ,$(1)))
FUZZ_MMS	:= $(sort $(foreach v,$(KERNEL_VERSIONS),$(call fuzz_mm,$(v))))
# fuzz_vname BASE FAMILY MM: the target's name
fuzz_vname	= $(1)$(if $(filter xive,$(2)),_xive)_$(3)
FUZZ_VTARGETS	:= $(foreach m,$(FUZZ_MMS),$(foreach f,xics xive,\
		     $(call fuzz_vname,diff_ops,$(f),$(m)) \
		     $(call fuzz_vname,state_restore,$(f),$(m))))
fuzz_vdefs	= -DXF_TARGET_NAME='"$(call fuzz_vname,$(1),$(2),$(3))"' \
		  -DXF_ONLY_VERSION='"$(subst _,.,$(3))"' \
		  -DXF_ONLY_FAMILY='"$(2)"'

# fuzz_vtarget BASE FAMILY MM
define fuzz_vtarget
$(FUZZ_B)/$(call fuzz_vname,$(1),$(2),$(3)): fuzz/$(1).c $(FUZZ_LF_OBJS)
	@mkdir -p $$(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) $(call fuzz_vdefs,$(1),$(2),$(3)) -fsanitize=fuzzer -o $$@ $$^ -ldl

$(FUZZ_B)/gcc/$(call fuzz_vname,$(1),$(2),$(3)): fuzz/$(1).c fuzz/standalone.c $(FUZZ_GCC_OBJS)
	@mkdir -p $$(@D)
	gcc $(FUZZ_GCC_CFLAGS) $(call fuzz_vdefs,$(1),$(2),$(3)) -o $$@ $$^ -ldl

$(FUZZ_B)/corpus/$(call fuzz_vname,$(1),$(2),$(3)): $(FUZZ_B)/corpus/$(1)
	@rm -rf $$@ && cp -r $$< $$@
endef
$(foreach m,$(FUZZ_MMS),$(foreach t,diff_ops state_restore,$(foreach f,xics xive,\
	$(eval $(call fuzz_vtarget,$(t),$(f),$(m))))))

$(FUZZ_B)/xicsref-from-fuzz: fuzz/from_fuzz.c $(FUZZ_GCC_OBJS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -o $@ $^ -ldl

$(FUZZ_B)/xicsref-fuzz-selftest: fuzz/selftest.c $(FUZZ_GCC_OBJS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -o $@ $^ -ldl

# -- concurrent_ops: its own sources, both builds, and its tool --
FUZZ_CONC_SRCS	:= fuzz/conc_decode.c fuzz/conc_case.c fuzz/conc_run.c \
		   fuzz/conc_known.c
FUZZ_CONC_LF	:= $(patsubst %.c,$(FUZZ_B)/obj/%.o,$(FUZZ_CONC_SRCS))
FUZZ_CONC_GCC	:= $(patsubst %.c,$(FUZZ_B)/gcc/obj/%.o,$(FUZZ_CONC_SRCS))
# its glue out of the coverage too (conc-coverage-ignore.txt)
$(FUZZ_CONC_LF): fuzz/conc-coverage-ignore.txt
$(FUZZ_CONC_LF): FUZZ_COV_IGNORE += \
	-fsanitize-coverage-ignorelist=$(CURDIR)/fuzz/conc-coverage-ignore.txt
FUZZ_X_BINS	:= $(addprefix $(FUZZ_B)/,$(FUZZ_XTARGETS))
FUZZ_X_GCC_BINS	:= $(addprefix $(FUZZ_B)/gcc/,$(FUZZ_XTARGETS))

$(FUZZ_X_BINS): $(FUZZ_B)/%: fuzz/%.c $(FUZZ_CONC_LF) $(FUZZ_LF_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ -ldl

$(FUZZ_X_GCC_BINS): $(FUZZ_B)/gcc/%: fuzz/%.c fuzz/standalone.c $(FUZZ_CONC_GCC) \
		$(FUZZ_GCC_OBJS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -o $@ $^ -ldl

$(FUZZ_B)/xicsref-conc-fuzz: fuzz/conc_tool.c $(FUZZ_CONC_GCC) $(FUZZ_GCC_OBJS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -o $@ $^ -ldl

# -- corpora: committed seeds plus every suite scenario, encoded --
FUZZ_SCNS	:= $(sort $(wildcard conformance/scenarios/*.scn))
FUZZ_CORPORA	:= $(addprefix $(FUZZ_B)/corpus/,$(FUZZ_TARGETS))

$(FUZZ_B)/corpus/%: $(FUZZ_B)/xicsref-from-fuzz $(FUZZ_SCNS) \
		$(wildcard fuzz/corpus/*/*)
	@rm -rf $@ && mkdir -p $@
	@if [ -d fuzz/corpus/$* ]; then cp fuzz/corpus/$*/* $@/; fi
	@case $* in \
	scenario_parse) for s in $(FUZZ_SCNS); do \
		cp $$s $@/$$(basename $$s .scn); done ;; \
	state_restore) for s in $(FUZZ_SCNS); do \
		$(FUZZ_B)/xicsref-from-fuzz --encode --state $$s \
		  $@/$$(basename $$s .scn) || exit 1; done ;; \
	*) for s in $(FUZZ_SCNS); do \
		$(FUZZ_B)/xicsref-from-fuzz --encode $$s \
		  $@/$$(basename $$s .scn) || exit 1; done ;; \
	esac
	@echo "  CORPUS $@: $$(ls $@ | wc -l) seeds"

# concurrent_ops: the suite's parallel scenarios, encoded (the default
# execution of each; the fuzzer varies the decisions)
FUZZ_PAR_SCNS	:= $(sort $(wildcard conformance/scenarios/par-*.scn))
FUZZ_X_CORPORA	:= $(addprefix $(FUZZ_B)/corpus/,$(FUZZ_XTARGETS))

$(FUZZ_X_CORPORA): $(FUZZ_B)/xicsref-conc-fuzz $(FUZZ_PAR_SCNS) \
		$(wildcard fuzz/corpus/*/*)
	@rm -rf $@ && mkdir -p $@
	@if [ -d fuzz/corpus/$(@F) ]; then cp fuzz/corpus/$(@F)/* $@/; fi
	@for s in $(FUZZ_PAR_SCNS); do \
		$(FUZZ_B)/xicsref-conc-fuzz --encode $$s \
		  $@/$$(basename $$s .scn) || exit 1; done
	@echo "  CORPUS $@: $$(ls $@ | wc -l) seeds"

# -- running --
# fuzz_env: the kernel objects a run of target $(1) loads
fuzz_env = XICSREF_KERNEL_SOS=$(call fuzz_colon,$(call fuzz_sos,$(1))) \
	   ASAN_OPTIONS=detect_leaks=1
# concurrent_ops: its 58-byte header, then what a diff_ops input holds
fuzz_max_len = $(if $(filter scenario_parse,$(1)),4096,$(if $(filter $(FUZZ_X_ALL),$(1)),1100,1024))
fuzz_opts = $(if $(wildcard fuzz/$(1).dict),-dict=fuzz/$(1).dict) \
	    -max_len=$(call fuzz_max_len,$(1)) -timeout=10 \
	    -print_final_stats=1

.PHONY: fuzz fuzz-build fuzz-check fuzz-kernels fuzz-ossfuzz-check fuzz-xbase
FUZZ_V_BINS	:= $(addprefix $(FUZZ_B)/,$(FUZZ_VTARGETS)) \
		   $(addprefix $(FUZZ_B)/gcc/,$(FUZZ_VTARGETS)) \
		   $(addprefix $(FUZZ_B)/corpus/,$(FUZZ_VTARGETS))

fuzz-build: $(FUZZ_LF_BINS) $(FUZZ_GCC_BINS) $(FUZZ_B)/xicsref-from-fuzz \
	    $(FUZZ_B)/xicsref-fuzz-selftest $(FUZZ_CORPORA) $(FUZZ_V_BINS) \
	    $(FUZZ_X_BINS) $(FUZZ_X_GCC_BINS) $(FUZZ_B)/xicsref-conc-fuzz \
	    $(FUZZ_X_CORPORA)

# The kernels with coverage instrumentation, in their own build variant.
# No trace-cmp hooks in them: the hooks made the kernel's 1024-source
# loops (ICS creation, resend) a third of a run, and the planted bugs of
# docs/fuzzing.md take as many executions to find without them (as they
# do without the model's, above).  The objects are rebuilt when these
# flags or the ignore list change.
FUZZ_KCFLAGS	:= -fsanitize=fuzzer-no-link -fno-sanitize-coverage=trace-cmp \
		   $(FUZZ_COV_IGNORE)
fuzz-kernels:
	@mkdir -p $(FUZZ_KBUILD) && \
	f='$(FUZZ_KCFLAGS) '"$$(cksum < fuzz/coverage-ignore.txt)" && \
	if [ "$$(cat $(FUZZ_KBUILD)/flags 2>/dev/null)" != "$$f" ]; then \
		rm -rf $(FUZZ_KBUILD)/obj $(FUZZ_KBUILD)/kernel && \
		echo "$$f" > $(FUZZ_KBUILD)/flags; fi
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_KBUILD) CC=clang SAN=1 \
		EXTRA_CFLAGS="$(FUZZ_KCFLAGS)" kernels kernels-xive \
		> $(B)/fuzz-kernels.log 2>&1 || \
		echo "fuzz: WARNING: the instrumented kernel build failed ($(B)/fuzz-kernels.log);" \
		     "the fuzzers load other kernel objects and get no coverage from them" >&2

fuzz_need_kernels = @if [ -n "$(strip $(FUZZ_TARGETS) $(FUZZ_V_ASKED))" ] && \
	[ -z "$(strip $(FUZZ_KSOS_LF))" ]; then \
	echo "fuzz: no sanitizer kernel objects: run make fuzz-kernels" \
	     "(or make BUILD=build/san CC=clang SAN=1 kernels)" >&2; exit 1; fi

fuzz_need_xkernels = @if [ -n "$(strip $(FUZZ_XTARGETS))" ] && \
	[ -z "$(strip $(FUZZ_KSOS_X))" ]; then \
	echo "fuzz: no explore builds ($(FUZZ_XBUILD)/kernel/V) for $(FUZZ_XTARGETS):" \
	     "run make explore-kernels" >&2; exit 1; fi

# The baseline of a KSRC tree (the tarballs' explore builds), when fuzzing
# concurrent_ops on one
fuzz-xbase:
	$(if $(and $(KSRC),$(FUZZ_XTARGETS)),+$(MAKE) --no-print-directory KSRC= explore-kernels)

# fuzz_run TARGET EXTRA-FLAGS: one libFuzzer run, its log, and on a
# finding the shrunk scenario the target printed.  New inputs go to
# work/TARGET/corpus (libFuzzer writes to its first corpus directory):
# the seed corpus stays as generated, so a replay running at the same
# time (make review) reads a stable set.
fuzz_run = mkdir -p $(FUZZ_B)/work/$(1)/corpus && \
	XICSREF_KERNEL_SOS=$(call fuzz_colon,$(call fuzz_sos,$(1))) \
	$(call fuzz_xenv,$(1)) \
	$(FUZZ_B)/$(1) $(call fuzz_opts,$(1)) \
	  -artifact_prefix=$(FUZZ_B)/work/$(1)/ $(2) $(FUZZ_B)/work/$(1)/corpus \
	  $(FUZZ_B)/corpus/$(1) \
	  > $(FUZZ_B)/work/$(1).log 2>&1 || { \
	  echo "fuzz: $(1) FOUND SOMETHING (log $(FUZZ_B)/work/$(1).log):"; \
	  sed -n '/^==== xicsref/,/^---- end/p' $(FUZZ_B)/work/$(1).log; \
	  tail -25 $(FUZZ_B)/work/$(1).log; exit 1; }; \
	echo "  $(1): $$(grep -h 'stat::number_of_executed_units' \
	  $(FUZZ_B)/work/$(1).log | tail -1) no finding"

fuzz: fuzz-build $(if $(FUZZ_TARGETS)$(FUZZ_V_ASKED),fuzz-kernels) \
      $(if $(FUZZ_XTARGETS),explore-kernels fuzz-xbase)
	$(fuzz_need_kernels)
	$(fuzz_need_xkernels)
	@$(foreach t,$(FUZZ_TARGETS) $(FUZZ_V_ASKED) $(FUZZ_XTARGETS),echo "== fuzz $(t) for $(FUZZ_SECONDS) s"; \
		$(call fuzz_run,$(t),-max_total_time=$(FUZZ_SECONDS)) &&) true

fuzz-check: fuzz-build $(if $(FUZZ_TARGETS),fuzz-kernels) \
	    $(if $(FUZZ_XTARGETS),explore-kernels fuzz-xbase)
	$(fuzz_need_kernels)
	$(fuzz_need_xkernels)
	$(FUZZ_B)/xicsref-fuzz-selftest
	$(FUZZ_B)/xicsref-conc-fuzz --selftest 2000
	@if [ -n "$(strip $(FUZZ_TARGETS))" ] && \
	   [ -z "$(strip $(FUZZ_KSOS_GCC))" ]; then \
		echo "fuzz-check: no gcc kernel objects (build/kernel): run make kernels" >&2; \
		exit 1; fi
	@$(foreach t,$(FUZZ_TARGETS) $(FUZZ_VTARGETS),echo "== replay $(t) (gcc, standalone)"; \
		XICSREF_KERNEL_SOS=$(call fuzz_colon,$(FUZZ_KSOS_GCC)) \
		$(FUZZ_B)/gcc/$(t) $(FUZZ_B)/corpus/$(t) &&) true
	@$(foreach t,$(FUZZ_XTARGETS),echo "== replay $(t) (gcc, standalone)"; \
		XICSREF_KERNEL_SOS=$(call fuzz_colon,$(FUZZ_KSOS_X)) \
		$(FUZZ_B)/gcc/$(t) $(FUZZ_B)/corpus/$(t) &&) true
	@$(foreach t,$(FUZZ_TARGETS) $(FUZZ_XTARGETS),echo "== replay $(t) (libFuzzer)"; \
		$(call fuzz_run,$(t),-runs=0) &&) true
	@$(foreach t,$(FUZZ_TARGETS),echo "== fuzz $(t) for $(FUZZ_CHECK_SECONDS) s"; \
		$(call fuzz_run,$(t),-max_total_time=$(FUZZ_CHECK_SECONDS) -seed=$(FUZZ_CHECK_SEED)) &&) true
	@$(foreach t,$(FUZZ_VTARGETS),echo "== fuzz $(t) for $(FUZZ_CHECK_X_SECONDS) s"; \
		$(call fuzz_run,$(t),-max_total_time=$(FUZZ_CHECK_X_SECONDS) -seed=$(FUZZ_CHECK_SEED)) &&) true
	@$(foreach t,$(FUZZ_XTARGETS),echo "== fuzz $(t) for $(FUZZ_CHECK_X_SECONDS) s"; \
		$(call fuzz_run,$(t),-max_total_time=$(FUZZ_CHECK_X_SECONDS) -seed=$(FUZZ_CHECK_SEED)) &&) true

# OSS-Fuzz: run fuzz/oss-fuzz/build.sh with the service's variables
FUZZ_OSS_OUT	:= $(CURDIR)/build/ossfuzz-out
fuzz-ossfuzz-check:
	rm -rf $(FUZZ_OSS_OUT) build/ossfuzz-work && mkdir -p $(FUZZ_OSS_OUT) build/ossfuzz-work
	CC=clang CFLAGS='-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link' \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=$(FUZZ_OSS_OUT) SRC=$(CURDIR) \
	WORK=$(CURDIR)/build/ossfuzz-work \
		sh .clusterfuzzlite/build.sh
	@for t in $(FUZZ_TARGETS) $(FUZZ_VTARGETS); do \
		test -x $(FUZZ_OSS_OUT)/$$t && test -s $(FUZZ_OSS_OUT)/$${t}_seed_corpus.zip \
		  && test -f $(FUZZ_OSS_OUT)/$$t.options || { \
		  echo "fuzz-ossfuzz-check: $$t, its seed corpus or options missing" >&2; exit 1; }; \
		echo "== $(FUZZ_OSS_OUT)/$$t for 5 s"; \
		( cd $(FUZZ_OSS_OUT) && ./$$t -max_total_time=5 \
		  -artifact_prefix=$(CURDIR)/build/ossfuzz-work/ ) \
		  > build/ossfuzz-work/$$t.log 2>&1 || { \
		  tail -30 build/ossfuzz-work/$$t.log; exit 1; }; \
	done
	@echo "fuzz-ossfuzz-check: every target built and ran"

# -- bench-fuzz: executions per second of each libFuzzer target --
# fuzz/bench-fuzz.sh replays FUZZ_BENCH_N generated 32-step inputs R times
# each (100 for the kernel targets, 200 for model_invariants, 1000 for
# scenario_parse) and once, so start-up and kernel loading do not count;
# the targets take turns, FUZZ_BENCH_REPS rounds, each keeping its fastest.
# diff_ops:floor is diff_ops with XICSREF_FUZZ_FLOOR=1: the kernel
# implementations alone on the same inputs, the bound on what diff_ops
# can reach.  A figure, never a failure (like make bench).
FUZZ_BENCH_N	?= 16
FUZZ_BENCH_REPS	?= 5
# concurrent_ops: its seed corpus, each input this many times
FUZZ_BENCH_X_RUNS ?= 20

$(FUZZ_B)/xicsref-fuzz-bench-inputs: fuzz/bench_inputs.c $(FUZZ_GCC_OBJS)
	@mkdir -p $(@D)
	gcc $(FUZZ_GCC_CFLAGS) -o $@ $^ -ldl

fuzz_ms = $$(date +%s%N | cut -c1-13)

.PHONY: bench-fuzz
bench-fuzz: $(FUZZ_LF_BINS) $(FUZZ_V_BINS) $(FUZZ_B)/xicsref-fuzz-bench-inputs fuzz-kernels \
	    $(FUZZ_X_BINS) $(FUZZ_X_CORPORA) $(if $(FUZZ_XTARGETS),explore-kernels)
	$(fuzz_need_kernels)
	$(fuzz_need_xkernels)
	@rm -rf $(FUZZ_B)/bench && \
	$(FUZZ_B)/xicsref-fuzz-bench-inputs $(FUZZ_B)/bench $(FUZZ_BENCH_N)
	@XICSREF_KERNEL_SOS=$(call fuzz_colon,$(FUZZ_KSOS_LF)) \
		sh fuzz/bench-fuzz.sh $(FUZZ_B) $(FUZZ_BENCH_N) $(FUZZ_BENCH_REPS) \
		$(FUZZ_TARGETS) $(if $(filter diff_ops,$(FUZZ_TARGETS)),diff_ops:floor) \
		$(foreach v,$(FUZZ_VTARGETS),$(v) $(v):floor)
	@for t in $(FUZZ_XTARGETS); do \
		export XICSREF_KERNEL_SOS=$(call fuzz_colon,$(FUZZ_KSOS_X)); \
		files=$$(ls $(FUZZ_B)/corpus/$$t/*); n=$$(echo $$files | wc -w); \
		r=$(FUZZ_BENCH_X_RUNS); \
		a=$(fuzz_ms); $(FUZZ_B)/$$t -runs=1 $$files >/dev/null 2>&1 || \
		  { echo "bench-fuzz: $$t failed" >&2; exit 1; }; \
		b=$(fuzz_ms); $(FUZZ_B)/$$t -runs=$$r $$files \
		  >$(FUZZ_B)/bench/$$t.log 2>&1 || \
		  { echo "bench-fuzz: $$t failed ($(FUZZ_B)/bench/$$t.log)" >&2; exit 1; }; \
		c=$(fuzz_ms); \
		nk=$$(grep -c '^fuzz: comparing' $(FUZZ_B)/bench/$$t.log); \
		awk -v t=$$t -v n=$$(( (r - 1) * n )) -v f=$$n \
		    -v ms=$$(( (c - b) - (b - a) )) -v nk=$$nk 'BEGIN { \
			if (ms < 1) ms = 1; r = n * 1000 / ms; \
			printf "bench-fuzz: %-16s %8.0f exec/s (its %d seed inputs, libFuzzer+ASan+UBSan, one core", t, r, f; \
			printf "; %d explore implementations each: %.0f executions/s)\n", nk, r * nk }'; \
	done
