#!/bin/sh
# tests/suites/samples_dirs.sh SITEGEN: a section's samples compile
# against the project's own library, kept in the site (samples: include:
# and sources: in the section's _index.md):
#
#   - a sample that includes the library's header and calls it builds,
#     runs and prints what its output block says; so does one in a
#     subsection; a fragment without main compiles against the header;
#   - an edit to the library's source or header reaches the next build
#     (the cache knows the folders);
#   - a section without the setting does not see the header;
#   - the library folder is not published.
# Prints "ok NAME" / "FAIL NAME" lines. Run from the repository root.
. "$(dirname "$0")/lib/common.sh"
tmp=$work
run() {
	out=$(cd "$s" && timeout 120 "$sg" --quiet --jobs 2 "$@" 2>&1)
	status=$?
}

s=$tmp/s
mkdir -p "$s/content/manual/more" "$s/content/other" "$s/mylib/include" \
    "$s/mylib/src" "$s/templates"
printf 'title: t\ntheme: ""\n' > "$s/site.yml"
for t in index page section; do
	printf '<%%- content %%>\n' > "$s/templates/$t.html"
done
cat > "$s/mylib/include/greet.h" <<'END'
#ifndef GREET_H
#define GREET_H
#define GREETING "hello"
int	greet(const char *who);
#endif
END
cat > "$s/mylib/src/greet.c" <<'END'
#include <stdio.h>
#include "greet.h"

int
greet(const char *who)
{
	return printf("%s, %s\n", GREETING, who);
}
END
cat > "$s/mylib/src/count.c" <<'END'
int	greet_count(void);

int
greet_count(void)
{
	return 1;
}
END
cat > "$s/content/_index.md" <<'END'
# Home

The [manual](manual/greet.md), [more](manual/more/again.md), [other](other/page.md).
END
cat > "$s/content/manual/_index.md" <<'END'
---
title: Manual
samples:
  include: mylib/include
  sources: [mylib/src]
---

The library's manual pages.
END
cat > "$s/content/manual/greet.md" <<'END'
# greet

```c
#include <stdio.h>
#include <greet.h>

int	greet_count(void);

int
main(void)
{
	greet("world");
	printf("%d\n", greet_count());
	return 0;
}
```

```output
hello, world
1
```

The prototype, compiled against the header:

```c
#include "greet.h"
int	greet(const char *who);
```
END
cat > "$s/content/manual/more/again.md" <<'END'
# Again

```c
#include <greet.h>
int main(void) { greet("again"); return 0; }
```

```output
hello, again
```
END
cat > "$s/content/other/page.md" <<'END'
# Other

```c ignore
#include <greet.h>
```
END

run build
[ $status -eq 0 ] && [ -z "$out" ] &&
    grep -q 'hello, world' "$s/public/manual/greet/index.html" &&
    grep -q 'hello, again' "$s/public/manual/more/again/index.html"
check "dirs: samples of a section and its subsection compile against the site's library and run" $? \
    "exit $status
$out"
[ ! -e "$s/public/mylib" ] && ! find "$s/public" -name '*.h' -o -name 'greet.c' | grep -q .
check "dirs: the library's folders are not published" $? "$(find "$s/public")"

sed -i 's/"%s, %s\\n"/"%s to %s\\n"/' "$s/mylib/src/greet.c"
run build
printf '%s\n' "$out" | grep -q '^content/manual/greet.md:3:1: error: the output of the sample differs' &&
    printf '%s\n' "$out" | grep -q '^+hello to world$' && [ $status -eq 1 ]
check "dirs: an edit to the library's source reaches the next build" $? "exit $status
$out"
sed -i 's/"%s to %s\\n"/"%s, %s\\n"/' "$s/mylib/src/greet.c"
sed -i 's/"hello"/"hi"/' "$s/mylib/include/greet.h"
run build
printf '%s\n' "$out" | grep -q '^+hi, world$' && [ $status -eq 1 ]
check "dirs: an edit to the library's header reaches the next build" $? "exit $status
$out"
sed -i 's/"hi"/"hello"/' "$s/mylib/include/greet.h"
run build
[ $status -eq 0 ] && [ -z "$out" ]
check "dirs: and back" $? "exit $status
$out"

sed -i 's/^```c ignore$/```c/' "$s/content/other/page.md"
run build
[ $status -eq 1 ] && printf '%s\n' "$out" | grep -q '^content/other/page.md:3:1: error: the sample does not compile' &&
    printf '%s\n' "$out" | grep -q 'greet.h: No such file or directory' &&
    ! printf '%s\n' "$out" | grep -q 'content/manual'
check "dirs: a section without the setting does not see the header" $? "exit $status
$out"

# --export: the project has the section's library and builds with make
sed -i 's/^```c$/```c ignore/' "$s/content/other/page.md"
run samples --export "$tmp/projects"
p=$tmp/projects/manual-greet-1
if [ $status -eq 0 ] && [ -f "$p/mylib/include/greet.h" ] && [ -f "$p/mylib/src/greet.c" ] &&
    ran=$(make -s -C "$p" run 2>&1) && [ "$ran" = "$(printf 'hello, world\n1')" ]; then
	ok "dirs: an exported sample has the library and make run prints its output"
else
	fail "dirs: an exported sample has the library and make run prints its output" \
	    "exit $status $out ${ran:-}
$(find "$p" 2>&1)"
fi
