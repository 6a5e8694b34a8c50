# SPDX-License-Identifier: GPL-2.0-only
#
# Build dependencies.  `make deps` installs the Debian packages that are
# missing when it runs as root (apt-get), otherwise it stops with one line
# naming them.  Every other top-level target depends on it, so a fresh
# Debian machine needs nothing but `make check`.

# package:probe pairs; a probe is a file (glob) that the package installs
DEP_PKGS := \
	gcc:/usr/bin/gcc \
	make:/usr/bin/make \
	clang:/usr/bin/clang \
	llvm-14:/usr/lib/llvm-14/bin/llvm-cov \
	libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
	libcmocka-dev:/usr/include/cmocka.h \
	check:/usr/include/check.h \
	lcov:/usr/bin/lcov \
	pkg-config:/usr/bin/pkg-config \
	zip:/usr/bin/zip \
	graphviz:/usr/bin/dot \
	xz-utils:/usr/bin/xz \
	linux-source-6.1:/usr/src/linux-source-6.1.tar.xz \
	linux-source-6.12:/usr/src/linux-source-6.12.tar.xz

# With KSRC= the Debian kernel packages are not needed.
ifneq ($(KSRC),)
DEP_PKGS := $(filter-out linux-source-%,$(DEP_PKGS))
endif

dep_pkg = $(firstword $(subst :, ,$(1)))
dep_probe = $(lastword $(subst :, ,$(1)))
DEP_MISSING = $(strip $(foreach p,$(DEP_PKGS),$(if $(wildcard $(call dep_probe,$(p))),,$(call dep_pkg,$(p)))))

.PHONY: deps
deps:
	@missing="$(DEP_MISSING)"; \
	if [ -n "$$missing" ]; then \
		mkdir -p $(B); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "deps: installing $$missing"; \
			{ apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			  apt-get install -y -q --no-install-recommends $$missing; } \
			  >$(B)/apt.log 2>&1 || { \
			  echo "deps: apt-get install failed, see $(B)/apt.log" >&2; exit 1; }; \
		else \
			echo "deps: missing Debian packages: $$missing (install them: apt-get install $$missing)" >&2; \
			exit 1; \
		fi; \
	fi

# Install before anything is built: with -j the prerequisites of `check`
# would otherwise race the installation.  Runs once, at parse time, and
# only when something is missing.
ifeq ($(filter deps help clean distclean,$(MAKECMDGOALS)),)
ifneq ($(DEP_MISSING),)
DEP_RESULT := $(shell $(MAKE) --no-print-directory deps 1>&2 && echo ok)
ifneq ($(DEP_RESULT),ok)
$(error deps: missing Debian packages could not be installed (see above))
endif
endif
endif
