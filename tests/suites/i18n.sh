#!/bin/sh
# tests/suites/i18n.sh SITEGEN: the words a reader sees in the site's
# language (i18n/LANG.yml of the site, then of the theme, for LANG, its
# first part, then en).
#
#   - a Japanese site made by `sitegen init`: every page kind shows the
#     theme's words in Japanese, and no English one is left; the words
#     sitegen writes itself (alerts, heading links, footnotes) too;
#   - German dates name the month in German;
#   - a site's own i18n/ file wins over the theme's, key by key; pt-BR
#     reads pt.yml; a language without a file falls back to English;
#   - i18n(key, vars) in a template: forms by count, {name} filled in;
#   - wrong files and a missing key are errors at their file:line:col;
#   - in Chromium, the scripts' words (search results, the copy button)
#     come from the page.
# Prints "ok NAME" / "FAIL NAME" lines.
. "$(dirname "$0")/lib/common.sh"
top=$(pwd)

# ---- a Japanese site ----------------------------------------------------
ja=$work/ja
"$sg" init "$ja" > /dev/null 2>&1
sed -i 's/^language:.*/language: ja/; s|^base_url:.*|base_url: https://example.org/|' "$ja/site.yml"
grep -q '^language: ja' "$ja/site.yml" || echo 'language: ja' >> "$ja/site.yml"
printf 'taxonomies:\n  tag: tags\n  category: categories\n' >> "$ja/site.yml"
cat > "$ja/content/getting-started.md" << 'EOT'
---
title: はじめに
date: 2026-12-01
tags: [入門]
---
# はじめに

> [!NOTE]
> 関数は短く保ちます。

## 準備

本文です。[^1]

## 実行

```sh
sitegen build
```

[^1]: 脚注です。
EOT
printf -- '---\ntitle: 次のページ\n---\n本文。\n' > "$ja/content/next.md"
printf -- '---\ntitle: デッキ\nslides: true\n---\n\n# 一枚目\n\n<!-- 話すこと -->\n\n---\n\n## 二枚目\n\n---\n\n見出しのない一枚。\n' > "$ja/content/deck.md"
mkdir -p "$ja/content/guide"
printf -- '---\ntitle: ガイド\n---\n' > "$ja/content/guide/_index.md"
printf -- '---\ntitle: 一\n---\n一。\n' > "$ja/content/guide/one.md"
got=$(cd "$ja" && "$sg" --quiet build 2>&1)
check "i18n: a Japanese site builds" $? "$got"
p=$ja/public/getting-started/index.html
for want in '<time datetime="2026-12-01">2026年12月1日</time>' '1 分で読めます' \
    '<span class="pager-label">次へ</span>' '<summary>このページの内容</summary>' \
    '<p class="admonition-title">注記</p>' 'aria-label="「準備」へのリンク"' \
    '<h2 class="visually-hidden">脚注</h2>' 'aria-label="本文に戻る"' \
    '本文へスキップ' 'placeholder="検索"' 'data-text-none="「{query}」に一致する結果はありません"' \
    'data-text-copy="コピー"' 'に sitegen で作成'; do
	if grep -qF -- "$want" "$p"; then ok "i18n: the page shows $want"
	else fail "i18n: the page shows $want"; fi
done
# no English word of the theme or of sitegen is left on any page
# (the names of taxonomies, Tags and Categories, are the site's own)
english='Skip to the content|>Menu<|"Menu"|Search the site|"Search"|Search results|No results|>Feed<|>Home<|Breadcrumbs|On this page|"Contents"|>Contents<|>Previous<|>Next<|min read|Start reading|In this section|>Sections<|Built with|Atom feed|>Sitemap<|Page not found|Error 404|Go to the home page|>Note<|Link to the section|Footnotes|Back to content|data-text-copy="Copy"|Copied|Copying failed|scrolls sideways|Press Ctrl|Tagged|Most used|All [0-9]|[0-9] pages?<|"Site"|Close the menu|Previous and next|No page has'
left=$(cd "$ja/public" && grep -rlE "$english" --include='*.html' . | sort)
same "i18n: no English word is left on a Japanese site's pages" "$left" ""
[ -z "$left" ] || fail "i18n: the English left" "$(cd "$ja/public" && grep -rhoE "$english" --include='*.html' . | sort | uniq -c)"
if grep -qF '<p class="card-meta">1 ページ</p>' "$ja/public/index.html"; then
	ok "i18n: a section's card counts its pages in Japanese"
else
	fail "i18n: a section's card counts its pages in Japanese"
fi
if grep -qF '<h1>Tag「入門」</h1>' "$ja/public/tags/入門/index.html"; then
	ok "i18n: a term page's title"
else
	fail "i18n: a term page's title"
