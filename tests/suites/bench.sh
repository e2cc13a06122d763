#!/bin/sh
# tests/suites/bench.sh SITEGEN: the benchmark (tests/bench/run.sh) still
# runs, on a site of 30 pages in two rounds: every row is there with its
# ratio, the ratios to the baseline and to Hugo also round by round, and
# the last line gives the speed-up of a second worker (of the medians and
# round by round) beside
# the baseline's and the machine's own (tests/bench/spin.c). It times
# nothing: how fast is the benchmark's to say, on a quiet machine, not a
# test's. Prints one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -x /usr/bin/time ]; then
	fail "bench: GNU time is missing (build.sh installs it)"
	exit 0
fi
out=$(BENCH_DIR="$work" SITEGEN="$sg" sh "$top/tests/bench/run.sh" 30 2 2>&1)
check "bench runs to the end" $? "$out"
case $out in
*"run.sh: failed"*) fail "bench: no build fails" "$out" ;;
*) ok "bench: no build fails" ;;
esac
# a row: jobs, tool, pages/s, seconds, cpu s, peak MB
for j in 1 2; do
	for t in sitegen baseline files; do
		printf '%s\n' "$out" | grep -Eq "^$j +$t +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+" &&
		    ok "bench: row $t --jobs $j" ||
		    fail "bench: row $t --jobs $j" "$out"
	done
	printf '%s\n' "$out" | grep -Eq "^$j +baseline .*sitegen takes [0-9.]+x its time \(round by round: [0-9.]+x, from [0-9.]+x to [0-9.]+x\)$" &&
	    ok "bench: ratio to the baseline, --jobs $j" ||
	    fail "bench: ratio to the baseline, --jobs $j" "$out"
done
# round by round: the median of two is the lesser, and it lies between
# the least and the greatest
printf '%s\n' "$out" | awk '/round by round: / {
	s = $0; sub(/.*round by round: /, "", s); gsub(/[x(),]|from|to/, " ", s)
	split(s, v, " +"); if (!(v[1] == v[2] && v[2] <= v[3])) bad = 1; n++ }
	END { exit !(n >= 2 && !bad) }' &&
    ok "bench: round-by-round ratios are in order" ||
    fail "bench: round-by-round ratios are in order" "$out"
if command -v hugo > /dev/null 2>&1; then
	printf '%s\n' "$out" | grep -Eq "^2 +hugo .*sitegen is [0-9.]+x its pages/s \(round by round: [0-9.]+x, from [0-9.]+x to [0-9.]+x\)$" &&
	    ok "bench: Hugo's row" || fail "bench: Hugo's row" "$out"
fi
last=$(printf '%s\n' "$out" | tail -1)
printf '%s\n' "$last" | grep -Eq "^sitegen --jobs 2 is [0-9.]+x as fast as --jobs 1 \(the baseline: [0-9.]+x; arithmetic alone, the machine's ceiling: [0-9.]+x\); round by round [0-9.]+x, from [0-9.]+x to [0-9.]+x \(the baseline: [0-9.]+x; arithmetic alone: [0-9.]+x\)$" &&
    ok "bench: the speed-up of a second worker, and the machine's" ||
    fail "bench: the speed-up of a second worker, and the machine's" "$out"
# a careless count is refused before anything is built
for a in "30 0" "30 -1" "30 abc" "0 1" "x 1"; do
	# shellcheck disable=SC2086
	got=$(BENCH_DIR="$work" SITEGEN="$sg" sh "$top/tests/bench/run.sh" $a 2>&1)
	same "bench: 'run.sh $a' is a usage error" "$?:$got" \
	    "2:run.sh: PAGES and ROUNDS are whole numbers above 0 (got '$a')"
done
# and gen.sh, which the other benchmarks call, writes nothing for one
got=$(sh "$top/tests/bench/gen.sh" "$work/g" x 2>&1)
same "bench: 'gen.sh DIR x' is a usage error" "$?:$got" \
    "2:gen.sh: DIR PAGES [SECTIONS]: PAGES and SECTIONS are whole numbers above 0 (got 'x' '100')"
same "bench: 'gen.sh DIR x' writes nothing" "$(ls -A "$work")" ""
# a folder of someone's own is not gen.sh's to replace
mkdir "$work/mine" && echo mine > "$work/mine/keep.txt"
got=$(sh "$top/tests/bench/gen.sh" "$work/mine" 1 2>&1)
same "bench: gen.sh refuses a folder it did not make" "$?:$got:$(cat "$work/mine/keep.txt" 2>&1)" \
    "2:gen.sh: $work/mine holds files gen.sh did not write: give it a new folder:mine"
rm -rf "$work/mine"
# one it made, it makes again
sh "$top/tests/bench/gen.sh" "$work/g" 2 1 > /dev/null 2>&1 &&
    sh "$top/tests/bench/gen.sh" "$work/g" 3 1 > /dev/null 2>&1
same "bench: gen.sh makes its own folder again" \
    "$?:$(ls "$work/g/content/section-000" 2>&1 | tr '\n' ' ')" \
    "0:_index.md page-00000.md page-00001.md page-00002.md "
rm -rf "$work/g"
# nothing of it is left behind
left=$(ls -A "$work")
same "bench: its folder is removed" "$left" ""
