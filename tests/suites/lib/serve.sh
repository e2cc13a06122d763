# tests/suites/lib/serve.sh: starting sitegen serve for the serve suites,
# sourced after $sg and $work are set. Not a suite.
#
# serve_start DIR LOG [SECONDS]: runs "sitegen serve --port 0" in DIR, in
# the background, with TMPDIR=$work/tmp (made if missing) and its output
# into LOG, stopped after SECONDS when given; sets pid, then waits up to
# 30 s for it to say it is serving and sets port (empty if it never does).
serve_start() {
	mkdir -p "$work/tmp"
	if [ -n "${3:-}" ]; then
		(cd "$1" && TMPDIR="$work/tmp" exec timeout "$3" "$sg" serve \
		    --port 0 > "$2" 2>&1) &
	else
		(cd "$1" && TMPDIR="$work/tmp" exec "$sg" serve --port 0 \
		    > "$2" 2>&1) &
	fi
	pid=$!
	_i=0
	while ! grep -q 'serving' "$2" 2>/dev/null && [ $_i -lt 300 ]; do
		sleep 0.1; _i=$((_i + 1))
	done
	port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$2" | head -1)
}
