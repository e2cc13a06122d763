#!/bin/sh
# tests/suites/feeds.sh SITEGEN: each section's own Atom feed:
#
#   - SECTION/atom.xml for every section but the home page's, holding the
#     dated pages of the section and of its subsections, and no others;
#   - every feed holds RFC 4287's required elements (feed and entry id,
#     title, updated; entry link; feed author), with absolute URLs, read
#     by a real XML parser (xmllint);
#   - the section page's <head> links its feed beside the site's; a plain
#     page links only the site's;
#   - feeds.sections: false in site.yml, feed: false in a section's page
#     (and so in its subsections) and a base_url that is not absolute
#     leave them out.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
. "$(dirname "$0")/lib/common.sh"
tmp=$work
top=$(pwd)

# A copy of the theme fixture: sections guide/ (with guide/advanced/)
# and reference/ (no _index.md), base_url https://example.org/guide/.
fresh() {
	rm -rf "$tmp/s"
	mkdir -p "$tmp/s"
	cp -RL "$top/tests/fixtures/theme/site/." "$tmp/s/"
}

# The entries' ids of a feed, one a line.
ids() {
	xmllint --xpath "/*[local-name()='feed']/*[local-name()='entry']/*[local-name()='id']/text()" \
	    "$1" 2>/dev/null | sed 's|</*id>||g'
	echo
}

