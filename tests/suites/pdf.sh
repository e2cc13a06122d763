#!/bin/sh
# tests/suites/pdf.sh SITEGEN: the handout PDFs, on the fixture site in
# tests/pdf/site and on this guide: qpdf --check, every font embedded
# (pdffonts), page size and count (pdfinfo), every heading and every
# sample's output in the text (pdftotext), bookmarks and links
# (qpdf --json, tests/pdf/check.py), the same bytes on every run and for
# any --jobs, and `sitegen pdf` writing only the handouts.
set -u
sg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH
export LC_ALL=C.UTF-8

ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -30; return 0; }
# check NAME CMD...: ok when CMD succeeds, else FAIL with its output
check() { _name=$1; shift; if o=$("$@" 2>&1); then ok "$_name"; else bad "$_name" "$o"; fi; }

# The headings of Markdown files (outside code fences), as plain text.
headings() {
	awk '/^(```|~~~)/ { fence = !fence; next }
	    !fence && /^#{1,6} / { sub(/^#+ +/, ""); sub(/ +#+ *$/, ""); print }' "$@" |
	    sed -e 's/\[\([^]]*\)\]([^)]*)/\1/g' -e 's/[`*_]//g' -e 's/\\\(.\)/\1/g'
}

# The lines of the ```output blocks of Markdown files.
outputs() {
	awk '/^```output/ { out = 1; next } /^```/ { out = 0; next } out && NF' "$@"
}

# Text without any white space, for comparing what wraps differently.
squeeze() { tr -d ' \t\n\r\f'; }

# has_text PDF FILE: every line of FILE is in the PDF's text.
has_text() {
	pdftotext -layout "$1" - | squeeze > "$tmp/text"
	missing=
	while IFS= read -r line; do
		want=$(printf '%s' "$line" | squeeze)
		[ -n "$want" ] || continue
		grep -qF -- "$want" "$tmp/text" || missing="$missing
$line"
	done < "$2"
	[ -z "$missing" ] || { echo "not in the text:$missing"; return 1; }
}

qpdf_ok() { qpdf --check "$1" > /dev/null || { qpdf --check "$1"; return 1; }; }

fonts_embedded() {
	pdffonts "$1" | awk 'NR > 2 { n++; if ($(NF - 4) != "yes") bad = bad " " $1 }
	    END { if (n == 0) print "no fonts"; else if (bad != "") print "not embedded:" bad;
	    exit n == 0 || bad != "" }'
}

# Each font is embedded once for each encoding cairo gives it (a subset
# of WinAnsi, one of CIDs): a font in twice was laid out with two cairo
# faces of one file, made at once on two threads (faces.c), and made the
# bytes differ from one build to the next.
fonts_once() {
	pdffonts "$1" | awk 'NR > 2 { key = $1; sub(/^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/, "", key)
		for (i = 2; i <= NF - 5; i++) key = key " " $i
		if (seen[key]++) dup = dup "\n" key }
	    END { if (dup != "") { printf "embedded more than once:%s\n", dup; exit 1 } }'
}

# page_size PDF "W x H" (a regular expression)
page_size() {
	pdfinfo "$1" | grep -Eq "^Page size: *$2 pts" || { pdfinfo "$1" | grep 'Page size'; return 1; }
}

# The page count pdfinfo gives is the M of the footers' "page N of M",
# and each page has its footer.
page_count() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	m=$(pdftotext "$1" - | sed -n 's/^page [0-9]* of \([0-9]*\)$/\1/p' | sort -u)
	feet=$(pdftotext "$1" - | grep -c '^page [0-9]* of [0-9]*$')
	[ "$n" -ge "${2:-3}" ] && [ "$m" = "$n" ] && [ "$feet" -eq $((n - 1)) ] ||
	    { echo "pdfinfo: $n pages; footers say of $m, $feet footers"; return 1; }
}

structure() {
	pdf=$1
	shift
	qpdf --json --json-key=qpdf --json-key=outlines "$pdf" > "$tmp/json" &&
	    python3 "$top/tests/pdf/check.py" "$tmp/json" "$@"
}

