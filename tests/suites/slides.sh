#!/bin/sh
# tests/suites/slides.sh SITEGEN: slide decks, on the fixture site in
# tests/slides/site and on this guide's course decks.
#
#   - the PDF deck: qpdf --check, every font embedded (pdffonts), one page
#     per slide (pdfinfo) at 16:9, each slide's title in pdftotext and a
#     bookmark, no notes text; the notes PDF holds every note;
#   - notes never reach the page's own HTML, with raw HTML off or on;
#   - the build warns at the line of a slide shrunk below 70 %;
#   - sitegen slides writes the same decks as build, and nothing else;
#   - in headless Chromium (tests/suites/slides-browser.js, which talks
#     the DevTools protocol over a pipe): keys, hash, reload, overview,
#     presenter view and its sync, no overflow at 1280x720, print.
#
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
set -u
sg=$1
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1764720000

ok() { echo "ok $1"; }
bad() {
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -30
	return 0
}
check() {
	label=$1
	shift
	if o=$("$@" 2>&1); then ok "$label"; else bad "$label" "$o"; fi
}

for tool in qpdf pdffonts pdfinfo pdftotext node chromium; do
	if ! command -v $tool >/dev/null 2>&1; then
		bad "slides: $tool is installed (./build.sh deps installs it)"
		exit 0
	fi
done

# The slides' titles of a deck source: its "#" and "##" lines.
titles() {
	grep -E '^#{1,2} ' "$1" | sed -E 's/^#+ //'
}
slides_of() {
	grep -c '<section class="slide' "$1"
}

# A PDF deck: label, pdf, notes pdf, deck source, deck HTML.
deck_pdf() {
	label=$1 pdf=$2 notes=$3 src=$4 html=$5
	check "$label: qpdf --check" qpdf --check "$pdf"
	check "$label notes: qpdf --check" qpdf --check "$notes"
	o=$(pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes"')
	if [ -z "$o" ] && [ "$(pdffonts "$pdf" | wc -l)" -gt 2 ]; then
		ok "$label: every font embedded"
	else
		bad "$label: every font embedded" "$(pdffonts "$pdf")"
	fi
	n=$(slides_of "$html")
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	npages=$(pdfinfo "$notes" | awk '/^Pages:/ { print $2 }')
	if [ "$pages" = "$n" ] && [ "$npages" = "$n" ] && [ "$n" -gt 1 ]; then
		ok "$label: one page per slide ($n), in both PDFs"
	else
		bad "$label: one page per slide" "slides $n, pages $pages, notes pages $npages"
	fi
	size=$(pdfinfo "$pdf" | awk '/^Page size:/ { print $3 / $5 }')
	case $size in
	1.77*|1.78*) ok "$label: page size 16:9" ;;
	*) bad "$label: page size 16:9" "$(pdfinfo "$pdf" | grep 'Page size')" ;;
	esac
	text=$(pdftotext "$pdf" - | tr -s ' \n' '  ')
	missing=$(titles "$src" | while read -r t; do
		case $text in *"$t"*) ;; *) echo "$t" ;; esac
	done)
	if [ -z "$missing" ]; then ok "$label: each slide's title in the text"
	else bad "$label: each slide's title in the text" "$missing"; fi
	outline=$(python3 - "$pdf" <<-'EOF'
	import re, sys, zlib
	d = open(sys.argv[1], 'rb').read()
	n = len(re.findall(rb'/Title\s*\(', d))
	print(n)
	EOF
	)
	if [ "$outline" -ge "$n" ]; then ok "$label: a bookmark per slide"
	else bad "$label: a bookmark per slide" "$outline titles for $n slides"; fi
	# the notes: in the notes PDF, never in the slides PDF
	first=$(sed -n '/^<!--$/{n;p;q}' "$src" | cut -c1-40)
	notes_text=$(pdftotext "$notes" - | tr -s ' \n' '  ')
	case $text in
	*"$first"*) bad "$label: no notes text in the slides PDF" "$first" ;;
	*) ok "$label: no notes text in the slides PDF" ;;
	esac
	case $notes_text in
	*"$first"*) ok "$label: the notes PDF holds the notes" ;;
	*) bad "$label: the notes PDF holds the notes" "$first" ;;
	esac
}

