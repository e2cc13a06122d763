#!/bin/sh
# tests/suites/docs.sh SITEGEN: a documentation tree brought from
# elsewhere builds, as on GitHub:
#
#   - a generated GitHub-style tree (tests/bench/gen-docs.sh: flat folder,
#     no front matter, <a name> anchors, page.md#anchor links, a nested
#     contents list as nav:) builds without a message; every link and
#     anchor resolves (the link checker of tests/suites/theme.sh); the
#     sidebar, previous/next and breadcrumbs follow the list;
#   - titles fall back to the first heading, then the file name, with one
#     warning a page; links.internal: warn; pages a contents list leaves
#     out; samples: run, compile, show and a section's flags; sitemap.xml
#     and atom.xml only with an absolute base_url; C sources published only
#     when linked;
#   - this guide's sitemap validates against the Sitemaps 0.9 structure
#     (tests/schemas/sitemap.xsd) and its feed holds RFC 4287's required
#     elements.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
set -u
sg=$1
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH

ok() { echo "ok $1"; }
fail() {
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -40
	return 0
}
check() {	# check NAME CONDITION-STATUS DETAIL
	if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1" "$3"; fi
}

# A site of pages given as NAME=TEXT arguments, with minimal templates.
site() {
	d=$1
	shift
	rm -rf "$d"
	mkdir -p "$d/content" "$d/templates"
	printf 'title: Docs\ntheme: ""\n' > "$d/site.yml"
	printf '<%%= page.title %%>\n<%%- content %%>\n' > "$d/templates/page.html"
	printf '<%%- content %%>\n' > "$d/templates/index.html"
	printf '<%%- content %%>\n' > "$d/templates/section.html"
	for a in "$@"; do
		f=${a%%=*}
		mkdir -p "$(dirname "$d/content/$f")"
		printf '%b' "${a#*=}" > "$d/content/$f"
	done
}

# ---- the generated tree --------------------------------------------------

tree=$tmp/tree
sh "$top/tests/bench/gen-docs.sh" "$tree" 120
out=$("$sg" --root "$tree" build 2>&1 | grep -v '^sitegen: [0-9]* pages')
st=$?
[ -z "$out" ]
check "docs tree: 120 pages build with no message" $? "$out"
pub=$tree/public
sed -n "/^cat > \"\$tmp\/links.awk\" <<'EOF'\$/,/^EOF\$/p" \
    "$top/tests/suites/theme.sh" | sed '1d;$d' > "$tmp/links.awk"
if [ ! -s "$tmp/links.awk" ]; then
	fail "docs tree: the link checker of theme.sh is found"
