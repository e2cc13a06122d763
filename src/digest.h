/* digest.h: the SHA-256 keys of cached results (the samples', the style
 * sheets'): what a result depends on, fed as named values and as the
 * files of folders in a fixed order, so that equal inputs give equal
 * keys and any change another. */
#ifndef SG_DIGEST_H
#define SG_DIGEST_H

#include <stddef.h>

#include <nettle/sha2.h>

#define SG_DIGEST_LEN	32		/* bytes of a key: SHA256_DIGEST_SIZE */

/* A key being made, a SHA-256 (Nettle's: OpenSSL's libcrypto, loaded by
 * every run for this alone, took 2.6 ms and 124 page faults of each
 * start on the development machine, Nettle 0.5 ms). The caller's, on
 * the stack; nothing to free. */
struct sg_digest {
	struct sha256_ctx	 ctx;
};

/* Starts m. */
void	sg_digest_init(struct sg_digest *m);

/* Writes m's key to key[0..SG_DIGEST_LEN); m must be started again to
 * be used again. */
void	sg_digest_final(struct sg_digest *m, unsigned char *key);

/* The SHA-256 of data[0..len), to key[0..SG_DIGEST_LEN). */
void	sg_digest_bytes(const void *data, size_t len, unsigned char *key);

/* Feeds "name LEN\n", data[0..len) and "\n" into m. */
void	sg_digest_feed(struct sg_digest *m, const char *name, const void *data,
	    size_t len);

/* The same for the string s (NULL feeds "") and the number v. */
void	sg_digest_str(struct sg_digest *m, const char *name, const char *s);
void	sg_digest_int(struct sg_digest *m, const char *name, long long v);

/* Feeds every regular file under dir, or only those whose names end in
 * suffix when it is not NULL, in sorted order, each named by its path
 * relative to dir; names starting with '.' are skipped, symbolic links
 * are not followed (nor fed), folders deeper than 16 are not entered.
 * Returns the number of symbolic links met. */
size_t	sg_digest_tree(struct sg_digest *m, const char *dir, const char *suffix);

/* Writes key[0..SG_DIGEST_LEN) as 64 hexadecimal digits and a NUL. */
void	sg_digest_hex(const unsigned char *key, char *out);

#endif