# ---- the fixture -------------------------------------------------------------
site=$tmp/site
cp -R "$top/tests/slides/site" "$site"
mkdir -p "$site/themes"
ln -s "$top/themes/default" "$site/themes/default"
out=$tmp/out
if ! msg=$("$sg" --root "$site" --out "$out" --jobs 2 build 2>&1); then
	bad "fixture builds" "$msg"
	exit 0
fi
ok "fixture builds"
line=$(grep -n '^## Far too much' "$site/content/talk.md" | cut -d: -f1)
case $msg in
*"content/talk.md:$line:1: warning: slide 6 is too full: it is shrunk to "*)
	ok "the build warns at the line of a slide shrunk below 70 %" ;;
*) bad "the build warns at the line of a slide shrunk below 70 %" "$msg" ;;
esac
case $msg in
*"slide 4 is too full"*) bad "no warning for a slide that fits at 70 % or more" "$msg" ;;
*) ok "no warning for a slide that fits at 70 % or more" ;;
esac
deck_pdf "fixture talk.pdf" "$out/slides/talk.pdf" "$out/slides/talk-notes.pdf" \
    "$site/content/talk.md" "$out/slides/talk/index.html"
size=$(pdfinfo "$out/slides/square.pdf" | awk '/^Page size:/ { print $3 / $5 }')
case $size in
1.33*) ok "size: 4:3 gives 4:3 pages" ;;
*) bad "size: 4:3 gives 4:3 pages" "$(pdfinfo "$out/slides/square.pdf" | grep 'Page size')" ;;
esac
grep -q 'class="deck deck-4x3"' "$out/slides/square/index.html" &&
    ok "size: 4:3 gives a 4:3 HTML deck" || bad "size: 4:3 gives a 4:3 HTML deck"
h=$(grep -o 'slide-header">[^<]*' "$out/slides/square/index.html" | tr '\n' '|')
if [ "$h" = 'slide-header">Square header|slide-header">Changed header|' ]; then
	ok "header: from the front matter, then changed by a directive"
else
	bad "header: from the front matter, then changed by a directive" "$h"
fi
if pdftotext "$out/slides/square.pdf" - | grep -q 'Changed header'; then
	ok "header: drawn on the PDF slide"
else
	bad "header: drawn on the PDF slide"
fi
for n in ONE TWO THREE FOUR FIVE SIX; do
	grep -q "NOTE-$n" "$out/slides/talk/index.html" || echo "NOTE-$n"
done > "$tmp/lost"
if [ -s "$tmp/lost" ]; then bad "the HTML deck holds every note" "$(cat "$tmp/lost")"
else ok "the HTML deck holds every note"; fi
if grep -q 'NOTE-' "$out/talk/index.html"; then
	bad "notes never reach the page's HTML (raw HTML off)"
else
	ok "notes never reach the page's HTML (raw HTML off)"
fi
grep -q 'lead' "$out/slides/talk/index.html" && \
    grep -q '<section class="slide lead"' "$out/slides/talk/index.html" && \
    [ "$(grep -c '<section class="slide lead"' "$out/slides/talk/index.html")" = 1 ] && \
    ok "_class: lead styles one slide" || bad "_class: lead styles one slide"
if grep -q '<script>' "$out/slides/talk/index.html" || \
    grep -q ' style=' "$out/slides/talk/index.html"; then
	bad "the deck has no inline script or style"
else
	ok "the deck has no inline script or style"
fi