# Every heading of the Markdown files given is a bookmark.
bookmarks() {
	pdf=$1
	shift
	qpdf --json --json-key=outlines "$pdf" > "$tmp/json" &&
	    python3 "$top/tests/pdf/check.py" --titles "$tmp/json" | sed 's/^ *//' > "$tmp/titles"
	headings "$@" | while IFS= read -r h; do
		grep -qxF -- "$h" "$tmp/titles" || echo "no bookmark: $h"
	done > "$tmp/missing"
	[ ! -s "$tmp/missing" ] || { cat "$tmp/missing"; return 1; }
}

# A handout's checks; the pages it holds are the Markdown files given.
handout() {
	label=$1 pdf=$2 size=$3
	shift 3
	check "$label: qpdf --check" qpdf_ok "$pdf"
	check "$label: every font embedded" fonts_embedded "$pdf"
	check "$label: each font embedded once" fonts_once "$pdf"
	check "$label: page size A4" page_size "$pdf" "$size"
	check "$label: page count = page N of M" page_count "$pdf"
	headings "$@" > "$tmp/headings"
	check "$label: every heading in the text" has_text "$pdf" "$tmp/headings"
	outputs "$@" > "$tmp/outputs"
	check "$label: every sample output in the text" has_text "$pdf" "$tmp/outputs"
	check "$label: every heading a bookmark" bookmarks "$pdf" "$@"
}

# same_pdf A B: the two PDFs have the same bytes; when not, what differs:
# the page counts, the first lines of text that do, and, when the text
# is the same, the first lines of the uncompressed objects that do
same_pdf() {
	cmp "$1" "$2" && return 0
	pdfinfo "$1" | grep '^Pages:'
	pdfinfo "$2" | grep '^Pages:'
	pdftotext -layout "$1" "$tmp/same1.txt"
	pdftotext -layout "$2" "$tmp/same2.txt"
	if cmp -s "$tmp/same1.txt" "$tmp/same2.txt"; then
		echo "the same text; the objects:"
		qpdf --qdf --object-streams=disable "$1" "$tmp/same1.qdf"
		qpdf --qdf --object-streams=disable "$2" "$tmp/same2.qdf"
		diff -a "$tmp/same1.qdf" "$tmp/same2.qdf" | head -24
	else
		diff "$tmp/same1.txt" "$tmp/same2.txt" | head -20
	fi
	return 1
}

