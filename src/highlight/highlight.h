/* highlight.h: syntax highlighting of code blocks as token spans, so the
 * HTML pages, the PDF handouts and the slides colour code the same way. */
#ifndef SG_HIGHLIGHT_H
#define SG_HIGHLIGHT_H

#include <stddef.h>

struct sg_buf;

enum sg_tok {
	SG_TOK_TEXT,		/* plain */
	SG_TOK_KEYWORD,		/* if, return, struct, def, function … */
	SG_TOK_TYPE,		/* int, size_t, uint8_t, bool; yaml !tags */
	SG_TOK_STRING,		/* string and char literals, heredocs */
	SG_TOK_NUMBER,
	SG_TOK_COMMENT,
	SG_TOK_PREPROC,		/* #include, #define, decorators, <!DOCTYPE> */
	SG_TOK_FUNCTION,	/* an identifier followed by '(' ; a shell
				 * command name; a make target */
	SG_TOK_OPERATOR,
	SG_TOK_PUNCT,
	SG_TOK_ATTR,		/* html attribute name, yaml/json/toml key,
				 * shell option (-x, --flag) */
	SG_TOK_TAG,		/* html/xml tag name */
	SG_TOK_VARIABLE,	/* $VAR in shell and make, yaml &anchor */
	SG_TOK_CONSTANT,	/* true/false/null/NULL/nil, html &entities; */
	SG_TOK_INSERTED,	/* diff + lines */
	SG_TOK_DELETED,		/* diff - lines */
	SG_TOK_HEADING,		/* diff @@ hunks and file names, [sections] */
	SG_TOK__COUNT
};

struct sg_token {
	enum sg_tok	 kind;
	size_t		 off;	/* byte offset in the source */
	size_t		 len;	/* bytes, never 0 */
};

struct sg_tokens {
	struct sg_token	*v;	/* owned */
	size_t		 len;	/* tokens in v */
	size_t		 cap;	/* tokens allocated */
};

/*
 * Splits src[0..len) into tokens that cover it exactly, in order, with no
 * empty token and adjacent tokens of the same kind merged. out must be
 * zeroed or come from an earlier call: its tokens are replaced, its storage
 * reused, and the caller frees it with sg_hl_tokens_free(). lang is a name
 * or alias as sg_hl_lang() takes; NULL, "" and the text languages give one
 * TEXT token. Returns 0, or -1 if lang is unknown (then one TEXT token
 * covers everything). Never fails otherwise: any bytes (invalid UTF-8,
 * NULs, unterminated constructs, huge input) are fine, nothing past len is
 * read, and the time is linear in len.
 */
int		 sg_hl_tokenize(const char *lang, const char *src, size_t len,
		    struct sg_tokens *out);

/* Frees the tokens' storage and zeroes *toks; NULL does nothing. */
void		 sg_hl_tokens_free(struct sg_tokens *toks);

/*
 * The CSS class of a kind ("tok-kw", "tok-ty", "tok-str", "tok-num",
 * "tok-com", "tok-pp", "tok-fn", "tok-op", "tok-pu", "tok-at", "tok-tag",
 * "tok-var", "tok-con", "tok-ins", "tok-del", "tok-hd"), a static string;
 * NULL for SG_TOK_TEXT and any value out of range.
 */
const char	*sg_hl_class(enum sg_tok kind);

/*
 * The canonical name of a language given a name or alias, compared without
 * regard to case ("sh" -> "bash", "yml" -> "yaml", "Python" -> "python"),
 * a static string; NULL if name is NULL or unknown.
 */
const char	*sg_hl_lang(const char *name);

/*
 * Appends src to buf as HTML: each non-TEXT token as
 * <span class="tok-…">…</span>, every byte of & < > " escaped, newlines
 * kept; a token that spans lines is closed before each newline and
 * reopened after it, so every line stands alone. Returns as
 * sg_hl_tokenize() does; on -1 the text is still appended, unhighlighted.
 */
int		 sg_hl_html(const char *lang, const char *src, size_t len,
		    struct sg_buf *buf);

/*
 * Appends src as HTML as sg_hl_html() does, from tokens already made
 * (ntokens of them, covering src as sg_hl_tokenize() makes them).
 */
void		 sg_hl_html_tokens(const char *src,
		    const struct sg_token *tokens, size_t ntokens,
		    struct sg_buf *buf);

#endif
