#!/bin/sh
# tests/run.sh BUILD_DIR... [--regen]: the whole test suite, once for each
# build directory given (a normal build and the sanitizer build). Each
# holds the sitegen binary and the unit-test programs in tests/. The last
# line printed is "N passed, N failed".
#
#   unit tests       BUILD/tests/test_*: one "ok NAME" / "FAIL NAME" line a case
#   fixtures         tests/fixtures/NAME/site built and compared with
#                    tests/fixtures/NAME/expected (diff -ru); --regen rewrites
#                    the expectation after you reviewed the change
#   error cases      tests/errors/NAME/site must fail with exit 1, print
#                    exactly tests/errors/NAME/expected, leave public/ as it was
#   pathological     generated inputs that must finish at once without a crash
#   determinism      --jobs 1 and --jobs 4, and two runs, give identical trees
#   command line     --version, --help against the man page, init, new
#   suites           tests/suites/*.sh SITEGEN: scripted cases (samples, the
#                    sandbox), each printing "ok NAME" / "FAIL NAME" lines
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
regen=0
builds=
for a in "$@"; do
	case $a in
	--regen) regen=1 ;;
	*) builds="$builds $(cd "$a" && pwd)" ;;
	esac
done
[ -n "$builds" ] || { echo "usage: tests/run.sh BUILD_DIR... [--regen]" >&2; exit 2; }
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Reproducible: no build date from the clock, no colour, one locale; and,
# run from `make test`, none of that make's flags in the makes the suites
# run (its -w put "Entering directory" lines into the output they check).
unset SOURCE_DATE_EPOCH NO_COLOR MAKEFLAGS MFLAGS MAKELEVEL
export LC_ALL=C.UTF-8
# intercept_tls_get_addr=0: LeakSanitizer's tracer (GCC 12's libasan) now
# and then dies with "Tracer caught signal 11" as a process that loaded
# the graphics module exits, which fails a test with no leak found (1 of
# 360 runs of `sitegen pdf` on two busy workers; google/sanitizers#1353).
# Not tracking dynamic TLS is the known way round it (0 of 240 runs); only
# libraries have dynamic TLS here, sitegen's own is static.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:intercept_tls_get_addr=0
# leaks inside libraries (tests/lsan.supp says which and why)
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

pass() { passed=$((passed + 1)); [ -n "${VERBOSE:-}" ] && echo "ok $1"; return 0; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -40; return 0; }

# A tree listing with checksums, to tell whether a directory changed.
snapshot() { (cd "$1" && find . -print | LC_ALL=C sort | while read -r f; do
	if [ -f "$f" ]; then echo "$f $(cksum < "$f")"; else echo "$f"; fi; done); }

# One unit-test program: $1 its name in the results, then its command.
unit_one() {
	name=$1
	shift
	out=$(cd "$top" && "$@" 2>&1)
	status=$?
	oks=$(printf '%s\n' "$out" | grep -c '^ok ')
	fails=$(printf '%s\n' "$out" | grep -c '^FAIL ')
	passed=$((passed + oks))
	if [ "$fails" -gt 0 ] || [ $status -ne 0 ] || [ "$oks" -eq 0 ]; then
		fail "unit $name ($fails failed, exit $status)" "$out"
	fi
}

run_unit() {
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] && unit_one "$(basename "$t")" "$t"
	done
	# the scanners' SSE2 paths, which a processor with AVX2 never takes
	# unless told so (sg_avx2): their tests again, told so
	for name in test_buf test_search test_search_token test_secrets; do
		t="$build/tests/$name"
		[ -x "$t" ] && unit_one "$name without AVX2" env \
		    SITEGEN_NO_AVX2=1 "$t"
	done
}

