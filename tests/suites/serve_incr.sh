#!/bin/sh
# tests/suites/serve_incr.sh SITEGEN: sitegen serve renders again only what
# an edit of a page changes, and what it serves then is byte for byte what
# a clean build of the same sources gives (diff -r of the served folder
# and a fresh build --out), after edits of each kind: a later paragraph
# (only that page), the first paragraph (the pages listing its summary
# too), a heading and the title from '# heading' (a whole build), new
# words for the search index, a broken anchor reported either way, a new
# page, a page with a shortcode; the handout that holds an edited page
# follows. Prints "ok NAME"/"FAIL NAME".
set -u
sg=$1
case $sg in /*) ;; *) sg=$(pwd)/$sg ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1700000000
. "$(dirname "$0")/lib/serve.sh"

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -20; return 0; }

s=$work/site
mkdir -p "$s/content/guide" "$s/content/ops" "$s/themes"
cp -R "$top/themes/default" "$s/themes/default"
printf 'title: Incremental\nbase_url: https://example.org/docs/\ntheme: default\nhandouts:\n  - name: ops\n    title: Ops\n    pages: [ops/c.md]\n' > "$s/site.yml"
printf -- '---\ntitle: Home\n---\nThe home page.\n' > "$s/content/_index.md"
printf -- '---\ntitle: Guide\nweight: 1\n---\nAbout the guide.\n' > "$s/content/guide/_index.md"
printf -- '---\ntitle: Ops\nweight: 2\n---\nAbout operations.\n' > "$s/content/ops/_index.md"
page() {	# FILE TITLE WEIGHT FIRST LATER
	printf -- '---\ntitle: %s\nweight: %s\ndate: 2023-01-0%s\ntags: [lambda]\ndescription: ""\n---\n%s\n\n## Details\n\n%s\n\n## Limits\n\nMemory and time.\n' \
	    "$2" "$3" "$3" "$4" "$5" > "$s/content/$1"
}
page guide/a.md Alpha 1 'Alpha starts here.' 'Alpha goes on.'
page guide/b.md Beta 2 'Beta starts here.' 'See [limits](a.md#limits).'
page ops/c.md Gamma 3 'Gamma starts here.' 'Gamma goes on.'
printf -- '# Delta heading\n\nDelta has no front matter.\n\n## Notes\n\nMore.\n' > "$s/content/ops/d.md"

serve_start "$s" "$work/log" 300
u=http://127.0.0.1:$port
[ -n "$port" ] && ok started || fail started "$(cat "$work/log")"

# The generation served: the newest folder of the server's own.
served() { ls -d "$work"/tmp/sitegen-serve-*/* | sort -t/ -k1 -V | tail -1; }
lines() { wc -l < "$work/log"; }
# wait_log N PATTERN: until a line after the first N of the log matches
wait_log() {
	i=0
	while ! tail -n +"$(($1 + 1))" "$work/log" | grep -q "$2" && [ $i -lt 300 ]; do
		sleep 0.05; i=$((i + 1))
	done
	tail -n +"$(($1 + 1))" "$work/log" | grep "$2" | head -1
}
# same NAME: the served folder is what a clean build gives (the search
# index is written just after the pages: a few tries)
same() {
	rm -rf "$work/clean"
	(cd "$s" && "$sg" build -q --out "$work/clean") > "$work/build.log" 2>&1 ||
	    { fail "$1" "clean build failed: $(cat "$work/build.log")"; return; }
	i=0
	while ! diff -r "$(served)" "$work/clean" > "$work/diff" 2>&1 && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	if diff -r "$(served)" "$work/clean" > "$work/diff" 2>&1; then ok "$1"
	else fail "$1" "$(head -c 3000 "$work/diff")"; fi
}
get() { curl -s -m 5 "$u/docs/$1"; }

same first-build
gen=$(served)

# a later paragraph: that page only, in the same generation
n=$(lines)
page guide/a.md Alpha 1 'Alpha starts here.' 'Alpha goes on and on, with invocations.'
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *"rendered 1 file again"*) ok later-paragraph-one-file ;;
	*) fail later-paragraph-one-file "$r" ;; esac
get guide/a/ | grep -q 'on and on' && ok later-paragraph-served || fail later-paragraph-served
[ "$(served)" = "$gen" ] && ok same-generation || fail same-generation
same later-paragraph

# the same again without the new word: it leaves the search index too
n=$(lines)
page guide/a.md Alpha 1 'Alpha starts here.' 'Alpha goes on and on.'
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
same word-removed

# the first paragraph is the summary, which lists and the feed show;
# the page is in a handout, made again after the pages
n=$(lines)
page ops/c.md Gamma 3 'Gamma now starts elsewhere.' 'Gamma goes on.'
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *"rendered 1 file"*|*rebuilt*|*failed*) fail summary-more-files "$r" ;;
	*rendered*) ok summary-more-files ;; *) fail summary-more-files "$r" ;; esac
