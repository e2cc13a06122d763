/* digest.c: keys of cached results (digest.h). */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "path.h"
#include "util.h"

#define MAX_DEPTH	16

void
sg_digest_init(struct sg_digest *m)
{
	sha256_init(&m->ctx);
}

void
sg_digest_final(struct sg_digest *m, unsigned char *key)
{
	sha256_digest(&m->ctx, SG_DIGEST_LEN, key);
}

void
sg_digest_bytes(const void *data, size_t len, unsigned char *key)
{
	struct sha256_ctx	 ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SG_DIGEST_LEN, key);
}

void
sg_digest_feed(struct sg_digest *m, const char *name, const void *data, size_t len)
{
	char	 head[96];
	int	 n;

	n = snprintf(head, sizeof(head), "%s %zu\n", name, len);
	sha256_update(&m->ctx, (size_t)n, (const uint8_t *)head);
	sha256_update(&m->ctx, len, data);
	sha256_update(&m->ctx, 1, (const uint8_t *)"\n");
}

void
sg_digest_str(struct sg_digest *m, const char *name, const char *s)
{
	sg_digest_feed(m, name, s ? s : "", s ? strlen(s) : 0);
}

void
sg_digest_int(struct sg_digest *m, const char *name, long long v)
{
	char	 num[32];

	snprintf(num, sizeof(num), "%lld", v);
	sg_digest_str(m, name, num);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t
feed_dir(struct sg_digest *m, const char *dir, const char *rel,
    const char *suffix, int depth)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		**names = NULL, *path, *sub, *text;
	size_t		 n = 0, i, len, links = 0;

	if (depth > MAX_DEPTH || (d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	sg_sort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		path = sg_path_join(dir, names[i]);
		sub = sg_path_join(rel, names[i]);
		if (lstat(path, &st) == -1)
			;
		else if (S_ISLNK(st.st_mode))
			links++;
		else if (S_ISDIR(st.st_mode))
			links += feed_dir(m, path, sub, suffix, depth + 1);
		else if (S_ISREG(st.st_mode) && (suffix == NULL ||
		    sg_ends_with(names[i], suffix))) {
			if ((text = sg_file_read(path, &len)) != NULL)
				sg_digest_feed(m, sub, text, len);
			else
				sg_digest_str(m, sub, "(unreadable)");
			free(text);
		}
		free(path);
		free(sub);
		free(names[i]);
	}
	free(names);
	return links;
}

size_t
sg_digest_tree(struct sg_digest *m, const char *dir, const char *suffix)
{
	return feed_dir(m, dir, "", suffix, 0);
}

void
sg_digest_hex(const unsigned char *key, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	int			 i;

	for (i = 0; i < SG_DIGEST_LEN; i++) {
		out[2 * i] = digits[key[i] >> 4];
		out[2 * i + 1] = digits[key[i] & 15];
	}
	out[2 * SG_DIGEST_LEN] = '\0';
}