# raw HTML on: the notes still stay out of the page
printf 'markdown:\n  unsafe: true\n' >> "$site/site.yml"
if "$sg" --root "$site" --out "$tmp/unsafe" --quiet build >/dev/null 2>&1 &&
    ! grep -q 'NOTE-' "$tmp/unsafe/talk/index.html" &&
    grep -q 'NOTE-TWO' "$tmp/unsafe/slides/talk/index.html"; then
	ok "notes never reach the page's HTML (raw HTML on)"
else
	bad "notes never reach the page's HTML (raw HTML on)"
fi
cp "$top/tests/slides/site/site.yml" "$site/site.yml"

# sitegen slides: the same decks, nothing else
mkdir -p "$tmp/only"
if msg=$("$sg" --root "$site" --out "$tmp/only" --quiet slides 2>&1); then
	got=$(cd "$tmp/only" && find . -type f | sort)
	want=$(printf './slides/square-notes.pdf\n./slides/square.pdf\n./slides/square/index.html\n./slides/talk-notes.pdf\n./slides/talk.pdf\n./slides/talk/index.html')
	if [ "$got" = "$want" ] &&
	    cmp -s "$tmp/only/slides/talk.pdf" "$out/slides/talk.pdf" &&
	    cmp -s "$tmp/only/slides/talk/index.html" "$out/slides/talk/index.html"; then
		ok "sitegen slides writes only the decks, the same as build"
	else
		bad "sitegen slides writes only the decks, the same as build" "$got"
	fi
else
	bad "sitegen slides runs" "$msg"
fi

# the same bytes whatever the number of workers
"$sg" --root "$site" --out "$tmp/j1" --quiet --jobs 1 build >/dev/null 2>&1
if cmp -s "$tmp/j1/slides/talk.pdf" "$out/slides/talk.pdf" &&
    cmp -s "$tmp/j1/slides/talk-notes.pdf" "$out/slides/talk-notes.pdf" &&
    cmp -s "$tmp/j1/slides/talk/index.html" "$out/slides/talk/index.html"; then
	ok "--jobs 1 and 2 give the same decks"
else
	bad "--jobs 1 and 2 give the same decks"
fi

# ---- in a browser --------------------------------------------------------
CHROME_PATH=${CHROME_PATH:-$(command -v chromium)} \
    timeout 120 node "$top/tests/suites/slides-browser.js" "$out" talk ${SLIDES_SHOTS:-} ||
    bad "the browser checks finish"

# ---- this guide's course decks -------------------------------------------------
if msg=$("$sg" --root "$top" --out "$tmp/guide" --quiet --future build 2>&1); then
	ok "this guide builds"
	for d in day-1 day-2; do
		deck_pdf "guide $d.pdf" "$tmp/guide/slides/$d.pdf" \
		    "$tmp/guide/slides/$d-notes.pdf" "$top/content/course/$d.md" \
		    "$tmp/guide/slides/$d/index.html"
		n=$(slides_of "$tmp/guide/slides/$d/index.html")
		k=$(grep -c '<aside class="slide-notes"><p>' "$tmp/guide/slides/$d/index.html")
		if [ "$n" = "$k" ]; then ok "guide $d: every slide has speaker notes"
		else bad "guide $d: every slide has speaker notes" "$k of $n"; fi
		grep -q "href=\"[^\"]*/slides/$d/\"" "$tmp/guide/course/$d/index.html" &&
		    ok "guide $d: its page links the deck" ||
		    bad "guide $d: its page links the deck"
	done
	grep -q 'href="/course/day-1/"' "$tmp/guide/course/index.html" &&
	    grep -q 'href="/course/day-2/"' "$tmp/guide/course/index.html" &&
	    ok "the course page links both decks" ||
	    bad "the course page links both decks"
	if [ -z "$msg" ]; then ok "this guide's decks build without a warning"
	else bad "this guide's decks build without a warning" "$msg"; fi
else
	bad "this guide builds" "$msg"
fi
