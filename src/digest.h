/* digest.h: the SHA-256 keys of cached results (the samples', the style
 * sheets'): what a result depends on, fed as named values and as the
 * files of folders in a fixed order, so that equal inputs give equal
 * keys and any change another. */
#ifndef SG_DIGEST_H
#define SG_DIGEST_H

#include <stddef.h>

#include <openssl/evp.h>

#define SG_DIGEST_LEN	32		/* bytes of a key */

/* Feeds "name LEN\n", data[0..len) and "\n" into m. */
void	sg_digest_feed(EVP_MD_CTX *m, const char *name, const void *data,
	    size_t len);

/* The same for the string s (NULL feeds "") and the number v. */
void	sg_digest_str(EVP_MD_CTX *m, const char *name, const char *s);
void	sg_digest_int(EVP_MD_CTX *m, const char *name, long long v);

/* Feeds every regular file under dir, or only those whose names end in
 * suffix when it is not NULL, in sorted order, each named by its path
 * relative to dir; names starting with '.' are skipped, symbolic links
 * are not followed (nor fed), folders deeper than 16 are not entered.
 * Returns the number of symbolic links met. */
size_t	sg_digest_tree(EVP_MD_CTX *m, const char *dir, const char *suffix);

/* Writes key[0..SG_DIGEST_LEN) as 64 hexadecimal digits and a NUL. */
void	sg_digest_hex(const unsigned char *key, char *out);

#endif
