/* site.h: the site model. Everything hangs off one struct sg_site; after
 * loading it is read-only, so workers share it without locks. */
#ifndef SG_SITE_H
#define SG_SITE_H

#include <stddef.h>

#include "diag.h"
#include "site/value.h"

#define SG_VERSION	"0.1.0"

struct sg_sample;
struct sg_shortcode;
struct sg_taxonomy;
struct sg_doc;

struct sg_i18n;

struct sg_config {
	char		*title;
	char		*description;
	char		*base_url;	/* as written, always ending in '/' */
	char		*base_path;	/* its path part: "/" or "/guide/" */
	char		*language;	/* "en" */
	char		*theme;		/* "default"; "" for none */
	int		 unsafe;	/* markdown.unsafe: keep raw HTML */
	int		 toc_depth;	/* markdown.toc_depth: deepest level in a TOC */
	char		*cc;		/* samples.cc: the compiler ("cc") */
	char		*cflags;	/* samples.cflags */
	char		*ldflags;	/* samples.ldflags */
	double		 timeout;	/* samples.timeout: seconds a run may take */
	double		 max_output;	/* samples.max_output: bytes kept per stream */
	struct sg_value	*root;		/* all of site.yml, owned */
	struct sg_value	*data;		/* data/NAME.yml|json by NAME, owned */
	char		**data_files;	/* "data/NAME.yml", for the locations */
	size_t		 ndata_files;
	int		 links_warn;	/* links.internal: warn */
	char		*nav;		/* nav: the contents list, in content/ */
	struct sg_loc	 nav_loc;	/* where site.yml names it */
	struct sg_i18n	*i18n;		/* the texts of the language
					 * (site/i18n.h), owned */
};

/* One heading of a page, for the TOC and for #anchor checks. */
struct sg_heading {
	int	 level;		/* 1..6 */
	char	*id;		/* unique on the page; one of the page's
				 * md.ids, which owns it */
	char	*title;		/* plain text */
};

/* A link from a page to another page, kept for the anchor check. */
struct sg_link {
	struct sg_page	*target;	/* the page linked to */
	char		*anchor;	/* the #fragment, without '#' */
	struct sg_loc	 loc;		/* the link in the author's file */
};

/* What the Markdown stage makes of a page. */
struct sg_md {
	char			*html;		/* the body, owned */
	struct sg_heading	*headings;	/* every heading, in order */
	size_t			 nheadings;
	char			**ids;		/* every id on the page, sorted */
	size_t			 nids;
	struct sg_link		*links;		/* links with an anchor to check */
	size_t			 nlinks;
	char			*h1;		/* text of the first level-1 heading */
	char			*summary;	/* plain text of the first paragraph */
	size_t			 words;
	struct sg_sample	**samples;	/* its C samples, in order */
	size_t			 nsamples;
	struct sg_shortcode	**shortcodes;	/* its shortcode calls, in
						 * order (doc/shortcode.h) */
	size_t			 nshortcodes;
	char			**uses;		/* files of content/ its links
						 * point to that are published
						 * only when linked (publish.c) */
	size_t			 nuses;
	struct sg_doc		*doc;		/* the document tree (tree.h),
						 * owned, or NULL: made by
						 * sg_md_parse, dropped after the
						 * Markdown stage, made again for
						 * a page's outputs by sg_md_tree
						 * and dropped once it is
						 * rendered */
	unsigned char		*packed;	/* or the tree packed (pack.h),
						 * owned: what sg_md_tree makes
						 * it from when set */
	size_t			 npacked;
};

/* An old URL of a page, published as a redirect to it ('aliases:'). */
struct sg_alias {
	char		*path;		/* "/old/path/", as written */
	char		*out;		/* "old/path/index.html" */
	struct sg_loc	 loc;		/* the entry in the front matter */
};

