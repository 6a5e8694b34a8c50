# SPDX-License-Identifier: GPL-2.0-only
#
# Mutation testing of the suite against the kernel (docs/mutation.md).
#
#   make mutate                     every mutant of mutants.txt on 6.1
#   make mutate MUTATE_KVER=6.12    the same on 6.12
#   make mutate MUTATE_IDS="a b"    only these mutants
#   make mutate-smoke               four mutants (part of make check)
#
# Mutants are made at build time from the verified extraction under
# build/ksrc/<version>/ and built as KSRC trees by the kernel fragment;
# nothing under build/ksrc/<version>/ itself is ever changed.

MUT_DIR		:= conformance/mutate
MUTATE_KVER	?= 6.1
MUT_VER		= $(firstword $(filter $(MUTATE_KVER).%,$(KERNEL_VERSIONS)))
MUT_OUT		:= build/mut
# One mutant per path and per kind of slip, each killed by the suite.
MUT_SMOKE	:= rm-ipi-le vm-dlv-cppr vm-eoi-lsi vm-setsrc-efault

.PHONY: mutate mutate-smoke

# the verified tree and the runner come from the ordinary build
mut_run = @test -n "$(MUT_VER)" || { echo "mutate: no kernel $(MUTATE_KVER) among: $(KERNEL_VERSIONS)" >&2; exit 2; }; \
	MAKE="$(MAKE)" MUT_SCNS="$(SCENARIOS)" K_CHECKED="$(K_CHECKED)" $(MUT_DIR)/run-mutants.sh \
		$(MUT_VER) $(1) $(XICSREF_BIN) $(MUT_DIR)/mutants.txt $(2)

mutate: runner kernels
	+$(call mut_run,$(MUT_OUT)/$(MUTATE_KVER),$(MUTATE_IDS))

mutate-smoke: runner kernels
	+$(call mut_run,$(MUT_OUT)/smoke-$(MUTATE_KVER),$(MUT_SMOKE))

# make check runs the smoke set (about 10 s on 2 CPUs), in the plain
# gcc build only: the sanitizer variant would test the same mutants.
ifeq ($(BUILD)$(SAN),build)
check: mutate-smoke
endif
