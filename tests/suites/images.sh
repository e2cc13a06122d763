#!/bin/sh
# tests/suites/images.sh SITEGEN: an image of a file under content/ gets
# width and height from the file (no layout shift):
#
#   - the images fixture (PNG, JPEG, GIF, SVG sized in px, SVG with only
#     a viewBox, SVG in em or with no size, a PNG cut short, a text file
#     named .png, a remote image) builds with exactly one warning, at the
#     .md line of the text file;
#   - hostile files: a link out of content/ to a real PNG, a link inside
#     content/, a FIFO named .png, a PNG header claiming 100000 x 100000
#     pixels and one claiming 2^31 - 1: the build ends at once, reads no
#     more than it must, and sizes only what it may;
#   - a slide deck's images get their sizes too.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
. "$(dirname "$0")/lib/common.sh"
tmp=$work
top=$(pwd)
# The <img> tag of the image with this alt text in file.
img() {
	grep -o "<img [^>]*alt=\"$2\"[^>]*>" "$1" | head -1
}

fx=$top/tests/fixtures/images
cp -R "$fx/site" "$tmp/s"
out=$("$sg" --root "$tmp/s" --quiet build 2>&1)
st=$?
[ $st -eq 0 ] && [ "$out" = "$(cat "$fx/warnings")" ]
check "images: one warning, for the text file named .png, at its .md line" $? "exit $st
$out"
p=$tmp/s/public
bad=
for want in 'a chart:30:20' 'a photo:50:40' 'an animation:7:6' 'the logo:120:40' \
    'a circle:300:150'; do
	alt=${want%%:*} wh=${want#*:}
	img "$p/index.html" "$alt" | grep -q " width=\"${wh%:*}\" height=\"${wh#*:}\"" ||
	    bad="$bad [$alt: $(img "$p/index.html" "$alt")]"
done
[ -z "$bad" ]
check "images: PNG, JPEG, GIF, SVG (px, viewBox) get width and height" $? "$bad"
bad=
for alt in 'a bar' 'a square' broken remote; do
	img "$p/index.html" "$alt" | grep -q 'width=' && bad="$bad [$(img "$p/index.html" "$alt")]"
done
img "$p/guide/page/index.html" notes | grep -q 'width=' && bad="$bad [notes]"
img "$p/guide/page/index.html" 'a chart' | grep -q 'width="30" height="20"' || bad="$bad [../img]"
[ -z "$bad" ]
check "images: none for SVG in em or without a size, a cut PNG, a text file, a remote image" $? "$bad"

# hostile files
mkdir -p "$tmp/h"
cp -R "$fx/site" "$tmp/h/s"
cp "$fx/site/content/img/chart.png" "$tmp/h/outside.png"
d=$tmp/h/s/content/img
ln -s ../../../outside.png "$d/out.png"
ln -s chart.png "$d/in.png"
mkfifo "$d/pipe.png"
# a PNG signature, an IHDR chunk (CRC included) claiming w x h pixels
# and an empty IDAT chunk: a header and no pixels
png_header() {
	printf '\211PNG\r\n\032\n\000\000\000\015IHDR'
	printf "$1$2"'\010\002\000\000\000'"$3"
	printf '\000\000\000\000IDAT\065\257\006\036'
}
png_header '\000\001\206\240' '\000\001\206\240' '\047\060\234\237' > "$d/huge.png"
png_header '\177\377\377\377' '\177\377\377\377' '\233\253\234\061' > "$d/giant.png"
printf '\nOut ![o](img/out.png) in ![i](img/in.png) pipe ![p](img/pipe.png) huge ![h](img/huge.png) giant ![g](img/giant.png)\n' \
    >> "$tmp/h/s/content/_index.md"
out=$(timeout 20 "$sg" --root "$tmp/h/s" --quiet build 2>&1)
st=$?
h=$tmp/h/s/public/index.html
[ $st -eq 0 ] && ! img "$h" o | grep -q width= && ! img "$h" p | grep -q width= &&
    img "$h" i | grep -q 'width="30" height="20"' &&
    img "$h" h | grep -q 'width="100000" height="100000"' &&
    ! img "$h" g | grep -q width= && ! printf '%s\n' "$out" | grep 'not an image' | grep -q 'img/\(out\|in\|pipe\|huge\|giant\)'
check "images: hostile files: no size through a link out, none for a FIFO or an impossible PNG, no hang" $? \
    "exit $st $out
$(grep -o '<img[^>]*>' "$h" | tail -5)"

# a slide deck
cp -R "$fx/site" "$tmp/d"
rm -rf "$tmp/d/templates" "$tmp/d/content/guide"
sed -i 's/^theme:.*/theme: default/' "$tmp/d/site.yml"
cp -R "$top/themes" "$tmp/d/themes"
cat > "$tmp/d/content/deck.md" <<'DECK'
---
title: A deck
slides: true
---

# A deck

---

## A chart

![a chart](img/chart.png)
DECK
out=$("$sg" --root "$tmp/d" --quiet build 2>&1)
st=$?
s=$tmp/d/public/slides/deck/index.html
[ $st -eq 0 ] && [ -f "$s" ] && img "$s" 'a chart' | grep -q 'width="30" height="20"'
check "images: a slide deck's image gets its size" $? "exit $st $out
$(grep -o '<img[^>]*>' "$s" 2>&1)"
