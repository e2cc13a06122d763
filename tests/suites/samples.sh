#!/bin/sh
# tests/suites/samples.sh SITEGEN: runnable C samples end to end, through
# small sites written into a temporary directory. Hostile samples (an
# endless loop, a fork bomb, a flood of output, the network, files outside
# the sample's directory, memory errors) must end in bounded time with the
# right report and leave nothing behind; then the result cache, --bless
# and --export. Prints one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/samples.sh"
listener=
cleanup() {
	[ -n "$listener" ] && kill "$listener" 2> /dev/null
	rm -rf "$work"
}
trap cleanup EXIT

# What a run left behind: processes running from, or files in, TMPDIR.
leftovers() {
	for p in /proc/[0-9]*; do
		readlink "$p/exe" 2> /dev/null
		readlink "$p/cwd" 2> /dev/null
	done | grep -F "$work/tmp" | sed 's/^/process in /'
	ls -A "$work/tmp"
}

# hostile NAME MAX_MS PATTERN: the last run failed with exit 1 within
# MAX_MS, reported PATTERN, and left nothing behind.
hostile() {
	left=$(leftovers)
	if [ $status -ne 1 ]; then
		fail "$1: exit $status, want 1" "$out"
	elif [ "$ms" -gt "$2" ]; then
		fail "$1: took $ms ms, want at most $2" "$out"
	elif ! printf '%s\n' "$out" | grep -q -- "$3"; then
		fail "$1: no '$3' in the report" "$out"
	elif [ -n "$left" ]; then
		fail "$1: left behind" "$left"
	else
		ok "$1 ($ms ms)"
	fi
}

# passed NAME MAX_MS: the last run succeeded within MAX_MS and left
# nothing behind.
passed() {
	left=$(leftovers)
	if [ $status -ne 0 ]; then
		fail "$1: exit $status, want 0" "$out"
	elif [ "$ms" -gt "$2" ]; then
		fail "$1: took $ms ms, want at most $2" "$out"
	elif [ -n "$left" ]; then
		fail "$1: left behind" "$left"
	else
		ok "$1 ($ms ms)"
	fi
}

# ------------------------------------------------------------ hostile samples

site "$work/loop" 'samples:
  timeout: 1
' <<'EOF'
# Loop

```c
int
main(void)
{
	for (volatile unsigned i = 0;; i++)
		;
}
```
EOF
run "$work/loop" build
hostile "an endless loop is stopped at samples.timeout" 15000 \
    'ran longer than 1 s and was stopped'

site "$work/fork" 'samples:
  timeout: 2
' <<'EOF'
# Fork bomb

```c
@ #define _POSIX_C_SOURCE 200809L
@ #include <unistd.h>
int
main(void)
{
	for (;;)
		fork();
}
```
EOF
run "$work/fork" build
hostile "a fork bomb ends, and no process survives it" 20000 \
    'ran longer than 2 s and was stopped'
if sh -c 'exit 0'; then ok "processes can still be started after the fork bomb"
else fail "processes can still be started after the fork bomb"; fi

site "$work/flood" <<'EOF'
# 100 MB

```c
@ #include <stdio.h>
@ #include <string.h>
int
main(void)
{
	static char mb[1 << 20];

	memset(mb, 'x', sizeof(mb));
	for (int i = 0; i < 100; i++)
		fwrite(mb, 1, sizeof(mb), stdout);
	return 0;
}
```
EOF
run "$work/flood" build
hostile "100 MB of output is cut and reported" 20000 \
    'printed more than 1048576 bytes, and its output was cut'

# A TCP listener on 127.0.0.1 that logs every connection it accepts.
cat > "$work/listen.c" <<'EOF'
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	struct pollfd p;
	FILE *log;
	int s = socket(AF_INET, SOCK_STREAM, 0), c, i;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (argc == 3) {	/* connect PORT: the control */
		a.sin_port = htons((unsigned short)atoi(argv[2]));
		puts(connect(s, (struct sockaddr *)&a, sizeof(a)) == 0 ?
		    "connected" : "connect failed");
		return 0;
	}
	if (s == -1 || bind(s, (struct sockaddr *)&a, sizeof(a)) == -1 ||
	    listen(s, 16) == -1 || getsockname(s, (struct sockaddr *)&a,
	    &len) == -1)
		return 1;
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	p.fd = s;
	p.events = POLLIN;
	for (i = 0; i < 600 && poll(&p, 1, 100) >= 0; i++) {
		if (!(p.revents & POLLIN))
			continue;
		if ((c = accept(s, NULL, NULL)) == -1)
			continue;
		if ((log = fopen(argv[1], "a")) != NULL) {
			fputs("accepted\n", log);
			fclose(log);
		}
		close(c);
	}
	return 0;
}
EOF
if cc -o "$work/listen" "$work/listen.c" 2> "$work/listen.err"; then
	: > "$work/listen.log"
	"$work/listen" "$work/listen.log" > "$work/port" &
	listener=$!
	i=0
	while [ ! -s "$work/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$work/port")
	control=$("$work/listen" connect "$port")
	sleep 0.2
	if [ "$control" = connected ] && [ "$(cat "$work/listen.log")" = accepted ]; then
		ok "the test's TCP listener on 127.0.0.1:$port accepts connections"
	else
		fail "the test's TCP listener accepts connections" "$control"
	fi
	site "$work/net" <<EOF
