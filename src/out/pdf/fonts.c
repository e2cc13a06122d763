/* fonts.c: fonts (fontconfig names, a pango font map at 72 dpi with
 * hinting and glyph-position rounding off, as a PDF wants), the theme's
 * colours, and the small helpers every layout uses. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embed.h"
#include "path.h"
#include "out/pdf/module.h"
#include "out/pdf/pdf.h"
#include "out/pdf/pdf_int.h"

int
pdf_match_family(const char *name, char *out, size_t size)
{
	FcPattern	*pat, *match;
	FcResult	 res;
	FcChar8		*got = NULL;
	int		 ok = 0;

	if ((pat = FcNameParse((const FcChar8 *)"")) == NULL)
		return 0;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)name);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (match && FcPatternGetString(match, FC_FAMILY, 0, &got) ==
	    FcResultMatch) {
		snprintf(out, size, "%s", (const char *)got);
		ok = 1;
	}
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return ok;
}

int
pdf_have_family(const char *family)
{
	char	 got[256];

	return pdf_match_family(family, got, sizeof(got)) &&
	    strcasecmp(got, family) == 0;
}

int
sgx_pdf_check_fonts(const struct sg_handouts *hs, struct sg_diag *diag)
{
	struct sg_loc	 loc = { "site.yml", 0, 0 };
	int		 bad = 0;

	if (!pdf_have_family(hs->font)) {
		sg_diag_error(diag, hs->font_loc.file ? &hs->font_loc : &loc,
		    "the font '%s' for handouts cannot be found (install it, "
		    "e.g. apt-get install fonts-dejavu-core, or name another "
		    "in pdf.font)", hs->font);
		bad++;
	}
	if (!pdf_have_family(hs->mono)) {
		sg_diag_error(diag, hs->mono_loc.file ? &hs->mono_loc : &loc,
		    "the font '%s' for code in handouts cannot be found "
		    "(install it, e.g. apt-get install fonts-dejavu-core, or "
		    "name another in pdf.mono)", hs->mono);
		bad++;
	}
	return bad;
}

const char *
sgx_pdf_version(void)
{
	static char	 v[64];

	if (!*v)
		snprintf(v, sizeof(v), "cairo %s, pango %s",
		    cairo_version_string(), pango_version_string());
	return v;
}

/* A font map at 72 dpi and a context on it with hinting and glyph-position
 * rounding off, as a PDF wants. */
void
pdf_context_new(const struct sg_site *site, PangoFontMap **fontmap,
    PangoContext **pc)
{
	cairo_font_options_t	*fo;

	*fontmap = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(*fontmap),
	    72.0);
	*pc = pango_font_map_create_context(*fontmap);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(*pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(*pc, FALSE);
	pango_context_set_language(*pc, pango_language_from_string(
	    site->config.language ? site->config.language : "en"));
}

int
pdf_fonts_open(struct pdf *p)
{
	pdf_context_new(p->site, &p->fontmap, &p->pc);
	p->sans = pango_font_description_from_string(p->hs->font);
	p->mono = pango_font_description_from_string(p->hs->mono);
	pango_font_description_set_family(p->sans, p->hs->font);
	pango_font_description_set_family(p->mono, p->hs->mono);
	pdf_faces_open(p);
	return 0;
}

void
pdf_fonts_close(struct pdf *p)
{
	if (p->sans)
		pango_font_description_free(p->sans);
	if (p->mono)
		pango_font_description_free(p->mono);
	if (p->pc)
		g_object_unref(p->pc);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	/* last: freeing the fonts may free faces (faces.c) */
	pdf_faces_close(p);
}

/* ---- colours ----------------------------------------------------------- */

static struct rgb
hex(unsigned v)
{
	struct rgb	 c;

	c.r = ((v >> 16) & 0xff) / 255.0;
	c.g = ((v >> 8) & 0xff) / 255.0;
	c.b = (v & 0xff) / 255.0;
	return c;
}

static struct rgb *
slot(struct palette *pal, const char *name, size_t n)
{
	static const char *const alerts[] = { "note", "tip", "important",
	    "warning", "caution" };
	static const char *const toks[SG_TOK__COUNT] = { "code-text",
	    "tok-kw", "tok-ty", "tok-str", "tok-num", "tok-com", "tok-pp",
	    "tok-fn", "tok-op", "tok-pu", "tok-at", "tok-tag", "tok-var",
	    "tok-con", "tok-ins", "tok-del", "tok-hd" };
	static const struct { const char *name; size_t off; } named[] = {
		{ "text", offsetof(struct palette, text) },
		{ "text-2", offsetof(struct palette, text2) },
		{ "accent", offsetof(struct palette, accent) },
		{ "line", offsetof(struct palette, line) },
		{ "line-strong", offsetof(struct palette, line_strong) },
		{ "bg-code", offsetof(struct palette, bg_code) },
		{ "bg-output", offsetof(struct palette, bg_output) },
		{ "bg-inline-code", offsetof(struct palette, bg_inline) },
		{ "bg-head", offsetof(struct palette, bg_head) },
		{ "bg-stripe", offsetof(struct palette, bg_stripe) },
		{ "code-text", offsetof(struct palette, code_text) },
	};
	size_t	 i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n &&
		    !strncmp(named[i].name, name, n))
			return (struct rgb *)(void *)((char *)pal +
			    named[i].off);
	for (i = 1; i < SG_TOK__COUNT; i++)
		if (strlen(toks[i]) == n && !strncmp(toks[i], name, n))
			return &pal->tok[i];
	for (i = 0; i < 5; i++) {
		if (strlen(alerts[i]) == n && !strncmp(alerts[i], name, n))
			return &pal->alert[i];
		if (strlen(alerts[i]) + 3 == n && !strncmp(alerts[i], name,
		    n - 3) && !strncmp(name + n - 3, "-bg", 3))
			return &pal->alert_bg[i];
	}
	return NULL;
}

