#!/bin/sh
# tests/suites/ux.sh SITEGEN: what a newcomer from Hugo or mdBook meets
# first, through small sites written into a temporary directory: "did you
# mean" for commands and keys, errors that name where a value came from,
# static dotfiles, `new`, helpers, the Sass overrides file, data files,
# aliases, future-dated pages, shell completion and check's last line.
# Prints one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"

# site DIR: a two-page site without a theme in DIR.
site() {
	rm -rf "$1"
	mkdir -p "$1/content" "$1/templates"
	printf 'title: t\ntheme: ""\n' > "$1/site.yml"
	printf '<%%= site.title %%>\n<%%- content %%>\n' > "$1/templates/index.html"
	printf '<h1><%%= page.title %%></h1>\n<%%- content %%>\n' > "$1/templates/page.html"
	printf '<%%- content %%>\n' > "$1/templates/section.html"
	printf -- '---\ntitle: Home\n---\nHome.\n' > "$1/content/_index.md"
	printf -- '---\ntitle: A page\n---\nBody.\n' > "$1/content/page.md"
}

# ---- did you mean ------------------------------------------------------

got=$("$sg" buidl 2>&1)
status=$?
same "ux: an unknown command exits 2" "$status" 2
same "ux: an unknown command names the closest one, not the usage" "$got" \
    "sitegen: unknown command 'buidl': did you mean 'build'? (sitegen --help lists the commands)"
got=$("$sg" deploy 2>&1)
same "ux: an unknown command far from any lists them" "$got" \
    "sitegen: unknown command 'deploy': the commands are build, check, samples, serve, init, new and completion (sitegen --help says more)"

# An option of another command is a usage error, not silently ignored.
got=$(cd "$work" && "$sg" --port 5 build 2>&1 | head -1)
same "ux: --port with build is a usage error" "$got" \
    "sitegen: --bind, --port and --open go with serve"
got=$(cd "$work" && "$sg" --bless check 2>&1 | head -1)
same "ux: --bless with check is a usage error" "$got" \
    "sitegen: --bless and --export go with samples"
"$sg" --root "$work/nowhere" --export "$work/x" build > /dev/null 2>&1
same "ux: --export with build exits 2" "$?" 2

s=$work/typo
site "$s"
printf -- '---\ntitle: A page\nwieght: 3\nauthor: Ann\ntitel: x\n---\nBody.\n' > "$s/content/page.md"
got=$("$sg" --root "$s" --quiet build 2>&1)
same "ux: a front matter typo is a warning at its line, custom keys are not" "$got" \
"content/page.md:3:1: warning: unknown front matter key 'wieght': did you mean 'weight'? (a key of your own is kept for templates in page.params)
content/page.md:5:1: warning: unknown front matter key 'titel': did you mean 'title'? (a key of your own is kept for templates in page.params)"
if grep -q 'A page' "$s/public/page/index.html" 2>/dev/null; then
	ok "ux: a front matter typo does not stop the build"
else
	fail "ux: a front matter typo does not stop the build"
fi
site "$s"
printf 'title: t\ntheme: ""\nbase_ulr: /x/\nmarkdown:\n  toc_dept: 2\nparams:\n  anything: 1\n' > "$s/site.yml"
got=$("$sg" --root "$s" --quiet build 2>&1)
same "ux: a site.yml typo is a warning at the key's line" "$got" \
"site.yml:3:1: warning: unknown key 'base_ulr': did you mean 'base_url'?
site.yml:5:3: warning: unknown key 'markdown.toc_dept': did you mean 'markdown.toc_depth'?"

# ---- --base-url --------------------------------------------------------

site "$s"
got=$("$sg" --root "$s" --quiet --base-url user.github.io/proj/ build 2>&1)
status=$?
same "ux: a bad --base-url is blamed on the command line" "$status:$got" \
"1:sitegen: error: --base-url 'user.github.io/proj/' must be an absolute URL (https://user.github.io/proj/) or a path starting with '/' (/proj/)"

# ---- static/ dotfiles --------------------------------------------------

