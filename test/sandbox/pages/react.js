/*
 * The React generation of the replica BMS (and its "unseen" and "renamed" variants): a client-side app
 * with path routes, pushState navigation and psa-* classes. Renders every name with textContent: names
 * are data. The server's <meta name="replica-config"> says which variant this is and where the pages
 * of the other generation live.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.querySelector('meta[name="replica-config"]').getAttribute('content'));
  var unseen = config.skin === 'unseen';
  /** the class names of this variant: psa-* in React, names no extension has seen in "unseen" */
  function c(name) { return (unseen ? 'zz9-' : 'psa-') + name; }
  /** roles and ids only where React BMS has them */
  function known(attrs) { return unseen ? {} : attrs; }
  function fill(tpl, id) { return tpl.replace('{id}', String(id)); }

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'onclick' || k === 'onsubmit') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) { child.forEach(function (x) { append(el, x); }); continue; }
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  function merge(a, b) { var o = {}; Object.keys(a).forEach(function (k) { o[k] = a[k]; }); Object.keys(b || {}).forEach(function (k) { o[k] = b[k]; }); return o; }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function get(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + r.status);
        return body;
      });
    });
  }
  function text(v) { return v === null || v === undefined || v === '' ? '—' : String(v); }
  function slug(s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, '-'); }

  var P = config.gen === 'renamed'
    ? { accounts: '/app/customers', account: '/app/customers/', assets: '/app/devices', asset: '/app/devices/', settings: '/app/settings/rmm', accountQuery: 'customer' }
    : { accounts: '/react/crm/accounts', account: '/react/crm/accounts/', assets: '/react/servicedesk/assets/hardware', asset: '/react/servicedesk/assets/hardware/', settings: '/react/admin/servicedesk/rmm-integration-settings', accountQuery: 'accountId' };
  var esc = function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); };
  var routes = [
    { re: new RegExp('^' + esc(P.accounts) + '/?$'), render: accountsList },
    { re: new RegExp('^' + esc(P.account) + '(\\d+)(?:/([a-z-]+))?/?$'), render: accountDetail },
    { re: new RegExp('^' + esc(P.assets) + '/?$'), render: assetsList },
    { re: new RegExp('^' + esc(P.asset) + '(\\d+)/?$'), render: assetDetail },
    { re: new RegExp('^' + esc(P.settings) + '(?:/([a-z-]+))?/?$'), render: settings },
  ];
  var root = document.getElementById('root');
  var view;
  var renderSeq = 0;

  function frame() {
    var menu = [['Accounts', config.links.accounts], ['Hardware Assets', config.links.assets], ['RMM Integration Settings', config.links.settings], ['Tickets', '/react/servicedesk/tickets/1001']];
    view = h('main', merge({ class: c('main-content'), id: 'bms-view', tabindex: '-1' }, {}));
    append(root, h('div', { class: c('app') },
      h('header', { class: c('header') }, h('span', { class: c('header-brand') }, 'Kaseya BMS'), h('span', { class: c('header-user'), id: 'bms-tenant' }),
        h('button', { type: 'button', class: c('button'), id: 'bms-theme-toggle', 'aria-label': 'Switch light or dark theme' }, 'Theme')),
      h('div', { class: c('layout') },
        h('aside', { class: c('sidebar-container') }, h('nav', known({ 'aria-label': 'Main menu' }), menu.map(function (m) {
          return h('a', { class: c('sidebar-link'), href: m[1], 'data-menu': slug(m[0]) }, m[0]);
        }))),
        view)));
  }

  function navigate(href) {
    history.pushState(null, '', href);
    router();
  }
  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return;
    for (var i = 0; i < routes.length; i++) if (routes[i].re.test(url.pathname)) { e.preventDefault(); navigate(url.pathname + url.search); return; }
  });
  window.addEventListener('popstate', router);

  function router() {
    var seq = ++renderSeq;
    for (var i = 0; i < routes.length; i++) {
      var m = routes[i].re.exec(location.pathname);
      if (!m) continue;
      clear(view);
      view.setAttribute('aria-busy', 'true');
      Promise.resolve(routes[i].render(m, new URLSearchParams(location.search), seq)).catch(function (e) {
        if (seq !== renderSeq) return;
        clear(view);
        append(view, h('p', { class: c('error'), role: 'alert' }, 'Could not load this page: ' + e.message));
      }).then(function () { if (seq === renderSeq) view.removeAttribute('aria-busy'); });
      return;
    }
    clear(view);
    append(view, h('h1', { class: c('page-title') }, 'Page not found'));
  }

  function title(crumb, label, kind) {
    return h('div', { class: c('page-header') }, h('div', { class: c('breadcrumb') }, crumb), h('h1', { class: c(kind + '-view-title') + ' ' + c('page-title'), title: label }, label));
  }
  function table(head, rows, label) {
    return h('table', merge({ class: c('grid-table') }, known({ 'aria-label': label })),
      h('thead', null, h('tr', null, head.map(function (t) { return h('th', { class: c('grid-header') }, t); }))),
      h('tbody', null, rows.map(function (r) { return h('tr', { class: c('grid-row') }, r.map(function (x) { return h('td', { class: c('grid-cell'), title: x instanceof Node ? x.textContent : text(x) }, x instanceof Node ? x : text(x)); })); })));
  }
  function pager(d, go) {
    var pages = Math.max(1, Math.ceil(d.total / d.size));
    return h('div', { class: c('pager') },
      h('button', { type: 'button', class: c('button'), disabled: d.page <= 1, onclick: function () { go(d.page - 1); } }, 'Previous'),
      'Page ' + d.page + ' of ' + pages + ' (' + d.total + ' records)',
      h('button', { type: 'button', class: c('button'), disabled: d.page >= pages, onclick: function () { go(d.page + 1); } }, 'Next'));
  }
  function search(label, value, go) {
    var input = h('input', { type: 'search', class: c('input'), 'aria-label': label, placeholder: label, value: value || '' });
    return h('form', { class: c('toolbar'), role: 'search', onsubmit: function (e) { e.preventDefault(); go(input.value); } }, input, h('button', { class: c('button'), type: 'submit' }, 'Search'));
  }
  function qs(base, params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) q.set(k, params[k]); });
    var s = q.toString();
    return base + (s ? '?' + s : '');
  }
  function tabs(items, selected, hrefOf) {
    return h('nav', merge({ class: c('tabs') }, known({ role: 'tablist' })), items.map(function (t) {
      var s = slug(t);
      return h('a', merge({ class: c('tab') + (s === selected ? ' ' + c('tab--active') : ''), href: hrefOf(s), 'data-tab': s }, known({ role: 'tab', id: 'psa-tab-' + s, 'aria-selected': s === selected ? 'true' : 'false' })), t);
    }));
  }
  function field(label, value, key) {
    return h('div', { class: c('label-field') }, h('label', { class: c('label') }, label), h('span', { class: c('field-value'), 'data-field': key || label }, text(value)));
  }

  function accountsList(m, q, seq) {
    var page = Number(q.get('page') || 1), s = q.get('search') || '';
    return get('/app-api/accounts?page=' + page + '&search=' + encodeURIComponent(s)).then(function (d) {
      if (seq !== renderSeq) return;
      var go = function (p, x) { navigate(qs(P.accounts, { page: p > 1 ? p : '', search: x !== undefined ? x : s })); };
      append(view, title('CRM', 'Accounts', 'accounts'), h('section', { class: c('card') }, search('Search accounts', s, function (x) { go(1, x); }),
        table(['Account', 'Code', 'Main location', 'Status'], d.rows.map(function (a) {
          return [h('a', { class: c('link'), href: fill(config.links.account, a.Id) }, text(a.AccountName)), a.AccountCode, a.MainLocation, a.IsActive ? 'Active' : 'Inactive'];
        }), 'Accounts'), pager(d, function (p) { go(p); })));
    });
  }

  function accountDetail(m, q, seq) {
    var id = m[1], tab = m[2] || 'locations';
    return get('/app-api/accounts/' + id).then(function (d) {
      if (seq !== renderSeq) return;
      var a = d.account, body;
      if (tab === 'locations') body = table(['Location', 'Main', 'Status'], d.locations.map(function (l) { return [l.LocationName, l.IsMain ? 'Main' : 'Convert to Main', l.IsActive ? 'Active' : 'Inactive']; }), 'Locations');
      else if (tab === 'departments') body = d.departments.length ? table(['Department', 'Status'], d.departments.map(function (x) { return [x.Name, x.IsActive ? 'Active' : 'Inactive']; }), 'Departments') : h('p', null, 'This account has no departments.');
      else if (tab === 'rmm-integration') body = h('div', { class: c('rmm-integration') }, field('Integration', 'Kaseya VSA'), field('VSA Organization', d.mapping ? text(d.mapping.orgName) + ' (' + d.mapping.orgId + ')' : 'Not mapped', 'VsaOrganization'));
      else body = h('p', { class: c('empty') }, 'Nothing here yet.');
      append(view, title('CRM › Accounts', text(a.AccountName), 'account'),
        h('section', { class: c('card') + ' ' + c('account-view') },
          h('div', { class: c('account-header') }, field('Account code', a.AccountCode), field('Status', a.IsActive ? 'Active' : 'Inactive'),
            h('div', { class: c('label-field') }, h('label', { class: c('label') }, 'Hardware assets'), h('a', { class: c('link'), href: fill(config.links.assetsFor, a.Id) }, String(d.assetCount)))),
          tabs(config.tabs, tab, function (s) { return P.account + a.Id + '/' + s; }),
          h('section', merge({ class: c('tab-panel') }, known({ role: 'tabpanel', id: 'psa-tabpanel-' + tab, 'aria-labelledby': 'psa-tab-' + tab })), body)));
    });
  }

  function assetsList(m, q, seq) {
    var page = Number(q.get('page') || 1), s = q.get('search') || '', acc = q.get(P.accountQuery) || '';
    return get('/app-api/assets?page=' + page + '&search=' + encodeURIComponent(s) + (acc ? '&accountId=' + acc : '')).then(function (d) {
      if (seq !== renderSeq) return;
      var go = function (p, x) { var o = { page: p > 1 ? p : '', search: x !== undefined ? x : s }; o[P.accountQuery] = acc; navigate(qs(P.assets, o)); };
      append(view, title('Service Desk › Assets Management', 'Hardware Assets', 'assets'), h('section', { class: c('card') + ' ' + c('grid') }, search('Search assets', s, function (x) { go(1, x); }),
        table(['Asset', 'Account', 'Location', 'Department', 'Category', 'Machine group', 'Status'], d.rows.map(function (a) {
          return [h('a', { class: c('link'), href: fill(config.links.asset, a.Id) }, text(a.Name)), a.AccountName, a.LocationName, a.Department, a.Category, a.MachineGroupId, a.IsActive ? 'Active' : 'Inactive'];
        }), 'Hardware assets'), pager(d, function (p) { go(p); })));
    });
  }

  function assetDetail(m, q, seq) {
    return get('/app-api/assets/' + m[1]).then(function (a) {
      if (seq !== renderSeq) return;
      var fields = [['Account', a.AccountName], ['Location', a.LocationName], ['Department', a.Department], ['Category', a.Category], ['Machine group', a.MachineGroupId],
        ['Serial number', a.SerialNumber], ['IP address', a.IpAddress], ['OS', a.OsType], ['OS info', a.OsInfo], ['Last check-in', a.LastCheckIn], ['Status', a.IsActive ? 'Active' : 'Inactive'], ['Modified', a.ModifiedOn]];
      append(view, h('section', { class: c('card') + ' ' + c('asset-view') },
        title('Service Desk › Assets Management › Hardware Assets', text(a.Name), 'asset'),
        h('div', { class: c('toolbar') + ' ' + c('asset-actions') }, h('a', { class: c('button'), href: config.links.assets }, 'Back to list')),
        h('div', { class: c('fields') }, fields.map(function (f) { return field(f[0], f[1]); }))));
    });
  }

  function settings(m, q, seq) {
    var tab = m[1] || 'accounts-synchronization', page = Number(q.get('page') || 1), s = q.get('search') || '';
    var items = ['General settings', 'Accounts Synchronization', 'Asset Mapping'];
    var pane = h('section', merge({ class: c('tab-panel') }, known({ role: 'tabpanel', id: 'psa-tabpanel-' + tab })));
    append(view, title('Admin › Service Desk', 'RMM Integration Settings', 'settings'), tabs(items, tab, function (x) { return P.settings + '/' + x; }), pane);
    if (tab !== 'accounts-synchronization') { append(pane, h('p', null, 'Nothing to set here in the replica.')); return null; }
    return get('/app-api/rmm/accounts-sync?page=' + page + '&search=' + encodeURIComponent(s)).then(function (d) {
      if (seq !== renderSeq) return;
      var go = function (p, x) { navigate(qs(P.settings + '/' + tab, { page: p > 1 ? p : '', search: x !== undefined ? x : s })); };
      append(pane, h('div', { class: c('toolbar') }, ['Load Accounts', 'Import Accounts', 'Export Accounts'].map(function (t) { return h('button', { type: 'button', class: c('button') }, t); })),
        search('Filter organization name', s, function (x) { go(1, x); }),
        table(['Organization', 'Org ID', 'CRM account'], d.rows.map(function (o) { return [o.OrgName, o.OrgRef, o.AccountName]; }), 'VSA organizations'),
        pager(d, function (p) { go(p); }));
    });
  }

  function applyTheme(t) {
    document.documentElement.setAttribute('data-theme', t);
    try { localStorage.setItem('bms-theme', t); } catch { /* private mode */ }
  }
  frame();
  var saved;
  try { saved = localStorage.getItem('bms-theme'); } catch { saved = null; }
  applyTheme(saved || (window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  document.getElementById('bms-theme-toggle').addEventListener('click', function () {
    applyTheme(document.documentElement.getAttribute('data-theme') === 'dark' ? 'light' : 'dark');
  });
  get('/app-api/session').then(function (x) { document.getElementById('bms-tenant').textContent = x.company + ' · ' + x.user; }).catch(function () {});
  router();
})();