/* Reads the "$light: (" map of a _palette.scss: "  name: #rrggbb," lines. */
static void
parse_palette(struct palette *pal, const char *s, size_t len)
{
	const char	*e = s + len, *l, *nl, *colon;
	struct rgb	*c;
	unsigned	 v;
	int		 in = 0;

	for (l = s; l < e; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(e - l))) == NULL)
			nl = e;
		if (!in) {
			in = nl - l >= 8 && !strncmp(l, "$light:", 7);
			continue;
		}
		if (*l == ')')
			break;
		while (l < nl && (*l == ' ' || *l == '\t'))
			l++;
		if ((colon = memchr(l, ':', (size_t)(nl - l))) == NULL)
			continue;
		if ((c = slot(pal, l, (size_t)(colon - l))) == NULL)
			continue;
		if (sscanf(colon + 1, " #%6x", &v) == 1)
			*c = hex(v);
	}
}

void
pdf_palette(struct pdf *p)
{
	static const unsigned alert[5] = { 0x1f55b8, 0x146c2e, 0x6339b3,
	    0x845400, 0xb0241b };
	static const unsigned alert_bg[5] = { 0xedf2fc, 0xeaf6ed, 0xf3effa,
	    0xfcf5e3, 0xfcefee };
	struct palette		*pal = &p->pal;
	const struct sg_embed	*em;
	char			*path, *text = NULL;
	size_t			 len = 0, i;

	pal->text = hex(0x1d2127);
	pal->text2 = hex(0x545b66);
	pal->accent = hex(0x1f4fb4);
	pal->line = hex(0xe2e5ea);
	pal->line_strong = hex(0xc9ced6);
	pal->bg_code = hex(0xf4f5f7);
	pal->bg_output = hex(0xe9ecf0);
	pal->bg_inline = hex(0xeff1f4);
	pal->bg_head = hex(0xf2f4f6);
	pal->bg_stripe = hex(0xf8f9fa);
	pal->code_text = hex(0x1f2329);
	for (i = 0; i < SG_TOK__COUNT; i++)
		pal->tok[i] = pal->code_text;
	for (i = 0; i < 5; i++) {
		pal->alert[i] = hex(alert[i]);
		pal->alert_bg[i] = hex(alert_bg[i]);
	}
	if (p->site->config.theme && *p->site->config.theme) {
		path = xasprintf("%s/themes/%s/scss/_palette.scss",
		    p->site->root, p->site->config.theme);
		text = sg_file_read(path, &len);
		free(path);
	}
	if (text) {
		parse_palette(pal, text, len);
		free(text);
	} else if ((em = sg_embed_find("themes/default/scss/_palette.scss")))
		parse_palette(pal, (const char *)em->data, em->len);
	pal->tok[SG_TOK_TEXT] = pal->code_text;
}

/* ---- layouts ----------------------------------------------------------- */

/* A layout in font at size points, wrapping at width (0: no wrapping). */
PangoLayout *
pdf_layout_new(struct pdf *p, const PangoFontDescription *font, double size,
    double width)
{
	PangoLayout		*l = pango_layout_new(p->pc);
	PangoFontDescription	*fd = pango_font_description_copy(font);

	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	return l;
}

void
pdf_text_measure(struct pdf *p, struct text *t)
{
	PangoLayoutIter	*it;
	PangoRectangle	 log;
	int		 i = 0;

	pdf_layout_fonts(p, t->layout);
	t->nlines = pango_layout_get_line_count(t->layout);
	t->top = xcalloc((size_t)t->nlines + 1, sizeof(double));
	t->base = xcalloc((size_t)t->nlines + 1, sizeof(double));
	it = pango_layout_get_iter(t->layout);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		t->top[i] = (double)log.y / PANGO_SCALE;
		t->base[i] = (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		t->top[i + 1] = (double)(log.y + log.height) / PANGO_SCALE;
		i++;
	} while (i < t->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

void
pdf_text_remeasure(struct pdf *p, struct text *t)
{
	free(t->top);
	free(t->base);
	pdf_text_measure(p, t);
}

void
pdf_text_free(struct text *t)
{
	size_t	 i;

	if (t->layout)
		g_object_unref(t->layout);
	for (i = 0; i < t->nlinks; i++) {
		free(t->links[i].dest);
		free(t->links[i].uri);
	}
	free(t->links);
	free(t->top);
	free(t->base);
	memset(t, 0, sizeof(*t));
}

void
pdf_valid_utf8(struct sg_buf *buf, const char *s, size_t n)
{
	const gchar	*end;
	const char	*e = s + n;

	while (s < e) {
		if (g_utf8_validate(s, e - s, &end)) {
			sg_buf_put(buf, s, (size_t)(e - s));
			return;
		}
		sg_buf_put(buf, s, (size_t)(end - s));
		sg_buf_puts(buf, "\xEF\xBF\xBD");
		s = end + 1;
	}
}
