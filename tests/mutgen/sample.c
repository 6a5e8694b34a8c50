// SPDX-License-Identifier: GPL-2.0-only
/*
 * Input of the mutant generator's self-test (mk/mutate.mk,
 * mutgen-selftest): the C shapes of the kernel XICS code the generator
 * must read right.  Its mutants and their stable IDs must be exactly
 * sample.expected, and the file written with every point grouped must
 * compile to the machine code of this one.
 */
#define MASKED	0xff
#define FLAG_A	0x1
#define NULL	((void *)0)
#define XICS_DBG(...)	do { } while (0)

struct st { unsigned int a:8, b:8; int c; };

static int helper(int x)
{
	return x > 0;
}

static int decide(struct st *s, unsigned int prio, int *reject)
{
	struct st old = *s, *p = &old;
	unsigned long flags;
	int i, n = 0;

	XICS_DBG("decide %d\n", prio + 1);
	*reject = 0;
	if (s->a > prio && s->b >= prio && !s->c)
		n = (int)-s->a;
	else
		n |= FLAG_A;
	for (i = 0; i < 4; i++)
		n += i << 2;
	do {
		p->c = s->c ? MASKED : 0;
	} while (!helper(n--));
	switch (prio) {
	case MASKED:
		return -1;
	default:
		break;
	}
	return n & ~FLAG_A;
}

static int *pick(int *a, int *b)
{
	if (a == NULL)
		return b;
	return a;
}

int untouched(int x);

int untouched(int x)
{
	struct st s = { 0 };
	int r;

	return decide(&s, x, &r) + !pick(&r, &x) + (x < 3);
}