fi
if grep -qF '<p>categoriesを持つページはまだありません。ページのフロントマターに <code>categories: [name]</code> と書いてください。</p>' \
    "$ja/public/categories/index.html"; then
	ok "i18n: an empty taxonomy's list says so, its example in place"
else
	fail "i18n: an empty taxonomy's list says so, its example in place" \
	    "$(grep -A4 'article-header' "$ja/public/categories/index.html")"
fi

# the PDFs say it too: the handout's page footers, the notes PDF's
# headings, its outline and an empty note, the HTML deck's slide labels
if command -v pdftotext > /dev/null 2>&1; then
	got=$(pdftotext "$ja/public/handouts/guide.pdf" - 2>&1; pdftotext "$ja/public/slides/deck-notes.pdf" - 2>&1)
	if printf '%s' "$got" | grep -q 'ページ' && printf '%s' "$got" | grep -q 'スライド 1 / 3' &&
	    printf '%s' "$got" | grep -q 'ノートなし' &&
	    ! printf '%s' "$got" | grep -q 'page [0-9]* of\|Slide [0-9]\|no notes'; then
		ok "i18n: the handout's footers and the notes PDF in Japanese"
	else
		fail "i18n: the handout's footers and the notes PDF in Japanese" \
		    "$(printf '%s' "$got" | grep -i 'page\|slide\|notes\|ページ\|スライド')"
	fi
	# a slide without a heading is named by its number in the outline
	got=$(qpdf --json --json-key=outlines "$ja/public/slides/deck.pdf" 2>&1 |
	    grep '"title"')
	if printf '%s' "$got" | grep -q '"スライド 3"' &&
	    ! printf '%s' "$got" | grep -q 'Slide'; then
		ok "i18n: the deck PDF's outline in Japanese"
	else
		fail "i18n: the deck PDF's outline in Japanese" "$got"
	fi
elif [ -n "${CI:-}" ]; then
	fail "i18n: pdftotext is installed (./build.sh test installs it)"
fi
if grep -q 'aria-label="スライド 1 / 3"' "$ja/public/slides/deck/index.html" &&
    ! grep -q 'aria-label="Slide' "$ja/public/slides/deck/index.html"; then
	ok "i18n: the HTML deck labels its slides in Japanese"