run_fixtures() {
	for dir in "$top"/tests/fixtures/*/; do
		name=$(basename "$dir")
		out="$tmp/fixture-$name"
		args=
		[ -f "$dir/args" ] && args=$(cat "$dir/args")
		rm -rf "$out"
		# shellcheck disable=SC2086
		if ! msg=$("$sg" --root "$dir/site" --out "$out" --quiet $args build 2>&1); then
			fail "fixture $name: build failed" "$msg"
			continue
		fi
		if [ $regen -eq 1 ]; then
			rm -rf "$dir/expected"
			cp -R "$out" "$dir/expected"
			# the handout PDFs are checked by tests/suites/pdf.sh,
			# not byte for byte
			rm -rf "$dir/expected/handouts"
			rm -f "$dir/expected/.sitegen-output"
			echo "regenerated tests/fixtures/$name/expected"
			pass "fixture $name"
		elif d=$(diff -ru -x handouts -x .sitegen-output "$dir/expected" "$out" 2>&1); then
			pass "fixture $name"
		else
			fail "fixture $name differs from expected (make -C src regen accepts it)" "$d"
		fi
		if [ -n "$msg" ] && [ ! -f "$dir/warnings" ]; then
			fail "fixture $name printed diagnostics" "$msg"
		fi
	done
}

run_errors() {
	for dir in "$top"/tests/errors/*/; do
		name=$(basename "$dir")
		site="$tmp/error-$name"
		rm -rf "$site"
		cp -R "$dir/site" "$site"
		mkdir -p "$site/public/old"
		echo "the previous build" > "$site/public/old/index.html"
		: > "$site/public/.sitegen-output"
		before=$(snapshot "$site/public")
		got=$(cd "$site" && timeout 60 "$sg" --quiet --jobs 2 build 2>&1)
		status=$?
		want=$(cat "$dir/expected")
		after=$(snapshot "$site/public")
		left=$(ls -d "$site"/public.sitegen-* 2>/dev/null)
		if [ $status -ne 1 ]; then
			fail "error $name: exit $status, want 1" "$got"
		elif [ "$got" != "$want" ]; then
			fail "error $name: message differs" "$(printf 'got:\n%s\nwant:\n%s' "$got" "$want")"
		elif [ "$before" != "$after" ]; then
			fail "error $name: public/ changed"
		elif [ -n "$left" ]; then
			fail "error $name: a staging folder was left behind: $left"
		else
			pass "error $name"
		fi
	done
}

# A one-page site holding content/index.md as given on stdin.
tiny_site() {
	rm -rf "$1"
	mkdir -p "$1/content" "$1/templates"
	printf 'title: t\ntheme: ""\n' > "$1/site.yml"
	printf '<%%- content %%>\n' > "$1/templates/page.html"
	printf '<%%= site.title %%><%%- content %%>\n' > "$1/templates/index.html"
	printf '<%%- content %%>\n' > "$1/templates/section.html"
}

# Runs sitegen on a generated site; it must end within 20 s with exit 0
# or 1 (never a signal, a sanitizer report or a hang).
patho() {
	name=$1
	want=$2
	got=$(timeout 20 "$sg" --root "$tmp/p" --quiet build 2>&1)
	status=$?
	if [ $status -ne "$want" ]; then
		fail "pathological $name: exit $status, want $want" "$got"
	elif printf '%s' "$got" | grep -q 'Sanitizer\|runtime error'; then
		fail "pathological $name: sanitizer report" "$got"
	else
		pass "pathological $name"
	fi
}