# same_pdfs DIR1 DIR2: same_pdf for every PDF of DIR1 and its namesake in
# DIR2
same_pdfs() {
	_rc=0
	for _f in "$1"/*.pdf; do
		same_pdf "$_f" "$2/$(basename "$_f")" || _rc=1
	done
	return $_rc
}

# ---- the fixture ------------------------------------------------------------
fx=$top/tests/pdf/site
out=$tmp/fx
if ! o=$("$sg" --root "$fx" --out "$out" --quiet --jobs 2 build 2>&1); then
	bad "fixture builds" "$o"
	exit 0
fi
ok "fixture builds"
a4="595.2[0-9]* x 841.89"
handout "fixture all.pdf" "$out/handouts/all.pdf" "$a4" $(find "$fx/content" -name '*.md' | sort)
handout "fixture part.pdf" "$out/handouts/part.pdf" "$a4" "$fx"/content/part/*.md
check "fixture all.pdf: links to destinations that exist, and to the web" \
    structure "$out/handouts/all.pdf" "https://example.com/x?a=1&b='2'"
check "fixture part.pdf: a page outside the handout is linked at its URL" \
    structure "$out/handouts/part.pdf" "https://example.org/docs/other/page/#outside"
printf 'line 1 of the real output\nline 3 of the real output\n' > "$tmp/real"
check "fixture: a sample without an output block shows what it printed" \
    has_text "$out/handouts/part.pdf" "$tmp/real"

# the long table: each row drawn once (no hidden copies of split text),
# its header row again on the page it runs onto
rows=$(pdftotext "$out/handouts/part.pdf" - | grep -c '^row [0-9]*$')
heads=$(pdftotext -layout "$out/handouts/part.pdf" - | grep -c 'Left *Centre *Right')
if [ "$rows" -eq 40 ] && [ "$heads" -ge 2 ]; then ok "fixture: table rows once each, header repeated"
else bad "fixture: table rows once each, header repeated" "rows $rows (want 40), headers $heads (want 2 or more)"; fi
check "fixture: the cover names the handout, subtitle and date" \
    sh -c "pdftotext -l 1 '$out/handouts/all.pdf' - | tr '\n' ' ' | grep -q 'Everything *The whole fixture.*PDF fixture *28 November 2026'"
check "fixture: contents with page numbers" \
    sh -c "pdftotext -layout -f 2 -l 2 '$out/handouts/part.pdf' - | grep -Eq 'The sample +[0-9]+$'"
check "fixture: the PDF's date is the site's" \
    sh -c "pdfinfo '$out/handouts/all.pdf' | grep -q '^CreationDate:.*Nov 28 00:00:00 2026'"

# same bytes: a second run, and --jobs 1
"$sg" --root "$fx" --out "$tmp/fx2" --quiet --jobs 1 build > /dev/null 2>&1
check "fixture: --jobs 1 and --jobs 2 give the same PDFs" \
    same_pdfs "$out/handouts" "$tmp/fx2/handouts"
"$sg" --root "$fx" --out "$tmp/fx2" --quiet --jobs 2 build > /dev/null 2>&1
check "fixture: a second run gives the same PDFs" \
    same_pdfs "$out/handouts" "$tmp/fx2/handouts"

# sitegen pdf: the handouts only, nothing else in the output touched
mkdir -p "$tmp/only"
echo keep > "$tmp/only/keep.txt"
if o=$("$sg" --root "$fx" --out "$tmp/only" --quiet pdf 2>&1) &&
    [ "$(cd "$tmp/only" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" = "./handouts/all.pdf ./handouts/part.pdf ./keep.txt " ] &&
    d=$(same_pdfs "$out/handouts" "$tmp/only/handouts" 2>&1); then
	ok "sitegen pdf writes only the handouts, the same as build"
else
	bad "sitegen pdf writes only the handouts, the same as build" "$o$(cd "$tmp/only" && find . -type f)
${d:-}"
fi

# without handouts: one of the whole site; US letter on request
cp -R "$fx" "$tmp/plain"
sed -i -e '/^handouts:/,$d' -e 's/^title: .*/title: A rather long title for a handout, which must wrap onto two lines/' \
    -e 's/^description: .*/description: Subtitle under it/' "$tmp/plain/site.yml"
printf 'pdf:\n  paper: letter\n' >> "$tmp/plain/site.yml"
if o=$("$sg" --root "$tmp/plain" --quiet pdf 2>&1) && [ -f "$tmp/plain/public/handouts/guide.pdf" ]; then
	ok "without handouts: one handout, guide.pdf"
	check "guide.pdf: US letter" page_size "$tmp/plain/public/handouts/guide.pdf" "612 x 792"
	check "guide.pdf: titled as the site" sh -c "pdfinfo '$tmp/plain/public/handouts/guide.pdf' | grep -q '^Title: *A rather long title'"
	# the cover: a title on two lines stays above the subtitle
	pdftotext -bbox -f 1 -l 1 "$tmp/plain/public/handouts/guide.pdf" "$tmp/bbox.html"
	check "cover: a long title does not run into the subtitle" awk '
	    /<word/ { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
		split($0, a, "\""); ymin = a[4]; ymax = a[8] }
	    w == "lines" { last = ymax } w == "Subtitle" { sub_ = ymin }
	    END { if (!(last > 0 && sub_ > last)) { print "title ends at " last ", subtitle starts at " sub_; exit 1 } }' "$tmp/bbox.html"
	headings $(find "$fx/content" -name '*.md') > "$tmp/headings"
	check "guide.pdf: the whole site" has_text "$tmp/plain/public/handouts/guide.pdf" "$tmp/headings"
else
	bad "without handouts: one handout, guide.pdf" "$o"
fi

# long blocks: a code block of 3,000 lines keeps every line (laid out in
# pieces); a paragraph past 256 kB is cut, with a warning at its line
big=$tmp/big
mkdir -p "$big/content" "$big/templates"
printf 'title: Big\ntheme: ""\n' > "$big/site.yml"
for t in page section index; do printf '<%%- content %%>\n' > "$big/templates/$t.html"; done
{ printf -- '---\ntitle: Big\n---\n\n```bash\n'
  awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "echo line %d of a long block\n", i }'
  printf '```\n\n'
  awk 'BEGIN { for (i = 0; i < 300 * 1024 / 16; i++) printf "many words here. "; print "" }'
} > "$big/content/_index.md"
o=$("$sg" --root "$big" --quiet pdf 2>&1)
lines=$(pdftotext "$big/public/handouts/guide.pdf" - 2>/dev/null | grep -c '^echo line [0-9]* of a long block$')
if [ "$lines" -eq 3000 ]; then ok "a code block of 3,000 lines, every line"
else bad "a code block of 3,000 lines, every line" "$lines lines"; fi
if [ "$o" = "content/_index.md:3008:1: warning: this block is 318 kB long: the handout shows its first 256 kB (split it to show it all)" ]; then
	ok "a paragraph past 256 kB: a warning at its line"