struct sg_page {
	char		 *src;		/* "content/guide/x.md", for messages */
	char		 *rel;		/* "guide/x.md", relative to content/ */
	char		 *text;		/* the whole file, owned */
	size_t		  len;
	size_t		  body_off;	/* where the Markdown starts in text */
	int		  body_line;	/* the file line of its first line */
	struct sg_value	 *fm;		/* front matter map, or NULL */
	char		 *title;
	char		 *description;
	char		 *date;		/* "YYYY-MM-DD" or NULL */
	char		 *datetime;	/* "YYYY-MM-DDTHH:MM:SSZ" (or +HH:MM), or NULL */
	long long	  when;		/* date as seconds since 1970, UTC */
	int		  future;	/* dated after the build's now */
	struct sg_alias	 *aliases;	/* 'aliases:', owned */
	size_t		  naliases;
	char		 *slug;
	char		 *template;	/* front matter template, or NULL */
	double		  weight;
	int		  has_weight;	/* the front matter gives weight */
	int		  draft;
	int		  skipped;	/* a draft left out of this build */
	int		  toc;		/* front matter toc: 0 hides the TOC */
	struct sg_tag	**tags;		/* borrowed from site->tags */
	size_t		  ntags;
	struct sg_tag	**terms;	/* its terms of every taxonomy, tags
					 * too, in front matter order;
					 * borrowed from site->terms */
	size_t		  nterms;
	char		 *url;		/* "/base/guide/x/" */
	const char	 *slides_html;	/* a deck: its slides (slides.c) */
	char		 *out;		/* "guide/x/index.html" */
	struct sg_section *section;	/* the section the page is in */
	struct sg_section *owner;	/* the section whose index this is, or NULL */
	struct sg_page	 *prev, *next;	/* neighbours in the section */
	size_t		  index;	/* position in site->pages */
	struct sg_md	  md;		/* filled by the Markdown stage */
};

struct sg_section {
	char		  *dir;		/* "guide", "" for content/ itself */
	struct sg_page	  *page;	/* its _index.md page, or NULL */
	char		  *title;
	char		  *url;
	char		  *out;
	double		   weight;
	struct sg_section *parent;
	struct sg_section **sections;	/* child sections, ordered */
	size_t		   nsections;
	struct sg_page	 **pages;	/* pages (not the index), ordered */
	size_t		   npages;
	size_t		   index;	/* position in site->sections */
	char		  *feed;	/* "guide/atom.xml": its own feed, or
					 * NULL (see sg_feeds_plan) */
};

struct sg_tag {
	char		 *name;
	char		 *slug;
	char		 *url;
	char		 *out;
	struct sg_page	**pages;	/* ordered as site->pages */
	size_t		  npages;
	struct sg_taxonomy *tax;	/* the taxonomy it is a term of */
	size_t		  index;	/* position in site->terms */
};

/* A taxonomy ('taxonomies:' in site.yml, site/taxonomy.c): a front matter
 * key whose values (terms, struct sg_tag) each get a page. */
struct sg_taxonomy {
	char		 *singular;	/* "category" */
	char		 *plural;	/* "categories": the key, the URL */
	char		 *url;		/* "/base/categories/" */
	char		 *out;		/* "categories/index.html" */
	struct sg_tag	**terms;	/* sorted by slug; owned, but for
					 * tags: those of site->tags */
	size_t		  nterms;
	struct sg_loc	  loc;		/* its entry in site.yml, if any */
	size_t		  index;	/* position in site->taxonomies */
};

struct sg_options {
	const char	*root;		/* site root directory */
	const char	*out;		/* output directory, default root/public */
	const char	*base_url;	/* overrides site.yml */
	int		 jobs;
	int		 drafts;
	int		 future;	/* --future: keep pages dated after now */
	int		 quiet;
	int		 verbose;
	int		 dry_run;	/* check: build, write nothing */
	int		 force;		/* --force: replace an output folder
					 * sitegen did not make */
	int		 samples_only;	/* samples: run the samples, write nothing */
	int		 bless;		/* samples --bless: */
#define SG_BLESS_EXISTING 1	/* rewrite the output blocks there are */
#define SG_BLESS_ALL	2	/* --bless=all: add missing ones too */
	const char	*export_dir;	/* samples --export DIR */
	int		 pdf_only;	/* pdf: write only the handouts */
	int		 slides_only;	/* slides: write only the decks */
	int		 color;		/* colour diagnostics */
	int		 json;		/* --format json: findings as JSON lines */
	int		 exits;		/* the process ends with this build
					 * (main.c): what it holds is left to
					 * the exit, not freed piece by piece */
};

