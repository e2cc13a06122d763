#!/bin/sh
# tests/suites/serve.sh SITEGEN: sitegen serve against a real server on a
# free port: pages, 404, ETag/304, 405, traversal refused, the reload
# script only in serve, an edit announced on the event stream, an error
# shown then cleared, a clean stop, and what a killed serve left removed
# by the next one. Prints "ok NAME"/"FAIL NAME".
set -u
sg=$1
case $sg in /*) ;; *) sg=$(pwd)/$sg ;; esac
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
. "$(dirname "$0")/lib/serve.sh"

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -20; return 0; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got '$2', want '$3'"; fi; }

s=$work/site
mkdir -p "$s/content" "$s/templates" "$s/public"
printf 'title: t\ntheme: ""\nbase_url: /docs/\n' > "$s/site.yml"
printf '<html><body><%%- content %%></body></html>\n' > "$s/templates/page.html"
cp "$s/templates/page.html" "$s/templates/index.html"
cp "$s/templates/page.html" "$s/templates/section.html"
printf '<html><body>gone</body></html>\n' > "$s/templates/404.html"
printf -- '---\ntitle: Home\n---\nHello [a](a.md).\n' > "$s/content/_index.md"
printf -- '---\ntitle: A\n---\nFirst text.\n' > "$s/content/a.md"
echo keep > "$s/public/marker"

serve_start "$s" "$work/log" 120
u=http://127.0.0.1:$port
c() { curl -s -m 5 -o /dev/null -w '%{http_code}' "$@"; }

check page "$(c $u/docs/a/)" 200
check content-type "$(curl -s -m 5 -o /dev/null -w '%{content_type}' $u/docs/a/)" "text/html; charset=utf-8"
check 404 "$(c $u/docs/nope)" 404
curl -s -m 5 $u/docs/nope | grep -q gone && ok 404-page || fail 404-page
check outside-base "$(c $u/other/)" 404
etag=$(curl -s -m 5 -D - -o /dev/null $u/docs/a/ | sed -n 's/^ETag: //Ip' | tr -d '\r')
check 304 "$(c -H "If-None-Match: $etag" $u/docs/a/)" 304
check 405 "$(c -X POST $u/docs/a/)" 405
curl -s -m 5 -D - -o /dev/null -X PUT $u/docs/ | grep -qi '^Allow: GET, HEAD' && ok allow || fail allow
check redirect-dir "$(c $u/docs/a)" 301
k=0
for p in '/docs/../site.yml' '/docs/%2e%2e/site.yml' '/docs/a%2f..%2f..%2fsite.yml' '/docs/%00' "/docs/$(head -c 3000 /dev/zero | tr '\0' a)"; do
	k=$((k + 1))
	code=$(c --path-as-is "$u$p")
	case $code in 400|404|414) ok "traversal-$k" ;; *) fail "traversal-$k" "$p: $code" ;; esac
done
curl -s -m 5 --path-as-is "$u/docs/%2e%2e/site.yml" | grep -q base_url && fail traversal-body || ok traversal-body
gen=$(ls -d "$work"/tmp/sitegen-serve-*/* | head -1)
ln -s "$s/site.yml" "$gen/leak.txt"
check symlink "$(c $u/docs/leak.txt)" 404
curl -s -m 5 $u/docs/a/ | grep -q '<script src="/docs/__sitegen/reload.js"></script></body>' && ok script-injected || fail script-injected
check reload-js "$(c $u/docs/__sitegen/reload.js)" 200

timeout 10 curl -sN $u/docs/__sitegen/events > "$work/ev" &
sleep 0.5
printf -- '---\ntitle: A\n---\nSecond text.\n' > "$s/content/a.md"
i=0
while ! grep -q 'event: reload' "$work/ev" && [ $i -lt 80 ]; do sleep 0.1; i=$((i + 1)); done
grep -q 'event: reload' "$work/ev" && ok edit-event || fail edit-event "$(cat "$work/ev")"
curl -s -m 5 $u/docs/a/ | grep -q 'Second text' && ok edit-served || fail edit-served

printf -- '---\ntitle: A\n---\nSee [x](missing.md).\n' > "$s/content/a.md"
i=0
while ! grep -q 'event: errors' "$work/ev" && [ $i -lt 80 ]; do sleep 0.1; i=$((i + 1)); done
grep 'event: errors' -A1 "$work/ev" | grep -q '"file":"content/a.md","line":4' && ok error-event || fail error-event "$(cat "$work/ev")"
curl -s -m 5 $u/docs/a/ | grep -q 'Second text' && ok last-good || fail last-good
n=$(grep -c 'event: reload' "$work/ev")
printf -- '---\ntitle: A\n---\nFixed.\n' > "$s/content/a.md"
i=0
while [ "$(grep -c 'event: reload' "$work/ev")" -le "$n" ] && [ $i -lt 80 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -m 5 $u/docs/a/ | grep -q 'Fixed' && ok error-cleared || fail error-cleared

printf '<html><body>T2 <%%- content %%></body></html>\n' > "$s/templates/page.html"
sleep 1.5
curl -s -m 5 $u/docs/a/ | grep -q 'T2' && ok template-edit || fail template-edit

kill -INT $pid
wait $pid 2>/dev/null
pid=
[ -z "$(ls -A "$work/tmp" 2>/dev/null)" ] && ok no-temp-files || fail no-temp-files "$(ls -R "$work/tmp")"

# a serve killed with SIGKILL cannot clean up: the next one removes what
# it left, and only that (another user's or a live server's stay)
mkdir "$work/tmp/sitegen-serve-1-AbCdEf"	# pid 1 runs: kept
serve_start "$s" "$work/log2"
killed=$(ls "$work/tmp" | grep -v 'sitegen-serve-1-')
kill -KILL $pid
wait $pid 2>/dev/null
[ -n "$killed" ] && [ -d "$work/tmp/$killed" ] && ok killed-leaves-folder ||
    fail killed-leaves-folder "$(ls "$work/tmp")"
serve_start "$s" "$work/log3" 120
[ -n "$killed" ] && [ ! -e "$work/tmp/$killed" ] && ok next-serve-removes-leftover ||
    fail next-serve-removes-leftover "$(ls "$work/tmp")"
[ -d "$work/tmp/sitegen-serve-1-AbCdEf" ] && ok live-owner-folder-kept ||
    fail live-owner-folder-kept "$(ls "$work/tmp")"
kill -INT $pid
wait $pid 2>/dev/null
pid=
rmdir "$work/tmp/sitegen-serve-1-AbCdEf"
[ -z "$(ls -A "$work/tmp" 2>/dev/null)" ] && ok no-temp-files-after-restart ||
    fail no-temp-files-after-restart "$(ls -R "$work/tmp")"
[ "$(ls "$s/public")" = marker ] && ok public-untouched || fail public-untouched
(cd "$s" && "$sg" build -q) 2>/dev/null
grep -rq __sitegen "$s/public" && fail build-no-script || ok build-no-script
