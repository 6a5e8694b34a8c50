# SPDX-License-Identifier: GPL-2.0-only
#
# The save/restore state matrix (docs/state-matrix.md):
#   make state-matrix   every class of source and ICP state a guest can
#                       reach by operations, saved, restored in place and
#                       saved again, on the model and every kernel
# The scenarios are generated (conformance/matrix/state_matrix.c) into
# $(B)/matrix, with matrix.txt saying what was reached and what not.

MATRIX_B	:= $(B)/matrix
MATRIX_BIN	:= $(B)/xicsref-state-matrix

$(MATRIX_BIN): conformance/matrix/state_matrix.c fuzz/emit.c fuzz/emit.h \
		fuzz/decode.h $(MODEL_LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(MODEL_CFLAGS) -Ifuzz -o $@ \
		conformance/matrix/state_matrix.c fuzz/emit.c $(MODEL_LIB_A)

.PHONY: state-matrix
state-matrix: $(MATRIX_BIN) runner kernels
	@rm -rf $(MATRIX_B) && mkdir -p $(MATRIX_B)
	@$(MATRIX_BIN) $(MATRIX_B)
	@echo "$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS),--impl $(so)) $(MATRIX_B)/*.scn"
	@$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_SOS),--impl $(so)) $(MATRIX_B)/*.scn

check: state-matrix
