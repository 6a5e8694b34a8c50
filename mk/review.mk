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
# fuzz.mk is optional: replay only what it builds
REVIEW_FUZZ	:= $(if $(FUZZ_GCC_BINS),$(FUZZ_DIFF))
REVIEW_FUZZ_DEPS := $(foreach t,$(REVIEW_FUZZ),$(FUZZ_B)/gcc/$(t) \
		    $(FUZZ_B)/corpus/$(t))

.PHONY: review review-selftest
review: $(XICSREF_BIN) $(REVIEW_FUZZ_DEPS)
	@PATCH='$(PATCH)' KSRC='$(KSRC)' BASE_KSRC='$(BASE_KSRC)' \
	BASE_TAR='$(REVIEW_BASE_TAR)' MAKE='$(MAKE)' B='$(B)' \
	XICSREF='$(XICSREF_BIN)' SCENARIOS='$(SCENARIOS)' \
	FUZZ_TARGETS_REPLAY='$(REVIEW_FUZZ)' FUZZ_B='$(FUZZ_B)' \
	sh mk/review.sh; rc=$$?; mkdir -p $(B)/review; \
	echo $$rc >$(B)/review/verdict; exit $$rc
