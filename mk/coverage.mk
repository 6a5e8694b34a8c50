# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel coverage of the conformance suite (docs/coverage.md).
#
#   make coverage                 gcov build in build/cov, suite, lcov report
#   make coverage COVERAGE_FUZZ=1 also replay fuzz/corpus/* as scenarios
#
# The instrumented variant is an ordinary build variant (BUILD=build/cov)
# of the other fragments, so nothing here knows how the kernel .so is
# made.  Two link details are ours: --coverage pulls in libgcov, and
# --exclude-libs keeps its symbols out of the .so's export list (the
# kernel fragment refuses a .so exporting anything but its entry).
#
# The runner forks a child per scenario x implementation and the child
# leaves with _exit(), which skips gcov's exit handler: counts would be
# lost.  --no-fork runs everything in one process, so every count lands.
#
# book3s_xive.c is measured on kernel-xive (build/cov-xive, below), with
# its goal in goals.txt like the XICS files'; uncovered.awk fails the
# target when a goal's share of reachable lines is below its figure.

COV_B		:= build/cov
COV_DIR		:= conformance/coverage
COV_LCOV	:= lcov -q --rc lcov_branch_coverage=1 \
		   --gcov-tool $(CURDIR)/$(COV_DIR)/llvm-gcov.sh
COV_LOG		:= $(COV_B)/lcov.log
COV_MAKE	:= $(MAKE) --no-print-directory BUILD=$(COV_B) SAN= CC=clang EXPLORE=1 \
		   OPT='-O0 -g' EXTRA_CFLAGS=--coverage \
		   LDFLAGS_COMMON='--coverage -Wl,--exclude-libs,ALL'
COV_KFILES	:= book3s_xics.c book3s_hv_rm_xics.c book3s_rtas.c \
		   book3s_hv_builtin.c
# kernel-xive (book3s_xive.c) has no explore build: its gcov build is a
# variant of its own, so that the XICS files it also compiles (for
# book3s_rtas.c and the glue) never add their counts to the XICS ones.
# Only book3s_xive.c is taken from it.
COV_XB		:= build/cov-xive
COV_XMAKE	:= $(MAKE) --no-print-directory BUILD=$(COV_XB) SAN= CC=clang \
		   OPT='-O0 -g' EXTRA_CFLAGS=--coverage \
		   LDFLAGS_COMMON='--coverage -Wl,--exclude-libs,ALL'
COV_FUZZ_SCN	:= $(COV_B)/fuzz-scn

.PHONY: coverage coverage-build coverage-clean

coverage-build: deps
	+@$(COV_MAKE) kernels runner
	+@$(COV_XMAKE) kernels-xive

coverage-clean:
	rm -rf $(COV_B) $(COV_XB)

# One recipe: the steps share the suite's exit status.
coverage: coverage-build
	@find $(COV_B) $(COV_XB) -name '*.gcda' -delete
	@rm -rf $(COV_B)/info $(COV_B)/html && mkdir -p $(COV_B)/info
	@: >$(COV_LOG)
	@echo "  COV     suite on model + $(KERNEL_VERSIONS) (in process)"
	@$(COV_B)/xicsref run -q --no-fork \
		$(foreach v,$(KERNEL_VERSIONS),--impl $(COV_B)/kernel/$(v)/xicsref-kernel.so) \
		$(SCENARIOS) >$(COV_B)/suite.log 2>&1; \
	echo $$? >$(COV_B)/suite.rc; tail -n 1 $(COV_B)/suite.log
	@echo "  COV     parallel blocks explored on $(KERNEL_VERSIONS) (in process)"
	@$(COV_B)/xicsref explore -q --no-fork --races --races-file spec/races.txt \
		$(foreach v,$(KERNEL_VERSIONS),--impl $(COV_B)/kernel/$(v)/xicsref-kernel.so) \
		$(PAR_SCENARIOS) >$(COV_B)/explore.log 2>&1; \
	rc=$$?; tail -n 1 $(COV_B)/explore.log; \
	test $$rc = 0 || echo $$rc >$(COV_B)/suite.rc
	@# kernel-xive as make conform-xive runs it: its failures are that
	@# target's report (issue 15: not all declared yet), not this one's;
	@# a run that did not finish (exit above 1) fails like the suite's
	@echo "  COV     suite on model + kernel-xive $(KERNEL_VERSIONS) (in process)"
	@$(COV_B)/xicsref run -q --no-fork \
		$(foreach v,$(KERNEL_VERSIONS),--impl $(COV_XB)/kernel/$(v)/xicsref-xive.so) \
		$(SCENARIOS) >$(COV_B)/suite-xive.log 2>&1; \
	rc=$$?; tail -n 1 $(COV_B)/suite-xive.log; \
	test $$rc -le 1 || echo $$rc >$(COV_B)/suite.rc
