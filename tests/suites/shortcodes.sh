#!/bin/sh
# tests/suites/shortcodes.sh SITEGEN: shortcodes with the default theme:
# its figure and note in a page, in a slide deck and in the handout PDF;
# sitegen check passes; the output does not depend on --jobs.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/serve.sh"
tmp=$work
top=$(pwd)

site=$tmp/site
mkdir -p "$site/content/talks" "$site/themes" "$site/static/img"
ln -s "$top/themes/default" "$site/themes/default"
printf 'title: Shortcodes\nbase_url: https://example.org/sc/\ntheme: default\n' \
    > "$site/site.yml"
cp "$top/themes/default/static/favicon.svg" "$site/static/img/a.svg" 2>/dev/null ||
    printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$site/static/img/a.svg"
cat > "$site/content/index.md" <<'MD'
# Home

Some text first.

{{< figure src="/img/a.svg" alt="A diagram" caption="How it fits" width=320 height=200 >}}

{{< note warning title="Mind the cold start" >}}
Inner words with **emphasis** and a [link](talks/deck.md).
{{< /note >}}

{{< note >}}
Plain note.
{{< /note >}}
MD
cat > "$site/content/talks/deck.md" <<'MD'
---
title: Deck
slides: true
---
# Deck

{{< note tip >}}
Slide note words.
{{< /note >}}

---

## Second

{{< figure src="/img/a.svg" alt="Again" >}}
MD

out=$tmp/out
if msg=$("$sg" --root "$site" --out "$out" --quiet --jobs 2 build 2>&1); then
	ok "shortcodes: default theme site builds"
else
	fail "shortcodes: default theme site builds" "$msg"
fi
page=$out/index.html
if grep -q '<img src="/sc/img/a.svg" alt="A diagram" width="320" height="200" loading="lazy" />' "$page" &&
    grep -q '<figcaption>How it fits</figcaption>' "$page"; then
	ok "shortcodes: figure with src, alt, caption, width, height"
else
	fail "shortcodes: figure with src, alt, caption, width, height" "$(grep -n 'figure\|img' "$page")"
fi
if grep -q '<div class="admonition warning">' "$page" &&
    grep -q '<p class="admonition-title">Mind the cold start</p>' "$page" &&
    grep -q '<p>Inner words with <strong>emphasis</strong> and a <a href="/sc/talks/deck/">link</a>.</p>' "$page" &&
    grep -q '<p class="admonition-title">Note</p>' "$page"; then
	ok "shortcodes: note with its kind, title and inner Markdown"
else
	fail "shortcodes: note with its kind, title and inner Markdown" "$(grep -n -A3 'admonition' "$page")"
fi
deck=$out/slides/deck/index.html
if [ -f "$deck" ] && grep -q '<div class="admonition tip">' "$deck" &&
    grep -q 'Slide note words' "$deck" && grep -q 'alt="Again"' "$deck"; then
	ok "shortcodes: expanded in the HTML slide deck"
else
	fail "shortcodes: expanded in the HTML slide deck" "$(ls "$out/slides" 2>&1)"
fi
pdf=$(ls "$out"/handouts/*.pdf 2>/dev/null | head -1)
if [ -n "$pdf" ] && pdftotext "$pdf" - 2>/dev/null | grep -q 'Inner words with emphasis'; then
	ok "shortcodes: the handout PDF shows the inner text"
else
	fail "shortcodes: the handout PDF shows the inner text" "$pdf"
fi
if [ -n "$pdf" ] && pdftotext "$pdf" - 2>/dev/null | grep -q 'How it fits'; then
	ok "shortcodes: the handout PDF shows the text of a call without inner text"
else
	fail "shortcodes: the handout PDF shows the text of a call without inner text" "$(pdftotext "$pdf" - 2>&1 | head -20)"
fi
if msg=$("$sg" --root "$site" --quiet check 2>&1); then
	ok "shortcodes: sitegen check passes"
else
	fail "shortcodes: sitegen check passes" "$msg"
fi
"$sg" --root "$site" --out "$tmp/one" --quiet --jobs 1 build > /dev/null 2>&1
if d=$(diff -r -x handouts -x '*.pdf' "$out" "$tmp/one" 2>&1); then
	ok "shortcodes: same output with --jobs 1 and 2"
else
	fail "shortcodes: same output with --jobs 1 and 2" "$d"
fi

# sitegen serve: an edit of a shortcode's template shows on the next request
srv=$tmp/srv
mkdir -p "$srv/content" "$srv/templates/shortcodes"
printf 'title: t\ntheme: ""\n' > "$srv/site.yml"
for t in page index section; do printf '<%%- content %%>\n' > "$srv/templates/$t.html"; done
printf '<b>one <%%= args[1] %%></b>\n' > "$srv/templates/shortcodes/mark.html"
printf '# Home\n\nSay {{< mark hi >}} now.\n' > "$srv/content/_index.md"
serve_start "$srv" "$tmp/serve.log" 60
first=$(curl -s -m 5 "http://127.0.0.1:$port/")
printf '<i>two <%%= args[1] %%></i>\n' > "$srv/templates/shortcodes/mark.html"
i=0
while ! curl -s -m 5 "http://127.0.0.1:$port/" | grep -q '<i>two hi</i>' && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
second=$(curl -s -m 5 "http://127.0.0.1:$port/")
kill -INT $pid 2>/dev/null
wait $pid 2>/dev/null
if printf '%s' "$first" | grep -q '<p>Say <b>one hi</b> now.</p>' &&
    printf '%s' "$second" | grep -q '<p>Say <i>two hi</i> now.</p>'; then
	ok "shortcodes: serve rebuilds on an edit of a shortcode template"
else
	fail "shortcodes: serve rebuilds on an edit of a shortcode template" "$(cat "$tmp/serve.log"; printf '%s\n%s' "$first" "$second")"
fi
