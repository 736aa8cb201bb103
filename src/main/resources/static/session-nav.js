// On a phone the session menu scrolls sideways: show the current page's link, centred, without moving the page.
document.querySelectorAll('nav.session-nav').forEach(nav => {
  const current = nav.querySelector('a[aria-current="page"]');
  if (current && nav.scrollWidth > nav.clientWidth) {
    nav.scrollLeft = current.offsetLeft - nav.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }
});
