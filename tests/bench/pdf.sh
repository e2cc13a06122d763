#!/bin/sh
# tests/bench/pdf.sh: times sitegen's handout PDFs against WeasyPrint and
# Chromium's --print-to-pdf on the same pages (the site's own HTML for
# them, served over HTTP on 127.0.0.1), on this guide and on a generated
# handout of some 140 pages. Prints milliseconds per PDF page for each,
# the ratios, and peak memory. Needs weasyprint, chromium, python3, GNU
# time and poppler-utils (apt-get install weasyprint chromium time
# poppler-utils); not run in CI.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
sg="$top/build/sitegen"
[ -x "$sg" ] || make -C "$top/src" > /dev/null
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server"; rm -rf "$work"' EXIT
chrome=/usr/lib/chromium/chromium
[ -x "$chrome" ] || chrome=$(command -v chromium)
port=18731

# timed OUT CMD...: "wall-seconds peak-kB cpu-seconds" into OUT. The CPU
# time (user + system, children included) is what a busy machine does not
# inflate; both are reported.
timed() {
	out=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$out" "$@" > /dev/null 2>&1
	awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$out" > "$out.c" && mv "$out.c" "$out"
}
cpu() { cut -d' ' -f3 "$1"; }

pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# bench NAME ROOT HANDOUT: the handout's pages, three ways
bench() {
	name=$1 root=$2 handout=$3
	rm -rf "$work/out"
	"$sg" --root "$root" --out "$work/out" --quiet build
	# sitegen: the whole `sitegen pdf` command (load, parse, samples from
	# the cache, layout, every handout), best of three
	best=
	for run in 1 2 3; do
		timed "$work/t" "$sg" --root "$root" --out "$work/pdfout" --jobs 1 --quiet pdf
		t=$(cut -d' ' -f1 "$work/t")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
			mem=$(cut -d' ' -f2 "$work/t")
			sg_cpu=$(cpu "$work/t")
		fi
	done
	sg_pages=0
	for f in "$work/pdfout"/handouts/*.pdf; do
		sg_pages=$((sg_pages + $(pages_of "$f")))
	done
	# the HTML of the handout's pages, in its order
	urls=$(sed -n 's/^url=//p' "$work/list")
	n=$(printf '%s\n' "$urls" | wc -l)
	(cd "$work/out" && exec /usr/bin/python3 -m http.server "$port" --bind 127.0.0.1) > /dev/null 2>&1 &
	server=$!
	sleep 1
	# WeasyPrint: one process for every page, so its start is paid once
	printf '%s\n' "$urls" | sed "s|^|http://127.0.0.1:$port|" > "$work/urls"
	cat > "$work/wp.py" <<'PY'
import sys, weasyprint
for i, u in enumerate(open(sys.argv[1]).read().split()):
    weasyprint.HTML(u).write_pdf("%s/wp-%03d.pdf" % (sys.argv[2], i))
PY
	mkdir -p "$work/wp"
	timed "$work/twp" /usr/bin/python3 "$work/wp.py" "$work/urls" "$work/wp"
	wp_pages=0
	for f in "$work/wp"/*.pdf; do wp_pages=$((wp_pages + $(pages_of "$f"))); done
	# Chromium: one run a page (it prints one URL a run); its start-up,
	# measured on an empty page, is taken out
	mkdir -p "$work/cr"
	echo '<!doctype html><title>x</title>' > "$work/out/empty.html"
	timed "$work/tstart" "$chrome" --headless --no-sandbox --disable-gpu \
	    --print-to-pdf="$work/cr/empty.pdf" "http://127.0.0.1:$port/empty.html"
	cr_total=0 cr_cpu=0 cr_mem=0 cr_pages=0 i=0
	while read -r u; do
		i=$((i + 1))
		timed "$work/tcr" "$chrome" --headless --no-sandbox --disable-gpu \
		    --no-pdf-header-footer --print-to-pdf="$work/cr/$i.pdf" "$u"
		cr_total=$(awk -v a="$cr_total" -v b="$(cut -d' ' -f1 "$work/tcr")" 'BEGIN { print a + b }')
		cr_cpu=$(awk -v a="$cr_cpu" -v b="$(cpu "$work/tcr")" 'BEGIN { print a + b }')
		m=$(cut -d' ' -f2 "$work/tcr")
		[ "$m" -gt "$cr_mem" ] && cr_mem=$m
		cr_pages=$((cr_pages + $(pages_of "$work/cr/$i.pdf")))
	done < "$work/urls"
	kill "$server"
	server=
	awk -v name="$name" -v n="$n" -v st="$best" -v sc="$sg_cpu" -v sp="$sg_pages" -v sm="$mem" \
	    -v wt="$(cut -d' ' -f1 "$work/twp")" -v wc="$(cpu "$work/twp")" -v wp="$wp_pages" -v wm="$(cut -d' ' -f2 "$work/twp")" \
	    -v ct="$cr_total" -v cc="$cr_cpu" -v c0="$(cut -d' ' -f1 "$work/tstart")" -v c0c="$(cpu "$work/tstart")" \
	    -v cp="$cr_pages" -v cm="$cr_mem" 'BEGIN {
		s = st * 1000 / sp; w = wt * 1000 / wp; c = (ct - n * c0) * 1000 / cp
		s2 = sc * 1000 / sp; w2 = wc * 1000 / wp; c2 = (cc - n * c0c) * 1000 / cp
		printf "%s: %d site pages; ms per PDF page, wall and CPU\n", name, n
		printf "  sitegen    wall %6.1f  cpu %6.1f  (%d pages, peak %.1f MB)\n", s, s2, sp, sm / 1024
		printf "  WeasyPrint wall %6.1f  cpu %6.1f  (%d pages, peak %.1f MB): %.0fx, %.0fx sitegen\n", w, w2, wp, wm / 1024, w / s, w2 / s2
		printf "  Chromium   wall %6.1f  cpu %6.1f  (%d pages, start-up of %.2f s a run taken out, peak %.1f MB): %.0fx, %.0fx sitegen\n", c, c2, cp, c0, cm / 1024, c / s, c2 / s2
	}'
}

# The pages of handout NAME of the site at ROOT, as "url=" lines, from
# the default theme's links (each page of a handout links the handouts
# that hold it) — simpler: all pages of the site for a one-handout site.
list_pages() {
	find "$work/out" -name index.html | while read -r f; do
		p=${f#"$work/out"}
		echo "url=${p%index.html}"
	done | grep -v '^url=/tags/' | LC_ALL=C sort > "$work/list"
}

# this guide: `sitegen pdf` makes all its handouts (ms per page is over
# all of them); the others print every page of the site once
"$sg" --root "$top" --out "$work/out" --quiet build
list_pages
bench "this guide" "$top" guide

# a generated site of 24 pages, whose handout has some 140 pages
sh "$top/tests/bench/gen.sh" "$work/gen" 24 4 > /dev/null
sed -i '/^handouts:/d' "$work/gen/site.yml"
"$sg" --root "$work/gen" --out "$work/out" --quiet build
list_pages
bench "generated" "$work/gen" guide
