#!/bin/sh
# tests/bench/run.sh [PAGES] [ROUNDS]: builds a synthetic site of PAGES
# pages (default 1000) with sitegen, with Hugo (templates like the default
# theme's: navigation of 100 sections, TOC, highlighting on; see
# tests/bench/hugo/) and with the cmark-gfm-only baseline, side by side at
# --jobs 1 and 2 (Hugo with GOMAXPROCS), ROUNDS rounds (default 3) that
# each run all of them one after the other, on one worker then on two, so
# they share the machine's state. A fourth row, files, only makes the
# folders and files of sitegen's output (tests/bench/files.c): the file
# system's share, which no generator goes below; and each round times
# spin.c, arithmetic on one thread or two, for what a second core gives
# at all (the last line). Prints, for each, the median round's pages per
# second, seconds, CPU seconds (user + system: steadier than seconds on a
# shared machine) and peak memory, and the ratios: of the medians, and
# round by round. Needs GNU time (apt-get install time); Hugo is optional
# (apt-get install hugo).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pages=${1:-1000}
rounds=${2:-3}
# whole numbers above 0, before anything is made (gen.sh refuses other
# PAGES too; ROUNDS of 0 left nothing to take a median of)
for n in "$pages" "$rounds"; do
	case $n in
	'' | *[!0-9]*) ok=0 ;;
	*) [ "$n" -gt 0 ] 2> /dev/null && ok=1 || ok=0 ;;
	esac
	if [ "$ok" = 0 ]; then
		echo "run.sh: PAGES and ROUNDS are whole numbers above 0 (got '$*')" >&2
		exit 2
	fi
done
# The site and the outputs go to BENCH_DIR, by default /dev/shm when it is
# a tmpfs (see below), else TMPDIR.
dir=${BENCH_DIR:-}
if [ -z "$dir" ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
    [ -w /dev/shm ]; then
	dir=/dev/shm
fi
work=$(mktemp -d ${dir:+-p "$dir"})
trap 'rm -rf "$work"' EXIT
fs=$(stat -f -c %T "$work")
# SITEGEN: another build of sitegen (the test suite's smoke run passes
# the one it tests)
sg=${SITEGEN:-$top/build/sitegen}
[ -x "$sg" ] || make -C "$top/src" > /dev/null
[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time: apt-get install time" >&2; exit 2; }
cc -O2 -o "$work/baseline" "$top/tests/bench/baseline.c" \
    $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions -pthread
cc -O2 -o "$work/files" "$top/tests/bench/files.c" -pthread
cc -O2 -o "$work/spin" "$top/tests/bench/spin.c" -pthread
sh "$top/tests/bench/gen.sh" "$work/site" "$pages"
files=$(find "$work/site/content" -name '*.md' | LC_ALL=C sort)
hugo=
if command -v hugo > /dev/null 2>&1; then
	hugo=hugo
	mkdir -p "$work/hugo"
	cp -R "$work/site/content" "$work/hugo/content"
	cp -R "$top/tests/bench/hugo/layouts" "$top/tests/bench/hugo/hugo.yaml" \
	    "$work/hugo/"
else
	echo "(Hugo not installed, left out: apt-get install hugo)"
fi
# The wall time is read from the clock in nanoseconds around the run:
# GNU time's %e has 10 ms steps, a sixth of what the baseline takes at
# 1,000 pages on two workers, which made the ratios there jump by as much.
timed() {	# prints "seconds peak-kB cpu-seconds"
	t0=$(date +%s%N)
	/usr/bin/time -f '%M %U %S' -o "$work/time" "$@" > /dev/null 2>&1 ||
	    echo "run.sh: failed: $*" >&2
	t1=$(date +%s%N)
	awk -v ns=$((t1 - t0)) '{ printf "%.4f %s %.2f\n", ns / 1e9, $1, $2 + $3 }' "$work/time"
}
# Each build writes into a folder of its own. On tmpfs it is removed
# once measured; elsewhere all are kept to the end (about 24 outputs: 1 GB
# at 1,000 pages, 10 GB at 10,000), because on ext4 without a journal (as
# on some virtual machines' disks) a new inode is not taken from those
# freed shortly before: the allocator walks past each of them for every
# file it makes (recently_deleted() in fs/ext4/ialloc.c). There, removing
# the last output right before each build made every tool's files many
# times as dear as they are in use: the files row, 1,000 pages, took
# 1.44 s so, 0.07 s with nothing removed, and still 0.57 s 45 seconds
# after a removal; the removals of an earlier run of this script slow the
# next one. tmpfs has no such cost: its numbers are the generators'.
run() {		# TOOL JOBS OUT: one build into the new folder OUT
	out=$3
	case $1 in
	sitegen) timed "$sg" --root "$work/site" --out "$out" --quiet \
	    --jobs "$2" build
		# the paths and sizes the files row makes, once
		[ -s "$work/list" ] || find "$out" -type f -printf '%P %s\n' |
		    LC_ALL=C sort > "$work/list" ;;
	hugo) timed env GOMAXPROCS="$2" hugo --source "$work/hugo" \
	    --destination "$out" --quiet ;;
	# shellcheck disable=SC2086
	baseline) timed "$work/baseline" "$2" "$out" $files ;;
	files) timed "$work/files" "$2" "$out" "$work/list" ;;
	spin) timed "$work/spin" "$2" ;;
	esac
}
echo "file system: $fs"
echo "pages: $pages (+ sections), $(cat $files | wc -c | awk '{ printf "%.0f", $1 / 1024 }') kB of Markdown, $rounds rounds, median shown"
printf '%-6s %-9s %9s %8s %8s %8s  %s\n' jobs tool pages/s seconds "cpu s" \
    "peak MB" "ratio"
