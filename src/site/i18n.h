/* i18n.h: the words a theme and sitegen itself show a reader (Next,
 * Contents, Note, the names of the months), in the site's language.
 *
 * They come from i18n/LANG.yml (or .yaml) of the site, then of its theme,
 * for the language of site.yml (pt-br), then its first part (pt), then
 * English (en): the first file in that order that has a key gives it.
 * Each file is a map from keys to texts; a text that depends on a count
 * is a map of forms: "one" for a count of 1, "other" for the rest, and
 * "zero", when given, for 0; "{count}" in a text stands for the count.
 * "months" is the list of the twelve months' names that dates use for
 * %B. */
#ifndef SG_I18N_H
#define SG_I18N_H

#include <stddef.h>
#include <time.h>

struct sg_site;
struct sg_value;
struct sg_i18n;

/* Reads the files of site->config.language into site->config.i18n (set
 * even when no file exists: every lookup then misses). Call once the
 * theme is known. Returns 0, or -1 after reporting each problem at its
 * file:line:col (a value that is neither a text nor forms by count, a
 * "months" that is not a list of twelve texts, a file that does not
 * parse or is not a regular file inside its folder). */
int		 sg_i18n_load(struct sg_site *site);

/* Frees t and what it read; NULL is fine. */
void		 sg_i18n_free(struct sg_i18n *t);

/* The value of key (a scalar, or a map of forms by count), borrowed from
 * t, or NULL when no file has it (or t is NULL). */
const struct sg_value *sg_i18n_get(const struct sg_i18n *t, const char *key);

/* The text of v (sg_i18n_get's) for count n (n < 0: no count; the form
 * "other", or the text itself), borrowed from v; NULL for NULL. */
const char	*sg_i18n_form(const struct sg_value *v, long n);

/* The text of key for count n, as sg_i18n_form gives it; borrowed from
 * t. Without the key, english. */
const char	*sg_i18n_text(const struct sg_i18n *t, const char *key,
		    long n, const char *english);

/* The text of key for the number n, with n in place of "{n}" and total
 * in place of "{total}" ("page {n} of {total}"), or english so filled
 * in when no file has key. The caller frees it. */
char		*sg_i18n_format(const struct sg_i18n *t, const char *key,
		    const char *english, size_t n, size_t total);

/* The title of an alert of kind (enum sg_alert_kind: note, tip,
 * important, warning, caution): the text of "alert_note" … in the
 * language, else English. Borrowed from t, or static. */
const char	*sg_i18n_alert(const struct sg_i18n *t, int kind);

/* The number of keys, and key i (0 .. that - 1, in byte order) with its
 * value in *v: for the templates' model. Borrowed from t. */
size_t		 sg_i18n_len(const struct sg_i18n *t);
const char	*sg_i18n_key(const struct sg_i18n *t, size_t i,
		    const struct sg_value **v);

/* Where a key is looked up, for messages: "i18n/ja.yml or
 * themes/default/i18n/en.yml", or the files that would be; static to t. */
const char	*sg_i18n_where(const struct sg_i18n *t);

/* strftime(3) into buf (size bytes, NUL-terminated), with %B the name
 * of the month from "months" when the files give them. Returns the
 * length, or 0 when the result does not fit or is empty. */
size_t		 sg_i18n_strftime(const struct sg_i18n *t, char *buf,
		    size_t size, const char *fmt, const struct tm *tm);

#endif
