// SPDX-License-Identifier: GPL-2.0-only
/*
 * xicsref CLI: loading implementations from shared objects.  Each object
 * is opened RTLD_LOCAL so that two kernel versions, which define the same
 * symbols, live side by side.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int xr_load_impls(const char *path, struct xr_impl_list *l, char *err,
		  size_t errlen)
{
	const struct xr_impl_ops *const *tab;
	xr_impl_entry_fn entry;
	char buf[4096];
	uint32_t nr = 0, i;
	void *h;

	/* a bare name would be searched in the library path: not meant */
	snprintf(buf, sizeof(buf), "%s%s", strchr(path, '/') ? "" : "./",
		 path);
	h = dlopen(buf, RTLD_LOCAL | RTLD_NOW);
	if (!h) {
		snprintf(err, errlen, "%s: cannot load: %s", path, dlerror());
		return -1;
	}
	*(void **)&entry = dlsym(h, XR_IMPL_ENTRY_SYMBOL);
	if (!entry) {
		snprintf(err, errlen, "%s: no symbol %s", path,
			 XR_IMPL_ENTRY_SYMBOL);
		dlclose(h);
		return -1;
	}
	tab = entry(&nr);
	if (!tab || !nr) {
		snprintf(err, errlen, "%s: %s returned no implementation",
			 path, XR_IMPL_ENTRY_SYMBOL);
		dlclose(h);
		return -1;
	}
	for (i = 0; i < nr; i++) {
		if (!tab[i] || !XR_IMPL_ABI_OK(tab[i])) {
			snprintf(err, errlen,
				 "%s: implementation %u has ABI version %u, the runner speaks %u..%u",
				 path, i, tab[i] ? tab[i]->abi_version : 0,
				 XR_IMPL_ABI_MIN, XR_IMPL_ABI_VERSION);
			return -1;
		}
		if (!tab[i]->name || !tab[i]->version || !tab[i]->create ||
		    !tab[i]->destroy || !tab[i]->step || !tab[i]->get_icp ||
		    !tab[i]->get_source) {
			snprintf(err, errlen,
				 "%s: implementation %u lacks a name, version or operation",
				 path, i);
			return -1;
		}
		if (l->nr == XR_CLI_MAX_IMPLS) {
			snprintf(err, errlen, "more than %d implementations",
				 XR_CLI_MAX_IMPLS);
			return -1;
		}
		l->path[l->nr] = path;
		l->ops[l->nr++] = tab[i];
	}
	/* the handle stays open: the tables live in it */
	return 0;
}