site "$s"
mkdir -p "$s/static/.well-known" "$s/static/.git" "$s/static/css"
: > "$s/static/.nojekyll"
echo "Contact: mailto:security@example.org" > "$s/static/.well-known/security.txt"
: > "$s/static/.git/config"
: > "$s/static/.DS_Store"
echo "TOKEN=x" > "$s/static/.env"
echo "TOKEN=x" > "$s/static/.env.production"
: > "$s/static/css/.site.css.swp"
: > "$s/static/css/site.css~"
: > "$s/static/#notes#"
: > "$s/static/.#lock"
echo "body{}" > "$s/static/css/site.css"
"$sg" --root "$s" --quiet build
got=$(cd "$s/public" && find . -type f ! -name index.html ! -path './handouts/*' ! -path './search/*' ! -name .sitegen-output | LC_ALL=C sort)
same "ux: static/ publishes its dotfiles, not VCS, editor or .env files" "$got" \
"./.nojekyll
./.well-known/security.txt
./css/site.css"

# ---- new ---------------------------------------------------------------

site "$s"
(cd "$s" && "$sg" new content/guide/_index.md > /dev/null &&
    "$sg" new content/getting-started/README.md > /dev/null &&
    "$sg" new content/local_dev/index.md > /dev/null &&
    "$sg" new content/guide/first-steps.md > /dev/null)
got=$(grep -h '^title:' "$s/content/guide/_index.md" \
    "$s/content/getting-started/README.md" "$s/content/local_dev/index.md" \
    "$s/content/guide/first-steps.md")
same "ux: new takes a section page's title from its folder" "$got" \
'title: "Guide"
title: "Getting started"
title: "Local dev"
title: "First steps"'
(cd "$s" && "$sg" new 'content/say-"hi".md' > /dev/null)
got=$(grep -h '^title:' "$s/content/say-\"hi\".md")
same "ux: new escapes a quote in the title" "$got" 'title: "Say \"hi\""'
mkdir -p "$work/nosite"
got=$(cd "$work/nosite" && "$sg" new content/page.md 2>&1)
status=$?
if [ $status -eq 1 ] && [ ! -e "$work/nosite/content" ] &&
    printf '%s' "$got" | grep -q 'not a site (it has no site.yml)'; then
	ok "ux: new refuses outside a site"
else
	fail "ux: new refuses outside a site" "exit $status: $got"
fi

# ---- helpers -----------------------------------------------------------

site "$s"
mkdir -p "$s/lua/site"
printf 'local M = {}\n\nfunction M.shout(s)\n\treturn s:upper() .. "!"\nend\n\nreturn M\n' > "$s/lua/site/text.lua"
printf '<h1><%%= shout(page.title) %%></h1>\n<%%- content %%>\n' > "$s/templates/page.html"
"$sg" --root "$s" --quiet build
if grep -q '<h1>A PAGE!</h1>' "$s/public/page/index.html" 2>/dev/null; then
	ok "ux: templates call a helper of lua/site/ by name"
else
	fail "ux: templates call a helper of lua/site/ by name"
fi
# an error in a helper is reported once, however many pages and workers
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf -- '---\ntitle: P%s\n---\nx\n' $i > "$s/content/p$i.md"
done
printf 'local M = {}\n\nM.n = nil + 1\n\nreturn M\n' > "$s/lua/site/text.lua"
got=$("$sg" --root "$s" --jobs 4 --quiet build 2>&1)
same "ux: a helper's runtime error is reported once with --jobs 4" "$got" \
    "lua/site/text.lua:3:1: error: attempt to perform arithmetic on a nil value"
printf 'local M = {}\n\nfunction M.shout(s)\n\treturn s:upper(\nend\n\nreturn M\n' > "$s/lua/site/text.lua"
got=$("$sg" --root "$s" --jobs 4 --quiet build 2>&1)
same "ux: a helper's syntax error is reported once at its line" "$got" \
    "lua/site/text.lua:5:1: error: unexpected symbol near 'end'"

# ---- Sass overrides ----------------------------------------------------

site "$s"
mkdir -p "$s/themes/mini/scss" "$s/themes/mini/templates"
sed -i 's/theme: ""/theme: mini/' "$s/site.yml"
printf '$accent: #1f4fb4 !default;\n$width: 45rem !default;\n' > "$s/themes/mini/scss/_settings.scss"
printf '@import "settings";\n@import "overrides";\na { color: $accent; }\nmain { max-width: $width; }\n' > "$s/themes/mini/scss/main.scss"
"$sg" --root "$s" --quiet build
got=$(cat "$s"/public/css/main.*.css 2>/dev/null | tr -d '\n')
same "ux: without scss/_overrides.scss the theme's settings hold" "$got" \
    "a{color:#1f4fb4}main{max-width:45rem}"
