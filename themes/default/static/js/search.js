/*
 * search.js: the default theme's search box, in plain JavaScript with no
 * framework. It reads the index sitegen writes under search/ (the format
 * is described in sitegen's src/out/search/search.h): the small entry file first,
 * then only the word shards of the words typed, then only the page
 * fragments of the results shown. Everything comes from the site itself
 * (the base is the data-search-base attribute the template writes), so
 * it works under a sub-path and within the Content-Security-Policy.
 *
 * Words are folded as sitegen folds them (the same table), matched whole
 * or, for the last word typed, as a prefix; pages are ranked by the sum
 * over the words of IDF times the weight sitegen stored (BM25's term part
 * with title and heading boosts). In Node (the tests), the same code is
 * exported without the user interface.
 */
(function () {
	"use strict";

	/* What U+00C0..U+017F fold to ("-": not a letter); src/out/search/search_token.c
	 * holds the same table. */
	var LATIN = ("a a a a a a ae c e e e e i i i i d n o o o o o - o u u " +
	    "u u y th ss a a a a a a ae c e e e e i i i i d n o o o o o - o u " +
	    "u u u y th y a a a a a a c c c c c c c c d d d d e e e e e e e e " +
	    "e e g g g g g g g g h h h h i i i i i i i i i i ij ij j j k k k l " +
	    "l l l l l l l l l n n n n n n n n n o o o o o o oe oe r r r r r r " +
	    "s s s s s s s s t t t t t t u u u u u u u u u u u u w w y y y z z " +
	    "z z z z s").split(" ");
	var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
	var SCALE = 11, MAX_RESULTS = 8, PREFIX_FACTOR = 0.6, STEM_FACTOR = 0.8;

	/* Is the code point c part of a word? (as word_char() in C) */
	function wordChar(c) {
		if (c < 0x80)
			return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
		if (c < 0xC0 || c === 0xD7 || c === 0xF7)
			return false;
		if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
		    (c >= 0xFE00 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
		    c >= 0x1F000)
			return false;
		return true;
	}

	/* Is c of a script written without spaces (as unspaced() in C)?
	 * Its runs are words of two characters, overlapping. */
	function unspaced(c) {
		return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) ||
		    (c >= 0x1780 && c <= 0x17FF) ||
		    (c >= 0x3040 && c <= 0x30FF && c !== 0x30FB) ||
		    (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
		    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
		    (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3FFFF);
	}

	function foldChar(ch) {
		var c = ch.codePointAt(0);

		if (c >= 65 && c <= 90)
			return String.fromCharCode(c + 32);
		if (c >= 0xC0 && c < 0x180)
			return LATIN[c - 0xC0] === "-" ? "" : LATIN[c - 0xC0];
		if (c >= 0x300 && c <= 0x36F)
			return "";
		return ch;
	}

	/* The words of text: [{word (folded), start, end}] with offsets in
	 * UTF-16 units, for marking them in an excerpt. */
	function words(text) {
		var out = [], cur = "", start = -1, i = 0, chars = Array.from(text),
		    k, ch, c, next, pairPrev = false;

		for (k = 0; k < chars.length; k++) {
			ch = chars[k];
			c = ch.codePointAt(0);
			if (unspaced(c)) {
				if (start >= 0 && cur)
					out.push({ word: cur, start: start, end: i });
				cur = "";
				start = -1;
				next = chars[k + 1];
				if (next !== undefined && unspaced(next.codePointAt(0)))
					out.push({ word: ch + next, start: i, end: i + ch.length + next.length });
				else if (!pairPrev)
					out.push({ word: ch, start: i, end: i + ch.length });
				pairPrev = true;
				i += ch.length;
				continue;
			}
			pairPrev = false;
			if (wordChar(c)) {
				if (start < 0)
					start = i;
				cur += foldChar(ch);
			} else if (start >= 0) {
				if (cur)
					out.push({ word: cur, start: start, end: i });
				cur = "";
				start = -1;
			}
			i += ch.length;
		}
		if (start >= 0 && cur)
			out.push({ word: cur, start: start, end: i });
		return out;
	}

	function tokens(text) {
		return words(text).map(function (w) { return w.word; });
	}

	/* The file of a shard key: letters and digits as they are, other
	 * bytes as _ and two hex digits (shard_path() in C). */
	function shardFile(key) {
		var bytes = new TextEncoder().encode(key), s = "", i, b;

		for (i = 0; i < bytes.length; i++) {
			b = bytes[i];
			if ((b >= 97 && b <= 122) || (b >= 48 && b <= 57))
				s += String.fromCharCode(b);
			else
				s += "_" + (b < 16 ? "0" : "") + b.toString(16);
		}
		return "s/" + s + ".json";
	}

	/* The postings string of a term: [page, section, weight, …]. */
	function decode(s) {
		var out = [], i = 0, page = 0;

		function num() {
			var v = 0, shift = 0, d;

			while ((d = DIGITS.indexOf(s.charAt(i++))) >= 32) {
				v += (d - 32) * Math.pow(2, shift);
				shift += 5;
			}
			return v + d * Math.pow(2, shift);
		}
		while (i < s.length) {
			page += num();
			out.push(page, num(), DIGITS.indexOf(s.charAt(i++)));
		}
		return out;
	}

	/* A search over the index that load(path) fetches (a promise of
	 * the parsed JSON of a path under search/). */
	function Search(load) {
		this.load = load;
		this.entry = null;
		this.shards = {};	/* key → promise of the shard */
		this.frags = {};	/* file → promise of its fragments */
		this.postings = {};	/* stem → decoded postings */
	}

	Search.prototype.init = function () {
		var self = this;

		if (!this.ready)
			this.ready = this.load("index.json").then(function (e) {
				self.entry = e;
				return e;
			});
		return this.ready;
	};

	/* The keys of the shards holding word, and with prefix those of the
	 * words that start with it. */
	Search.prototype.keys = function (word, prefix) {
		var keys = this.entry.shards, out = [], best = null, i, k;

		for (i = 0; i < keys.length; i++) {
			k = keys[i];
			if (word.indexOf(k) === 0 && (best === null || k.length > best.length))
				best = k;
			else if (prefix && k.indexOf(word) === 0)
				out.push(k);
		}
		if (best !== null)
			out.push(best);
		return out;
	};

	/* A shard, its words spelled out ("~ing": the stem and "ing"). */
	Search.prototype.shard = function (key) {
		if (!this.shards[key])
			this.shards[key] = this.load(shardFile(key)).then(function (sh) {
				var stem, e, j;

				for (stem in sh) {
					e = sh[stem];
					for (j = 1; j < e.length; j++)
						if (e[j].charAt(0) === "~")
							e[j] = stem + e[j].slice(1);
				}
				return sh;
			}, function () {
				return {};
			});
		return this.shards[key];
	};

	/* A page's fragment; pages come "group" to a file. */
	Search.prototype.fragment = function (page) {
		var g = this.entry.group || 1, file = Math.floor(page / g);

		if (!this.frags[file])
			this.frags[file] = this.load("p/" + file + ".json");
		return this.frags[file].then(function (list) {
			return list[page % g];
		});
	};

	/* The terms a query word matches in the shards loaded for it:
	 * [{stem, words, postings, factor}]. */
	function matchTerms(self, word, prefix, shards) {
		var found = {}, out = [], exact = false, best = null, i, stem, e, f, j;

		for (i = 0; i < shards.length; i++)
			for (stem in shards[i]) {
				if (found[stem])
					continue;
				e = shards[i][stem];
				f = 0;
				if (stem === word || e.indexOf(word, 1) > 0)
					f = 1;
				else if (prefix) {
					if (stem.indexOf(word) === 0)
						f = PREFIX_FACTOR;
					for (j = 1; j < e.length && !f; j++)
						if (e[j].indexOf(word) === 0)
							f = PREFIX_FACTOR;
				}
				if (f === 1)
					exact = true;
				if (f > 0) {
					found[stem] = true;
					out.push({ stem: stem, entry: e, factor: f });
				}
				/* a form of a word the pages do not hold
				 * ("idempotently"): its longest stem */
				if (stem.length >= 3 && word.indexOf(stem) === 0 &&
				    stem !== word && (!best || stem.length > best.stem.length))
					best = { stem: stem, entry: e, factor: STEM_FACTOR };
			}
		if (!exact && best && self.entry.stemmed && !found[best.stem])
			out.push(best);
		return out;
	}

	/* Runs a query: a promise of the results, best first:
	 * [{page, section, score, terms (the words to mark), prefix}]. */
	Search.prototype.query = function (q) {
		var self = this;

		return this.init().then(function () {
			var ws = tokens(q), last = ws.length - 1, prefix;

			if (ws.length === 0)
				return [];
			/* the last word is a prefix while it is being typed (a
			 * letter alone is too little; a kanji is not) */
			prefix = !/[\s.,;:!?。、]$/.test(q) && (ws[last].length >= 2 ||
			    unspaced(ws[last].codePointAt(0)));
			return Promise.all(ws.map(function (w, i) {
				return Promise.all(self.keys(w, prefix && i === last).map(function (k) {
					return self.shard(k);
				}));
			})).then(function (shardsByWord) {
				return rank(self, ws, prefix, shardsByWord);
			});
		});
	};

	function rank(self, ws, prefix, shardsByWord) {
		var n = self.entry.pages, pages = {}, marks = {}, list = [], id;

		ws.forEach(function (w, i) {
			var terms = matchTerms(self, w, prefix && i === ws.length - 1,
			    shardsByWord[i]);
			var best = {};	/* page → [score, section] for this word */

			terms.forEach(function (t) {
				var p = self.postings[t.stem], df, idf, k, s;

				if (!p)
					p = self.postings[t.stem] = decode(t.entry[0]);
				df = p.length / 3;
				idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
				/* the rarer a word, the more it deserves the excerpt */
				marks[t.stem] = Math.max(marks[t.stem] || 0, idf);
				for (k = 1; k < t.entry.length; k++)
					marks[t.entry[k]] = Math.max(marks[t.entry[k]] || 0, idf);
				for (k = 0; k < p.length; k += 3) {
					s = t.factor * idf * p[k + 2] / SCALE;
					if (!best[p[k]] || s > best[p[k]][0])
						best[p[k]] = [s, p[k + 1]];
				}
			});
			for (id in best) {
				if (!pages[id])
					pages[id] = { page: +id, score: 0, words: 0, secs: {} };
				pages[id].score += best[id][0];
				pages[id].words++;
				pages[id].secs[best[id][1]] = (pages[id].secs[best[id][1]] || 0) + best[id][0];
			}
		});
		for (id in pages) {
			var r = pages[id], s, top = -1;

			r.section = 0;
			for (s in r.secs)
				if (r.secs[s] > top || (r.secs[s] === top && +s < r.section)) {
					top = r.secs[s];
					r.section = +s;
				}
			delete r.secs;
			r.terms = marks;
			r.prefix = prefix ? ws[ws.length - 1] : null;
			list.push(r);
		}
		/* where some pages hold every word, only those; else the
		 * pages with the most words first; then by score */
		list.sort(function (a, b) {
			return b.words - a.words || b.score - a.score || a.page - b.page;
		});
		if (list.length && list[0].words === ws.length)
			list = list.filter(function (r) { return r.words === ws.length; });
		return list;
	}

	/* An excerpt of text around the first of its rarest marked words
	 * (terms: word → weight): a list of [string, marked] pieces. */
	function excerpt(text, terms, prefix, size) {
		var ws = words(text), pieces = [], first = -1, top = 0, from = 0,
		    to, at, i, w, m;

		/* words as common as "of" beside rarer ones are not marked */
		var floor = 0, k;

		for (k in terms)
			floor = Math.max(floor, terms[k] / 4);
		function marked(word) {
			var m = terms[word] || (prefix && word.indexOf(prefix) === 0 ? floor || 1 : 0);

			return m >= floor ? m : 0;
		}
		size = size || 160;
		for (i = 0; i < ws.length; i++)
			if ((m = marked(ws[i].word)) > top) {
				top = m;
				first = ws[i].start;
			}
		if (first > size / 3) {
			from = first - Math.floor(size / 3);
			while (from < first && /\S/.test(text.charAt(from - 1)))
				from++;
		}
		to = Math.min(text.length, from + size);
		while (to < text.length && to > from && /\S/.test(text.charAt(to)))
			to--;
		if (to <= from)
			to = Math.min(text.length, from + size);
		at = from;
		for (i = 0; i < ws.length; i++) {
			w = ws[i];
			if (w.start < from || w.end > to || w.end <= at || !marked(w.word))
				continue;
			if (w.start > at)
				pieces.push([text.slice(at, w.start), false]);
			/* pairs of characters overlap: the rest of this one */
			pieces.push([text.slice(Math.max(w.start, at), w.end), true]);
			at = w.end;
		}
		if (to > at)
			pieces.push([text.slice(at, to), false]);
		if (from > 0)
			pieces.unshift(["…", false]);
		if (to < text.length && !/…$/.test(text.slice(0, to)))
			pieces.push(["…", false]);
		return pieces;
	}

	var api = { Search: Search, tokens: tokens, words: words, decode: decode,
	    excerpt: excerpt, shardFile: shardFile };

	if (typeof module === "object" && module.exports)
		module.exports = api;
	if (typeof document === "undefined")
		return;

	/* ---- the search box ---- */

	var doc = document;

	function ready(fn) {
		if (doc.readyState === "loading")
			doc.addEventListener("DOMContentLoaded", fn);
		else
			fn();
	}

	function el(tag, cls, text) {
		var e = doc.createElement(tag);

		if (cls)
			e.className = cls;
		if (text)
			e.textContent = text;
		return e;
	}

	/* The box's words, from its data-text-* attributes (the theme writes
	 * them in the site's language), English without them; {name} in one
	 * becomes vars[name]. */
	function texts(root) {
		var english = {
			none: "No results for \u201c{query}\u201d",
			empty: "No results",
			one: "{count} result",
			other: "{count} results",
			unavailable: "Search is not available"
		};

		return function (key, vars) {
			var t = root.getAttribute("data-text-" + key) || english[key];

			return t.replace(/\{(\w+)\}/g, function (m, name) {
				return vars && name in vars ? String(vars[name]) : m;
			});
		};
	}

	function box(root) {
		var base = root.getAttribute("data-search-base");
		var say = texts(root);
		var input = root.querySelector("input");
		var list = root.querySelector("[role=listbox]");
		var status = root.querySelector("[role=status]");
		var search = new Search(function (path) {
			return fetch(base + path, { credentials: "same-origin" }).then(function (r) {
				if (!r.ok)
					throw new Error(path + ": " + r.status);
				return r.json();
			});
		});
		var seq = 0, active = -1, timer = null;

		function options() {
			return list.querySelectorAll("[role=option]");
		}

		function setActive(i) {
			var opts = options();

			if (active >= 0 && opts[active])
				opts[active].setAttribute("aria-selected", "false");
			active = opts.length ? (i + opts.length) % opts.length : -1;
			if (active < 0) {
				input.removeAttribute("aria-activedescendant");
				return;
			}
			opts[active].setAttribute("aria-selected", "true");
			input.setAttribute("aria-activedescendant", opts[active].id);
			opts[active].scrollIntoView({ block: "nearest" });
		}

		function open(yes) {
			list.hidden = !yes;
			input.setAttribute("aria-expanded", yes ? "true" : "false");
			root.classList.toggle("is-open", yes);
			if (!yes)
				setActive(-1);
		}

		function show(q, results, frags) {
			list.textContent = "";
			list.setAttribute("data-query", q);
			active = -1;
			if (results.length === 0) {
				var none = el("li", "search-none", say("none", { query: q.trim() }));

				none.setAttribute("role", "presentation");
				list.appendChild(none);
				status.textContent = say("empty");
				open(true);
				return;
			}
			results.forEach(function (r, i) {
				var f = frags[i], li = el("li", "search-result"), a = el("a");
				var head = f.h[r.section] || f.h[0], pieces;

				li.setAttribute("role", "option");
				li.setAttribute("aria-selected", "false");
				li.id = "search-option-" + i;
				a.href = f.u + (r.section > 0 && head[0] ? "#" + head[0] : "");
				a.tabIndex = -1;
				a.appendChild(el("span", "search-title", f.t));
				if (r.section > 0)
					a.appendChild(el("span", "search-heading", head[1]));
				pieces = excerpt(f.x[r.section] || f.x[0] || "", r.terms, r.prefix);
				if (pieces.length) {
					var p = el("span", "search-excerpt");

					pieces.forEach(function (piece) {
						p.appendChild(piece[1] ? el("mark", null, piece[0]) :
						    doc.createTextNode(piece[0]));
					});
					a.appendChild(p);
				}
				li.appendChild(a);
				li.addEventListener("mousemove", function () {
					if (active !== i)
						setActive(i);
				});
				list.appendChild(li);
			});
			status.textContent = say(results.length === 1 ? "one" : "other",
			    { count: results.length });
			open(true);
		}

		function run() {
			var q = input.value, mine = ++seq;

			if (tokens(q).length === 0) {
				list.textContent = "";
				status.textContent = "";
				open(false);
				return;
			}
			search.query(q).then(function (results) {
				results = results.slice(0, MAX_RESULTS);
				return Promise.all(results.map(function (r) {
					return search.fragment(r.page);
				})).then(function (frags) {
					if (mine === seq)
						show(q, results, frags);
				});
			}).catch(function (e) {
				if (mine !== seq)
					return;
				list.textContent = "";
				list.appendChild(el("li", "search-none", say("unavailable")));
				open(true);
				if (window.console)
					console.error("search:", e);
			});
		}

		input.addEventListener("input", function () {
			window.clearTimeout(timer);
			timer = window.setTimeout(run, 60);
		});
		input.addEventListener("focus", function () {
			search.init().catch(function () {});
			if (input.value && list.childNodes.length)
				open(true);
		});
		input.addEventListener("keydown", function (e) {
			var opts = options();

			if (e.key === "ArrowDown" || e.key === "ArrowUp") {
				e.preventDefault();
				if (list.hidden && input.value)
					open(true);
				setActive(active < 0 && e.key === "ArrowUp" ? -1 :
				    active + (e.key === "ArrowDown" ? 1 : -1));
			} else if (e.key === "Enter") {
				if (active < 0 && opts.length)
					setActive(0);
				if (active >= 0 && opts[active]) {
					e.preventDefault();
					opts[active].querySelector("a").click();
				}
			} else if (e.key === "Escape") {
				if (!list.hidden)
					open(false);
				else {
					input.value = "";
					input.blur();
				}
				e.preventDefault();
			}
		});
		/* a result followed to this very page: close the list */
		list.addEventListener("click", function () {
			open(false);
		});
		doc.addEventListener("click", function (e) {
			if (!root.contains(e.target))
				open(false);
		});
		doc.addEventListener("keydown", function (e) {
			var t = e.target, typing = t && (t.isContentEditable ||
			    /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

			if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) ||
			    (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey)) {
				e.preventDefault();
				input.focus();
				input.select();
			}
		});
		root.hidden = false;
	}

	ready(function () {
		var root = doc.querySelector("[data-search-base]");

		if (root && window.fetch && window.Promise)
			box(root);
	});
}());
