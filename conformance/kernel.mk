# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel under test: extraction, verification, the shim and the two
# kernel implementations (kernel-vm, kernel-rm) in one shared object per
# kernel version.
#
#   make kernels          build $(B)/kernel/<version>/xicsref-kernel.so
#   make kernel-smoke     run the hand-checked IPI round on every .so
#   make kernels KSRC=DIR use the kernel tree at DIR instead of tarballs
#
# Kernel trees are extracted once into build/ksrc/<version>/ (shared by
# all build variants; <version> is VERSION-HASH for a KSRC tree, HASH
# being its content) and checked byte for byte against their origin
# (tarball member or KSRC file) before anything is compiled from them.
# Exported for the runner: KERNEL_VERSIONS, KERNEL_SOS.

KSRC_ROOT	:= build/ksrc
KTARBALLS	?= $(sort $(wildcard /usr/src/linux-source-*.tar.xz))
K_DIR		:= conformance/kernel
K_SHIM		:= conformance/shim

# Files compiled whole and unmodified, and the kernel headers read.
K_WHOLE		:= book3s_xics.c book3s_hv_rm_xics.c book3s_rtas.c
K_HDRS		:= arch/powerpc/kvm/book3s_xics.h \
		   arch/powerpc/include/uapi/asm/kvm.h \
		   arch/powerpc/include/asm/kvm_ppc.h \
		   arch/powerpc/include/asm/kvm_host.h
# kernel-xive (conformance/kernel-xive.mk): XICS-on-XIVE, compiled whole,
# with the tree's own XIVE headers in front of the shim
K_XIVE_HDRS	:= arch/powerpc/kvm/book3s_xive.h \
		   arch/powerpc/include/asm/xive.h \
		   arch/powerpc/include/asm/xive-regs.h \
		   arch/powerpc/include/asm/kvm_book3s.h
K_CHECKED	:= $(addprefix arch/powerpc/kvm/,$(K_WHOLE) \
		   book3s_hv_builtin.c book3s_hv.c book3s_xive.c) $(K_HDRS) \
		   $(K_XIVE_HDRS) Makefile
# Functions of book3s_hv_builtin.c taken mechanically (callees first).
K_BUILTIN_FUNCS	:= get_irqmap kvmppc_check_passthru kvmppc_read_one_intr \
		   kvmppc_read_intr kvmhv_rm_send_ipi
# Functions of book3s_hv.c: the flat map's writer side (passthrough).
K_HV_FUNCS	:= kvmppc_alloc_pimap kvmppc_set_passthru_irq \
		   kvmppc_clr_passthru_irq
# Functions of asm/kvm_ppc.h: how a host IPI is flagged in the PACA
K_PPC_FUNCS	:= kvmppc_set_host_ipi kvmppc_clear_host_ipi
# Functions of asm/kvm_book3s.h: the VCPU id packing of XICS-on-XIVE
K_BOOK3S_FUNCS	:= kvmppc_pack_vcpu_id
# What an extraction holds: a tree extracted for another list is redone
K_FILES_ID	:= $(shell echo '$(K_CHECKED) $(K_BUILTIN_FUNCS) $(K_PPC_FUNCS) $(K_BOOK3S_FUNCS) xive-inc' | cksum | cut -d' ' -f1)

# VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION] of a kernel Makefile on stdin
k_make_version = awk -F' *= *' '$$1=="VERSION"{v=$$2} \
	$$1=="PATCHLEVEL"{p=$$2} $$1=="SUBLEVEL"{s=$$2} \
	$$1=="EXTRAVERSION"{e=$$2} \
	END{if (v=="" || p=="") exit 1; print v "." p "." s e}'

