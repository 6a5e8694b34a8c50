#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# lcov's --gcov-tool for the clang coverage build (mk/coverage.mk):
# llvm-cov in its gcov mode.  It must be the llvm-cov of the clang that
# wrote the .gcno/.gcda files; mk/deps.mk installs clang and llvm 14.
exec /usr/lib/llvm-14/bin/llvm-cov gcov "$@"
