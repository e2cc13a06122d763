/* secrets.c: the credential scanner's rules, each looking around one
 * anchor byte that secrets_scan.c finds. Hand-written: the rules are
 * those gitleaks and trufflehog publish, but their engines are Go
 * regular expressions, and no C library scans for them. No rule ever
 * backtracks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/secrets.h"
#include "check/secrets_int.h"
#include "util.h"

static const char *const rule_names[SG_SECRET__COUNT] = {
	"aws-access-key-id",
	"aws-secret-access-key",
	"private-key",
	"github-token",
	"slack-token",
	"slack-webhook",
	"stripe-live-key",
	"google-api-key",
	"jwt",
	"generic-secret"
};

const unsigned char sec_anchors[256] = {
	['A'] = 1, ['B'] = 1, ['J'] = 1, ['x'] = 1, ['_'] = 1, ['='] = 1,
	[':'] = 1
};

#define MAX_VALUE	256	/* longest value an assignment may have */

/* What each byte can be part of (generated once from the definitions
 * in the comments; a table, as these tests run for every name byte). */
#define C_NAME		0x01	/* a name: [A-Za-z0-9_.-] */
#define C_ALNUM		0x02	/* [A-Za-z0-9] */
#define C_B64		0x04	/* base64: [A-Za-z0-9+/] */
#define C_B64URL	0x08	/* base64url: [A-Za-z0-9_-] */
#define C_UPPER32	0x10	/* base32: [A-Z2-7] */
#define C_BARE		0x20	/* an unquoted value: names and ~+/=!@#%^* */
#define C_QUOTED	0x40	/* a quoted value: past ' ', not '<' or DEL */

static const unsigned char cls[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x60, 0x40, 0x60, 0x40, 0x60, 0x40, 0x40, 0x40, 0x40, 0x60, 0x64, 0x40, 0x69, 0x61, 0x64,
	0x6f, 0x6f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x6f, 0x6f, 0x40, 0x40, 0x00, 0x60, 0x40, 0x40,
	0x60, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f,
	0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x40, 0x40, 0x40, 0x60, 0x69,
	0x40, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f,
	0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x6f, 0x40, 0x40, 0x40, 0x60, 0x00,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
};

/* Is byte c in class k (one of C_*)? */
#define is(c, k)	(cls[(unsigned char)(c)] & (k))

static int
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does s[i..) start with the string literal lit? (A macro, so that the
 * compiler sees the length and inlines the comparison.) */
#define at(s, len, i, lit)	((i) <= (len) && (len) - (i) >=	\
	sizeof(lit) - 1 && memcmp((s) + (i), lit, sizeof(lit) - 1) == 0)

/* Case-insensitive search for lit (lower case) in s[0..n). */
static int
contains(const unsigned char *s, size_t n, const char *lit)
{
	size_t	 k = strlen(lit), i, j;

	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k && lower(s[i + j]) == (unsigned char)lit[j];
		    j++)
			;
		if (j == k)
			return 1;
	}
	return 0;
}

double
sg_secrets_entropy(const char *s, size_t n)
{
	size_t	 count[256] = { 0 }, i;
	double	 h = 0, p;

	for (i = 0; i < n; i++)
		count[(unsigned char)s[i]]++;
	for (i = 0; i < 256; i++)
		if (count[i]) {
			p = (double)count[i] / (double)n;
			h -= p * log2(p);
		}
	return h;
}

/* A run of random-looking characters: not a placeholder like xxxx. */
static int
random_enough(const unsigned char *s, size_t n)
{
	return sg_secrets_entropy((const char *)s, n) >= 2.5;
}

/* The length of the run of class-k bytes at s[i], at most max. */
static size_t
span(const unsigned char *s, size_t len, size_t i, unsigned int k,
    size_t max)
{
	size_t	 j = i;

	while (j < len && j - i < max && is(s[j], k))
		j++;
	return j - i;
}

static int
hit(struct sg_secret_hit *h, enum sg_secret_rule rule, size_t off,
    size_t len)
{
	h->rule = rule;
	h->off = off;
	h->len = len;
	return 1;
}