elif [ -d "$pub" ]; then
	(cd "$pub" && find . -type f | sed 's|^\./||') > "$tmp/files"
	problems=$(find "$pub" -type f \( -name '*.html' -o -name '*.css' \) |
	    LC_ALL=C sort | xargs awk -v root="$pub" -v bpath=/guide/ \
	    -v host=https://example.org -f "$tmp/links.awk" "$tmp/files")
	[ -z "$problems" ]
	check "docs tree: every link and anchor resolves (theme.sh's checker)" $? "$problems"
fi
# the contents list in order, as URLs
sed -n 's|^ *- \[[^]]*\](\(topic-[0-9]*\)\.md)$|/guide/\1/|p' \
    "$tree/content/index.md" > "$tmp/want"
sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$pub/topic-050/index.html" |
    grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//' | sed 1d > "$tmp/got"
[ "$(wc -l < "$tmp/want")" -eq 120 ] && cmp -s "$tmp/want" "$tmp/got"
check "docs tree: the sidebar lists the pages in the contents list's order" $? \
    "$(diff "$tmp/want" "$tmp/got" | head)"
# topic-005 (a second-level entry) holds topic-006..009 in a nested list
got=$(sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$pub/topic-012/index.html" |
    grep -A2 'href="/guide/topic-005/"' | sed -n 2p)
[ "$got" = '<ul class="nav-list">' ]
check "docs tree: the sidebar nests as the contents list does" $? "$got"
grep -q 'rel="next" href="/guide/topic-010/"' "$pub/topic-009/index.html" &&
    grep -q 'rel="prev" href="/guide/topic-009/"' "$pub/topic-010/index.html"
check "docs tree: previous and next follow the contents list" $? \
    "$(grep -o 'rel="[a-z]*" href="[^"]*"' "$pub/topic-009/index.html")"
got=$(sed -n '/class="breadcrumbs"/,/<\/nav>/p' "$pub/topic-007/index.html" |
    grep -o 'href="[^"]*"' | tr '\n' ' ')
[ "$got" = 'href="/guide/" href="/guide/topic-000/" href="/guide/topic-005/" ' ]
check "docs tree: breadcrumbs are the entries above the page" $? "$got"
n=$(grep -c '<h1' "$pub/topic-005/index.html")
grep -q '<a id="topic-005-s2"></a>' "$pub/topic-005/index.html" && [ "$n" -eq 1 ]
check "docs tree: <a name> is kept as <a id>; the title heading once" $? "h1: $n"

n=$(grep -c 'id="contents"' "$pub/index.html")
[ "$n" -eq 1 ] && ! grep -q 'listing-home' "$pub/index.html"
check "docs tree: the home page's own Contents heading keeps its id; no listing beside it" $? "id=\"contents\": $n"
vnu=${VNU_JAR:-$top/build/tools/node_modules/vnu-jar/build/dist/vnu.jar}
if command -v java > /dev/null 2>&1 && [ -f "$vnu" ]; then
	out=$(java -Xss4m -jar "$vnu" --errors-only --skip-non-html "$pub" 2>&1)
	check "docs tree: the HTML is valid (Nu Html Checker)" $? \
	    "$(printf '%s\n' "$out" | sed "s|$tmp/||g")"
elif [ -n "${CI:-}" ]; then
	fail "docs tree: the Nu Html Checker is installed" \
	    "no java or no $vnu: run ./build.sh test, which installs both"
fi

# ---- titles --------------------------------------------------------------

site "$tmp/t" "_index.md=# Home\n" \
    "guide/getting-started.md=Just text, no heading.\n" \
    "guide/commented.md=<!-- generated -->\n## Second level first\n\nText.\n" \
    "guide/_index.md=<!-- no heading -->\n"
out=$("$sg" --root "$tmp/t" --quiet build 2>&1)
st=$?
want="content/guide/_index.md:1:1: warning: this page has no title: using 'Guide' (add 'title:' to its front matter or start it with a '# Heading')
content/guide/commented.md:1:1: warning: this page has no title: using its first heading, 'Second level first' (add 'title:' to its front matter or start it with a '# Heading')
content/guide/getting-started.md:1:1: warning: this page has no title: using 'Getting started' (add 'title:' to its front matter or start it with a '# Heading')"
[ $st -eq 0 ] && [ "$out" = "$want" ] &&
    [ "$(head -1 "$tmp/t/public/guide/getting-started/index.html")" = "Getting started" ] &&
    [ "$(head -1 "$tmp/t/public/guide/commented/index.html")" = "Second level first" ]
check "titles: first heading, then the file name, one warning a page" $? "exit $st
$out"

# ---- links.internal ------------------------------------------------------

site "$tmp/l" "_index.md=# Home\n\n[a](gone.md) and\n[b](page.md#nowhere).\n" \
    "page.md=# Page\n"
"$sg" --root "$tmp/l" --quiet build > /dev/null 2>&1
check "links.internal: broken links are errors by default" $((1 - $?)) ""
printf 'links:\n  internal: warn\n' >> "$tmp/l/site.yml"
out=$("$sg" --root "$tmp/l" --quiet build 2>&1)
st=$?
want="content/_index.md:3:1: warning: link to a missing page 'gone.md' (there is no content/gone.md)
content/_index.md:4:1: warning: link to a missing anchor '#nowhere': content/page.md has no heading or HTML anchor with that id
sitegen: 2 broken internal links reported as warnings (links.internal: warn in site.yml)"
[ $st -eq 0 ] && [ "$out" = "$want" ]
check "links.internal: warn: warnings at file:line:col and a count" $? "exit $st
$out"
printf 'title: Docs\ntheme: ""\nlinks:\n  internal: maybe\n' > "$tmp/l/site.yml"
out=$("$sg" --root "$tmp/l" --quiet build 2>&1)
[ "$out" = "site.yml:4:13: error: 'links.internal' must be 'error' (the default) or 'warn'" ]
check "links.internal: another value is an error at its line" $? "$out"
printf 'title: Docs\ntheme: ""\nlinks:\n  internals: warn\n' > "$tmp/l/site.yml"
out=$("$sg" --root "$tmp/l" --quiet build 2>&1)
printf '%s\n' "$out" | grep -qx "site.yml:4:3: warning: unknown key 'links.internals' (known: internal)"
check "links: an unknown key is a warning at its line" $? "$out"

# ---- contents lists --------------------------------------------------------

site "$tmp/n" "_index.md=# Home\n" "SUMMARY.md=# Summary\n\n- [B](b.md)\n- Part\n  - [A](a.md)\n" \
    "a.md=# A\n" "b.md=# B\n" "c.md=# C\n" "d.md=# D\n"
printf 'nav: SUMMARY.md\n' >> "$tmp/n/site.yml"
printf '<%% for _, e in ipairs(site.nav) do %%><%%= e.title %%>(<%% for _, k in ipairs(e.children) do %%><%%= k.title %%><%% end %%>)<%% end %%>|<%%= page.prev and page.prev.title or "" %%>|<%%= page.next and page.next.title or "" %%>\n' > "$tmp/n/templates/page.html"
out=$("$sg" --root "$tmp/n" --quiet build 2>&1)
st=$?
want="site.yml:3:6: warning: 2 pages are not in the contents list content/SUMMARY.md, so not in the sidebar: c.md, d.md"
[ $st -eq 0 ] && [ "$out" = "$want" ] &&
    [ "$(cat "$tmp/n/public/b/index.html")" = "B()Part(A)|Home|A" ] &&
    [ "$(cat "$tmp/n/public/a/index.html")" = "B()Part(A)|B|" ]
check "nav: site.nav, reading order, one warning for the pages left out" $? "exit $st
$out
$(cat "$tmp/n/public/b/index.html" "$tmp/n/public/a/index.html" 2>&1)"
printf -- '- [Gone](gone.md)\n' >> "$tmp/n/content/SUMMARY.md"
printf 'links:\n  internal: warn\n' >> "$tmp/n/site.yml"
out=$("$sg" --root "$tmp/n" --quiet build 2>&1)
st=$?
printf '%s\n' "$out" | grep -qx "content/SUMMARY.md:6:3: error: the contents list links to 'gone.md', which is not a page of the site" &&
    [ $st -eq 1 ]
check "nav: a missing page in the list is an error, even with links.internal: warn" $? "exit $st
$out"
printf 'title: Docs\ntheme: ""\nnav: NOPE.md\n' > "$tmp/n/site.yml"
printf '# Summary\n' > "$tmp/n/content/SUMMARY.md"
out=$("$sg" --root "$tmp/n" --quiet build 2>&1)
[ "$out" = "site.yml:3:6: error: 'nav' names content/NOPE.md, which is not a page of the site (the contents list is a Markdown file under content/)" ]
check "nav: naming no page is an error at its line" $? "$out"

# ---- samples modes ---------------------------------------------------------

frag='```c\nint handler(struct event *e);\n```\n'
site "$tmp/s" "_index.md=# Home\n\n$frag" \
    "api/_index.md=---\nsamples: show\n---\n# API\n\n$frag" \
    "api/calls.md=# Calls\n\n$frag" \
    "lib/_index.md=---\nsamples:\n  cflags: -DANSWER=42\n---\n# Lib\n" \
    "lib/answer.md=# Answer\n\n\`\`\`c\n#include <stdio.h>\nint main(void) { printf(\"%d\\\\n\", ANSWER); return 0; }\n\`\`\`\n\n\`\`\`output\n42\n\`\`\`\n" \
    "lib/only.md=---\nsamples: compile\n---\n# Only\n\n\`\`\`c\nint main(void) { return 3; }\n\`\`\`\n"
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
st=$?
n=$(printf '%s\n' "$out" | grep -c 'error: the sample does not compile')
[ $st -eq 1 ] && [ "$n" -eq 1 ] &&
    printf '%s\n' "$out" | grep -q "^content/_index.md:3:1: error: the sample does not compile" &&
    printf '%s\n' "$out" | grep -q "mark it \`\`\`c ignore, or set 'samples: show'"
check "samples: a section's show covers its pages; run elsewhere, with a hint" $? "exit $st
$out"
printf 'samples:\n  mode: show\n' >> "$tmp/s/site.yml"
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
st=$?
[ $st -eq 0 ] && [ -z "$out" ] && grep -q 'handler' "$tmp/s/public/api/calls/index.html"
check "samples: mode: show in site.yml; a section's cflags; compile only" $? "exit $st
$out"
printf 'title: Docs\ntheme: ""\nsamples:\n  mode: sometimes\n' > "$tmp/s/site.yml"
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
[ "$out" = "site.yml:4:9: error: 'samples.mode' must be 'run' (the default), 'compile' or 'show'" ]
check "samples: a wrong mode is an error at its line" $? "$out"

# ---- feeds, sitemap and published files -------------------------------------

rm -rf "$tmp/f"
mkdir -p "$tmp/f"
cp -RL "$top/tests/fixtures/theme/site/." "$tmp/f/"
sed -i 's|^base_url:.*|base_url: /|' "$tmp/f/site.yml"
mkdir -p "$tmp/f/content/samples"
printf 'int x;\n' > "$tmp/f/content/samples/x.c"
printf 'int y;\n' > "$tmp/f/content/util.h"
printf 'int z;\n' > "$tmp/f/content/linked.c"
printf '\nThe [source](linked.c).\n' >> "$tmp/f/content/_index.md"
out=$("$sg" --root "$tmp/f" --quiet build 2>&1)
st=$?
line=$(grep -n '^base_url' "$tmp/f/site.yml" | cut -d: -f1)
want="site.yml:$line:11: warning: base_url '/' is not an absolute URL: sitemap.xml and atom.xml are left out, as the Sitemaps protocol and Atom want absolute URLs (set base_url: https://example.org/ or build with --base-url)"
[ $st -eq 0 ] && [ "$out" = "$want" ] && [ ! -e "$tmp/f/public/sitemap.xml" ] &&
    [ ! -e "$tmp/f/public/atom.xml" ] && ! grep -q Sitemap "$tmp/f/public/robots.txt"
check "feeds: base_url / leaves sitemap.xml and atom.xml out, one warning" $? "exit $st
$out"
[ -f "$tmp/f/public/linked.c" ] && [ ! -e "$tmp/f/public/util.h" ] &&
    [ ! -e "$tmp/f/public/samples/x.c" ]
check "publish: C sources and headers only when a page links to them" $? \
    "$(cd "$tmp/f/public" && find . -name '*.[ch]')"
out=$("$sg" --root "$tmp/f" --quiet --base-url https://docs.example.org/ build 2>&1)
[ -z "$out" ] && [ -f "$tmp/f/public/sitemap.xml" ] && [ -f "$tmp/f/public/atom.xml" ]
check "feeds: --base-url with an absolute URL brings them back" $? "$out"

# ---- this guide's sitemap and feed -----------------------------------------

if ! command -v xmllint > /dev/null 2>&1; then
	fail "guide: xmllint is installed (./build.sh test installs it)"
elif out=$("$sg" --root "$top" --out "$tmp/guide" --quiet build 2>&1); then
	out=$(xmllint --noout --schema "$top/tests/schemas/sitemap.xsd" \
	    "$tmp/guide/sitemap.xml" 2>&1)
	check "guide: sitemap.xml validates against the Sitemaps 0.9 structure" $? "$out"
	a="$tmp/guide/atom.xml"
	x() { xmllint --xpath "$1" "$a" 2>/dev/null; }
	f="/*[local-name()='feed' and namespace-uri()='http://www.w3.org/2005/Atom']"
	e="$f/*[local-name()='entry']"
	n=$(x "count($e)")
	bad=
	for req in id title updated; do
		[ "$(x "count($f/*[local-name()='$req'])")" = 1 ] || bad="$bad feed/$req"
		[ "$(x "count($e[count(*[local-name()='$req']) = 1])")" = "$n" ] ||
		    bad="$bad entry/$req"
	done
	[ "$(x "count($e[*[local-name()='link' and (not(@rel) or @rel='alternate')]])")" = "$n" ] ||
	    bad="$bad entry/link"
	[ "$(x "count($f/*[local-name()='author'])")" -ge 1 ] || bad="$bad feed/author"
	rel=$(x "$f//*[local-name()='id' or local-name()='link']" |
	    grep -v 'https://serverless-done-well.example/' | head -3)
	[ "${n:-0}" -gt 0 ] && [ -z "$bad" ] && [ -z "$rel" ]
	check "guide: atom.xml has RFC 4287's required elements, absolute ids" $? \
	    "entries: ${n:-none}; missing:$bad; relative: $rel"
else
	fail "guide: this guide builds" "$out"
fi
