# SPDX-License-Identifier: GPL-2.0-only
#
# Mutation testing of the suite against the kernel (docs/mutation.md).
#
#   make mutate                     every generated mutant, every kernel
#   make mutate MUTATE_VERSIONS=V   only kernel version V (as make prints it)
#   make mutate-smoke               a sample of them and four hand-written
#                                   mutants (part of make check)
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
MUT_SAMPLE	?= 29

# make -jN gives N jobs, else one per CPU
mut_jobs = $$(echo '$(MAKEFLAGS)' | sed -n 's/.*-j\([0-9][0-9]*\).*/\1/p' | grep . || nproc)

$(MUTGEN): $(MUTGEN_SRCS) $(MUT_DIR)/gen/mutgen.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -o $@ $(MUTGEN_SRCS)

mut_gen = MAKE="$(MAKE)" MUT_SCNS="$(SCENARIOS) $(REGRESS)" K_CHECKED="$(K_CHECKED)" \
	MUT_CACHE="$(MUT_CACHE)" MUT_TOLERATE_OPEN="$(2)" sh $(MUT_DIR)/gen-mutants.sh $(1) \
	$(MUT_GEN_OUT)/$(1)$(if $(3),-sample) $(XICSREF_BIN) $(MUTGEN) $(mut_jobs) $(3)

.PHONY: mutate mutate-smoke mutate-hand mutate-hand-smoke

mutate: runner kernels $(MUTGEN)
	+@rc=0; for v in $(MUTATE_VERSIONS); do \
		$(call mut_gen,$$v,) || rc=1; \
	done; exit $$rc

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
mutate-smoke: runner kernels $(MUTGEN) mutate-hand-smoke
	+@$(call mut_gen,$(lastword $(KERNEL_VERSIONS)),1,$(MUT_SAMPLE))

# make check runs the smoke set in the plain gcc build only: the
# sanitizer variant would test the same mutants.
ifeq ($(BUILD)$(SAN),build)
check: mutate-smoke
endif
