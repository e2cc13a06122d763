/* build.h: the commands that build: build and check. */
#ifndef SG_BUILD_H
#define SG_BUILD_H

struct sg_options;

int	sg_build(const struct sg_options *);

#endif
