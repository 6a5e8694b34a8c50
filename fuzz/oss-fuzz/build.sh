#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# OSS-Fuzz build script: uses only $CC, $CFLAGS, $LIB_FUZZING_ENGINE,
# $OUT, $SRC (and $WORK for scratch).  Produces $OUT/<target>,
# <target>_seed_corpus.zip, <target>.options and <target>.dict, and the
# kernel shared objects next to the targets (found through $ORIGIN).
set -eu
cd "$SRC/xicsref" 2>/dev/null || cd "$SRC"
WORK=${WORK:-/tmp/xicsref-ossfuzz}
mkdir -p "$WORK/obj" "$OUT"

inc="-Imodel/include -Iconformance/runner -Ifuzz -DXR_VERSION=\"oss-fuzz\""
inc="$inc -DXF_DEFAULT_KERNEL_SOS=\"\$ORIGIN/xicsref-kernel-6.1.so:\$ORIGIN/xicsref-kernel-6.12.so:\$ORIGIN/xicsref-xive-6.1.so:\$ORIGIN/xicsref-xive-6.12.so\""

# With libFuzzer's coverage, what make fuzz does too (docs/fuzzing.md):
# no coverage for the comparison and read-back code, and no trace-cmp
# hooks in the kernel objects, the model or the decoder (fuzz/fuzz.mk
# gives the figures: they cost a sixth of a run and found nothing
# sooner).
cov=""
kcov=""
case "$CFLAGS" in
*-fsanitize=fuzzer*)
	cov="-fsanitize-coverage-ignorelist=$PWD/fuzz/coverage-ignore.txt"
	kcov="-fno-sanitize-coverage=trace-cmp"
	;;
esac
objs=""
for f in model/src/*.c conformance/runner/*.c fuzz/decode.c fuzz/encode.c \
	 fuzz/emit.c fuzz/harness.c fuzz/hang.c; do
	[ "$f" = conformance/runner/main.c ] && continue
	o="$WORK/obj/$(echo "$f" | tr / _).o"
	# the decoder and the model: edges, no comparison hooks
	nocmp=""
	case "$f" in fuzz/decode.c|model/src/*) nocmp="$kcov" ;; esac
	$CC $CFLAGS $cov $nocmp -std=gnu11 $inc -c "$f" -o "$o"
	objs="$objs $o"
done

# The kernel code under test, with the same instrumentation.  K_NOUNDEF=
# (no -Wl,--no-undefined): the sanitizer runtimes come from the fuzzer
# binary that loads the objects, as in the SAN=1 build.
if make BUILD="$WORK/k" CC="$CC" EXTRA_CFLAGS="$CFLAGS $cov $kcov" K_NOUNDEF= \
	kernels kernels-xive > "$WORK/kernels.log" 2>&1; then
	# kernel-vm and kernel-rm, and kernel-xive (XICS-on-XIVE)
	for so in "$WORK"/k/kernel/*/xicsref-kernel.so \
		  "$WORK"/k/kernel/*/xicsref-xive.so; do
		v=$(basename "$(dirname "$so")")
		k=$(basename "$so" .so)
		cp "$so" "$OUT/$k-$(echo "$v" | cut -d. -f1,2).so"
	done
else
	echo "build.sh: WARNING: the kernel build failed ($WORK/kernels.log):" \
	     "diff_ops and state_restore will refuse to run" >&2
fi

# Seeds: committed ones plus the suite, encoded by the host tool
gcc -std=gnu11 -O1 $inc -o "$WORK/from-fuzz" fuzz/from_fuzz.c \
	fuzz/decode.c fuzz/encode.c fuzz/emit.c \
	$(ls conformance/runner/*.c | grep -v main.c) model/src/*.c -ldl

for t in diff_ops model_invariants scenario_parse state_restore; do
	$CC $CFLAGS -std=gnu11 $inc -c "fuzz/$t.c" -o "$WORK/obj/$t.o"
	$CC $CFLAGS $LIB_FUZZING_ENGINE "$WORK/obj/$t.o" $objs -ldl \
		-o "$OUT/$t"
	cp "fuzz/$t.options" "$OUT/"
	[ -f "fuzz/$t.dict" ] && cp "fuzz/$t.dict" "$OUT/"
	d="$WORK/seeds/$t"
	rm -rf "$d" && mkdir -p "$d"
	[ -d "fuzz/corpus/$t" ] && cp fuzz/corpus/$t/* "$d/"
	for s in conformance/scenarios/*.scn; do
		n=$(basename "$s" .scn)
		case $t in
		scenario_parse) cp "$s" "$d/$n" ;;
		state_restore) "$WORK/from-fuzz" --encode --state "$s" "$d/$n" ;;
		*) "$WORK/from-fuzz" --encode "$s" "$d/$n" ;;
		esac
	done
	rm -f "$OUT/${t}_seed_corpus.zip"
	(cd "$d" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
done

# Per-version targets (docs/fuzzing.md): diff_ops and state_restore once
# per kernel object installed, each keeping that version's implementations
# of one family alone (XF_ONLY_VERSION, XF_ONLY_FAMILY): diff_ops_6_1 the
# XICS files (xicsref-kernel-6.1.so), diff_ops_xive_6_1 XICS-on-XIVE
# (xicsref-xive-6.1.so); the same options and seeds.
for so in "$OUT"/xicsref-kernel-*.so "$OUT"/xicsref-xive-*.so; do
	[ -f "$so" ] || continue
	f=$(basename "$so" .so | sed 's/^xicsref-\([a-z]*\)-.*/\1/')
	v=$(basename "$so" .so | sed 's/^xicsref-[a-z]*-//')
	case $f in kernel) f=xics; fam= ;; *) fam=_xive ;; esac
	for t in diff_ops state_restore; do
		n="${t}${fam}_$(echo "$v" | tr . _)"
		$CC $CFLAGS -std=gnu11 $inc -DXF_TARGET_NAME="\"$n\"" \
			-DXF_ONLY_VERSION="\"$v\"" \
			-DXF_ONLY_FAMILY="\"$f\"" -c "fuzz/$t.c" \
			-o "$WORK/obj/$n.o"
		$CC $CFLAGS $LIB_FUZZING_ENGINE "$WORK/obj/$n.o" $objs -ldl \
			-o "$OUT/$n"
		cp "fuzz/$t.options" "$OUT/$n.options"
		cp "$OUT/${t}_seed_corpus.zip" "$OUT/${n}_seed_corpus.zip"
	done
done
