/* test_imgsize.c: unit tests for the size of image files under content/
 * (doc/imgsize.h): PNG, GIF and SVG measured, each file once; no size
 * through a link out of content/, for a FIFO (without blocking), a PNG
 * cut short or a dotfile; a text file is no image at all. */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sitefile.h"
#include "doc/imgsize.h"
#include "site.h"
#include "rmtree.h"
#include "util.h"

static char		 root[] = "/tmp/sg-test-imgsize-XXXXXX";
static struct sg_options opt;
static struct sg_site	*site;

/* A 3 x 2 RGB PNG, and a 1 x 1 GIF stretched to 7 x 6 by its header. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00,
	0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xf1, 0x4d,
	0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63,
	0x10, 0x50, 0x30, 0x80, 0x20, 0x06, 0x38, 0x0b, 0x00, 0x15, 0xd4,
	0x02, 0x41, 0xdc, 0x85, 0xc2, 0x85, 0x00, 0x00, 0x00, 0x00, 0x49,
	0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};
static const unsigned char gif[] = "GIF89a\x07\x00\x06\x00\x80\x00\x00"
	"\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x07\x00\x06\x00\x00\x02"
	"\x02\x44\x01\x00;";

static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	"width=\"12mm\" height=\"24px\"/>";

/* An SVG whose <svg> tag comes after a long comment. */
static void
long_svg(void)
{
	char	 text[2048];

	memset(text, 0, sizeof(text));
	strcpy(text, "<?xml version=\"1.0\"?>\n<!-- ");
	memset(text + strlen(text), 'x', 1000);
	strcat(text, " -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 64 32\"/>\n");
	sitefile_write(root, "content/img/long.svg", text, strlen(text));
}

static void
setup(void)
{
	char	*p, *q;

	if (mkdtemp(root) == NULL)
		exit(2);
	sitefile_write(root, "content/img/a.png", png, sizeof(png));
	sitefile_write(root, "content/img/cut.png", png, 20);
	sitefile_write(root, "content/img/b.gif", gif, sizeof(gif) - 1);
	sitefile_write(root, "content/img/c.svg", svg, strlen(svg));
	sitefile_write(root, "content/img/notes.png", "just text\n", 10);
	sitefile_write(root, "content/img/notes.svg", "just text\n", 10);
	long_svg();
	sitefile_write(root, "content/.hidden/d.png", png, sizeof(png));
	sitefile_write(root, "outside.png", png, sizeof(png));
	p = xasprintf("%s/content/img/out.png", root);
	if (symlink("../../outside.png", p) == -1)
		exit(2);
	free(p);
	p = xasprintf("%s/content/img/in.png", root);
	if (symlink("a.png", p) == -1)
		exit(2);
	free(p);
	p = xasprintf("%s/content/img/pipe.png", root);
	if (mkfifo(p, 0600) == -1)
		exit(2);
	free(p);
	q = xasprintf("%s/content/img/dir.png", root);
	sg_mkdirs(q);
	free(q);
	opt.root = root;
	opt.jobs = 1;
	opt.quiet = 1;
	site = sg_site_new(&opt);
}

static int
size_of(const char *rel, int *w, int *h)
{
	return sg_imgsize_get(site, rel, w, h);
}

static void
test_formats(void)
{
	int	 w, h;

	CHECK(size_of("img/a.png", &w, &h) == SG_IMGSIZE_OK);
	CHECK(w == 3 && h == 2);
	CHECK(size_of("img/b.gif", &w, &h) == SG_IMGSIZE_OK);
	CHECK(w == 7 && h == 6);
	/* 12mm at 96 dpi */
	CHECK(size_of("img/c.svg", &w, &h) == SG_IMGSIZE_OK);
	CHECK(w == 45 && h == 24);
	CHECK(size_of("img/in.png", &w, &h) == SG_IMGSIZE_OK);
	CHECK(w == 3 && h == 2);
	/* its <svg> beyond the first bytes looked at, size from viewBox */
	CHECK(size_of("img/long.svg", &w, &h) == SG_IMGSIZE_OK);
	CHECK(w == 64 && h == 32);
}

static void
test_cache(void)
{
	char	*p = xasprintf("%s/content/img/a.png", root);
	int	 w, h;

	/* measured before: the file is not read again */
	unlink(p);
	CHECK(size_of("img/a.png", &w, &h) == SG_IMGSIZE_OK);
	CHECK(w == 3 && h == 2);
	sitefile_write(root, "content/img/a.png", png, sizeof(png));
	free(p);
}

static void
test_hostile(void)
{
	int	 w = 1, h = 1;

	CHECK(size_of("img/out.png", &w, &h) == SG_IMGSIZE_UNKNOWN);
	CHECK(w == 0 && h == 0);
	CHECK(size_of("img/pipe.png", &w, &h) == SG_IMGSIZE_UNKNOWN);
	CHECK(size_of("img/dir.png", &w, &h) == SG_IMGSIZE_UNKNOWN);
	CHECK(size_of("img/cut.png", &w, &h) == SG_IMGSIZE_UNKNOWN);
	CHECK(size_of(".hidden/d.png", &w, &h) == SG_IMGSIZE_UNKNOWN);
	CHECK(size_of("img/missing.png", &w, &h) == SG_IMGSIZE_UNKNOWN);
	CHECK(size_of("img/notes.png", &w, &h) == SG_IMGSIZE_NOT_IMAGE);
	CHECK(w == 0 && h == 0);
	CHECK(size_of("img/notes.svg", &w, &h) == SG_IMGSIZE_NOT_IMAGE);
}

int
main(void)
{
	setup();
	TEST(test_formats);
	TEST(test_cache);
	TEST(test_hostile);
	sg_site_free(site);
	if (sg_rm_tree(root) != 0)
		printf("  could not remove %s\n", root);
	HARNESS_EXIT();
}