struct sg_site {
	const struct sg_options *opt;
	struct sg_diag	 *diag;
	char		 *root;		/* the site root, as given */
	struct sg_config  config;
	struct sg_page	**pages;	/* every published page, ordered */
	size_t		  npages;
	struct sg_page	**all;		/* every page read, drafts too, by rel */
	size_t		  nall;
	char		**files;	/* other files under content/, sorted */
	size_t		  nfiles;
	struct sg_section **sections;	/* every section, parents first */
	size_t		  nsections;
	struct sg_section *home;	/* content/ itself */
	struct sg_tag	**tags;		/* sorted by slug */
	size_t		  ntags;
	struct sg_taxonomy **taxonomies; /* as site.yml lists them */
	size_t		  ntaxonomies;
	struct sg_tag	**terms;	/* the terms of all, by taxonomy */
	size_t		  nterms;
	char		 *build_date;	/* SOURCE_DATE_EPOCH or newest page date */
	struct sg_assets *assets;	/* fingerprinted assets */
	struct sg_handouts *handouts;	/* the PDF handouts (handouts.h) */
	struct sg_decks	 *decks;	/* the slide decks (slides.h) */
	struct sg_nav	 *nav;		/* the contents list ('nav:'), or
					 * NULL (nav.h) */
	struct sg_imgsizes *imgsizes;	/* image sizes measured so far, a
					 * cache shared by the threads
					 * (doc/imgsize.h) */
	struct sg_secrets *secrets;	/* the credential scan, made once the
					 * config is read; the Markdown stage
					 * scans each page's text with it
					 * (check/secrets.h) */
	int		  drop_texts;	/* set before sg_site_load by a build
					 * that renders each page once: a
					 * page's text goes once its tree is
					 * packed (doc/parse.c) */
};

/* site.c: the lifecycle. sg_site_new makes an empty site for opt (which
 * must outlive it), with its diagnostics going to stderr; the caller frees
 * it with sg_site_free, which frees everything hanging off it (NULL does
 * nothing). */
struct sg_site	*sg_site_new(const struct sg_options *opt);
void		 sg_site_free(struct sg_site *site);

/* The load stages as build runs them: config (and site->secrets),
 * content, Markdown (on opt->jobs threads), resolve, the anchor check.
 * Prints the messages of each stage at its end and stops at the first
 * stage with errors (those of the anchor check are left pending).
 * Returns 0, or -1 on errors. */
int		 sg_site_load(struct sg_site *site);

/* Where a stage started, for sg_site_lap: the wall clock (sg_now) and the
 * CPU time the process had used then, all its threads, in seconds. */
struct sg_lap {
	double	 wall;
	double	 cpu;
};

/* Starts *t now. */
void		 sg_lap_start(struct sg_lap *t);

/* With --verbose, prints how long the stage that just ended took since
 * *t: its wall time, the CPU time of all the process's threads in it (on
 * two workers kept busy, twice its wall time), and the process's resident
 * memory. Moves *t to now either way. */
void		 sg_site_lap(const struct sg_site *site, const char *stage,
		    struct sg_lap *t);

/* Is page p a slide deck ("slides: true" in its front matter)? */
int		 sg_page_is_deck(const struct sg_page *p);

/* url (a path of the site) with base_url's scheme and host before it,
 * or a copy of url when base_url has none; the caller frees it. */
char		*sg_site_permalink(const struct sg_site *site, const char *url);

/* Parses page again (its text must still be loaded), replacing its
 * page->md, for a server that saw it change; a title that came from the
 * first level-1 heading (no 'title' in the front matter) is set to the
 * new one. Returns as sg_md_parse. */
int		 sg_site_reparse(struct sg_site *site, struct sg_page *page);

/* config.c */
int		 sg_config_load(struct sg_site *site);
/* Frees what c holds, not c (part of the site). */
void		 sg_config_free(struct sg_config *c);

/* config_docs.c: links.internal, nav and samples.mode (see there);
 * sg_samples_mode names the mode of a samples: value, or -1. */
#define SG_SAMPLES_RUN		0	/* compile, run if it has main */
#define SG_SAMPLES_COMPILE	1	/* compile only */
#define SG_SAMPLES_SHOW		2	/* shown, not compiled */
int		 sg_config_docs(struct sg_site *site);

/* May the site have file (sitemap.xml or atom.xml)? Only with an
 * absolute base_url: the Sitemaps protocol and Atom (RFC 4287) want
 * absolute URLs. Without one, warns once, at the base_url line. */
