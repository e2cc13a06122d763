/*
 * serve_browser.js CHROMIUM URL PAGE SCSS: headless Chromium over the
 * DevTools protocol (node --experimental-websocket) on URL, a page that
 * sitegen serve serves from the Markdown file PAGE; edits PAGE and checks
 * that the page reloads by itself and shows the new text, then appends
 * a rule to the Sass file SCSS and checks that the style sheet is swapped
 * without a reload (a variable set in the page survives). Prints
 * "ok NAME" / "FAIL NAME" lines. Used by serve_browser.sh.
 */
"use strict";

const fs = require("fs");
const { launch, sleep, report, evaluator, run } =
    require("./lib/chromium.js");

const [chromium, url, pagefile, scss] = process.argv.slice(2);
const rep = report("browser ");
const { ok, fail } = rep;
const { connect, cleanup } = launch(chromium, "serve");

async function main() {
	const cdp = await connect();
	const errors = [];
	cdp.on((m) => {
		if (m.method === "Runtime.exceptionThrown")
			errors.push(m.params.exceptionDetails.text);
	});
	await cdp.send("Page.enable");
	await cdp.send("Runtime.enable");
	const { js, until } = evaluator(cdp, 15000);

	await cdp.send("Page.navigate", { url: url });
	if (await until("document.readyState === 'complete' && " +
	    "document.body.textContent.indexOf('Before the edit') >= 0"))
		ok("the page is served");
	else {
		fail("the page is served", await js("document.body && document.body.textContent"));
		return;
	}
	/* the event stream is open once the script ran */
	await sleep(500);
	await js("window.sitegenMarker = 42");

	fs.writeFileSync(pagefile, fs.readFileSync(pagefile, "utf8").replace("Before the edit", "After the edit"));
	if (await until("document.readyState === 'complete' && " +
	    "document.body.textContent.indexOf('After the edit') >= 0"))
		ok("the page shows the edit by itself");
	else
		fail("the page shows the edit by itself");
	if (await js("window.sitegenMarker === undefined"))
		ok("it reloaded to show it");
	else
		fail("it reloaded to show it", "the marker survived");

	await sleep(500);
	await js("window.sitegenMarker = 43");
	const before = await js("document.querySelector('link[rel=stylesheet]').getAttribute('href')");
	fs.appendFileSync(scss, "\nbody { outline-color: rgb(1, 2, 3); }\n");
	const after = await until("(() => { const h = document.querySelector('link[rel=stylesheet]').getAttribute('href'); " +
	    "return h !== " + JSON.stringify(before) + " && h; })()");
	if (after)
		ok("a Sass edit swaps the style sheet");
	else
		fail("a Sass edit swaps the style sheet", "still " + before);
	if (await until("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'"))
		ok("the new style applies");
	else
		fail("the new style applies", await js("getComputedStyle(document.body).outlineColor"));
	if (await js("window.sitegenMarker === 43"))
		ok("without a reload");
	else
		fail("without a reload", "the marker is gone");
	if (errors.length === 0)
		ok("no script error");
	else
		fail("no script error", errors.join(" | "));
}

run(main, cleanup, rep);
