# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmarks: `make bench` prints figures and ratios.  They never fail
# because a machine is slow; they fail only if a benchmark cannot run.
# Always built with the optimised gcc variant (build/), never sanitizers.

BENCH_BINS	:= $(B)/bench/bench-hcall $(B)/bench/bench-diff
BENCH_CFLAGS	:= $(CFLAGS_COMMON) $(MODEL_CFLAGS) -Iconformance/runner -Ibench

.PHONY: bench bench-build

$(B)/bench/bench-hcall: bench/bench_hcall.c bench/bench_util.h $(RUNNER_LIB_A) $(MODEL_LIB_A)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(RUNNER_LIB_A) $(MODEL_LIB_A) \
		$(LDFLAGS_COMMON) -ldl

$(B)/bench/bench-diff: bench/bench_diff.c bench/bench_util.h $(RUNNER_LIB_A) $(MODEL_LIB_A)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(RUNNER_LIB_A) $(MODEL_LIB_A) \
		$(LDFLAGS_COMMON) -ldl

# bench-size (bench/bench_size.c): cost per step against the number of
# VCPUs and of ICS blocks (guests of real size).
$(B)/bench/bench-size: bench/bench_size.c bench/bench_util.h $(MODEL_LIB_A)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(MODEL_LIB_A) $(LDFLAGS_COMMON) -ldl

.PHONY: bench-size
bench-size: $(B)/bench/bench-size kernels
	$(B)/bench/bench-size $(KERNEL_SOS)

bench: bench-size

bench-build: $(BENCH_BINS) $(B)/bench/bench-size

# bench-hcall: ns per hcall step of the model and of each kernel object,
# kernel-xive's too (held to the model running its standing deviations)
.PHONY: bench-hcall
bench-hcall: $(B)/bench/bench-hcall kernels kernels-xive
	@if [ -n "$(SAN)" ]; then echo "bench: sanitizer build: figures are not meaningful" >&2; fi
	$(B)/bench/bench-hcall $(KERNEL_SOS) $(KERNEL_XIVE_SOS)

bench: bench-hcall $(BENCH_BINS) kernels bench-map bench-fuzz
	$(B)/bench/bench-diff $(KERNEL_SOS)

# bench-map (bench/bench_map.c): flat-map lookup cost, model and kernels.
# It uses the model's internal lookup, hence model/src on its path.
$(B)/bench/bench-map: bench/bench_map.c bench/bench_util.h $(MODEL_LIB_A)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -Imodel/src -o $@ $< $(MODEL_LIB_A) \
		$(LDFLAGS_COMMON) -ldl

.PHONY: bench-map
bench-map: $(B)/bench/bench-map kernels
	$(B)/bench/bench-map $(KERNEL_SOS)

# bench-explore (bench/explore.sh): the explorer on the suite's parallel
# blocks, with and without the state-hash reduction: executions, time,
# executions per second, and how many executions the reduction saves.
.PHONY: bench-explore
bench-explore: runner explore-kernels
	@sh bench/explore.sh $(XICSREF_BIN) "$(EXPLORE_SOS)" $(PAR_SCENARIOS)

bench: bench-explore
