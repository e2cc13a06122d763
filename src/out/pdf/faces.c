/* faces.c: the cairo font faces and font files that handouts and decks
 * made on several threads at once share, and what keeps them from
 * breaking each other's (cairo 1.16, Debian's, leaves both to its
 * callers). */
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out/handouts.h"
#include "out/pdf/pdf_int.h"
#include "site.h"
#include "util.h"

/*
 * The cairo font faces of each pair of fonts a PDF uses, made once and
 * kept until the process ends. cairo 1.16 looks a font file's faces up
 * and adds a new one to their list without a lock
 * (_cairo_ft_font_face_create). Two threads laying out their first text
 * in one font at the same moment could each add a face of their own; a
 * PDF whose text was measured with both then embedded that font twice,
 * and its bytes differed from the next build's (seen in about one build
 * in 75 of the guide's handouts under ASan, two handouts at a time:
 * DejaVu Sans Bold twice). So the faces of the fonts of a pair, upright
 * and italic, regular and bold (all the layouts ask for), are made here
 * on one thread at a time, before any layout in that pair; every later
 * layout finds them and adds none. They are held, so that no face is
 * freed (and taken out of the list) while another thread reads it.
 *
 * Fonts pango falls back on, for characters the pair lacks (Thai or
 * Devanagari in a DejaVu handout), cannot be known before the text is:
 * four handouts with such text, two laid out at a time, crashed the
 * build in 13 runs of 60, and in 4 of the others a handout embedded a
 * font twice. So a layout with a character some font of the pair lacks
 * is itemized first (pdf_layout_fonts); when pango sets a run of it in
 * another font, the layout is shaped and measured under held_lock and
 * the faces of all its fonts are held: each face of a fallback font is
 * made, and looked up, by one thread at a time, and none is freed. Text
 * the pair covers, nearly all of it, takes no lock.
 */
struct held_faces {
	char		*font, *mono;
	PangoFontMap	*fontmap;
	PangoContext	*pc;
	PangoFont	*fonts[8];
	FcCharSet	*covered;	/* the characters all eight have */
	char		*files[8];	/* their font files */
};

static pthread_mutex_t		 held_lock = PTHREAD_MUTEX_INITIALIZER;
static struct held_faces	**held;		/* process lifetime */
static size_t			 nheld;
static cairo_font_face_t	**faces;	/* fallbacks', process lifetime */
static size_t			 nfaces;

/*
 * Holding faces is not all: cairo 1.16 keeps at most ten font files open
 * (MAX_OPEN_FACES in cairo-ft-font.c) and, to open an eleventh, closes
 * one no thread has locked, judged without that file's lock: a thread
 * about to use it then reads a closed FreeType face (seen: a crash in
 * FT_Get_First_Char while a page was written, in one run of those 60
 * once the faces were held). A pair of fonts is at most
 * eight files, so handouts and decks that use no others run side by
 * side; once any job needs another font (a fallback, a second pair, the
 * text of an image in another font), that job and every later one run
 * alone for the rest of the process. Each job holds jobs_lock from
 * pdf_fonts_open to pdf_fonts_close, shared or, once alone is set,
 * exclusive.
 */
static pthread_rwlock_t		 jobs_lock = PTHREAD_RWLOCK_INITIALIZER;
static int			 alone;		/* under held_lock */

void
pdf_alone(struct pdf *p)
{
	if (p->alone)
		return;
	pthread_mutex_lock(&held_lock);
	alone = 1;
	pthread_mutex_unlock(&held_lock);
	/* the jobs under way finish first; none starts shared again */
	pthread_rwlock_unlock(&jobs_lock);
	pthread_rwlock_wrlock(&jobs_lock);
	p->alone = 1;
}

/* Holds the cairo face of font f (under held_lock). */
static void
hold_face(PangoFont *f)
{
	cairo_scaled_font_t	*sf;
	cairo_font_face_t	*face;
	size_t			 i;

	if (f == NULL || !PANGO_IS_CAIRO_FONT(f) || (sf =
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f))) == NULL)
		return;
	face = cairo_scaled_font_get_font_face(sf);
	for (i = 0; i < nfaces; i++)
		if (faces[i] == face)
			return;
	faces = xrealloc(faces, (nfaces + 1) * sizeof(*faces));
	faces[nfaces++] = cairo_font_face_reference(face);
}

