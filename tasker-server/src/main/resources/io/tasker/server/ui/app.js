// The dashboard's shell: finds out whether this browser may use the API (session, or an open local server), shows
// the login page when it may not, and renders the page the address names.
'use strict';
(function () {
  const h = T.h, main = document.getElementById('main');
  let leave = null;

  async function boot() {
    try {
      const session = await T.api('GET', '/ui/session');
      T.state.authRequired = session.auth_required;
      T.state.csrf = session.csrf_token;
      if (session.auth_required && !session.logged_in) return showLogin();
      T.state.whoami = await T.api('GET', '/v1/whoami');
    } catch (err) {
      if (err.status === 401) return showLogin();
      main.replaceChildren(T.errorBox(err, 'The dashboard cannot start'));
      return;
    }
    document.getElementById('who').textContent = T.state.authRequired
      ? 'Signed in as ' + T.state.whoami.user.external_id.replace(/^tasker:bootstrap:/, '')
        + ' (' + T.state.whoami.org.slug + ')'
      : 'Open local server: no login needed';
    document.getElementById('logout').hidden = !T.state.authRequired;
    if (T.route().parts[0] === 'login') location.hash = '#/overview';
    render();
  }

  T.onUnauthorized = () => { if (T.route().parts[0] !== 'login') showLogin('Your session ended; log in again.'); };

  function showLogin(message) {
    if (leave) leave();
    leave = null;
    document.getElementById('who').textContent = '';
    document.getElementById('logout').hidden = true;
    const key = h('input', {id: 'api-key', name: 'api_key', type: 'password', autocomplete: 'current-password',
      required: true, 'aria-describedby': 'key-help'});
    const problem = h('div', {}, message ? h('p', {role: 'alert'}, message) : '');
    const form = h('form', {class: 'login panel', onsubmit: async e => {
      e.preventDefault();
      try {
        const session = await T.api('POST', '/ui/session', {api_key: key.value});
        T.state.csrf = session.csrf_token;
        history.replaceState(null, '', '#/overview');
        boot();
      } catch (err) {
        problem.replaceChildren(T.errorBox(err, 'Login failed'));
        key.focus();
      }
    }}, h('h1', {}, 'Log in to Tasker'), h('label', {for: 'api-key'}, 'API key'), key,
    h('p', {id: 'key-help', class: 'muted'}, 'A key from "tasker admin key create" or your administrator. '
      + 'The browser keeps a session cookie; the key itself is never stored in the browser.'),
    problem, h('div', {class: 'actions'}, h('button', {type: 'submit', id: 'login'}, 'Log in')));
    main.replaceChildren(form);
    if (location.hash !== '#/login') history.replaceState(null, '', '#/login');
    key.focus();
  }

  async function logout() {
    try {
      await T.api('DELETE', '/ui/session');
    } catch (err) {
      T.toast('Logout failed: ' + err.message);
      return;
    }
    T.state.csrf = null;
    T.state.whoami = null;
    showLogin('You are logged out.');
  }

  function render() {
    if (!T.state.whoami) return;
    if (leave) leave();
    leave = null;
    const route = T.route();
    const name = route.parts[0] || 'overview';
    const page = {overview: T.pages.overview, tasks: route.parts[1] ? T.pages.task : T.pages.tasks,
      templates: T.pages.templates, dlq: T.pages.dlq, pipelines: T.pages.pipelines,
      invalidations: T.pages.invalidations, board: T.pages.board}[name];
    document.querySelectorAll('[data-nav]').forEach(a => {
      if (a.dataset.nav === (name === 'invalidations' ? 'pipelines' : name)) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    main.replaceChildren();
    delete main.dataset.renderMs;
    delete main.dataset.apiMs;
    delete main.dataset.renderedAt;
    if (!page) {
      main.append(h('h1', {}, 'Not found'), T.empty('There is no page "' + name + '". Use the menu above.'));
      return;
    }
    document.title = 'Tasker · ' + name;
    leave = page(main, route) || null;
    if (document.activeElement === document.body) main.focus({preventScroll: true});
  }

  window.addEventListener('hashchange', () => { if (T.route().parts[0] !== 'login') render(); });
  document.getElementById('logout').addEventListener('click', logout);
  boot();
})();
