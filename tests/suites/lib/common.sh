# tests/suites/lib/common.sh: what every suite starts with, sourced as
# '. "$(dirname "$0")/lib/common.sh"' with the suite's own arguments
# (SITEGEN first). Sets sg to SITEGEN's absolute path and work to a
# temporary folder removed on exit (a suite with more to clean sets its
# own trap), clears the environment that changes sitegen's output, and
# defines ok, fail and same. Not a suite: tests/run.sh runs only
# tests/suites/*.sh.
set -u
sg=$1
case $sg in /*) ;; *) sg=$(pwd)/$sg ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset SOURCE_DATE_EPOCH NO_COLOR
export LC_ALL=C.UTF-8

ok() { echo "ok $1"; }
# fail NAME [DETAIL]: a failure, with DETAIL's first 30 lines indented.
fail() {
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -30
	return 0
}
# same NAME GOT WANT: ok when GOT is WANT, else a failure showing both.
same() {
	if [ "$2" = "$3" ]; then ok "$1"
	else fail "$1" "$(printf 'got:\n%s\nwant:\n%s' "$2" "$3")"; fi
}
# now: milliseconds since the epoch.
now() { date +%s%N | cut -c1-13; }
# check NAME STATUS DETAIL: ok when STATUS is 0, else a failure with DETAIL.
check() {
	if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1" "$3"; fi
}
