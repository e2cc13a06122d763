/*
 * i18n_browser.js CHROMIUM URL PREFIX: on the page URL of a Japanese site
 * (i18n.sh), checks in headless Chromium that the words the theme's
 * scripts show come from the page: the search box's results and "no
 * results", and the copy button of a code block. Prints "ok NAME" /
 * "FAIL NAME" lines, each NAME starting with PREFIX.
 */
"use strict";

const { launch, report, evaluator, searchTyper, run } =
    require("./lib/chromium.js");

const [chromium, url, prefix] = process.argv.slice(2);
const rep = report(prefix);
const { ok, fail } = rep;
const { connect, cleanup } = launch(chromium, "i18n");

async function main() {
	const cdp = await connect();
	await cdp.send("Page.enable");
	await cdp.send("Runtime.enable");
	const { js, until } = evaluator(cdp, 8000);
	await cdp.send("Page.navigate", { url });
	if (!await until("document.readyState === 'complete' && " +
	    "!!document.querySelector('.search:not([hidden])') && " +
	    "!!document.querySelector('.copy-button')")) {
		fail("the page loads", url);
		return;
	}
	const type = searchTyper(cdp, js, until);
	const status = () => until("document.querySelector('.search [role=status]').textContent || null", 3000);

	const copy = await js("(() => { const b = document.querySelector('.copy-button'); " +
	    "return b.textContent + '|' + b.getAttribute('aria-label'); })()");
	if (copy === "コピー|コードをコピー")
		ok("the copy button says コピー");
	else
		fail("the copy button says コピー", String(copy));

	await type("zzqx");
	const none = await js("document.querySelector('#search-results .search-none').textContent");
	const s1 = await status();
	if (none === "「zzqx」に一致する結果はありません" && s1 === "結果はありません")
		ok("no results, in Japanese");
	else
		fail("no results, in Japanese", none + " / " + s1);

	await type("準備");
	const s2 = await until("(() => { const t = document.querySelector('.search [role=status]').textContent; " +
	    "return /件/.test(t) && t; })()", 3000);
	if (/^[0-9]+ 件の結果$/.test(s2 || ""))
		ok("the number of results, in Japanese");
	else
		fail("the number of results, in Japanese", String(s2));
}

run(main, cleanup, rep);
