// SPDX-License-Identifier: GPL-2.0-only
/*
 * The interleaving of one execution as text: one line per access that
 * matters (decision points, atomics, locks, barriers, stores made
 * visible), which CPU made it, in which kernel function and line, to
 * which location, with which value.  Only recorded when asked
 * (XR_PAR_TRACE: the replay of a failing schedule).  Code addresses are
 * turned into "function file:line" by addr2line from binutils; without
 * it the trace shows offsets into the shared object.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs.h"

void xs_trace(uint8_t kind, uintptr_t addr, uint32_t size, uint64_t val,
	      uint64_t old, uint8_t arg, void *pc)
{
	struct xs_engine *e = xs_cur;
	struct xs_trec *t;

	if (!(e->ex->flags & XR_PAR_TRACE))
		return;
	if (e->ntrace == e->trace_cap) {
		uint32_t cap = e->trace_cap ? 2 * e->trace_cap : 1024;
		struct xs_trec *n = realloc(e->trace, cap * sizeof(*n));

		if (!n)
			return;
		e->trace = n;
		e->trace_cap = cap;
	}
	t = &e->trace[e->ntrace++];
	t->kind = kind;
	t->cpu = (uint8_t)e->cur;
	t->size = (uint8_t)size;
	t->arg = arg;
	t->pc = pc;
	t->addr = addr;
	t->val = val;
	t->old = old;
}

/* Symbols of code addresses, asked of addr2line once per address */
struct sym {
	void *pc;
	char text[96];
};

static struct sym *syms;
static uint32_t nsyms, cap_syms;

static void sym_lookup(void *pc, char *buf, size_t len)
{
	Dl_info info;
	char cmd[4200], line[512] = "", func[256] = "";
	unsigned long off;
	FILE *p;

	if (!dladdr(pc, &info) || !info.dli_fname) {
		snprintf(buf, len, "%p", pc);
		return;
	}
	off = (unsigned long)((char *)pc - (char *)info.dli_fbase);
	/* the call's return address: the line is that of the call */
	snprintf(cmd, sizeof(cmd), "addr2line -f -i -e '%s' %#lx 2>/dev/null",
		 info.dli_fname, off - 1);
	p = popen(cmd, "r");
	/*
	 * addr2line -i lists the inlined frames innermost first: the first
	 * one that is not a shim helper (hooks.h: READ_ONCE, set_bit, ...)
	 * is the kernel line that made the access.
	 */
	while (p && fgets(func, sizeof(func), p) && fgets(line, sizeof(line), p))
		if (!strstr(line, "/shim/include/"))
			break;
	if (p && func[0] && line[0]) {
		char *base, *nl;

		func[strcspn(func, "\n")] = '\0';
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		nl = strstr(line, " (discriminator");
		if (nl)
			*nl = '\0';
		base = strrchr(line, '/');
		snprintf(buf, len, "%s %s", func, base ? base + 1 : line);
	} else {
		snprintf(buf, len, "+%#lx", off);
	}
	if (p)
		pclose(p);
}

void xs_symbolize(void *pc, char *buf, size_t len)
{
	uint32_t i;

	if (!pc) {
		snprintf(buf, len, "-");
		return;
	}
	for (i = 0; i < nsyms; i++)
		if (syms[i].pc == pc) {
			snprintf(buf, len, "%s", syms[i].text);
			return;
		}
	sym_lookup(pc, buf, len);
	if (nsyms == cap_syms) {
		uint32_t cap = cap_syms ? 2 * cap_syms : 256;
		struct sym *n = realloc(syms, cap * sizeof(*n));

		if (!n)
			return;
		syms = n;
		cap_syms = cap;
	}
	syms[nsyms].pc = pc;
	snprintf(syms[nsyms].text, sizeof(syms[nsyms].text), "%s", buf);
	nsyms++;
}

struct out {
	char *buf;
	size_t len, n;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (o->n + 1 >= o->len)
		return;
	va_start(ap, fmt);
	r = vsnprintf(o->buf + o->n, o->len - o->n, fmt, ap);
	va_end(ap);
	if (r > 0)
		o->n = o->n + (size_t)r < o->len ? o->n + (size_t)r : o->len - 1;
}

static const char *const barrier_name[] = {
	"smp_mb()", "smp_rmb()", "smp_wmb()", "iosync()",
};

static const char *const atomic_name[] = {
	"load", "store", "xchg", "add", "sub", "and", "or", "xor", "nand",
	"cmpxchg",
};

static void where(struct xs_engine *e, uintptr_t addr, char *buf, size_t len)
{
	if (!e->host->name || !e->host->name(e->host->ctx, addr, buf, len))
		snprintf(buf, len, "%#lx", (unsigned long)addr);
}

void xs_trace_render(struct xs_engine *e)
{
	struct out o = { e->ex->trace, e->ex->trace_len, 0 };
	char fn[112], loc[80];
	uint32_t i;

	if (!o.buf || !o.len)
		return;
	o.buf[0] = '\0';
	for (i = 0; i < e->ntrace; i++) {
		const struct xs_trec *t = &e->trace[i];
		uint32_t cpu = e->cpu[t->kind == XS_T_FLUSH ? t->arg : t->cpu].cpu;

		xs_symbolize(t->pc, fn, sizeof(fn));
		switch (t->kind) {
		case XS_T_START:
			put(&o, "  cpu %-3u starts%s\n", cpu,
			    t->arg ? " (host work an IPI or doorbell started)" : "");
			continue;
		case XS_T_END:
			put(&o, "  cpu %-3u finishes\n", cpu);
			continue;
		case XS_T_SWITCH:
			put(&o, "  ---- cpu %u runs ----\n", (unsigned)t->val);
			continue;
		case XS_T_BARRIER:
			put(&o, "  cpu %-3u %-44s %s\n", cpu, fn,
			    barrier_name[t->arg & 3]);
			continue;
		default:
			break;
		}
		where(e, t->addr, loc, sizeof(loc));
		switch (t->kind) {
		case XS_T_READ:
			put(&o, "  cpu %-3u %-44s read  %s = %#llx%s\n", cpu, fn,
			    loc, (unsigned long long)t->val,
			    t->arg ? " (READ_ONCE)" : "");
			break;
		case XS_T_WRITE:
			put(&o, "  cpu %-3u %-44s write %s = %#llx\n", cpu, fn,
			    loc, (unsigned long long)t->val);
			break;
		case XS_T_BUFFERED:
			put(&o, "  cpu %-3u %-44s write %s = %#llx   [waits in cpu %u's store buffer]\n",
			    cpu, fn, loc, (unsigned long long)t->val, cpu);
			break;
		case XS_T_FLUSH:
			put(&o, "  cpu %-3u %-44s       %s = %#llx   [cpu %u's store becomes visible]\n",
			    e->cpu[t->cpu].cpu, "", loc,
			    (unsigned long long)t->val, cpu);
			break;
		case XS_T_ATOMIC:
			put(&o, "  cpu %-3u %-44s %s %s: %#llx -> %#llx\n", cpu,
			    fn, atomic_name[t->arg < 10 ? t->arg : 0], loc,
			    (unsigned long long)t->old,
			    (unsigned long long)t->val);
			break;
		case XS_T_LOCK:
			put(&o, "  cpu %-3u %-44s lock %s\n", cpu, fn, loc);
			break;
		case XS_T_UNLOCK:
			put(&o, "  cpu %-3u %-44s unlock %s\n", cpu, fn, loc);
			break;
		case XS_T_WAIT:
			put(&o, "  cpu %-3u %-44s waits for %s\n", cpu, fn, loc);
			break;
		default:
			break;
		}
	}
}