else
	bad "a paragraph past 256 kB: a warning at its line" "$o"
fi

# fonts beyond the pair: four handouts of Thai, Devanagari, Cherokee and
# musical symbols (DejaVu has none of them; fonts-noto-core has) and SVG
# text in DejaVu Serif, laid out two at a time. Before faces.c made such
# fonts one thread at a time and ran such jobs alone, one build in five
# crashed (cairo's faces and its ten open font files), and some of the
# others embedded a font twice, so that their bytes were not --jobs 1's.
fb=$tmp/fallback
mkdir -p "$fb/content"
printf 'title: Fallback\nbase_url: https://example.org/\nhandouts:\n' > "$fb/site.yml"
words='สวัสดีครับ **ภาษาไทย** *ไทย* नमस्ते **दुनिया** ᏣᎳᎩ 𝄞♩ ☐ مرحبا שלום'
for n in a b c d; do
	printf '  - { name: %s, title: "Handout %s สวัสดี", pages: [%s.md] }\n' $n $n $n >> "$fb/site.yml"
	printf -- '---\ntitle: Page %s\n---\n\n%s\n\n## ไทย\n\n- %s `code नमस्ते`\n\n| ไทย | %s |\n| - | - |\n| ᏣᎳᎩ | x |\n\n![A figure](fig.svg)\n' \
	    $n "$words" "$words" $n > "$fb/content/$n.md"
done
printf '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="30" font-family="DejaVu Serif">Serif ไทย</text></svg>\n' > "$fb/content/fig.svg"
if o=$("$sg" --root "$fb" --out "$tmp/fb1" --quiet --jobs 1 pdf 2>&1); then
	ok "fallback fonts: the handouts build"
	check "fallback fonts: Noto Sans Thai and DejaVu Serif are embedded" sh -c \
	    "pdffonts '$tmp/fb1/handouts/a.pdf' | grep -q NotoSansThai && pdffonts '$tmp/fb1/handouts/a.pdf' | grep -q DejaVuSerif"
	for n in a b c d; do
		check "fallback fonts: $n.pdf, each font embedded once" fonts_once "$tmp/fb1/handouts/$n.pdf"
	done
	crashed= differ=
	for i in 1 2 3 4 5 6 7 8 9 10; do
		rm -rf "$tmp/fb2"
		if ! e=$("$sg" --root "$fb" --out "$tmp/fb2" --quiet --jobs 2 pdf 2>&1); then
			crashed="$crashed
run $i: $e"
			continue
		fi
		d=$(same_pdfs "$tmp/fb1/handouts" "$tmp/fb2/handouts" 2>&1) ||
		    differ="$differ
run $i: $d"
	done
	if [ -z "$crashed" ]; then ok "fallback fonts: ten builds at --jobs 2, none fails"
	else bad "fallback fonts: ten builds at --jobs 2, none fails" "$crashed"; fi
	if [ -z "$differ" ]; then ok "fallback fonts: ten builds at --jobs 2, the bytes of --jobs 1"
	else bad "fallback fonts: ten builds at --jobs 2, the bytes of --jobs 1" "$differ"; fi