ifeq ($(COVERAGE_FUZZ),1)
	+@$(COV_DIR)/fuzz-scenarios.sh $(B)/fuzz/xicsref-from-fuzz \
		$(COV_FUZZ_SCN) "$(MAKE) --no-print-directory $(B)/fuzz/xicsref-from-fuzz"
	@if ls $(COV_FUZZ_SCN)/*.scn >/dev/null 2>&1; then \
		echo "  COV     fuzz corpora: $$(ls $(COV_FUZZ_SCN) | wc -l) scenarios"; \
		$(COV_B)/xicsref run -q --no-fork \
		$(foreach v,$(KERNEL_VERSIONS),--impl $(COV_B)/kernel/$(v)/xicsref-kernel.so) \
		$(COV_FUZZ_SCN)/*.scn >$(COV_B)/fuzz.log 2>&1; \
		echo "  COV     fuzz replay: $$(tail -n 1 $(COV_B)/fuzz.log) (see $(COV_B)/fuzz.log)"; \
	fi
endif
	@for v in $(KERNEL_VERSIONS); do \
		t=$$(pwd)/$(KSRC_ROOT)/$$v/arch/powerpc/kvm; \
		$(COV_LCOV) -c -d $(COV_B)/obj/kernel/$$v -o $(COV_B)/info/all-$$v.raw \
			>>$(COV_LOG) 2>&1 || { echo "coverage: lcov failed, see $(COV_LOG)" >&2; exit 1; }; \
		sed "s|^SF:.*/book3s_hv_builtin\.c$$|SF:$$t/book3s_hv_builtin.c|" \
			$(COV_B)/info/all-$$v.raw >$(COV_B)/info/all-$$v.info; \
		$(COV_LCOV) -e $(COV_B)/info/all-$$v.info \
			$(foreach f,$(COV_KFILES),"*/arch/powerpc/kvm/$(f)") \
			-o $(COV_B)/info/kernel-$$v.info >>$(COV_LOG) 2>&1 || exit 1; \
		$(COV_LCOV) -e $(COV_B)/info/all-$$v.info '*/conformance/*' \
			-o $(COV_B)/info/shim-$$v.info >>$(COV_LOG) 2>&1 || exit 1; \
		$(COV_LCOV) -c -d $(COV_XB)/obj/kernel/$$v/xive -o $(COV_B)/info/xive-all-$$v.info \
			>>$(COV_LOG) 2>&1 || { echo "coverage: lcov failed, see $(COV_LOG)" >&2; exit 1; }; \
		$(COV_LCOV) -e $(COV_B)/info/xive-all-$$v.info "*/arch/powerpc/kvm/book3s_xive.c" \
			-o $(COV_B)/info/kernel-xive-$$v.info >>$(COV_LOG) 2>&1 || exit 1; \
		$(COV_LCOV) -e $(COV_B)/info/xive-all-$$v.info '*/conformance/*' \
			-o $(COV_B)/info/shim-xive-$$v.info >>$(COV_LOG) 2>&1 || exit 1; \
	done
	@$(COV_LCOV) -c -d $(COV_B)/obj/model -o $(COV_B)/info/model.info \
		>>$(COV_LOG) 2>&1 || { echo "coverage: lcov failed, see $(COV_LOG)" >&2; exit 1; }
	@genhtml -q --branch-coverage --legend -t "xicsref conformance suite" \
		-o $(COV_B)/html $(COV_B)/info/kernel-*.info \
		$(COV_B)/info/shim-*.info $(COV_B)/info/model.info \
		>>$(COV_LOG) 2>&1 || { echo "coverage: genhtml failed, see $(COV_LOG)" >&2; exit 1; }
	@for v in $(KERNEL_VERSIONS); do \
		awk -v title="kernel $$v (all functions)" \
			-f $(COV_DIR)/summary.awk $(COV_B)/info/kernel-$$v.info \
			>$(COV_B)/functions-$$v.txt; \
		awk -v title="kernel $$v: functions not fully covered" \
			-v only_gaps=1 -f $(COV_DIR)/summary.awk \
			$(COV_B)/info/kernel-$$v.info >$(COV_B)/gaps-$$v.txt; \
		awk -v title="kernel $$v" -v files_only=1 -f $(COV_DIR)/summary.awk \
			$(COV_B)/info/kernel-$$v.info; \
		awk -v title="shim and adapters $$v" -v files_only=1 \
			-f $(COV_DIR)/summary.awk $(COV_B)/info/shim-$$v.info | sed -n '1p;$$p'; \
		awk -v title="kernel-xive $$v (all functions)" \
			-f $(COV_DIR)/summary.awk $(COV_B)/info/kernel-xive-$$v.info \
			>$(COV_B)/functions-xive-$$v.txt; \
		awk -v title="kernel-xive $$v: functions not fully covered" \
			-v only_gaps=1 -f $(COV_DIR)/summary.awk \
			$(COV_B)/info/kernel-xive-$$v.info >$(COV_B)/gaps-xive-$$v.txt; \
		awk -v title="kernel-xive $$v" -v files_only=1 -f $(COV_DIR)/summary.awk \
			$(COV_B)/info/kernel-xive-$$v.info | sed '$$d'; \
		awk -v title="shim and adapters of kernel-xive $$v" -v files_only=1 \
			-f $(COV_DIR)/summary.awk $(COV_B)/info/shim-xive-$$v.info | sed -n '1p;$$p'; \
	done | tee $(COV_B)/summary.txt
	@awk -v title="model" -v files_only=1 -f $(COV_DIR)/summary.awk \
		$(COV_B)/info/model.info | sed -n '1p;$$p' | tee -a $(COV_B)/summary.txt
	@for v in $(KERNEL_VERSIONS); do \
		awk -f $(COV_DIR)/goals.awk $(COV_DIR)/goals.txt \
			$(COV_B)/functions-$$v.txt $(COV_B)/functions-xive-$$v.txt | \
			sed "s/^goal /goal $$v /"; \
		awk -v ver=$$v -f $(COV_DIR)/uncovered.awk $(COV_DIR)/goals.txt \
			$(COV_DIR)/unreachable.txt $(COV_B)/info/kernel-$$v.info \
			$(COV_B)/info/kernel-xive-$$v.info; \
	done >$(COV_B)/goals.log; \
	grep -v '^UNREACHED' $(COV_B)/goals.log | tee -a $(COV_B)/summary.txt; \
	grep '^UNREACHED' $(COV_B)/goals.log >$(COV_B)/unreached.txt; \
	n=$$(wc -l <$(COV_B)/unreached.txt); test $$n = 0 || \
		echo "coverage: $$n reachable goal line(s) not reached yet, counted against the goals: $(COV_B)/unreached.txt" | \
		tee -a $(COV_B)/summary.txt; \
	if grep -q "^UNEXPLAINED\|^STALE\|^BELOW\|not in the table" $(COV_B)/summary.txt; then \
		echo "coverage: goals not met, uncovered lines without a reason, or stale reasons: see above and $(COV_DIR)/unreachable.txt" >&2; \
		echo 1 >$(COV_B)/goals.rc; else echo 0 >$(COV_B)/goals.rc; fi
	@echo "coverage: $(COV_B)/html/index.html, per function: $(COV_B)/functions-*.txt, gaps: $(COV_B)/gaps-*.txt"
	@rc=$$(cat $(COV_B)/suite.rc); if [ "$$rc" != 0 ]; then \
		echo "coverage: THE SUITE FAILED (exit $$rc): figures are of a failing run, see $(COV_B)/suite.log" >&2; \
		exit 1; fi
	@test "$$(cat $(COV_B)/goals.rc)" = 0

# docs/coverage.md carries every reason of unreachable.txt as a table
# between its unreachable-table markers: make coverage-docs writes it,
# make coverage-docs-check (in make check) fails when it is stale.
cov_doc_head := | file | function | line | reason |\n|---|---|---|---|\n
cov_doc_table = $(call doc_table,docs/coverage.md,unreachable-table,$(cov_doc_head),\
	$(COV_DIR)/unreachable-doc.awk,$(COV_DIR)/unreachable.txt)

.PHONY: coverage-docs coverage-docs-check
coverage-docs:
	@$(cov_doc_table) >docs/coverage.md.tmp && mv docs/coverage.md.tmp docs/coverage.md
	@echo "coverage-docs: docs/coverage.md: $$(grep -c '@@' $(COV_DIR)/unreachable.txt) reasons"

coverage-docs-check:
	@$(cov_doc_table) | cmp -s - docs/coverage.md || { \
		echo "coverage-docs-check: docs/coverage.md's table is not unreachable.txt: run make coverage-docs" >&2; exit 1; }
	@echo "coverage-docs-check: docs/coverage.md lists every reason of unreachable.txt"

check: coverage-docs-check
