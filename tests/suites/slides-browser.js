// tests/suites/slides-browser.js OUT DECK [SHOTS]: drives headless
// Chromium over --remote-debugging-pipe (the DevTools protocol, one JSON
// message per NUL-terminated chunk) against the built site in OUT,
// served over HTTP under the sub-path /docs/, and checks the HTML deck
// slides/DECK/: it loads, ArrowRight moves to slide 2 and the hash says
// so, a reload stays there, the presenter view shows the notes and
// follows the audience window, no slide overflows at 1280x720, printing
// gives one page per slide, and no script error or CSP violation. With
// SHOTS, writes screenshots there. Prints "ok NAME" / "FAIL NAME".
"use strict";
const http = require("http");
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

const [out, deck, shots] = process.argv.slice(2);
const chrome = process.env.CHROME_PATH || "/usr/bin/chromium";
const types = { ".html": "text/html", ".css": "text/css",
	".js": "text/javascript", ".svg": "image/svg+xml", ".pdf": "application/pdf" };

function ok(name) { console.log("ok " + name); }
function fail(name, why) {
	console.log("FAIL " + name + (why ? "\n    " + String(why).split("\n").join("\n    ") : ""));
}
function check(name, cond, why) { cond ? ok(name) : fail(name, why); }

// A static server for OUT under /docs/.
const server = http.createServer((req, res) => {
	let p = decodeURIComponent(req.url.split(/[?#]/)[0]);
	if (!p.startsWith("/docs/")) { res.writeHead(404); return res.end(); }
	p = path.join(out, p.slice(6));
	if (!p.startsWith(out)) { res.writeHead(403); return res.end(); }
	if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
	fs.readFile(p, (err, data) => {
		if (err) { res.writeHead(404); return res.end(); }
		res.writeHead(200, { "Content-Type": types[path.extname(p)] || "application/octet-stream" });
		res.end(data);
	});
});

// The DevTools protocol over the pipe.
let browser, next = 1, buf = "";
const waiting = new Map(), listeners = [];
function send(method, params, sessionId) {
	const id = next++;
	const msg = { id, method, params: params || {} };
	if (sessionId) msg.sessionId = sessionId;
	browser.stdio[3].write(JSON.stringify(msg) + "\0");
	return new Promise((resolve, reject) => {
		waiting.set(id, { resolve, reject, method });
	});
}
function onData(chunk) {
	buf += chunk.toString("utf8");
	let i;
	while ((i = buf.indexOf("\0")) >= 0) {
		const msg = JSON.parse(buf.slice(0, i));
		buf = buf.slice(i + 1);
		if (msg.id && waiting.has(msg.id)) {
			const w = waiting.get(msg.id);
			waiting.delete(msg.id);
			msg.error ? w.reject(new Error(w.method + ": " + msg.error.message)) : w.resolve(msg.result);
		} else if (msg.method) {
			for (const l of listeners.slice()) l(msg);
		}
	}
}
function event(name, sessionId, timeout) {
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => { done(); reject(new Error("timeout waiting for " + name)); }, timeout || 10000);
		const l = (msg) => {
			if (msg.method === name && msg.sessionId === sessionId) { done(); resolve(msg.params); }
		};
		function done() { clearTimeout(t); listeners.splice(listeners.indexOf(l), 1); }
		listeners.push(l);
	});
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function open(url, errors) {
	const { targetId } = await send("Target.createTarget", { url: "about:blank" });
	const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
	await send("Page.enable", {}, sessionId);
	await send("Runtime.enable", {}, sessionId);
	await send("Log.enable", {}, sessionId);
	await send("Emulation.setDeviceMetricsOverride",
		{ width: 1280, height: 720, deviceScaleFactor: 1, mobile: false }, sessionId);
	listeners.push((msg) => {
		if (msg.sessionId !== sessionId) return;
		if (msg.method === "Runtime.exceptionThrown")
			errors.push(msg.params.exceptionDetails.exception ?
				msg.params.exceptionDetails.exception.description : msg.params.exceptionDetails.text);
		if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error")
			errors.push(msg.params.entry.text);
		if (msg.method === "Runtime.consoleAPICalled" && msg.params.type === "error")
			errors.push(JSON.stringify(msg.params.args));
	});
	const loaded = event("Page.loadEventFired", sessionId);
	await send("Page.navigate", { url }, sessionId);
	await loaded;
	await sleep(200);
	return { targetId, sessionId };
}
async function js(s, expr) {
	const r = await send("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true }, s.sessionId);
	if (r.exceptionDetails) throw new Error(expr + ": " + r.exceptionDetails.text);
	return r.result.value;
}
async function key(s, k, code, vk) {
	for (const type of ["keyDown", "keyUp"])
		await send("Input.dispatchKeyEvent", { type, key: k, code, windowsVirtualKeyCode: vk }, s.sessionId);
	await sleep(150);
}
async function shot(s, name) {
	if (!shots) return;
	const { data } = await send("Page.captureScreenshot", { format: "png" }, s.sessionId);
	fs.writeFileSync(path.join(shots, name + ".png"), Buffer.from(data, "base64"));
}
const current = "(() => { const c = document.querySelectorAll('.deck-stage .slide.is-current'); " +
	"return c.length === 1 ? Number(c[0].dataset.n) : -c.length; })()";

async function main() {
	await new Promise((r) => server.listen(0, "127.0.0.1", r));
	const base = "http://127.0.0.1:" + server.address().port + "/docs/slides/" + deck + "/";
	// beside OUT, in the caller's temporary folder, which it removes:
	// Chromium's helpers may still write there after it exits
	const profile = fs.mkdtempSync(path.join(path.dirname(path.resolve(out)), "chrome-"));
	browser = spawn(chrome, ["--headless=new", "--no-sandbox", "--disable-gpu",
		"--remote-debugging-pipe", "--user-data-dir=" + profile, "--no-first-run",
		"--disable-extensions", "about:blank"],
		{ stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
	browser.stdio[4].on("data", onData);
	const errors = [];
	try {
		const a = await open(base, errors);
		const n = await js(a, "document.querySelectorAll('.deck-stage .slide').length");
		check("deck: loads with its slides, the first one shown",
			n > 1 && await js(a, current) === 1, "slides " + n + ", current " + await js(a, current));
		check("deck: style sheet and script come from files under the sub-path",
			await js(a, "[...document.querySelectorAll('link[rel=stylesheet],script')].every(e => " +
				"(e.href || e.src).includes('/docs/')) && !document.querySelector('script:not([src])')"));
		await shot(a, "slide-1");
		await key(a, "ArrowRight", "ArrowRight", 39);
		check("deck: ArrowRight moves to slide 2, and the hash says so",
			await js(a, current) === 2 && await js(a, "location.hash") === "#2",
			"current " + await js(a, current) + ", hash " + await js(a, "location.hash"));
		const reloaded = event("Page.loadEventFired", a.sessionId);
		await send("Page.reload", {}, a.sessionId);
		await reloaded;
		await sleep(200);
		check("deck: a reload stays on slide 2", await js(a, current) === 2,
			"current " + await js(a, current));
		await key(a, "End", "End", 35);
		const last = await js(a, current);
		await key(a, "Home", "Home", 36);
		await key(a, " ", "Space", 32);
		await key(a, "PageDown", "PageDown", 34);
		await key(a, "PageUp", "PageUp", 33);
		check("deck: End, Home, space, Page Down and Page Up move",
			last === n && await js(a, current) === 2, "end " + last + ", then " + await js(a, current));
		await key(a, "o", "KeyO", 79);
		check("deck: o shows the overview", await js(a, "document.body.classList.contains('is-overview') && " +
			"[...document.querySelectorAll('.slide')].every(s => s.getBoundingClientRect().width > 0)"));
		await shot(a, "overview");
		await key(a, "Escape", "Escape", 27);

		// every slide fits its box at 1280x720
		const over = await js(a, "(async () => { const bad = []; const s = [...document.querySelectorAll('.deck-stage .slide')];" +
			"for (let i = 0; i < s.length; i++) { location.hash = '#' + (i + 1); await new Promise(r => setTimeout(r, 60));" +
			"const box = s[i].getBoundingClientRect(), b = s[i].querySelector('.slide-body').getBoundingClientRect();" +
			"if (b.bottom > box.bottom - 40 + 1 || b.right > box.right + 1 || b.height === 0) bad.push((i + 1) + ': ' + Math.round(b.bottom) + ' > ' + Math.round(box.bottom));" +
			"} return bad.join(', '); })()");
		check("deck: no slide overflows at 1280x720", over === "", over);
		const fits = await js(a, "[...document.querySelectorAll('.deck-stage .slide')].map(s => s.dataset.fit).join(' ')");
		check("deck: a slide too tall is scaled down to fit", /0\.\d+/.test(fits), fits);
		await js(a, "location.hash = '#3'");
		await sleep(100);
		await shot(a, "slide-3");
		await js(a, "location.hash = '#" + n + "'");
		await sleep(100);
		await shot(a, "slide-last");

		// the presenter view, in step with the audience window
		await js(a, "location.hash = '#2'");
		await sleep(100);
		const p = await open(base + "?presenter#2", errors);
		const notes = await js(p, "document.querySelector('.presenter-notes').textContent");
		check("presenter: shows the current slide's notes", /NOTE-TWO/.test(notes), notes);
		check("presenter: shows the current and the next slide and a timer",
			await js(p, "document.querySelector('.presenter-now .slide').dataset.n === '2' && " +
				"document.querySelector('.presenter-next .slide').dataset.n === '3' && " +
				"/^\\d\\d:\\d\\d:\\d\\d$/.test(document.querySelector('.presenter-clock').textContent)"));
		await shot(p, "presenter");
		await send("Target.activateTarget", { targetId: a.targetId });
		await key(a, "ArrowRight", "ArrowRight", 39);
		await sleep(300);
		check("presenter: follows the audience window",
			/NOTE-THREE/.test(await js(p, "document.querySelector('.presenter-notes').textContent")) &&
			await js(p, "location.hash") === "#3",
			await js(p, "document.querySelector('.presenter-label').textContent"));
		await key(p, "ArrowRight", "ArrowRight", 39);
		await sleep(300);
		check("presenter: the audience window follows it", await js(a, current) === 4,
			"audience on " + await js(a, current));
		const notesShown = await js(a, "[...document.querySelectorAll('.deck-stage .slide-notes')]" +
			".some(e => e.getBoundingClientRect().height > 0)");
		check("deck: the audience window never shows notes", !notesShown);

		// print: one slide a page
		const { data } = await send("Page.printToPDF", { preferCSSPageSize: true, printBackground: true }, a.sessionId);
		const pdf = Buffer.from(data, "base64").toString("latin1");
		const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
		check("deck: printing gives one page per slide", pages === n, pages + " pages for " + n + " slides");
		check("deck: no script error or CSP violation", errors.length === 0, errors.join("\n"));
	} catch (e) {
		fail("deck: the browser checks ran", e.stack);
	} finally {
		const gone = new Promise((r) => browser.once("exit", r));
		browser.kill();
		await gone;
		server.close();
		try {
			fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
		} catch (e) {
			/* left to the caller */
		}
	}
}
main();