else
	bad "fallback fonts: the handouts build" "$o"
fi

# a character no installed font has (U+10FFFD, private use) is drawn as a
# box: a warning names it, once a PDF however often it comes, at the page
# it is in; the build goes on. A Japanese site on a machine without a
# Japanese font once made such a handout and said nothing.
bx=$tmp/boxes
mkdir -p "$bx/content"
printf 'title: Boxes\nbase_url: https://example.org/\nhandouts:\n  - { name: b, title: Boxes, pages: [a.md, b.md] }\n  - { name: c, title: Clean, pages: [c.md] }\n' > "$bx/site.yml"
printf -- '---\ntitle: A\n---\n\nPlain text.\n' > "$bx/content/a.md"
printf -- '---\ntitle: B\n---\n\nOne \364\217\277\275 and ## two \364\217\277\275.\n\n## Three \364\217\277\275\n' > "$bx/content/b.md"
printf -- '---\ntitle: C\n---\n\nNothing missing here: caf\303\251, \342\200\224 and \342\200\246\n' > "$bx/content/c.md"
if o=$("$sg" --root "$bx" --out "$tmp/bx1" --jobs 2 pdf 2>&1); then
	ok "a character no font has: the handout is still made"
else
	bad "a character no font has: the handout is still made" "$o"
fi
n=$(printf '%s\n' "$o" | grep -c 'drawn as a box')
if [ "$n" = 1 ] && printf '%s\n' "$o" | grep -q '^content/b.md: warning: handouts/b.pdf: no installed font has the character .* (U+10FFFD), which is drawn as a box'; then
	ok "a character no font has: one warning, at its page, naming it"
else
	bad "a character no font has: one warning, at its page, naming it" "$o"
fi
if printf '%s\n' "$o" | grep -q 'handouts/c.pdf'; then
	bad "a character no font has: none for a handout whose fonts have all" "$o"
else
	ok "a character no font has: none for a handout whose fonts have all"
fi

# images a handout must not take: a link in content/ or static/ to a
# picture outside the site (the HTML build skips such links, with a
# warning), and a FIFO named like an image (opening it waited forever).
# Each stays its alt text; the build ends.
hi=$tmp/hostile-images
mkdir -p "$hi/content" "$hi/static"
printf 'title: Images\nhandouts:\n  - { name: h, title: H, pages: [_index.md] }\n' > "$hi/site.yml"
printf -- '---\ntitle: Home\n---\n\n![outside](out.png)\n\n![static outside](/leak.png)\n\n![a fifo](fifo.svg)\n' > "$hi/content/_index.md"
python3 -c 'import struct, zlib, sys
raw = b"".join(b"\0" + bytes([200, 30, 30]) * 8 for _ in range(8))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))' > "$tmp/outside.png"
ln -s "$tmp/outside.png" "$hi/content/out.png"
ln -s "$tmp/outside.png" "$hi/static/leak.png"
mkfifo "$hi/content/fifo.svg"
o=$(timeout 60 "$sg" --root "$hi" --quiet pdf 2>&1)
status=$?
if [ $status -ne 124 ] && [ -f "$hi/public/handouts/h.pdf" ]; then
	ok "hostile images: the handout is made, no wait on a FIFO"
	n=$(pdfimages -list "$hi/public/handouts/h.pdf" | tail -n +3 | wc -l)
	if [ "$n" -eq 0 ]; then ok "hostile images: no picture from outside the site"
	else bad "hostile images: no picture from outside the site" "$n images: $(pdfimages -list "$hi/public/handouts/h.pdf")"; fi
	printf 'outside\nstatic outside\na fifo\n' > "$tmp/alts"
	check "hostile images: their alt text instead" has_text "$hi/public/handouts/h.pdf" "$tmp/alts"
else
	bad "hostile images: the handout is made, no wait on a FIFO" "exit $status: $o"
fi