/* 'A': AWS access key ids and Google API keys. */
static int
rule_a(const unsigned char *s, size_t len, size_t i, struct sg_secret_hit *h)
{
	static const char *const ids[] = { "AKIA", "ASIA", "AGPA", "AIDA",
	    "AROA", "ANPA", "ANVA", "AIPA", "ABIA", "ACCA", NULL };
	size_t	 k;
	int	 id = 0;

	if (i > 0 && is(s[i - 1], C_ALNUM))
		return 0;
	if (at(s, len, i, "AIza")) {
		if (span(s, len, i + 4, C_B64URL, 36) == 35 &&
		    random_enough(s + i + 4, 35))
			return hit(h, SG_SECRET_GOOGLE_API, i, 39);
		return 0;
	}
	for (k = 0; ids[k] && i + 4 <= len; k++)
		if (!memcmp(s + i, ids[k], 4))
			id = 1;
	if (!id && !(at(s, len, i, "A3T") && i + 3 < len &&
	    (is(s[i + 3], C_UPPER32) || (s[i + 3] >= '0' && s[i + 3] <= '9'))))
		return 0;
	if (span(s, len, i + 4, C_UPPER32, 16) != 16 || (i + 20 < len &&
	    is(s[i + 20], C_ALNUM)) || !random_enough(s + i + 4, 16))
		return 0;
	return hit(h, SG_SECRET_AWS_KEY_ID, i, 20);
}

/* 'J': a JSON Web Token, "eyJ" header, "eyJ" payload, signature. */
static int
rule_jwt(const unsigned char *s, size_t len, size_t i, struct sg_secret_hit *h)
{
	size_t	 b, n, p;

	if (i < 2 || s[i - 2] != 'e' || s[i - 1] != 'y')
		return 0;
	b = i - 2;
	if (b > 0 && (is(s[b - 1], C_B64URL) || s[b - 1] == '.'))
		return 0;
	n = span(s, len, b, C_B64URL, 4096);
	if (n < 13 || b + n >= len || s[b + n] != '.')
		return 0;
	p = b + n + 1;
	if (!at(s, len, p, "eyJ") || (n = span(s, len, p, C_B64URL, 16384)) <
	    13 || p + n >= len || s[p + n] != '.')
		return 0;
	p += n + 1;
	if ((n = span(s, len, p, C_B64URL, 4096)) < 16 ||
	    !random_enough(s + p, n))
		return 0;
	return hit(h, SG_SECRET_JWT, b, p + n - b);
}

/* 'B': PEM private key blocks, "-----BEGIN … PRIVATE KEY-----", then
 * lines of base64 (or "Proc-Type:" headers) up to "-----END". A block
 * with fewer than 64 base64 characters (documentation showing "…") is
 * no finding. Each line is read once: a line starting with "-----" that
 * does not end the block ends the look. */
static int
rule_pem(const unsigned char *s, size_t len, size_t i, struct sg_secret_hit *h)
{
	size_t	 b, j, p, body = 0, end;

	if (i < 5 || memcmp(s + i - 5, "-----", 5) != 0 || !at(s, len, i,
	    "BEGIN "))
		return 0;
	b = i - 5;
	for (j = i + 6; j < len && j - i < 100 && s[j] != '-' && s[j] != '\n';
	    j++)
		;
	if (!at(s, len, j, "-----") || !contains(s + b, j - b, "private key"))
		return 0;
	for (p = j + 5; p < len && s[p] != '\n'; p++)
		;
	for (p++; p < len; p++) {
		if (s[p] == '-') {
			if (!at(s, len, p, "-----END") || body < 64)
				return 0;
			break;
		}
		for (; p < len && s[p] != '\n'; p++) {
			if (is(s[p], C_B64) || s[p] == '=')
				body++;
			else if (!strchr(" \t\r:,-", s[p]))
				return 0;
		}
	}
	if (p >= len)
		return 0;
	for (end = p + 8; end < len && s[end] != '\n' && s[end] != '<'; end++)
		;
	while (end > b && (s[end - 1] == '\r' || s[end - 1] == ' '))
		end--;
	return hit(h, SG_SECRET_PRIVATE_KEY, b, end - b);
}

