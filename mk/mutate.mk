# SPDX-License-Identifier: GPL-2.0-only
#
# Mutation testing of the suite against the kernel (docs/mutation.md).
#
#   make mutate                     every generated mutant, every kernel:
#                                   the XICS files on kernel-vm/-rm, then
#                                   book3s_xive.c on kernel-xive
#   make mutate MUTATE_VERSIONS=V   only kernel version V (as make prints it)
#   make mutate MUTATE_TARGETS=xive only book3s_xive.c (or xics: the others)
#   make mutate-smoke               a sample of them and four hand-written
#                                   mutants (part of make check)
#   make mutate-explore             the "concurrency:" mutants under make explore
#   make mutate-hand                the hand-written list (mutants.txt) on 6.1
#   make mutate-hand MUTATE_KVER=6.12 MUTATE_IDS="a b"
#
# Mutants are made from the verified extraction under build/ksrc/<version>/
# and built as KSRC trees by the kernel fragment; nothing under
# build/ksrc/<version>/ itself is ever changed.

MUT_DIR		:= conformance/mutate
MUTATE_KVER	?= 6.1
MUT_VER		= $(firstword $(filter $(MUTATE_KVER).%,$(KERNEL_VERSIONS)))
MUT_OUT		:= build/mut
# One mutant per path and per kind of slip, each killed by the suite.
MUT_SMOKE	:= rm-ipi-le vm-dlv-cppr vm-eoi-lsi vm-setsrc-efault

