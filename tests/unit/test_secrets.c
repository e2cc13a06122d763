/* test_secrets.c: unit tests for the credential scanner (secrets.c): each
 * rule finds its credential at the right place, near misses are not
 * findings, values are masked. Fake credentials are split across string
 * literals so that this file itself holds none. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "check/secrets.h"

struct found {
	struct sg_secret_hit	 v[8];
	size_t			 n;
};

static void
collect(void *arg, const struct sg_secret_hit *h)
{
	struct found	*f = arg;

	if (f->n < 8)
		f->v[f->n] = *h;
	f->n++;
}

/* Scans s[0..n) from an exact-size heap copy (so ASan sees any read
 * past the end) and returns what was found. */
static struct found
scan_n(const char *s, size_t n)
{
	struct found	 f;
	char		*copy = malloc(n ? n : 1);

	memset(&f, 0, sizeof(f));
	memcpy(copy, s, n);
	sg_secrets_find(copy, n, collect, &f);
	free(copy);
	return f;
}

static struct found
scan(const char *s)
{
	return scan_n(s, strlen(s));
}

/* s holds exactly one finding of rule, whose value is want. */
#define CHECK_ONE(s, r, want) do {					\
	const char	*s_ = (s), *w_ = (want);			\
	struct found	 f_ = scan(s_);					\
									\
	CHECK(f_.n == 1);						\
	if (f_.n >= 1) {						\
		CHECK(f_.v[0].rule == (r));				\
		CHECK(f_.v[0].len == strlen(w_));			\
		CHECK(strstr(s_, w_) != NULL && f_.v[0].off ==		\
		    (size_t)(strstr(s_, w_) - s_));			\
	}								\
} while (0)

#define CHECK_NONE(s) do {						\
	struct found	 f_ = scan(s);					\
									\
	if (f_.n != 0) {						\
		printf("  %s:%d: found %s in \"%s\"\n", __FILE__,	\
		    __LINE__, sg_secrets_rule_name(f_.v[0].rule), (s));	\
		harness_case_failed = 1;				\
	}								\
} while (0)

#define AWS_ID		"AKIA" "IOSFODNN7EXAMPLE"
#define AWS_SECRET	"wJalrXUtnFEMI/" "K7MDENG/bPxRfiCYEXAMPLEKEY"
#define GH		"ghp_" "R2k9xQ7mN4vB8cL1pZ6wT3yH5jD0sF2aG7eK"
#define GOOGLE		"AIza" "SyD4k9Qm2Xv7Lp0Zr8Tw3Ne5Hj6Bc1Fg9Ka"
#define STRIPE		"sk_live_" "51HqZ3xK9mP2vL8nR4tY6wB0"
#define SLACK		"xoxb-" "123456789012-1234567890123-Qw8Er7Ty6Ui5Op4As3Df2Gh1"
#define HOOK		"https://hooks.slack.com/services/" \
			"T01AB2CD3EF/B04GH5IJ6KL/Xy7Zq9Wv3Ut5Rs1Pq8On2Ml4"
#define JWT		"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." \
			"eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ." \
			"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