# Each round builds with every tool on one worker, then on two: a ratio
# is taken between builds of one round, minutes apart at most (the
# medians of two tools, or of one tool on one and two workers, may come
# from rounds far apart on a machine whose speed drifts).
n=0
: > "$work/rounds"
for r in $(seq "$rounds"); do
	for j in 1 2; do
		for t in sitegen $hugo baseline files spin; do
			n=$((n + 1))
			echo "$j $t $(run $t $j "$work/out.$n")" >> "$work/rounds"
			[ "$fs" != tmpfs ] || rm -rf "$work/out.$n"
		done
	done
done
# paired NUM-JOBS NUM-TOOL DEN-JOBS DEN-TOOL: the ratio of the two
# builds' seconds in each round, as "median least greatest"
paired() {
	awk -v mid=$(( (rounds + 1) / 2 )) -v a="$1 $2" -v b="$3 $4" '
	{ k = ++seen[$1 " " $2]; s[$1 " " $2, k] = $3 }
	END {
		for (i = 1; i <= seen[a] && i <= seen[b]; i++)
			v[i] = s[a, i] / s[b, i]
		n = i - 1
		for (i = 2; i <= n; i++)	# a few rounds: insertion
			for (k = i; k > 1 && v[k - 1] > v[k]; k--) {
				t = v[k]; v[k] = v[k - 1]; v[k - 1] = t
			}
		if (n > 0)
			printf "%.2f %.2f %.2f\n", v[mid], v[1], v[n]
	}' "$work/rounds"
}
# " (round by round: MEDIAN, from LEAST to GREATEST)" of paired's output,
# when there is more than one round
by_round() {
	[ "$rounds" -gt 1 ] || return 0
	paired "$@" | awk '{ printf " (round by round: %.2fx, from %.2fx to %.2fx)", $1, $2, $3 }'
}
for j in 1 2; do
	for t in sitegen $hugo baseline files spin; do
		grep "^$j $t " "$work/rounds" | cut -d' ' -f2- | sort -k2 -n |
		    sed -n "$(( (rounds + 1) / 2 ))p"
	done > "$work/median-$j"
	rb=$(by_round "$j" sitegen "$j" baseline)
	rh=
	[ -z "$hugo" ] || rh=$(by_round "$j" hugo "$j" sitegen)
	awk -v j="$j" -v n="$pages" -v rb="$rb" -v rh="$rh" '
	{ tool[NR] = $1; s[$1] = $2; m[$1] = $3; c[$1] = $4 }
	END {
		for (i = 1; i <= NR; i++) {
			t = tool[i]
			if (t == "spin")
				continue
			r = ""
			if (t == "hugo")
				r = sprintf("sitegen is %.2fx its pages/s%s", s[t] / s["sitegen"], rh)
			if (t == "baseline")
				r = sprintf("sitegen takes %.2fx its time%s", s["sitegen"] / s[t], rb)
			if (t == "files")
				r = sprintf("%.0f%% of sitegen time", 100 * s[t] / s["sitegen"])
			printf "%-6d %-9s %9.0f %8.3f %8.2f %8.1f  %s\n", j, t, n / s[t], s[t], c[t], m[t] / 1024, r
		}
	}' "$work/median-$j"
done
# what a second core gave, in the same rounds: the baseline (parsing and
# writing files), and spin.c (arithmetic alone, sharing nothing), the
# most any program could gain from it on this machine then; of the
# medians, then round by round
awk '{ if (NR == FNR) one[$1] = $2; else two[$1] = $2 }
END { printf "sitegen --jobs 2 is %.2fx as fast as --jobs 1 (the baseline: %.2fx; arithmetic alone, the machine'"'"'s ceiling: %.2fx)",
    one["sitegen"] / two["sitegen"], one["baseline"] / two["baseline"],
    one["spin"] / two["spin"] }' "$work/median-1" "$work/median-2"
if [ "$rounds" -gt 1 ]; then
	printf '; round by round %s\n' "$(paired 1 sitegen 2 sitegen |
	    awk -v b="$(paired 1 baseline 2 baseline)" \
	    -v s="$(paired 1 spin 2 spin)" '{ split(b, x, " "); split(s, y, " ")
	    printf "%.2fx, from %.2fx to %.2fx (the baseline: %.2fx; arithmetic alone: %.2fx)", $1, $2, $3, x[1], y[1] }')"
else
	echo
fi