run_pathological() {
	tiny_site "$tmp/p"
	awk 'BEGIN { print "# Deep"; for (i = 0; i < 10000; i++) printf ">"; print " deep" }' > "$tmp/p/content/_index.md"
	patho "10,000 nested blockquotes" 0
	awk 'BEGIN { printf "# Title\n\n"; for (i = 0; i < 5 * 1024 * 1024 / 32; i++) printf "word word word word word word wo"; print "" }' > "$tmp/p/content/_index.md"
	patho "a 5 MB line" 0
	printf '# Bad \377\376 bytes\n\nPayload \300\200 and \355\240\200\n' > "$tmp/p/content/_index.md"
	patho "invalid UTF-8" 0
	grep -q "Payload" "$tmp/p/public/index.html" && pass "invalid UTF-8 is rendered" ||
	    fail "invalid UTF-8 is rendered"
	: > "$tmp/p/content/_index.md"
	patho "an empty file" 0
	printf -- '---\ntitle: Only front matter\n---\n' > "$tmp/p/content/_index.md"
	patho "a file with only front matter" 0
	head -c 65536 /dev/urandom > "$tmp/p/content/_index.md" 2>/dev/null ||
	    awk 'BEGIN { for (i = 0; i < 65536; i++) printf "%c", i % 256 }' > "$tmp/p/content/_index.md"
	patho "a binary file named .md" 1
	printf -- '---\ntitle: x\n---\n%s\n' "$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; }')" > "$tmp/p/content/_index.md"
	patho "5,000 open brackets" 0
	# each heading's id was looked for among all before it, suffix by
	# suffix: 3,000 headings of one name took 19 s, 20,000 hours
	# (and no handout: a PDF of 20,000 headings is a test of its own)
	awk 'BEGIN { print "# T"; for (i = 0; i < 20000; i++) { print "## Example"; if (i % 7 == 0) printf "<a id=\"example-%d\"></a>\n", 3 * i } }' > "$tmp/p/content/_index.md"
	printf 'handouts: []\n' >> "$tmp/p/site.yml"
	patho "20,000 headings of one name" 0
	grep -q 'id="example-20000"' "$tmp/p/public/index.html" &&
	    pass "20,000 headings of one name: each has its own id" ||
	    fail "20,000 headings of one name: each has its own id"
	printf 'title: t\ntheme: ""\n' > "$tmp/p/site.yml"
	printf -- '---\nt: %s\n---\n' "$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; }')" > "$tmp/p/content/_index.md"
	patho "YAML nested 5,000 deep" 1
	printf -- '---\na: &a ["x","x"]\nb: [*a,*a]\n---\n# T\n' > "$tmp/p/content/_index.md"
	patho "YAML aliases" 1
	# each key of a map was looked for among those before it: a data
	# file of 150,000 keys took minutes
	printf '# T\n' > "$tmp/p/content/_index.md"
	mkdir -p "$tmp/p/data"
	awk 'BEGIN { for (i = 0; i < 150000; i++) printf "key%d: a value\n", i }' > "$tmp/p/data/big.yml"
	patho "a data file of 150,000 keys" 0
	rm -rf "$tmp/p/data"
	printf '# T\n\n<%% while true do end %%>\n' > "$tmp/p/content/_index.md"
	printf '<%% while true do end %%>\n' > "$tmp/p/templates/index.html"
	patho "a template that never ends" 1
}

run_determinism() {
	site="$top/tests/fixtures/basic/site"
	for j in 1 4; do
		rm -rf "$tmp/det-$j"
		"$sg" --root "$site" --out "$tmp/det-$j" --quiet --jobs $j build
	done
	if d=$(diff -r "$tmp/det-1" "$tmp/det-4"); then pass "determinism --jobs 1 = --jobs 4"
	else fail "determinism --jobs 1 = --jobs 4" "$d"; fi
	"$sg" --root "$site" --out "$tmp/det-4" --quiet --jobs 4 build
	if d=$(diff -r "$tmp/det-1" "$tmp/det-4"); then pass "determinism: a second run"
	else fail "determinism: a second run" "$d"; fi
	if [ -f "$top/site.yml" ] && [ -d "$top/content" ]; then
		rm -rf "$tmp/own-1" "$tmp/own-2"
		if "$sg" --root "$top" --out "$tmp/own-1" --quiet --jobs 1 build &&
		    "$sg" --root "$top" --out "$tmp/own-2" --quiet --jobs 2 build &&
		    d=$(diff -r "$tmp/own-1" "$tmp/own-2"); then
			pass "determinism: this guide, --jobs 1 = --jobs 2"
		else
			fail "determinism: this guide, --jobs 1 = --jobs 2" "${d:-build failed}"
		fi
		rm -rf "$tmp/own-2"
		if SITEGEN_NO_AVX2=1 "$sg" --root "$top" --out "$tmp/own-2" \
		    --quiet --jobs 2 build && d=$(diff -r "$tmp/own-1" "$tmp/own-2"); then
			pass "determinism: this guide, the same without AVX2"
		else
			fail "determinism: this guide, the same without AVX2" "${d:-build failed}"
		fi
	fi
}

