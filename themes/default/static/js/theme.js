/*
 * theme.js: the default theme's small enhancements, in plain JavaScript
 * with no framework. Every page works without it: the phone menu is a
 * checkbox, the phone table of contents a <details>, and code is
 * highlighted at build time. This adds a copy button and a language
 * label to code blocks, marks the section being read in the table of
 * contents, closes the phone menu with Escape, and lets the keyboard
 * scroll wide code blocks and tables. Loaded from the site itself with
 * "defer", so the Content-Security-Policy needs no inline script.
 */
(function () {
	"use strict";

	var doc = document;

	function ready(fn) {
		if (doc.readyState === "loading")
			doc.addEventListener("DOMContentLoaded", fn);
		else
			fn();
	}

	/* A word the script shows, from the page's <body data-text-KEY>
	 * (the theme writes them in the site's language), else english. */
	function say(key, english) {
		return (doc.body && doc.body.getAttribute("data-text-" + key)) ||
		    english;
	}

	/* One polite live region says "Copied" to screen readers. */
	var status;
	function announce(text) {
		if (!status) {
			status = doc.createElement("div");
			status.className = "visually-hidden";
			status.setAttribute("role", "status");
			doc.body.appendChild(status);
		}
		status.textContent = "";
		window.setTimeout(function () { status.textContent = text; }, 50);
	}

	/* The Clipboard API where the page is a secure context (https, or
	 * localhost) and allows it, else the older select-and-copy. */
	function copyText(text) {
		if (navigator.clipboard && window.isSecureContext)
			return navigator.clipboard.writeText(text).catch(function () {
				return selectAndCopy(text);
			});
		return selectAndCopy(text);
	}

	function selectAndCopy(text) {
		return new Promise(function (resolve, reject) {
			var area = doc.createElement("textarea"), ok = false;

			area.value = text;
			area.setAttribute("readonly", "");
			area.className = "visually-hidden";
			doc.body.appendChild(area);
			area.select();
			try {
				ok = doc.execCommand("copy");
			} catch (e) {
				ok = false;
			}
			doc.body.removeChild(area);
			if (ok)
				resolve();
			else
				reject(new Error("copy failed"));
		});
	}

	/* A keyboard user can scroll a box only if it can take focus. */
	function focusableIfScrolls(el, label) {
		if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
			el.setAttribute("tabindex", "0");
			el.setAttribute("role", "region");
			el.setAttribute("aria-label", label);
		}
	}

	function codeBlocks() {
		var pres = doc.querySelectorAll("main pre");

		Array.prototype.forEach.call(pres, function (pre) {
			var code = pre.querySelector("code"), m, button, timer;

			if (!code || pre.querySelector(".copy-button"))
				return;
			m = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className);
			if (m)
				pre.setAttribute("data-lang", m[1]);
			button = doc.createElement("button");
			button.type = "button";
			button.className = "copy-button";
			button.textContent = say("copy", "Copy");
			button.setAttribute("aria-label", say("copy-label", "Copy the code"));
			button.addEventListener("click", function () {
				copyText(code.textContent.replace(/\n$/, "")).then(function () {
					button.textContent = say("copied", "Copied");
					button.classList.add("is-done");
					announce(say("copied-note", "Copied to the clipboard"));
				}, function () {
					/* the code selected, for the reader to copy */
					var sel = window.getSelection();

					sel.removeAllRanges();
					sel.selectAllChildren(code);
					button.textContent = say("copy-press", "Press Ctrl+C");
					announce(say("copy-failed", "Copying failed: select the code and press Ctrl+C"));
				}).then(function () {
					window.clearTimeout(timer);
					timer = window.setTimeout(function () {
						button.textContent = say("copy", "Copy");
						button.classList.remove("is-done");
					}, 2000);
				});
			});
			pre.appendChild(button);
			focusableIfScrolls(code, say("code-scrolls", "Code, scrolls sideways"));
		});
		Array.prototype.forEach.call(doc.querySelectorAll(".prose table"), function (t) {
			focusableIfScrolls(t, say("table-scrolls", "Table, scrolls sideways"));
		});
	}

	/* Marks the entry of the table of contents whose section is being
	 * read: the last heading that has scrolled past the top. */
	function scrollSpy() {
		var links = doc.querySelectorAll(".toc-aside a[href^='#']");
		var heads = [], byId = {}, current = null, pending = false;

		Array.prototype.forEach.call(links, function (a) {
			var id = decodeURIComponent(a.getAttribute("href").slice(1));
			var h = doc.getElementById(id);

			if (h) {
				heads.push(h);
				byId[id] = a;
			}
		});
		if (heads.length === 0)
			return;
		function update() {
			var i, top = 96, found = heads[0];

			pending = false;
			for (i = 0; i < heads.length; i++) {
				if (heads[i].getBoundingClientRect().top > top)
					break;
				found = heads[i];
			}
			if (window.innerHeight + window.scrollY >= doc.documentElement.scrollHeight - 2)
				found = heads[heads.length - 1];
			if (current)
				current.classList.remove("is-active");
			current = byId[found.id];
			current.classList.add("is-active");
		}
		window.addEventListener("scroll", function () {
			if (!pending) {
				pending = true;
				window.requestAnimationFrame(update);
			}
		}, { passive: true });
		update();
	}

	/* The phone menu: Escape closes it; a link followed inside it (to
	 * this very page) closes it too. */
	function menu() {
		var toggle = doc.getElementById("nav-toggle");
		var sidebar = doc.getElementById("sidebar");
		var here;

		if (!toggle || !sidebar)
			return;
		doc.addEventListener("keydown", function (e) {
			if (e.key === "Escape" && toggle.checked) {
				toggle.checked = false;
				toggle.focus();
			}
		});
		sidebar.addEventListener("click", function (e) {
			if (e.target.closest && e.target.closest("a"))
				toggle.checked = false;
		});
		/* the current page in view in a long sidebar */
		here = sidebar.querySelector("[aria-current='page']");
		if (here && sidebar.scrollHeight > sidebar.clientHeight &&
		    here.offsetTop > sidebar.clientHeight * 0.7)
			sidebar.scrollTop = here.offsetTop - sidebar.clientHeight / 3;
	}

	ready(function () {
		codeBlocks();
		scrollSpy();
		menu();
	});
}());
