# tests/suites/lib/samples.sh: sourced after common.sh by the suites that
# run samples. When run as root, samples and compilers run as another
# user, who must reach the sites' folders; sitegen's temporary folders go
# into $work/tmp, so that what is left there is the build's.
chmod 755 "$work"
mkdir "$work/tmp"
chmod 1777 "$work/tmp"
export TMPDIR="$work/tmp"

# site DIR [YAML]: a one-page site in DIR; content/_index.md from stdin.
site() {
	rm -rf "$1"
	mkdir -p "$1/content" "$1/templates"
	printf 'title: t\ntheme: ""\n%s' "${2:-}" > "$1/site.yml"
	for t in index page section; do
		printf '<%%- content %%>\n' > "$1/templates/$t.html"
	done
	cat > "$1/content/_index.md"
}

# run DIR ARGS...: sitegen ARGS in DIR; sets out (stdout and stderr),
# status and ms (the time it took).
run() {
	d=$1
	shift
	t0=$(now)
	out=$(cd "$d" && timeout 120 "$sg" --quiet --jobs 2 "$@" 2>&1)
	status=$?
	ms=$(($(now) - t0))
}
