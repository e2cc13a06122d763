#!/bin/sh
# tests/suites/serve_load.sh SITEGEN: sitegen serve under load: 300
# clients that connect and stall (half a request, then nothing), 100 pages
# listening to the event stream and 300 clients asking for pages at once
# do not keep a normal request from being answered, and the server serves
# on after they leave. Limits are generous: what is tested is that the
# request is answered at all. Prints "ok NAME"/"FAIL NAME".
set -u
sg=$1
case $sg in /*) ;; *) sg=$(pwd)/$sg ;; esac
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
. "$(dirname "$0")/lib/serve.sh"

s=$work/site
mkdir -p "$s/content" "$s/templates"
printf 'title: t\ntheme: ""\nbase_url: https://example.org/\n' > "$s/site.yml"
printf '<html><body><%%- content %%></body></html>\n' > "$s/templates/page.html"
cp "$s/templates/page.html" "$s/templates/index.html"
cp "$s/templates/page.html" "$s/templates/section.html"
printf -- '---\ntitle: Home\n---\nHello.\n' > "$s/content/_index.md"
printf -- '---\ntitle: A\n---\nThe page A.\n' > "$s/content/a.md"

mkdir -p "$work/tmp"
ulimit -n 4096 2>/dev/null
serve_start "$s" "$work/log" 200
[ -n "$port" ] || { echo "FAIL load: serve starts"; exit 0; }

python3 - "$port" <<'PY'
import http.client, socket, sys, threading, time
port = int(sys.argv[1])

def ok(name): print("ok load " + name)
def fail(name, why=""): print("FAIL load " + name + ("\n    " + why if why else ""))

def get(path, timeout=30):
	c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
	c.request("GET", path)
	r = c.getresponse()
	body = r.read()
	c.close()
	return r.status, body

stalled = []
for i in range(300):
	s = socket.create_connection(("127.0.0.1", port), timeout=10)
	s.sendall(b"GET /a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
	stalled.append(s)
ok("300 stalled connections open")

listening = []
for i in range(100):
	s = socket.create_connection(("127.0.0.1", port), timeout=10)
	s.sendall(b"GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	listening.append(s)
first = listening[-1].recv(4096)
if b"200" in first.split(b"\r\n")[0]:
	ok("100 pages listen to the event stream")
else:
	fail("100 pages listen to the event stream", repr(first[:200]))

t0 = time.monotonic()
try:
	st, body = get("/a/")
	if st == 200 and b"The page A." in body:
		ok("a page is served meanwhile (%.0f ms)" % ((time.monotonic() - t0) * 1000))
	else:
		fail("a page is served meanwhile", "status %d" % st)
except Exception as e:
	fail("a page is served meanwhile", repr(e))

results = []
def client():
	try:
		st, body = get("/a/")
		results.append(st == 200 and b"The page A." in body)
	except Exception as e:
		results.append(False)
threads = [threading.Thread(target=client) for _ in range(300)]
t0 = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
good = sum(1 for r in results if r)
if good == 300:
	ok("300 clients at once all served (%.0f ms)" % ((time.monotonic() - t0) * 1000))
else:
	fail("300 clients at once all served", "%d of 300" % good)

for s in stalled + listening:
	s.close()
time.sleep(0.5)
try:
	st, _ = get("/a/", timeout=10)
	if st == 200: ok("served after they leave")
	else: fail("served after they leave", "status %d" % st)
except Exception as e:
	fail("served after they leave", repr(e))
PY
kill -INT $pid
wait $pid 2>/dev/null
pid=
[ -z "$(ls -A "$work/tmp" 2>/dev/null)" ] && echo "ok load stops clean" ||
    echo "FAIL load stops clean"