/* 'x': Slack tokens, xoxb-, xoxp-, xoxa-, xoxr-, xoxe- then digits,
 * dashes and letters. */
static int
rule_slack(const unsigned char *s, size_t len, size_t i,
    struct sg_secret_hit *h)
{
	size_t	 j, n;

	if (len - i < 25 || s[i + 1] != 'o' || s[i + 2] != 'x' ||
	    !strchr("abpre", s[i + 3]) || s[i + 4] != '-' || (i > 0 &&
	    is(s[i - 1], C_ALNUM)))
		return 0;
	for (j = i + 5, n = 0; j < len && j - i < 255 && (is(s[j], C_ALNUM) ||
	    s[j] == '-'); j++)
		n += s[j] >= '0' && s[j] <= '9';
	if (j - i - 5 < 20 || n < 4 || !random_enough(s + i + 5, j - i - 5))
		return 0;
	return hit(h, SG_SECRET_SLACK_TOKEN, i, j - i);
}

/* '_': GitHub tokens and Stripe live keys. */
static int
rule_underscore(const unsigned char *s, size_t len, size_t i,
    struct sg_secret_hit *h)
{
	size_t	 n;

	if (i >= 3 && s[i - 3] == 'g' && s[i - 2] == 'h' &&
	    strchr("pousr", s[i - 1]) && (i == 3 || !is(s[i - 4], C_B64URL))) {
		n = span(s, len, i + 1, C_ALNUM, 256);
		if (n < 36 || n > 255 || !random_enough(s + i + 1, n))
			return 0;
		return hit(h, SG_SECRET_GITHUB, i - 3, n + 4);
	}
	if (i >= 6 && !memcmp(s + i - 6, "github", 6) && at(s, len, i + 1,
	    "pat_") && (i == 6 || !is(s[i - 7], C_B64URL))) {
		n = span(s, len, i + 5, C_B64URL, 256);
		if (n < 50 || !random_enough(s + i + 5, n))
			return 0;
		return hit(h, SG_SECRET_GITHUB, i - 6, n + 11);
	}
	if (i >= 2 && (s[i - 2] == 's' || s[i - 2] == 'r') && s[i - 1] == 'k' &&
	    at(s, len, i + 1, "live_") && (i == 2 || !is(s[i - 3], C_B64URL))) {
		n = span(s, len, i + 6, C_ALNUM, 100);
		if (n < 16 || n > 99 || !random_enough(s + i + 6, n))
			return 0;
		return hit(h, SG_SECRET_STRIPE, i - 2, n + 8);
	}
	return 0;
}

/* The rules that name a credential by its shape, at anchor i. */
static int
specific(const unsigned char *s, size_t len, size_t i,
    struct sg_secret_hit *h)
{
	switch (s[i]) {
	case 'A':
		return rule_a(s, len, i, h);
	case 'J':
		return rule_jwt(s, len, i, h);
	case 'B':
		return rule_pem(s, len, i, h);
	case 'x':
		return rule_slack(s, len, i, h);
	case '_':
		return rule_underscore(s, len, i, h);
	}
	return 0;
}

/* An HTML-escaped quote at s[i..): its length, or 0. */
static size_t
entity_quote(const unsigned char *s, size_t len, size_t i)
{
	static const char *const q[] = { "&quot;", "&#34;", "&#39;",
	    "&#x27;", NULL };
	size_t	 k;

	if (i >= len || s[i] != '&')
		return 0;
	for (k = 0; q[k]; k++)
		if (len - i >= strlen(q[k]) && !memcmp(s + i, q[k],
		    strlen(q[k])))
			return strlen(q[k]);
	return 0;
}

/* The same, ending just before i. */
static size_t
entity_quote_before(const unsigned char *s, size_t i)
{
	static const char *const q[] = { "&quot;", "&#34;", "&#39;",
	    "&#x27;", NULL };
	size_t	 k, n;

	if (i == 0 || s[i - 1] != ';')
		return 0;
	for (k = 0; q[k]; k++) {
		n = strlen(q[k]);
		if (i >= n && !memcmp(s + i - n, q[k], n))
			return n;
	}
	return 0;
}

