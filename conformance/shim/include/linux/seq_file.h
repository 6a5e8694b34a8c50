/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/seq_file.h>: see xr_shim/all.h */
#ifndef XR_SHIM_LINUX_SEQ_FILE_H
#define XR_SHIM_LINUX_SEQ_FILE_H
#include <xr_shim/all.h>
#endif
