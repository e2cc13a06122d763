#!/bin/sh
# tests/suites/toc.sh SITEGEN: a page's table of contents as templates see
# it (toc, page.toc), whose entries are made as they are read
# (src/templates/luatoc.c): a list to every reading of it (length,
# indexing, ipairs, pairs, next, rawlen, json, appending, table.insert,
# an entry changed), and toc_list() gives the list the theme's loop made,
# for a toc read or not. Prints one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"

site="$work/site"
mkdir -p "$site/content" "$site/templates"
printf 'title: t\ntheme: ""\nbase_url: https://example.org/\n' > "$site/site.yml"
printf '<%%- content %%>' > "$site/templates/index.html"
cp "$site/templates/index.html" "$site/templates/section.html"
printf -- '---\ntitle: P\n---\n## One & two\n\ntext\n\n### Sub\n\n## It'"'"'s four\n\n#### Deep\n' \
    > "$site/content/page.md"
printf -- '---\ntitle: Q\ntoc: false\n---\n## A\n\n## B\n' > "$site/content/notoc.md"
cat > "$site/templates/page.html" <<'TEMPLATE'
<%
  local out = {}
  local function add(s) out[#out + 1] = s end
  add("type " .. type(toc) .. ", length " .. #toc .. ", next " ..
    tostring(next(toc)) .. ", rawlen " .. rawlen(toc))
  local made = toc_list(toc)
  -- the loop partials/toc-list.html ran before toc_list
  local function loop(t)
    local n = #t
    local top = n > 0 and t[1].level or 0
    for i = 2, n do local l = t[i].level; if l < top then top = l end end
    local o = { "<ul>\n" }
    for i = 1, n do local h = t[i]
      o[#o + 1] = '<li class="toc-depth-' .. escape(h.level - top) ..
        '"><a href="#' .. escape(h.id) .. '">' .. escape(h.title) ..
        '</a></li>\n'
    end
    return table.concat(o) .. "</ul>\n"
  end
  add("as the loop " .. tostring(loop(toc) == made) ..
    ", once read " .. tostring(toc_list(toc) == made))
  add("one entry " .. tostring(#toc == 0 or toc[1] == toc[1]) ..
    ", rawlen once read " .. rawlen(toc))
  local seen = {}
  for i, h in ipairs(toc) do seen[#seen + 1] = i .. "=" .. h.id end
  add("ipairs " .. table.concat(seen, " "))
  seen = {}
  for i, h in pairs(toc) do seen[#seen + 1] = i .. "=" .. h.level end
  add("pairs " .. table.concat(seen, " "))
  add("page.toc " .. #page.toc .. ", json " .. json(toc))
  toc[#toc + 1] = { level = 2, id = "added", title = "Added" }
  add("appended " .. #toc .. " " .. toc[#toc].id)
  table.insert(toc, 1, { level = 2, id = "first", title = "First" })
  add("inserted " .. #toc .. " " .. toc[1].id .. " " .. toc[2].id ..
    " " .. toc[#toc].id)
  toc[2].title = "Changed"
  add(toc_list(toc))
-%>
<%- table.concat(out, "\n") %>
<%- made -%>
TEMPLATE
"$sg" --root "$site" --quiet build 2> "$work/err"
check "toc: the site builds" $? "$(cat "$work/err")"

same "toc: a page's toc reads as a list" "$(cat "$site/public/page/index.html")" \
    "$(cat <<'WANT'
type table, length 3, next 1, rawlen 3
as the loop true, once read true
one entry true, rawlen once read 3
ipairs 1=one--two 2=sub 3=its-four
pairs 1=2 2=3 3=2
page.toc 3, json [{"id":"one--two","level":2,"title":"One \u0026 two"},{"id":"sub","level":3,"title":"Sub"},{"id":"its-four","level":2,"title":"It's four"}]
appended 4 added
inserted 5 first one--two added
<ul>
<li class="toc-depth-0"><a href="#first">First</a></li>
<li class="toc-depth-0"><a href="#one--two">Changed</a></li>
<li class="toc-depth-1"><a href="#sub">Sub</a></li>
<li class="toc-depth-0"><a href="#its-four">It&#39;s four</a></li>
<li class="toc-depth-0"><a href="#added">Added</a></li>
</ul>

<ul>
<li class="toc-depth-0"><a href="#one--two">One &amp; two</a></li>
<li class="toc-depth-1"><a href="#sub">Sub</a></li>
<li class="toc-depth-0"><a href="#its-four">It&#39;s four</a></li>
</ul>
WANT
)"
same "toc: a page without a toc reads as an empty list" \
    "$(cat "$site/public/notoc/index.html")" "$(cat <<'WANT'
type table, length 0, next nil, rawlen 0
as the loop true, once read true
one entry true, rawlen once read 0
ipairs 
pairs 
page.toc 0, json []
appended 1 added
inserted 2 first added added
<ul>
<li class="toc-depth-0"><a href="#first">First</a></li>
<li class="toc-depth-0"><a href="#added">Changed</a></li>
</ul>

<ul>
</ul>
WANT
)"

# A page of 100,000 headings, read entry by entry and asked its length in
# a loop: linear in the headings (made one at a time, each found from the
# first heading, this went past the five seconds a render may take)
big="$work/big"
mkdir -p "$big/content" "$big/templates"
printf 'title: t\ntheme: ""\nbase_url: https://example.org/\nhandouts: []\n' \
    > "$big/site.yml"
printf '<%%- content %%>' > "$big/templates/index.html"
cp "$big/templates/index.html" "$big/templates/section.html"
{
	printf -- '---\ntitle: Big\n---\n'
	i=0
	while [ $i -lt 100000 ]; do
		printf '## H%d\n\n' $i
		i=$((i + 1))
	done
} > "$big/content/big.md"
printf '%s\n' '<% local n = 0 for _, h in ipairs(toc) do n = n + 1 end' \
    'local i = 0 while i < #toc do i = i + 1 end -%>' \
    '<%= n %> <%= i %> <%= #toc_list(toc) %>' > "$big/templates/page.html"
"$sg" --root "$big" --quiet build 2> "$work/err"
same "toc: 100,000 headings read one by one" \
    "$(cat "$big/public/big/index.html" 2> /dev/null; cat "$work/err")" \
    "100000 100000 5777791"

# A toc changed before its entries are read, then shortened: as a plain
# list (an entry set in place of the first leaves the length as it was;
# one removed stays removed)
chg="$work/changed"
mkdir -p "$chg/content" "$chg/templates"
cp "$big/site.yml" "$chg/site.yml"
cp "$big/templates/index.html" "$big/templates/section.html" "$chg/templates/"
printf -- '---\ntitle: P\n---\n## A\n\n## B\n\n## C\n' > "$chg/content/p.md"
cat > "$chg/templates/page.html" <<'TEMPLATE'
<% toc[1] = { level = 2, id = "x", title = "X" } -%>
replaced <%= #toc %> <%= toc[1].id %> <%= toc[2].id %>
<% local gone = table.remove(toc) -%>
removed <%= gone.id %> <%= #toc %> <%= tostring(toc[3]) %>
<%- toc_list(toc) -%>
TEMPLATE
"$sg" --root "$chg" --quiet build 2> "$work/err"
same "toc: changed and shortened as a list" \
    "$(cat "$chg/public/p/index.html" 2> /dev/null; cat "$work/err")" \
    "$(printf '%s\n' 'replaced 3 x b' 'removed c 2 nil' '<ul>' \
    '<li class="toc-depth-0"><a href="#x">X</a></li>' \
    '<li class="toc-depth-0"><a href="#b">B</a></li>' '</ul>')"
