#!/bin/sh
# tests/suites/taxonomies.sh SITEGEN: front matter keys of taxonomies: a
# taxonomy's key is no unknown key, a typo of one gets a "did you mean";
# with the default theme, a page lists its categories, the list page of
# an empty taxonomy is made, and past 40 terms a term page lists the most
# used.
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

# Past 40 terms, a term page lists the 40 on the most pages (in the
# taxonomy's order, the page's own marked when among them) and links to
# the list of all: every term page listing every term made a build of
# many tags quadratic.
s=$tmp/many
mkdir -p "$s/content" "$s/themes"
ln -s "$top/themes/default" "$s/themes/default"
printf 'title: T\nbase_url: https://example.org/\ntheme: default\nhandouts: []\n' > "$s/site.yml"
for i in $(seq 1 45); do
	t=$(printf 't%02d' "$i")
	printf -- '---\ntitle: P%s\ntags: [%s]\n---\nText.\n' "$i" "$t" > "$s/content/p$i.md"
	[ "$i" -gt 40 ] && printf -- '---\ntitle: Q%s\ntags: [%s]\n---\nText.\n' "$i" "$t" > "$s/content/q$i.md"
done
msg=$("$sg" --root "$s" --out "$tmp/many-out" --quiet build 2>&1)
list() { sed -n '/id="all-terms"/,/<\/section>/p' "$tmp/many-out/tags/$1/index.html"; }
l=$(list t01)
got=$(printf '%s\n' "$l" | grep -o 'href="/tags/t[0-9]*/"' | sed 's/[^0-9]//g' | tr '\n' ' ')
want="$(seq -f '%02g' 1 35 | tr '\n' ' ')$(seq 41 45 | tr '\n' ' ')"
if [ -z "$msg" ] && [ "$got" = "$want" ] &&
    printf '%s\n' "$l" | grep -q 'id="all-terms">Most used tags</h2>' &&
    printf '%s\n' "$l" | grep -q '<li><a href="/tags/t01/" aria-current="page">t01</a></li>' &&
    printf '%s\n' "$l" | grep -q '<p><a href="/tags/">All 45 tags</a></p>' &&
    ! list t38 | grep -q 'aria-current' &&
    list t43 | grep -q '<li><a href="/tags/t43/" aria-current="page">t43</a></li>'; then
	ok "taxonomies: past 40 terms, a term page lists the most used and links to all"
else
	fail "taxonomies: past 40 terms, a term page lists the most used and links to all" "$msg
got:  $got
want: $want
$l"
fi