static int
is_name(unsigned char c)
{
	return cls[c] & C_NAME;
}

static int
is_bare_value(unsigned char c)
{
	return cls[c] & C_BARE;
}

/* Can c be part of a value in quotes quote ('"', '\'', '`', '&' for an
 * HTML-escaped one), or of a bare value (quote 0)? */
static int
value_byte(unsigned char c, unsigned char quote)
{
	return quote ? c != quote && is(c, C_QUOTED) : is_bare_value(c);
}

/* Is the value v[0..n) a stand-in rather than a credential? */
static int
placeholder(const unsigned char *v, size_t n)
{
	static const char *const words[] = { "changeme", "change_me",
	    "change-me", "your", "example", "placeholder", "redacted",
	    "dummy", "sample", "xxxx", "****", "...", "${", "{{", "$(", "%s",
	    "<", ">", "process.env", "environ", "getenv", "secrets.", "://",
	    NULL };
	size_t	 k;

	if (n == 0 || v[0] == '$' || v[0] == '%' || !strncmp((const char *)v,
	    "arn:", 4))
		return 1;
	for (k = 0; words[k]; k++)
		if (contains(v, n, words[k]))
			return 1;
	return 0;
}

static int
all_hex(const unsigned char *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (lower(v[i]) >= 'a' &&
		    lower(v[i]) <= 'f')))
			return 0;
	return 1;
}

/* The name an assignment at the operator s[i] gives a value to: sets
 * *b to where it starts, ORs a bit for each of its letters into
 * *letters, and returns its length. */
static size_t
name_before(const unsigned char *s, size_t i, size_t *b,
    unsigned int *letters)
{
	size_t		 e = i, n, k;
	unsigned int	 seen = 0;

	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t') && i - e < 8)
		e--;
	if (e > 0 && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == '`'))
		e--;
	else if ((n = entity_quote_before(s, e)) > 0)
		e -= n;
	/* in locals, stored once: through the pointers, each step stored
	 * both (every '=' of a page comes here) */
	for (k = e; k > 0 && e - k < 64 && is_name(s[k - 1]); k--)
		if (s[k - 1] >= 'A')	/* a letter (or '_'): both cases */
			seen |= 1u << (s[k - 1] & 31);
	*b = k;
	*letters |= seen;
	return e - k;
}

#define L(c)	(1u << ((c) & 31))

/* Can a name holding the letters in the mask say one of the words of
 * secret_name? A test of a few bits, before the slower look. */
static int
may_be_secret_name(unsigned int m)
{
	static const unsigned int words[] = {
		L('p') | L('w'),				/* passw, pwd */
		L('s') | L('e') | L('c') | L('r') | L('t'),	/* secret */
		L('t') | L('o') | L('k') | L('e') | L('n'),	/* token */
		L('c') | L('r') | L('e') | L('d') | L('n'),	/* credential */
		L('k') | L('e') | L('y')			/* …key */
	};

	return (m & words[0]) == words[0] || (m & words[1]) == words[1] ||
	    (m & words[2]) == words[2] || (m & words[3]) == words[3] ||
	    (m & words[4]) == words[4];
}

/* Does the line before s[i] say aws or secret? */
static int
aws_context(const unsigned char *s, size_t i)
{
	size_t	 b = i;

	while (b > 0 && i - b < 120 && s[b - 1] != '\n')
		b--;
	return contains(s + b, i - b, "secret") || contains(s + b, i - b,
	    "aws");
}

static int
aws_secret_shape(const unsigned char *v, size_t n)
{
	size_t	 i;
	int	 up = 0, lo = 0;

	if (n != 40)
		return 0;
	for (i = 0; i < n; i++) {
		if (!is(v[i], C_B64))
			return 0;
		up |= v[i] >= 'A' && v[i] <= 'Z';
		lo |= v[i] >= 'a' && v[i] <= 'z';
	}
	return up && lo && random_enough(v, n);
}

