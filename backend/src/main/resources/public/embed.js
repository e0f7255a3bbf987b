/* Ruche widgets loader: <script async src="https://community.example/embed.js"></script> turns each
   <div data-ruche-widget="latest-threads" data-category="support" data-lang="fr"></div> into a sandboxed iframe that
   reserves its height, then fits its content (postMessage from the forum's origin only). No cookie, no framework. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;
  var HEIGHTS = { 'latest-threads': 330, events: 320, figures: 150, search: 70, contributors: 330, answer: 300, testimonials: 300 };
  var SKIP = { 'data-ruche-widget': 1, 'data-ruche-mounted': 1, 'data-height': 1, 'data-title': 1 };
  var frames = [];

  window.addEventListener('message', function (e) {
    if (e.origin !== base || !e.data || e.data.ruche !== 'resize') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) {
        var h = Math.ceil(Number(e.data.height) || 0);
        if (h >= 20 && h <= 4000) frames[i].style.height = h + 'px';
      }
    }
  });

  function mount(el) {
    if (el.getAttribute('data-ruche-mounted')) return;
    el.setAttribute('data-ruche-mounted', '1');
    var type = el.getAttribute('data-ruche-widget') || '';
    var params = [];
    for (var i = 0; i < el.attributes.length; i++) {
      var a = el.attributes[i];
      if (a.name.indexOf('data-') === 0 && !SKIP[a.name]) {
        params.push(encodeURIComponent(a.name.slice(5)) + '=' + encodeURIComponent(a.value));
      }
    }
    if (!el.hasAttribute('data-theme')) {
      var pageTheme = document.documentElement.getAttribute('data-theme');
      var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
      params.push('theme=' + encodeURIComponent(pageTheme === 'dark' || pageTheme === 'light' ? pageTheme : dark ? 'dark' : 'light'));
    }
    params.push('origin=' + encodeURIComponent(location.origin));
    var frame = document.createElement('iframe');
    frame.src = base + '/embed/' + encodeURIComponent(type) + '?' + params.join('&');
    frame.title = el.getAttribute('data-title') || 'Community';
    frame.setAttribute('loading', 'lazy');
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    var reserved = parseInt(el.getAttribute('data-height'), 10) || HEIGHTS[type] || 300;
    frame.setAttribute('data-reserved-height', String(reserved));
    frame.style.cssText = 'display:block;width:100%;border:0;color-scheme:normal;height:' + reserved + 'px';
    frames.push(frame);
    el.appendChild(frame);
  }

  function mountAll() {
    var els = document.querySelectorAll('[data-ruche-widget]');
    for (var i = 0; i < els.length; i++) mount(els[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
