# tests/suites/lib/browser.sh: sourced by the suites that drive headless
# Chromium through Node (tests/suites/lib/chromium.js). Not a suite.
#
# need_browser NAME: sets chromium and node to the programs' paths. When
# either is missing, the suite's browser cases cannot run: in CI that is
# a failure, "FAIL NAME: ..." (./build.sh test installs both), elsewhere
# a notice; either way the suite ends there, with status 0.
need_browser() {
	chromium=$(command -v chromium || command -v chromium-browser || true)
	node=$(command -v node || true)
	[ -n "$chromium" ] && [ -n "$node" ] && return 0
	if [ -n "${CI:-}" ]; then
		echo "FAIL $1: Chromium and Node are installed (./build.sh test installs them)"
	else
		echo "${0##*/}: notice: chromium or node is missing; the browser cases are skipped" >&2
	fi
	exit 0
}
