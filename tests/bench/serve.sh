#!/bin/sh
# tests/bench/serve.sh [PAGES] [EDITS]: the edit → served loop on the
# synthetic site of PAGES pages (default 10000; tests/bench/gen.sh).
# Starts sitegen serve and Hugo's server (hugo server, fast render as it
# comes, templates of tests/bench/hugo/) on the same content, then EDITS
# times (default 7) saves a one-page edit (a paragraph added at the end of
# a page) and times, for each server, from the save to the first response
# of that page's URL with the new text (polled). Then a template edit in
# sitegen (page.html), timed the same way, against a clean sitegen build.
# Prints the medians and the ratios. Hugo is optional (apt-get install
# hugo); python3 does the timing.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pages=${1:-10000}
edits=${2:-7}
work=$(mktemp -d)
sgpid=
hugopid=
cleanup() {
	[ -n "$sgpid" ] && kill "$sgpid" 2>/dev/null
	[ -n "$hugopid" ] && kill "$hugopid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
sg="$top/build/sitegen"
[ -x "$sg" ] || make -C "$top/src" > /dev/null
sh "$top/tests/bench/gen.sh" "$work/site" "$pages"
hugo=
if command -v hugo > /dev/null 2>&1; then
	hugo=hugo
	mkdir -p "$work/hugo"
	cp -R "$work/site/content" "$work/hugo/content"
	cp -R "$top/tests/bench/hugo/layouts" "$top/tests/bench/hugo/hugo.yaml" \
	    "$work/hugo/"
else
	echo "(Hugo not installed, left out: apt-get install hugo)"
fi

# seconds since T0 (date +%s.%N)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# waits until FILE has a line matching PATTERN (at most 10 minutes)
wait_for() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null && [ $i -lt 6000 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

mkdir -p "$work/tmp"
t0=$(date +%s.%N)
(cd "$work/site" && TMPDIR="$work/tmp" exec "$sg" serve --port 0 > "$work/sg.log" 2>&1) &
sgpid=$!
wait_for "$work/sg.log" serving
sgport=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/sg.log" | head -1)
echo "sitegen serve: first build and serving in $(since "$t0") s, port $sgport"
if [ -n "$hugo" ]; then
	hport=$((sgport + 1))
	t0=$(date +%s.%N)
	hugo server --source "$work/hugo" --bind 127.0.0.1 --port "$hport" \
	    --disableLiveReload > "$work/hugo.log" 2>&1 &
	hugopid=$!
	wait_for "$work/hugo.log" 'Web Server is available'
	echo "hugo server: first build and serving in $(since "$t0") s, port $hport"
fi

python3 - "$work" "$pages" "$edits" "$sgport" "${hport:-0}" "$sg" <<'EOF'
import http.client, os, statistics, subprocess, sys, time
work, pages, edits, sgport, hport, sg = sys.argv[1], int(sys.argv[2]), \
    int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]

def fetch(port, path):
	c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
	c.request("GET", path)
	body = c.getresponse().read()
	c.close()
	return body

def timed(port, path, write, marker):
	"""Seconds from write() to the first response of path holding marker."""
	t0 = time.monotonic()
	write()
	while True:
		if marker in fetch(port, path):
			return time.monotonic() - t0
		if time.monotonic() - t0 > 120:
			return float("inf")
		time.sleep(0.001)

def append(path, text):
	def w():
		with open(path, "a") as f:
			f.write(text)
	return w

servers = [("sitegen", sgport, "site")]
if hport:
	servers.append(("hugo", hport, "hugo"))
times = {name: [] for name, _, _ in servers}
for k in range(edits):
	p = (k * 997 + 123) % pages
	rel = "section-%03d/page-%05d" % (p % 100, p)
	for name, port, dir in servers:
		marker = "edited-%s-%d" % (name, k)
		fetch(port, "/docs/%s/" % rel)	# a page the reader has open
		t = timed(port, "/docs/%s/" % rel, append("%s/%s/content/%s.md" %
		    (work, dir, rel), "\nAn added paragraph, %s.\n" % marker),
		    marker.encode())
		times[name].append(t)
		time.sleep(0.3)
for name, _, _ in servers:
	print("%-8s one-page edit to served page: median %.1f ms (%s)" % (name,
	    statistics.median(times[name]) * 1000,
	    " ".join("%.1f" % (t * 1000) for t in times[name])))
if hport:
	print("sitegen is %.1fx as fast as Hugo's server from edit to page" %
	    (statistics.median(times["hugo"]) / statistics.median(times["sitegen"])))

# a template edit against a clean build of the same site
tmpl = "%s/site/themes/default/templates/page.html" % work
rel = "section-001/page-00001"
tt, tb = [], []
for k in range(3):
	marker = "template-edit-%d" % k
	tt.append(timed(sgport, "/docs/%s/" % rel, append(tmpl,
	    "<!-- %s -->\n" % marker), marker.encode()))
	time.sleep(1)
	t0 = time.monotonic()
	subprocess.run([sg, "--root", "%s/site" % work, "--out",
	    "%s/clean" % work, "--quiet", "build"], check=True)
	tb.append(time.monotonic() - t0)
	subprocess.run(["rm", "-rf", "%s/clean" % work])
print("sitegen template edit to served page: median %.0f ms; clean build: "
    "median %.0f ms; ratio %.2f" % (statistics.median(tt) * 1000,
    statistics.median(tb) * 1000, statistics.median(tt) /
    statistics.median(tb)))
EOF
# sitegen's own account: the time from reading the edit to the files
# written, for each page edit
grep 'rendered' "$work/sg.log" | sed -n 's/.* in \([0-9.]*\) ms/\1/p' |
    sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "sitegen re-render of an edited page (inside serve): median %.1f ms of %d\n", v[int((NR + 1) / 2)], NR }'
