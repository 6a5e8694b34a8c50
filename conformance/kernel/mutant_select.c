// SPDX-License-Identifier: GPL-2.0-only
/*
 * The run-time switch of generated mutants (docs/mutation.md).  A kernel
 * file written as a mutant schema (conformance/mutate/gen/) asks, at
 * each mutation point, which alternative is on:
 *
 *   XICSREF_MUTANT=TAG:POINT:ALT   that alternative of that point of
 *                                  file TAG; every other point keeps its
 *                                  original code (0)
 *   XICSREF_MUT_REACH=FILE         mark each point reached in FILE
 *                                  (one byte per TAG * 65536 + POINT,
 *                                  shared by the runner's children)
 *
 * An unmodified kernel file never calls it; it costs nothing there.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define XR_MUT_TAGS	8
#define XR_MUT_POINTS	65536

static int mut_tag = -1, mut_point, mut_alt, mut_ready;
static unsigned char *mut_reach;

static void mut_init(void)
{
	const char *on = getenv("XICSREF_MUTANT");
	const char *reach = getenv("XICSREF_MUT_REACH");
	size_t len = (size_t)XR_MUT_TAGS * XR_MUT_POINTS;

	mut_ready = 1;
	if (on && *on && sscanf(on, "%d:%d:%d", &mut_tag, &mut_point,
				&mut_alt) != 3) {
		fprintf(stderr, "xicsref: XICSREF_MUTANT=%s: want TAG:POINT:ALT\n", on);
		abort();
	}
	if (reach && *reach) {
		int fd = open(reach, O_RDWR | O_CREAT, 0644);
		void *m;

		if (fd < 0 || ftruncate(fd, (off_t)len)) {
			fprintf(stderr, "xicsref: XICSREF_MUT_REACH=%s: cannot open\n", reach);
			abort();
		}
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
		if (m == MAP_FAILED) {
			fprintf(stderr, "xicsref: XICSREF_MUT_REACH=%s: cannot map\n", reach);
			abort();
		}
		mut_reach = m;
	}
}

int xr_mut_sel(int tag, int point);

int xr_mut_sel(int tag, int point)
{
	if (!mut_ready)
		mut_init();
	if (mut_reach && tag >= 0 && tag < XR_MUT_TAGS && point >= 0 &&
	    point < XR_MUT_POINTS)
		mut_reach[(size_t)tag * XR_MUT_POINTS + point] = 1;
	return tag == mut_tag && point == mut_point ? mut_alt : 0;
}
