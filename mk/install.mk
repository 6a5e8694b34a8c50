# SPDX-License-Identifier: GPL-2.0-only
#
# The porter's kit (docs/porting.md).
#   make install [PREFIX=/usr/local] [DESTDIR=]
#       lib/libxicsref.a, lib/libxicsref.so.X.Y.Z (soname libxicsref.so.X)
#       and its links, include/xicsref/*.h, lib/pkgconfig/xicsref.pc,
#       bin/xicsref, share/xicsref/{scenarios,spec/catalogue.txt},
#       share/man/man1/xicsref.1
#   make uninstall [PREFIX=...] [DESTDIR=]   removes exactly those
#   make porter-check
#       installs into $(B)/install-test (DESTDIR), builds
#       examples/porter against it through pkg-config only, and runs the
#       installed runner on the installed scenarios with that adapter.

PREFIX		?= /usr/local
DESTDIR		?=
XR_SOMAJOR	:= $(firstword $(subst ., ,$(XR_VERSION)))
INST_B		:= $(B)/install
INST_SO		:= $(INST_B)/libxicsref.so.$(XR_VERSION)
INST_SONAME	:= libxicsref.so.$(XR_SOMAJOR)
INST_PC		:= $(INST_B)/xicsref.pc
I_BIN		= $(DESTDIR)$(PREFIX)/bin
I_LIB		= $(DESTDIR)$(PREFIX)/lib
I_INC		= $(DESTDIR)$(PREFIX)/include/xicsref
I_SHARE		= $(DESTDIR)$(PREFIX)/share/xicsref
I_MAN		= $(DESTDIR)$(PREFIX)/share/man/man1

# The shared model with a soname, from the same objects as libxicsref.so,
# exporting only the functions model.h declares (version node XICSREF_0):
# the model's internals are not an interface a port may come to rely on.
INST_MAP	:= $(INST_B)/libxicsref.map

$(INST_MAP): model/include/xicsref/model.h mk/install.mk
	@mkdir -p $(@D)
	@{ echo 'XICSREF_0 {'; echo '	global:'; \
	   grep -oh '\bxr_[a-z0-9_]*(' $< | tr -d '(' | sort -u | \
		sed 's/^/		/; s/$$/;/'; \
	   echo '	local: *;'; echo '};'; } >$@

$(INST_SO): $(MODEL_OBJS) $(INST_MAP)
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS_COMMON) -Wl,-soname,$(INST_SONAME) \
		-Wl,--version-script=$(INST_MAP) -o $@ $(MODEL_OBJS)

# Rebuilt when PREFIX changes: the stamp holds the prefix it was made for
$(INST_B)/prefix.$(subst /,_,$(PREFIX)):
	@mkdir -p $(@D) && rm -f $(INST_B)/prefix.* && touch $@

$(INST_PC): mk/install.mk $(INST_B)/prefix.$(subst /,_,$(PREFIX))
	@mkdir -p $(@D)
	@printf '%s\n' \
		'prefix=$(PREFIX)' \
		'exec_prefix=$${prefix}' \
		'libdir=$${exec_prefix}/lib' \
		'includedir=$${prefix}/include' \
		'datadir=$${prefix}/share/xicsref' \
		'scenariodir=$${datadir}/scenarios' \
		'catalogue=$${datadir}/spec/catalogue.txt' \
		'' \
		'Name: xicsref' \
		'Description: XICS interrupt controller reference model (KVM semantics)' \
		'Version: $(XR_VERSION)' \
		'Cflags: -I$${includedir}' \
		'Libs: -L$${libdir} -lxicsref' >$@

