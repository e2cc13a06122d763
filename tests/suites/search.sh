#!/bin/sh
# tests/suites/search.sh SITEGEN: the search index and the search box.
# Builds this guide, checks the index files, then serves the site over
# HTTP on 127.0.0.1 (at the root and under a sub-path) and types queries
# into the box in headless Chromium (search_browser.js, over the DevTools
# protocol). Prints "ok NAME" / "FAIL NAME" lines. Without Chromium or
# Node the browser cases are skipped, with a notice, except in CI, where
# they fail (./build.sh test installs both).
set -u
sg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -20; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2> /dev/null)
[ -n "$port" ] || port=18431
if ! msg=$("$sg" --root "$top" --out "$tmp/root" --base-url "http://127.0.0.1:$port/" \
    --quiet build 2>&1); then
	fail "search: this guide builds" "$msg"
	exit 1
fi
mkdir -p "$tmp/subroot"
if ! msg=$("$sg" --root "$top" --out "$tmp/subroot/sub" \
    --base-url "http://127.0.0.1:$port/sub/" --quiet build 2>&1); then
	fail "search: this guide builds under a sub-path" "$msg"
	exit 1
fi

# ---- the index files ----
s="$tmp/root/search"
# the page fragments: one file for each group of pages, no more
npages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' "$s/index.json" 2> /dev/null)
group=$(sed -n 's/.*"group":\([0-9]*\).*/\1/p' "$s/index.json" 2> /dev/null)
nfrag=$(( (${npages:-0} + ${group:-1} - 1) / ${group:-1} ))
if [ -f "$s/index.json" ] && grep -q '"stemmed":true' "$s/index.json" &&
    [ -f "$s/s/de.json" ] && [ "$nfrag" -gt 0 ] &&
    [ -f "$s/p/$((nfrag - 1)).json" ] && [ ! -f "$s/p/$nfrag.json" ]; then
	ok "search: index.json, word shards and page fragments are written"
else
	fail "search: index.json, word shards and page fragments are written" "$(ls -R "$s" 2>&1 | head)"
fi
if grep -q '"idempot":\[' "$s/s/id.json" 2> /dev/null &&
    grep -q '"~ent"' "$s/s/id.json" && grep -q '"~ency"' "$s/s/id.json"; then
	ok "search: 'idempotent' and 'idempotency' share one stem"
else
	fail "search: 'idempotent' and 'idempotency' share one stem"
fi
if grep -rq '"u":"/sub/' "$tmp/subroot/sub/search/p" && ! grep -rq '"u":"/security' "$tmp/subroot/sub/search/p"; then
	ok "search: fragments carry the sub-path in their URLs"
else
	fail "search: fragments carry the sub-path in their URLs"
fi
# a page that opts out, and a draft, are not in the index
mkdir -p "$tmp/opt/content" "$tmp/opt/templates"
printf 'title: t\nbase_url: /\ntheme: ""\n' > "$tmp/opt/site.yml"
for t in page index section; do
	printf '<%%- content %%>\n' > "$tmp/opt/templates/$t.html"
done
printf -- '---\ntitle: Home\n---\nWelcome.\n' > "$tmp/opt/content/_index.md"
printf -- '---\ntitle: Secret\nsearch: false\n---\nZanzibarword.\n' > "$tmp/opt/content/secret.md"
printf -- '---\ntitle: Draft\ndraft: true\n---\nQuokkaword.\n' > "$tmp/opt/content/draft.md"
printf -- '---\ntitle: Open\n---\nAardvarkword.\n' > "$tmp/opt/content/open.md"
if "$sg" --root "$tmp/opt" --quiet --drafts build > /dev/null 2>&1 &&
    grep -rq 'aardvarkword' "$tmp/opt/public/search" &&
    ! grep -rq 'zanzibarword\|Secret' "$tmp/opt/public/search" &&
    ! grep -rq 'quokkaword' "$tmp/opt/public/search"; then
	ok "search: 'search: false' and drafts stay out of the index"
else
	fail "search: 'search: false' and drafts stay out of the index"
fi
printf -- '---\ntitle: Secret\nsearch: no\n---\nZanzibarword.\n' > "$tmp/opt/content/secret.md"
got=$("$sg" --root "$tmp/opt" --quiet build 2>&1)
if [ $? -eq 1 ] && [ "$got" = "content/secret.md:3:9: error: front matter 'search' must be true or false, not a string" ]; then
	ok "search: 'search: no' is an error at its line"
