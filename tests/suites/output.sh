#!/bin/sh
# tests/suites/output.sh SITEGEN: the output directory across builds. A
# rebuild puts the new output in place at once and has the old one
# removed by a process of its own, which must finish: nothing of the old
# output may be left beside the new one. Prints one "ok NAME" or
# "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"

# a site of 200 pages, so that removing its output takes a moment
site="$work/site"
mkdir -p "$site/content/s" "$site/templates"
printf 'title: t\ntheme: ""\n' > "$site/site.yml"
printf '<%%- content %%>\n' > "$site/templates/page.html"
cp "$site/templates/page.html" "$site/templates/index.html"
cp "$site/templates/page.html" "$site/templates/section.html"
printf -- '---\ntitle: Home\n---\nHome.\n' > "$site/content/_index.md"
i=0
while [ $i -lt 200 ]; do
	printf -- '---\ntitle: P%d\n---\nPage %d.\n' $i $i > "$site/content/s/p$i.md"
	i=$((i + 1))
done

# gone_within SECONDS: is nothing but public/ left in the site after at
# most SECONDS?
gone_within() {
	n=0
	while [ $n -lt $(($1 * 10)) ]; do
		left=$(ls -d "$site"/public.* 2> /dev/null)
		[ -z "$left" ] && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

if "$sg" --root "$site" --quiet build && "$sg" --root "$site" --quiet build &&
    [ -f "$site/public/s/p199/index.html" ]; then
	ok "rebuild: the new output is in place"
else
	fail "rebuild: the new output is in place"
fi
if gone_within 20; then
	ok "rebuild: the old output is removed"
else
	fail "rebuild: the old output is removed" "$(ls -d "$site"/public.*)"
fi
# a page that went away between builds is gone from the output too
rm "$site/content/s/p7.md"
"$sg" --root "$site" --quiet build
if [ ! -e "$site/public/s/p7" ] && [ -f "$site/public/s/p8/index.html" ] &&
    gone_within 20; then
	ok "rebuild: a removed page leaves the output"
else
	fail "rebuild: a removed page leaves the output"
fi