mkdir -p "$s/scss"
printf '$accent: #8a1538;\n' > "$s/scss/_overrides.scss"
"$sg" --root "$s" --quiet build
got=$(cat "$s"/public/css/main.*.css 2>/dev/null | tr -d '\n')
same "ux: scss/_overrides.scss changes one setting" "$got" \
    "a{color:#8a1538}main{max-width:45rem}"
printf '$accent: ;\n' > "$s/scss/_overrides.scss"
got=$("$sg" --root "$s" --quiet build 2>&1)
same "ux: an error in scss/_overrides.scss is at its line" "$got" \
    "scss/_overrides.scss:1:8: error: Sass: Invalid CSS after \"\$accent:\": expected expression (e.g. 1px, bold), was \";\""
# the compiled style sheet is kept in .sitegen/css/, keyed by every .scss
# file of the include path: the next build with the same files takes it
# from there (shown by a kept sheet changed by hand), an edit compiles
# again
printf '$accent: #8a1538;\n' > "$s/scss/_overrides.scss"
"$sg" --root "$s" --quiet build
kept=$(ls "$s"/.sitegen/css/*.css 2>/dev/null)
[ "$(printf '%s\n' "$kept" | grep -c .)" -eq 1 ] && printf 'x{y:z}' > "$kept"
"$sg" --root "$s" --quiet build
got=$(cat "$s"/public/css/main.*.css 2>/dev/null | tr -d '\n')
same "ux: a build with the same .scss files takes the kept style sheet" \
    "$got" "x{y:z}"
printf '$accent: #1f4fb4 !default;\n$width: 46rem !default;\n' > "$s/themes/mini/scss/_settings.scss"
"$sg" --root "$s" --quiet build
got=$(cat "$s"/public/css/main.*.css 2>/dev/null | tr -d '\n')
same "ux: an edit to an imported .scss file compiles the sheet again" \
    "$got" "a{color:#8a1538}main{max-width:46rem}"
ln -s _settings.scss "$s/themes/mini/scss/_link.scss"
rm -rf "$s/.sitegen/css"
"$sg" --root "$s" --quiet build
got=$(ls "$s/.sitegen/css" 2>/dev/null | wc -l)
same "ux: style sheets are not kept when a .scss folder holds a link" \
    "$got" 0
rm "$s/themes/mini/scss/_link.scss"
# nor through a .sitegen (or .sitegen/css) that is a link: a repository
# can hold one, and the cache would write and remove files where it leads
mkdir -p "$work/elsewhere"
for link in .sitegen .sitegen/css; do
	rm -rf "$s/.sitegen"
	mkdir -p "$s/$(dirname "$link")"
	ln -s "$work/elsewhere" "$s/$link"
	"$sg" --root "$s" --quiet build
	st=$?
	got=$(find "$work/elsewhere" | wc -l)
	same "ux: no style sheet is kept through a $link that is a link" \
	    "$st $got" "0 1"
done
rm -rf "$s/.sitegen"
# a kept sheet that is a link (a repository can hold one, named as the
# next build's key) is not read: what it leads to stays out of public/
"$sg" --root "$s" --quiet build
kept=$(ls "$s"/.sitegen/css/*.css 2>/dev/null)
printf 'secret{canary:1}' > "$work/canary.css"
rm -f "$kept"
ln -s "$work/canary.css" "$kept"
"$sg" --root "$s" --quiet build
st=$?
got=$(cat "$s"/public/css/main.*.css 2>/dev/null | tr -d '\n')
same "ux: a kept style sheet that is a link is not read" "$st $got" \
    "0 a{color:#8a1538}main{max-width:46rem}"
rm -rf "$s/.sitegen"
# the default theme takes the same file
site "$s"
sed -i 's/theme: ""/theme: default/' "$s/site.yml"
rm -rf "$s/templates"
mkdir -p "$s/themes" "$s/scss"
cp -R "$(pwd)/themes/default" "$s/themes/default"
printf '$article-w: 51rem;\n$light: map-merge($light, (accent: #8a1538));\n' > "$s/scss/_overrides.scss"
"$sg" --root "$s" --quiet build
css=$(cat "$s"/public/css/main.*.css 2>/dev/null)
if printf '%s' "$css" | grep -q '51rem' && printf '%s' "$css" | grep -q '#8a1538'; then
	ok "ux: the default theme takes scss/_overrides.scss"
else
	fail "ux: the default theme takes scss/_overrides.scss"
fi

# ---- data files --------------------------------------------------------

site "$s"
mkdir -p "$s/data"
printf 'team:\n  - name: Ann\n  - name: Bob\n' > "$s/data/people.yml"
printf '{\n\t"version": "1.2",\n\t"n":3, "ok": true, "list": [1, 2.5, -3e2],\n\t"e": "caf\\u00e9"\n}\n' > "$s/data/release.json"
printf '<p><%% for _, m in ipairs(site.data.people.team) do %%><%%= m.name %%> <%% end %%><%%= site.data.release.version %%> <%%= site.data.release.n + 1 %%> <%%= tostring(site.data.release.ok) %%> <%%= site.data.release.list[3] %%> <%%= site.data.release.e %%></p>\n' > "$s/templates/index.html"
"$sg" --root "$s" --quiet build
got=$(cat "$s/public/index.html" 2>/dev/null)
same "ux: data/*.yml and data/*.json are site.data.NAME" "$got" \
    "<p>Ann Bob 1.2 4 true -300 café</p>"

mkfifo "$s/data/pipe.yml"
got=$(timeout 10 "$sg" --root "$s" --quiet build 2>&1)
status=$?
same "ux: a FIFO in data/ is an error, not a hang" "$status:$got" \
    "1:data/pipe.yml: error: cannot read: not a regular file"

# ---- aliases -----------------------------------------------------------

site "$s"
printf -- '---\ntitle: A "moved" page\naliases: [/old/page/, /older.html]\n---\nBody.\n' > "$s/content/page.md"
"$sg" --root "$s" --base-url https://example.org/proj/ --quiet build
got=$(cat "$s/public/old/page/index.html" 2>/dev/null)
same "ux: an alias is a redirect page at the old URL" "$got" \
'<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src '"'none'"'">
<title>A &quot;moved&quot; page</title>
<link rel="canonical" href="https://example.org/proj/page/">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=/proj/page/">
</head>
<body>
<p>This page has moved to <a href="/proj/page/">A &quot;moved&quot; page</a>.</p>
</body>
</html>'
if [ -f "$s/public/older.html" ] && ! grep -q '<script' "$s/public/older.html"; then
	ok "ux: an alias ending in .html is that file, with no script"
else
	fail "ux: an alias ending in .html is that file, with no script"
fi

# ---- dates and the future ----------------------------------------------

site "$s"
printf -- '---\ntitle: Past\ndate: 2026-01-10T08:15:00+02:00\n---\nx\n' > "$s/content/past.md"
printf -- '---\ntitle: Future\ndate: 2026-06-01T10:30:00Z\n---\nx\n' > "$s/content/future.md"
printf '<%%= page.date %%> <%%= page.datetime %%> <%%= date(page.datetime, "rfc3339") %%>\n' > "$s/templates/page.html"
now=$(date -u -d 2026-03-01 +%s)
SOURCE_DATE_EPOCH=$now "$sg" --root "$s" --quiet build
if [ -f "$s/public/past/index.html" ] && [ ! -e "$s/public/future" ]; then
	ok "ux: a page dated after now is left out"
else
	fail "ux: a page dated after now is left out"
fi
got=$(cat "$s/public/past/index.html" 2>/dev/null)
same "ux: a date keeps its time of day in page.datetime" "$got" \
    "2026-01-10 2026-01-10T08:15:00+02:00 2026-01-10T08:15:00+02:00"
SOURCE_DATE_EPOCH=$now "$sg" --root "$s" --quiet --future build
got=$(cat "$s/public/future/index.html" 2>/dev/null)
same "ux: --future keeps it" "$got" \
    "2026-06-01 2026-06-01T10:30:00Z 2026-06-01T10:30:00Z"
# the same instant: 10:29 UTC is past at 10:30 UTC, 10:31 is not
printf -- '---\ntitle: Future\ndate: 2026-06-01T12:31:00+02:00\n---\nx\n' > "$s/content/future.md"
SOURCE_DATE_EPOCH=$(date -u -d '2026-06-01 10:30' +%s) "$sg" --root "$s" --quiet build
[ ! -e "$s/public/future" ] && a=out || a=in
printf -- '---\ntitle: Future\ndate: 2026-06-01T12:29:00+02:00\n---\nx\n' > "$s/content/future.md"
SOURCE_DATE_EPOCH=$(date -u -d '2026-06-01 10:30' +%s) "$sg" --root "$s" --quiet build
[ -e "$s/public/future" ] && b=in || b=out
same "ux: the future is compared with the date's zone" "$a $b" "out in"
# the theme's feed gives the time of day
site "$s"
sed -i 's/theme: ""/theme: default/' "$s/site.yml"
rm -rf "$s/templates"
mkdir -p "$s/themes"
cp -R "$(pwd)/themes/default" "$s/themes/default"
printf -- '---\ntitle: Past\ndate: 2026-01-10T08:15:00Z\n---\nx\n' > "$s/content/past.md"
"$sg" --root "$s" --quiet --base-url https://example.org/ build
if grep -q '<published>2026-01-10T08:15:00Z</published>' "$s/public/atom.xml" 2>/dev/null; then
	ok "ux: the feed gives a page's time of day"
else
	fail "ux: the feed gives a page's time of day"
fi

# ---- completion --------------------------------------------------------

got=$("$sg" completion bash > "$work/c.bash" && bash -n "$work/c.bash" && bash -c '
	. "$1"
	COMP_WORDS=(sitegen bu); COMP_CWORD=1; _sitegen; a="${COMPREPLY[*]}"
	COMP_WORDS=(sitegen --dr); COMP_CWORD=1; _sitegen; b="${COMPREPLY[*]}"
	COMP_WORDS=(sitegen completion ""); COMP_CWORD=2; _sitegen; c="${COMPREPLY[*]}"
	echo "$a|$b|$c"' sh "$work/c.bash" 2>&1)
same "ux: the bash completion completes commands, options and shells" "$got" \
    "build|--drafts|bash zsh fish"
# zsh and fish (installed by ./build.sh test): the scripts parse, and
# fish, which can complete a line without a terminal, completes with them
for sh in zsh fish; do
	if ! command -v $sh > /dev/null; then
		fail "ux: sitegen completion $sh" "no $sh: ./build.sh test installs it"
	elif "$sg" completion $sh > "$work/c.$sh" && $sh -n "$work/c.$sh"; then
		ok "ux: sitegen completion $sh parses"
	else
		fail "ux: sitegen completion $sh parses"
	fi
done
if command -v fish > /dev/null; then
	got=$(fish -c 'source $argv[1]; complete -C "sitegen bu"; complete -C "sitegen completion "; complete -C "sitegen --fut"' "$work/c.fish" 2>&1 | cut -f1 | tr '\n' ' ')
	same "ux: the fish completion completes commands, shells and options" "$got" \
	    "build bash fish zsh --future "
fi
"$sg" completion powershell > /dev/null 2>&1
same "ux: completion for an unknown shell exits 2" "$?" 2

# ---- check -------------------------------------------------------------

site "$s"
got=$("$sg" --root "$s" check 2>&1 | tail -n 1)
same "ux: check's last line says what it checked" "$got" \
    "sitegen: checked 2 pages, 1 section (links, anchors, samples, credentials, headings, titles, reachability): 0 errors, 1 warning"

# ---- a template that ends early with return ----------------------------

# What a template returns with `return v` is its output, as it was before
# templates handed back their pieces: a string or a number as text, in a
# page and in an include; nothing at all is an error for a page.
site "$work/ret"
printf '<p>x</p><%% do return "early" end %%>\n' > "$work/ret/templates/page.html"
printf '<%%- include("part.html") %%>|<%%- content %%>\n' > "$work/ret/templates/index.html"
printf 'part<%% do return 7 end %%>\n' > "$work/ret/templates/part.html"
"$sg" --root "$work/ret" --out "$work/ret-out" --quiet build > "$work/ret.log" 2>&1
same "ux: a page that returns a string early builds" "$?" 0
same "ux: what a page returns early is its output" \
    "$(cat "$work/ret-out/page/index.html" 2>/dev/null)" "early"
same "ux: a number an include returns early is its text" \
    "$(head -1 "$work/ret-out/index.html" 2>/dev/null)" "7|<p>Home.</p>"
printf '<p>x</p><%% do return end %%>\n' > "$work/ret/templates/page.html"
got=$("$sg" --root "$work/ret" --out "$work/ret-out2" build 2>&1 | head -1)
same "ux: a page that returns nothing is an error" "$got" \
    "content/page.md: error: template 'page.html' did not return text"

# ---- a layout's content ------------------------------------------------

# A layout is handed the output so far as pieces, which "<%- content -%>"
# outputs as they are; a template that reads content any other way (and
# a partial it includes, which sees the same variable) gets it as a
# string, through any number of layouts.
site "$work/lay"
printf '<%% layout "wrap.html" %%><h1><%%= page.title %%></h1>' \
    > "$work/lay/templates/page.html"
printf '<%% layout "mid.html" %%>[<%%- content -%%>]' \
    > "$work/lay/templates/wrap.html"
printf '<%% layout "outer.html" %%>(<%%- content -%%>)' \
    > "$work/lay/templates/mid.html"
printf '<%%= type(content) %%>:<%%= #content %%>:<%%- content:upper() -%%>|<%%- include("p.html") -%%>|<%%- content -%%>' \
    > "$work/lay/templates/outer.html"
printf '<%%= type(content) %%>' > "$work/lay/templates/p.html"
"$sg" --root "$work/lay" --out "$work/lay-out" --quiet build > "$work/lay.log" 2>&1
same "ux: a page through three layouts builds" "$?" 0
same "ux: a layout that reads content gets a string, and so do its partials" \
    "$(cat "$work/lay-out/page/index.html" 2>/dev/null)" \
    "string:19:([<H1>A PAGE</H1>])|string|([<h1>A page</h1>])"
printf '<%%- include("p.html") -%%>{<%%- content -%%>}' \
    > "$work/lay/templates/outer.html"
printf 'p' > "$work/lay/templates/p.html"
"$sg" --root "$work/lay" --out "$work/lay-out2" --quiet build > "$work/lay.log" 2>&1
same "ux: layouts that only output content nest their pieces" \
    "$(cat "$work/lay-out2/page/index.html" 2>/dev/null)" \
    "p{([<h1>A page</h1>])}"
# Outputs of many pieces (more than the join notes in one pass) are
# whole, in a page, through a layout and in an include.
printf '<%% layout "wrap.html" %%><%% for i = 1, 1500 do %%><%%= i %%>,<%% end %%>' \
    > "$work/lay/templates/page.html"
printf '<%% for i = 1, 600 do %%>.<%% end %%><%%- content -%%>|<%%- include("p.html") -%%>' \
    > "$work/lay/templates/wrap.html"
printf '<%% for i = 1, 700 do %%><%%= i %% 10 %%><%% end %%>' \
    > "$work/lay/templates/p.html"
"$sg" --root "$work/lay" --out "$work/lay-out3" --quiet build > "$work/lay.log" 2>&1
want="$(printf '%600s' '' | tr ' ' .)$(seq -s, 1 1500),|$(seq 1 700 | awk '{ printf "%d", $1 % 10 }')"
same "ux: an output of thousands of pieces is whole" \
    "$(cat "$work/lay-out3/page/index.html" 2>/dev/null)" "$want"

# ---- a section's content -----------------------------------------------

# section.content is the HTML of the section's own page, in every render
# (the model is made before section pages are rendered: it is read when
# it is read).
site "$work/sc"
mkdir -p "$work/sc/content/sec"
printf -- '---\ntitle: Sec\n---\nSection *body*.\n' > "$work/sc/content/sec/_index.md"
printf -- '---\ntitle: A\n---\nBody.\n' > "$work/sc/content/sec/a.md"
printf 'P[<%%- section.content -%%>]' > "$work/sc/templates/page.html"
"$sg" --root "$work/sc" --out "$work/sc-out" --quiet build > "$work/sc.log" 2>&1
same "ux: a page's template reads its section's content" \
    "$(cat "$work/sc-out/sec/a/index.html" 2>/dev/null)" \
    "P[<p>Section <em>body</em>.</p>
]"

# ---- --verbose -----------------------------------------------------------

# Each stage's line gives its wall time, the CPU time of all threads in
# it and the resident memory; the stages are there in their order.
site "$work/vb"
"$sg" --root "$work/vb" --out "$work/vb-out" --jobs 2 --verbose build \
    > /dev/null 2> "$work/vb.log"
got=$(grep -E '^sitegen: [a-z]+ +[0-9]+\.[0-9] ms +[0-9]+\.[0-9] ms CPU +[0-9]+ MB$' \
    "$work/vb.log" | awk '{ print $2 }' | tr '\n' ' ')
same "ux: --verbose gives each stage's wall and CPU time" "$got" \
    "load markdown resolve links secrets templates samples pdf render search assets swap "
