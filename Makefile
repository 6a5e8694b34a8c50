# SPDX-License-Identifier: GPL-2.0-only
#
# xicsref: the only build.  GNU make, no Python, no CMake.
#
#   make                build the model, the runner and the kernel adapters
#   make conform        run every scenario on the model and on each kernel
#   make fail-each      each scenario once per host operation, that one failing
#   make check          everything CI runs (unit, suites, sanitizers, ...)
#   make bench          benchmarks: figures and ratios, never a failure
#   make trace-check    rule ID -> scenarios -> model function matrix
#   make review PATCH=  what a kernel patch changes (docs/reviewing.md)
#   make explore        every interleaving of the parallel blocks (docs/exploring.md)
#   make fuzz           differential fuzzing (docs/fuzzing.md)
#   make coverage       kernel coverage of the suite (docs/coverage.md)
#   make mutate         mutation score (docs/mutation.md)
#   make install        library, headers, pkg-config, runner (docs/porting.md)
#   make docs           regenerate the state-machine diagrams
#
# Kernel trees: every /usr/src/linux-source-*.tar.xz, or KSRC=DIR.

XR_VERSION	:= 0.1.0

# A build variant lives in its own directory: build/ (gcc) or
# build/san/ (clang with ASan and UBSan), selected by BUILD and SAN.
BUILD		?= build
SAN		?=
CC		?= gcc
ifeq ($(origin CC),default)
CC		:= gcc
endif

WARN		:= -Wall -Wextra -Werror -Wno-unused-parameter
OPT		?= -O2 -g
comma		:= ,
# The sanitizer build also runs the model's self-checks (XR_MODEL_SELFCHECK)
SANFLAGS	:= $(if $(SAN),-fsanitize=address$(comma)undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
		     -DXR_MODEL_SELFCHECK)
CFLAGS_COMMON	:= -std=gnu11 $(OPT) $(WARN) -fPIC $(SANFLAGS) $(EXTRA_CFLAGS)
LDFLAGS_COMMON	:= $(SANFLAGS)

B		:= $(BUILD)

.DEFAULT_GOAL	:= all
.PHONY: all check conform bench trace-check deps clean distclean help

help:
	@sed -n '3,19p' Makefile

include mk/deps.mk
include model/model.mk
include conformance/kernel.mk
include conformance/runner.mk
include tests/tests.mk
-include fuzz/fuzz.mk
-include bench/bench.mk
-include mk/coverage.mk
-include mk/mutate.mk
include mk/findings.mk
-include mk/review.mk
-include mk/explore.mk
-include mk/install.mk
-include mk/docs.mk
-include mk/matrix.mk

all: deps model runner kernels

clean:
	rm -rf build

distclean: clean
