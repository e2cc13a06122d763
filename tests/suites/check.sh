#!/bin/sh
# tests/suites/check.sh SITEGEN: sitegen check and its lints (skipped
# heading levels, duplicate titles, pages no link reaches, the credential
# scan), --format json, the closing line, and that check writes nothing.
# Prints one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"

# A site whose templates show only each page's content: no navigation,
# so a page is reached only through the links written in pages.
s=$work/lint
mkdir -p "$s/content/guide" "$s/templates"
printf 'title: t\ntheme: ""\n' > "$s/site.yml"
printf '<%%- content %%>\n' > "$s/templates/page.html"
printf '<%%- content %%>\n' > "$s/templates/index.html"
printf '<%%- content %%>\n' > "$s/templates/section.html"
cat > "$s/content/_index.md" <<'EOF'
---
title: Home
---
Read [the guide](guide/_index.md) and [setup](guide/setup.md).
EOF
cat > "$s/content/guide/_index.md" <<'EOF'
---
title: Guide
---
[Install](install.md).
EOF
cat > "$s/content/guide/setup.md" <<'EOF'
---
title: Install
---
## Before you start

#### Too deep

Text.

```md
#### Not a heading, in a fence
```

### Fine again
EOF
cat > "$s/content/guide/install.md" <<'EOF'
---
title: Install
---
![](diagram.svg)

The key: AKIAQYLPMN5HFIQR7XYZ
EOF
cat > "$s/content/guide/orphan.md" <<'EOF'
# Orphan

Nobody links here.
EOF
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$s/content/guide/diagram.svg"

got=$(cd "$s" && "$sg" --format json check 2> "$work/stderr")
status=$?
want='{"file":"content/guide/install.md","line":4,"col":1,"severity":"warning","rule":"build","message":"image '"'"'diagram.svg'"'"' has no alt text: describe it between the brackets, ![like this](…)"}
{"file":"content/guide/setup.md","line":2,"col":8,"severity":"warning","rule":"duplicate-title","message":"the title '"'"'Install'"'"' is also that of content/guide/install.md: give each page its own, as tabs, search results and the navigation show it"}
{"file":"content/guide/setup.md","line":6,"col":1,"severity":"warning","rule":"heading-level","message":"heading '"'"'Too deep'"'"' skips a level: h4 after h2 (use h3, or add the level between)"}
{"file":"content/guide/install.md","line":6,"col":10,"severity":"error","rule":"aws-access-key-id","message":"aws-access-key-id AKIA************7XYZ looks like a credential: remove it, or allow it in site.yml (secrets: allow:) or with sitegen:allow-secret on its line"}
{"file":"content/guide/orphan.md","line":1,"col":1,"severity":"warning","rule":"unreachable","message":"no link reaches this page from the home page (content/_index.md), through the navigation or any page: link to it, or leave it out"}'
if [ "$got" = "$want" ]; then ok "check --format json: one finding a line"
else fail "check --format json: one finding a line" "$(printf 'got:\n%s\nwant:\n%s' "$got" "$want")"; fi
[ $status -eq 1 ] && ok "check exits 1 on an error" || fail "check exits 1 on an error" "exit $status"
if grep -qx 'sitegen: checked 5 pages, 2 sections (links, anchors, samples, credentials, headings, titles, reachability): 1 error, 4 warnings' "$work/stderr"; then
	ok "check's closing line says what was checked and found"
else
	fail "check's closing line says what was checked and found" "$(cat "$work/stderr")"
fi
[ ! -e "$s/public" ] && ok "check writes nothing" || fail "check writes nothing"
if command -v python3 > /dev/null 2>&1; then
	if printf '%s\n' "$got" | python3 -c 'import json, sys
for l in sys.stdin: json.loads(l)'; then ok "check --format json: valid JSON"
	else fail "check --format json: valid JSON"; fi
fi

# The text format names the same places, gcc style.
got=$(cd "$s" && "$sg" --quiet check 2>&1)
case $got in
*"content/guide/setup.md:6:1: warning: heading 'Too deep' skips a level"*) ok "check: text format" ;;
*) fail "check: text format" "$got" ;;
esac

# Fixed: no errors, warnings only; exit 0.
printf -- '---\ntitle: Install\n---\n![a diagram](diagram.svg)\n' > "$s/content/guide/install.md"
got=$(cd "$s" && "$sg" --quiet check 2>&1)
status=$?
[ $status -eq 0 ] && ok "check exits 0 on warnings only" || fail "check exits 0 on warnings only" "$got"

# build does not run the lints of check
got=$(cd "$s" && "$sg" --quiet build 2>&1)
[ -z "$got" ] && ok "build leaves the lints to check" || fail "build leaves the lints to check" "$got"

# A clean site: "no problems".
printf -- '---\ntitle: Setup\n---\n## A\n\n### B\n' > "$s/content/guide/setup.md"
printf -- '---\ntitle: Orphan\n---\nBack [home](../_index.md).\n' > "$s/content/guide/orphan.md"
printf -- '---\ntitle: Guide\n---\n[Install](install.md), [orphan](orphan.md).\n' > "$s/content/guide/_index.md"
got=$(cd "$s" && "$sg" check 2>&1)
status=$?
if [ $status -eq 0 ] && [ "$got" = 'sitegen: checked 5 pages, 2 sections (links, anchors, samples, credentials, headings, titles, reachability): no problems' ]; then
	ok "check: no problems"
else
	fail "check: no problems" "exit $status: $got"
fi

# A credential in an output only: a template writes it.
printf 'AKIAQYLPMN5HFIQR7XYZ\n<%%- content %%>\n' > "$s/templates/page.html"
rm -rf "$s/public"
mkdir -p "$s/public/old"
echo before > "$s/public/old/index.html"
touch "$s/public/.sitegen-output"
got=$(cd "$s" && "$sg" --quiet build 2>&1)
status=$?
case $got in
"guide/install/index.html:1:1: error: aws-access-key-id AKIA************7XYZ looks like a credential (in the output only: a template or a sample's output makes it)"*) st=ok ;;
*) st=bad ;;
esac
if [ $status -eq 1 ] && [ $st = ok ] && [ "$(cat "$s/public/old/index.html")" = before ] &&
    [ ! -e "$s/public/guide" ]; then
	ok "a credential a template writes stops the build"
else
	fail "a credential a template writes stops the build" "exit $status: $got"
fi
