/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User copies, debugfs and seq_file.  User memory is ordinary memory of
 * the adapter, so a user copy is a memcpy; debugfs files are not
 * created (nothing reads them).
 */
#ifndef XR_SHIM_MISC_H
#define XR_SHIM_MISC_H

#include <xr_shim/types.h>

#define copy_from_user(d, s, n)	(memcpy((d), (const void *)(s), (n)), 0UL)
/* FAULT-SRC-GET-USER, FAULT-SRC-PUT-USER: a copy can be made to fault */
#define get_user(x, p)		\
	(shim_fault(SHIM_FAULT_GET_USER) ? -EFAULT : ((x) = *(p), 0))
#define put_user(x, p)		\
	(shim_fault(SHIM_FAULT_PUT_USER) ? -EFAULT : (*(p) = (x), 0))

struct seq_file {
	void *private;
};
int seq_printf(struct seq_file *m, const char *fmt, ...);
int seq_puts(struct seq_file *m, const char *s);
/*
 * kasprintf: names of host interrupts (escalations) that only
 * /proc/interrupts shows; the shim keeps the format unexpanded.
 */
char *kasprintf(int gfp, const char *fmt, ...);

struct inode;
struct file;
struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
};
int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data);
#define DEFINE_SHOW_ATTRIBUTE(name) \
static int name##_open(struct inode *inode, struct file *file) \
{ \
	return single_open(file, name##_show, NULL); \
} \
static const struct file_operations name##_fops = { \
	.open = name##_open, \
}

struct dentry;
struct dentry *debugfs_create_file(const char *name, unsigned short mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops);
void debugfs_remove(struct dentry *d);

#endif /* XR_SHIM_MISC_H */
