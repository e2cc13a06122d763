#!/bin/sh
# tests/suites/serve_browser.sh SITEGEN: sitegen serve in headless
# Chromium (serve_browser.js): an edit of a page's Markdown reloads the
# open page by itself with the new text; a Sass edit swaps the style
# sheet without a reload. Skipped with a notice without Chromium or Node,
# except in CI. Prints "ok NAME"/"FAIL NAME".
set -u
sg=$1
case $sg in /*) ;; *) sg=$(pwd)/$sg ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib/browser.sh"
need_browser serve-browser
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
. "$(dirname "$0")/lib/serve.sh"

s=$work/site
mkdir -p "$s/content/guide" "$s/themes"
cp -R "$top/themes/default" "$s/themes/default"
printf 'title: Browser\nbase_url: https://example.org/docs/\ntheme: default\nhandouts: []\n' > "$s/site.yml"
printf -- '---\ntitle: Home\n---\nThe home page.\n' > "$s/content/_index.md"
printf -- '---\ntitle: Guide\n---\nThe guide.\n' > "$s/content/guide/_index.md"
printf -- '---\ntitle: Page\n---\nFirst paragraph.\n\nBefore the edit.\n' > "$s/content/guide/page.md"

serve_start "$s" "$work/log" 200
if [ -z "$port" ]; then
	echo "FAIL browser: serve starts"
	cat "$work/log" | sed 's/^/    /'
	exit 0
fi
"$node" --experimental-websocket --no-warnings "$top/tests/suites/serve_browser.js" "$chromium" \
    "http://127.0.0.1:$port/docs/guide/page/" "$s/content/guide/page.md" \
    "$s/themes/default/scss/_palette.scss" ||
    sed 's/^/    serve: /' "$work/log"
exit 0