static int	 pair_file(char *const *files, PangoFont *f);

/* The first character of run that no font has, which pango draws as a
 * box with its code (its unknown glyph holds the character), or 0. */
static gunichar
unknown_in(const PangoLayoutRun *run)
{
	PangoGlyph	 g;
	int		 k;

	for (k = 0; k < run->glyphs->num_glyphs; k++)
		if ((g = run->glyphs->glyphs[k].glyph) != PANGO_GLYPH_EMPTY &&
		    (g & PANGO_GLYPH_UNKNOWN_FLAG))
			return g & ~PANGO_GLYPH_UNKNOWN_FLAG;
	return 0;
}

/* Holds the faces of the fonts of every run of l (under held_lock), once
 * it is shaped and measured: what makes them. Sets *none to the first
 * character no font has (unknown_in) unless it is set. Returns whether
 * each run is in one of the pair's files. */
static int
hold_runs(PangoLayout *l, char *const *files, gunichar *none)
{
	PangoLayoutIter	*it;
	PangoLayoutRun	*run;
	int		 pair = 1;

	pango_layout_get_extents(l, NULL, NULL);
	it = pango_layout_get_iter(l);
	do {
		if ((run = pango_layout_iter_get_run_readonly(it)) == NULL)
			continue;
		hold_face(run->item->analysis.font);
		if (!pair_file(files, run->item->analysis.font))
			pair = 0;
		if (*none == 0)
			*none = unknown_in(run);
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	return pair;
}

/* The first character of l's text that no font has, or 0 (shapes l). */
static gunichar
unknown_of(PangoLayout *l)
{
	PangoLayoutIter	*it = pango_layout_get_iter(l);
	PangoLayoutRun	*run;
	gunichar	 none = 0;

	do {
		if ((run = pango_layout_iter_get_run_readonly(it)) != NULL)
			none = unknown_in(run);
	} while (none == 0 && pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	return none;
}

/* Variant k of the pair (sans k < 4, else mono; bold k & 1, italic
 * k & 2) at 10 points; the caller frees it. */
static PangoFontDescription *
variant(const struct pdf *p, int k)
{
	PangoFontDescription	*fd;

	fd = pango_font_description_copy(k < 4 ? p->sans : p->mono);
	pango_font_description_set_size(fd, 10 * PANGO_SCALE);
	pango_font_description_set_weight(fd, k & 1 ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, k & 2 ? PANGO_STYLE_ITALIC :
	    PANGO_STYLE_NORMAL);
	return fd;
}

/* The characters all of h's fonts have (under held_lock). */
static void
hold_coverage(struct held_faces *h)
{
	FcPattern	*pat;
	FcCharSet	*cs, *both;
	FcChar8		*file;
	int		 k;

	for (k = 0; k < 8; k++) {
		if (h->fonts[k] == NULL || !PANGO_IS_FC_FONT(h->fonts[k]) ||
		    (pat = pango_fc_font_get_pattern(PANGO_FC_FONT(
		    h->fonts[k]))) == NULL || FcPatternGetCharSet(pat,
		    FC_CHARSET, 0, &cs) != FcResultMatch) {
			/* unknown: every character takes the lock */
			if (h->covered)
				FcCharSetDestroy(h->covered);
			h->covered = FcCharSetCreate();
			return;
		}
		if (FcPatternGetString(pat, FC_FILE, 0, &file) ==
		    FcResultMatch)
			h->files[k] = xstrdup((const char *)file);
		if (h->covered == NULL)
			h->covered = FcCharSetCopy(cs);
		else {
			both = FcCharSetIntersect(h->covered, cs);
			FcCharSetDestroy(h->covered);
			h->covered = both;
		}
	}
}

/* What layouts may draw of their own in any of the pair's eight faces,
 * shaped once under held_lock so that the fonts it takes are made here:
 * the ellipsis of a cut line, a hyphen where a word breaks, a list's
 * bullet, and a character no font has (U+10FFFD), whose box of hex
 * digits pango draws in a small font of its own. A pair that lacks one
 * of them takes another font: from then on, jobs run alone. */
static void
warm(struct held_faces *h, const struct pdf *p)
{
	PangoFontDescription	*fd;
	PangoLayout		*l;
	gunichar		 none = 0;
	int			 k;

	for (k = 0; k < 8; k++) {
		fd = variant(p, k);
		l = pango_layout_new(h->pc);
		pango_layout_set_font_description(l, fd);
		pango_layout_set_text(l, "\xE2\x80\xA6 \xE2\x80\x90-\xE2\x80\xA2 "
		    "\xF4\x8F\xBF\xBD", -1);
		if (!hold_runs(l, h->files, &none))
			alone = 1;
		g_object_unref(l);
		pango_font_description_free(fd);
	}
}

/* The held faces of p's pair, or NULL (under held_lock). */
static struct held_faces *
find_pair(const struct pdf *p)
{
	size_t	 i;

	for (i = 0; i < nheld; i++)
		if (!strcmp(held[i]->font, p->hs->font) &&
		    !strcmp(held[i]->mono, p->hs->mono))
			return held[i];
	return NULL;
}

/* The held faces of p's pair of fonts, made on first use. */
static struct held_faces *
hold_faces(const struct pdf *p)
{
	PangoFontDescription	*fd;
	struct held_faces	*h;
	int			 k;

	pthread_mutex_lock(&held_lock);
	if ((h = find_pair(p)) != NULL) {
		pthread_mutex_unlock(&held_lock);
		return h;
	}
	held = xrealloc(held, (nheld + 1) * sizeof(*held));
	h = held[nheld++] = xcalloc(1, sizeof(*h));
	h->font = xstrdup(p->hs->font);
	h->mono = xstrdup(p->hs->mono);
	pdf_context_new(p->site, &h->fontmap, &h->pc);
	for (k = 0; k < 8; k++) {
		fd = variant(p, k);
		h->fonts[k] = pango_font_map_load_font(h->fontmap, h->pc, fd);
		/* the scaled font is what makes (and holds) the face */
		if (h->fonts[k] && PANGO_IS_CAIRO_FONT(h->fonts[k]))
			(void)pango_cairo_font_get_scaled_font(
			    PANGO_CAIRO_FONT(h->fonts[k]));
		pango_font_description_free(fd);
	}
	hold_coverage(h);
	warm(h, p);
	pthread_mutex_unlock(&held_lock);
	return h;
}

/* Is p's pair the first one held, or held already? */
static int
pair_known(const struct pdf *p)
{
	int	 known;

	pthread_mutex_lock(&held_lock);
	known = nheld == 0 || find_pair(p) != NULL;
	pthread_mutex_unlock(&held_lock);
	return known;
}

/* Do jobs run alone from now on? */
static int
alone_now(void)
{
	int	 a;

	pthread_mutex_lock(&held_lock);
	a = alone;
	pthread_mutex_unlock(&held_lock);
	return a;
}

void
pdf_faces_open(struct pdf *p)
{
	unsigned	 c;

	/* alone is set before any other font is made, and read with the
	 * lock shared: no job that started shared meets one */
	pthread_rwlock_rdlock(&jobs_lock);
	if (alone_now())
		pdf_alone(p);
	/* a second pair: up to sixteen files */
	if (!pair_known(p))
		pdf_alone(p);
	p->held = hold_faces(p);
	/* (which may have found the pair wanting: see warm) */
	if (alone_now())
		pdf_alone(p);
	p->covered = p->held->covered;
	for (c = 0; c < 128; c++)
		p->ascii[c] = !g_unichar_isgraph(c) ||
		    FcCharSetHasChar(p->covered, c);
}

void
pdf_faces_close(struct pdf *p)
{
	(void)p;
	pthread_rwlock_unlock(&jobs_lock);
}

/* Does pango look a font up for c, and do the pair's fonts all lack it?
 * Pango keeps the font it is in for a character that draws nothing
 * visible (a space, a control or format character). */
static int
uncovered(const struct pdf *p, gunichar c)
{
	GUnicodeType	 t;

	if (FcCharSetHasChar(p->covered, c))
		return 0;
	t = g_unichar_type(c);
	return g_unichar_isgraph(c) || t == G_UNICODE_PRIVATE_USE ||
	    t == G_UNICODE_UNASSIGNED;
}

/* Is font f in one of the files of a pair (files[0..8))? */
static int
pair_file(char *const *files, PangoFont *f)
{
	FcPattern	*pat;
	FcChar8		*file;
	int		 k;

	if (f == NULL || !PANGO_IS_FC_FONT(f) || (pat =
	    pango_fc_font_get_pattern(PANGO_FC_FONT(f))) == NULL ||
	    FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
		return 0;
	for (k = 0; k < 8; k++)
		if (files[k] && !strcmp(files[k], (const char *)file))
			return 1;
	return 0;
}

/* Does l's text, with its fonts and attributes, take only fonts of the
 * pair? A character one of the eight lacks may still be in the one its
 * run is set in (a ballot box is in DejaVu Sans, not in its mono
 * oblique): pango's itemizing, which picks the fonts but makes no cairo
 * face, says which each run takes. */
static int
pair_only(struct pdf *p, PangoLayout *l)
{
	const char		*text = pango_layout_get_text(l);
	const PangoFontDescription *fd = pango_layout_get_font_description(l);
	PangoAttrList		*attrs, *own;
	PangoAttribute		*a;
	GList			*items, *i;
	int			 ok = 1;

	attrs = pango_layout_get_attributes(l);
	own = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
	if (fd) {
		a = pango_attr_font_desc_new(fd);
		a->start_index = 0;
		a->end_index = G_MAXUINT;
		pango_attr_list_insert_before(own, a);
	}
	items = pango_itemize(p->pc, text, 0, (int)strlen(text), own, NULL);
	for (i = items; i; i = i->next) {
		if (ok && !pair_file(p->held->files,
		    ((PangoItem *)i->data)->analysis.font))
			ok = 0;
		pango_item_free(i->data);
	}
	g_list_free(items);
	pango_attr_list_unref(own);
	return ok;
}

/* Warns, once a PDF, that a character no installed font has is drawn
 * as a box: a Japanese site without a Japanese font made a handout
 * whose headings and page footers were boxes, and said nothing. */
static void
tell_boxes(struct pdf *p, gunichar c)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	char		 utf8[8];

	p->boxes_told = 1;
	utf8[g_unichar_to_utf8(c, utf8)] = '\0';
	loc.file = p->page ? p->page->src : NULL;
	sg_diag_warn(p->diag, &loc, "%s: no installed font has the character "
	    "'%s' (U+%04X), which is drawn as a box; install a font that "
	    "has it (fc-list ':charset=%x' lists those that do; for Chinese, "
	    "Japanese or Korean, Debian's fonts-noto-cjk)", p->h && p->h->out ?
	    p->h->out : "a slide deck's PDF", g_unichar_isgraph(c) ? utf8 :
	    "?", (unsigned)c, (unsigned)c);
}

void
pdf_layout_fonts(struct pdf *p, PangoLayout *l)
{
	const char	*s = pango_layout_get_text(l);
	gunichar	 none = 0;

	while (*s) {
		if ((unsigned char)*s < 0x80) {
			if (!p->ascii[(unsigned char)*s])
				break;
			s++;
		} else if (uncovered(p, g_utf8_get_char(s)))
			break;
		else
			s = g_utf8_next_char(s);
	}
	if (*s == '\0')
		return;
	/* a character the pair lacks that pango finds in no other font
	 * stays in the pair's run, as a box */
	if (pair_only(p, l)) {
		if (!p->boxes_told && (none = unknown_of(l)) != 0)
			tell_boxes(p, none);
		return;
	}
	pdf_alone(p);
	pthread_mutex_lock(&held_lock);
	(void)hold_runs(l, p->held->files, &none);
	pthread_mutex_unlock(&held_lock);
	if (none != 0 && !p->boxes_told)
		tell_boxes(p, none);
}

/* ---- images' text ---------------------------------------------------- */

/* The family fontconfig draws for one name of a CSS font-family list:
 * the name when fontconfig has it, what it makes of a generic name
 * (sans-serif, monospace …); 0 when neither (the list goes on). */
static int
family_for(const char *name, char *out, size_t size)
{
	static const char *const generic[] = { "serif", "sans-serif",
	    "sans", "monospace", "cursive", "fantasy", "system-ui", NULL };
	int	 i;

	if (!pdf_match_family(name, out, size))
		return 0;
	for (i = 0; generic[i]; i++)
		if (!strcasecmp(name, generic[i]))
			return 1;
	return strcasecmp(out, name) == 0;
}

/* Is the font-family list v[0..n) drawn in one of p's pair? */
static int
list_is_pair(const struct pdf *p, const char *v, size_t n)
{
	const char	*e = v + n, *q;
	char		 name[128], family[128];
	size_t		 k;

	if (memchr(v, '&', n) != NULL)		/* an entity: unread */
		return 0;
	while (v < e) {
		while (v < e && strchr(" \t\r\n'\",", *v))
			v++;
		for (q = v; q < e && *q != ','; q++)
			;
		for (k = (size_t)(q - v); k > 0 && strchr(" \t\r\n'\"",
		    v[k - 1]); k--)
			;
		if (k >= sizeof(name))
			return 0;
		memcpy(name, v, k);
		name[k] = '\0';
		if (k > 0 && family_for(name, family, sizeof(family)))
			return !strcasecmp(family, p->hs->font) ||
			    !strcasecmp(family, p->hs->mono);
		v = q;
	}
	return 0;
}

/* The value of the property or attribute whose name ends at s (e), as
 * [*v, return): after '="' or ":" in CSS. NULL if s is neither. */
static const char *
prop_value(const char *s, const char *e, const char **v)
{
	char	 quote;

	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	if (s >= e || (*s != '=' && *s != ':'))
		return NULL;
	if (*s++ == ':') {
		for (*v = s; s < e && !strchr(";\"}<>\n", *s); s++)
			;
		return s;
	}
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	if (s >= e || (*s != '"' && *s != '\''))
		return NULL;
	quote = *s++;
	for (*v = s; s < e && *s != quote; s++)
		;
	return s;
}

/* Is the font-weight value v[0..n) one a pair has a file for? */
static int
plain_weight(const char *v, size_t n)
{
	static const char *const ok[] = { "normal", "bold", "400", "700",
	    "inherit", NULL };
	int	 i;

	while (n > 0 && strchr(" \t\n", *v))
		v++, n--;
	while (n > 0 && strchr(" \t\n", v[n - 1]))
		n--;
	for (i = 0; ok[i]; i++)
		if (strlen(ok[i]) == n && !strncasecmp(v, ok[i], n))
			return 1;
	return 0;
}

int
pdf_svg_other_fonts(struct pdf *p, const char *svg, size_t len)
{
	const char	*e = svg + len, *s, *q, *v, *end;
	gunichar	 c;
	int		 families = 0;

	if (memmem(svg, len, "<text", 5) == NULL)
		return 0;
	/* its characters: a numeric reference is not read, so counts */
	if (memmem(svg, len, "&#", 2) != NULL)
		return 1;
	for (s = svg; s < e; ) {
		if ((unsigned char)*s < 0x80) {
			s++;
			continue;
		}
		c = g_utf8_get_char_validated(s, e - s);
		if (c == (gunichar)-1 || c == (gunichar)-2 || uncovered(p, c))
			return 1;
		s = g_utf8_next_char(s);
	}
	/* its fonts: each family list, weight and stretch */
	for (s = svg; (s = memmem(s, (size_t)(e - s), "font", 4)) != NULL;
	    s += 4) {
		q = s + 4;
		if (e - q >= 7 && !memcmp(q, "-family", 7)) {
			if ((end = prop_value(q + 7, e, &v)) == NULL)
				continue;
			if (!list_is_pair(p, v, (size_t)(end - v)))
				return 1;
			families++;
		} else if (e - q >= 7 && !memcmp(q, "-weight", 7)) {
			if ((end = prop_value(q + 7, e, &v)) != NULL &&
			    !plain_weight(v, (size_t)(end - v)))
				return 1;
		} else if (e - q >= 8 && !memcmp(q, "-stretch", 8)) {
			if (prop_value(q + 8, e, &v) != NULL)
				return 1;
		} else if (prop_value(q, e, &v) != NULL)
			return 1;		/* the font shorthand */
	}
	/* text and no family: librsvg's default, Times New Roman */
	return families == 0;
}

void
pdf_held_map_begin(struct pdf *p)
{
	pthread_mutex_lock(&held_lock);
	pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(
	    p->held->fontmap));
}

void
pdf_held_map_end(struct pdf *p)
{
	(void)p;
	pango_cairo_font_map_set_default(NULL);
	pthread_mutex_unlock(&held_lock);
}
