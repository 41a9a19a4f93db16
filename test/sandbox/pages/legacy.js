/* The replica's WebForms runtime: __doPostBack for Telerik tab strips and grid pagers, and the theme switch. */
(function () {
  'use strict';
  var form = document.getElementById('aspnetForm');
  function doPostBack(target, arg) {
    document.getElementById('__EVENTTARGET').value = target;
    document.getElementById('__EVENTARGUMENT').value = arg;
    form.submit();
  }
  window.__doPostBack = doPostBack;
  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element ? e.target.closest('a[data-postback]') : null;
    if (!a) return;
    e.preventDefault();
    var p = a.getAttribute('data-postback').split('|');
    doPostBack(p[0], p[1]);
  });
  function applyTheme(t) {
    document.documentElement.classList.toggle('theme-dark', t === 'dark');
    try { localStorage.setItem('bms-theme', t); } catch { /* private mode */ }
  }
  var saved;
  try { saved = localStorage.getItem('bms-theme'); } catch { saved = null; }
  applyTheme(saved || 'light');
  var toggle = document.getElementById('bms-theme-toggle');
  if (toggle) toggle.addEventListener('click', function () { applyTheme(document.documentElement.classList.contains('theme-dark') ? 'light' : 'dark'); });
})();