/* Does lit (lower case) start at s[i] of s[0..n), in any case? */
static int
word_at(const unsigned char *s, size_t n, size_t i, const char *lit)
{
	for (; *lit; lit++, i++)
		if (i >= n || lower(s[i]) != (unsigned char)*lit)
			return 0;
	return 1;
}

/* Does the name s[0..n) say password, secret, token, credential, or an
 * API, access or private key? One pass, as most names say none. */
static int
secret_name(const unsigned char *s, size_t n)
{
	size_t	 i, k;

	for (i = 0; i < n; i++)
		switch (lower(s[i])) {
		case 'p':
			if (word_at(s, n, i, "passw") || word_at(s, n, i, "pwd"))
				return 1;
			break;
		case 's':
			if (word_at(s, n, i, "secret"))
				return 1;
			break;
		case 't':
			if (word_at(s, n, i, "token"))
				return 1;
			break;
		case 'c':
			if (word_at(s, n, i, "credential"))
				return 1;
			break;
		case 'k':
			if (!word_at(s, n, i, "key"))
				break;
			k = i > 0 && (s[i - 1] == '_' || s[i - 1] == '-') ?
			    i - 1 : i;
			if ((k >= 3 && word_at(s, n, k - 3, "api")) ||
			    (k >= 6 && word_at(s, n, k - 6, "access")) ||
			    (k >= 7 && word_at(s, n, k - 7, "private")))
				return 1;
			break;
		}
	return 0;
}

/* '=' and ':': NAME = "value" (also NAME: value, "NAME": "value", with
 * quotes escaped as in HTML), where the name says password, secret,
 * token or key and the value looks random; or a value shaped like an
 * AWS secret access key on a line that says aws or secret. */
static int
rule_assign(const unsigned char *s, size_t len, size_t i,
    struct sg_secret_hit *h)
{
	struct sg_secret_hit	 inner;
	size_t			 j = i + 1, v, e, q = 0, b, n, k, max;
	unsigned char		 quote = 0;
	int			 digit = 0, alpha = 0, named;
	unsigned int		 letters = 0;

	if (j < len && ((s[i] == ':' && (s[j] == '=' || s[j] == ':')) ||
	    (s[i] == '=' && s[j] == '>')))
		j++;
	if (j < len && (s[j] == '=' || s[j] == '/'))
		return 0;	/* ==, ://, …: no assignment */
	if (i > 0 && (s[i - 1] == '=' || s[i - 1] == '!' || s[i - 1] == '<' ||
	    s[i - 1] == '>' || s[i - 1] == ':'))
		return 0;
	while (j < len && (s[j] == ' ' || s[j] == '\t') && j - i < 8)
		j++;
	if (j < len && (s[j] == '"' || s[j] == '\'' || s[j] == '`'))
		quote = s[j++];
	else if ((q = entity_quote(s, len, j)) > 0) {
		quote = '&';
		j += q;
	}
	/* a value shorter than any rule reports ends the look before the
	 * name is read back (the name was a fifth of the scan's
	 * instructions); the scan passes most such '=' itself, see
	 * passed_within */
	if (quote && len - j >= 16) {
		if (sec_cut_short(s, j, quote))
			return 0;
	} else {
		for (e = j; e < len && e - j < MIN_GENERIC &&
		    value_byte(s[e], quote); e++)
			;
		if (e - j < MIN_GENERIC)
			return 0;
	}
	/* then the name: most '=' and ':' assign nothing secret, and then
	 * only an AWS-shaped value (40 characters) is of interest */
	n = name_before(s, i, &b, &letters);
	named = n > 2 && may_be_secret_name(letters) && secret_name(s + b, n);
	max = named ? MAX_VALUE : 40;
	/* unnamed: a 40-character value must end just there */
	if (!named && (len - j < 40 || !is(s[j + 39], C_B64) || (len - j > 40 &&
	    (quote ? s[j + 40] != quote : is(s[j + 40], C_B64) ||
	    s[j + 40] == '='))))
		return 0;
	for (v = e = j; e < len && e - v <= max; e++) {
		if (!value_byte(s[e], quote))
			break;
		digit |= s[e] >= '0' && s[e] <= '9';
		alpha |= (s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' &&
		    s[e] <= 'Z');
	}
	n = e - v;
	if (n < (named ? MIN_GENERIC : 40) || n > max)
		return 0;
	if (quote == '&' ? entity_quote(s, len, e) == 0 : quote ? e >= len ||
	    s[e] != quote : e < len && !strchr(" \t\r\n;,)]}<&\"'`", s[e]))
		return 0;
	/* a credential with a shape of its own is reported by its rule */
	for (k = v; k < e; k++)
		if (sec_anchors[s[k]] && specific(s, len, k, &inner))
			return 0;
	if (aws_secret_shape(s + v, n) && aws_context(s, i))
		return hit(h, SG_SECRET_AWS_SECRET, v, n);
	if (!named || !digit || !alpha || placeholder(s + v, n) ||
	    ((n == 40 || n == 64) && all_hex(s + v, n)) ||
	    sg_secrets_entropy((const char *)s + v, n) < 3.5)
		return 0;
	return hit(h, SG_SECRET_GENERIC, v, n);
}

