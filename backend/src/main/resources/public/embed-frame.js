/* Inside a Ruche widget: tells the host page (an allowed origin, named by the server) the widget's height, and counts
   the widget once at least half of it was in view, and each click that opens the forum (no cookie; not when the
   browser asks for privacy). */
(function () {
  'use strict';
  var root = document.documentElement;
  var parentOrigin = root.getAttribute('data-parent-origin');
  var widget = root.getAttribute('data-widget');
  var privacy = navigator.doNotTrack === '1' || navigator.globalPrivacyControl === true;

  function signal(event) {
    if (privacy || !widget) return;
    var body = JSON.stringify({ widget: widget, event: event, host: parentOrigin });
    if (navigator.sendBeacon && navigator.sendBeacon('/embed/signal', new Blob([body], { type: 'text/plain' }))) return;
    fetch('/embed/signal', { method: 'POST', body: body, keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' } }).catch(function () {});
  }

  if (window.IntersectionObserver) {
    var seen = false;
    var observer = new IntersectionObserver(function (entries) {
      if (!seen && entries.some(function (e) { return e.intersectionRatio >= 0.5; })) {
        seen = true;
        observer.disconnect();
        signal('impression');
      }
    }, { threshold: [0, 0.5, 1] });
    observer.observe(document.body);
  }
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (link) signal('click');
  }, true);

  if (!parentOrigin || window.parent === window) return;
  var last = 0;
  function tell() {
    var h = Math.ceil(document.body.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      window.parent.postMessage({ ruche: 'resize', height: h }, parentOrigin);
    }
  }
  if (window.ResizeObserver) new ResizeObserver(tell).observe(document.body);
  window.addEventListener('load', tell);
  tell();
})();
