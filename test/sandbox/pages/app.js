/* Replica of the BMS web UI for the sandbox. Renders every name with textContent: names are data. */
(function () {
  'use strict';
  var view = document.getElementById('bms-view');

  /** h('tag', {attr: value}, child, ...): children are nodes or text, never markup */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'onclick' || k === 'onsubmit' || k === 'oninput') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  /** append(el, child, ...): every argument after the element is appended */
  function append(el) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); continue; }
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
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
  function cell(v) { var s = text(v); return h('td', { title: s }, s); }

  var routes = [
    { re: /^\/crm\/accounts\/?$/, page: 'crm-accounts', render: accountsList },
    { re: /^\/crm\/accounts\/(\d+)(?:\/(details|locations|departments|rmm-integration))?\/?$/, page: 'crm-account', render: accountDetail },
    { re: /^\/servicedesk\/assets\/hardware\/?$/, page: 'hardware-assets', render: assetsList },
    { re: /^\/servicedesk\/assets\/hardware\/(\d+)\/?$/, page: 'hardware-asset', render: assetDetail },
    { re: /^\/admin\/servicedesk\/rmm-integration\/accounts-sync\/?$/, page: 'accounts-sync', render: accountsSync },
  ];
  var menuOf = { 'crm-accounts': 'crm-accounts', 'crm-account': 'crm-accounts', 'hardware-assets': 'hardware-assets', 'hardware-asset': 'hardware-assets', 'accounts-sync': 'accounts-sync' };
  var renderSeq = 0;

  function parseHash() {
    var raw = location.hash.replace(/^#/, '') || '/crm/accounts';
    var qi = raw.indexOf('?');
    var path = qi >= 0 ? raw.slice(0, qi) : raw;
    var query = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '');
    return { path: path, query: query };
  }

  function router() {
    var loc = parseHash();
    var seq = ++renderSeq;
    for (var i = 0; i < routes.length; i++) {
      var m = routes[i].re.exec(loc.path);
      if (m) {
        document.body.setAttribute('data-bms-page', routes[i].page);
        document.querySelectorAll('.bms-menu-item').forEach(function (a) {
          a.classList.toggle('active', a.getAttribute('data-menu') === menuOf[routes[i].page]);
        });
        clear(view);
        view.setAttribute('aria-busy', 'true');
        Promise.resolve(routes[i].render(m, loc.query, seq)).catch(function (e) {
          if (seq !== renderSeq) return;
          clear(view);
          append(view, h('p', { class: 'bms-error', role: 'alert' }, 'Could not load this page: ' + e.message));
        }).then(function () {
          if (seq === renderSeq) view.removeAttribute('aria-busy');
        });
        return;
      }
    }
    document.body.setAttribute('data-bms-page', 'not-found');
    clear(view);
    append(view, h('h1', { class: 'bms-page-title' }, 'Page not found'), h('p', null, 'There is no page at ', loc.path, '.'));
  }

  function title(crumbs, label) {
    return [h('div', { class: 'bms-breadcrumb' }, crumbs), h('h1', { class: 'bms-page-title', title: label }, label)];
  }
  function pager(total, page, size, go) {
    var pages = Math.max(1, Math.ceil(total / size));
    return h('div', { class: 'bms-pager' },
      h('button', { type: 'button', disabled: page <= 1, onclick: function () { go(page - 1); } }, 'Previous'),
      'Page ' + page + ' of ' + pages + ' (' + total + ' records)',
      h('button', { type: 'button', disabled: page >= pages, onclick: function () { go(page + 1); } }, 'Next'));
  }
  function searchBar(label, value, onSearch) {
    var input = h('input', { type: 'search', 'aria-label': label, placeholder: label, value: value || '' });
    return h('form', { class: 'bms-toolbar', role: 'search', onsubmit: function (e) { e.preventDefault(); onSearch(input.value); } },
      input, h('button', { class: 'bms-button', type: 'submit' }, 'Search'));
  }
  function withQuery(path, params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) q.set(k, params[k]); });
    var s = q.toString();
    return '#' + path + (s ? '?' + s : '');
  }

  function accountsList(m, query, seq) {
    var page = Number(query.get('page') || 1);
    var search = query.get('search') || '';
    return get('/app-api/accounts?page=' + page + '&search=' + encodeURIComponent(search)).then(function (data) {
      if (seq !== renderSeq) return;
      var go = function (p, s) { location.hash = withQuery('/crm/accounts', { page: p > 1 ? p : '', search: s !== undefined ? s : search }); };
      append(view, title('CRM', 'Accounts'), h('section', { class: 'bms-card', 'data-bms-grid': 'accounts' },
        searchBar('Search accounts', search, function (s) { go(1, s); }),
        h('table', { class: 'bms-grid', 'aria-label': 'Accounts' },
          h('thead', null, h('tr', null, h('th', null, 'Account'), h('th', null, 'Code'), h('th', null, 'Main location'), h('th', null, 'Status'))),
          h('tbody', null, data.rows.map(function (a) {
            return h('tr', { 'data-account-id': a.Id },
              h('td', { title: text(a.AccountName) }, h('a', { href: '#/crm/accounts/' + a.Id + '/details' }, text(a.AccountName))),
              cell(a.AccountCode), cell(a.MainLocation),
              h('td', null, h('span', { class: 'bms-badge' + (a.IsActive ? '' : ' inactive') }, a.IsActive ? 'Active' : 'Inactive')));
          }))),
        pager(data.total, page, data.size, function (p) { go(p); })));
    });
  }

  function accountDetail(m, query, seq) {
    var id = m[1];
    var tab = m[2] || 'details';
    return get('/app-api/accounts/' + id).then(function (d) {
      if (seq !== renderSeq) return;
      var a = d.account;
      var tabs = [['details', 'Details'], ['locations', 'Locations'], ['departments', 'Departments'], ['rmm-integration', 'RMM Integration']];
      var body;
      if (tab === 'details') {
        body = h('dl', { class: 'bms-fields' },
          h('dt', null, 'Account name'), h('dd', { 'data-field': 'AccountName' }, text(a.AccountName)),
          h('dt', null, 'Account code'), h('dd', null, text(a.AccountCode)),
          h('dt', null, 'Status'), h('dd', null, a.IsActive ? 'Active' : 'Inactive'),
          h('dt', null, 'Hardware assets'), h('dd', null, h('a', { href: withQuery('/servicedesk/assets/hardware', { accountId: a.Id }) }, String(d.assetCount))),
          h('dt', null, 'Created'), h('dd', null, text(a.CreatedOn)));
      } else if (tab === 'locations') {
        body = h('table', { class: 'bms-grid', 'aria-label': 'Locations' },
          h('thead', null, h('tr', null, h('th', null, 'Location'), h('th', null, 'Main'), h('th', null, 'Status'))),
          h('tbody', null, d.locations.map(function (l) {
            return h('tr', { 'data-location-id': l.Id }, cell(l.LocationName), h('td', null, l.IsMain ? 'Main' : ''), h('td', null, l.IsActive ? 'Active' : 'Inactive'));
          })));
      } else if (tab === 'departments') {
        body = d.departments.length
          ? h('table', { class: 'bms-grid', 'aria-label': 'Departments' },
            h('thead', null, h('tr', null, h('th', null, 'Department'), h('th', null, 'Status'))),
            h('tbody', null, d.departments.map(function (x) { return h('tr', { 'data-department-id': x.Id }, cell(x.Name), h('td', null, x.IsActive ? 'Active' : 'Inactive')); })))
          : h('p', null, 'This account has no departments.');
      } else {
        // BMS's own RMM Integration tab: the link as BMS stores it. The extension adds its panel here.
        body = h('div', { class: 'bms-rmm-integration', 'data-bms-rmm-integration': a.Id },
          h('h2', null, 'RMM Integration'),
          h('dl', { class: 'bms-fields' },
            h('dt', null, 'Integration'), h('dd', null, 'Kaseya VSA'),
            h('dt', null, 'VSA Organization'), h('dd', { 'data-field': 'VsaOrganization' }, d.mapping ? text(d.mapping.orgName) + ' (' + d.mapping.orgId + ')' : 'Not mapped')));
      }
      append(view, title(['CRM › Accounts › ', text(a.AccountName)], text(a.AccountName)),
        h('section', { class: 'bms-card bms-account', 'data-account-id': a.Id },
          h('ul', { class: 'bms-tabs', role: 'tablist' }, tabs.map(function (t) {
            return h('li', { role: 'presentation' }, h('a', { role: 'tab', id: 'tab-' + t[0], href: '#/crm/accounts/' + a.Id + '/' + t[0], 'aria-selected': t[0] === tab ? 'true' : 'false' }, t[1]));
          })),
          h('div', { class: 'bms-tab-pane', role: 'tabpanel', 'data-tab': tab, 'aria-labelledby': 'tab-' + tab }, body)));
    });
  }

  function assetsList(m, query, seq) {
    var page = Number(query.get('page') || 1);
    var search = query.get('search') || '';
    var accountId = query.get('accountId') || '';
    return get('/app-api/assets?page=' + page + '&search=' + encodeURIComponent(search) + (accountId ? '&accountId=' + accountId : '')).then(function (data) {
      if (seq !== renderSeq) return;
      var go = function (p, s) { location.hash = withQuery('/servicedesk/assets/hardware', { page: p > 1 ? p : '', search: s !== undefined ? s : search, accountId: accountId }); };
      append(view, title('Service Desk › Asset Management', 'Hardware Assets'), h('section', { class: 'bms-card', 'data-bms-grid': 'hardware-assets' },
        searchBar('Search assets', search, function (s) { go(1, s); }),
        h('table', { class: 'bms-grid', 'aria-label': 'Hardware assets' },
          h('thead', null, h('tr', null, ['Asset', 'Account', 'Location', 'Department', 'Category', 'Machine group', 'Status'].map(function (t) { return h('th', null, t); }))),
          h('tbody', null, data.rows.map(function (a) {
            return h('tr', { 'data-asset-id': a.Id, 'data-agent-id': a.AgentId || null },
              h('td', { title: text(a.Name) }, h('a', { href: '#/servicedesk/assets/hardware/' + a.Id }, text(a.Name))),
              cell(a.AccountName), cell(a.LocationName), cell(a.Department), cell(a.Category), cell(a.MachineGroupId),
              h('td', null, a.IsActive ? 'Active' : 'Inactive'));
          }))),
        pager(data.total, page, data.size, function (p) { go(p); })));
    });
  }

  function assetDetail(m, query, seq) {
    return get('/app-api/assets/' + m[1]).then(function (a) {
      if (seq !== renderSeq) return;
      var fields = [['Account', a.AccountName], ['Location', a.LocationName], ['Department', a.Department], ['Category', a.Category],
        ['Machine group', a.MachineGroupId], ['Serial number', a.SerialNumber], ['IP address', a.IpAddress], ['OS', a.OsType],
        ['OS info', a.OsInfo], ['Last check-in', a.LastCheckIn], ['Status', a.IsActive ? 'Active' : 'Inactive'], ['Modified', a.ModifiedOn]];
      append(view, title(['Service Desk › Asset Management › Hardware Assets'], text(a.Name)),
        h('section', { class: 'bms-card bms-asset', 'data-asset-id': a.Id, 'data-agent-id': a.AgentId || null },
          h('div', { class: 'bms-toolbar bms-asset-actions' }, h('a', { class: 'bms-button', href: '#/servicedesk/assets/hardware' }, 'Back to list')),
          h('dl', { class: 'bms-fields' }, fields.map(function (f) { return [h('dt', null, f[0]), h('dd', { 'data-field': f[0] }, text(f[1]))]; }))));
    });
  }

  function accountsSync(m, query, seq) {
    var page = Number(query.get('page') || 1);
    var search = query.get('search') || '';
    return get('/app-api/rmm/accounts-sync?page=' + page + '&search=' + encodeURIComponent(search)).then(function (data) {
      if (seq !== renderSeq) return;
      var go = function (p, s) { location.hash = withQuery('/admin/servicedesk/rmm-integration/accounts-sync', { page: p > 1 ? p : '', search: s !== undefined ? s : search }); };
      append(view, title('Admin › Service Desk › RMM Integration Settings', 'Accounts Synchronization'),
        h('ul', { class: 'bms-tabs', role: 'tablist' },
          ['General settings', 'Accounts Synchronization', 'Asset Mapping'].map(function (t) {
            return h('li', { role: 'presentation' }, h('a', { role: 'tab', href: location.hash, 'aria-selected': t === 'Accounts Synchronization' ? 'true' : 'false' }, t));
          })),
        h('section', { class: 'bms-card bms-accounts-sync', 'data-bms-grid': 'accounts-sync' },
          searchBar('Filter organization name', search, function (s) { go(1, s); }),
          h('table', { class: 'bms-grid', 'aria-label': 'VSA organizations' },
            h('thead', null, h('tr', null, h('th', null, 'Organization'), h('th', null, 'Org ID'), h('th', null, 'CRM account'))),
            h('tbody', null, data.rows.map(function (o) {
              return h('tr', { 'data-org-id': o.OrgId }, cell(o.OrgName), cell(o.OrgRef), cell(o.AccountName));
            }))),
          pager(data.total, page, data.size, function (p) { go(p); })));
    });
  }

  function applyTheme(theme) {
    document.documentElement.setAttribute('data-theme', theme);
    try { localStorage.setItem('bms-theme', theme); } catch { /* private mode */ }
  }
  var saved;
  try { saved = localStorage.getItem('bms-theme'); } catch { saved = null; }
  applyTheme(saved || (window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  document.getElementById('bms-theme-toggle').addEventListener('click', function () {
    applyTheme(document.documentElement.getAttribute('data-theme') === 'dark' ? 'light' : 'dark');
  });
  get('/app-api/session').then(function (s) { document.getElementById('bms-tenant').textContent = s.company + ' · ' + s.user; }).catch(function () {});
  window.addEventListener('hashchange', router);
  if (!location.hash) history.replaceState(null, '', '#/crm/accounts');
  router();
})();