# images too large for a handout, told by their headers or sizes before
# anything is decoded (a PNG is decoded whole, four bytes a pixel: a 1 MB
# file of 20,000 x 20,000 pixels took 1.6 GB, and this JPEG 10 GB): a PNG
# of 10,000 x 10,000 pixels (300 kB; 400 MB decoded), a JPEG whose header says 60,000 x 60,000, an
# SVG of 33 MB. Each is an error at its line; the build stops at once.
ib=$tmp/image-bombs
mkdir -p "$ib/content"
printf 'title: Bombs\nhandouts:\n  - { name: h, title: H, pages: [_index.md] }\n' > "$ib/site.yml"
printf -- '---\ntitle: Home\n---\n\n![png](big.png)\n\n![jpeg](big.jpg)\n\n![svg](big.svg)\n' > "$ib/content/_index.md"
python3 -c 'import struct, zlib, sys
w, h = 10000, 10000
c = zlib.compressobj(9)
row = b"\0" * (1 + 3 * w)
data = b"".join(c.compress(row) for _ in range(h)) + c.flush()
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b""))' > "$ib/content/big.png"
python3 -c 'import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = 2
while not 0xC0 <= d[i + 1] <= 0xC3:
	i += 2 + int.from_bytes(d[i + 2:i + 4], "big")
d[i + 5:i + 9] = (60000).to_bytes(2, "big") * 2
sys.stdout.buffer.write(d)' "$top/tests/pdf/site/content/part/photo.jpg" > "$ib/content/big.jpg"
{ printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--'
  head -c $((33 << 20)) /dev/zero | tr '\0' x; printf -- '--></svg>\n'; } > "$ib/content/big.svg"
o=$(timeout 60 /usr/bin/time -f '%M' "$sg" --root "$ib" --quiet pdf 2>&1)
status=$?
kb=$(printf '%s\n' "$o" | tail -n 1)
if [ $status -eq 1 ] && printf '%s\n' "$o" | grep -q "^content/_index.md:5:1: error: the image 'big.png' is 10000 x 10000 pixels (100 megapixels); a handout takes images of up to 50 megapixels: scale it down$" &&
    printf '%s\n' "$o" | grep -q "^content/_index.md:7:1: error: the image 'big.jpg' is 60000 x 60000 pixels (3600 megapixels)" &&
    printf '%s\n' "$o" | grep -q "^content/_index.md:9:1: error: the image 'big.svg' is 33 MB; a handout takes SVG files of up to 32 MB$"; then
	ok "image bombs: each refused at its line"
else
	bad "image bombs: each refused at its line" "exit $status: $o"
fi
# (the sanitizers' build peaks at about 170 MB without any image)
if [ "$kb" -lt 307200 ] 2>/dev/null; then ok "image bombs: nothing decoded (peak under 300 MB)"
else bad "image bombs: nothing decoded (peak under 300 MB)" "peak $kb kB"; fi

# ---- this guide -------------------------------------------------------------
if [ -f "$top/site.yml" ] && [ -d "$top/content" ]; then
	g=$tmp/guide
	if o=$("$sg" --root "$top" --out "$g" --quiet build 2>&1); then
		ok "this guide builds its handouts"
		handout "guide.pdf" "$g/handouts/guide.pdf" "$a4" $(find "$top/content" -name '*.md' | sort)
		check "guide.pdf: links to destinations that exist" structure "$g/handouts/guide.pdf"
		for h in "$g"/handouts/day-*.pdf; do
			[ -f "$h" ] || continue
			n=$(basename "$h" .pdf)
			check "$n.pdf: qpdf --check" qpdf_ok "$h"
			check "$n.pdf: every font embedded" fonts_embedded "$h"
			check "$n.pdf: each font embedded once" fonts_once "$h"
			check "$n.pdf: page count = page N of M" page_count "$h"
			check "$n.pdf: links and bookmarks" structure "$h"
		done
		"$sg" --root "$top" --out "$tmp/guide2" --quiet --jobs 1 build > /dev/null 2>&1
		check "this guide: --jobs 1 and 2 give the same PDFs" \
		    same_pdfs "$g/handouts" "$tmp/guide2/handouts"
	else
		bad "this guide builds its handouts" "$o"
	fi
fi