else
	fail "i18n: the HTML deck labels its slides in Japanese" \
	    "$(grep -o 'aria-label="[^"]*"' "$ja/public/slides/deck/index.html" | sort -u)"
fi

# ---- German dates -------------------------------------------------------
de=$work/de
cp -R "$ja" "$de"
rm -rf "$de/public"
sed -i 's/^language:.*/language: de/' "$de/site.yml"
(cd "$de" && "$sg" --quiet build > /dev/null 2>&1)
if grep -qF '<time datetime="2026-12-01">1. Dezember 2026</time>' "$de/public/getting-started/index.html"; then
	ok "i18n: a German date names the month in German"
else
	fail "i18n: a German date names the month in German" \
	    "$(grep -o '<time[^/]*</time>' "$de/public/getting-started/index.html")"
fi

# ---- the site's own words, and the fallbacks ----------------------------
mkdir -p "$ja/i18n"
printf 'next: つぎ\n' > "$ja/i18n/ja.yml"
(cd "$ja" && "$sg" --quiet build > /dev/null 2>&1)
if grep -qF '<span class="pager-label">つぎ</span>' "$p" &&
    grep -qF '<span class="pager-label">前へ</span>' "$p"; then
	ok "i18n: the site's i18n/ja.yml wins over the theme's, key by key"
else
	fail "i18n: the site's i18n/ja.yml wins over the theme's, key by key" \
	    "$(grep -o 'pager-label">[^<]*' "$p")"
fi
pt=$work/pt
cp -R "$ja" "$pt"
rm -rf "$pt/public" "$pt/i18n/ja.yml"
sed -i 's/^language:.*/language: pt-BR/' "$pt/site.yml"
printf 'next: Próximo\n' > "$pt/i18n/pt.yml"
(cd "$pt" && "$sg" --quiet build > /dev/null 2>&1)
q=$pt/public/getting-started/index.html
if grep -qF '<span class="pager-label">Próximo</span>' "$q" &&
    grep -qF '<summary>On this page</summary>' "$q" &&
    grep -qF '<html lang="pt-BR">' "$q"; then
	ok "i18n: pt-BR reads i18n/pt.yml, then English"
else
	fail "i18n: pt-BR reads i18n/pt.yml, then English"
fi
# every file the lookup may read at once: pt-br, pt and en, .yml and
# .yaml, in the site's i18n/ and the theme's (twelve)
for d in "$pt/i18n" "$pt/themes/default/i18n"; do
	for l in pt-br pt en; do
		for e in yml yaml; do
			[ -e "$d/$l.$e" ] || printf 'previous: %s %s\n' "$l" "$e" > "$d/$l.$e"
		done
	done
done
printf 'next: Próximo\n' > "$pt/i18n/pt.yml"
printf 'next: Seguinte\nprevious: Anterior\n' > "$pt/i18n/pt-br.yml"
rm -rf "$pt/public"
o=$(cd "$pt" && "$sg" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && grep -qF '<span class="pager-label">Seguinte</span>' "$q" &&
    grep -qF '<span class="pager-label">Anterior</span>' "$q"; then
	ok "i18n: twelve files of one language's lookup, the site's pt-br.yml first"
else
	fail "i18n: twelve files of one language's lookup, the site's pt-br.yml first" \
	    "exit $st: $o $(grep -o 'pager-label">[^<]*' "$q" 2>&1)"
fi

# ---- i18n() in a template -----------------------------------------------
t=$work/tmpl
mkdir -p "$t/content" "$t/templates" "$t/i18n"
printf 'title: t\ntheme: ""\nlanguage: xx\n' > "$t/site.yml"
cat > "$t/i18n/en.yml" << 'EOT'
apples:
  zero: no apples
  one: "{count} apple"
  other: "{count} apples"
hello: Hello, {name}, {who}
plain: 42
EOT
cat > "$t/templates/index.html" << 'EOT'
<%= i18n("apples", 0) %>|<%= i18n("apples", 1) %>|<%= i18n("apples", 7) %>|<%= i18n("apples", { form = 2 }) %>|<%= i18n("hello", { name = "Ann" }) %>|<%= i18n("plain") %>|<%= i18n("apples", { count = 3, name = "x" }) %>
EOT
printf '# Home\n' > "$t/content/_index.md"
got=$(cd "$t" && "$sg" --quiet build 2>&1 && cat public/index.html)
same "i18n: forms by count, {name} filled in, the rest left" "$got" \
    "no apples|1 apple|7 apples|{count} apples|Hello, Ann, {who}|42|3 apples"

# ---- errors ---------------------------------------------------------------
err() {		# NAME FILE-TEXT WANT: i18n/en.yml of the template site
	printf '%s\n' "$2" > "$t/i18n/en.yml"
	got=$(cd "$t" && "$sg" --quiet build 2>&1)
	if [ $? -eq 1 ] && [ "$got" = "$3" ]; then ok "i18n: $1"
	else fail "i18n: $1" "$(printf 'got:\n%s\nwant:\n%s' "$got" "$3")"; fi
}
printf '<%%= i18n("nope") %%>\n' > "$t/templates/index.html"
err "a key no file has is an error at the template's line" 'plain: 1' \
    "templates/index.html:1:1: error: i18n('nope'): no such text in i18n/xx.yml or i18n/en.yml (while rendering content/_index.md)"
printf 'ok\n' > "$t/templates/index.html"
err "a list is neither a text nor texts by count" 'plain: 1
next: [a, b]' \
    "i18n/en.yml:2:7: error: 'next' must be a text, or texts by count (one: and other:), not a list"
err "a form that is not zero, one or other" 'n:
  one: a
  few: b
  other: c' \
    "i18n/en.yml:3:3: error: 'few' is not a form of 'n' by count: zero, one or other"
err "texts by count need other:" 'n:
  one: a' \
    "i18n/en.yml:2:3: error: 'n' has texts by count but no 'other:', the text for most counts"
err "months are twelve" 'months: [a, b]' \
    "i18n/en.yml:1:9: error: 'months' must be a list of the twelve months' names, January first"
err "a file that is a list" '- a' \
    "i18n/en.yml:1:1: error: the texts of a language must be a map of keys to texts, not a list"
rm -f "$t/i18n/en.yml"
ln -s /etc/hostname "$t/i18n/en.yml"
got=$(cd "$t" && "$sg" --quiet build 2>&1)
same "i18n: a link out of i18n/ is not read" "$got" \
    "i18n/en.yml: error: not read: the texts of a language are read from a regular file inside i18n/ (a symbolic link must lead to one)"
rm -f "$t/i18n/en.yml"
mkfifo "$t/i18n/en.yml"
got=$(cd "$t" && timeout 20 "$sg" --quiet build 2>&1)
case $got in
*"i18n/en.yml: error:"*) ok "i18n: a FIFO is an error, not a hang" ;;
*) fail "i18n: a FIFO is an error, not a hang" "$got" ;;
esac
rm -f "$t/i18n/en.yml"

# ---- in the browser -------------------------------------------------------
. "$(dirname "$0")/lib/browser.sh"
need_browser i18n
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$ja/public" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; rm -rf "$work"' EXIT
for i in $(seq 50); do
	python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2> /dev/null && break
	sleep 0.1
done
"$node" --experimental-websocket --no-warnings "$top/tests/suites/i18n_browser.js" "$chromium" \
    "http://127.0.0.1:$port/getting-started/" "i18n in the browser: "
exit 0
