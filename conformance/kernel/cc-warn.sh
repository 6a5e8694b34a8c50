#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Compile a kernel file with its warnings shown and kept for the report:
#
#   cc-warn.sh WARNFILE CC ARG...
#
# The kernel's own build does not make warnings fatal, so a patch under
# review that adds one must still be testable; the project's own code
# (shim, adapters, runner) keeps -Werror.  WARNFILE receives what the
# compiler printed; conformance/kernel.mk counts its warnings.
set -u
w=$1
shift
"$@" 2>"$w"
rc=$?
cat "$w" >&2
exit $rc