else
	fail "search: 'search: no' is an error at its line" "$got"
fi

# ---- ranking, in Node ----
r="$tmp/rank"
mkdir -p "$r/content" "$r/templates"
printf 'title: t\nbase_url: /\ntheme: ""\n' > "$r/site.yml"
for t in page index section; do
	printf '<%%- content %%>\n' > "$r/templates/$t.html"
done
printf -- '---\ntitle: Home\n---\nWelcome.\n' > "$r/content/_index.md"
printf -- '---\ntitle: Throttling\n---\nWhat the service does when it is busy.\n' > "$r/content/throttling.md"
cat > "$r/content/body.md" << 'EOT'
---
title: Limits
---
Throttling and throttling again: throttling is mentioned here many times,
throttling, throttling.

## Exponential backoff

Wait longer each time.

## Bursts

A burst of requests meets throttling; a semaphore keeps it in check.

## Café society

Coffee.
EOT
cat > "$r/content/code.md" << 'EOT'
---
title: Handlers
---
Run twice, pay once: idempotency keys. A handler that runs twice must
give the same result both times, which takes a record of the requests it
has already seen and a way to tell a new one from an old one, here.

```sh
semaphore semaphore
```
EOT
# scripts written without spaces, whose words are found as pairs of
# characters: Japanese (with a word of Latin inside) and Thai
cat > "$r/content/ja.md" << 'EOT'
---
title: 関数
---
Lambda関数はイベントを受け取ります。

## 検索機能

サイトの検索機能は日本語の文も見つけます。

データは**保存**されます。
EOT
# a word that inline markup splits is one word, as a reader sees it
printf -- '---\ntitle: Markup\n---\nA word split by markup: Ze*phyrquill*ion.\n' > "$r/content/markup.md"
cat > "$r/content/th.md" << 'EOT'
---
title: ไทย
---
ฟังก์ชันทำงานเมื่อมีเหตุการณ์เข้ามา
EOT
# a long text in Han makes many different pairs: their shards are keyed by
# one character (a Latin word's by two letters), or each pair got a file
# of its own: 2,500 pairs of 50 characters were 2,500 shard files
hs="$tmp/han"
mkdir -p "$hs/content" "$hs/templates"
printf 'title: t\nbase_url: /\ntheme: ""\n' > "$hs/site.yml"
for t in page index section; do
	printf '<%%- content %%>\n' > "$hs/templates/$t.html"
done
python3 -c 'import random
random.seed(7)
han = [chr(0x4E00 + 37 * i) for i in range(50)]
print("---\ntitle: Han\n---\n")
for _ in range(200):
	print("".join(random.choice(han) for _ in range(100)) + "\n")' > "$hs/content/_index.md"
if "$sg" --root "$hs" --quiet build > /dev/null 2>&1; then
	n=$(ls "$hs/public/search/s" | wc -l)
	if [ "$n" -le 60 ]; then ok "search: pairs of Han characters share shards by their first character ($n files)"
	else fail "search: pairs of Han characters share shards by their first character" "$n shard files for 50 leading characters"; fi
else
	fail "search: the Han site builds"
fi
if "$sg" --root "$r" --quiet build > /dev/null 2>&1; then
	if command -v node > /dev/null 2>&1; then
		node "$top/tests/suites/search_rank.js" "$top/themes/default/static/js/search.js" "$r/public/search"
	elif [ -n "${CI:-}" ]; then
		fail "search ranking: Node is installed (./build.sh test installs it)"
	else
		echo "search.sh: notice: node is missing; the ranking cases are skipped" >&2
	fi
else
	fail "search ranking: the ranking site builds"
fi

# ---- in the browser ----
. "$(dirname "$0")/lib/browser.sh"
need_browser search
mkdir -p "$tmp/www"
# one server, two sites: / is the root build, /sub/ the sub-path build
cp -R "$tmp/root/." "$tmp/www/"
cp -R "$tmp/subroot/sub" "$tmp/www/sub"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/www" > /dev/null 2>&1 &
server=$!
for i in $(seq 50); do
	python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/search/index.json')" 2> /dev/null && break
	sleep 0.1
done
"$node" --experimental-websocket --no-warnings "$top/tests/suites/search_browser.js" "$chromium" \
    "http://127.0.0.1:$port/recursion/" / "search: "
"$node" --experimental-websocket --no-warnings "$top/tests/suites/search_browser.js" "$chromium" \
    "http://127.0.0.1:$port/sub/recursion/" /sub/ "search under /sub/: "
exit 0
