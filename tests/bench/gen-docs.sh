#!/bin/sh
# gen-docs.sh DIR PAGES: writes a documentation tree shaped like those
# kept on GitHub, for tests and benchmarks: PAGES pages in one flat
# folder, no front matter, an <a name="…"></a> line before each heading,
# links written other-page.md#anchor, some pages opening with an HTML
# comment, C fragments that are not programs, and an index.md whose
# nested "Contents" list (three levels) is the navigation (nav: index.md).
# The list names every page; the sidebar must follow it.
set -eu
dir=$1
pages=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$dir"
mkdir -p "$dir/content" "$dir/themes"
cp -R "$top/themes/default" "$dir/themes/default"
cat > "$dir/site.yml" <<'YML'
title: Developer guide
base_url: https://example.org/guide/
theme: default
nav: index.md
samples:
  mode: show
YML
awk -v dir="$dir/content" -v pages="$pages" '
function para(n, seed,   s, i) {
	s = ""
	for (i = 0; i < n; i++)
		s = s words[(i * 7 + seed) % nw] " "
	return s
}
function name(p) { return sprintf("topic-%03d", p) }
BEGIN {
	nw = split("lambda function invocation timeout recursion state cache " \
	    "retry queue event handler memory concurrency security policy " \
	    "permission role bucket object request response latency cold warm " \
	    "container deploy stage account budget invoke error", words, " ")
	for (p = 0; p < pages; p++) {
		f = dir "/" name(p) ".md"
		if (p % 5 == 0)
			printf "<!-- Source of the page %s; edit here. -->\n\n", name(p) > f
		printf "<a name=\"%s\"></a>\n# Topic %d: %s\n\n%s\n\n", name(p), p,
		    words[p % nw + 1], para(40, p) > f
		for (h = 1; h <= 4; h++) {
			printf "<a name=\"%s-s%d\"></a>\n## Part %d of topic %d\n\n", name(p), h, h, p > f
			printf "%s\n\n", para(50, p + h) > f
			q = (p * 7 + h * 13) % pages
			printf "- See [%s, part %d](%s.md#%s-s%d).\n", name(q), h % 4 + 1, name(q), name(q), h % 4 + 1 > f
			printf "- Back to [the start](#%s) or [the contents](index.md#contents).\n\n", name(p) > f
		}
		printf "```c\nint handler(struct event *e);\n```\n\n" > f
		close(f)
	}
	f = dir "/index.md"
	printf "# Developer guide\n\nThe guide to everything.\n\n## Contents\n\n" > f
	for (p = 0; p < pages; p++) {
		depth = (p % 10 == 0) ? 0 : (p % 10 < 6) ? 1 : 2
		printf "%*s- [Topic %d](%s.md)\n", depth * 2, "", p, name(p) > f
	}
	close(f)
}'
