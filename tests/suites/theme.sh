#!/bin/sh
# tests/suites/theme.sh SITEGEN: the default theme's output, checked on
# two sites built under a sub-path base URL: the fixture site of
# tests/fixtures/theme and this guide (content/). For each:
#
#   - the HTML is valid for the Nu Html Checker (vnu.jar, --errors-only);
#   - sitemap.xml and atom.xml are well-formed (xmllint) and every URL in
#     them starts with the base URL; robots.txt names the sitemap;
#   - every site-relative href and src (and url() in CSS) resolves to a
#     file of the output, its #fragment to an id in that file, and none
#     leaves the base path;
#   - nothing is loaded from another host: no src= or <link> to another
#     host, no absolute URL in the CSS;
#   - every page carries the Content-Security-Policy meta tag, and has no
#     inline script, style element, style attribute or event handler;
#   - the sidebar marks the page being read with aria-current="page";
#
# and the colour pairs of scss/_palette.scss pass WCAG AA in both schemes.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
set -u
sg=$1
top=$(pwd)
theme=$top/themes/default
base=https://example.org/guide/
host=https://example.org
bpath=/guide/
vnu=${VNU_JAR:-$top/build/tools/node_modules/vnu-jar/build/dist/vnu.jar}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset SOURCE_DATE_EPOCH

ok() { echo "ok $1"; }
fail() {
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -40
	return 0
}

# ---- the two sites ------------------------------------------------------

sites=
if msg=$("$sg" --root "$top/tests/fixtures/theme/site" --out "$tmp/fixture" \
    --quiet build 2>&1); then
	ok "theme: the fixture site builds"
	sites="$sites fixture"
else
	fail "theme: the fixture site builds" "$msg"
fi
if msg=$("$sg" --root "$top" --out "$tmp/guide" --base-url "$base" --quiet \
    build 2>&1); then
	ok "theme: this guide builds under a sub-path"
	sites="$sites guide"
else
	fail "theme: this guide builds under a sub-path" "$msg"
fi

# ---- HTML validity ------------------------------------------------------

if [ -z "$sites" ]; then
	:
elif ! command -v java > /dev/null 2>&1 || [ ! -f "$vnu" ]; then
	if [ -n "${CI:-}" ]; then
		fail "theme: the Nu Html Checker is installed" \
		    "no java or no $vnu: run ./build.sh test, which installs both"
	else
		echo "notice: the Nu Html Checker (java, vnu.jar) is missing:" \
		    "HTML validity not checked; ./build.sh test installs it"
	fi
else
	dirs=
	for s in $sites; do dirs="$dirs $tmp/$s"; done
	# shellcheck disable=SC2086
	if out=$(java -Xss4m -jar "$vnu" --errors-only --skip-non-html $dirs 2>&1); then
		ok "theme: the HTML is valid (Nu Html Checker)"
	else
		fail "theme: the HTML is valid (Nu Html Checker)" \
		    "$(printf '%s\n' "$out" | sed "s|$tmp/||g")"
	fi
fi

# ---- feeds --------------------------------------------------------------

for s in $sites; do
	out=$tmp/$s
	if msg=$(xmllint --noout "$out/sitemap.xml" "$out/atom.xml" 2>&1); then
		ok "theme $s: sitemap.xml and atom.xml are well-formed"
	else
		fail "theme $s: sitemap.xml and atom.xml are well-formed" "$msg"
	fi
	bad=$(sed -n 's|.*<loc>\([^<]*\)</loc>.*|\1|p' "$out/sitemap.xml" |
	    grep -v "^$base")
	n=$(grep -c '<loc>' "$out/sitemap.xml")
	if [ -z "$bad" ] && [ "$n" -gt 1 ]; then
		ok "theme $s: sitemap URLs start with $base"
	else
		fail "theme $s: sitemap URLs start with $base" "${bad:-no <loc> in it}"
	fi
	bad=$( (grep -o 'href="[^"]*"' "$out/atom.xml" | sed 's/^href="//; s/"$//'
	    sed -n 's|.*<id>\([^<]*\)</id>.*|\1|p' "$out/atom.xml") | grep -v "^$base")
	n=$(grep -c '<entry>' "$out/atom.xml")
	if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
		ok "theme $s: atom.xml links and ids start with $base"
	else
		fail "theme $s: atom.xml links and ids start with $base" "${bad:-no entry in it}"
	fi
	if grep -qx "Sitemap: ${base}sitemap.xml" "$out/robots.txt"; then
		ok "theme $s: robots.txt names the sitemap"
	else
		fail "theme $s: robots.txt names the sitemap" "$(cat "$out/robots.txt")"
	fi