/* "data:image/png;base64,…": where the base64 ends, or 0 if s[i] is no
 * such URI's colon. Images are skipped whole, never scanned. */
static size_t
data_uri_end(const unsigned char *s, size_t len, size_t i)
{
	size_t	 j;

	if (i < 4 || memcmp(s + i - 4, "data", 4) != 0)
		return 0;
	for (j = i + 1; j < len && j - i < 100 && s[j] != ',' && s[j] > ' ' &&
	    s[j] != '"'; j++)
		;
	if (j >= len || s[j] != ',' || j - i < 8 || memcmp(s + j - 7,
	    ";base64", 7) != 0)
		return 0;
	for (j++; j < len && (is(s[j], C_B64) || s[j] == '='); j++)
		;
	return j;
}

/* ':': Slack webhook URLs. */
static int
rule_webhook(const unsigned char *s, size_t len, size_t i,
    struct sg_secret_hit *h)
{
	size_t	 b = i, p, n;

	if (!at(s, len, i, "://hooks.slack.com/"))
		return 0;
	while (b > 0 && i - b < 5 && s[b - 1] >= 'a' && s[b - 1] <= 'z')
		b--;
	p = i + 19;
	if (at(s, len, p, "services/"))
		p += 9;
	else if (at(s, len, p, "workflows/") || at(s, len, p, "triggers/"))
		p += s[p] == 'w' ? 10 : 9;
	else
		return 0;
	n = span(s, len, p, C_B64, 128);
	if (n < 40 || !random_enough(s + p, n))
		return 0;
	return hit(h, SG_SECRET_SLACK_WEBHOOK, b, p + n - b);
}

size_t
sec_look(const unsigned char *s, size_t len, size_t i, sg_secret_fn *fn,
    void *arg, size_t *n)
{
	struct sg_secret_hit	 h;
	size_t			 skip;
	int			 found;

	if (s[i] == ':' && (skip = data_uri_end(s, len, i)) > 0)
		return skip;
	if (s[i] == '=' || s[i] == ':')
		found = (s[i] == ':' && rule_webhook(s, len, i, &h)) ||
		    rule_assign(s, len, i, &h);
	else
		found = specific(s, len, i, &h);
	if (!found)
		return i + 1;
	fn(arg, &h);
	(*n)++;
	return h.off + h.len > i ? h.off + h.len : i + 1;
}

const char *
sg_secrets_rule_name(enum sg_secret_rule r)
{
	return r < SG_SECRET__COUNT ? rule_names[r] : "secret";
}

char *
sg_secrets_mask(const char *v, size_t n)
{
	struct sg_buf	 b = { 0 };
	size_t		 keep = n >= 16 ? 4 : n >= 8 ? 2 : 0, stars, i;

	stars = n - 2 * keep;
	if (stars > 16)
		stars = 16;
	sg_buf_put(&b, v, keep);
	for (i = 0; i < stars; i++)
		sg_buf_putc(&b, '*');
	sg_buf_put(&b, v + n - keep, keep);
	if (b.data == NULL)
		sg_buf_puts(&b, "");
	return sg_buf_detach(&b);
}
