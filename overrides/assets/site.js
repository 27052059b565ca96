// Site behaviour that Material does not provide. No dependencies, nothing loaded from
// elsewhere; everything degrades to plain links without JavaScript.
(function () {
  "use strict";

  // The link of one panel turn: a tap copies the full URL (phones have no hover, so the
  // control is always visible); without clipboard access the address bar still shows it.
  function copyTurnLink(link) {
    var url = location.origin + location.pathname + link.getAttribute("href");
    history.replaceState(null, "", link.getAttribute("href"));
    var done = function () {
      var label = link.getAttribute("data-copied");
      if (!label || link.classList.contains("copied")) return;
      var before = link.firstChild.nodeValue;
      link.classList.add("copied");
      link.firstChild.nodeValue = label + " ";
      setTimeout(function () {
        link.firstChild.nodeValue = before;
        link.classList.remove("copied");
      }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, done);
    } else {
      done();
    }
  }

  // Abbreviations: the explanation shows on hover or focus, and on a first tap (phones have
  // no hover); it links to the glossary entry, as the term itself does. It floats under the
  // term, over the text: the sentence is not split and nothing below it moves.
  var tip = null;
  var closing = null;
  function closeTip() {
    clearTimeout(closing);
    if (!tip) return;
    tip.owner.removeAttribute("aria-describedby");
    tip.remove();
    tip = null;
  }
  function place(tip, term) {
    var rects = term.getClientRects();
    var under = rects[rects.length - 1] || term.getBoundingClientRect();
    var parent = tip.offsetParent || document.body;
    var box = parent.getBoundingClientRect();
    var room = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(under.left, room - tip.offsetWidth - 8));
    tip.style.left = (left - box.left - parent.clientLeft + parent.scrollLeft) + "px";
    tip.style.top = (under.bottom - box.top - parent.clientTop + parent.scrollTop + 4) + "px";
  }
  function openTip(term) {
    clearTimeout(closing);
    if (tip && tip.owner === term) return;
    closeTip();
    tip = document.createElement("span");
    tip.className = "term-tip";
    tip.id = "term-tip";
    tip.setAttribute("role", "tooltip");
    tip.owner = term;
    tip.appendChild(document.createTextNode(term.getAttribute("data-tip") + " "));
    var more = document.createElement("a");
    more.href = term.href;
    more.textContent = document.documentElement.lang === "zh" ? "术语表 →" : "Glossary →";
    tip.appendChild(more);
    term.insertAdjacentElement("afterend", tip);
    place(tip, term);
    term.setAttribute("aria-describedby", tip.id);
  }
  // A tap also emits hover and focus events: only a real mouse or the keyboard open it here,
  // so that on a phone the first tap explains instead of following the link.
  document.addEventListener("pointerover", function (event) {
    var over = event.target instanceof Element && event.target.closest("a.term, .term-tip");
    if (!over || event.pointerType !== "mouse") return;
    if (over.matches("a.term")) openTip(over);
    else clearTimeout(closing);  // the pointer went on to the explanation: it stays
  });
  // and it goes when the mouse leaves the term and its explanation
  document.addEventListener("pointerout", function (event) {
    var out = event.target instanceof Element && event.target.closest("a.term, .term-tip");
    if (!out || !tip || event.pointerType !== "mouse") return;
    clearTimeout(closing);
    closing = setTimeout(closeTip, 400);
  });
  document.addEventListener("focusin", function (event) {
    var term = event.target instanceof Element && event.target.closest("a.term");
    if (term && term.matches(":focus-visible")) openTip(term);
  });
  window.addEventListener("resize", closeTip);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeTip();
  });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var term = target.closest("a.term");
    if (term && !(tip && tip.owner === term)) {
      event.preventDefault();  // first tap: explain; the next one follows the link
      openTip(term);
      return;
    }
    if (!term && !target.closest(".term-tip")) closeTip();
    var turn = target.closest("a.turn-link");
    if (turn) {
      event.preventDefault();
      copyTurnLink(turn);
      return;
    }
    // The language switcher: go to the same page in the other language, and to the same
    // turn on a panel page (turn ids are identical in both languages).
    var alternate = target.closest(".md-select__link[hreflang]");
    if (alternate) {
      event.preventDefault();
      event.stopPropagation();
      location.href = alternate.href.split("#")[0] + location.hash;
    }
  }, true);

  // Citations: a copy button beside each reference and BibTeX entry, shown only where the
  // page may write to the clipboard (otherwise the text is there to select).
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("button.cite-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = button.parentElement.nextElementSibling;
        var before = button.textContent;
        navigator.clipboard.writeText(text.textContent).then(function () {
          button.textContent = button.getAttribute("data-copied");
          setTimeout(function () { button.textContent = before; }, 2000);
        });
      });
    });
  }

  // Opening search tells the search worker (search-worker.js) to start loading its
  // library, which it otherwise fetches with the first query: a page view downloads none
  var toggle = document.getElementById("__search");
  if (toggle && "BroadcastChannel" in window) {
    var channel = null;
    var opened = function () {
      if (channel) return;
      channel = new BroadcastChannel("search-open");
      channel.postMessage(true);
    };
    toggle.addEventListener("change", function () { if (toggle.checked) opened(); });
    var box = document.querySelector("input.md-search__input");
    if (box) box.addEventListener("focus", opened);
  }
})();