.PHONY: install uninstall porter-check
install: $(MODEL_LIB_A) $(INST_SO) $(INST_PC) $(XICSREF_BIN)
	install -d $(I_BIN) $(I_LIB)/pkgconfig $(I_INC) $(I_SHARE)/scenarios \
		$(I_SHARE)/spec $(I_MAN)
	install -m 644 $(MODEL_LIB_A) $(I_LIB)/libxicsref.a
	install -m 755 $(INST_SO) $(I_LIB)/
	ln -sf libxicsref.so.$(XR_VERSION) $(I_LIB)/$(INST_SONAME)
	ln -sf $(INST_SONAME) $(I_LIB)/libxicsref.so
	install -m 644 $(INST_PC) $(I_LIB)/pkgconfig/xicsref.pc
	install -m 644 model/include/xicsref/*.h $(I_INC)/
	install -m 755 $(XICSREF_BIN) $(I_BIN)/xicsref
	install -m 644 $(SCENARIOS) $(I_SHARE)/scenarios/
	install -m 644 spec/catalogue.txt $(I_SHARE)/spec/catalogue.txt
	install -m 644 docs/xicsref.1 $(I_MAN)/xicsref.1

uninstall:
	rm -f $(I_BIN)/xicsref $(I_LIB)/libxicsref.a $(I_LIB)/libxicsref.so \
		$(I_LIB)/$(INST_SONAME) $(I_LIB)/libxicsref.so.$(XR_VERSION) \
		$(I_LIB)/pkgconfig/xicsref.pc $(I_MAN)/xicsref.1
	rm -rf $(I_INC) $(I_SHARE)

# -- the porter's path, checked: only the installed files and pkg-config --
PT_DEST		:= $(CURDIR)/$(B)/install-test
PT_ROOT		:= $(PT_DEST)/usr
PT_OUT		:= $(CURDIR)/$(B)/porter
PT_PKG		:= PKG_CONFIG_PATH=$(PT_ROOT)/lib/pkgconfig \
		   PKG_CONFIG_SYSROOT_DIR=$(PT_DEST) PKG_CONFIG_LIBDIR=

porter-check: $(MODEL_LIB_A) $(INST_SO) $(XICSREF_BIN)
	@rm -rf $(PT_DEST) $(PT_OUT)
	@$(MAKE) --no-print-directory -s install PREFIX=/usr DESTDIR=$(PT_DEST) >/dev/null
	@for f in bin/xicsref lib/libxicsref.a lib/libxicsref.so.$(XR_VERSION) \
		lib/$(INST_SONAME) lib/libxicsref.so lib/pkgconfig/xicsref.pc \
		include/xicsref/impl.h include/xicsref/model.h \
		include/xicsref/types.h share/xicsref/spec/catalogue.txt \
		share/man/man1/xicsref.1; do \
		test -e $(PT_ROOT)/$$f || { echo "porter-check: $$f not installed" >&2; exit 1; }; \
	done
	@n=$$(ls $(PT_ROOT)/share/xicsref/scenarios/*.scn | wc -l); \
	test "$$n" = "$(words $(SCENARIOS))" || { \
		echo "porter-check: $$n scenarios installed, $(words $(SCENARIOS)) expected" >&2; exit 1; }
	@so=$$(readelf -d $(PT_ROOT)/lib/libxicsref.so.$(XR_VERSION) | \
		sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'); \
	test "$$so" = "$(INST_SONAME)" || { \
		echo "porter-check: soname '$$so', expected $(INST_SONAME)" >&2; exit 1; }
	@$(PT_PKG) pkg-config --exists --print-errors xicsref
	@echo "porter-check: pkg-config --cflags --libs xicsref: $$($(PT_PKG) pkg-config --cflags --libs xicsref)"
	@$(PT_PKG) $(MAKE) --no-print-directory -C examples/porter OUT=$(PT_OUT) CC=$(CC)
	@# from /, so that nothing of the source tree can be found by accident
	@cd / && env -u XICSREF_SPEC LD_LIBRARY_PATH=$(PT_ROOT)/lib \
		$(PT_ROOT)/bin/xicsref run --impl $(PT_OUT)/xicsref-example.so \
		$(PT_ROOT)/share/xicsref/scenarios/*.scn >$(PT_OUT)/run.txt 2>&1; \
		rc=$$?; tail -4 $(PT_OUT)/run.txt; \
		if [ $$rc != 0 ]; then grep -A8 '^FAIL' $(PT_OUT)/run.txt | head -40 >&2; \
		echo "porter-check: the example adapter failed (exit $$rc, $(PT_OUT)/run.txt)" >&2; exit 1; fi
	@p=$$(awk '$$1 == "PASS" && $$3 == "porter-example"' $(PT_OUT)/run.txt | wc -l); \
	s=$$(awk '$$1 == "SKIP" && $$3 == "porter-example"' $(PT_OUT)/run.txt | wc -l); \
	echo "porter-check: porter-example: $$p passed, $$s skipped (steps it does not implement) of $(words $(SCENARIOS)) scenarios"; \
	test "$$p" -gt 0 && test $$((p + s)) = "$(words $(SCENARIOS))" || { \
		echo "porter-check: porter-example did not run every scenario" >&2; exit 1; }
