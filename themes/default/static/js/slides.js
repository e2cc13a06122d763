/*
 * slides.js: the slide deck (templates/slides.html). Keys, swipe and the
 * URL hash (#N, the slide number) move through the slides; "o" shows an
 * overview; "p" opens the presenter view (current and next slide, notes,
 * elapsed time), kept in step with the audience window over a
 * BroadcastChannel, or storage events where there is none. Each slide
 * too tall for its box is scaled down to fit. Loaded with "defer", so
 * the Content-Security-Policy needs no inline script.
 */
(function () {
  "use strict";
  var body = document.body;
  var stage = document.querySelector(".deck-stage");
  if (!stage) return;
  var slides = Array.prototype.slice.call(stage.querySelectorAll(".slide"));
  var n = slides.length;
  var cur = 0;
  var key = "sitegen-deck:" + location.pathname;
  var presenter = /(^|[?&])presenter(=|&|$)/.test(location.search);
  var channel = null;
  var started = Date.now();
  var view = null;

  /* A word the deck shows, from <body data-text-KEY> (slides.html writes
   * them in the site's language), else english. */
  function say(key, english) {
    return body.getAttribute("data-text-" + key) || english;
  }

  function fromHash() {
    var m = /^#(\d+)$/.exec(location.hash);
    var i = m ? parseInt(m[1], 10) - 1 : 0;
    return Math.max(0, Math.min(n - 1, i));
  }

  /* Scales a slide's body down when its content is taller than the
   * slide; the same rule as the PDF deck's. */
  function fit(slide) {
    var b = slide.querySelector(".slide-body");
    if (!b || b.dataset.fitted) return;
    var was = slide.style.display;
    slide.style.display = "block";
    var avail = slide.clientHeight - 2 * b.offsetTop;
    var lead = slide.classList.contains("lead");
    if (lead) avail = slide.clientHeight - 128;
    var h = b.scrollHeight;
    var w = slide.clientWidth - 2 * b.offsetLeft;
    if (h > avail && avail > 0) {
      var f = avail / h;
      for (var k = 0; k < 4; k++) {
        b.style.width = (w / f) + "px";
        h = b.scrollHeight;
        if (h * f <= avail) break;
        f = avail / h;
      }
      b.style.transform = (lead ? "translateY(-50%) " : "") + "scale(" + f + ")";
      slide.dataset.fit = f.toFixed(3);
    } else {
      slide.dataset.fit = "1";
    }
    b.dataset.fitted = "1";
    slide.style.display = was;
  }

  function scaleStage() {
    if (body.classList.contains("is-overview")) return;
    var w = stage.offsetWidth, h = stage.offsetHeight;
    var s = Math.min(window.innerWidth / w, window.innerHeight / h);
    stage.style.transform = "translate(-50%, -50%) scale(" + s + ")";
  }

  function send(i) {
    if (channel) channel.postMessage({ slide: i });
    else {
      try { localStorage.setItem(key, i + ":" + Date.now()); } catch (e) { /* private mode */ }
    }
  }

  function show(i, quiet) {
    i = Math.max(0, Math.min(n - 1, i));
    slides[cur].classList.remove("is-current");
    cur = i;
    slides[cur].classList.add("is-current");
    fit(slides[cur]);
    if (location.hash !== "#" + (i + 1))
      history.replaceState(null, "", "#" + (i + 1));
    document.title = document.title.replace(/^\(\d+\/\d+\) /, "");
    if (presenter) drawPresenter();
    if (!quiet) send(i);
  }

  function slideWidth() {
    return body.classList.contains("deck-4x3") ? 960 : 1280;
  }

  function clone(i, box) {
    box.textContent = "";
    if (i >= n) { box.textContent = say("slide-end", "(end)"); return; }
    fit(slides[i]);
    var c = slides[i].cloneNode(true);
    c.classList.add("is-current");
    c.removeAttribute("aria-label");
    box.appendChild(c);
    c.style.transform = "scale(" + (box.clientWidth / slideWidth()) + ")";
  }

  function drawPresenter() {
    if (!view) return;
    clone(cur, view.now);
    clone(cur + 1, view.next);
    view.label.textContent = say("slide-of", "Slide {n} of {total}")
      .replace("{n}", cur + 1).replace("{total}", n);
    view.notes.textContent = "";
    var notes = slides[cur].querySelector(".slide-notes");
    if (notes) view.notes.appendChild(notes.cloneNode(true));
    else view.notes.textContent = say("slide-no-notes", "(no notes)");
  }

  function tick() {
    var s = Math.floor((Date.now() - started) / 1000);
    var pad = function (x) { return (x < 10 ? "0" : "") + x; };
    view.clock.textContent = pad(Math.floor(s / 3600)) + ":" +
      pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    e.className = cls;
    parent.appendChild(e);
    return e;
  }

  function startPresenter() {
    body.classList.add("is-presenter");
    var p = el("div", "presenter", body);
    view = {};
    view.now = el("div", "presenter-now", p);
    var side = el("div", "presenter-side", p);
    view.clock = el("div", "presenter-clock", side);
    view.label = el("div", "presenter-label", side);
    el("div", "presenter-label", side).textContent = say("slide-next", "Next:");
    view.next = el("div", "presenter-next", side);
    view.notes = el("div", "presenter-notes", p);
    tick();
    setInterval(tick, 1000);
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
    case "ArrowRight": case "ArrowDown": case " ": case "PageDown": case "n":
      show(cur + 1); break;
    case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
      show(cur - 1); break;
    case "Home": show(0); break;
    case "End": show(n - 1); break;
    case "o":
      if (presenter) return;
      body.classList.toggle("is-overview");
      if (body.classList.contains("is-overview")) slides.forEach(fit);
      else scaleStage();
      slides[cur].scrollIntoView({ block: "center" });
      break;
    case "Escape":
      body.classList.remove("is-overview"); scaleStage(); break;
    case "p":
      if (!presenter)
        window.open(location.pathname + "?presenter#" + (cur + 1), "sitegen-presenter");
      break;
    default: return;
    }
    e.preventDefault();
  }

  var x0 = null;
  stage.addEventListener("touchstart", function (e) { x0 = e.touches[0].clientX; }, { passive: true });
  stage.addEventListener("touchend", function (e) {
    if (x0 === null) return;
    var dx = e.changedTouches[0].clientX - x0;
    x0 = null;
    if (Math.abs(dx) > 40) show(cur + (dx < 0 ? 1 : -1));
  });
  stage.addEventListener("click", function (e) {
    var s = e.target.closest(".slide");
    if (s && body.classList.contains("is-overview")) {
      body.classList.remove("is-overview");
      scaleStage();
      show(slides.indexOf(s));
    }
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", function () { show(fromHash()); });
  window.addEventListener("resize", function () { scaleStage(); drawPresenter(); });
  if (typeof BroadcastChannel === "function") {
    channel = new BroadcastChannel(key);
    channel.onmessage = function (e) {
      if (e.data && typeof e.data.slide === "number") show(e.data.slide, true);
    };
  } else {
    window.addEventListener("storage", function (e) {
      if (e.key === key && e.newValue) show(parseInt(e.newValue, 10), true);
    });
  }
  window.addEventListener("beforeprint", function () { slides.forEach(fit); });

  if (presenter) startPresenter();
  slides.forEach(function (s) { s.classList.remove("is-current"); });
  cur = fromHash();
  slides[cur].classList.add("is-current");
  scaleStage();
  show(cur, true);
  body.classList.add("is-ready");
})();
