#!/bin/sh
# tests/suites/hardening.sh SITEGEN: hostile inputs around what a build
# reads and what it replaces: the output folder (--out, --force, a link, a
# folder this user cannot remove), staging folders after kill -9 and on
# SIGINT/SIGTERM, includes and links that leave content/, FIFOs, symlink
# cycles, templates and helpers that never end or write the model, many
# broken links, URLs of odd file names, slugs and tags. Runs as root in a
# folder under a mode-0700 parent (mktemp -d), and the cases that need it
# again as the user nobody. Prints "ok NAME" / "FAIL NAME" lines.
set -u
sg=$1
case $sg in /*) ;; *) sg=$(pwd)/$sg ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH
export LC_ALL=C.UTF-8

ok() { echo "ok $1"; }
fail() {
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -30
	return 0
}
# check NAME CONDITION-STATUS [DETAIL]
check() { if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1" "${3:-}"; fi; }

# A small site at $1: a home page and one page, plain templates.
site() {
	rm -rf "$1"
	mkdir -p "$1/content/guide" "$1/templates"
	printf 'title: T\nbase_url: https://example.org/\ntheme: ""\n' > "$1/site.yml"
	printf -- '---\ntitle: Home\n---\nWelcome.\n' > "$1/content/_index.md"
	printf -- '---\ntitle: One\n---\nThe first page.\n' > "$1/content/guide/one.md"
	printf '<%%- content %%>\n' > "$1/templates/page.html"
	printf '<%%= site.title %%><%%- content %%>\n' > "$1/templates/index.html"
	printf '<%%- content %%>\n' > "$1/templates/section.html"
}

# build SITE ARGS...: runs sitegen on SITE; sets $out (stderr and stdout)
# and $status. Never more than 60 s.
build() {
	d=$1
	shift
	out=$(cd "$d" && timeout 60 "$sg" --quiet --jobs 2 "$@" build 2>&1)
	status=$?
}

# ---- --out: what a build replaces ---------------------------------------

s=$tmp/out
site "$s"
mkdir -p "$s/victim/docs"
echo "my thesis" > "$s/victim/docs/thesis.txt"
build "$s" --out victim
[ $status -eq 1 ] && [ -f "$s/victim/docs/thesis.txt" ] &&
    printf '%s' "$out" | grep -q "victim.*--force"
check "--out: a folder sitegen did not make is refused, its files kept" $? "$status: $out"

build "$s" --out victim --force
[ $status -eq 0 ] && [ -f "$s/victim/index.html" ] && [ ! -e "$s/victim/docs" ]
check "--out: --force replaces it" $? "$status: $out"

build "$s" --out victim
[ $status -eq 0 ] && [ -f "$s/victim/.sitegen-output" ]
check "--out: a folder sitegen made is replaced again" $? "$status: $out"

mkdir "$s/empty"
build "$s" --out empty
[ $status -eq 0 ] && [ -f "$s/empty/index.html" ]
check "--out: an empty folder is used" $? "$status: $out"

for f in content templates themes lua static data . .. content/guide content/new; do
	mkdir -p "$s/themes/x" "$s/lua" "$s/static" "$s/data"
	before=$(cd "$s" && find . -path ./victim -prune -o -print | sort | cksum)
	build "$s" --out "$f" --force
	after=$(cd "$s" && find . -path ./victim -prune -o -print | sort | cksum)
	[ $status -eq 1 ] && [ "$before" = "$after" ] &&
	    printf '%s' "$out" | grep -q "error: the output '$f'"
	check "--out $f: the site and its sources are always refused" $? "$status: $out"
done
ln -s "$s/content" "$s/alias"
build "$s" --out alias/sub --force
[ $status -eq 1 ] && [ ! -e "$s/content/sub" ]
check "--out inside content/ through a link is refused" $? "$status: $out"
rm "$s/alias"

# a 'public' that is a symbolic link: refused, the target untouched
mkdir -p "$s/target"
echo keep > "$s/target/keep.txt"
rm -rf "$s/public"
ln -s target "$s/public"
build "$s"
[ $status -eq 1 ] && [ -L "$s/public" ] && [ -f "$s/target/keep.txt" ] &&
    printf '%s' "$out" | grep -q "symbolic link"
check "a public/ that is a symbolic link is refused with a message" $? "$status: $out"
rm "$s/public"
rm -rf "$s"/public.sitegen-*

# an old output 600 folders deep, with a link to / and a FIFO at the
# bottom: checked and removed at --jobs 1 and 2 (the check of the old
# output lists a folder a level; on a 2 MB stack)
for j in 1 2; do
	build "$s"
	d=$s/public
	i=0
	while [ $i -lt 600 ]; do d=$d/d; i=$((i + 1)); done
	mkdir -p "$d"
	ln -s / "$d/root"
	mkfifo "$d/fifo"
	out=$(cd "$s" && ulimit -s 2048 && "$sg" --quiet --jobs $j build 2>&1)
	status=$?
	[ $status -eq 0 ] && [ ! -e "$s/public/d" ] && [ -f "$s/public/index.html" ]
	check "--jobs $j: an old output 600 folders deep is replaced" $? "$status: $out"
done

"$sg" --help | grep -q -- '--force' && grep -q -- '--force' src/sitegen.1 &&
    grep -q -- '--force' README.md
check "--force is in --help, the man page and README" $?

# ---- staging folders: kill -9, SIGINT, SIGTERM --------------------------

# A site whose render is slow: 40 pages, each looping for a while.
slow_site() {
	site "$1"
	for i in $(seq 1 40); do
		printf -- '---\ntitle: P%s\n---\nText.\n' "$i" > "$1/content/guide/p$i.md"
	done
	printf '<%% local n = 0; for i = 1, 3000000 do n = n + i end %%><%%- content %%>\n' \
	    > "$1/templates/page.html"
}

# starts a build of $1 in the background, waits until its staging folder
# holds a page, then sends signal $2; sets $status
interrupt() {
	(cd "$1" && exec "$sg" --quiet --jobs 2 build > "$1.log" 2>&1) &
	pid=$!
	i=0
	while [ $i -lt 200 ] && ! ls "$1"/public.sitegen-*/guide/*/index.html > /dev/null 2>&1; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -s "$2" $pid
	wait $pid 2> /dev/null
	status=$?
}

s=$tmp/slow
slow_site "$s"
build "$s"
[ $status -eq 0 ]
check "staging: the slow site builds" $? "$out"
cp -R "$s/public" "$tmp/slow-before"
interrupt "$s" KILL
left=$(ls -d "$s"/public.sitegen-* 2> /dev/null | wc -l)
mkdir -p "$s/public.sitegen-zzzzzz/deep/er"
echo x > "$s/public.sitegen-zzzzzz/deep/er/f"
echo x > "$s/public.sitegen-keep"
build "$s"
[ "$left" -ge 1 ] && [ $status -eq 0 ] && [ ! -e "$s/public.sitegen-zzzzzz" ] &&
    [ -z "$(ls -d "$s"/public.sitegen-?????? 2> /dev/null)" ] &&
    [ -f "$s/public.sitegen-keep" ]
check "staging: the next build removes what kill -9 left ($left), nothing else" $? "$status: $out"
rm -f "$s/public.sitegen-keep"
for sig in INT:130 TERM:143; do
	interrupt "$s" "${sig%%:*}"
	left=$(ls -d "$s"/public.sitegen-* 2> /dev/null)
	d=$(diff -r "$tmp/slow-before" "$s/public" 2>&1)
	[ $status -eq "${sig#*:}" ] && [ -z "$left" ] && [ -z "$d" ]
	check "staging: SIG${sig%%:*} removes the staging folder, exit ${sig#*:}" $? \
	    "exit $status; left: $left; $(cat "$s.log"); $d"
done

# ---- as an ordinary user -------------------------------------------------

# nobody needs a folder it can reach (ours is under a mode-0700 parent)
# and a copy of the program it can run, and of the sanitizer's
# suppressions (tests/lsan.supp) it can read
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups env \
	    LSAN_OPTIONS="suppressions=$nob/lsan.supp:print_suppressions=0" "$@"
}
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null; then
	nob=$(mktemp -d /tmp/sitegen-hardening-XXXXXX)
	trap 'rm -rf "$tmp" "$nob"' EXIT
	chmod 755 "$nob"
	cp "$sg" "$nob/sitegen"
	cp "$(dirname "$sg")"/sitegen-*.so "$nob/"
	cp "$(dirname "$0")/../lsan.supp" "$nob/lsan.supp"
	chmod 644 "$nob/lsan.supp"
	s=$nob/site
	site "$s"
	chown -R 65534:65534 "$s"
	got=$(cd "$s" && as_nobody "$nob/sitegen" --quiet build 2>&1)
	status=$?
	got2=$(cd "$s" && as_nobody "$nob/sitegen" --quiet build 2>&1)
	[ $status -eq 0 ] && [ $? -eq 0 ] && [ -f "$s/public/index.html" ] &&
	    [ "$(stat -c %u "$s/public")" = 65534 ]
	check "as nobody: a build and a rebuild" $? "$got $got2"
	# an old output of root's that nobody cannot remove
	rm -rf "$s/public"
	(cd "$s" && "$nob/sitegen" --quiet build)
	mkdir -p "$s/public/rootonly"
	echo x > "$s/public/rootonly/f"
	before=$(find "$s/public" | sort | cksum)
	got=$(cd "$s" && as_nobody "$nob/sitegen" --quiet build 2>&1)
	status=$?
	after=$(find "$s/public" | sort | cksum)
	left=$(ls -d "$s"/public.sitegen-* 2> /dev/null)
	[ $status -eq 1 ] && [ -z "$left" ] && [ "$before" = "$after" ] &&
	    printf '%s' "$got" | grep -q "cannot replace the output"
	check "as nobody: a root-owned public/ is an error, no debris" $? \
	    "exit $status; left: $left; $got"
	# only a folder deep inside is root's
	chown -R 65534:65534 "$s/public"
	chown 0:0 "$s/public/rootonly"
	got=$(cd "$s" && as_nobody "$nob/sitegen" --quiet build 2>&1)
	status=$?
	left=$(ls -d "$s"/public.sitegen-* 2> /dev/null)
	[ $status -eq 1 ] && [ -z "$left" ] && [ -f "$s/public/rootonly/f" ] &&
	    printf '%s' "$got" | grep -q "public/rootonly"
	check "as nobody: a root-owned folder inside public/ is an error, no debris" $? \
	    "exit $status; left: $left; $got"
	# two levels down, on one thread and on two (the check shares out
	# public/'s folders among the threads)
	chown 65534:65534 "$s/public/rootonly"
	mkdir -p "$s/public/a/b/rootonly"
	chown -R 65534:65534 "$s/public/a"
	chown 0:0 "$s/public/a/b/rootonly"
	for j in 1 2; do
		got=$(cd "$s" && as_nobody "$nob/sitegen" --quiet --jobs $j build 2>&1)
		status=$?
		left=$(ls -d "$s"/public.sitegen-* 2> /dev/null)
		[ $status -eq 1 ] && [ -z "$left" ] &&
		    [ -d "$s/public/a/b/rootonly" ] &&
		    printf '%s' "$got" | grep -q "public/a/b/rootonly"
		check "as nobody, --jobs $j: a root-owned folder two levels inside public/ is an error" $? \
		    "exit $status; left: $left; $got"
	done
	rmdir "$s/public/a/b/rootonly"
	# 400 levels down (the check once stopped at 256, and such a folder
	# was found only after the swap), and a chain of 3,000 that is all
	# nobody's (the walk is bound neither by the stack nor by the
	# descriptors it keeps open)
	deep=$(awk 'BEGIN { for (i = 0; i < 400; i++) printf "d/" }')
	mkdir -p "$s/public/a/$deep"
	(cd "$s/public/a" && python3 -c 'import os
for i in range(3000):
    os.mkdir("e")
    os.chdir("e")')
	chown -R 65534:65534 "$s/public/a"
	chown 0:0 "$s/public/a/$deep"
	got=$(cd "$s" && as_nobody "$nob/sitegen" --quiet --jobs 2 build 2>&1)
	status=$?
	left=$(ls -d "$s"/public.sitegen-* 2> /dev/null)
	[ $status -eq 1 ] && [ -z "$left" ] && [ -d "$s/public/a/$deep" ] &&
	    printf '%s' "$got" | grep -q "cannot replace the output"
	check "as nobody: a root-owned folder 400 levels inside public/ is an error before the swap" $? \
	    "exit $status; left: $left; $(printf '%s' "$got" | cut -c1-300)"
	chown 65534:65534 "$s/public/a/$deep"
	got=$(cd "$s" && as_nobody "$nob/sitegen" --quiet --jobs 2 build 2>&1)
	status=$?
	[ $status -eq 0 ] && [ ! -e "$s/public/a" ]
	check "as nobody: without it, the rebuild replaces public/" $? \
	    "exit $status; $got"
	rm -rf "$nob"
fi

# ---- what a build reads: includes, links, FIFOs, cycles ------------------

s=$tmp/read
canary=canary-$(date +%s)-secret
# inc SITE LINE: the home page includes what LINE says
inc() {
	printf -- '---\ntitle: Home\n---\n\nText.\n\n%s\n' "$2" > "$1/content/_index.md"
}
site "$s"
echo "AWS_SECRET=$canary" > "$s/.env"
mkdir -p "$s/.git" "$s/content/.hidden"
echo "token = $canary" > "$s/.git/config"
echo "$canary" > "$s/content/.secret.txt"
echo "$canary" > "$s/content/.hidden/x.txt"
echo "$canary" > "$s/notes.txt"
for what in ../.env ../.git/config .secret.txt .hidden/x.txt ../notes.txt ./.secret.txt guide/../.secret.txt; do
	inc "$s" "{{#include $what}}"
	build "$s"
	[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^content/_index.md:7:1: error: .*include '$what'" &&
	    ! grep -rq "$canary" "$s/public" 2> /dev/null
	check "include $what is an error at its line, nothing published" $? "$status: $out"
done
ln -s ../.env "$s/content/env.txt"
ln -s .secret.txt "$s/content/inner.txt"
ln -s /etc "$s/content/etc"
inc "$s" "Nothing included."
rm -rf "$s/public"
build "$s"
[ $status -eq 0 ] && [ ! -e "$s/public/env.txt" ] && [ ! -e "$s/public/inner.txt" ] &&
    [ ! -e "$s/public/etc" ] && ! grep -rq "$canary" "$s/public" &&
    printf '%s' "$out" | grep -q "^content/env.txt: warning: skipped" &&
    printf '%s' "$out" | grep -q "^content/inner.txt: warning: skipped"
check "links in content/ that lead out of it or to a dotfile are not published, warned at their path" $? "$status: $out"
for what in env.txt inner.txt etc/hostname; do
	inc "$s" "{{#include $what}}"
	build "$s"
	[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^content/_index.md:7:1: error: cannot include '$what'"
	check "include $what (through a link) is an error at its line" $? "$status: $out"
done
rm "$s/content/env.txt" "$s/content/inner.txt" "$s/content/etc"
echo "shared text" > "$s/content/guide/shared.txt"
ln -s guide/shared.txt "$s/content/alias.txt"
inc "$s" "{{#include alias.txt}}"
build "$s"
[ $status -eq 0 ] && grep -q "shared text" "$s/public/index.html"
check "a link that stays inside content/ is followed" $? "$status: $out"

mkfifo "$s/content/fifo.txt"
inc "$s" "{{#include fifo.txt}}"
build "$s"
[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^content/_index.md:7:1: error: cannot include 'fifo.txt': it is not a regular file"
check "include of a FIFO is an error at its line, no hang" $? "$status: $out"
rm "$s/content/fifo.txt"
mkfifo "$s/content/fifo.md"
inc "$s" "Text."
build "$s"
[ $status -eq 0 ] && [ ! -e "$s/public/fifo" ]
check "a FIFO named .md is not read" $? "$status: $out"
rm "$s/content/fifo.md"
if [ "$(id -u)" -eq 0 ] && mknod "$s/content/zero" c 1 5 2> /dev/null; then
	inc "$s" "{{#include zero}}"
	build "$s"
	[ $status -eq 1 ] && printf '%s' "$out" | grep -q "error: cannot include 'zero': it is not a regular file"
	check "include of a device is an error at its line" $? "$status: $out"
	rm "$s/content/zero"
fi
mkdir -p "$s/lua/site"
mkfifo "$s/lua/site/helper.lua"
inc "$s" "Text."
build "$s"
[ $status -ne 124 ]
check "a FIFO among the Lua helpers does not hang the build" $? "$status: $out"
rm -rf "$s/lua"
mkdir -p "$s/templates/shortcodes"
mkfifo "$s/templates/shortcodes/pipe.html"
inc "$s" "Text."
build "$s"
[ $status -eq 0 ] && printf '%s' "$out" | grep -q "^templates/shortcodes/pipe.html: warning: skipped: not a regular file"
check "a FIFO among the templates is skipped with a warning, no hang" $? "$status: $out"
rm "$s/templates/shortcodes/pipe.html"

# symlink cycles: an error at the link, at once
s=$tmp/cycle
site "$s"
ln -s . "$s/content/a"
ln -s . "$s/content/b"
build "$s"
[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^content/a: error: a symbolic link that loops" &&
    printf '%s' "$out" | grep -q "^content/b: error: a symbolic link that loops"
check "two links to . in content/ are errors at their paths, no hang" $? "$status: $out"
rm "$s/content/a" "$s/content/b"
ln -s .. "$s/content/guide/up"
build "$s"
[ $status -eq 1 ] && [ "$(printf '%s\n' "$out" | grep -c error)" -eq 1 ] &&
    printf '%s' "$out" | grep -q "^content/guide/up: error: a symbolic link that loops"
check "a link to the folder above is one error at its path" $? "$status: $out"
rm "$s/content/guide/up"
mkdir -p "$s/content/x" "$s/content/y"
for i in 1 2 3 4 5 6 7 8; do
	ln -s ../y "$s/content/x/l$i"
	ln -s ../x "$s/content/y/l$i"
done
build "$s"
[ $status -eq 1 ] && [ "$(printf '%s\n' "$out" | grep -c error)" -le 16 ]
check "links between two folders end at once" $? "$status: $(printf '%s' "$out" | head -5)"

# the same for static/: links out of it or to folders are not followed
s=$tmp/static
site "$s"
mkdir -p "$s/static/css"
echo "body{}" > "$s/static/css/a.css"
echo "$canary" > "$s/secret.txt"
ln -s ../secret.txt "$s/static/leak.txt"
ln -s . "$s/static/a"
ln -s . "$s/static/b"
ln -s css/a.css "$s/static/b.css"
build "$s"
[ $status -eq 0 ] && [ ! -e "$s/public/leak.txt" ] && [ -f "$s/public/b.css" ] &&
    ! grep -rq "$canary" "$s/public" && printf '%s' "$out" | grep -q "^static/leak.txt: warning"
check "static/: links out of it or to folders are skipped at once, with a warning" $? "$status: $out"

# ---- templates and helpers: bounded, read-only ---------------------------

s=$tmp/lua
site "$s"
# tmpl NAME TEMPLATE: the home page template; must fail within 20 s at its line
tmpl() {
	printf '%s\n' "$2" > "$s/templates/index.html"
	t0=$(date +%s)
	build "$s"
	t1=$(date +%s)
	[ $status -eq 1 ] && [ $((t1 - t0)) -lt 20 ] &&
	    printf '%s' "$out" | grep -q "^templates/index.html:[0-9]*:1: error: $3"
	check "template: $1" $? "exit $status after $((t1 - t0)) s: $out"
}
tmpl "a loop inside pcall is stopped" \
    '<% while true do pcall(function() while true do end end) end %>' "template ran too long"
tmpl "pcall of pcall is stopped" \
    '<% while true do pcall(pcall, pcall, function() while true do end end) end %>' "template ran too long"
tmpl "xpcall with a looping handler is stopped" \
    '<% while true do xpcall(function() while true do end end, function() while true do end end) end %>' \
    "template ran too long"
# a template that loops on every page: the first render out of time
# fails the build, and no other is started (each would take as long)
for i in $(seq 1 30); do
	printf -- '---\ntitle: P%d\n---\nText.\n' "$i" > "$s/content/guide/p$i.md"
done
printf '<%% while true do end %%>\n' > "$s/templates/page.html"
t0=$(date +%s)
build "$s"
t1=$(date +%s)
n=$(printf '%s\n' "$out" | grep -c 'error: template ran too long')
[ $status -eq 1 ] && [ $((t1 - t0)) -lt 20 ] && [ "$n" -ge 1 ] && [ "$n" -le 2 ]
check "template: one looping on every page stops the build after the first" \
    $? "exit $status after $((t1 - t0)) s, $n errors: $out"
rm -f "$s"/content/guide/p*.md
printf '<%%- content %%>\n' > "$s/templates/page.html"
tmpl "string.find with many .- is refused" \
    '<%= string.find(string.rep("a", 3000), ".-.-.-.-.-b") %>' "string.find: the pattern"
tmpl "a method :match with many .* is refused" \
    '<%= ("a"):rep(3000):match("(.*)(.*)(.*)(.*)b") %>' "string.match: the pattern"
tmpl "gsub with nested %b is refused" \
    '<%= ("("):rep(5000):gsub("%b()%b()%b()", "") %>' "string.gsub: the pattern"
tmpl "gmatch with many .- is refused" \
    '<% for w in ("a"):rep(4000):gmatch(".-.-.-x") do end %>' "string.gmatch: the pattern"
tmpl "writing site.title is an error" \
    '<% site.title = site.title .. "+" %>' "the site model is read-only"
tmpl "writing a page of site.pages is an error" \
    '<% site.pages[1].title = "x" %>' "the site model is read-only"
tmpl "table.insert into site.pages is an error" \
    '<% table.insert(site.pages, {}) %>' "the site model is read-only"
tmpl "changing the shared string library is an error" \
    '<% string.upper = string.lower %>' "the site model is read-only"
tmpl "changing what once() keeps is an error" \
    '<% local t = once("k", function() return { 1 } end); t[1] = 2 %>' "the site model is read-only"
tmpl "changing a table deep in what once() keeps is an error" \
    '<% local t = once("k", function() local r = {}; local c = r; for i = 1, 5000 do c.x = {}; c = c.x end; return r end); local c = t; for i = 1, 4999 do c = c.x end; c.x.y = 1 %>' \
    "the site model is read-only"
tmpl "a table nested 20,000 deep for once() is refused" \
    '<% once("k", function() local r = {}; local c = r; for i = 1, 20000 do c.x = {}; c = c.x end; return r end) %>' \
    "a table nested more than 10000 deep cannot be made read-only"
printf '<%%= #site.pages %%> <%% for _, p in ipairs(site.pages) do %%><%%= p.title %%>,<%% end %%> <%%= next(site.pages) ~= nil %%> <%%= ("a b"):gsub("%%s+", "-") %%> <%%= json(site.build) %%>\n' \
    > "$s/templates/index.html"
build "$s"
[ $status -eq 0 ] && grep -q '^2 Home,One, true a-b {&quot;date&quot;' "$s/public/index.html"
check "template: the read-only model still reads as before" $? "$status: $out $(cat "$s/public/index.html" 2>&1)"
# a cycle in what once() keeps: its proxies lead back to themselves
printf '<%% local t = once("c", function() local a, b = {}, {}; a.b, b.a, a.n = b, a, 7; return a end) %%><%%= t.b.a.b.a.n %%> <%%= rawequal(t.b.a, t) %%> <%%= #site.pages > 0 %%>\n' \
    > "$s/templates/index.html"
build "$s"
[ $status -eq 0 ] && grep -q '^7 true true$' "$s/public/index.html"
check "template: a cycle in what once() keeps reads through its proxies" $? "$status: $out $(cat "$s/public/index.html" 2>&1)"
printf '<%%= (("word "):rep(200) .. "end"):match("^(.*%%S)%%s+%%S*$"):len() %%>\n' > "$s/templates/index.html"
build "$s"
[ $status -eq 0 ] && grep -q '^999$' "$s/public/index.html"
check "template: an anchored pattern with three repeats on 1 kB is let through" $? "$status: $out"
printf '<%%= site.title %%>\n' > "$s/templates/index.html"
mkdir -p "$s/lua/site"
printf -- '-- never returns\nwhile true do end\nreturn {}\n' > "$s/lua/site/slow.lua"
t0=$(date +%s)
build "$s"
t1=$(date +%s)
[ $status -eq 1 ] && [ $((t1 - t0)) -lt 20 ] &&
    [ "$out" = "lua/site/slow.lua:2:1: error: template ran too long (over 5 seconds): is there an endless loop?" ]
check "a lua/site helper that never ends is stopped, reported once" $? "exit $status after $((t1 - t0)) s: $out"
printf 'return { setg = function() shared = (shared or 0) + 1; return shared end }\n' > "$s/lua/site/slow.lua"
printf '<%%= setg() %%>\n' > "$s/templates/index.html"
build "$s"
[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^lua/site/slow.lua:1:1: error: cannot set the global 'shared'"
check "a helper cannot keep state between renders in a global" $? "$status: $out"
# A helper that makes and drops more than a worker's 1 GB at load: 1.36 GB,
# 64 kB at a time, fits only if what it drops is collected. (The collector
# is stopped while the model is made, and runtime.lua starts it again
# before the site's helpers run.) Blocks of 64 kB, not megabytes: the
# sanitizers' allocator maps each large block afresh, and 1.3 GB of new
# pages in 8 MB blocks took it past the 5 s a helper may run (5.5 s; 1.5 s
# so).
printf 'local a = ("x"):rep(65536)\nfor i = 1, 20800 do local s = a .. i end\nreturn { n = function() return 7 end }\n' > "$s/lua/site/slow.lua"
printf '<%%= n() %%>\n' > "$s/templates/index.html"
build "$s"
[ $status -eq 0 ] && grep -q '^7$' "$s/public/index.html"
check "a helper's garbage at load is collected, past the memory limit" $? "$status: $out"
rm -rf "$s/lua"

# ---- many broken links: the first 100 a file, in linear time -------------

s=$tmp/many
site "$s"
# ms: milliseconds since the epoch
ms() { date +%s%3N; }
# timed N FORMAT: a home page of N lines made with FORMAT (%d: the line
# number); sets $took (ms), $out and $status
timed() {
	awk -v n="$1" -v f="$2" 'BEGIN { print "---\ntitle: H\n---"; for (i = 0; i < n; i++) printf f "\n", i }' \
	    > "$s/content/_index.md"
	t0=$(ms)
	build "$s"
	took=$(( $(ms) - t0 + 1 ))
}
for kind in "anchors:[a](guide/one.md#nope%d)" "pages:[a](nowhere%d.md)" "includes:{{#include nowhere%d.c}}"; do
	name=${kind%%:*}
	fmt=${kind#*:}
	timed 10000 "$fmt"
	small=$took
	timed 80000 "$fmt"
	big=$took
	shown=$(printf '%s\n' "$out" | grep -c '^content/_index.md:[0-9]*:[0-9]*: error:')
	[ $status -eq 1 ] && [ "$shown" -eq 100 ] &&
	    printf '%s' "$out" | grep -q '^content/_index.md: note: 79900 more errors and 0 more warnings' &&
	    [ "$big" -lt $((small * 24)) ]
	check "80,000 broken $name: 100 shown and a count, time x$((big / small)) for x8 input" $? \
	    "exit $status, $shown shown, ${small} ms for 10,000, ${big} ms for 80,000: $(printf '%s' "$out" | tail -2)"
done
# unclosed includes, all on one line
oneline() {
	printf -- '---\ntitle: H\n---\n%s\n' "$(awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "{{#include x%d ", i }')" \
	    > "$s/content/_index.md"
	t0=$(ms)
	build "$s"
	took=$(( $(ms) - t0 + 1 ))
}
oneline 10000
small=$took
oneline 80000
big=$took
[ $status -eq 1 ] && [ "$big" -lt $((small * 24)) ]
check "80,000 unclosed includes on one line: time x$((big / small)) for x8 input" $? "$status, ${small} ms, ${big} ms"

# ---- URLs and names ------------------------------------------------------

s=$tmp/names
rm -rf "$s"
"$sg" init "$s" > /dev/null
# an absolute base_url: the sitemap and the feed are written only then
sed -i 's|^base_url:.*|base_url: https://example.org/|' "$s/site.yml"
bad=$(printf 'bad\377\376name')
nl=$(printf 'new\nline')
for f in "$bad" "with space" "$nl" "100%" "q?a#b"; do
	printf -- '---\ntitle: "Odd %s"\ndate: 2024-05-01\ntags: [odd]\n---\nText.\n' "$(printf '%s' "$f" | tr -cd 'a-z ')" \
	    > "$s/content/$f.md"
done
mkdir -p "$s/content/$bad dir"
printf -- '---\ntitle: Inside\ndate: 2024-05-02\n---\nText.\n' > "$s/content/$bad dir/page.md"
build "$s"
[ $status -eq 0 ]
check "names: pages named with invalid UTF-8, spaces, newlines, %, ? and # build" $? "$out"
if command -v xmllint > /dev/null; then
	xmllint --noout "$s/public/sitemap.xml" "$s/public/atom.xml" 2>&1
	check "names: sitemap.xml and atom.xml stay well-formed (xmllint)" $? \
	    "$(xmllint --noout "$s/public/sitemap.xml" "$s/public/atom.xml" 2>&1 | head -5)"
fi
grep -q '/bad%FF%FEname/' "$s/public/sitemap.xml" && grep -q '/with%20space/' "$s/public/sitemap.xml" &&
    grep -q '/new%0Aline/' "$s/public/sitemap.xml" && grep -q '/100%25/' "$s/public/sitemap.xml" &&
    grep -q '/q%3Fa%23b/' "$s/public/atom.xml" && grep -q '/bad%FF%FEname%20dir/page/' "$s/public/sitemap.xml" &&
    grep -q 'href="/with%20space/"' "$s/public/index.html" &&
    [ -f "$s/public/with space/index.html" ] && [ -f "$s/public/$bad/index.html" ]
check "names: URLs are percent-encoded in HTML, sitemap and feed; files keep their names" $? \
    "$(grep -a '<loc>' "$s/public/sitemap.xml" | head -12)"
! grep -aq "$(printf '\377')" "$s/public/sitemap.xml" "$s/public/atom.xml"
check "names: no invalid UTF-8 byte in sitemap.xml or atom.xml" $?

s=$tmp/slugs
site "$s"
# fm NAME FRONT-MATTER-LINES EXPECTED-MESSAGE
fm() {
	printf -- '---\ntitle: P\n%s\n---\nText.\n' "$2" > "$s/content/guide/p.md"
	build "$s"
	[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^$3"
	check "names: $1" $? "$status: $out"
	rm "$s/content/guide/p.md"
}
fm "a slug with a NUL is an error at its line" 'slug: "x\0y"' "content/guide/p.md:3:7: error: a NUL character"
fm "a slug with a / is an error at its line" 'slug: a/b' "content/guide/p.md:3:7: error: front matter 'slug' must be one path component"
printf -- '---\ntitle: P\nslug: index.html\n---\nText.\n' > "$s/content/p.md"
build "$s"
[ $status -eq 1 ] && printf '%s' "$out" | grep -q "^content/p.md:3:7: error: this page's output file index.html/index.html clashes with index.html"
check "names: slug index.html clashes with the home page: an error at the slug" $? "$status: $out"
rm "$s/content/p.md"
fm "tags C++ and C are an error naming both" 'tags: ["C++", "C"]' "content/guide/p.md:3:15: error: the tags 'C' and 'C++' both make the page tags/c/"
fm "an empty tag is an error at its line" 'tags:
  - lambda
  - ""' "content/guide/p.md:5:5: error: an empty tag"

# templates: a link out of the site is not read; links to folders not walked
s=$tmp/tlinks
site "$s"
echo "$canary" > "$tmp/outside.html"
ln -s "$tmp/outside.html" "$s/templates/tag.html"
ln -s . "$s/templates/a"
ln -s . "$s/templates/b"
printf -- '---\ntitle: P\ntags: [x]\n---\nText.\n' > "$s/content/guide/t.md"
build "$s"
[ $status -eq 0 ] && ! grep -rq "$canary" "$s/public" &&
    printf '%s' "$out" | grep -q "^templates/tag.html: warning: skipped"
check "templates: links out of the site or to folders are skipped with a warning" $? "$status: $out"
# a static file with a space: its URL is encoded, its file keeps its name
mkdir -p "$s/static"
echo "x" > "$s/static/my file.txt"
printf '<%%= asset("my file.txt") %%>\n' > "$s/templates/index.html"
build "$s"
[ $status -eq 0 ] && grep -q '^/my%20file.txt?v=' "$s/public/index.html" && [ -f "$s/public/my file.txt" ]
check "names: a static file's URL is percent-encoded" $? "$status: $out $(cat "$s/public/index.html")"
