#!/bin/sh
# tests/bench/run.sh [PAGES]: builds a synthetic site of PAGES pages
# (default 1000) with sitegen at --jobs 1 and 2, and the cmark-gfm-only
# baseline beside it in the same run; prints pages per second, the ratio to
# the baseline and the peak memory. Needs GNU time (apt-get install time).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pages=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sg="$top/build/sitegen"
[ -x "$sg" ] || make -C "$top/src" > /dev/null
cc -O2 -o "$work/baseline" "$top/tests/bench/baseline.c" \
    $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions -pthread
sh "$top/tests/bench/gen.sh" "$work/site" "$pages"
files=$(find "$work/site/content" -name '*.md' | LC_ALL=C sort)
timed() {	# prints "seconds peak-kB"
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2>&1
	cat "$work/time"
}
echo "pages: $pages (+ sections), $(du -sk "$work/site/content" | cut -f1) kB of Markdown"
for j in 1 2; do
	for run in 1 2 3; do
		rm -rf "$work/out" "$work/base"
		s=$(timed "$sg" --root "$work/site" --out "$work/out" --quiet --jobs $j build)
		# shellcheck disable=SC2086
		b=$(timed "$work/baseline" $j "$work/base" $files)
		echo "$s $b"
	done | sort -n | sed -n 2p | while read -r st sm bt bm; do
		awk -v j=$j -v n="$pages" -v st="$st" -v sm="$sm" -v bt="$bt" -v bm="$bm" 'BEGIN {
			printf "--jobs %d: sitegen %.0f pages/s (%.2f s, peak %.1f MB); cmark-gfm only %.0f pages/s (peak %.1f MB); ratio %.2fx\n",
			    j, n / st, st, sm / 1024, n / bt, bm / 1024, st / bt }'
	done
done
