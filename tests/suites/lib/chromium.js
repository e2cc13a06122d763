/*
 * tests/suites/lib/chromium.js: headless Chromium driven over the DevTools
 * protocol (node --experimental-websocket), for the browser suites.
 * launch(CHROMIUM, NAME) starts it with a fresh profile in the temporary
 * folder and returns { connect, cleanup }: connect() resolves to
 * { send(method, params), on(listener), ws } for its first page;
 * cleanup() kills it and removes the profile. sleep(ms) waits.
 * report(PREFIX) gives ok(name) and fail(name, why), which print "ok
 * PREFIXname" / "FAIL PREFIXname", and failures(). evaluator(cdp, MS)
 * gives js(expr), expr's value in the page, and until(expr, ms), which
 * polls expr until it is true (an expression that throws, as while the
 * page navigates, is false) and gives null after ms (default MS).
 * searchTyper(cdp, js, until) gives type(q), which clears the theme's
 * search box, types q into it as a reader would and waits until the
 * results list shows q's results (false if it does not).
 * run(main, cleanup, r) runs main within 90 s, cleans up and exits with
 * 1 if r reported a failure.
 */
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function launch(chromium, name) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), name + "-chromium-"));
	const browser = spawn(chromium, ["--headless", "--no-sandbox",
		"--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-extensions",
		"--remote-debugging-port=0", "--user-data-dir=" + profile,
		"--window-size=1280,900", "about:blank"], { stdio: "ignore" });
	const exited = new Promise((res) => browser.on("exit", res));

	async function cleanup() {
		try { browser.kill("SIGKILL"); } catch (e) { /* gone */ }
		await Promise.race([exited, sleep(5000)]);
		try {
			fs.rmSync(profile, { recursive: true, force: true,
				maxRetries: 5 });
		} catch (e) { /* a profile left in the temporary folder */ }
	}

	async function connect() {
		const file = path.join(profile, "DevToolsActivePort");
		let port = null;

		for (let i = 0; i < 200 && port === null; i++) {
			if (fs.existsSync(file)) {
				const lines = fs.readFileSync(file, "utf8").split("\n");
				if (lines[0])
					port = lines[0];
			}
			if (port === null)
				await sleep(100);
		}
		if (port === null)
			throw new Error("Chromium did not start");
		const list = await (await fetch("http://127.0.0.1:" + port +
			"/json/list")).json();
		const page = list.find((t) => t.type === "page");
		const ws = new WebSocket(page.webSocketDebuggerUrl);
		await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
		let id = 0;
		const pending = new Map(), listeners = [];
		ws.onmessage = (m) => {
			const msg = JSON.parse(m.data);
			if (msg.id && pending.has(msg.id)) {
				const p = pending.get(msg.id);
				pending.delete(msg.id);
				if (msg.error) p.rej(new Error(JSON.stringify(msg.error)));
				else p.res(msg.result);
			} else if (msg.method) {
				listeners.forEach((l) => l(msg));
			}
		};
		const send = (method, params) => new Promise((res, rej) => {
			pending.set(++id, { res, rej });
			ws.send(JSON.stringify({ id, method, params: params || {} }));
		});
		return { send, on: (fn) => listeners.push(fn), ws };
	}

	return { connect, cleanup };
}

function report(prefix) {
	let failed = 0;

	return {
		ok: (name) => console.log("ok " + prefix + name),
		fail: (name, why) => {
			failed++;
			console.log("FAIL " + prefix + name +
			    (why ? "\n    " + why : ""));
		},
		failures: () => failed
	};
}

function evaluator(cdp, wait) {
	const js = async (expr) => {
		const r = await cdp.send("Runtime.evaluate", { expression: expr,
			returnByValue: true, awaitPromise: true });
		return r.result.value;
	};
	const until = async (expr, ms) => {
		for (let t = 0; t < (ms || wait); t += 50) {
			let v = null;
			try { v = await js(expr); } catch (e) { /* navigating */ }
			if (v)
				return v;
			await sleep(50);
		}
		return null;
	};
	return { js, until };
}

function searchTyper(cdp, js, until) {
	return async (q) => {
		await js("(() => { const i = document.getElementById('search-input'); i.focus(); i.value = ''; i.dispatchEvent(new Event('input')); })()");
		await sleep(100);
		await cdp.send("Input.insertText", { text: q });
		return until("(() => { const l = document.getElementById('search-results'); " +
		    "return !l.hidden && l.getAttribute('data-query') === " + JSON.stringify(q) + "; })()");
	};
}

function run(main, cleanup, r) {
	const limit = setTimeout(() => {
		r.fail("finishes within 90 s");
		cleanup().then(() => process.exit(1));
	}, 90000);

	main().catch((e) => r.fail("the browser test runs",
	    e && e.stack || String(e))).finally(async () => {
		clearTimeout(limit);
		await cleanup();
		process.exit(r.failures() ? 1 : 0);
	});
}

module.exports = { launch, sleep, report, evaluator, searchTyper, run };
