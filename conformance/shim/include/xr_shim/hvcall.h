/* SPDX-License-Identifier: GPL-2.0-only */
/* PAPR hypervisor call numbers and return codes (asm/hvcall.h values) */
#ifndef XR_SHIM_HVCALL_H
#define XR_SHIM_HVCALL_H

#define H_SUCCESS	0
#define H_HARDWARE	-1
#define H_PARAMETER	-4
#define H_NOT_AVAILABLE	-54
#define H_UNSUPPORTED	-67
#define H_TOO_HARD	9999

#define H_EOI		0x64
#define H_CPPR		0x68
#define H_IPI		0x6c
#define H_IPOLL		0x70
#define H_XIRR		0x74
#define H_XIRR_X	0x2fc
#define H_RTAS		0xf000

/* RTAS argument buffer (asm/rtas-types.h) */
typedef __be32 rtas_arg_t;
struct rtas_args {
	__be32 token;
	__be32 nargs;
	__be32 nret;
	rtas_arg_t args[16];
	rtas_arg_t *rets;
} __aligned(8);

#endif /* XR_SHIM_HVCALL_H */