# Network

\`\`\`c args="$port"
@ #define _POSIX_C_SOURCE 200809L
@ #include <arpa/inet.h>
@ #include <netinet/in.h>
@ #include <stdio.h>
@ #include <stdlib.h>
@ #include <string.h>
@ #include <sys/socket.h>
@ #include <unistd.h>
int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)argc;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (fd == -1 || connect(fd, (struct sockaddr *)&a, sizeof(a)) == -1)
		puts("connect failed");
	else
		puts("connected");
	if (fd != -1)
		close(fd);
	return 0;
}
\`\`\`

\`\`\`output
connect failed
\`\`\`
EOF
	run "$work/net" build
	sleep 0.2
	passed "a sample cannot connect to a TCP port open on 127.0.0.1" 15000
	if [ "$(cat "$work/listen.log")" = accepted ]; then
		ok "the listener saw no connection from the sample"
	else
		fail "the listener saw no connection from the sample" "$(cat "$work/listen.log")"
	fi
	kill "$listener" 2> /dev/null
	wait "$listener" 2> /dev/null
	listener=
else
	fail "compiling the test's TCP listener" "$(cat "$work/listen.err")"
fi

canary="CANARY-$$-$(date +%s)"
echo "$canary" > "$work/canary.txt"
chmod 644 "$work/canary.txt"
site "$work/read" <<EOF
# Read

\`\`\`c args="$work/canary.txt"
@ #include <stdio.h>
int
main(int argc, char **argv)
{
	char buf[64];
	FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;

	if (f != NULL && fgets(buf, sizeof(buf), f) != NULL)
		printf("read: %s", buf);
	else
		puts("cannot read");
	if (f != NULL)
		fclose(f);
	return 0;
}
\`\`\`

\`\`\`output
cannot read
\`\`\`
EOF
run "$work/read" build
passed "a sample cannot read a file outside its directory" 15000
if printf '%s\n' "$out" | grep -q "$canary" ||
    grep -rq "$canary" "$work/read/public" 2> /dev/null; then
	fail "the canary's text shows nowhere" "$out"
else
	ok "the canary's text shows nowhere"
fi

mkdir "$work/open"
chmod 1777 "$work/open"
site "$work/write" <<EOF
# Write

\`\`\`c args="$work/open/escaped.txt"
@ #include <stdio.h>
int
main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "w") : NULL;

	if (f == NULL) {
		puts("cannot write");
		return 0;
	}
	fputs("escaped\n", f);
	fclose(f);
	puts("written");
	return 0;
}
\`\`\`

\`\`\`output
cannot write
\`\`\`
EOF
run "$work/write" build
passed "a sample cannot write outside its directory" 15000
if [ -e "$work/open/escaped.txt" ]; then
	fail "the file it tried to write does not exist"
else
	ok "the file it tried to write does not exist"
fi

site "$work/asan" <<'EOF'
# Heap overflow

```c
@ #include <stdlib.h>
int
main(int argc, char **argv)
{
	int *v = malloc(4 * sizeof(int));

	(void)argv;
	v[argc + 3] = 7;
	free(v);
	return 0;
}
```
EOF
run "$work/asan" build
hostile "a heap overflow is caught by AddressSanitizer" 15000 \
    'SUMMARY: AddressSanitizer: heap-buffer-overflow content/_index.md:11 in main'

site "$work/ubsan" <<'EOF'
# Signed overflow

```c
@ #include <limits.h>
@ #include <stdio.h>
int
main(int argc, char **argv)
{
	int n = INT_MAX;

	(void)argv;
	n += argc;
	printf("%d\n", n);
	return 0;
}
```
EOF
run "$work/ubsan" build
hostile "a signed overflow is caught by UndefinedBehaviorSanitizer" 15000 \
    'content/_index.md:12:4: runtime error: signed integer overflow'

# --------------------------------------------------------------------- cache

# A wrapper compiler: the real one, then one that refuses to compile (but
# still says its version, so the sample results stay valid).
cat > "$work/cc-real" <<'EOF'
#!/bin/sh
exec cc "$@"
EOF
cat > "$work/cc-refuse" <<'EOF'
#!/bin/sh
if [ "$1" = --version ]; then exec cc --version; fi
echo "the wrapper refuses to compile" >&2
exit 1
EOF
chmod 755 "$work/cc-real" "$work/cc-refuse"
cp "$work/cc-real" "$work/cc"
site "$work/cache" "samples:
  cc: $work/cc
" <<'EOF'
# Cache

```c
#include "shared.h"
int
main(void)
{
	say("one");
	return 0;
}
```

```output
one
```

```c
@ #include <stdio.h>
int
main(void)
{
	puts("two");
	return 0;
}
```

```c args="three"
@ #include <stdio.h>
int
main(int argc, char **argv)
{
	if (argc > 1)
		puts(argv[1]);
	return 0;
}
```
EOF
mkdir -p "$work/cache/content/samples/include"
cat > "$work/cache/content/samples/include/shared.h" <<'EOF'
#include <stdio.h>
static inline void say(const char *s) { puts(s); }
EOF
counts() { printf '%s\n' "$out" | sed -n 's/^sitegen: samples: //p'; }

run "$work/cache" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 3 compiles, 3 runs, 0 from the cache" ]; then
	ok "cache: a cold build compiles and runs every sample"
else
	fail "cache: a cold build compiles and runs every sample" "$out"
fi

run "$work/cache" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 0 compiles, 0 runs, 3 from the cache" ]; then
	ok "cache: a second build takes every result from the cache"
else
	fail "cache: a second build takes every result from the cache" "$out"
fi
if command -v strace > /dev/null 2>&1; then
	(cd "$work/cache" && strace -f -qq -e trace=execve -o "$work/strace.log" \
	    "$sg" --quiet build > /dev/null 2>&1)
	n=$(grep -c 'execve(' "$work/strace.log")
	if [ "$n" -eq 1 ]; then
		ok "cache: a second build starts no process at all (strace)"
	else
		fail "cache: a second build starts no process at all (strace)" \
		    "$(grep 'execve(' "$work/strace.log")"
	fi
fi

cp "$work/cc-refuse" "$work/cc"
run "$work/cache" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 0 compiles, 0 runs, 3 from the cache" ]; then
	ok "cache: with a compiler that refuses to compile, an unchanged site still builds"
else
	fail "cache: with a compiler that refuses to compile, an unchanged site still builds" "$out"
fi

sed 's/puts("two")/puts("TWO")/' "$work/cache/content/_index.md" > "$work/x.md"
mv "$work/x.md" "$work/cache/content/_index.md"
run "$work/cache" --verbose build
c=$(counts)
n=$(printf '%s\n' "$out" | grep -c ': error: ')
if [ $status -eq 1 ] && [ "$n" -eq 1 ] &&
    printf '%s\n' "$out" | grep -q '^content/_index.md:17:1: error: the sample does not compile:$' &&
    printf '%s\n' "$out" | grep -q 'the wrapper refuses to compile' &&
    [ "$c" = "3 programs, 1 compiles, 0 runs, 2 from the cache" ]; then
	ok "cache: changing one sample recompiles only that one"
else
	fail "cache: changing one sample recompiles only that one" "$out"
fi

cp "$work/cc-real" "$work/cc"
run "$work/cache" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 1 compiles, 1 runs, 2 from the cache" ] &&
    grep -q TWO "$work/cache/public/index.html"; then
	ok "cache: the changed sample is compiled and run again"
else
	fail "cache: the changed sample is compiled and run again" "$out"
fi

for f in "$work/cache/.sitegen/samples"/*; do
	[ -f "$f" ] || continue
	printf 'sitegen-sample-result 1\ngarbage' > "$f"
done
run "$work/cache" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 3 compiles, 3 runs, 0 from the cache" ]; then
	ok "cache: corrupt entries are ignored"
else
	fail "cache: corrupt entries are ignored" "$out"
fi

echo '/* changed */' >> "$work/cache/content/samples/include/shared.h"
run "$work/cache" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 3 compiles, 3 runs, 0 from the cache" ]; then
	ok "cache: changing a shared header recompiles"
else
	fail "cache: changing a shared header recompiles" "$out"
fi
left=$(leftovers)
[ -z "$left" ] && ok "cache: nothing left behind" || fail "cache: nothing left behind" "$left"

# a repository can hold .sitegen as a symbolic link: the cache is not
# written through it (nor anywhere else), and the build still succeeds
rm -rf "$work/cache/.sitegen" "$work/elsewhere"
mkdir "$work/elsewhere"
ln -s "$work/elsewhere" "$work/cache/.sitegen"
run "$work/cache" --verbose build
c=$(counts)
got=$(find "$work/elsewhere" | wc -l)
if [ $status -eq 0 ] && [ "$c" = "3 programs, 3 compiles, 3 runs, 0 from the cache" ] &&
    [ "$got" -eq 1 ]; then
	ok "cache: nothing is written through a .sitegen that is a link"
else
	fail "cache: nothing is written through a .sitegen that is a link" \
	    "status $status, $c, $(find "$work/elsewhere")"
fi
rm "$work/cache/.sitegen"

# --------------------------------------------------------------------- bless

site "$work/bless" <<'EOF'
# Bless

```c
@ #include <stdio.h>
int
main(void)
{
	puts("the real output");
	return 0;
}
```

```output
what the author guessed
```

```c
@ #include <stdio.h>
int
main(void)
{
	puts("no block yet");
	return 0;
}
```

Text after.
EOF
cat > "$work/bless/content/broken.md" <<'EOF'
# Broken

```c
int main(void) { return nothing; }
```

```c
@ #include <stdio.h>
int main(void) { puts("right"); return 0; }
```

```output
wrong
```
EOF
cat > "$work/want.md" <<'EOF'
# Bless

```c
@ #include <stdio.h>
int
main(void)
{
	puts("the real output");
	return 0;
}
```

```output
the real output
```

```c
@ #include <stdio.h>
int
main(void)
{
	puts("no block yet");
	return 0;
}
```

```output
no block yet
```

Text after.
EOF
# what plain --bless makes: the wrong block fixed, no block added
awk '/^```output$/ { n++ } n == 2 { if (/^```$/) n = 3; next } { print }' \
    "$work/want.md" | cat -s > "$work/want-some.md"
cp "$work/bless/content/broken.md" "$work/broken.md"
run "$work/bless" samples --bless
if [ $status -eq 1 ] && cmp -s "$work/want-some.md" "$work/bless/content/_index.md" &&
    [ "$(grep -c '^```output$' "$work/bless/content/_index.md")" = 1 ] &&
    printf '%s\n' "$out" | grep -q '^sitegen: updated content/_index.md: 1 output block$'; then
	ok "bless: a wrong output block is fixed, a sample without one left without"
else
	fail "bless: a wrong output block is fixed, a sample without one left without" \
	    "$out$(diff "$work/want-some.md" "$work/bless/content/_index.md")"
fi
if cmp -s "$work/broken.md" "$work/bless/content/broken.md" &&
    printf '%s\n' "$out" | grep -q '^content/broken.md:3:1: error: the sample does not compile' &&
    printf '%s\n' "$out" | grep -q '^content/broken.md:7:1: error: the output of the sample differs'; then
	ok "bless: a page with a sample that does not compile is left alone"
else
	fail "bless: a page with a sample that does not compile is left alone" "$out"
fi
run "$work/bless" samples --bless
if cmp -s "$work/want-some.md" "$work/bless/content/_index.md" &&
    ! printf '%s\n' "$out" | grep -q 'updated content/_index.md'; then
	ok "bless: --bless again changes nothing"
else
	fail "bless: --bless again changes nothing" "$out"
fi
run "$work/bless" samples --bless=all
if [ $status -eq 1 ] && cmp -s "$work/want.md" "$work/bless/content/_index.md" &&
    printf '%s\n' "$out" | grep -q '^sitegen: updated content/_index.md: 1 output block$'; then
	ok "bless: --bless=all adds the missing output block"
else
	fail "bless: --bless=all adds the missing output block" \
	    "$out$(diff "$work/want.md" "$work/bless/content/_index.md")"
fi
cp "$work/want-some.md" "$work/bless/content/_index.md"
run "$work/bless" samples --bless=some
if [ $status -eq 2 ] && cmp -s "$work/want-some.md" "$work/bless/content/_index.md" &&
    printf '%s\n' "$out" | grep -q "^sitegen: --bless takes no value but 'all' (--bless=all)$"; then
	ok "bless: --bless=some is a usage error"
else
	fail "bless: --bless=some is a usage error" "exit $status: $out"
fi
cp "$work/want.md" "$work/bless/content/_index.md"
rm "$work/bless/content/broken.md"
run "$work/bless" build
if [ $status -eq 0 ] && grep -q 'no block yet' "$work/bless/public/index.html"; then
	ok "bless: the site then builds"
else
	fail "bless: the site then builds" "$out"
fi

# -------------------------------------------------------------------- export

site "$work/export" <<'EOF'
# Export

```c args="two 'and three'" stdin="from stdin\n"
#include "shared.h"
@ #include <string.h>
int
main(int argc, char **argv)
{
	char line[64];

	for (int i = 1; i < argc; i++)
		say(argv[i]);
	if (fgets(line, sizeof(line), stdin) != NULL)
		say(strtok(line, "\n"));
	return 0;
}
```

```output
two
and three
from stdin
```
EOF
mkdir -p "$work/export/content/samples/include"
cp "$work/cache/content/samples/include/shared.h" "$work/export/content/samples/include/"
run "$work/export" samples --export "$work/projects"
p="$work/projects/index-1"
if [ $status -eq 0 ] && [ -f "$p/sample.c" ] && [ -f "$p/shared.h" ] &&
    [ -f "$p/Makefile" ] && [ -f "$p/stdin.txt" ] &&
    grep -q '"type": "cppdbg"' "$p/.vscode/launch.json" &&
    grep -q '"preLaunchTask": "build sample (debug)"' "$p/.vscode/launch.json" &&
    grep -q '"label": "build sample (debug)"' "$p/.vscode/tasks.json" &&
    grep -q '^#include <string.h>$' "$p/sample.c" && ! grep -q '#line' "$p/sample.c"; then
	ok "export: a project with the source, its header, a Makefile and a launch configuration"
else
	fail "export: a project with the source, its header, a Makefile and a launch configuration" \
	    "$out$(ls -la "$p" 2>&1)"
fi
if command -v python3 > /dev/null 2>&1; then
	if python3 -c 'import json,sys; [json.load(open(f)) for f in sys.argv[1:]]' \
	    "$p/.vscode/launch.json" "$p/.vscode/tasks.json" 2> /dev/null; then
		ok "export: the launch configuration is valid JSON"
	else
		fail "export: the launch configuration is valid JSON"
	fi
fi
if built=$(make -s -C "$p" 2>&1) && ran=$(make -s -C "$p" run 2>&1) &&
    [ "$ran" = "$(printf 'two\nand three\nfrom stdin')" ]; then
	ok "export: make builds it and make run prints its output"
else
	fail "export: make builds it and make run prints its output" "${built:-}${ran:-}"
fi

# ------------------------------------------------------------ named parts

# The parts of a named program are found on its page only, past other
# samples between them; pages before and after with a program of the same
# name have programs of their own.
site "$work/named" <<'EOF'
# Named

```c name=demo
@ #include <stdio.h>
static const char *who = "index";
```

```c
int main(void) { return 0; }
```

```c name=demo
int main(void) { puts(who); return 0; }
```

```output
index
```
EOF
cat > "$work/named/content/a.md" <<'EOF'
# A

```c name=demo
@ #include <stdio.h>
int main(void) { puts("a"); return 0; }
```

```output
a
```
EOF
cat > "$work/named/content/b.md" <<'EOF'
# B

```c
int main(void) { return 0; }
```

```c name=demo
@ #include <stdio.h>
static const char *who = "b";
```

```c name=demo
int main(void) { puts(who); return 0; }
```

```output
b
```
EOF
run "$work/named" --verbose build
c=$(counts)
if [ $status -eq 0 ] && [ "$c" = "5 programs, 5 compiles, 5 runs, 0 from the cache" ]; then
	ok "named parts: a program's parts are found on its page alone"
else
	fail "named parts: a program's parts are found on its page alone" "$out"
fi

# ------------------------------------------------------------------ progress

site "$work/quiet" <<'EOF'
# Quiet

```c
int main(void) { return 0; }
```
EOF
err=$(cd "$work/quiet" && "$sg" build 2>&1 > /dev/null)
if printf '%s' "$err" | grep -q 'samples [0-9]'; then
	fail "no progress line when stderr is not a terminal" "$err"
else
	ok "no progress line when stderr is not a terminal"
fi
if command -v script > /dev/null 2>&1; then
	sed 's/return 0/return 1 - 1/' "$work/quiet/content/_index.md" > "$work/x.md"
	mv "$work/x.md" "$work/quiet/content/_index.md"
	tty=$(cd "$work/quiet" && script -qec "$sg build" /dev/null 2>&1)
	if printf '%s' "$tty" | grep -q 'samples 1/1'; then
		ok "a progress line on a terminal"
	else
		fail "a progress line on a terminal" "$tty"
	fi
fi
