# SPDX-License-Identifier: GPL-2.0-only
#
# libxicsref: the model (executable specification).
#   make model   builds $(B)/libxicsref.a and $(B)/libxicsref.so
# Other fragments use MODEL_LIB_A / MODEL_LIB_SO and compile against the
# public headers with MODEL_CFLAGS.

MODEL_CFLAGS	:= -Imodel/include
MODEL_SRCS	:= $(wildcard model/src/*.c)
MODEL_OBJS	:= $(patsubst model/src/%.c,$(B)/obj/model/%.o,$(MODEL_SRCS))
MODEL_HDRS	:= $(wildcard model/include/xicsref/*.h model/src/*.h)
MODEL_LIB_A	:= $(B)/libxicsref.a
MODEL_LIB_SO	:= $(B)/libxicsref.so

export MODEL_CFLAGS MODEL_LIB_A MODEL_LIB_SO

.PHONY: model
model: $(MODEL_LIB_A) $(MODEL_LIB_SO)

$(B)/obj/model/%.o: model/src/%.c $(MODEL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(MODEL_CFLAGS) -c -o $@ $<

$(MODEL_LIB_A): $(MODEL_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(MODEL_LIB_SO): $(MODEL_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS_COMMON) -o $@ $^