run_cli() {
	v=$("$sg" --version)
	for lib in cmark-gfm libyaml Lua libsass; do
		if printf '%s\n' "$v" | grep -q "^$lib"; then pass "--version names $lib"
		else fail "--version names $lib" "$v"; fi
	done
	# the man page's synopsis is the usage text's first lines
	help=$("$sg" --help | sed -n '/^usage:/,/^$/p' | sed 's/^usage: //; s/^ *//; /^$/d')
	man=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$top/src/sitegen.1" |
	    grep '^\.\\" usage: ' | sed 's/^\.\\" usage: //')
	if [ -n "$man" ] && [ "$help" = "$man" ]; then pass "man page synopsis = --help"
	else fail "man page synopsis = --help" "$(printf 'help:\n%s\nman:\n%s' "$help" "$man")"; fi
	"$sg" frobnicate > /dev/null 2>&1
	[ $? -eq 2 ] && pass "unknown command exits 2" || fail "unknown command exits 2"
	rm -rf "$tmp/init"
	if "$sg" init "$tmp/init" > /dev/null && (cd "$tmp/init" && "$sg" --quiet build) &&
	    [ -f "$tmp/init/public/index.html" ] && [ -f "$tmp/init/public/getting-started/index.html" ]; then
		pass "init makes a site that builds"
	else
		fail "init makes a site that builds"
	fi
	if (cd "$tmp/init" && "$sg" new content/notes/first-note.md > /dev/null) &&
	    grep -q '^title: "First note"' "$tmp/init/content/notes/first-note.md" &&
	    (cd "$tmp/init" && "$sg" --quiet --drafts build) &&
	    [ -f "$tmp/init/public/notes/first-note/index.html" ]; then
		pass "new makes a page that builds"
	else
		fail "new makes a page that builds"
	fi
	"$sg" init "$tmp/init" > /dev/null 2>&1
	[ $? -eq 1 ] && pass "init refuses an existing site" || fail "init refuses an existing site"
	# --root from elsewhere, and a sub-path base URL on the command line
	rm -rf "$tmp/elsewhere"
	(cd / && "$sg" --root "$tmp/init" --out "$tmp/elsewhere" --base-url https://example.org/sub/ --quiet build)
	if grep -q 'href="/sub/getting-started/"' "$tmp/elsewhere/index.html" 2>/dev/null; then
		pass "--root and --base-url"
	else
		fail "--root and --base-url"
	fi
	# make install puts the binary, the graphics module and the man page
	# under PREFIX, and the binary finds the module there
	rm -rf "$tmp/prefix"
	if make -s -C "$top/src" install BUILD="$build" PREFIX="$tmp/prefix" > /dev/null 2>&1 &&
	    "$tmp/prefix/bin/sitegen" --version | grep -q '^sitegen ' &&
	    "$tmp/prefix/bin/sitegen" --version | grep -q '^cairo ' &&
	    [ -f "$tmp/prefix/lib/sitegen/sitegen-gfx.so" ] &&
	    [ -f "$tmp/prefix/share/man/man1/sitegen.1" ]; then
		pass "make install PREFIX=..."
	else
		fail "make install PREFIX=..."
	fi
	# check writes nothing
	rm -rf "$tmp/init/public"
	(cd "$tmp/init" && "$sg" --quiet check) && [ ! -e "$tmp/init/public" ] &&
	    pass "check writes nothing" || fail "check writes nothing"
}

run_suites() {
	for s in "$top"/tests/suites/*.sh; do
		[ -f "$s" ] || continue
		out=$(cd "$top" && sh "$s" "$sg" 2>&1)
		status=$?
		oks=$(printf '%s\n' "$out" | grep -c '^ok ')
		fails=$(printf '%s\n' "$out" | grep -c '^FAIL ')
		passed=$((passed + oks))
		if [ "$fails" -gt 0 ] || [ $status -ne 0 ] || [ "$oks" -eq 0 ]; then
			failed=$((failed + fails + (fails == 0)))
			echo "FAIL suite $(basename "$s") ($fails failed, exit $status)"
			printf '%s\n' "$out" | grep -v '^ok ' | sed 's/^/    /' | head -60
		fi
	done
}

for build in $builds; do
	sg="$build/sitegen"
	echo "== $(basename "$build"): $sg"
	run_unit
	run_fixtures
	[ $regen -eq 1 ] && continue
	run_errors
	run_pathological
	run_determinism
	run_cli
	run_suites
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