same summary
[ -f "$(served)/handouts/ops.pdf" ] && ok handout-served || fail handout-served

# a heading: the anchors change, what links to them must be checked (one
# write: sed -i renames its new file over the page)
n=$(lines)
sed -i 's/^## Details/## Particulars/' "$s/content/ops/c.md"
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *rebuilt*) ok heading-whole-build ;; *) fail heading-whole-build "$r" ;; esac
same heading

# the title from '# heading' follows the heading
n=$(lines)
sed -i 's/^# Delta heading/# Delta renamed/' "$s/content/ops/d.md"
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
get ops/d/ | grep -q '<title>Delta renamed' && ok h1-title || fail h1-title "$(get ops/d/ | grep '<title>')"
same h1-title

# removing an anchor another page links to is an error, shown at once
n=$(lines)
sed -i 's/^## Limits/## Bounds/' "$s/content/guide/a.md"
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *failed*) ok broken-anchor-reported ;; *) fail broken-anchor-reported "$r" ;; esac
grep -q "content/guide/b.md:.*missing anchor '#limits'" "$work/log" && ok broken-anchor-message ||
    fail broken-anchor-message "$(tail -5 "$work/log")"
get guide/a/ | grep -q 'id="limits"' && ok broken-anchor-last-good || fail broken-anchor-last-good
n=$(lines)
sed -i 's/^## Bounds/## Limits/' "$s/content/guide/a.md"
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
same anchor-fixed

# a link from the edited page to an anchor that is not there
n=$(lines)
page guide/a.md Alpha 1 'Alpha starts here.' 'See [nothing](b.md#nowhere).'
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *failed*) ok edited-link-reported ;; *) fail edited-link-reported "$r" ;; esac
n=$(lines)
page guide/a.md Alpha 1 'Alpha starts here.' 'See [beta](b.md#details).'
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
same link-fixed

# after that, page edits are again page-only
n=$(lines)
page guide/a.md Alpha 1 'Alpha starts here.' 'See [beta](b.md#details), twice.'
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *"rendered 1 file again"*) ok page-only-again ;; *) fail page-only-again "$r" ;; esac
same page-only-again

# a page saved by writing a temporary file and renaming it over: one
# rename(2), as editors that save atomically do (the new text is made
# first, outside content/, so that no step of making it is an event)
n=$(lines)
page guide/b.md Beta 2 'Beta starts here.' 'See [limits](a.md#limits), renamed.'
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
sed 's/renamed\./renamed in place./' "$s/content/guide/b.md" > "$work/b.md.new"
n=$(lines)
mv "$work/b.md.new" "$s/content/guide/b.md"
r=$(wait_log "$n" 'rendered\|rebuilt\|failed')
case $r in *"rendered 1 file again"*) ok rename-save ;; *) fail rename-save "$r" ;; esac
same rename-save

# a page moved away and written anew (vim's way): for a moment it is
# missing, and a build that sees that moment serves the site without it;
# what is served at the end is still a clean build's
n=$(lines)
mv "$s/content/guide/b.md" "$s/content/guide/b.md~"
sed 's/in place\./in place again./' "$s/content/guide/b.md~" > "$s/content/guide/b.md"
rm "$s/content/guide/b.md~"
r=$(wait_log "$n" 'rendered\|rebuilt')
case $r in *rendered*|*rebuilt*) ok move-away-save ;; *) fail move-away-save "$r" ;; esac
same move-away-save

# a page with a shortcode: its calls are made again with the page
n=$(lines)
page guide/b.md Beta 2 'Beta starts here.' '{{< note title="Mind" >}}Inner words.{{< /note >}}'
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
same shortcode-added
n=$(lines)
page guide/b.md Beta 2 'Beta starts here.' '{{< note title="Mind it" >}}Inner words, edited.{{< /note >}}'
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
get guide/b/ | grep -q 'Inner words, edited' && ok shortcode-edited-served ||
    fail shortcode-edited-served "$(get guide/b/ | grep -i 'inner')"
same shortcode-edited

# a new page: a whole build
n=$(lines)
page guide/e.md Epsilon 5 'Epsilon starts here.' 'New.'
wait_log "$n" 'rendered\|rebuilt\|failed' > /dev/null
get guide/e/ | grep -q 'Epsilon starts' && ok new-page || fail new-page
same new-page

kill -INT $pid
wait $pid 2>/dev/null
pid=
[ -z "$(ls -A "$work/tmp" 2>/dev/null)" ] && ok no-temp-files || fail no-temp-files "$(ls -R "$work/tmp")"
