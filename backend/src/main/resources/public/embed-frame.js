/* Inside a Ruche widget: tells the host page (an allowed origin, named by the server) the widget's height. */
(function () {
  'use strict';
  var root = document.documentElement;
  var parentOrigin = root.getAttribute('data-parent-origin');
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
