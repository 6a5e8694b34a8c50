# SPDX-License-Identifier: GPL-2.0-only
#
# Concurrency (docs/exploring.md): the parallel blocks of the suite run on
# an explore build of each kernel, every interleaving within the bounds,
# each execution checked against the model.
#
#   make explore [KSRC=DIR] [EXPLORE_ARGS=...]   exits 1 on any finding
#   make explore-kernels                          just the explore builds
#   make explore-selftest                         planted races are found
#
# An explore build is clang with the thread-sanitizer instrumentation on
# the kernel files and the explorer in place of a sanitizer runtime
# (EXPLORE=1 in conformance/kernel.mk), in build/explore.

EXPLORE_B	:= build/explore
EXPLORE_CC	?= clang
PAR_SCENARIOS	:= $(sort $(shell grep -l '^[[:space:]]*parallel[[:space:]]*\(\#.*\)\{0,1\}$$' \
		     conformance/scenarios/*.scn 2>/dev/null))
EXPLORE_SOS	= $(foreach v,$(KERNEL_VERSIONS),$(EXPLORE_B)/kernel/$(v)/xicsref-kernel.so)
EXPLORE_ARGS	?= --bound 2 --delays 1 --races

.PHONY: explore explore-kernels explore-selftest

# this make extracts and verifies the trees first (tests.mk explains)
explore-kernels: | kernels
	+@$(MAKE) --no-print-directory BUILD=$(EXPLORE_B) CC=$(EXPLORE_CC) \
		EXPLORE=1 kernels >$(B)/explore-build.log 2>&1 || \
		{ tail -30 $(B)/explore-build.log >&2; \
		  echo "explore: the explore build failed (log: $(B)/explore-build.log)" >&2; \
		  exit 2; }

explore: runner explore-kernels
	@test -n "$(PAR_SCENARIOS)" || { echo "explore: no scenario with a parallel block" >&2; exit 2; }
	@echo "$(XICSREF_BIN) explore -q $(EXPLORE_ARGS) $(foreach so,$(EXPLORE_SOS),--impl $(so)) ($(words $(PAR_SCENARIOS)) scenarios)"
	@$(XICSREF_BIN) explore -q $(EXPLORE_ARGS) \
		$(foreach so,$(EXPLORE_SOS),--impl $(so)) $(PAR_SCENARIOS)

# Each planted change must make make explore fail on its scenario:
# conformance/explore/plants.txt (the issue's three and the historical
# fixes reverted), built as KSRC trees from the verified 6.1 extraction.
explore-selftest: runner explore-kernels
	+@MAKE="$(MAKE)" K_CHECKED="$(K_CHECKED)" XICSREF="$(XICSREF_BIN)" \
		sh conformance/explore/plants.sh \
		$(KSRC_ROOT)/$(firstword $(KERNEL_VERSIONS)) \
		conformance/explore/plants.txt build/explore-plants

ifeq ($(BUILD)$(SAN),build)
check: explore explore-selftest
endif