# Checks RFC 4287's required elements of one feed; prints what is wrong.
required() {
	x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
	f="/*[local-name()='feed' and namespace-uri()='http://www.w3.org/2005/Atom']"
	e="$f/*[local-name()='entry']"
	n=$(x "count($e)" "$1")
	bad=
	[ "${n:-0}" -gt 0 ] || bad="$bad no-entries"
	for req in id title updated; do
		[ "$(x "count($f/*[local-name()='$req'])" "$1")" = 1 ] ||
		    bad="$bad feed/$req"
		[ "$(x "count($e[count(*[local-name()='$req']) = 1])" "$1")" = "$n" ] ||
		    bad="$bad entry/$req"
	done
	[ "$(x "count($e[*[local-name()='link' and (not(@rel) or @rel='alternate')]])" "$1")" = "$n" ] ||
	    bad="$bad entry/link"
	[ "$(x "count($f/*[local-name()='author'])" "$1")" -ge 1 ] ||
	    bad="$bad feed/author"
	rel=$(x "$f//*[local-name()='id']/text()" "$1" | grep -v '^https://example.org/guide/')
	[ -z "$rel" ] || bad="$bad relative-id"
	rel=$(x "$f//*[local-name()='link']/@href" "$1" | tr ' ' '\n' |
	    grep 'href=' | grep -v '"https://example.org/guide/')
	[ -z "$rel" ] || bad="$bad relative-link:$rel"
	printf '%s' "$bad"
}

if ! command -v xmllint > /dev/null 2>&1; then
	fail "feeds: xmllint is installed (./build.sh test installs it)"
	exit 0
fi

fresh
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
st=$?
p=$tmp/s/public
[ $st -eq 0 ] && [ -z "$out" ] && [ -f "$p/atom.xml" ] &&
    [ -f "$p/guide/atom.xml" ] && [ -f "$p/guide/advanced/atom.xml" ] &&
    [ -f "$p/reference/atom.xml" ] && [ ! -e "$p/about/atom.xml" ] &&
    [ ! -e "$p/guide/install/atom.xml" ]
check "feeds: one atom.xml per section, none for plain pages" $? \
    "exit $st $out: $(cd "$p" && find . -name atom.xml)"

bad=
for f in "$p/guide/atom.xml" "$p/guide/advanced/atom.xml" "$p/reference/atom.xml"; do
	msg=$(xmllint --noout "$f" 2>&1) || bad="$bad $f: $msg"
	r=$(required "$f")
	[ -z "$r" ] || bad="$bad ${f#"$p"/}:$r"
done
[ -z "$bad" ]
check "feeds: section feeds are well-formed with RFC 4287's required elements" $? "$bad"

g=$(ids "$p/guide/atom.xml")
printf '%s\n' "$g" | grep -qx 'https://example.org/guide/guide/install/' &&
    printf '%s\n' "$g" | grep -qx 'https://example.org/guide/guide/advanced/tuning/' &&
    ! printf '%s\n' "$g" | grep -q 'reference/' &&
    ! printf '%s\n' "$g" | grep -q 'about/'
check "feeds: a section's feed holds its pages and its subsections'" $? "$g"
a=$(ids "$p/guide/advanced/atom.xml")
[ "$(printf '%s\n' "$a" | grep -c .)" = 1 ] &&
    printf '%s\n' "$a" | grep -qx 'https://example.org/guide/guide/advanced/tuning/'
check "feeds: a subsection's feed holds only its own pages" $? "$a"
grep -q '<id>https://example.org/guide/guide/</id>' "$p/guide/atom.xml" &&
    grep -q 'rel="self" type="application/atom+xml" href="https://example.org/guide/guide/atom.xml"' "$p/guide/atom.xml" &&
    grep -q '<title>The guide · Fixture guide</title>' "$p/guide/atom.xml"
check "feeds: a section feed's id, self link and title are the section's" $? \
    "$(head -8 "$p/guide/atom.xml")"

grep -q '<link rel="alternate" type="application/atom+xml" title="The guide · Fixture guide" href="/guide/guide/atom.xml">' "$p/guide/index.html" &&
    grep -q 'href="/guide/atom.xml">' "$p/guide/index.html" &&
    grep -q 'href="/guide/reference/atom.xml">' "$p/reference/index.html" &&
    ! grep -q 'guide/guide/atom.xml' "$p/guide/install/index.html" &&
    ! grep -q 'reference/atom.xml' "$p/index.html"
check "feeds: a section page links its feed and the site's; other pages only the site's" $? \
    "$(grep -h 'application/atom+xml' "$p/guide/index.html" "$p/guide/install/index.html")"

fresh
printf 'feeds:\n  sections: false\n' >> "$tmp/s/site.yml"
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
st=$?
[ $st -eq 0 ] && [ -z "$out" ] && [ -f "$p/atom.xml" ] &&
    [ "$(cd "$p" && find . -name atom.xml)" = "./atom.xml" ] &&
    ! grep -q 'guide/guide/atom.xml' "$p/guide/index.html"
check "feeds: feeds.sections: false leaves only the site's feed" $? \
    "exit $st $out: $(cd "$p" && find . -name atom.xml)"

fresh
printf 'feeds:\n  sectoins: false\n' >> "$tmp/s/site.yml"
line=$(grep -n 'sectoins' "$tmp/s/site.yml" | cut -d: -f1)
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
[ "$out" = "site.yml:$line:3: warning: unknown key 'feeds.sectoins': did you mean 'feeds.sections'?" ]
check "feeds: a typo under feeds: gets a did you mean" $? "$out"

fresh
sed -i '0,/^---$/!{0,/^---$/s/^---$/feed: false\n---/}' "$tmp/s/content/guide/_index.md"
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
st=$?
[ $st -eq 0 ] && [ -z "$out" ] && [ ! -e "$p/guide/atom.xml" ] &&
    [ ! -e "$p/guide/advanced/atom.xml" ] && [ -f "$p/reference/atom.xml" ] &&
    ! grep -q 'guide/guide/atom.xml' "$p/guide/index.html"
check "feeds: feed: false in a section's page turns off its feed and its subsections'" $? \
    "exit $st $out: $(cd "$p" && find . -name atom.xml); $(head -6 "$tmp/s/content/guide/_index.md")"

fresh
out=$("$sg" --root "$tmp/s" --quiet --base-url /guide/ build 2>&1)
st=$?
[ $st -eq 0 ] && [ -z "$(cd "$p" && find . -name atom.xml)" ] &&
    ! grep -q 'guide/guide/atom.xml' "$p/guide/index.html"
check "feeds: without an absolute base_url no section has a feed" $? \
    "exit $st $out: $(cd "$p" && find . -name atom.xml)"