static void
test_aws(void)
{
	CHECK_ONE("key " AWS_ID " here", SG_SECRET_AWS_KEY_ID, AWS_ID);
	CHECK_ONE(AWS_ID, SG_SECRET_AWS_KEY_ID, AWS_ID);
	CHECK_ONE("id=ASIA" "Y34FZKBOKMUTVV7A;", SG_SECRET_AWS_KEY_ID,
	    "ASIA" "Y34FZKBOKMUTVV7A");
	CHECK_ONE("aws_secret_access_key = " AWS_SECRET "\n",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("AWS_SECRET_ACCESS_KEY=\"" AWS_SECRET "\"",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("{\"SecretAccessKey\": \"" AWS_SECRET "\"}",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
}

static void
test_aws_near_misses(void)
{
	CHECK_NONE("AKIA" "IOSFODNN7EXAMPL");		/* 15 */
	CHECK_NONE("XAKIA" "IOSFODNN7EXAMPLE");		/* inside a word */
	CHECK_NONE("AKIA" "IOSFODNN7EXAMPLEX");		/* 17 */
	CHECK_NONE("akia" "iosfodnn7example");
	CHECK_NONE("AKIA" "AAAAAAAAAAAAAAAA");		/* a placeholder */
	CHECK_NONE("AKIA" "IOSFODNN1EXAMPLE");		/* 1 is no base32 */
	/* 40 characters but no aws or secret near them */
	CHECK_NONE("value = " AWS_SECRET "\n");
	/* a git SHA next to the word secret */
	CHECK_NONE("secret_commit = 0123456789abcdef0123456789abcdef01234567");
}

static void
test_private_key(void)
{
	const char	*pem = "-----BEGIN RSA " "PRIVATE KEY-----\n"
	    "MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n"
	    "aNMtG2PUn2VMm6Jhb0fJ9JAGnVHWVE6aIvXgsRmRCD5ajYo0JWtzL3yk5VHFmp6u\n"
	    "-----END RSA " "PRIVATE KEY-----";
	struct found	 f = scan(pem);

	CHECK(f.n == 1);
	CHECK(f.n == 1 && f.v[0].rule == SG_SECRET_PRIVATE_KEY &&
	    f.v[0].off == 0 && f.v[0].len == strlen(pem));
	/* the header alone, as documentation shows it */
	CHECK_NONE("-----BEGIN RSA " "PRIVATE KEY-----\n...\n"
	    "-----END RSA " "PRIVATE KEY-----\n");
	/* a public key or a certificate */
	CHECK_NONE("-----BEGIN PUBLIC KEY-----\n"
	    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
	    "4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n"
	    "-----END PUBLIC KEY-----\n");
}

static void
test_tokens(void)
{
	CHECK_ONE("token " GH ".", SG_SECRET_GITHUB, GH);
	CHECK_ONE("github_pat_" "11ABCDEFG0123456789abcd_"
	    "efghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567",
	    SG_SECRET_GITHUB, "github_pat_" "11ABCDEFG0123456789abcd_"
	    "efghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567");
	CHECK_ONE("key: " GOOGLE "\n", SG_SECRET_GOOGLE_API, GOOGLE);
	CHECK_ONE("Stripe " STRIPE " live", SG_SECRET_STRIPE, STRIPE);
	CHECK_ONE("slack " SLACK "\n", SG_SECRET_SLACK_TOKEN, SLACK);
	CHECK_ONE("url: " HOOK "\n", SG_SECRET_SLACK_WEBHOOK, HOOK);
	CHECK_ONE("Authorization: Bearer " JWT "\n", SG_SECRET_JWT, JWT);
	/* a credential named in an assignment keeps its own rule */
	CHECK_ONE("GITHUB_TOKEN=" GH "\n", SG_SECRET_GITHUB, GH);
	CHECK_ONE("token: \"" JWT "\"", SG_SECRET_JWT, JWT);
}

static void
test_token_near_misses(void)
{
	CHECK_NONE("ghp_" "R2k9xQ7mN4vB8cL1pZ6wT3yH5jD0sF2aG7e");	/* 35 */
	CHECK_NONE("ghp_" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	CHECK_NONE("sk_test_" "51HqZ3xK9mP2vL8nR4tY6wB0");
	CHECK_NONE("xoxb-your-token-here");
	CHECK_NONE("AIza" "SyD4k9Qm2Xv7Lp0Zr8Tw3Ne5Hj6Bc1Fg9K");	/* 34 */
	CHECK_NONE("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.");	/* unsigned */
	CHECK_NONE("https://hooks.slack.com/services/...");
	/* an image inline as base64 holds anything */
	CHECK_NONE("<img src=\"data:image/png;base64,iVBORw0KGgo+"
	    "AKIA" "IOSFODNN7EXAMPLE+" GOOGLE "/AAAA==\" alt=\"x\">");
}

/* Anchors the scan passes without a look, in words and URLs, next to
 * those a rule reads: "A3T…" keys, and a data URI whose colon a '/'
 * follows (still an image, skipped whole). */
static void
test_anchors_passed(void)
{
	CHECK_ONE("id A3TX" "IOSFODNN7EXAMPLE.", SG_SECRET_AWS_KEY_ID,
	    "A3TX" "IOSFODNN7EXAMPLE");
	CHECK_NONE("id A3tX" "IOSFODNN7EXAMPLE.");
	CHECK_NONE("<img src=\"data://x;base64,AAAA+" "AKIA"
	    "IOSFODNN7EXAMPLE+AAAA==\">");
	CHECK_ONE("<a href=\"https://x/\">Atom: viewBox Benchmark "
	    "example</a> " HOOK, SG_SECRET_SLACK_WEBHOOK, HOOK);
}

static void
test_generic(void)
{
	CHECK_ONE("password = \"Xk9#mQ2$vL7pR4tZ\"\n", SG_SECRET_GENERIC,
	    "Xk9#mQ2$vL7pR4tZ");
	CHECK_ONE("db_password: Xk9mQ2vL7pR4tZw8\n", SG_SECRET_GENERIC,
	    "Xk9mQ2vL7pR4tZw8");
	CHECK_ONE("API_KEY=Xk9mQ2vL7pR4tZw8;", SG_SECRET_GENERIC,
	    "Xk9mQ2vL7pR4tZw8");
	CHECK_ONE("{\"client_secret\": \"Xk9mQ2vL7pR4tZw8\"}",
	    SG_SECRET_GENERIC, "Xk9mQ2vL7pR4tZw8");
	/* as an HTML page shows it */
	CHECK_ONE("password = &quot;Xk9mQ2vL7pR4tZw8&quot;",
	    SG_SECRET_GENERIC, "Xk9mQ2vL7pR4tZw8");
	CHECK_ONE("&quot;token&quot;: &quot;Xk9mQ2vL7pR4tZw8&quot;",
	    SG_SECRET_GENERIC, "Xk9mQ2vL7pR4tZw8");
	/* an attribute a template writes */
	CHECK_ONE("<div class=\"x\" data-api-key=\"Xk9mQ2vL7pR4tZw8\">",
	    SG_SECRET_GENERIC, "Xk9mQ2vL7pR4tZw8");
}

static void
test_generic_near_misses(void)
{
	CHECK_NONE("password = \"changeme\"");
	CHECK_NONE("password = \"<your-password>\"");
	CHECK_NONE("password: ${DB_PASSWORD}");
	CHECK_NONE("token: ${{ secrets.GITHUB_TOKEN }}");
	CHECK_NONE("password = \"xxxxxxxxxxxxxxxx\"");
	CHECK_NONE("api_key = \"YOUR_API_KEY_12345\"");
	CHECK_NONE("token = next_token_from(stream);");
	CHECK_NONE("if (password == \"Xk9mQ2vL7pR4tZw8\")");
	CHECK_NONE("password = \"short1\"");
	CHECK_NONE("secret_name: my-app/prod/db-credentials");
	CHECK_NONE("token_url: https://auth.example.com/oauth/token");
	CHECK_NONE("secret_arn = \"arn:aws:secretsmanager:eu-west-1:"
	    "123456789012:secret:prod/db-AbCdEf\"");
	CHECK_NONE("commit: 0123456789abcdef0123456789abcdef01234567");
	CHECK_NONE("token = \"0123456789abcdef0123456789abcdef01234567\"");
	CHECK_NONE("author: Jane Q. Public-Example 2024");
	CHECK_NONE("<a class=\"nav-link tok-k\" href=\"/section-005/page-1/\">");
	CHECK_NONE("password = \"aaaaaaaaaaaa1111\"");	/* low entropy */
}

static void
test_truncated(void)
{
	/* every prefix of each credential: no read past the end (ASan),
	 * nothing found in a short one, the whole value found */
	static const char *const v[] = { AWS_ID, GH, GOOGLE, STRIPE, SLACK,
	    HOOK, JWT, NULL };
	struct found	 f;
	size_t		 k, n;
	char		 buf[256];

	for (k = 0; v[k]; k++)
		for (n = 0; n < strlen(v[k]); n++) {
			memcpy(buf, v[k], n);
			buf[n] = '\0';
			f = scan(buf);
			CHECK(n >= 14 || f.n == 0);
		}
	for (k = 0; v[k]; k++)
		CHECK(scan(v[k]).n == 1);
}

/* Each credential at every offset from 0 to 99 of a buffer whose other
 * bytes are the scan's anchors and spaces, with a tail of 0 to 39 bytes
 * after it: found once, at its place, wherever the prefilter's blocks
 * (32 bytes, then 16, then single bytes at the end) begin and end. */
static void
test_offsets(void)
{
	static const char *const v[] = { AWS_ID, GH, GOOGLE, STRIPE, SLACK,
	    HOOK, JWT, NULL };
	static const char	 fill[] = "A= x:B _J";
	struct found		 f;
	size_t			 k, off, tail, i, n, missed = 0;
	char			 buf[512];

	for (k = 0; v[k]; k++)
		for (off = 0; off < 100; off++)
			for (tail = 0; tail < 40; tail++) {
				for (n = 0; n < off; n++)
					buf[n] = n + 1 == off ? ' ' :
					    fill[n % (sizeof(fill) - 1)];
				memcpy(buf + n, v[k], strlen(v[k]));
				n += strlen(v[k]);
				for (i = 0; i < tail; i++)
					buf[n++] = i == 0 ? ' ' :
					    fill[i % (sizeof(fill) - 1)];
				buf[n] = '\0';
				f = scan(buf);
				if (f.n != 1 || f.v[0].off != off)
					missed++;
			}
	CHECK(missed == 0);
}

/* Where a quoted value ends, against the rule: password="…" holding 14
 * different characters, with byte c put in place k, after pre spaces
 * and before tail. A byte no value in those quotes may hold ends it
 * there (the quote itself, a control or space, '<', DEL): a value ended
 * by its quote is found when it has MIN_GENERIC (12) bytes, any other
 * end is none; any other byte leaves 14 bytes found, but '>' (a
 * placeholder's) and a leading '$' or '%'. Returns 1 if the scan says
 * otherwise. */
static int
value_case(const char *open, unsigned char c, size_t k, size_t pre,
    size_t tail)
{
	static const char	 value[] = "aB3dE5gH7jK9mP";
	unsigned char		 q = open[1] == '\0' ? (unsigned char)open[0] :
				    '&';
	size_t			 n, w = strlen(open), want;
	int			 stop = c <= ' ' || c == '<' || c == 0x7F ||
				    c == q;
	struct found		 f;
	char			 buf[512];

	memset(buf, ' ', pre);
	n = pre;
	memcpy(buf + n, "password=", 9);
	memcpy(buf + n + 9, open, w);
	n += 9 + w;
	memcpy(buf + n, value, 14);
	buf[n + k] = (char)c;
	memcpy(buf + n + 14, open, w);
	memset(buf + n + 14 + w, ' ', tail);
	if (stop)
		want = c == q && q != '&' && k >= 12;
	else
		want = c != '>' && !(k == 0 && (c == '$' || c == '%'));
	f = scan_n(buf, n + 14 + w + tail);
	return f.n != want || (want && (f.v[0].off != n ||
	    f.v[0].len != (stop ? k : 14)));
}

/* value_case for each quote (HTML's escaped quotes among them): every
 * byte in places 0 to 13 at a few offsets, and bytes of each kind at
 * every offset up to 130 and tails up to 30: the scan's shortcuts for
 * short values and for href and class, at every edge of its blocks
 * (64 bytes, 32, 16 and single ones). */
static void
test_value_ends(void)
{
	static const char *const open[] = { "\"", "'", "`", "&quot;",
	    "&#39;", NULL };
	static const size_t	 pres[] = { 0, 7, 57, 60, 110 };
	static const unsigned char some[] = { 0, '\t', ' ', '!', '"', '&',
	    '\'', '<', '=', '>', 'A', '`', 0x7F, 0x80, 0xFF };
	size_t			 o, c, k, pre, t, wrong = 0;

	for (o = 0; open[o]; o++)
		for (c = 0; c < 256; c++)
			for (k = 0; k < 14; k++)
				for (pre = 0; pre < 5; pre++)
					for (t = 0; t < 4; t++)
						wrong += value_case(open[o],
						    (unsigned char)c, k,
						    pres[pre], t);
	for (o = 0; open[o]; o++)
		for (c = 0; c < sizeof(some); c++)
			for (k = 10; k < 14; k++)
				for (pre = 0; pre <= 130; pre++)
					for (t = 0; t <= 30; t += t < 3 ?
					    1 : 27)
						wrong += value_case(open[o],
						    some[c], k, pre, t);
	CHECK(wrong == 0);
}

/* The '=' of href="…" and class="…" is passed without a look, and
 * nothing else is: look-alikes are read as any other name. */
static void
test_plain_attributes(void)
{
	CHECK_NONE("aws secret <a href=\"" AWS_SECRET "\">");
	CHECK_NONE("aws secret <a class=\"" AWS_SECRET "\">");
	CHECK_ONE("aws secret <a xhref=\"" AWS_SECRET "\">",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("aws secret <a hrefs=\"" AWS_SECRET "\">",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("aws secret <a\thref=\"" AWS_SECRET "\">",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("aws secret <a subclass=\"" AWS_SECRET "\">",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("aws secret <a href='" AWS_SECRET "'>",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("aws secret <a class=&quot;" AWS_SECRET "&quot;>",
	    SG_SECRET_AWS_SECRET, AWS_SECRET);
	CHECK_ONE("<i class=\"x\" data-token=\"Xk9mQ2vL7pR4tZw8\">",
	    SG_SECRET_GENERIC, "Xk9mQ2vL7pR4tZw8");
}

static void
test_several(void)
{
	struct found	 f = scan(AWS_ID "\n" GH "\n\npassword: "
	    "Xk9mQ2vL7pR4tZw8\n");

	CHECK(f.n == 3);
	CHECK(f.v[0].rule == SG_SECRET_AWS_KEY_ID);
	CHECK(f.v[1].rule == SG_SECRET_GITHUB);
	CHECK(f.v[2].rule == SG_SECRET_GENERIC);
}

static void
test_mask(void)
{
	char	*m;

	m = sg_secrets_mask(AWS_ID, 20);
	CHECK_STR(m, "AKIA************MPLE");
	free(m);
	m = sg_secrets_mask("Xk9mQ2vL7pR4", 12);
	CHECK_STR(m, "Xk********R4");
	free(m);
	m = sg_secrets_mask("abc", 3);
	CHECK_STR(m, "***");
	free(m);
	CHECK(strcmp(sg_secrets_rule_name(SG_SECRET_AWS_KEY_ID),
	    "aws-access-key-id") == 0);
}

static void
test_entropy(void)
{
	CHECK(sg_secrets_entropy("aaaa", 4) == 0);
	CHECK(sg_secrets_entropy("abcd", 4) == 2);
	CHECK(sg_secrets_entropy("Xk9mQ2vL7pR4tZw8", 16) == 4);
}

int
main(void)
{
	TEST(test_aws);
	TEST(test_aws_near_misses);
	TEST(test_private_key);
	TEST(test_tokens);
	TEST(test_token_near_misses);
	TEST(test_anchors_passed);
	TEST(test_generic);
	TEST(test_generic_near_misses);
	TEST(test_truncated);
	TEST(test_offsets);
	TEST(test_value_ends);
	TEST(test_plain_attributes);
	TEST(test_several);
	TEST(test_mask);
	TEST(test_entropy);
	HARNESS_EXIT();
}
