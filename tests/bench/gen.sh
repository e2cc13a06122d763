#!/bin/sh
# gen.sh DIR PAGES [SECTIONS]: writes a synthetic documentation site of
# PAGES pages (about 6 KB of Markdown each) in SECTIONS sections, using the
# default theme of this repository, for the benchmarks.
set -eu
dir=${1:-}
pages=${2:-}
sections=${3:-100}
# whole numbers above 0: awk would take any other PAGES as a string that
# every page number is below, and write pages until the disk is full
for n in "$pages" "$sections"; do
	case $n in
	'' | *[!0-9]*) ok=0 ;;
	*) [ "$n" -gt 0 ] 2> /dev/null && ok=1 || ok=0 ;;
	esac
	if [ "$ok" = 0 ] || [ -z "$dir" ]; then
		echo "gen.sh: DIR PAGES [SECTIONS]: PAGES and SECTIONS are whole numbers above 0 (got '$pages' '$sections')" >&2
		exit 2
	fi
done
top=$(cd "$(dirname "$0")/../.." && pwd)
# DIR is replaced only when gen.sh made it (its mark is there) or it is
# empty: a folder of someone's own given by mistake is left alone
if [ -L "$dir" ] || { [ -e "$dir" ] && [ ! -e "$dir/.gen-bench" ] &&
    [ -n "$(ls -A "$dir" 2> /dev/null)" ]; } ||
    { [ -e "$dir" ] && [ ! -d "$dir" ]; }; then
	echo "gen.sh: $dir holds files gen.sh did not write: give it a new folder" >&2
	exit 2
fi
rm -rf "$dir"
mkdir -p "$dir/content" "$dir/themes"
: > "$dir/.gen-bench"
cp -R "$top/themes/default" "$dir/themes/default"
# no handouts: the site benchmark times the HTML (the default, one PDF of
# the whole site, is timed by tests/bench/pdf.sh)
printf 'title: Benchmark\nbase_url: https://example.org/docs/\ntheme: default\nhandouts: []\n' > "$dir/site.yml"
printf -- '---\ntitle: Home\n---\nThe benchmark site.\n' > "$dir/content/_index.md"
awk -v dir="$dir/content" -v pages="$pages" -v sections="$sections" '
function para(n,   s, i) {
	s = ""
	for (i = 0; i < n; i++)
		s = s words[(i * 7 + n) % nw] " "
	return s
}
BEGIN {
	nw = split("lambda function invocation timeout recursion state cache " \
	    "retry queue event handler memory concurrency security policy " \
	    "permission role bucket object request response latency cold warm " \
	    "container deploy stage account budget invoke error", words, " ")
	for (s = 0; s < sections; s++) {
		d = sprintf("%s/section-%03d", dir, s)
		system("mkdir -p " d)
		f = d "/_index.md"
		printf "---\ntitle: Section %d\nweight: %d\n---\nAbout section %d.\n", s, s, s > f
		close(f)
	}
	for (p = 0; p < pages; p++) {
		s = p % sections
		f = sprintf("%s/section-%03d/page-%05d.md", dir, s, p)
		printf "---\ntitle: Page %d\ndescription: Page %d of the benchmark.\nweight: %d\ntags: [t%d, common]\n---\n\n", p, p, p, p % 20 > f
		for (h = 0; h < 8; h++) {
			printf "## Heading %d of page %d\n\n%s\n\n", h, p, para(60) > f
			printf "- %s\n- %s\n- [a link](page-%05d.md#heading-1-of-page-%d)\n\n", para(8), para(9), p, p > f
			if (h % 3 == 0)
				printf "```c ignore\nint main(void) { return %d; }\n```\n\n", h > f
			if (h % 4 == 1)
				printf "| a | b |\n| - | - |\n| %d | %s |\n\n> [!NOTE]\n> %s\n\n", h, para(3), para(20) > f
		}
		close(f)
	}
}'
