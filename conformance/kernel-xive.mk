# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-xive: the XICS device and hcalls as a POWER9 HV host serves
# them, by XICS-on-XIVE (arch/powerpc/kvm/book3s_xive.c, compiled whole
# and unmodified) on the shim's XIVE hardware model (shim/xive_*.c,
# docs/xive-hardware.md).  One shared object per kernel version, beside
# xicsref-kernel.so, with one implementation: kernel-xive.
#
#   make kernels-xive    build $(B)/kernel/<version>/xicsref-xive.so
#   make conform-xive    every scenario on kernel-xive alone (make conform
#                        runs them with the other kernels); fails on a
#                        FAIL, as make conform does
#   make xive-check      what make check holds of it meanwhile: every
#                        DEV-XIVE-* shown exactly, every scenario with
#                        passthrough steps passing or showing deviations
#                        (SKIP only for a crash finding or a step KVM
#                        never makes), the report naming the state parts
#                        compared
# The Check suite "xive" (tests/check/check_xive.c) runs the hardware
# model's self-test and a hand-checked IPI round on every object.
#
# The tree is the one conformance/kernel.mk extracted and verified
# (book3s_xive.c and the XIVE headers are in K_CHECKED); its own
# asm/xive.h and asm/xive-regs.h come before the shim (xive-inc/ holds
# links to them), so kernel code sees the real XIVE structures.
# Exported: KERNEL_XIVE_SOS.

KX_DEFS		:= -DCONFIG_PPC_XIVE=1 -DCONFIG_KVM_XIVE=1
# Sanitizer builds: one known undefined shift of book3s_xive.c is left
# out, in the two functions that have it (FINDING-XIVE-XIRR-SHIFT)
KX_SAN_IGNORE	:= conformance/findings/xive-ubsan.ignore
KX_SAN_FLAGS	:= $(if $(SAN),-fsanitize-ignorelist=$(KX_SAN_IGNORE))
# The XICS files are linked too, compiled for this host: book3s_rtas.c
# and the extracted functions name both back ends (with xics_on_xive()
# true only the XIVE one is called), and the host side of the shim
# shares the real-mode file's globals and the host IPI glue.
KX_WHOLE	:= book3s_xive.c book3s_xics.c book3s_rtas.c book3s_hv_rm_xics.c
KX_GLUE		:= builtin_funcs.c hv_funcs.c host_ipi.c
KX_KSIDE_SRCS	:= $(K_DIR)/kside.c $(K_DIR)/kside_common.c $(K_DIR)/kside_xive.c \
		   $(K_DIR)/passthru_steps.c $(K_DIR)/kside_xive_pt.c
# mutant_select.c: the switch of generated mutants (mk/mutate.mk runs
# book3s_xive.c's on this object); nothing calls it in a plain build
KX_USER_SRCS	:= $(K_DIR)/adapter.c $(K_DIR)/pt_adapter.c $(K_DIR)/mutant_select.c

KERNEL_XIVE_SOS	:= $(foreach v,$(KERNEL_VERSIONS),$(B)/kernel/$(v)/xicsref-xive.so)
export KERNEL_XIVE_SOS

.PHONY: kernels-xive conform-xive xive-check
kernels-xive: $(KERNEL_XIVE_SOS)

# $(1) = version, $(2) = tree dir, $(3) = origin (as k_version_rules)
define kx_version_rules
KX_O_$(1) := $(B)/obj/kernel/$(1)/xive
KX_FLAGS_$(1) = $$(call k_kflags,$(2),$$(K_CODE_$(1)) $(KX_DEFS),-I$(2)/xive-inc)

$(B)/obj/kernel/$(1)/xive/shim/%.o: $(K_SHIM)/%.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$$(CC) $$(KX_FLAGS_$(1)) -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/xive/kernel/%.o: $(2)/arch/powerpc/kvm/%.c $(B)/obj/kernel/$(1)/verified.sha256 $(KX_SAN_IGNORE)
	@mkdir -p $$(@D)
	$(K_WCC) $$(CC) $$(KX_FLAGS_$(1)) $(K_KNOERR) $(KX_SAN_FLAGS) -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/xive/kside/%.o: $(K_DIR)/%.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$$(CC) $$(KX_FLAGS_$(1)) -MMD -c $$< -o $$@