# A tarball's version is cached next to the trees: reading it means
# decompressing the tarball, which takes seconds.
k_tar_prefix = $(patsubst %.tar.xz,%,$(notdir $(1)))
k_tar_version = $(shell c=$(KSRC_ROOT)/tarball-$(call k_tar_prefix,$(1)).version; \
	if [ ! -s $$c ] || [ $(1) -nt $$c ]; then mkdir -p $(KSRC_ROOT) && \
	tar -xJOf $(1) $(call k_tar_prefix,$(1))/Makefile | \
	$(k_make_version) >$$c.tmp && mv $$c.tmp $$c; fi; cat $$c 2>/dev/null)

# A KSRC tree belongs to its user: it is only ever read.  Its identity is
# the content of the files the build reads (K_CHECKED), hashed on every
# make run, and it names the build directories: a tree edited in place,
# replaced by a copy with old mtimes (cp -a, rsync -a, tar) or checked
# out at another commit is a new kernel and is compiled before it is
# tested.  Its path and mtimes decide nothing.
ifneq ($(KSRC),)
KSRC_ABS	:= $(abspath $(KSRC))
ifeq ($(wildcard $(KSRC_ABS)/arch/powerpc/kvm/book3s_xics.c),)
$(error KSRC=$(KSRC): no arch/powerpc/kvm/book3s_xics.c there)
endif
K_KSRC_SHA	:= $(shell sh $(K_DIR)/tree-hash.sh $(KSRC_ABS) $(K_CHECKED) 2>&1)
ifneq ($(words $(K_KSRC_SHA)),1)
$(error KSRC=$(KSRC): $(K_KSRC_SHA))
endif
K_KSRC_VER	:= $(shell $(k_make_version) <$(KSRC_ABS)/Makefile)
ifeq ($(K_KSRC_VER),)
$(error KSRC=$(KSRC): its Makefile names no VERSION and PATCHLEVEL)
endif
KERNEL_VERSIONS	:= $(K_KSRC_VER)-$(shell echo $(K_KSRC_SHA) | cut -c1-12)
else
KERNEL_VERSIONS	:= $(foreach t,$(KTARBALLS),$(call k_tar_version,$(t)))
endif
KERNEL_SOS	:= $(foreach v,$(KERNEL_VERSIONS),$(B)/kernel/$(v)/xicsref-kernel.so)
export KERNEL_VERSIONS KERNEL_SOS

# -- compile flags --
# Kernel side: the unmodified kernel files plus the shim, with no libc
# headers at all (-nostdinc): only the compiler's own include dir (for
# stddef/stdarg/stdbool), the shim first, then the kernel tree's kvm dir
# for "book3s_xics.h"; the tree's uapi dir last, for <asm/kvm.h>.
K_CC_INC	:= $(shell $(CC) -print-file-name=include)
k_kflags = -std=gnu11 $(OPT) $(WARN) -fPIC $(SANFLAGS) $(EXTRA_CFLAGS) \
	-fvisibility=hidden -fno-strict-aliasing -fno-common \
	-nostdinc -isystem $(K_CC_INC) $(3) -I$(K_SHIM)/include \
	-I$(1)/arch/powerpc/kvm -I$(1)/extracted \
	-idirafter $(1)/arch/powerpc/include/uapi \
	-DCONFIG_KVM_XICS=1 -DCONFIG_SMP=1 -DCONFIG_KVM_BOOK3S_HV_POSSIBLE=1 \
	-DCONFIG_KVM_BOOK3S_64_HANDLER=1 -DCONFIG_PPC_BOOK3S_64=1 \
	$(2) -Wno-sign-compare -Wno-missing-field-initializers
# User side: the adapter and the smoke driver (libc, xicsref headers).
K_UFLAGS	= $(CFLAGS_COMMON) -fvisibility=hidden -Imodel/include -Iconformance/explore \
		  -I$(K_SHIM)/include/xr_api

# Every kernel reference must be met by the shim (not with ASan: its
# runtime comes from the executable).
K_NOUNDEF	:= -Wl,--no-undefined

