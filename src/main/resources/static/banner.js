// Keeps what the page scrolls to (a field the browser shows as invalid, a field focused, a link's target) clear of
// the sticky patient banner: the page's scroll padding (app.css, --banner-height) follows the banner's height, which
// changes with the name, the allergies and the width of the screen.
(function () {
  "use strict";
  var banner = document.querySelector("header.banner");
  if (!banner) { return; }
  function follow() {
    document.documentElement.style.setProperty("--banner-height", banner.offsetHeight + "px");
  }
  follow();
  if (window.ResizeObserver) { new ResizeObserver(follow).observe(banner); }
}());
