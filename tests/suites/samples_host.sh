#!/bin/sh
# tests/suites/samples_host.sh SITEGEN: what a sample may do to the host,
# and what sitegen does with what a sample leaves behind: links, FIFOs and
# devices left by the compile step are refused, --export copies no link,
# the host's files and processes stay out of sight, memory and disk are
# capped, deep or unreadable folders are removed, an interrupted build
# leaves no process and no folder, and root builds in a private folder.
# Prints one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/samples.sh"
cleanup() { chmod -R u+rwx "$work" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A file the sandbox must never read, readable by this user.
secret="$work/secret.txt"
echo "SECRET-$$-MARKER" > "$secret"
chmod 644 "$secret"

# leaked DIR: the secret's text anywhere under DIR or TMPDIR.
leaked() {
	grep -rl "SECRET-$$-MARKER" "$1" "$work/tmp" 2> /dev/null
}

# refused NAME PATTERN: the last run failed within 20 s saying PATTERN,
# leaked nothing and left nothing in TMPDIR.
refused() {
	l=$(leaked "$d")
	left=$(ls -A "$work/tmp")
	if [ $status -ne 1 ]; then
		fail "$1: exit $status, want 1" "$out"
	elif [ "$ms" -gt 20000 ]; then
		fail "$1: took $ms ms" "$out"
	elif ! printf '%s\n' "$out" | grep -q -- "$2"; then
		fail "$1: no '$2' in the report" "$out"
	elif [ -n "$l" ]; then
		fail "$1: the secret leaked into" "$l"
	elif [ -n "$left" ]; then
		fail "$1: left behind in TMPDIR" "$left"
	else
		ok "$1 ($ms ms)"
	fi
}

# ------------------------------------------- what the compile step leaves

# leave NAME COMMAND: a sample whose compile step (through -wrapper, which
# site.yml allows here) runs COMMAND in the sample's folder and succeeds.
leave() {
	site "$work/$1" 'samples:
  unsafe_flags: true
' <<EOF
# Left behind

\`\`\`c cflags="-wrapper '/bin/sh,-c,$2; exit 0'"
int main(void) { return 0; }
\`\`\`
EOF
	run "$work/$1" build
}

leave symlink "rm -f sample; ln -s $secret sample"
refused "a symbolic link left as the program is refused, never read" \
    "_index.md:3:1: error: .*('sample') is refused: it is a symbolic link"
leave devzero "rm -f sample; ln -s /dev/zero sample"
refused "a link to /dev/zero left as the program is refused" \
    "_index.md:3:1: error: .*('sample') is refused: it is a symbolic link"
leave fifo "rm -f sample; mkfifo sample"
refused "a FIFO left as the program is refused, without hanging" \
    "_index.md:3:1: error: .*('sample') is refused: it is not a regular file"

# ------------------------------------------------------------------ export

site "$work/export" <<'EOF'
# Export

```c
#include "good.h"
#if 0
#include "cfg.h"
#endif
int main(void) { return GOOD; }
```
EOF
mkdir -p "$work/export/content/samples/include"
printf '#define GOOD 0\n' > "$work/export/content/samples/include/good.h"
chmod 600 "$work/export/content/samples/include/good.h"
ln -s "$secret" "$work/export/content/samples/include/cfg.h"
run "$work/export" samples --export "$work/projects"
p="$work/projects/index-1"
mode=$(stat -c %a "$p/good.h" 2> /dev/null)
if [ $status -eq 0 ] && [ -f "$p/good.h" ] && [ ! -e "$p/cfg.h" ] &&
    [ -z "$(leaked "$work/projects")" ] &&
    printf '%s\n' "$out" | grep -q "warning: not exporting content/samples/include/cfg.h: it is a symbolic link" &&
    [ "$mode" = 644 ]; then
	ok "export: a header linked elsewhere is skipped with a warning, files are 0644"
else
	fail "export: a header linked elsewhere is skipped with a warning, files are 0644" \
	    "$out$(ls -la "$p" 2>&1)"
fi

# ---------------------------------------------------- deep, locked folders

site "$work/deep" <<'EOF'
# Deep

```c
@ #include <stdio.h>
@ #include <sys/stat.h>
@ #include <unistd.h>
int
main(void)
{
	for (int i = 0; i < 300; i++) {
		if (mkdir("d", 0755) != 0 || chdir("d") != 0)
			return 1;
		if (i % 50 == 0) {
			FILE *f = fopen("f", "w");
			fputs("x", f);
			fclose(f);
		}
	}
	mkdir("locked", 0755);
	mkdir("locked/in", 0755);
	chmod("locked/in", 0);
	chmod("locked", 0500);
	puts("deep");
	return 0;
}
```
EOF
run "$work/deep" build
left=$(ls -A "$work/tmp")
if [ $status -eq 0 ] && [ -z "$left" ]; then
	ok "a sample's folder is removed at any depth and whatever its modes"
else
	fail "a sample's folder is removed at any depth and whatever its modes" \
	    "$out$(printf '\nleft: %s' "$left")"
fi

# --------------------------------------------------- root in a private dir

priv=$(mktemp -d)
chmod 700 "$priv"
mkdir -m 700 "$priv/tmp"
site "$priv/site" <<'EOF'
# Private

```c
#include "lambda.h"
int main(void) { return handler(); }
```
EOF
mkdir -p "$priv/site/content/samples/include"
printf 'static int handler(void) { return 0; }\n' > \
    "$priv/site/content/samples/include/lambda.h"
out=$(cd "$priv/site" && TMPDIR="$priv/tmp" timeout 120 "$sg" --quiet build 2>&1)
status=$?
left=$(ls -A "$priv/tmp")
if [ $status -eq 0 ] && [ -z "$left" ]; then
	ok "samples build in a folder under a mode-0700 parent, TMPDIR there too ($(id -un))"
else
	fail "samples build in a folder under a mode-0700 parent, TMPDIR there too ($(id -un))" \
	    "$out$left"
fi
rm -rf "$priv"

# ------------------------------------------------------- the host, hidden

site "$work/host" <<'EOF'
# Host

```c
@ #include <ctype.h>
@ #include <dirent.h>
@ #include <stdio.h>
int
main(void)
{
	const char *files[] = { "/etc/hostname", "/etc/passwd", "/root", "/home" };
	struct dirent *e;
	DIR *d;
	int n = 0;

	for (int i = 0; i < 4; i++) {
		FILE *f = fopen(files[i], "r");
		printf("%s: %s\n", files[i], f ? "open" : "refused");
	}
	if ((d = opendir("/proc")) != NULL) {
		while ((e = readdir(d)) != NULL)
			n += isdigit((unsigned char)e->d_name[0]) != 0;
		closedir(d);
	}
	printf("processes: %d\n", n);
	return 0;
}
```
EOF
run "$work/host" build
# Whether this kernel lets us have a PID namespace with its own /proc,
# asked of the kernel (not of sitegen, which must then use it).
layers=$("$sg" --version | grep '^sandbox:')
pidns=no
unshare -Urpmf --mount-proc true 2> /dev/null && pidns=yes
if [ $pidns = yes ] && printf '%s' "$layers" | grep -q 'landlock ABI'; then
	if [ $status -eq 0 ] &&
	    grep -q '/etc/hostname: refused' "$work/host/public/index.html" &&
	    grep -q '/etc/passwd: refused' "$work/host/public/index.html" &&
	    grep -q '/root: refused' "$work/host/public/index.html" &&
	    grep -q 'processes: 2' "$work/host/public/index.html"; then
		ok "a sample reads no host file and sees no host process"
	else
		fail "a sample reads no host file and sees no host process" \
		    "$out$(grep -A8 hostname "$work/host/public/index.html")"
	fi
else
	ok "a sample reads no host file: skipped, $layers"
fi

# ------------------------------------------------------- memory and disk

site "$work/memory" <<'EOF'
# Memory

```c
@ #include <stdlib.h>
@ #include <string.h>
int
main(void)
{
	size_t n = (size_t)1 << 30;
	char *p = malloc(n);

	if (p != NULL)
		memset(p, 1, n);
	free(p);
	return 0;
}
```
EOF
run "$work/memory" build
if [ $status -eq 1 ] && printf '%s' "$out" | grep -q '_index.md:3:1: error: the sample used more than 512 MiB of memory and was stopped' &&
    [ -z "$(ls -A "$work/tmp")" ]; then
	ok "a sample over samples.memory (ASan on) is stopped at its line ($ms ms)"
else
	fail "a sample over samples.memory (ASan on) is stopped at its line" "$out"
fi
site "$work/memory2" 'samples:
  cflags: "-std=c11 -Wall -Werror"
  memory: 64
' <<'EOF'
# Memory

```c
@ #include <stdio.h>
@ #include <stdlib.h>
int
main(void)
{
	puts(malloc((size_t)256 << 20) ? "allocated" : "refused");
	return 0;
}
```

```output
refused
```
EOF
run "$work/memory2" build
if [ $status -eq 0 ]; then
	ok "samples.memory: 64 without ASan is an address space limit"
else
	fail "samples.memory: 64 without ASan is an address space limit" "$out"
fi

site "$work/disk" <<'EOF'
# Disk

```c
@ #include <stdio.h>
@ #include <string.h>
int
main(void)
{
	static char b[1 << 20];
	int mib = 0;

	memset(b, 'x', sizeof(b));
	for (int i = 0; i < 20; i++) {
		char name[16];
		snprintf(name, sizeof(name), "f%d", i);
		FILE *f = fopen(name, "w");
		if (f == NULL)
			break;
		for (int k = 0; k < 16; k++)
			if (fwrite(b, 1, sizeof(b), f) == sizeof(b))
				mib++;
		fclose(f);
	}
	printf("%s\n", mib < 64 ? "capped" : "not capped");
	return 0;
}
```
EOF
run "$work/disk" build
if [ $pidns = yes ]; then
	if [ $status -eq 0 ] && grep -q '>capped' "$work/disk/public/index.html" &&
	    [ -z "$(ls -A "$work/tmp")" ]; then
		ok "a sample writes at most samples.disk (64 MiB) and leaves nothing"
	else
		fail "a sample writes at most samples.disk (64 MiB) and leaves nothing" \
		    "$out$(grep capped "$work/disk/public/index.html")"
	fi
else
	ok "a sample writes at most samples.disk: skipped, $layers"
fi

# ------------------------------------------------------ interrupted builds

site "$work/slow" 'samples:
  timeout: 60
' <<EOF
# Slow

\`\`\`c args="marker-$$"
@ #include <unistd.h>
int
main(void)
{
	if (fork() == 0)
		setsid();
	sleep(50);
	return 0;
}
\`\`\`
EOF
# survivors: processes that run with our marker as an argument
survivors() {
	for p in /proc/[0-9]*; do
		{ tr "\0" " " < "$p/cmdline"; } 2> /dev/null | grep -q "marker-$$" &&
		    echo "${p#/proc/}"
	done
}
# interrupt SIGNAL: starts a build, sends SIGNAL once a sample runs;
# sets left (folders in TMPDIR), alive (survivors) and took (seconds)
# after it ended. A background job of sh ignores SIGINT: env gives it
# back its default, as an interactive shell would.
interrupt() {
	rm -rf "$work/slow/.sitegen"
	t0=$(now)
	(cd "$work/slow" && exec env --default-signal=INT,TERM "$sg" --quiet \
	    build > /dev/null 2>&1) &
	pid=$!
	i=0
	while [ -z "$(survivors)" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -"$1" $pid
	wait $pid 2> /dev/null
	took=$(($(now) - t0))
	sleep 0.3
	left=$(ls -A "$work/tmp")
	alive=$(survivors)
}
for s in TERM INT; do
	interrupt $s
	if [ -z "$left" ] && [ -z "$alive" ] && [ $took -lt 20000 ]; then
		ok "SIG$s during a sample: no process and no folder left"
	else
		fail "SIG$s during a sample: no process and no folder left" \
		    "left: $left; alive: $alive; took $took ms"
	fi
done
interrupt KILL
killed_left=$left
alive=$(survivors)
mkdir -m 700 "$work/tmp/sitegen-1-abcdef"	# pid 1 lives: not ours to take
site "$work/after" <<'EOF'
# After

```c
int main(void) { return 0; }
```
EOF
run "$work/after" build
left=$(ls -A "$work/tmp")
if [ -z "$alive" ] && [ -n "$killed_left" ] && [ $status -eq 0 ] &&
    [ "$left" = "sitegen-1-abcdef" ]; then
	ok "after kill -9 no process survives, the next build removes what it left"
else
	fail "after kill -9 no process survives, the next build removes what it left" \
	    "alive: $alive; left by kill -9: $killed_left; left after: $left"
fi
rmdir "$work/tmp/sitegen-1-abcdef"
