#!/bin/sh
# tests/suites/secrets.sh SITEGEN: the credential scan on inputs made to
# be slow (many findings on one huge line, private key headers without an
# end, endless assignments), which must end at once with a bounded report;
# secrets.allow in site.yml: a value found nowhere, a wrong type. Prints
# one "ok NAME" or "FAIL NAME" line a case.
. "$(dirname "$0")/lib/common.sh"

# site [YAML]: a one-page site in $s; content/_index.md from stdin.
s=$work/site
site() {
	rm -rf "$s"
	mkdir -p "$s/content" "$s/templates"
	printf 'title: t\ntheme: ""\n%s' "${1:-}" > "$s/site.yml"
	printf '<%%- content %%>\n' > "$s/templates/page.html"
	printf '<%%- content %%>\n' > "$s/templates/index.html"
	printf '<%%- content %%>\n' > "$s/templates/section.html"
	cat > "$s/content/_index.md"
}

# slow NAME STATUS: sitegen builds $s within 20 s with exit STATUS and no
# sanitizer report; leaves the messages in $got.
slow() {
	got=$(timeout 20 "$sg" --root "$s" --quiet build 2>&1)
	status=$?
	if [ $status -ne "$2" ]; then
		fail "$1: exit $status, want $2" "$(printf '%s\n' "$got" | head -5)"
		return 1
	elif printf '%s' "$got" | grep -q 'Sanitizer\|runtime error'; then
		fail "$1: sanitizer report" "$got"
		return 1
	fi
	return 0
}

# 100,000 key ids on one 2 MB line: ten reported, then one line for the rest
awk 'BEGIN { printf "# Keys\n\n"; for (i = 0; i < 100000; i++) printf "AKIAQYLPMN5HFIQR7XYZ "; print "" }' | site
if slow "100,000 findings on one line" 1; then
	n=$(printf '%s\n' "$got" | grep -c 'aws-access-key-id')
	if [ "$n" -eq 10 ] && printf '%s\n' "$got" | grep -q '^content/_index.md:3:211: error: 99990 more credentials from here to the end of this file, not shown one by one$'; then
		ok "100,000 findings on one line: ten shown, the rest counted"
	else
		fail "100,000 findings on one line: ten shown, the rest counted" "$(printf '%s\n' "$got" | head -12)"
	fi
fi

awk 'BEGIN { printf "# Keys\n\n```\n"; for (i = 0; i < 50000; i++) print "-----BEGIN RSA PRIVATE KEY-----"; print "```" }' | site
slow "50,000 private key headers, no end" 0 && ok "50,000 private key headers, no end"

awk 'BEGIN { printf "# Keys\n\n"; for (i = 0; i < 200000; i++) printf "password=eyJ"; print "" }' | site
slow "200,000 assignments on one line" 0 && ok "200,000 assignments on one line"

awk 'BEGIN { printf "# Keys\n\n"; for (i = 0; i < 400000; i++) printf "ghp_-xoxb-sk_live_"; print "" }' | site
slow "a line of token prefixes" 0 && ok "a line of token prefixes"

# An allowed value found nowhere is a warning at its line; the build
# still succeeds.
printf '# Home\n\nThe example key AKIAIOSFODNN7EXAMPLE.\n' | site 'secrets:
  allow:
    - AKIAIOSFODNN7EXAMPLE
    - AKIAI44QH8DHBEXAMPLE
'
got=$("$sg" --root "$s" --quiet build 2>&1)
status=$?
if [ $status -eq 0 ] && [ "$got" = "site.yml:6:7: warning: the allowed value AKIA************MPLE appears nowhere in the site: remove it from secrets.allow" ]; then
	ok "an allowed value found nowhere is a warning"
else
	fail "an allowed value found nowhere is a warning" "exit $status: $got"
fi

# The marker allows every finding of its line, and only of its line.
printf '# Home\n\n`AKIAQYLPMN5HFIQR7XYZ` <!-- sitegen:allow-secret -->\n\n`AKIAQYLPMN5HFIQR7ABC`\n' | site
got=$("$sg" --root "$s" --quiet build 2>&1)
status=$?
case $got in
"content/_index.md:5:2: error: aws-access-key-id AKIA************7ABC looks like a credential"*) st=ok ;;
*) st=bad ;;
esac
if [ $status -eq 1 ] && [ $st = ok ] && [ "$(printf '%s\n' "$got" | grep -c error)" -eq 1 ]; then
	ok "sitegen:allow-secret allows its line only"
else
	fail "sitegen:allow-secret allows its line only" "exit $status: $got"
fi

printf '# Home\n' | site 'secrets:
  allow: AKIAIOSFODNN7EXAMPLE
  deny: []
'
got=$("$sg" --root "$s" --quiet build 2>&1)
status=$?
want="site.yml:4:10: error: 'secrets.allow' must be a list of values, not a string
site.yml:5:9: warning: unknown key 'secrets.deny' (sitegen knows secrets.allow)"
if [ $status -eq 1 ] && [ "$got" = "$want" ]; then
	ok "secrets: in site.yml is checked"
else
	fail "secrets: in site.yml is checked" "$(printf 'exit %s\ngot:\n%s\nwant:\n%s' $status "$got" "$want")"
fi
