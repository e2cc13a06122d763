/* path.h: pure helpers for paths inside the site and for slugs. */
#ifndef SG_PATH_H
#define SG_PATH_H

/* Joins a and b with one '/'; an empty or "." a gives b. The caller frees. */
char	*sg_path_join(const char *a, const char *b);

/* Removes "." and empty components and folds "dir/.." in p. A leading '/'
 * and a trailing '/' are kept. Returns a new string, or NULL when the path
 * climbs above its start (a relative "../x", or "/.."): such a path would
 * leave the tree it is relative to. */
char	*sg_path_normalize(const char *p);

/* The same into out, which has room for strlen(p) + 1 bytes and may be
 * p itself (normalised in place); returns out, or NULL (out's bytes then
 * undefined). */
char	*sg_path_normalize_in(char *out, const char *p);

/* The directory part of p ("a/b" for "a/b/c.md", "" for "c.md"). */
char	*sg_path_dir(const char *p);

/* The last component of p, borrowed from p. */
const char *sg_path_base(const char *p);

/* The URL path for the file path p: every byte but ASCII letters,
 * digits, '-', '.', '_', '~' and '/' percent-encoded (spaces, newlines,
 * '%', '#', '?', quotes, non-ASCII and invalid UTF-8 alike), so that it
 * is one well-formed URL in HTML, the sitemap and the feed. The caller
 * frees. */
char	*sg_path_url(const char *p);

/* A URL slug for s: ASCII letters lowered, letters, digits and any
 * non-ASCII bytes kept, apostrophes dropped, every other run of
 * characters one '-', no '-' at either end. An empty result becomes
 * "_". The caller frees. */
char	*sg_slugify(const char *s);

/* A heading id as GitHub makes it: letters and digits (any script)
 * lowered, '-' and '_' kept, each space a '-', everything else (other
 * punctuation, symbols, invalid UTF-8) dropped. Never empty ("section"
 * stands in). The caller frees. */
char	*sg_heading_id(const char *s);

/* Is path, its links followed, a regular file inside the folder dir
 * (below it, not dir itself) that no dotfile leads to? What a link may
 * lead to, to be published (assets.c), and what a handout may show. */
int	 sg_path_file_inside(const char *dir, const char *path);

#endif
