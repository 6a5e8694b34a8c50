/* SPDX-License-Identifier: GPL-2.0-only */
/* Doubly linked lists with the kernel's names (RTAS tokens, ack notifiers) */
#ifndef XR_SHIM_LIST_H
#define XR_SHIM_LIST_H

#include <xr_shim/types.h>

struct list_head {
	struct list_head *next, *prev;
};
struct hlist_node {
	struct hlist_node *next, **pprev;
};
struct hlist_head {
	struct hlist_node *first;
};

#define INIT_LIST_HEAD(h)	do { (h)->next = (h); (h)->prev = (h); } while (0)

static inline int list_empty(const struct list_head *h)
{
	return h->next == h;
}

static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}

static inline void list_del(struct list_head *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
	e->next = e->prev = NULL;
}

static inline int hlist_empty(const struct hlist_head *h)
{
	return !h->first;
}

#define list_entry(p, t, m)	container_of(p, t, m)
#define list_for_each_entry(pos, head, m) \
	for (pos = list_entry((head)->next, __typeof__(*pos), m); \
	     &pos->m != (head); \
	     pos = list_entry(pos->m.next, __typeof__(*pos), m))
#define list_for_each_entry_safe(pos, n, head, m) \
	for (pos = list_entry((head)->next, __typeof__(*pos), m), \
	     n = list_entry(pos->m.next, __typeof__(*pos), m); \
	     &pos->m != (head); \
	     pos = n, n = list_entry(n->m.next, __typeof__(*n), m))

#endif /* XR_SHIM_LIST_H */
