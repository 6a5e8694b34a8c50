#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ClusterFuzzLite build script.  The environment is OSS-Fuzz's ($CC,
# $CFLAGS, $LIB_FUZZING_ENGINE, $OUT, $SRC, $WORK), and so is the result:
# the targets, their seed corpora, options and dictionaries, and the
# kernel objects next to them.  One build script serves both services;
# make fuzz-ossfuzz-check (in make check) runs this one.
set -eu
cd "$SRC/xicsref" 2>/dev/null || cd "$SRC"
exec sh fuzz/oss-fuzz/build.sh
