/* secrets.h: the credential scan. sg_secrets_find is the pure scanner over
 * a byte buffer (its rules in secrets.c, its prefilter in secrets_scan.c);
 * the rest runs it over what a build reads and publishes, with site.yml's
 * allowed values (secrets_site.c). */
#ifndef SG_SECRETS_H
#define SG_SECRETS_H

#include <stddef.h>

struct sg_page;
struct sg_site;
struct sg_secrets;

enum sg_secret_rule {
	SG_SECRET_AWS_KEY_ID,		/* AKIA…, ASIA…: an access key id */
	SG_SECRET_AWS_SECRET,		/* 40 characters by an aws/secret name */
	SG_SECRET_PRIVATE_KEY,		/* -----BEGIN … PRIVATE KEY----- */
	SG_SECRET_GITHUB,		/* ghp_, gho_, ghu_, ghs_, ghr_, github_pat_ */
	SG_SECRET_SLACK_TOKEN,		/* xoxb-, xoxp-, xoxa-, xoxr- */
	SG_SECRET_SLACK_WEBHOOK,	/* https://hooks.slack.com/services/… */
	SG_SECRET_STRIPE,		/* sk_live_, rk_live_ */
	SG_SECRET_GOOGLE_API,		/* AIza + 35 */
	SG_SECRET_JWT,			/* eyJ….eyJ….signature */
	SG_SECRET_GENERIC,		/* password = "high-entropy value" */
	SG_SECRET__COUNT
};

/* One finding: the value is buf[off..off+len). */
struct sg_secret_hit {
	enum sg_secret_rule	 rule;
	size_t			 off;
	size_t			 len;
};

typedef void	sg_secret_fn(void *arg, const struct sg_secret_hit *hit);

/* The marker that allows the findings of one line. */
#define SG_SECRET_MARKER	"sitegen:allow-secret"

/* Calls fn for every credential in buf[0..len), in order, and returns
 * how many it found. Never reads past len; needs no NUL. */
size_t		 sg_secrets_find(const char *buf, size_t len, sg_secret_fn *fn,
	    void *arg);

/* The rule's name for messages: "aws-access-key-id", … */
const char	*sg_secrets_rule_name(enum sg_secret_rule r);

/* The value v[0..n) as a message may show it: the first and last four
 * characters kept (two of a value shorter than 16), the rest starred.
 * The caller frees. */
char		*sg_secrets_mask(const char *v, size_t n);

/* Shannon entropy of s[0..n) in bits per byte. */
double		 sg_secrets_entropy(const char *s, size_t n);

/* Reads secrets: from site.yml: allow, a list of exact values. Reports
 * wrong types at their lines. Never NULL; sg_secrets_free frees it. */
struct sg_secrets *sg_secrets_new(struct sg_site *site);

/* Scans page p's text (front matter included), and notes the files it
 * includes from elsewhere for sg_secrets_scan_sources. The Markdown stage
 * calls it for every published page as it parses it: the last time every
 * text is in memory at once. Safe from several threads. */
void		 sg_secrets_scan_page(struct sg_secrets *sec,
		    const struct sg_page *p);

/* Scans the other sources: every file of content/ that is not a page,
 * and the files pages include from elsewhere in the site (noted by
 * sg_secrets_scan_page, which scanned the pages). Findings are kept for
 * sg_secrets_report; call this before any output is scanned. */
void		 sg_secrets_scan_sources(struct sg_secrets *sec,
		    struct sg_site *site, int jobs);

/* Scans the output file rel (data[0..len)) before it is written. blame
 * is the source it is a copy of (a static file), or NULL. Safe from
 * several threads once the sources are scanned. Returns the number of
 * findings reported (0: the file may be published). */
int		 sg_secrets_scan_output(struct sg_secrets *sec, const char *rel,
		    const char *blame, const char *data, size_t len);

/* Reports the findings in sources that are not allowed, and warns of
 * allowed values found nowhere. Call once everything was scanned. */
void		 sg_secrets_report(struct sg_secrets *sec);

/* Frees sec and its findings; NULL does nothing. */
void		 sg_secrets_free(struct sg_secrets *sec);

#endif
