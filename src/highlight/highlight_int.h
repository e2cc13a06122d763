/* highlight_int.h: what the highlighter's files share and nothing else
 * includes: the scanner state, token emission, character classes, the
 * scanner of each language family. */
#ifndef SG_HIGHLIGHT_INT_H
#define SG_HIGHLIGHT_INT_H

#include <stddef.h>

#include "highlight/highlight.h"

/*
 * One scanning run. A scanner covers s[start..end) and calls hl_emit() for
 * what it recognises, in order; the bytes between are TEXT. It never reads
 * s[end] or beyond, so one scanner can run inside another's range (the
 * script of an HTML page, the command lines of a console session).
 */
struct hl {
	const char		*s;	/* the whole source */
	size_t			 len;	/* its length */
	struct sg_tokens	*out;	/* tokens so far */
	size_t			 done;	/* out covers s[0..done) */
	unsigned		 flags;	/* the language variant, HL_* */
#define HL_C		0x01	/* C: preprocessor, C types */
#define HL_JS		0x02	/* JavaScript: regexes, template literals */
#define HL_TS		0x04	/* TypeScript keywords and types too */
#define HL_XML		0x08	/* xml, not html: no <script> */
#define HL_TOML		0x10	/* toml, not ini */
};

/* A keyword table: sorted (strcmp order) for bsearch. */
struct hl_words {
	const char *const	*v;
	size_t			 n;
};

#define HL_WORDS(a)	{ (a), sizeof(a) / sizeof((a)[0]) }

/* Marks s[from..to) as kind; a gap before it becomes TEXT, an overlap with
 * what was emitted is clipped, an empty range is ignored. */
void	 hl_emit(struct hl *h, enum sg_tok kind, size_t from, size_t to);
/* Whether s[i..i+n) is in the table. */
int	 hl_word_in(const struct hl_words *t, const char *s, size_t n);
/* The index of the next '\n' at or after i, or end. */
size_t	 hl_eol(const struct hl *h, size_t i, size_t end);
/* i moved past spaces and tabs (not newlines). */
size_t	 hl_blank(const struct hl *h, size_t i, size_t end);
/* i moved past identifier characters. */
size_t	 hl_ident(const struct hl *h, size_t i, size_t end);
/* The end of the quoted string opening at s[i] with the quote s[i]: past
 * the closing quote; at the newline if nl is 0 and no backslash escapes
 * it; or end. A backslash escapes the next byte if esc. */
size_t	 hl_quoted(const struct hl *h, size_t i, size_t end, int esc, int nl);
/* The end of a C-like number starting at s[i] (a digit, or '.' and a
 * digit): digits, letters, '_', one '.', an exponent sign, C23 '. */
size_t	 hl_number(const struct hl *h, size_t i, size_t end);
/* Whether s[i..end) starts with the n bytes of p. */
int	 hl_at(const struct hl *h, size_t i, size_t end, const char *p,
	    size_t n);

/* The language families, each in its own file. Each scans h->s[i..end)
 * and appends its tokens to h->out. */
/* highlight_clike.c */
void	 hl_scan_clike(struct hl *h, size_t i, size_t end);

/* JSON, and JSON with comments. */
void	 hl_scan_json(struct hl *h, size_t i, size_t end);
/* highlight_shell.c */
void	 hl_scan_sh(struct hl *h, size_t i, size_t end);

/* A console session: lines that start with a prompt are shell commands,
 * continued by a trailing backslash; other lines are output. */
void	 hl_scan_console(struct hl *h, size_t i, size_t end);
/* highlight_make.c */
void	 hl_scan_make(struct hl *h, size_t i, size_t end);
/* highlight_script.c */
void	 hl_scan_python(struct hl *h, size_t i, size_t end);
void	 hl_scan_lua(struct hl *h, size_t i, size_t end);
/* highlight_data.c */
void	 hl_scan_yaml(struct hl *h, size_t i, size_t end);
void	 hl_scan_ini(struct hl *h, size_t i, size_t end);	/* and TOML */
/* highlight_markup.c */
void	 hl_scan_markup(struct hl *h, size_t i, size_t end);

/* Unified, git and normal diffs. Inside a hunk the header's line counts
 * say which lines belong to it, so a removed "--- x" line is not taken for
 * a file name. */
void	 hl_scan_diff(struct hl *h, size_t i, size_t end);

static inline int
hl_isdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline int
hl_isalpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
hl_isalnum(unsigned char c)
{
	return hl_isalpha(c) || hl_isdigit(c);
}

static inline int
hl_isxdigit(unsigned char c)
{
	return hl_isdigit(c) || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Identifier bytes: ASCII letters, digits, '_', and any non-ASCII byte,
 * so a UTF-8 name stays one word. */
static inline int
hl_isident(unsigned char c)
{
	return hl_isalnum(c) || c == '_' || c >= 0x80;
}

static inline int
hl_isidstart(unsigned char c)
{
	return hl_isident(c) && !hl_isdigit(c);
}

/* Blanks: space, tab, CR, FF, VT; not newline. */
static inline int
hl_isblank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static inline int
hl_isspace(unsigned char c)
{
	return hl_isblank(c) || c == '\n';
}

#endif
