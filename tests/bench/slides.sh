#!/bin/sh
# tests/bench/slides.sh [N]: times slide deck export per slide, sitegen
# against Marp CLI, on the same generated deck of N slides (default 200:
# a heading, a list, a code block and a speaker note each; Marp's syntax,
# which sitegen reads as is). sitegen: `sitegen slides` (load, parse,
# HTML deck, PDF deck and notes PDF); Marp: `marp --pdf` and `marp` (HTML)
# on Debian's Chromium. Prints seconds, milliseconds per slide and the
# ratio, for the whole command and per added slide (the N-slide deck
# against a tenth of it, which takes the start-up out). Needs node, npm
# and chromium; fetches @marp-team/marp-cli into build/tools. Not run in
# CI.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
sg="$top/build/sitegen"
n=${1:-200}
[ -x "$sg" ] || make -C "$top/src" > /dev/null
marp="$top/build/tools/node_modules/.bin/marp"
[ -x "$marp" ] || npm install --prefix "$top/build/tools" --no-audit --no-fund \
    @marp-team/marp-cli > /dev/null
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# site DIR SLIDES: a site with one deck of SLIDES slides
site() {
	mkdir -p "$1/content" "$1/themes"
	ln -s "$top/themes/default" "$1/themes/default"
	printf 'title: Bench\nbase_url: https://example.org/\n' > "$1/site.yml"
	printf -- '---\ntitle: Home\n---\n\nThe [deck](deck.md).\n' > "$1/content/_index.md"
	awk -v n="$2" 'BEGIN {
		print "---\ntitle: Bench deck\nslides: true\nmarp: true\npaginate: true\n---\n"
		for (i = 1; i <= n; i++) {
			if (i > 1) print "---\n"
			printf "## Slide %d: a title of some length\n\n", i
			print "- A first point, long enough to take most of a line"
			print "- A second point with `inline code` and **bold** words"
			print "- A third point\n"
			print "```sh\naws lambda invoke --function-name f-" i " out.json\ncat out.json\n```\n"
			printf "<!-- What to say about slide %d, in a sentence or two. -->\n\n", i
		}
	}' > "$1/content/deck.md"
}

# best of three wall-clock seconds of a command
best() {
	b=
	for run in 1 2 3; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		t=$(echo "$(date +%s.%N) - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

small=$((n / 10))
for k in "$small" "$n"; do
	site "$work/s$k" "$k"
	"$sg" --root "$work/s$k" --out "$work/o$k" --quiet build
	eval "sg_$k=$(best "$sg" --root "$work/s$k" --out "$work/o$k" --jobs 1 --quiet slides)"
	eval "sg2_$k=$(best "$sg" --root "$work/s$k" --out "$work/o$k" --jobs 2 --quiet slides)"
	eval "mp_$k=$(best "$marp" --pdf --allow-local-files "$work/s$k/content/deck.md" -o "$work/m$k.pdf")"
	eval "mh_$k=$(best "$marp" "$work/s$k/content/deck.md" -o "$work/m$k.html")"
done
pages=$(pdfinfo "$work/o$n/slides/deck.pdf" | awk '/^Pages:/ { print $2 }')
mpages=$(pdfinfo "$work/m$n.pdf" | awk '/^Pages:/ { print $2 }')
eval "a=\$sg_$n b=\$sg2_$n c=\$mp_$n d=\$mh_$n"
eval "a0=\$sg_$small b0=\$sg2_$small c0=\$mp_$small d0=\$mh_$small"
awk -v n="$n" -v m="$small" -v a="$a" -v b="$b" -v c="$c" -v d="$d" \
    -v a0="$a0" -v b0="$b0" -v c0="$c0" -v d0="$d0" -v p="$pages" -v mp="$mpages" 'BEGIN {
	printf "deck of %d slides (sitegen PDF: %d pages, Marp PDF: %d pages)\n", n, p, mp
	printf "%-38s %9s %12s %14s\n", "", "seconds", "ms/slide", "ms/added slide"
	printf "%-38s %9.2f %12.2f %14.2f\n", "sitegen slides --jobs 1 (HTML+2 PDFs)", a, a * 1000 / n, (a - a0) * 1000 / (n - m)
	printf "%-38s %9.2f %12.2f %14.2f\n", "sitegen slides --jobs 2", b, b * 1000 / n, (b - b0) * 1000 / (n - m)
	printf "%-38s %9.2f %12.2f %14.2f\n", "marp --pdf", c, c * 1000 / n, (c - c0) * 1000 / (n - m)
	printf "%-38s %9.2f %12.2f %14.2f\n", "marp (HTML)", d, d * 1000 / n, (d - d0) * 1000 / (n - m)
	printf "ratio, Marp PDF / sitegen --jobs 1, per slide: %.1fx; per added slide: %.1fx\n", c / a, (c - c0) / (a - a0)
}'
