# SPDX-License-Identifier: GPL-2.0-only
#
# CMocka unit tests of the model.  `make unit` builds and runs every
# tests/unit/test_*.c against libxicsref.a and fails on any failure.

UNIT_SRCS	:= $(wildcard tests/unit/test_*.c)
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRCS))
UNIT_HELPERS	:= $(B)/obj/tests/unit/helpers.o
UNIT_OBJS	:= $(patsubst tests/unit/%.c,$(B)/obj/tests/unit/%.o,$(UNIT_SRCS))

# keep the objects: they are not throw-away intermediates
.SECONDARY: $(UNIT_OBJS) $(UNIT_HELPERS)

.PHONY: unit
unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
		echo "== $$t"; \
		$$t || fail=1; \
	done; \
	if [ $$fail -ne 0 ]; then echo "unit: FAILED" >&2; exit 1; fi; \
	echo "unit: all passed"

$(B)/obj/tests/unit/%.o: tests/unit/%.c tests/unit/helpers.h $(MODEL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(MODEL_CFLAGS) -c -o $@ $<

$(B)/tests/unit/%: $(B)/obj/tests/unit/%.o $(UNIT_HELPERS) $(MODEL_LIB_A)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_COMMON) -o $@ $< $(UNIT_HELPERS) $(MODEL_LIB_A) -lcmocka