# The XIVE hardware model (shim/xive_*.c) is in the kernel-xive object only
K_SHIM_ALL_SRCS	:= $(sort $(wildcard $(K_SHIM)/*.c))
K_SHIM_SRCS	:= $(filter-out $(K_SHIM)/xive_%.c,$(K_SHIM_ALL_SRCS))
K_KSIDE_SRCS	:= $(K_DIR)/kside.c $(K_DIR)/kside_steps.c $(K_DIR)/kside_common.c \
		   $(K_DIR)/passthru_steps.c $(K_DIR)/kside_explore.c
K_USER_SRCS	:= $(K_DIR)/adapter.c $(K_DIR)/pt_adapter.c $(K_DIR)/mutant_select.c

# Explore builds (EXPLORE=1, with clang; mk/explore.mk): the kernel files
# are compiled with the thread-sanitizer instrumentation, whose callbacks
# the explorer provides instead of a sanitizer runtime
# (conformance/explore/); the shim, kside and adapter get XR_EXPLORE.
ifeq ($(EXPLORE),1)
K_XFLAGS	:= -DXR_EXPLORE=1
K_TSAN		:= -fsanitize=thread -mllvm -tsan-distinguish-volatile=1
K_USER_SRCS	+= $(K_DIR)/par_adapter.c
K_XS_SRCS	:= $(sort $(wildcard conformance/explore/*.c))
K_XLIBS		:= -ldl
endif

# Objects made of kernel code compile with warnings shown, counted and
# not fatal (cc-warn.sh); everything of the project keeps -Werror.
K_KNOERR	:= -Wno-error
K_WCC		= sh $(K_DIR)/cc-warn.sh $$@.warn

.PHONY: kernels kernel-smoke kernel-verify
FORCE:

kernels: $(KERNEL_SOS)

# A kernel object exports xicsref_impl_entry and the test entries $(2)
# ("a|b") only: anything else could resolve into another loaded version.
# $(1) = the object; removed when it exports more.
k_exports_only = n=$$(nm -D --defined-only $(1) | \
	awk '$$2 ~ /^[TDBR]$$/ && $$3 !~ /^_/' | \
	grep -Evc ' (xicsref_impl_entry|$(2))$$'); \
	if [ "$$n" != 0 ]; then echo "$(1): exports more than xicsref_impl_entry" >&2; \
		nm -D --defined-only $(1) >&2; rm -f $(1); exit 1; fi

# -- per-version rules --
# $(1) = version, $(2) = tree dir, $(3) = origin (tarball or KSRC dir)
define k_version_rules
K_TREE_$(1) := $(2)
K_OBJ_$(1) := $(B)/obj/kernel/$(1)
K_MM_$(1) := $(wordlist 1,2,$(subst ., ,$(subst -, ,$(1))))
K_CODE_$(1) := -DXR_KVER_MAJOR=$$(word 1,$$(K_MM_$(1))) -DXR_KVER_MINOR=$$(word 2,$$(K_MM_$(1)))

# One pass takes exactly the files of K_CHECKED, so nothing the build
# reads can lie outside the hashed and verified set; an interrupted run
# leaves no half tree because the stamp is written last.  A KSRC tree's
# directory is named by its content, so it never needs extracting again.
$(2)/.extracted.$(K_FILES_ID): $(if $(KSRC),,$(3)) $(K_DIR)/extract-funcs.awk \
		$(K_DIR)/extract-structs.awk
	@echo "  EXTRACT kernel $(1) from $(3)"
	@rm -rf $(2) && mkdir -p $(2)
	@if [ -d "$(3)" ]; then \
		for f in $(K_CHECKED); do \
			mkdir -p $(2)/$$$$(dirname $$$$f) && \
			cp $(3)/$$$$f $(2)/$$$$f || exit 1; \
		done; \
	else \
		p=$$(call k_tar_prefix,$(3)); \
		tar -xJf $(3) -C $(2) --strip-components=1 \
			$$(addprefix $$$$p/,$(K_CHECKED)) || exit 1; \
	fi
	@mkdir -p $(2)/extracted
	@awk -v funcs="$(K_BUILTIN_FUNCS)" -v file=book3s_hv_builtin.c \
		-f $(K_DIR)/extract-funcs.awk \
		$(2)/arch/powerpc/kvm/book3s_hv_builtin.c \
		>$(2)/extracted/builtin_funcs.inc
	@echo "  kernel $(1): from book3s_hv_builtin.c extracted: $(K_BUILTIN_FUNCS)"
	@awk -v funcs="$(K_PPC_FUNCS)" -v file=kvm_ppc.h \
		-f $(K_DIR)/extract-funcs.awk \
		$(2)/arch/powerpc/include/asm/kvm_ppc.h \
		>$(2)/extracted/kvm_ppc_funcs.inc
	@echo "  kernel $(1): from asm/kvm_ppc.h extracted: $(K_PPC_FUNCS)"
	@awk -v first=kvmppc_irq_map -v last=kvmppc_passthru_irqmap \
		-v file=kvm_host.h -f $(K_DIR)/extract-structs.awk \
		$(2)/arch/powerpc/include/asm/kvm_host.h \
		>$(2)/extracted/pimap_types.inc
	@echo "  kernel $(1): from asm/kvm_host.h extracted: the flat map's types"
	@awk -v funcs="$(K_BOOK3S_FUNCS)" -v file=kvm_book3s.h \
		-f $(K_DIR)/extract-funcs.awk \
		$(2)/arch/powerpc/include/asm/kvm_book3s.h \
		>$(2)/extracted/kvm_book3s_funcs.inc
	@echo "  kernel $(1): from asm/kvm_book3s.h extracted: $(K_BOOK3S_FUNCS)"
	@mkdir -p $(2)/xive-inc/asm
	@ln -s ../../arch/powerpc/include/asm/xive.h $(2)/xive-inc/asm/xive.h
	@ln -s ../../arch/powerpc/include/asm/xive-regs.h $(2)/xive-inc/asm/xive-regs.h
	@touch $$@
	@touch $(2)/.extracted
	@find $(2) -type f ! -name '.extracted*' -exec touch {} +

# The extracted files exist once the stamp does (they are newer than it)
$(addprefix $(2)/,$(K_CHECKED)) $(2)/extracted/builtin_funcs.inc $(2)/extracted/kvm_ppc_funcs.inc \
	$(2)/extracted/pimap_types.inc $(2)/extracted/kvm_book3s_funcs.inc: $(2)/.extracted.$(K_FILES_ID) ;

# The passthrough writer side, from the verified book3s_hv.c
$(2)/extracted/hv_funcs.inc: $(2)/.extracted.$(K_FILES_ID) $(K_DIR)/extract-funcs.awk
	@awk -v funcs="$(K_HV_FUNCS)" -v file=book3s_hv.c \
		-f $(K_DIR)/extract-funcs.awk \
		$(2)/arch/powerpc/kvm/book3s_hv.c >$$@.tmp && mv $$@.tmp $$@
	@echo "  kernel $(1): from book3s_hv.c extracted: $(K_HV_FUNCS)"

# Verification compares against the origin each time the objects are
# rebuilt, so an edited file under build/ksrc can never be tested.  Its
# stamp holds the hash of what was verified, for the report; for a KSRC
# tree that must be the hash that named the directory (else the tree
# changed while it was being built).
$(B)/obj/kernel/$(1)/verified.sha256: $(2)/.extracted.$(K_FILES_ID) $(addprefix $(2)/,$(K_CHECKED))
	@mkdir -p $$(@D)/orig && rm -rf $$(@D)/orig/*
	@if [ -d "$(3)" ]; then o=$(3); else \
		p=$$(call k_tar_prefix,$(3)); \
		tar -xJf $(3) -C $$(@D)/orig --strip-components=1 \
			$$(addprefix $$$$p/,$(K_CHECKED)) || exit 1; \
		o=$$(@D)/orig; fi; \
	for f in $(K_CHECKED); do \
		cmp -s $$$$o/$$$$f $(2)/$$$$f || { \
		echo "kernel $(1): $(2)/$$$$f differs from $(3)" >&2; exit 1; }; \
	done
	@rm -rf $$(@D)/orig
	@h=$$$$(sh $(K_DIR)/tree-hash.sh $(2) $(K_CHECKED)) || exit 1; \
	if [ -n "$(K_KSRC_SHA)" ] && [ "$$$$h" != "$(K_KSRC_SHA)" ]; then \
		echo "kernel $(1): $(3) changed while it was being built; run make again" >&2; \
		exit 1; fi; \
	echo "kernel $(1): verified unmodified (sha256 $$$$h): $(K_CHECKED)"; \
	echo "$$$$h" >$$@

# The objects made of kernel code (their warnings are counted)
K_KOBJS_$(1) := $(patsubst %.c,$(B)/obj/kernel/$(1)/kernel/%.o,$(K_WHOLE)) \
	$(B)/obj/kernel/$(1)/kernel/builtin_funcs.o $(B)/obj/kernel/$(1)/kernel/hv_funcs.o \
	$(B)/obj/kernel/$(1)/kernel/host_ipi.o

# What the adapter reports as its origin: the tree, the hash of the
# files compiled and how many warnings the compiler gave on them.
# Rewritten only when it changes (two paths may hold the same content
# and share one build).
$(B)/obj/kernel/$(1)/kernel_origin.h: $(B)/obj/kernel/$(1)/verified.sha256 $$(K_KOBJS_$(1)) FORCE
	@o=$$$$(printf '%s' '$(3)' | sed 's/[\\"]/\\&/g'); \
	n=$$$$(cat $$(addsuffix .warn,$$(K_KOBJS_$(1))) | grep -c ': warning:'); \
	printf '#define XR_KERNEL_ORIGIN "%s sha256:%s, kernel files compiled with %s warning(s)"\n' \
		"$$$$o" "$$$$(cat $$<)" "$$$$n" >$$@.tmp; \
	if cmp -s $$@.tmp $$@; then rm $$@.tmp; else mv $$@.tmp $$@; fi

$(B)/obj/kernel/$(1)/shim/%.o: $(K_SHIM)/%.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$$(CC) $$(call k_kflags,$(2),$$(K_CODE_$(1))) $(K_XFLAGS) -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/kernel/%.o: $(2)/arch/powerpc/kvm/%.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$(K_WCC) $$(CC) $$(call k_kflags,$(2),$$(K_CODE_$(1))) $(K_KNOERR) $(K_TSAN) $(K_XFLAGS) -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/kernel/builtin_funcs.o: $(K_DIR)/builtin_funcs.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$(K_WCC) $$(CC) $$(call k_kflags,$(2),$$(K_CODE_$(1))) $(K_KNOERR) $(K_TSAN) $(K_XFLAGS) -I$(2)/extracted -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/kernel/host_ipi.o: $(K_DIR)/host_ipi.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$(K_WCC) $$(CC) $$(call k_kflags,$(2),$$(K_CODE_$(1))) $(K_KNOERR) $(K_TSAN) $(K_XFLAGS) -I$(2)/extracted -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/kernel/hv_funcs.o: $(K_DIR)/hv_funcs.c $(B)/obj/kernel/$(1)/verified.sha256 $(2)/extracted/hv_funcs.inc
	@mkdir -p $$(@D)
	$(K_WCC) $$(CC) $$(call k_kflags,$(2),$$(K_CODE_$(1))) $(K_KNOERR) $(K_TSAN) $(K_XFLAGS) -I$(2)/extracted -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/kside/%.o: $(K_DIR)/%.c $(B)/obj/kernel/$(1)/verified.sha256
	@mkdir -p $$(@D)
	$$(CC) $$(call k_kflags,$(2),$$(K_CODE_$(1))) $(K_XFLAGS) -MMD -c $$< -o $$@

$(B)/obj/kernel/$(1)/user/%.o: $(K_DIR)/%.c $(B)/obj/kernel/$(1)/kernel_origin.h
	@mkdir -p $$(@D)
	$$(CC) $$(K_UFLAGS) -DXR_KERNEL_VERSION='"$(1)"' -I$(B)/obj/kernel/$(1) $(K_XFLAGS) -MMD -c $$< -o $$@

# The explorer (explore builds): user side, next to the adapter
$(B)/obj/kernel/$(1)/explore/%.o: conformance/explore/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(K_UFLAGS) $(K_XFLAGS) -MMD -c $$< -o $$@

K_OBJS_$(1) := $(patsubst $(K_SHIM)/%.c,$(B)/obj/kernel/$(1)/shim/%.o,$(K_SHIM_SRCS)) \
	$(patsubst %.c,$(B)/obj/kernel/$(1)/kernel/%.o,$(K_WHOLE)) \
	$(B)/obj/kernel/$(1)/kernel/builtin_funcs.o \
	$(B)/obj/kernel/$(1)/kernel/hv_funcs.o \
	$(B)/obj/kernel/$(1)/kernel/host_ipi.o \
	$(patsubst $(K_DIR)/%.c,$(B)/obj/kernel/$(1)/kside/%.o,$(K_KSIDE_SRCS)) \
	$(patsubst $(K_DIR)/%.c,$(B)/obj/kernel/$(1)/user/%.o,$(K_USER_SRCS)) \
	$(patsubst conformance/explore/%.c,$(B)/obj/kernel/$(1)/explore/%.o,$(K_XS_SRCS))

# Only xicsref_impl_entry is visible (and the allocator's and the block
# compare's self-tests of the Check suite, tests/check/check_kalloc.c, and
# the bare-kernel loop of bench/bench_hcall.c); -Bsymbolic keeps two versions
# loaded side by side from resolving into each other.
$(B)/kernel/$(1)/xicsref-kernel.so: $$(K_OBJS_$(1))
	@mkdir -p $$(@D)
	$$(CC) -shared -Wl,-Bsymbolic $(if $(SAN),,$(K_NOUNDEF)) $(LDFLAGS_COMMON) \
		$$^ -o $$@.tmp $(K_XLIBS) && mv $$@.tmp $$@
	@$$(call k_exports_only,$$@,xicsref_shim_kalloc_selftest|xicsref_chunk_selftest|xicsref_bench_ipi_(open|run|close))

-include $$(K_OBJS_$(1):.o=.d)
endef

include conformance/kernel-xive.mk
# Both objects of a version (kernel-xive not in explore builds)
k_all_rules = $(eval $(call k_version_rules,$(1),$(2),$(3)))$(if \
	$(filter 1,$(EXPLORE)),,$(eval $(call kx_version_rules,$(1),$(2),$(3))))
ifneq ($(KSRC),)
$(call k_all_rules,$(KERNEL_VERSIONS),$(KSRC_ROOT)/$(KERNEL_VERSIONS),$(KSRC_ABS))
else
$(foreach t,$(KTARBALLS),$(call k_all_rules,$(call k_tar_version,$(t)),$(KSRC_ROOT)/$(call k_tar_version,$(t)),$(t)))
endif

# -- smoke driver: the hand-checked IPI round, before the runner exists --
K_SMOKE		:= $(B)/kernel/xicsref-kernel-smoke

$(B)/obj/kernel/smoke.o: $(K_DIR)/smoke.c model/include/xicsref/impl.h \
		model/include/xicsref/types.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -Imodel/include -c $< -o $@

$(K_SMOKE): $(B)/obj/kernel/smoke.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_COMMON) $^ -ldl -o $@

kernel-smoke: $(K_SMOKE) $(KERNEL_SOS)
	@for so in $(KERNEL_SOS); do $(K_SMOKE) $$so || exit 1; done
