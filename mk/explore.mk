# SPDX-License-Identifier: GPL-2.0-only
#
# Concurrency (docs/exploring.md): the parallel blocks of the suite run on
# an explore build of each kernel, every interleaving within the bounds,
# each execution checked against the model.
#
#   make explore [KSRC=DIR] [EXPLORE_ARGS=...]   exits 1 on any finding
#   make explore-kernels                          just the explore builds
#   make explore-selftest                         planted races are found (a sample)
#   make explore-mutate [PLANTS="ID ..."]         every planted race (or these)
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

# The plants make check builds and explores (docs/exploring.md, "Planted
# bugs"): the issue's three, a dropped barrier, lock, P/Q cmpxchg, map
# publication and host-IPI re-check, and the historical fixes (about 2
# minutes on 2 CPUs, beside the rest of make check); fixed, so that two
# runs test the same.  make explore-mutate takes them all.
EXPLORE_SELFTEST_PLANTS ?= rm-no-retry vm-no-wmb vm-cas-plain \
		   vm-deliver-no-mb vm-getsrc-nolock rm-pq-pt-plain \
		   map-add-no-wmb read-no-ipi-recheck \
		   hist-bf5a71d53835-vm hist-21acd0e4df04-rm \
		   hist-17d48610ae0f-rm hist-3a83f677a6ee
# Plants built and explored at the same time (each build is serial)
EXPLORE_PLANT_JOBS ?= 2

.PHONY: explore explore-kernels explore-selftest explore-mutate

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
# conformance/explore/plants.txt (the concurrency operators at every site
# and the historical fixes reverted), built as KSRC trees from the
# verified 6.1 extraction and explored with make explore's bounds.
explore_plants = MAKE="$(MAKE)" K_CHECKED="$(K_CHECKED)" XICSREF="$(XICSREF_BIN)" \
	EXPLORE_ARGS="$(EXPLORE_ARGS)" PLANT_JOBS="$(EXPLORE_PLANT_JOBS)" \
	PLANT_IDS="$(1)" LABEL=$(2) sh conformance/explore/plants.sh \
	$(KSRC_ROOT)/$(firstword $(KERNEL_VERSIONS)) \
	conformance/explore/plants.txt $(3)

explore-selftest: runner explore-kernels
	+@$(call explore_plants,$(EXPLORE_SELFTEST_PLANTS),explore-selftest,build/explore-plants)

explore-mutate: runner explore-kernels
	+@$(call explore_plants,$(PLANTS),explore-mutate,build/explore-mutate)

ifeq ($(BUILD)$(SAN),build)
check: explore explore-selftest
endif

# The data-race findings (docs/findings.md) still reproduce, and only
# where they should: each race's location must be reported (without
# spec/races.txt) on the versions it affects and not on the others.
# FINDING-HOST-IPI-PLAIN: 6.1 only (6.12 marks host_ipi);
# FINDING-MAP-PLAIN, FINDING-ICS-PLAIN: every version.
# FINDING-SRC-SAVE-INFLIGHT (not a race: CONC-LINEARIZABLE, both paths):
# every version.
.PHONY: explore-findings-check
explore-findings-check: runner explore-kernels
	@for so in $(EXPLORE_SOS); do \
		v=$$(basename $$(dirname $$so)); \
		out=$$($(XICSREF_BIN) explore -q --races --races-file /dev/null --impl $$so \
			conformance/scenarios/par-host-ipi-vs-read.scn \
			conformance/scenarios/par-map-remove-vs-hwirq.scn \
			conformance/scenarios/par-mkics-vs-getxive.scn 2>&1); \
		echo "$$out" | grep -q 'race at pimap.mapped\[[0-9]*\].r_hwirq' || { \
			echo "$$out"; echo "explore-findings-check: FINDING-MAP-PLAIN no longer reproduces on $$v: update docs/findings.md" >&2; exit 1; }; \
		echo "$$out" | grep -q 'race at xics.ics' || { \
			echo "$$out"; echo "explore-findings-check: FINDING-ICS-PLAIN no longer reproduces on $$v: update docs/findings.md" >&2; exit 1; }; \
		! echo "$$out" | grep -q 'race at source(' || { \
			echo "$$out"; echo "explore-findings-check: a race on an ICS block's sources while it is created on $$v: FINDING-ICS-PLAIN says the address dependency orders them" >&2; exit 1; }; \
		case $$v in \
		6.1.*) echo "$$out" | grep -q 'race at paca(cpu0).host_ipi' || { \
			echo "$$out"; echo "explore-findings-check: FINDING-HOST-IPI-PLAIN no longer reproduces on $$v: update docs/findings.md" >&2; exit 1; } ;; \
		*) ! echo "$$out" | grep -q 'race at paca(cpu0).host_ipi' || { \
			echo "$$out"; echo "explore-findings-check: FINDING-HOST-IPI-PLAIN shows on $$v: update docs/findings.md" >&2; exit 1; } ;; \
		esac; \
		out=$$($(XICSREF_BIN) explore -q --impl $$so \
			conformance/findings/src-save-inflight.scn \
			conformance/findings/src-save-torn-lsi.scn 2>&1); \
		[ "$$(echo "$$out" | grep -c '^FINDING conformance/findings/src-save-inflight.scn kernel-')" = 2 ] && \
		[ "$$(echo "$$out" | grep -c '^FINDING conformance/findings/src-save-torn-lsi.scn kernel-')" = 2 ] && \
		[ "$$(echo "$$out" | grep -c 'oracle: CONC-LINEARIZABLE')" = 4 ] || { \
			echo "$$out"; echo "explore-findings-check: FINDING-SRC-SAVE-INFLIGHT no longer reproduces on $$v (both paths, CONC-LINEARIZABLE): update docs/findings.md" >&2; exit 1; }; \
		echo "explore-findings-check: $$v: the data-race findings and FINDING-SRC-SAVE-INFLIGHT reproduce as docs/findings.md says"; \
	done

ifeq ($(BUILD)$(SAN),build)
check: explore-findings-check
endif
