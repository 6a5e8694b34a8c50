/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers for the CMocka unit tests of the model: a default
 * machine, source definitions, state and event checks.
 */
#ifndef XICSREF_UNIT_HELPERS_H
#define XICSREF_UNIT_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <xicsref/model.h>

/* power8 cores=2 threads=8, VCPUs 0..nr-1 with server = cpu = number */
void setup_default(struct xr_setup *s, uint32_t nr_vcpus);
void add_source(struct xr_setup *s, uint32_t irq, bool lsi, uint32_t server,
		uint8_t prio);
struct xr_model *model_new(const struct xr_setup *s, enum xr_context ctx);

struct xr_icp_state icp_of(struct xr_model *m, uint32_t vcpu);
struct xr_source_state src_of(struct xr_model *m, uint32_t irq);

/* The events of the last step must be exactly @nr (kind, a, b) triples */
void expect_events(struct xr_model *m, uint32_t nr, ...);

#define EV(k, a, b)	(k), (a), (b)

#endif /* XICSREF_UNIT_HELPERS_H */