# kernel code included by glue files of conformance/kernel/
$(B)/obj/kernel/$(1)/xive/kernel/%.o: $(K_DIR)/%.c $(B)/obj/kernel/$(1)/verified.sha256 $(2)/extracted/hv_funcs.inc
	@mkdir -p $$(@D)
	$(K_WCC) $$(CC) $$(KX_FLAGS_$(1)) $(K_KNOERR) -MMD -c $$< -o $$@

KX_KOBJS_$(1) := $(patsubst %.c,$(B)/obj/kernel/$(1)/xive/kernel/%.o,$(KX_WHOLE) $(KX_GLUE))

# As kernel_origin.h of kernel.mk, counting the warnings of these objects
$(B)/obj/kernel/$(1)/xive/kernel_origin.h: $(B)/obj/kernel/$(1)/verified.sha256 $$(KX_KOBJS_$(1)) FORCE
	@o=$$$$(printf '%s' '$(3)' | sed 's/[\\"]/\\&/g'); \
	n=$$$$(cat $$(addsuffix .warn,$$(KX_KOBJS_$(1))) | grep -c ': warning:'); \
	printf '#define XR_KERNEL_ORIGIN "%s sha256:%s, kernel files compiled with %s warning(s)"\n' \
		"$$$$o" "$$$$(cat $$<)" "$$$$n" >$$@.tmp; \
	if cmp -s $$@.tmp $$@; then rm $$@.tmp; else mv $$@.tmp $$@; fi

$(B)/obj/kernel/$(1)/xive/user/%.o: $(K_DIR)/%.c $(B)/obj/kernel/$(1)/xive/kernel_origin.h
	@mkdir -p $$(@D)
	$$(CC) $$(K_UFLAGS) -DXR_KERNEL_VERSION='"$(1)"' -DXR_KERNEL_XIVE=1 \
		-I$(B)/obj/kernel/$(1)/xive -MMD -c $$< -o $$@

KX_OBJS_$(1) := $(patsubst $(K_SHIM)/%.c,$(B)/obj/kernel/$(1)/xive/shim/%.o,$(K_SHIM_ALL_SRCS)) \
	$$(KX_KOBJS_$(1)) \
	$(patsubst $(K_DIR)/%.c,$(B)/obj/kernel/$(1)/xive/kside/%.o,$(KX_KSIDE_SRCS)) \
	$(patsubst $(K_DIR)/%.c,$(B)/obj/kernel/$(1)/xive/user/%.o,$(KX_USER_SRCS))

$(B)/kernel/$(1)/xicsref-xive.so: $$(KX_OBJS_$(1))
	@mkdir -p $$(@D)
	$$(CC) -shared -Wl,-Bsymbolic $(if $(SAN),,$(K_NOUNDEF)) $(LDFLAGS_COMMON) \
		$$^ -o $$@.tmp && mv $$@.tmp $$@
	@$$(call k_exports_only,$$@,xicsref_shim_kalloc_selftest|xicsref_shim_xive_selftest)

-include $$(KX_OBJS_$(1):.o=.d)
endef

# Evaluated per version by kernel.mk, beside k_version_rules; not in
# explore builds (no thread-sanitizer instrumentation of the XIVE path yet)

xive-check: runner kernels-xive
	@for so in $(KERNEL_XIVE_SOS); do \
		sh $(K_DIR)/xive-check.sh $(XICSREF_BIN) $$so || exit 1; \
	done

conform-xive: runner kernels-xive
	@echo "$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_XIVE_SOS),--impl $(so)) conformance/scenarios/*.scn conformance/regress/*.scn"
	@$(XICSREF_BIN) run -q $(foreach so,$(KERNEL_XIVE_SOS),--impl $(so)) $(SCENARIOS) $(REGRESS)
