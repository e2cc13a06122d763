/*
 * search_browser.js CHROMIUM URL BASE PREFIX: drives headless Chromium
 * over the DevTools protocol (node --experimental-websocket) on the page
 * URL of a built site whose base path is BASE ("/" or "/sub/"), types into the search box as a reader would
 * and prints "ok NAME" / "FAIL NAME" lines, each NAME starting with
 * PREFIX. Used by search.sh.
 */
"use strict";

const { launch, report, evaluator, searchTyper, run } =
    require("./lib/chromium.js");

const [chromium, url, base, prefix] = process.argv.slice(2);
const origin = new URL(url).origin;
const rep = report(prefix);
const { ok, fail } = rep;
const { connect, cleanup } = launch(chromium, "search");

async function main() {
	const cdp = await connect();
	const requests = [], errors = [];
	cdp.on((m) => {
		if (m.method === "Network.requestWillBeSent")
			requests.push(m.params.request.url);
		if (m.method === "Runtime.exceptionThrown")
			errors.push(m.params.exceptionDetails.text);
		if (m.method === "Runtime.consoleAPICalled" && m.params.type === "error")
			errors.push(m.params.args.map((a) => a.value || a.description).join(" "));
	});
	await cdp.send("Page.enable");
	await cdp.send("Runtime.enable");
	await cdp.send("Network.enable");

	const { js, until } = evaluator(cdp, 8000);
	const key = async (k, code, mods, text) => {
		const base = { key: k, code: code, windowsVirtualKeyCode: code === "Slash" ? 191 :
		    { ArrowDown: 40, ArrowUp: 38, Enter: 13, Escape: 27, KeyK: 75 }[code] || 0,
		    modifiers: mods || 0 };
		await cdp.send("Input.dispatchKeyEvent", Object.assign({ type: text ? "keyDown" : "rawKeyDown", text }, base));
		await cdp.send("Input.dispatchKeyEvent", Object.assign({ type: "keyUp" }, base));
	};
	const load = async (u) => {
		await cdp.send("Page.navigate", { url: u });
		return until("document.readyState === 'complete' && !!document.querySelector('.search:not([hidden])')");
	};
	const type = searchTyper(cdp, js, until);
	const results = () => js("Array.from(document.querySelectorAll('#search-results [role=option] a'))" +
	    ".map((a) => ({ href: a.getAttribute('href'), text: a.textContent, marks: a.querySelectorAll('mark').length }))");

	if (await load(url)) ok("the search box is shown");
	else { fail("the search box is shown", "no visible .search on " + url); return; }

	await js("document.activeElement && document.activeElement.blur()");
	await key("/", "Slash", 0, "/");
	if (await js("document.activeElement && document.activeElement.id === 'search-input'"))
		ok("'/' focuses the search box");
	else
		fail("'/' focuses the search box");
	if (await js("document.getElementById('search-input').value === ''"))
		ok("'/' is not typed into the box");
	else
		fail("'/' is not typed into the box");

	await type("denial of wallet");
	let r = await results();
	const dow = base + "security/denial-of-wallet/#denial-of-wallet";
	if (r.length > 0 && r[0].href === dow)
		ok("'denial of wallet': the security page first, at its heading");
	else
		fail("'denial of wallet': the security page first, at its heading",
		    "want " + dow + ", got " + JSON.stringify(r.slice(0, 3)));
	if (r.length > 0 && r[0].text.indexOf("Denial of wallet") >= 0)
		ok("'denial of wallet': the result names the page and heading");
	else
		fail("'denial of wallet': the result names the page and heading", JSON.stringify(r[0]));

	await type("idempotent");
	r = await results();
	if (r.some((x) => x.href.indexOf(base + "security/denial-of-wallet/") === 0))
		ok("'idempotent' finds the idempotency sample's page");
	else
		fail("'idempotent' finds the idempotency sample's page", JSON.stringify(r));

	await type("retries");
	r = await results();
	if (r.length > 0 && r[0].marks > 0 && r[0].href.indexOf(base + "security/denial-of-wallet/#") === 0)
		ok("'retries': excerpts mark the words found (retried, retries)");
	else
		fail("'retries': excerpts mark the words found (retried, retries)", JSON.stringify(r.slice(0, 2)));

	await type("idempo");
	r = await results();
	if (r.some((x) => x.href.indexOf(base + "security/denial-of-wallet/") === 0))
		ok("a word being typed matches as a prefix");
	else
		fail("a word being typed matches as a prefix", JSON.stringify(r));

	await type("xyzzyplugh");
	const none = await js("(() => { const n = document.querySelector('#search-results .search-none'); return n && n.textContent; })()");
	if (none && /No results/.test(none) && (await results()).length === 0)
		ok("a nonsense word shows 'No results'");
	else
		fail("a nonsense word shows 'No results'", String(none));

	/* the keyboard: arrows move, Escape closes, Enter follows */
	await type("denial of wallet");
	r = await results();
	await key("ArrowDown", "ArrowDown");
	await key("ArrowDown", "ArrowDown");
	const second = await js("(() => { const i = document.getElementById('search-input'); " +
	    "const o = document.getElementById(i.getAttribute('aria-activedescendant')); " +
	    "return o && o.getAttribute('aria-selected') === 'true' && o.querySelector('a').getAttribute('href'); })()");
	if (r.length > 1 && second === r[1].href)
		ok("ArrowDown selects the next result");
	else
		fail("ArrowDown selects the next result", String(second));
	await key("ArrowUp", "ArrowUp");
	const first = await js("document.querySelector('#search-results [aria-selected=true] a').getAttribute('href')");
	if (first === r[0].href)
		ok("ArrowUp selects the previous result");
	else
		fail("ArrowUp selects the previous result", String(first));
	await key("Escape", "Escape");
	if (await js("document.getElementById('search-results').hidden && " +
	    "document.getElementById('search-input').getAttribute('aria-expanded') === 'false'"))
		ok("Escape closes the results");
	else
		fail("Escape closes the results");
	await key("ArrowDown", "ArrowDown");
	await key("Enter", "Enter");
	const there = await until("location.pathname + location.hash === " + JSON.stringify(r[0].href) +
	    " && document.readyState === 'complete' && location.href", 8000);
	if (there)
		ok("Enter follows the selected result");
	else
		fail("Enter follows the selected result", await js("location.href"));

	await load(url);
	await js("document.activeElement && document.activeElement.blur()");
	await key("k", "KeyK", 2 /* Ctrl */, "");
	if (await js("document.activeElement && document.activeElement.id === 'search-input'"))
		ok("Ctrl-K focuses the search box");
	else
		fail("Ctrl-K focuses the search box");

	const foreign = requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:") && u !== "about:blank");
	if (foreign.length === 0)
		ok("no request leaves the site");
	else
		fail("no request leaves the site", foreign.join(" "));
	const shards = requests.filter((u) => u.indexOf("/search/s/") >= 0);
	if (requests.some((u) => u === origin + base + "search/index.json") && shards.length > 0 &&
	    shards.every((u) => u.startsWith(origin + base + "search/s/")))
		ok("the index is loaded from " + base + "search/");
	else
		fail("the index is loaded from " + base + "search/", requests.join(" "));
	if (errors.length === 0)
		ok("no script error");
	else
		fail("no script error", errors.join(" | "));
}

run(main, cleanup, rep);
