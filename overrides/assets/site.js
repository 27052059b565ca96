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

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target || event.metaKey || event.ctrlKey || event.shiftKey) return;
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
})();
