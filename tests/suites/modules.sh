#!/bin/sh
# tests/suites/modules.sh SITEGEN: sitegen's three modules (src/module.h),
# sitegen-gfx.so (cairo, pango, librsvg: PDFs and image sizes),
# sitegen-serve.so (libmicrohttpd: serve) and sitegen-sass.so (libsass: a
# style sheet not in the cache), loaded from beside the program only by the
# runs that use them; a program without them, or with a broken one, says
# why when it needs one. (serve.sh tests the server itself.)
. "$(dirname "$0")/lib/common.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$work

# ---- the graphics module ----------------------------------------------------
mkdir -p "$tmp/nopdf/content" "$tmp/nopdf/templates"
printf 'title: Plain\ntheme: ""\nhandouts: []\n' > "$tmp/nopdf/site.yml"
printf '<%%= site.title %%>: <%%- content %%>\n' > "$tmp/nopdf/templates/index.html"
printf -- '---\ntitle: Home\n---\nNo image, no handout.\n' > "$tmp/nopdf/content/_index.md"
o=$(LD_DEBUG=files "$sg" --root "$tmp/nopdf" --out "$tmp/nopdf-out" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && ! printf '%s\n' "$o" | grep -q 'sitegen-gfx\.so\|libcairo\|librsvg'; then
	ok "a build with no PDF and no image never loads the graphics module"
else
	fail "a build with no PDF and no image never loads the graphics module" "exit $st: $(printf '%s\n' "$o" | grep 'gfx\|cairo\|rsvg\|error' | head -5)"
fi
if [ $st -eq 0 ] && ! printf '%s\n' "$o" | grep -q 'sitegen-serve\.so\|libmicrohttpd\|libgnutls'; then
	ok "a build never loads the serve module"
else
	fail "a build never loads the serve module" "exit $st: $(printf '%s\n' "$o" | grep 'serve\|microhttpd\|gnutls\|error' | head -5)"
fi
o=$(LD_DEBUG=files "$sg" --root "$top/tests/pdf/site" --out "$tmp/fx-out" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && printf '%s\n' "$o" | grep -q 'file=.*sitegen-gfx\.so'; then
	ok "a build with handouts loads the graphics module"
else
	fail "a build with handouts loads the graphics module" "exit $st: $(printf '%s\n' "$o" | grep 'gfx\|error' | head -5)"
fi
# The program alone: the plain site builds as before; handouts say why
# they cannot be made.
mkdir "$tmp/alone"
cp "$sg" "$tmp/alone/sitegen"
v=$("$tmp/alone/sitegen" --version 2>&1)
o=$("$tmp/alone/sitegen" --root "$tmp/nopdf" --out "$tmp/nopdf-alone" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && diff -r "$tmp/nopdf-out" "$tmp/nopdf-alone" > /dev/null; then
	ok "without the graphics module, a site with no PDF builds the same"
else
	fail "without the graphics module, a site with no PDF builds the same" "exit $st: $o"
fi
o=$("$tmp/alone/sitegen" --root "$top/tests/pdf/site" --out "$tmp/fx-alone" --quiet build 2>&1)
st=$?
why="sitegen-gfx.so is neither beside the program nor in ../lib/sitegen/ from it (in $tmp/alone)"
if [ $st -eq 1 ] && [ "$o" = "site.yml: error: a handout needs sitegen's graphics module, which cannot be loaded: $why" ] &&
    printf '%s\n' "$v" | grep -qxF "no graphics module: $why"; then
	ok "without the graphics module, handouts are an error that says why"
else
	fail "without the graphics module, handouts are an error that says why" "exit $st: $o / $v"
fi
# A module beside the program that cannot be loaded is the one reported.
printf 'not a shared object\n' > "$tmp/alone/sitegen-gfx.so"
o=$("$tmp/alone/sitegen" --root "$top/tests/pdf/site" --out "$tmp/fx-alone" --quiet build 2>&1)
st=$?
if [ $st -eq 1 ] && printf '%s\n' "$o" | grep -q "^site.yml: error: a handout needs sitegen's graphics module, which cannot be loaded: $tmp/alone/sitegen-gfx.so: "; then
	ok "a broken graphics module beside the program is reported, not used"
else
	fail "a broken graphics module beside the program is reported, not used" "exit $st: $o"
fi

# A module of this build (its stamp) that lacks one of its functions is
# reported by the function's name, and not used: one loader
# (sg_module_load) for the three.
stamp=$(strings -n 6 "$(dirname "$sg")/sitegen-sass.so" | grep -x '[0-9]\{6,\}' | head -1)
for m in gfx sass serve; do
	printf 'const char sgx_%s_abi[] = "%s";\n' "$m" "$stamp" > "$tmp/lack-$m.c"
	cc -shared -fPIC -o "$tmp/alone/sitegen-$m.so" "$tmp/lack-$m.c"
done
lv=$("$tmp/alone/sitegen" --version 2>&1)
o=$(cd "$tmp/nopdf" && "$tmp/alone/sitegen" serve --port 0 2>&1)
st=$?
if printf '%s\n' "$lv" | grep -qxF "no graphics module: sitegen-gfx.so lacks sgx_pdf_handout" &&
    printf '%s\n' "$lv" | grep -qxF "no Sass module: sitegen-sass.so lacks sgx_sass_compile" &&
    [ $st -eq 1 ] && [ "$o" = "sitegen: serve needs its module, which cannot be loaded: sitegen-serve.so lacks sgx_serve" ]; then
	ok "a module of this build that lacks a function is reported by its name, not used"
else
	fail "a module of this build that lacks a function is reported by its name, not used" "stamp $stamp: $lv / exit $st: $o"
fi
rm -f "$tmp/alone/sitegen-sass.so" "$tmp/alone/sitegen-serve.so"

# ---- the Sass module ----------------------------------------------------------
rm -f "$tmp/alone/sitegen-gfx.so"
mkdir -p "$tmp/styled/content" "$tmp/styled/themes"
printf 'title: Styled\nbase_url: https://example.org/\ntheme: default\nhandouts: []\n' > "$tmp/styled/site.yml"
printf -- '---\ntitle: Home\n---\nA page with the theme.\n' > "$tmp/styled/content/_index.md"
cp -R "$top/themes/default" "$tmp/styled/themes/default"
cp -R "$tmp/styled" "$tmp/styled2"
o=$(LD_DEBUG=files "$sg" --root "$tmp/styled" --out "$tmp/styled-out" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && printf '%s\n' "$o" | grep -q 'file=.*sitegen-sass\.so' &&
    ls "$tmp/styled-out/css/" | grep -q '^main\.[0-9a-f]*\.css$'; then
	ok "a build that compiles a style sheet loads the Sass module"
else
	fail "a build that compiles a style sheet loads the Sass module" "exit $st: $(printf '%s\n' "$o" | grep 'sass\|error' | head -5)"
fi
o=$(LD_DEBUG=files "$sg" --root "$tmp/styled" --out "$tmp/styled-again" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && ! printf '%s\n' "$o" | grep -q 'sitegen-sass\.so\|libsass' &&
    diff -r "$tmp/styled-out" "$tmp/styled-again" > /dev/null; then
	ok "a build whose style sheets are in the cache never loads the Sass module, and makes the same output"
else
	fail "a build whose style sheets are in the cache never loads the Sass module, and makes the same output" "exit $st: $(printf '%s\n' "$o" | grep 'sass\|stdc\|error' | head -5)"
fi
o=$("$tmp/alone/sitegen" --root "$tmp/styled" --out "$tmp/styled-alone" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && diff -r "$tmp/styled-out" "$tmp/styled-alone" > /dev/null; then
	ok "without the Sass module, a site whose style sheets are in the cache builds the same"
else
	fail "without the Sass module, a site whose style sheets are in the cache builds the same" "exit $st: $o"
fi
o=$("$tmp/alone/sitegen" --root "$tmp/styled2" --out "$tmp/styled2-out" --quiet build 2>&1)
st=$?
why="sitegen-sass.so is neither beside the program nor in ../lib/sitegen/ from it (in $tmp/alone)"
if [ $st -eq 1 ] && [ "$o" = "themes/default/scss/main.scss: error: a style sheet needs sitegen's Sass module, which cannot be loaded: $why" ] &&
    printf '%s\n' "$v" | grep -qxF "no Sass module: $why" && [ ! -e "$tmp/styled2-out" ]; then
	ok "without the Sass module, a style sheet to compile is an error that says why"
else
	fail "without the Sass module, a style sheet to compile is an error that says why" "exit $st: $o / $v"
fi

# A style sheet that is a FIFO, or a link that leads out of its scss/
# folder, is refused before libsass reads it (a FIFO hung the build; a link
# to /etc/passwd was compiled, and its first bytes shown in the error); a
# theme that is itself a link (as the fixtures' are) is followed.
mkdir -p "$tmp/styled/scss"
mkfifo "$tmp/styled/scss/fifo.scss"
o=$(timeout 30 "$sg" --root "$tmp/styled" --out "$tmp/styled-fifo" --quiet build 2>&1)
st=$?
rm -f "$tmp/styled/scss/fifo.scss"
if [ $st -eq 1 ] && [ "$o" = "scss/fifo.scss: error: not a regular file inside the site: a style sheet is compiled from one" ]; then
	ok "a style sheet that is a FIFO is an error, not a hang"
else
	fail "a style sheet that is a FIFO is an error, not a hang" "exit $st: $o"
fi
ln -s /etc/passwd "$tmp/styled/scss/leak.scss"
o=$(timeout 30 "$sg" --root "$tmp/styled" --out "$tmp/styled-leak" --quiet build 2>&1)
st=$?
rm -f "$tmp/styled/scss/leak.scss"
if [ $st -eq 1 ] && [ "$o" = "scss/leak.scss: error: not a regular file inside the site: a style sheet is compiled from one" ]; then
	ok "a style sheet that links out of the site is refused unread"
else
	fail "a style sheet that links out of the site is refused unread" "exit $st: $o"
fi
mkdir -p "$tmp/linked/themes"
cp "$tmp/styled/site.yml" "$tmp/linked/site.yml"
cp -R "$tmp/styled/content" "$tmp/linked/content"
ln -s "$tmp/styled/themes/default" "$tmp/linked/themes/default"
o=$("$sg" --root "$tmp/linked" --out "$tmp/linked-out" --quiet build 2>&1)
st=$?
if [ $st -eq 0 ] && ls "$tmp/linked-out/css/" | grep -q '^main\.[0-9a-f]*\.css$'; then
	ok "a theme that is a link to a folder outside the site has its style sheets compiled"
else
	fail "a theme that is a link to a folder outside the site has its style sheets compiled" "exit $st: $o"
fi

# Every @import goes through the module's importer: one that leads out of
# the site's and the theme's scss/ folders (an absolute path, "../", a link
# in scss/), or to a FIFO, is an error at the @import, with nothing of the
# file read (libsass alone quoted "/etc/hostname" in its error, would have
# published a file that is valid CSS, and hung on a FIFO). A site's own
# partials, its overrides, and plain CSS imports still work.
imp() {	# imp NAME IMPORT... : a style sheet of those imports; sets o, st
	n=$1; shift
	: > "$tmp/styled/scss/$n.scss"
	for i in "$@"; do printf '@import "%s";\n' "$i" >> "$tmp/styled/scss/$n.scss"; done
	o=$(timeout 30 "$sg" --root "$tmp/styled" --out "$tmp/styled-imp" --quiet build 2>&1)
	st=$?
	rm -f "$tmp/styled/scss/$n.scss"
}
refused() {	# refused NAME URL WHAT
	if [ $st -eq 1 ] && [ "$o" = "scss/$1.scss:1:9: error: Sass: \"$2\" is not a regular file inside the site's or the theme's scss/ folder: a style sheet imports only from those" ] &&
	    [ ! -e "$tmp/styled-imp" ]; then
		ok "Sass: $3 is refused at the @import, unread"
	else
		fail "Sass: $3 is refused at the @import, unread" "exit $st: $o"
	fi
}
printf 'secret-of-the-host{color:red}\n' > "$tmp/outside.css"
cp "$tmp/outside.css" "$tmp/outside.scss"
imp abs "$tmp/outside.scss"
refused abs "$tmp/outside.scss" "an import by absolute path out of the site"
imp up "../../outside.scss"
refused up "../../outside.scss" "an import by ../ out of the site"
ln -s "$tmp/outside.scss" "$tmp/styled/scss/_out.scss"
imp lnk out
rm -f "$tmp/styled/scss/_out.scss"
refused lnk out "an import of a link in scss/ that leads out of it"
imp etc /etc/hostname
# (and none of its text: a start of the host's name short enough to be a
# word of the message is not looked for)
h=$(head -c 8 /etc/hostname | tr -d '\n')
if [ ${#h} -ge 6 ]; then case $o in *"$h"*) st=99 ;; esac; fi
refused etc /etc/hostname "an import of /etc/hostname"
mkfifo "$tmp/styled/scss/_pipe.scss"
imp fifo pipe
rm -f "$tmp/styled/scss/_pipe.scss"
refused fifo pipe "an import of a FIFO"
imp none nosuch
if [ $st -eq 1 ] && [ "$o" = "scss/none.scss:1:9: error: Sass: no style sheet \"nosuch\" to import in the site's or the theme's scss/ folder" ]; then
	ok "Sass: an import of a missing file is an error at its line"
else
	fail "Sass: an import of a missing file is an error at its line" "exit $st: $o"
fi
printf '$c: #123456;\n$article-w: 41.5rem;\n' > "$tmp/styled/scss/_overrides.scss"
printf '.own{color:$c}\n' > "$tmp/styled/scss/_own.scss"
imp ok https://fonts.example.org/a.css //cdn.example.org/b.css plain.css overrides own
css=$(cat "$tmp"/styled-imp/css/ok.*.css 2>/dev/null)
rm -f "$tmp/styled/scss/_overrides.scss" "$tmp/styled/scss/_own.scss"
if [ $st -eq 0 ] && [ "$css" = '@import "https://fonts.example.org/a.css";@import "//cdn.example.org/b.css";@import url(plain.css);.own{color:#123456}' ] &&
    grep -q '41.5rem' "$tmp"/styled-imp/css/main.*.css; then
	ok "Sass: the site's partials and overrides are imported, plain CSS imports are kept"
else
	fail "Sass: the site's partials and overrides are imported, plain CSS imports are kept" "exit $st: $o / $css"
fi
rm -rf "$tmp/styled-imp"
# A style sheet, or a file it imports, is UTF-8 text without NUL bytes: a
# NUL cut the rest of the file off without a word (libsass reads C
# strings), and bytes that are not UTF-8 gave libsass's "Not enough space"
# with no line. Each is an error at its line and column.
printf '.a{b:c}\n.d{e:f}\0.g{h:i}\n' > "$tmp/styled/scss/nul.scss"
o=$("$sg" --root "$tmp/styled" --out "$tmp/styled-nul" --quiet build 2>&1)
st=$?
rm -f "$tmp/styled/scss/nul.scss"
if [ $st -eq 1 ] && [ "$o" = "scss/nul.scss:2:8: error: a style sheet may not hold a NUL byte" ] && [ ! -e "$tmp/styled-nul" ]; then
	ok "Sass: a NUL byte in a style sheet is an error at its line, not the rest of the file dropped"
else
	fail "Sass: a NUL byte in a style sheet is an error at its line, not the rest of the file dropped" "exit $st: $o"
fi
printf '.a{b:c}\n.d{e:"\377\376"}\n' > "$tmp/styled/scss/bytes.scss"
o=$("$sg" --root "$tmp/styled" --out "$tmp/styled-bytes" --quiet build 2>&1)
st=$?
rm -f "$tmp/styled/scss/bytes.scss"
if [ $st -eq 1 ] && [ "$o" = "scss/bytes.scss:2:7: error: a style sheet must be UTF-8 text: this byte is not" ]; then
	ok "Sass: bytes that are not UTF-8 are an error at their line"
else
	fail "Sass: bytes that are not UTF-8 are an error at their line" "exit $st: $o"
fi
printf '.p{q:r}\n\0\n' > "$tmp/styled/scss/_part.scss"
imp withpart part
rm -f "$tmp/styled/scss/_part.scss"
if [ $st -eq 1 ] && [ "$o" = 'scss/withpart.scss:1:9: error: Sass: "part" (_part.scss) may not hold a NUL byte (line 2, column 1)' ]; then
	ok "Sass: a NUL byte in an imported file is an error that says where"
else
	fail "Sass: a NUL byte in an imported file is an error that says where" "exit $st: $o"
fi

# Sass's errors name the file from the site root, the site given by a
# relative --root too (libsass is handed the text, and the path to name).
printf '.a{b:c}\n.d{\n' > "$tmp/styled/scss/open.scss"
o=$(cd "$tmp" && "$sg" --root styled --out styled-open --quiet build 2>&1)
st=$?
rm -f "$tmp/styled/scss/open.scss"
if [ $st -eq 1 ] && [ "$o" = 'scss/open.scss:2:4: error: Sass: Invalid CSS after ".d{": expected "}", was ""' ]; then
	ok "Sass: an error names its file from the site root, with a relative --root"
else
	fail "Sass: an error names its file from the site root, with a relative --root" "exit $st: $o"
fi

# The importer finds a file as libsass does: beside the file that imports
# it first (a partial in a subfolder that imports its neighbour), then in
# the site's and the theme's scss/; never in the folder sitegen is run
# from (libsass's own finder for importers looks there first, and took a
# _settings.scss there for the theme's "settings"). Two files an import
# could mean are an error.
mkdir -p "$tmp/styled/scss/sub" "$tmp/cwd"
printf '@import "inner";\n.part{a:b}\n' > "$tmp/styled/scss/sub/_part.scss"
printf '.inner{c:d}\n' > "$tmp/styled/scss/sub/_inner.scss"
printf 'this is not Sass {\n' > "$tmp/cwd/_settings.scss"
printf 'this is not Sass {\n' > "$tmp/cwd/_inner.scss"
printf '@import "sub/part";\n' > "$tmp/styled/scss/nest.scss"
o=$(cd "$tmp/cwd" && "$sg" --root "$tmp/styled" --out "$tmp/styled-nest" --quiet build 2>&1)
st=$?
css=$(cat "$tmp"/styled-nest/css/nest.*.css 2>/dev/null)
if [ $st -eq 0 ] && [ "$css" = '.inner{c:d}.part{a:b}' ]; then
	ok "Sass: an import is found beside the file that imports it, never in the folder sitegen runs in"
else
	fail "Sass: an import is found beside the file that imports it, never in the folder sitegen runs in" "exit $st: $o / $css"
fi
printf '.other{}\n' > "$tmp/styled/scss/sub/inner.scss"
o=$("$sg" --root "$tmp/styled" --out "$tmp/styled-two" --quiet build 2>&1)
st=$?
rm -rf "$tmp/styled/scss/sub" "$tmp/styled/scss/nest.scss"
if [ $st -eq 1 ] && [ "$o" = 'scss/sub/_part.scss:1:9: error: Sass: "inner" could be _inner.scss or inner.scss, side by side: rename one' ]; then
	ok "Sass: an import that could mean two files is an error that names both"
else
	fail "Sass: an import that could mean two files is an error that names both" "exit $st: $o"
fi

# ---- the serve module --------------------------------------------------------
o=$(cd "$tmp/nopdf" && "$tmp/alone/sitegen" serve --port 0 2>&1)
st=$?
if [ $st -eq 1 ] && [ "$o" = "sitegen: serve needs its module, which cannot be loaded: sitegen-serve.so is neither beside the program nor in ../lib/sitegen/ from it (in $tmp/alone)" ]; then
	ok "without its module, serve stops at once and says why"
else
	fail "without its module, serve stops at once and says why" "exit $st: $o"
fi
