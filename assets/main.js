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
    var fold = document.querySelector("[data-fold-narrow]");
    if (fold && window.matchMedia && window.matchMedia("(max-width: 59.99em)").matches) {
      fold.open = false;
    }
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
