#!/bin/sh
# tests/suites/taxonomies.sh SITEGEN: front matter keys of taxonomies: a
# taxonomy's key is no unknown key, a typo of one gets a "did you mean";
# with the default theme, a page lists its categories and the list page
# of an empty taxonomy is made.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
. "$(dirname "$0")/lib/common.sh"
tmp=$work
top=$(pwd)

s=$tmp/site
mkdir -p "$s/content" "$s/themes"
ln -s "$top/themes/default" "$s/themes/default"
printf 'title: T\nbase_url: https://example.org/\ntheme: default\ntaxonomies:\n  category: categories\n  topic: topics\n  level: levels\n' > "$s/site.yml"
printf -- '---\ntitle: A\ncategories: [Guides]\ntopics: [Cold starts]\ntopcs: [x]\n---\nText.\n' > "$s/content/a.md"
msg=$("$sg" --root "$s" --out "$tmp/out" --quiet build 2>&1)
want="content/a.md:5:1: warning: unknown front matter key 'topcs': did you mean 'topics'? (a key of your own is kept for templates in page.params)"
if [ "$msg" = "$want" ]; then
	ok "taxonomies: a taxonomy's key is known, a typo of one is not"
else
	fail "taxonomies: a taxonomy's key is known, a typo of one is not" "$msg"
fi
if grep -q '<ul class="tags" aria-label="Categories">' "$tmp/out/a/index.html" &&
    grep -q '<li><a href="/topics/cold-starts/">Cold starts</a></li>' "$tmp/out/a/index.html"; then
	ok "taxonomies: the default theme's page lists its terms"
else
	fail "taxonomies: the default theme's page lists its terms" "$(grep -n 'tags' "$tmp/out/a/index.html")"
fi
if [ -f "$tmp/out/levels/index.html" ] && [ ! -e "$tmp/out/tags" ] &&
    grep -q '<h1>Levels</h1>' "$tmp/out/levels/index.html" &&
    grep -q '<loc>https://example.org/levels/</loc>' "$tmp/out/sitemap.xml" &&
    grep -q '<loc>https://example.org/topics/cold-starts/</loc>' "$tmp/out/sitemap.xml"; then
	ok "taxonomies: an empty taxonomy's list page, no tags when not listed, all in the sitemap"
else
	fail "taxonomies: an empty taxonomy's list page, no tags when not listed, all in the sitemap" "$(ls "$tmp/out")"
fi