done

# ---- links, foreign hosts, CSP ------------------------------------------

# Reads the list of output files, then every HTML and CSS file; prints
# one line per problem.
cat > "$tmp/links.awk" <<'EOF'
function norm(u,    n, i, k, parts, out, lead) {
	n = split(u, parts, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "." || (parts[i] == "" && i > 1))
			continue
		if (parts[i] == "..") {
			if (k > 1)
				k--
			continue
		}
		out[++k] = parts[i]
	}
	u = ""
	for (i = 1; i <= k; i++)
		u = u (i > 1 ? "/" : "") out[i]
	if (parts[n] == "" || parts[n] == "." || parts[n] == "..")
		u = u "/"
	return u
}
# a link from file src (whose URL directory is dir) to ref
function link(src, dir, ref, kind,    frag, p, u, f) {
	if (ref == "" || ref ~ /^[a-zA-Z][a-zA-Z0-9+.-]*:/ || ref ~ /^\/\//)
		return
	frag = ""
	if ((p = index(ref, "#")) > 0) {
		frag = substr(ref, p + 1)
		ref = substr(ref, 1, p - 1)
	}
	if ((p = index(ref, "?")) > 0)
		ref = substr(ref, 1, p - 1)
	if (ref == "")
		f = src
	else {
		u = substr(ref, 1, 1) == "/" ? ref : dir ref
		u = norm(u)
		if (substr(u, 1, length(bpath)) != bpath) {
			print src ": " kind " " u " is outside the base path " bpath
			return
		}
		f = substr(u, length(bpath) + 1)
		if (f == "" || f ~ /\/$/)
			f = f "index.html"
		else if (!(f in files) && ((f "/index.html") in files))
			f = f "/index.html"
	}
	if (!(f in files)) {
		print src ": " kind " " ref " names no file of the output"
		return
	}
	if (frag != "" && f ~ /\.html$/)
		want[f SUBSEP frag] = src ": " kind " " ref "#" frag " names no id in " f
}
FNR == 1 {
	nfile++
	if (nfile > 1) {
		rel = substr(FILENAME, length(root) + 2)
		dir = bpath rel
		sub(/[^\/]*$/, "", dir)
		html = rel ~ /\.html$/
		if (html) {
			pages++
			csp[rel] = 0
		}
	}
}
nfile == 1 { files[$0] = 1; next }
html {
	line = $0
	while (match(line, /<[a-zA-Z][^>]*>/)) {
		tag = substr(line, RSTART, RLENGTH)
		line = substr(line, RSTART + RLENGTH)
		name = tolower(substr(tag, 2))
		sub(/[ \/>].*/, "", name)
		if (name == "meta" && tag ~ /http-equiv="Content-Security-Policy"/) {
			c = tag
			sub(/.*content="/, "", c)
			sub(/".*/, "", c)
			if (c ~ /default-src 'self'/ && c ~ /script-src 'self'/ &&
			    c ~ /style-src 'self'/ && c ~ /object-src 'none'/ &&
			    c !~ /unsafe-/ && c !~ /\*/)
				csp[rel]++
			else
				print rel ": a weak Content-Security-Policy: " c
		}
		if (name == "script" && tag !~ / src="/)
			print rel ": an inline <script>"
		if (name == "style")
			print rel ": a <style> element"
		if (tag ~ / style="/)
			print rel ": a style attribute: " tag
		if (tag ~ / on[a-z]+="/)
			print rel ": an event handler attribute: " tag
		if (tag ~ / aria-current="page"/ && name == "a" && tag !~ /class="site-title"/)
			marked[rel]++
		t = tag
		while (match(t, / (href|src|id)="[^"]*"/)) {
			a = substr(t, RSTART + 1, RLENGTH - 2)
			t = substr(t, RSTART + RLENGTH)
			k = substr(a, 1, index(a, "=") - 1)
			v = substr(a, index(a, "=") + 2)
			gsub(/&amp;/, "\\&", v)
			if (k == "id") {
				ids[rel SUBSEP v] = 1
				continue
			}
			if (v ~ /^(https?:)?\/\// && v !~ "^" host "(/|$)" &&
			    (k == "src" || (name == "link" && tag !~ /rel="(canonical|alternate)"/)))
				print rel ": loads " v " from another host"
			link(rel, dir, v, k)
		}
	}
	next
}
rel ~ /\.css$/ {
	line = $0
	if (line ~ /@import/)
		print rel ": @import in the CSS"
	while (match(line, /url\([^)]*\)/)) {
		v = substr(line, RSTART + 4, RLENGTH - 5)
		line = substr(line, RSTART + RLENGTH)
		gsub(/["']/, "", v)
		if (v ~ /^(https?:)?\/\//)
			print rel ": the CSS loads " v
		else if (v !~ /^data:/)
			link(rel, dir, v, "url()")
	}
}
END {
	for (k in want) {
		split(k, p, SUBSEP)
		if (!((p[1] SUBSEP p[2]) in ids))
			print want[k]
	}
	for (r in csp)
		if (csp[r] != 1)
			print r ": " csp[r] " Content-Security-Policy meta tags, want 1"
	for (r in csp)
		if (r !~ /^(404\.html|tags\/|categories\/|slides\/)/ && !(r in marked))
			print r ": the sidebar does not mark this page (aria-current)"
	if (pages < 3)
		print "only " pages " HTML pages"
}
EOF

for s in $sites; do
	out=$tmp/$s
	(cd "$out" && find . -type f | sed 's|^\./||') > "$tmp/$s.files"
	find "$out" -type f \( -name '*.html' -o -name '*.css' \) | LC_ALL=C sort > "$tmp/$s.scan"
	# shellcheck disable=SC2046
	problems=$(awk -v root="$out" -v bpath="$bpath" -v host="$host" \
	    -f "$tmp/links.awk" "$tmp/$s.files" $(cat "$tmp/$s.scan") | LC_ALL=C sort)
	for kind in "links and anchors resolve" "nothing is loaded from another host" \
	    "every page has the CSP meta tag and nothing inline" \
	    "the sidebar marks the current page"; do
		case $kind in
		links*) pat='names no|outside the base' ;;
		nothing*) pat='another host|CSS loads|@import' ;;
		every*) pat='Content-Security|inline|<style>|style attribute|event handler' ;;
		*) pat='does not mark|only [0-9]* HTML' ;;
		esac
		got=$(printf '%s\n' "$problems" | grep -E "$pat")
		if [ -z "$got" ]; then ok "theme $s: $kind"
		else fail "theme $s: $kind" "$got"; fi
	done
	left=$(printf '%s\n' "$problems" | grep -vE 'names no|outside the base|another host|CSS loads|@import|Content-Security|inline|<style>|style attribute|event handler|does not mark|only [0-9]* HTML' | grep .)
	[ -n "$left" ] && fail "theme $s: the link checker" "$left"
	# the style sheet is fingerprinted and compressed
	if ls "$out"/css/main.*.css > /dev/null 2>&1 &&
	    [ "$(grep -c '' "$out"/css/main.*.css)" -le 2 ]; then
		ok "theme $s: css/main.HASH.css, compressed"
	else
		fail "theme $s: css/main.HASH.css, compressed" "$(ls "$out/css")"
	fi
done

# ---- colour contrast ----------------------------------------------------

# text:background pairs (minimum 4.5:1) and focus rings (3:1)
pairs='text:bg text:bg-soft text:bg-stripe text:bg-head text:bg-hover
text-2:bg text-2:bg-soft text-2:bg-hover text-2:bg-head text-2:bg-code
accent:bg accent:bg-soft accent:accent-soft accent:bg-hover on-accent:accent
text:accent-soft
code-text:bg-code code-text:bg-inline-code code-text:bg tip:bg
code-text:bg-output text-2:bg-output code-text:caution-bg
tok-kw:bg-code tok-ty:bg-code tok-str:bg-code tok-num:bg-code tok-com:bg-code
tok-pp:bg-code tok-fn:bg-code tok-op:bg-code tok-pu:bg-code tok-at:bg-code
tok-tag:bg-code tok-var:bg-code tok-con:bg-code tok-hd:bg-code
tok-ins:tok-ins-bg tok-del:tok-del-bg
note:note-bg text:note-bg accent:note-bg
tip:tip-bg text:tip-bg accent:tip-bg
important:important-bg text:important-bg accent:important-bg
warning:warning-bg text:warning-bg accent:warning-bg
caution:caution-bg text:caution-bg accent:caution-bg
focus:bg:3 focus:bg-soft:3 focus:accent-soft:3'
if [ -f "$theme/scss/_palette.scss" ]; then
	got=$(awk -v pairs="$pairs" '
	function hex(s,    i, v) {
		s = tolower(s)
		v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	function chan(c) {
		c /= 255
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4
	}
	function lum(h) {
		sub(/^#/, "", h)
		if (length(h) == 3)
			h = substr(h, 1, 1) substr(h, 1, 1) substr(h, 2, 1) substr(h, 2, 1) substr(h, 3, 1) substr(h, 3, 1)
		return 0.2126 * chan(hex(substr(h, 1, 2))) + 0.7152 * chan(hex(substr(h, 3, 2))) + 0.0722 * chan(hex(substr(h, 5, 2)))
	}
	/^\$[a-z]+: *\(/ { scheme = $1; sub(/^\$/, "", scheme); sub(/:.*/, "", scheme); schemes[++ns] = scheme; next }
	/^\);/ { scheme = ""; next }
	scheme != "" && /^ *[a-z0-9-]+: *#[0-9a-fA-F]+,?$/ {
		k = $1; sub(/:$/, "", k)
		v = $2; sub(/,$/, "", v)
		col[scheme, k] = v
	}
	END {
		n = split(pairs, list, /[ \n]+/)
		for (s = 1; s <= ns; s++)
			for (i = 1; i <= n; i++) {
				if (list[i] == "") continue
				m = split(list[i], p, ":")
				need = m > 2 ? p[3] + 0 : 4.5
				if (!((schemes[s], p[1]) in col) || !((schemes[s], p[2]) in col)) {
					print schemes[s] ": no colour " p[1] " or " p[2]
					continue
				}
				a = lum(col[schemes[s], p[1]]); b = lum(col[schemes[s], p[2]])
				r = a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05)
				checked++
				if (r < need)
					printf "%s: %s %s on %s %s is %.2f:1, want %.1f:1\n", schemes[s], p[1], col[schemes[s], p[1]], p[2], col[schemes[s], p[2]], r, need
			}
		if (ns < 2 || checked < 50)
			print "found " ns " schemes and " checked " pairs in the palette"
	}' "$theme/scss/_palette.scss")
	if [ -z "$got" ]; then ok "theme: colour contrast passes WCAG AA in both schemes"
	else fail "theme: colour contrast passes WCAG AA in both schemes" "$got"; fi
else
	fail "theme: colour contrast passes WCAG AA in both schemes" "no scss/_palette.scss"
fi
# ---- a section of many pages ---------------------------------------------

# Past 100 pages a section lists 100 at a time in the sidebar: the window
# that holds the page being read, with links to the windows before and
# after (every page of a 3,000-page section listed all 3,000).
w=$tmp/window
mkdir -p "$w/content/posts" "$w/themes"
ln -s "$theme" "$w/themes/default"
printf 'title: W\nbase_url: https://example.org/\ntheme: default\nhandouts: []\n' > "$w/site.yml"
printf -- '---\ntitle: Posts\n---\nAll of them.\n' > "$w/content/posts/_index.md"
i=1
while [ $i -le 250 ]; do
	printf -- '---\ntitle: Post %d\nweight: %d\n---\nText.\n' $i $i > "$w/content/posts/p$i.md"
	i=$((i + 1))
done
if msg=$("$sg" --root "$w" --out "$tmp/window-out" --quiet build 2>&1) && [ -z "$msg" ]; then
	# the sidebar's list of posts, as "NUMBER" or "+N>NUMBER" (a link
	# past the window: N pages, to post NUMBER) and "*" after the marked
	got=$(for n in 1 150 250; do
		sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$tmp/window-out/posts/p$n/index.html" |
		    sed -n 's|.*<a class="nav-more" href="/posts/p\([0-9]*\)/">… \([0-9]*\) [a-z]*</a>.*|+\2>\1|p; s|.*<li><a href="/posts/p\([0-9]*\)/"\( aria-current\)*.*|\1\2|p' |
		    sed 's/ aria-current/*/' | awk 'NR == 1 || NR == 2 || /\*|\+/ { printf "%s ", $0 } END { printf "(%d)\n", NR }'
	done)
	want="1* 2 +150>101 (101)
+100>1 101 150* +50>201 (102)
+200>101 201 250* (51)"
	if [ "$got" = "$want" ]; then
		ok "theme: a section of 250 pages lists 100 at a time in the sidebar"
	else
		fail "theme: a section of 250 pages lists 100 at a time in the sidebar" "got:
$got
want:
$want"
	fi
else
	fail "theme: a section of 250 pages lists 100 at a time in the sidebar" "$msg"
fi
# ---- nested sections on a large site ---------------------------------------

# With only the reader's section open (sidebar: current, as past 150
# pages), the sections inside it are open on the way down to the page's
# and closed beside it.
n=$tmp/nested
for d in docs docs/a docs/a/x docs/b; do
	mkdir -p "$n/content/$d"
	printf -- '---\ntitle: %s\n---\nText.\n' "$(basename "$d")" > "$n/content/$d/_index.md"
	printf -- '---\ntitle: In %s\n---\nText.\n' "$(basename "$d")" > "$n/content/$d/page.md"
done
mkdir -p "$n/themes"
ln -s "$theme" "$n/themes/default"
printf 'title: N\nbase_url: https://example.org/\ntheme: default\nhandouts: []\nparams:\n  sidebar: current\n' > "$n/site.yml"
if msg=$("$sg" --root "$n" --out "$tmp/nested-out" --quiet build 2>&1) && [ -z "$msg" ]; then
	# each section of the sidebar as TITLE+ (open) or TITLE- (closed)
	got=$(for p in docs/page docs/a/x/page docs/b/page; do
		sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$tmp/nested-out/$p/index.html" |
		    awk '/<div class="nav-group/ { open = $0 !~ /nav-closed/ }
		    /class="nav-group-title"/ { sub(/.*">/, ""); sub(/<.*/, ""); printf "%s%s ", $0, open ? "+" : "-" }
		    END { print "" }'
	done)
	want="docs+ a- b- 
docs+ a+ x+ b- 
docs+ a- b+ "
	if [ "$got" = "$want" ]; then
		ok "theme: inside the reader's section, only the sections on the way to the page are open"
	else
		fail "theme: inside the reader's section, only the sections on the way to the page are open" "got:
$got
want:
$want"
	fi
else
	fail "theme: inside the reader's section, only the sections on the way to the page are open" "$msg"
fi
exit 0
