// SPDX-License-Identifier: GPL-2.0-only
/*
 * The adapter's passthrough steps (user side): passthru (arg2 = count,
 * passthru-fill), unpassthru, hwirq, through xr_api/xk_api.h.
 */
#include <stdio.h>

#include <xicsref/impl.h>
#include <xk_api.h>

enum xr_status xr_kpt_step(struct xk_vm *vm, const struct xr_step *st,
			   struct xr_result *res, char *err, size_t errlen);

/* kvmppc_read_intr's result */
static enum xr_path path_of(long r)
{
	switch (r) {
	case 0: return XR_PATH_NONE;
	case 1: return XR_PATH_HOST;
	case 2: return XR_PATH_HOST_COMPLETE;
	case -1: return XR_PATH_GUEST_IPI;
	default: return XR_PATH_HANDLED;
	}
}

enum xr_status xr_kpt_step(struct xk_vm *vm, const struct xr_step *st,
			   struct xr_result *res, char *err, size_t errlen)
{
	long r;

	switch (st->kind) {
	case XR_STEP_PASSTHRU:
		res->rc = xk_passthru(vm, (unsigned int)st->arg[0],
				      (unsigned int)st->arg[1],
				      st->arg[2] ? (unsigned int)st->arg[2] : 1);
		return XR_OK;
	case XR_STEP_UNPASSTHRU:
		res->rc = xk_unpassthru(vm, (unsigned int)st->arg[0]);
		return XR_OK;
	default:
		break;
	}
	if (st->arg[1] > 0x7fffffff ||
	    xk_hwirq(vm, (unsigned int)st->arg[0], (int)st->arg[1],
		     st->arg[2] & 1, (unsigned int)(st->arg[2] >> 32) & 0xffffff,
		     &r, err, errlen)) {
		snprintf(err, errlen, "kernel: hwirq %llu cpu %llu cannot run "
			 "(no such CPU, or the VCPU there has no ICP and the "
			 "kernel would dereference it)",
			 (unsigned long long)st->arg[0],
			 (unsigned long long)st->arg[1]);
		return XR_FAILED;
	}
	if (r < -2 || r > 2) {
		snprintf(err, errlen, "kernel: kvmppc_read_intr returned %ld",
			 r);
		return XR_FAILED;
	}
	res->path = path_of(r);
	return XR_OK;
}