int		 sg_feeds_ok(const struct sg_site *site, const char *file);

/* Sets each section's feed: the output path of its atom.xml, or NULL.
 * A section's feed holds its pages and its subsections' pages. */
void		 sg_feeds_plan(struct sg_site *site);

/* publish.c: is rel (a file of content/) a source only (C sources and
 * headers, anything under samples/), published only when a page links to
 * it? Is it to be published? */
int		 sg_content_source_only(const char *rel);

/* Is rel to be published: not a source only, or linked from a page of
 * this build? */
int		 sg_content_publishes(const struct sg_site *site,
	    const char *rel);

/* The mode a samples: value names (SG_SAMPLES_RUN, …), or -1. */
int		 sg_samples_mode(const char *s);

/* data.c */
int		 sg_data_load(struct sg_site *site);

/* frontmatter.c */
void		 sg_fm_read(struct sg_site *site, struct sg_page *p);

/* content.c */
int		 sg_content_load(struct sg_site *site);

/* After the Markdown stage: titles (front matter, else the first '#'
 * heading), section order, pages in reading order, previous and next
 * links, tags, the build date, and one output path per URL. Returns 0,
 * or -1 if any error was reported. */
int		 sg_content_resolve(struct sg_site *site);

/* The page whose path relative to content/ is rel, drafts included, or
 * NULL. Safe from any thread once loading is done. */
struct sg_page	*sg_content_find(const struct sg_site *site, const char *rel);
/* Is rel (relative to content/) one of the site's files other than pages,
 * site->files: those the walk of content/ published, which leaves out
 * links that lead out of it, dotfiles and what is not a regular file? */
int		 sg_content_has_file(const struct sg_site *site, const char *rel);
/* Frees the site's pages (drafts too), sections, taxonomies and list of
 * files; site itself stays. */
void		 sg_content_free(struct sg_site *site);

/* site/taxonomy.c: sg_taxonomy_config reads 'taxonomies:' of site.yml
 * (tag: tags and category: categories by default) into
 * site->taxonomies; sg_taxonomy_has tells if a front matter key is one;
 * sg_taxonomy_resolve gives each its terms from the pages' front matter
 * (the tags' are site->tags, made by content.c) and fills site->terms.
 * Errors are reported; sg_taxonomy_free frees them all. */
void		 sg_taxonomy_config(struct sg_site *site);
int		 sg_taxonomy_has(const struct sg_site *site,
	    const char *plural);
void		 sg_taxonomy_resolve(struct sg_site *site);
void		 sg_taxonomy_free(struct sg_site *site);

/* markdown.c: sg_md_init builds cmark-gfm's extension registry before
 * threads parse. sg_md_parse parses page (its text must be loaded) into
 * page->md: the tree and the records (headings, ids, links, samples, h1,
 * summary, words), reporting problems; returns 0, or -1 if it reported an
 * error; pages may be parsed on several threads at once. sg_md_to_html
 * renders Markdown text for the template helper markdown() (site may be
 * NULL); the caller frees the result. sg_md_tree makes page->md.doc again
 * if it was dropped, silently: from md.packed when the Markdown stage
 * packed it, else by parsing the page's text again, with its own samples;
 * returns 0, or -1 with neither. sg_md_render renders
 * md->doc into md->html (replacing it; "" without a tree). sg_md_drop_tree
 * frees md->doc and keeps the records (md->packed too); sg_md_free frees everything in md. */
void		 sg_md_init(void);
int		 sg_md_parse(const struct sg_site *site, struct sg_page *page);
char		*sg_md_to_html(const struct sg_site *site, const char *text,
		    size_t len);
int		 sg_md_tree(const struct sg_site *site, struct sg_page *page);
void		 sg_md_render(const struct sg_site *site, struct sg_md *md);
void		 sg_md_drop_tree(struct sg_md *md);
void		 sg_md_free(struct sg_md *md);

/* Checks every #anchor of every link against the ids of the page it
 * points to. Returns the number of broken ones, each reported: errors,
 * or with links.internal: warn warnings, counted with the broken page
 * links of the Markdown stage (noted without a target) in one line. */
int		 sg_md_check_links(struct sg_site *site);
/* cmark-gfm's version, a static string, for --version. */
const char	*sg_md_version(void);

#endif
