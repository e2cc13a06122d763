/* secrets.h: the credential scan. sg_secrets_find is the pure scanner over
 * a byte buffer (secrets.c); the rest runs it over what a build reads and
 * publishes, with site.yml's allowed values (secrets_site.c). */
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

typedef void	sg_secret_fn(void *, const struct sg_secret_hit *);

/* The marker that allows the findings of one line. */
#define SG_SECRET_MARKER	"sitegen:allow-secret"

size_t		 sg_secrets_find(const char *, size_t, sg_secret_fn *, void *);
const char	*sg_secrets_rule_name(enum sg_secret_rule);
char		*sg_secrets_mask(const char *, size_t);
double		 sg_secrets_entropy(const char *, size_t);

struct sg_secrets *sg_secrets_new(struct sg_site *);
void		 sg_secrets_scan_page(struct sg_secrets *sec,
		    const struct sg_page *p);
void		 sg_secrets_scan_sources(struct sg_secrets *, struct sg_site *,
		    int);
int		 sg_secrets_scan_output(struct sg_secrets *, const char *,
		    const char *, const char *, size_t);
void		 sg_secrets_report(struct sg_secrets *);
void		 sg_secrets_free(struct sg_secrets *);

#endif