# -- generated mutants (conformance/mutate/gen/, gen-mutants.sh) --
MUTGEN		:= $(B)/xicsref-mutgen
MUTGEN_SRCS	:= $(sort $(wildcard $(MUT_DIR)/gen/*.c))
MUT_GEN_OUT	:= $(B)/mutgen-out
MUT_CACHE	?= $(B)/mut-cache
MUTATE_VERSIONS	?= $(KERNEL_VERSIONS)
# the smoke run judges every MUT_SAMPLE-th mutant of the newest version
# (every MUT_XIVE_SAMPLE-th of book3s_xive.c's)
MUT_SAMPLE	?= 29
MUT_XIVE_SAMPLE	?= 97
MUTATE_TARGETS	?= xics xive
# The memcheck pass runs each unexplained survivor's reaching scenarios
# one at a time under valgrind (2 s each on kernel-xive); book3s_xive.c's
# open survivors are reached by most of the suite, which makes hours of
# it, so for them it runs only when asked (MUT_VG_XIVE=1)
MUT_VG_XIVE	?=

# make -jN gives N jobs, else one per CPU
mut_jobs = $$(echo '$(MAKEFLAGS)' | sed -n 's/.*-j\([0-9][0-9]*\).*/\1/p' | grep . || nproc)

$(MUTGEN): $(MUTGEN_SRCS) $(MUT_DIR)/gen/mutgen.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -o $@ $(MUTGEN_SRCS)

# $(1) version, $(2) tolerate open.txt, $(3) sample, $(4) target (xive,
# or empty: the XICS files); book3s_xive.c's run goes to xive-VERSION.
# Its sample in make check skips the sanitizer pass (two more builds of
# the XIVE object) to keep make check short; make mutate runs it.
mut_gen = MAKE="$(MAKE)" MUT_B="$(B)" MUT_SCNS="$(SCENARIOS) $(REGRESS)" K_CHECKED="$(K_CHECKED)" \
	MUT_CACHE="$(MUT_CACHE)" MUT_TOLERATE_OPEN="$(2)" MUT_SAN="$(if $(and $(4),$(3)),,1)" \
	MUT_VG="$(if $(4),$(MUT_VG_XIVE),1)" MUT_TARGET="$(4)" \
	sh $(MUT_DIR)/gen-mutants.sh $(1) \
	$(MUT_GEN_OUT)/$(if $(4),$(4)-)$(1)$(if $(3),-sample) $(XICSREF_BIN) $(MUTGEN) $(mut_jobs) $(3)

.PHONY: mutate mutate-smoke mutate-hand mutate-hand-smoke mutgen-selftest

mutate: runner kernels $(if $(filter xive,$(MUTATE_TARGETS)),kernels-xive) $(MUTGEN)
	+@rc=0; $(if $(filter xics,$(MUTATE_TARGETS)),for v in $(MUTATE_VERSIONS); do \
		$(call mut_gen,$$v,) || rc=1; \
	done;) $(if $(filter xive,$(MUTATE_TARGETS)),for v in $(MUTATE_VERSIONS); do \
		$(call mut_gen,$$v,,,xive) || rc=1; \
	done;) exit $$rc

# The generator on tests/mutgen/sample.c: exactly the expected mutants
# and stable IDs, the grouped file compiles to the same machine code and
# the schema compiles.
MUTGEN_T	:= $(B)/mutgen-selftest
mutgen-selftest: $(MUTGEN)
	@mkdir -p $(MUTGEN_T)
	@$(MUTGEN) -t 1 -F "decide pick" -o $(MUTGEN_T)/schema.c -l $(MUTGEN_T)/list \
		tests/mutgen/sample.c && cut -f4,7,8,10 $(MUTGEN_T)/list >$(MUTGEN_T)/got
	@diff -u tests/mutgen/sample.expected $(MUTGEN_T)/got || \
		{ echo "mutgen-selftest: the mutants of tests/mutgen/sample.c changed (above)" >&2; exit 1; }
	@$(MUTGEN) -g -t 1 -F "decide pick" -o $(MUTGEN_T)/group.c tests/mutgen/sample.c
	@$(CC) -O2 -w -c -o $(MUTGEN_T)/orig.o tests/mutgen/sample.c && \
	$(CC) -O2 -w -c -o $(MUTGEN_T)/group.o $(MUTGEN_T)/group.c && \
	$(CC) -O2 -w -c -o $(MUTGEN_T)/schema.o $(MUTGEN_T)/schema.c
	@objdump -d --no-show-raw-insn $(MUTGEN_T)/orig.o | tail -n +4 >$(MUTGEN_T)/orig.s && \
	objdump -d --no-show-raw-insn $(MUTGEN_T)/group.o | tail -n +4 >$(MUTGEN_T)/group.s && \
	cmp -s $(MUTGEN_T)/orig.s $(MUTGEN_T)/group.s || \
		{ echo "mutgen-selftest: grouping changed the machine code of the sample" >&2; exit 1; }
	@echo "mutgen-selftest: $$(wc -l <$(MUTGEN_T)/got) mutants as expected; extents checked; schema compiles"

check: mutgen-selftest

# docs/mutation.md carries every note of equivalent.txt as a table
# between its equivalent-table markers: make mutate-docs writes it,
# make mutate-docs-check (in make check) fails when it is stale.
mut_doc_head := | ID or class | kind | reason |\n|---|---|---|\n
mut_doc_table = $(call doc_table,docs/mutation.md,equivalent-table,$(mut_doc_head),\
	$(MUT_DIR)/equiv-doc.awk,$(MUT_DIR)/equivalent.txt)

.PHONY: mutate-docs mutate-docs-check
mutate-docs:
	@$(mut_doc_table) >docs/mutation.md.tmp && mv docs/mutation.md.tmp docs/mutation.md
	@echo "mutate-docs: docs/mutation.md: $$(grep -c '^[^ #]' $(MUT_DIR)/equivalent.txt) notes"

mutate-docs-check:
	@$(mut_doc_table) | cmp -s - docs/mutation.md || { \
		echo "mutate-docs-check: docs/mutation.md's table is not equivalent.txt: run make mutate-docs" >&2; exit 1; }
	@echo "mutate-docs-check: docs/mutation.md lists every note of equivalent.txt"

check: mutate-docs-check

# The mutants noted "concurrency:" go to make explore: each explored on
# the parallel scenarios with make explore's bounds, on an explore build
# of the schema (docs/mutation.md).  A report, never a failure.
.PHONY: mutate-explore
mutate-explore: runner kernels $(MUTGEN)
	+@for v in $(MUTATE_VERSIONS); do \
		MAKE="$(MAKE)" K_CHECKED="$(K_CHECKED)" PAR_SCNS="$(PAR_SCENARIOS)" \
		EXPLORE_ARGS="$(EXPLORE_ARGS)" EXPLORE_CC="$(EXPLORE_CC)" \
		sh $(MUT_DIR)/gen-explore.sh $$v $(MUT_GEN_OUT)/explore-$$v \
		$(XICSREF_BIN) $(MUTGEN) $(mut_jobs) || exit 1; \
	done

# -- the hand-written list (historical fixes, docs/mutation.md) --
mut_run = @test -n "$(MUT_VER)" || { echo "mutate: no kernel $(MUTATE_KVER) among: $(KERNEL_VERSIONS)" >&2; exit 2; }; \
	MAKE="$(MAKE)" MUT_SCNS="$(SCENARIOS)" K_CHECKED="$(K_CHECKED)" $(MUT_DIR)/run-mutants.sh \
		$(MUT_VER) $(1) $(XICSREF_BIN) $(MUT_DIR)/mutants.txt $(2)

mutate-hand: runner kernels
	+$(call mut_run,$(MUT_OUT)/$(MUTATE_KVER),$(MUTATE_IDS))

mutate-hand-smoke: runner kernels
	+$(call mut_run,$(MUT_OUT)/smoke-$(MUTATE_KVER),$(MUT_SMOKE))

# The smoke run: the generator's extents check, the schema build, the
# baseline and reach, then a sample judged against equivalent.txt and
# open.txt (survivors known and not yet answered, which the full run
# still counts as failures).
mutate-smoke: runner kernels kernels-xive $(MUTGEN) mutate-hand-smoke
	+@$(call mut_gen,$(lastword $(KERNEL_VERSIONS)),1,$(MUT_SAMPLE))
	+@$(call mut_gen,$(lastword $(KERNEL_VERSIONS)),1,$(MUT_XIVE_SAMPLE),xive)

# make check runs the smoke set in the plain gcc build only: the
# sanitizer variant would test the same mutants.
ifeq ($(BUILD)$(SAN),build)
check: mutate-smoke
endif
