#!/bin/sh
# ./build.sh        set up what is missing, compile build/sitegen, build the site
# ./build.sh test   set up, compile (also with sanitizers), run every test
#
# Libraries are found with pkg-config. Run as root, this installs the Debian
# packages that are missing; otherwise it prints the apt-get line to run.
set -eu
cd "$(dirname "$0")"

# pkg-config name, then the Debian packages that provide it
deps='
libcmark-gfm:libcmark-gfm-dev libcmark-gfm-extensions-dev
yaml-0.1:libyaml-dev
lua5.4:liblua5.4-dev
libsass:libsass-dev
nettle:nettle-dev
libseccomp:libseccomp-dev
cairo:libcairo2-dev
pangocairo:libpango1.0-dev
librsvg-2.0:librsvg2-dev
gdk-pixbuf-2.0:libgdk-pixbuf-2.0-dev
fontconfig:libfontconfig-dev
libmicrohttpd:libmicrohttpd-dev
'
# commands, then the Debian package that provides each
tools='cc:gcc make:make pkg-config:pkg-config diff:diffutils timeout:coreutils awk:mawk'
# files, then the Debian package that provides each: the handouts' fonts
files='/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf:fonts-noto-core'
# what the tests of the default theme use: Java for the Nu Html Checker,
# xmllint for the feeds, npm to fetch the checker (vnu-jar); zsh and fish
# for the completion scripts (tests/suites/ux.sh)
[ "${1:-}" = test ] && tools="$tools java:default-jre-headless xmllint:libxml2-utils npm:npm zsh:zsh fish:fish curl:curl"
# and those of the handouts: poppler's pdftotext, pdffonts, pdfinfo, qpdf,
# python3 to read qpdf's JSON
[ "${1:-}" = test ] && tools="$tools pdftotext:poppler-utils qpdf:qpdf python3:python3"
# GNU time, for the peak memory of a build (tests/suites/pdf.sh: images
# too large for a handout are refused before they are decoded)
[ "${1:-}" = test ] && files="$files
/usr/bin/time:time"
# a Japanese font: the i18n tests read a Japanese handout's footers back
# with pdftotext, and without a font that has the glyphs pango draws boxes
[ "${1:-}" = test ] && files="$files
/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf:fonts-ipafont-gothic"
# and those of the slide decks: headless Chromium driven from node
[ "${1:-}" = test ] && tools="$tools chromium:chromium node:nodejs"
# the search tests: headless Chromium driven from Node, a static HTTP server

missing=
have_pkgconfig=$(command -v pkg-config || true)
for t in $tools; do
	command -v "${t%%:*}" > /dev/null 2>&1 || missing="$missing ${t#*:}"
done
for f in $files; do
	[ -f "${f%%:*}" ] || missing="$missing ${f#*:}"
done
oldifs=$IFS
IFS='
'
for d in $deps; do
	[ -n "$d" ] || continue
	if [ -z "$have_pkgconfig" ] || ! pkg-config --exists "${d%%:*}"; then
		missing="$missing ${d#*:}"
	fi
done
IFS=$oldifs
# libstemmer (Snowball, for search) has no pkg-config file: look for its header
if ! printf '#include <libstemmer.h>\n' | cc -E - > /dev/null 2>&1; then
	missing="$missing libstemmer-dev"
fi
# nor has mimalloc, sitegen's malloc (src/Makefile)
if ! printf '#include <mimalloc.h>\n' | cc -E - > /dev/null 2>&1; then
	missing="$missing libmimalloc-dev"
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "build.sh: installing:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q
		# shellcheck disable=SC2086
		apt-get install -y -q --no-install-recommends $missing
	else
		echo "build.sh: missing packages; run as root:" >&2
		echo "  apt-get install$missing" >&2
		exit 1
	fi
fi

jobs=$(nproc 2>/dev/null || echo 2)
make -C src -j"$jobs" all

case "${1:-}" in
"")
	build/sitegen build
	;;
test)
	# the Nu Html Checker, into a git-ignored folder; the theme's tests
	# skip it only where the npm registry cannot be reached (never in CI)
	vnu=build/tools/node_modules/vnu-jar/build/dist/vnu.jar
	if [ ! -f "$vnu" ]; then
		if [ -z "${CI:-}" ] && ! timeout 30 npm ping > /dev/null 2>&1; then
			echo "build.sh: notice: the npm registry cannot be reached;" \
			    "the HTML validity checks will be skipped" >&2
		else
			npm install --prefix build/tools --ignore-scripts --no-audit \
			    --no-fund --loglevel=error vnu-jar@26.9.27
		fi
	fi
	make -C src -j"$jobs" unit
	make -C src -j"$jobs" asan
	sh tests/run.sh build build/asan
	;;
*)
	echo "usage: ./build.sh [test]" >&2
	exit 2
	;;
esac
