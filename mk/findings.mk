# SPDX-License-Identifier: GPL-2.0-only
#
# Findings that cannot be scenarios of the suite because the kernel code
# crashes on them.  Each check asserts that the finding still reproduces:
# when a kernel fixes it, the check fails and says so, and
# docs/findings.md must be updated.

.PHONY: findings-check

findings-check: runner kernels kernels-xive
	@for so in $(KERNEL_SOS); do \
		out=$$(XICSREF_UNGATED_RM=1 $(XICSREF_BIN) run --impl $$so \
			conformance/findings/rm-noicp-crash.scn 2>&1); rc=$$?; \
		if [ $$rc -eq 1 ] && echo "$$out" | \
			grep -q '^FAIL .* kernel-rm .*' && echo "$$out" | \
			grep -q 'crashed: signal 11'; then \
			echo "FINDING-RM-NOICP reproduces on $$so: kernel-rm crashed (signal 11), kernel-vm answered H_HARDWARE"; \
		else \
			echo "$$out"; \
			echo "findings-check: FINDING-RM-NOICP no longer reproduces on $$so: update docs/findings.md" >&2; \
			exit 1; \
		fi; \
		echo "$$out" | grep -q '^PASS .* kernel-vm ' || { echo "$$out"; \
			echo "findings-check: kernel-vm did not answer H_HARDWARE on $$so" >&2; exit 1; }; \
	done
	@for so in $(KERNEL_XIVE_SOS); do \
		sh conformance/findings/xive-check.sh $(XICSREF_BIN) $$so || exit 1; \
	done
