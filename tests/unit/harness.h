/* harness.h: the unit-test harness. Each test file is one program whose
 * main() calls TEST(fn) for each case; it prints one line a case ("ok NAME"
 * or "FAIL NAME: file:line: expr") and exits non-zero if any failed. The
 * driver (tests/run.sh) counts those lines. */
#ifndef SG_HARNESS_H
#define SG_HARNESS_H

#include <stdio.h>
#include <string.h>

static int	 harness_failed;	/* cases that failed in this program */
static int	 harness_case_failed;	/* the current case failed */

#define CHECK(expr) do {						\
	if (!(expr)) {							\
		printf("  %s:%d: CHECK(%s)\n", __FILE__, __LINE__, #expr); \
		harness_case_failed = 1;				\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ == NULL || strcmp(g_, w_) != 0) {			\
		printf("  %s:%d: got \"%s\", want \"%s\"\n", __FILE__,	\
		    __LINE__, g_ ? g_ : "(null)", w_);			\
		harness_case_failed = 1;				\
	}								\
} while (0)

#define TEST(fn) do {							\
	harness_case_failed = 0;					\
	fn();								\
	if (harness_case_failed) {					\
		harness_failed++;					\
		printf("FAIL %s\n", #fn);				\
	} else								\
		printf("ok %s\n", #fn);					\
} while (0)

#define HARNESS_EXIT() return harness_failed ? 1 : 0

#endif
