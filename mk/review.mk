# SPDX-License-Identifier: GPL-2.0-only
#
# The reviewer's workflow (docs/reviewing.md).
#   make review PATCH=file.patch        patch a copy of the baseline
#   make review KSRC=patched-tree       or review a patched tree
#     [BASE_KSRC=tree]                  baseline (default: the 6.1 tarball)
# Builds both kernels, runs the suite, traces every scenario on both,
# replays the fuzz corpora when fuzz/ provides replay drivers, and prints
# a report to paste into a mail (also in $(B)/review/report.txt).
# mk/review.sh exits 0 (unchanged), 1 (changed) or 2 (could not review);
# make turns any non-zero status into its own 2, so the last line of the
# report (VERDICT) and $(B)/review/verdict say which.

REVIEW_BASE_TAR	?= $(firstword $(wildcard /usr/src/linux-source-6.1.tar.xz) \
		     $(KTARBALLS))
# The suite: the scenarios, the regression cases and the findings' own
# scenarios (a fix shows as a finding's outcome changing)
REVIEW_SCENARIOS := $(SCENARIOS) $(REGRESS) $(sort $(wildcard conformance/findings/*.scn))
# fuzz.mk is optional: replay only what it builds
REVIEW_FUZZ	:= $(if $(FUZZ_GCC_BINS),$(FUZZ_DIFF))

.PHONY: review
review: $(XICSREF_BIN)
	@PATCH='$(PATCH)' KSRC='$(KSRC)' BASE_KSRC='$(BASE_KSRC)' \
	BASE_TAR='$(REVIEW_BASE_TAR)' MAKE='$(MAKE)' B='$(B)' \
	XICSREF='$(XICSREF_BIN)' SCENARIOS='$(REVIEW_SCENARIOS)' \
	FUZZ_TARGETS_REPLAY='$(REVIEW_FUZZ)' FUZZ_B='$(FUZZ_B)' \
	sh mk/review.sh; rc=$$?; mkdir -p $(B)/review; \
	echo $$rc >$(B)/review/verdict; exit $$rc

# The examples of docs/reviewing.md (two of book3s_xics.c, a fix of
# book3s_xive.c) must give exactly their verdicts (about three minutes:
# six kernel builds).
# The kernel patches proposed in examples/patches/ must leave behaviour
# unchanged, and their tree must pass make explore (every parallel
# scenario, the flat map's writer against its lockless reader included).
REVIEW_EXAMPLES	:= down-cppr-mfrr-equal:1 down-cppr-rename-local:0 \
		   xive-save-masked-pending:1
REVIEW_PATCHES	:= $(sort $(wildcard examples/patches/*.patch))
.PHONY: review-check
review-check: $(XICSREF_BIN)
	@mkdir -p $(B)/review-check
	@for e in $(REVIEW_EXAMPLES); do \
		p=examples/review/$${e%:*}.patch; want=$${e#*:}; \
		$(MAKE) --no-print-directory -s review PATCH=$$p \
			>$(B)/review-check/$${e%:*}.txt 2>&1; \
		got=$$(cat $(B)/review/verdict); \
		echo "review-check: $$p: exit $$got ($$(grep '^VERDICT' $(B)/review-check/$${e%:*}.txt))"; \
		test "$$got" = "$$want" || { tail -30 $(B)/review-check/$${e%:*}.txt >&2; \
			echo "review-check: $$p: expected exit $$want" >&2; exit 1; }; \
	done
	@for p in $(REVIEW_PATCHES); do \
		n=$$(basename $$p .patch); \
		$(MAKE) --no-print-directory -s review PATCH=$$p \
			>$(B)/review-check/$$n.txt 2>&1; \
		got=$$(cat $(B)/review/verdict); \
		echo "review-check: $$p: exit $$got ($$(grep '^VERDICT' $(B)/review-check/$$n.txt))"; \
		test "$$got" = 0 || { tail -30 $(B)/review-check/$$n.txt >&2; \
			echo "review-check: $$p: a proposed patch must leave behaviour unchanged" >&2; exit 1; }; \
		$(MAKE) --no-print-directory -s explore KSRC=$(CURDIR)/$(B)/review/patched \
			>$(B)/review-check/$$n-explore.txt 2>&1 || { \
			tail -30 $(B)/review-check/$$n-explore.txt >&2; \
			echo "review-check: $$p: make explore fails on the patched tree" >&2; exit 1; }; \
		echo "review-check: $$p: make explore on the patched tree: $$(tail -1 $(B)/review-check/$$n-explore.txt)"; \
	done
	@printf '%s\n' '--- a/arch/powerpc/kvm/book3s_xics.c' \
		'+++ b/arch/powerpc/kvm/book3s_xics.c' '@@ -1,1 +1,1 @@' \
		'-no such line in the kernel' '+xicsref' >$(B)/review-check/bad.patch
	@$(MAKE) --no-print-directory -s review PATCH=$(B)/review-check/bad.patch \
		>$(B)/review-check/bad.txt 2>&1; got=$$(cat $(B)/review/verdict); \
	echo "review-check: a patch that does not apply: exit $$got"; test "$$got" = 2
