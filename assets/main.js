// Progressive enhancement only: every page reads fully without this script.
// It applies the reader's 字号 (font size) and 高对比度 (high contrast)
// choices, kept in localStorage (no cookies), and shows their switches,
// which do nothing without it.
(function () {
  var KEY = "nianbao-fontsize";
  var CONTRAST = "nianbao-contrast";
  var CLASSES = { s: "fs-s", m: "fs-m", l: "fs-l" };
  var root = document.documentElement;

  function read(key) {
    try {
      return window.localStorage.getItem(key || KEY);
    } catch (e) {
      return null; // storage disabled: the default stays
    }
  }

  function save(value, key) {
    try {
      window.localStorage.setItem(key || KEY, value);
    } catch (e) {
      // the choice then lasts for this page only
    }
  }

  function applyContrast(on) {
    if (on) {
      root.classList.add("hc");
    } else {
      root.classList.remove("hc");
    }
  }

  function apply(size) {
    for (var k in CLASSES) {
      root.classList.remove(CLASSES[k]);
    }
    if (CLASSES[size]) {
      root.classList.add(CLASSES[size]);
    }
  }

  // Runs in <head>, before the body is drawn, so the page never jumps.
  apply(read());
  applyContrast(read(CONTRAST) === "hc");

  function setup() {
    // A long table of contents starts folded on a phone, where it would
    // push the report a screen down; open, as without the script, on a
    // wide screen.
    var folds = document.querySelectorAll("[data-fold-narrow]");
    if (window.matchMedia && window.matchMedia("(max-width: 59.99em)").matches) {
      for (var f = 0; f < folds.length; f++) {
        folds[f].open = false;
      }
    }
    // A link to a folded part (a town of a comparison) opens it.
    function openTarget() {
      var id = decodeURIComponent(location.hash.slice(1));
      var el = id && document.getElementById(id);
      var d = el && (el.matches("[data-fold-narrow]") ? el : el.querySelector("[data-fold-narrow]") || el.closest("[data-fold-narrow]"));
      if (d && !d.open) {
        d.open = true;
        // The browser scrolled to the target while it was folded, and no
        // further than the page then reached: the last town of a
        // comparison stopped short of the top.
        el.scrollIntoView();
      }
    }
    openTarget();
    window.addEventListener("hashchange", openTarget);
    var box = document.querySelector("[data-fontsize]");
    if (!box) {
      return;
    }
    var buttons = box.querySelectorAll("button[data-size]");
    function mark(size) {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-size") === size));
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (ev) {
        var size = ev.currentTarget.getAttribute("data-size");
        apply(size);
        save(size);
        mark(size);
      });
    }
    mark(read() || "m");
    var hc = box.querySelector("button[data-contrast]");
    if (hc) {
      hc.setAttribute("aria-pressed", String(read(CONTRAST) === "hc"));
      hc.addEventListener("click", function () {
        var on = hc.getAttribute("aria-pressed") !== "true";
        applyContrast(on);
        save(on ? "hc" : "normal", CONTRAST);
        hc.setAttribute("aria-pressed", String(on));
      });
    }
    box.hidden = false;
  }

  // 朗读: reads the report aloud with the browser's own speech synthesis
  // (system voices; nothing is sent anywhere), one paragraph at a time from
  // the one on screen, marking it. Shown only where a Chinese voice exists.
  function readAloud() {
    var box = document.querySelector("[data-readaloud]");
    var doc = document.querySelector(".doc");
    var synth = window.speechSynthesis;
    if (!box || !doc || !synth || !window.SpeechSynthesisUtterance) {
      return;
    }
    var play = box.querySelector('[data-ra="play"]');
    var pause = box.querySelector('[data-ra="pause"]');
    var stop = box.querySelector('[data-ra="stop"]');
    var status = box.querySelector("[data-ra-status]");
    var voice = null;
    var blocks = [];
    var at = 0;
    var running = false;

    function findVoice() {
      var voices = synth.getVoices();
      for (var i = 0; i < voices.length; i++) {
        if (/^zh/i.test(voices[i].lang)) {
          voice = voices[i];
          box.hidden = false;
          return;
        }
      }
    }
    function mark(el) {
      var old = doc.querySelector(".ra-current");
      if (old) {
        old.classList.remove("ra-current");
      }
      if (el) {
        el.classList.add("ra-current");
      }
    }
    function state(playing, paused) {
      play.disabled = playing && !paused;
      pause.disabled = !playing || paused;
      stop.disabled = !playing;
      play.textContent = paused ? "继续" : "朗读";
    }
    function next() {
      if (!running || at >= blocks.length) {
        running = false;
        mark(null);
        state(false, false);
        status.textContent = "朗读结束";
        return;
      }
      var el = blocks[at++];
      var u = new window.SpeechSynthesisUtterance(el.textContent);
      u.voice = voice;
      u.lang = voice.lang;
      u.onend = next;
      mark(el);
      synth.speak(u);
    }
    play.addEventListener("click", function () {
      if (running && synth.paused) {
        synth.resume();
        state(true, false);
        status.textContent = "正在朗读";
        return;
      }
      blocks = Array.prototype.filter.call(doc.querySelectorAll("h2, h3, h4, p, li, td"), function (el) {
        // Not the site's own links beside a heading, nor a paragraph a
        // list item already reads.
        return !el.closest(".sec-tools") && !(el.tagName === "P" && el.closest("li"));
      });
      at = 0;
      // From the paragraph on screen: a reader who scrolled to a section
      // hears that section.
      for (var i = 0; i < blocks.length; i++) {
        if (blocks[i].getBoundingClientRect().bottom > 0) {
          at = i;
          break;
        }
      }
      running = true;
      synth.cancel();
      state(true, false);
      status.textContent = "正在朗读";
      next();
    });
    pause.addEventListener("click", function () {
      synth.pause();
      state(true, true);
      status.textContent = "已暂停";
    });
    stop.addEventListener("click", function () {
      running = false;
      synth.cancel();
      mark(null);
      state(false, false);
      status.textContent = "已停止";
    });
    findVoice();
    if (!voice && "onvoiceschanged" in synth) {
      synth.addEventListener("voiceschanged", findVoice);
    }
  }

  function ready() {
    setup();
    readAloud();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
