// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "helpers.h"

void setup_default(struct xr_setup *s, uint32_t nr_vcpus)
{
	uint32_t i;

	memset(s, 0, sizeof(*s));
	s->machine = XR_POWER8;
	s->cores = 2;
	s->threads = 8;
	s->real_mode = true;
	s->bypass = true;
	s->ipi_redirect = true;
	s->nr_vcpus = nr_vcpus;
	for (i = 0; i < nr_vcpus; i++) {
		s->vcpus[i].id = i;
		s->vcpus[i].server = i;
		s->vcpus[i].has_icp = true;
		s->vcpus[i].cpu = (int32_t)i;
	}
}

void add_source(struct xr_setup *s, uint32_t irq, bool lsi, uint32_t server,
		uint8_t prio)
{
	struct xr_source_cfg *c = &s->sources[s->nr_sources++];

	c->irq = irq;
	c->lsi = lsi;
	c->server = server;
	c->prio = prio;
}

struct xr_model *model_new(const struct xr_setup *s, enum xr_context ctx)
{
	char err[256] = "";
	struct xr_model *m = xr_model_create(s, ctx, err, sizeof(err));

	if (!m)
		fail_msg("xr_model_create: %s", err);
	return m;
}

struct xr_icp_state icp_of(struct xr_model *m, uint32_t vcpu)
{
	struct xr_icp_state st;

	assert_true(xr_model_icp(m, vcpu, &st));
	return st;
}

struct xr_source_state src_of(struct xr_model *m, uint32_t irq)
{
	struct xr_source_state st;

	assert_true(xr_model_source(m, irq, &st));
	return st;
}

static const char *const kind_name[] = {
	"raise", "lower", "msgsnd", "ipi", "kick", "hw-eoi", "retarget",
	"ack", "mer",
};

static void print_events(const struct xr_events *ev)
{
	uint32_t i;

	for (i = 0; i < ev->nr; i++)
		print_message("  event %u: %s %u %u\n", i,
			      kind_name[ev->ev[i].kind], ev->ev[i].a,
			      ev->ev[i].b);
}

void expect_events(struct xr_model *m, uint32_t nr, ...)
{
	const struct xr_events *ev = xr_model_events(m);
	va_list ap;
	uint32_t i;

	if (ev->nr != nr || ev->overflow)
		print_events(ev);
	assert_false(ev->overflow);
	assert_int_equal(ev->nr, nr);
	va_start(ap, nr);
	for (i = 0; i < nr; i++) {
		unsigned int k = va_arg(ap, unsigned int);
		unsigned int a = va_arg(ap, unsigned int);
		unsigned int b = va_arg(ap, unsigned int);

		if (ev->ev[i].kind != k || ev->ev[i].a != a ||
		    ev->ev[i].b != b)
			print_events(ev);
		assert_int_equal(ev->ev[i].kind, k);
		assert_int_equal(ev->ev[i].a, a);
		assert_int_equal(ev->ev[i].b, b);
	}
	va_end(ap);
}
