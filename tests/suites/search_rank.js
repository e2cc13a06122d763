/*
 * search_rank.js SEARCH_JS INDEX_DIR: the ranking and matching of the
 * theme's search.js in Node, on the index of the small site search.sh
 * builds (pages named for what they test). Prints "ok NAME" / "FAIL NAME".
 */
"use strict";

const fs = require("fs");
const path = require("path");
const [js, dir] = process.argv.slice(2);
const api = require(path.resolve(js));
const search = new api.Search((p) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p), "utf8"))));
let failed = 0;

async function top(q) {
	const r = await search.query(q);
	return Promise.all(r.map(async (x) => {
		const f = await search.fragment(x.page);
		return f.u + (x.section > 0 ? "#" + f.h[x.section][0] : "");
	}));
}

async function check(name, q, test) {
	const got = await top(q);
	if (test(got))
		console.log("ok search ranking: " + name);
	else {
		failed++;
		console.log("FAIL search ranking: " + name + "\n    " + q + " -> " + JSON.stringify(got));
	}
}

/* A check of a value got without a query: ok when good, else the value. */
function expect(name, got, good) {
	if (good)
		console.log("ok search ranking: " + name);
	else {
		failed++;
		console.log("FAIL search ranking: " + name + "\n    " + JSON.stringify(got));
	}
}

(async () => {
	await check("a title match ranks above body text", "throttling",
	    (r) => r[0] === "/throttling/" && r.indexOf("/body/") > 0);
	await check("a heading match links to the heading", "backoff",
	    (r) => r[0] === "/body/#exponential-backoff");
	await check("pages with every word only, when there are some", "throttling burst",
	    (r) => r.length === 1 && r[0] === "/body/#bursts");
	await check("no page holds every word: the best of the rest", "throttling zebrafish",
	    (r) => r[0] === "/throttling/");
	await check("the last word matches as a prefix", "expon",
	    (r) => r[0] === "/body/#exponential-backoff");
	await check("a finished word does not match as a prefix", "expon ",
	    (r) => r.length === 0);
	await check("stemming: 'idempotent' finds 'idempotency'", "idempotent",
	    (r) => r.length === 1 && r[0].indexOf("/code/") === 0);
	await check("a form no page holds finds its stem", "idempotently",
	    (r) => r.length === 1 && r[0].indexOf("/code/") === 0);
	await check("folding: 'CAFE' finds 'Café'", "CAFE",
	    (r) => r.length === 1 && r[0].indexOf("/body/#caf") === 0);
	await check("folding: 'café' finds 'Café'", "café",
	    (r) => r.length === 1);
	await check("code counts less than prose", "semaphore",
	    (r) => r[0] === "/body/#bursts" && r[1].indexOf("/code/") === 0);
	await check("nonsense finds nothing", "qwxzv", (r) => r.length === 0);
	await check("Japanese: a word inside a sentence, at its heading", "検索機能",
	    (r) => r.length === 1 && r[0] === "/ja/#検索機能");
	await check("Japanese: two characters of a longer run", "日本",
	    (r) => r.length === 1 && r[0].indexOf("/ja/") === 0);
	await check("Japanese: one character, as a prefix, while typing", "検",
	    (r) => r.length === 1 && r[0].indexOf("/ja/") === 0);
	await check("Japanese: a Latin word set against kanji", "lambda",
	    (r) => r.length === 1 && r[0].indexOf("/ja/") === 0);
	await check("Japanese: characters not side by side find nothing", "検能",
	    (r) => r.length === 0);
	await check("Japanese: two characters across inline markup", "存さ",
	    (r) => r.length === 1 && r[0].indexOf("/ja/") === 0);
	await check("a word split by inline markup is one word", "zephyrquillion",
	    (r) => r.length === 1 && r[0].indexOf("/markup/") === 0);
	await check("Thai: a word inside a run without spaces", "เหตุการณ์",
	    (r) => r.length === 1 && r[0].indexOf("/th/") === 0);
	const words = api.tokens("Lambda関数を、日 x");
	expect("pairs of characters split as in C", words,
	    JSON.stringify(words) === JSON.stringify(["lambda", "関数", "数を", "日", "x"]));
	const ja = api.excerpt("サイトの検索機能です", { "検索": 1, "索機": 1, "機能": 1 }, null);
	expect("excerpts mark overlapping pairs once", ja,
	    ja.filter((p) => p[1]).map((p) => p[0]).join("") === "検索機能" &&
	    ja.map((p) => p[0]).join("") === "サイトの検索機能です");
	const ex = api.excerpt("Retries are retried twice, the docs say.", { retri: 1, retries: 1, retried: 1 }, null);
	expect("excerpts mark every form of the word", ex,
	    ex.filter((p) => p[1]).map((p) => p[0]).join(",") === "Retries,retried");
	process.exit(failed ? 1 : 0);
})();
