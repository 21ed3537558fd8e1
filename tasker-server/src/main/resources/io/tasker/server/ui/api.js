// Shared pieces of the dashboard: the API client, a DOM builder that never parses HTML, formatting, state colours.
'use strict';
const T = window.T = {pages: {}, state: {csrf: null, whoami: null, authRequired: false}};

/** Calls the REST API with the session cookie (and the CSRF token on actions); throws Error with status/code. */
T.api = async function (method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && T.state.csrf) headers['X-CSRF-Token'] = T.state.csrf;
  let res;
  try {
    res = await fetch(path, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw Object.assign(new Error('The server cannot be reached (' + e.message + ')'), {status: 0});
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = {message: text}; }
  if (!res.ok) {
    const err = new Error((data && data.message) || res.statusText || ('HTTP ' + res.status));
    err.status = res.status;
    err.code = data && data.error;
    if (res.status === 401 && T.onUnauthorized) T.onUnauthorized(err);
    throw err;
  }
  return data;
};

/** Builds an element: h('a', {href: '#'}, 'text', child). Text is always text, never HTML. */
T.h = function (tag, attrs, ...children) {
  return T.build(document.createElement(tag), attrs, children);
};
/** The same for SVG elements. */
T.s = function (tag, attrs, ...children) {
  return T.build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
};
T.build = function (el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
};

T.may = (permission) => !!(T.state.whoami && T.state.whoami.permissions.includes(permission));

const STATE_CLASS = {
  complete: 's-ok', error: 's-bad', blocked_by_failures: 's-bad', cancelled: 's-off',
  resolved_manually: 's-manual', waiting_for_retry: 's-retry',
  in_progress: 's-run', enqueued: 's-run', steps_in_process: 's-run', enqueuing_steps: 's-run',
  evaluating_results: 's-run', initializing: 's-run', enqueued_for_orchestration: 's-run',
  enqueued_as_error_for_orchestration: 's-bad', pending: 's-wait', waiting_for_dependencies: 's-wait',
  manually_resolved: 's-ok', permanently_failed: 's-bad',
  succeeded: 's-ok', failed: 's-bad', running: 's-run', queued: 's-run', waiting: 's-wait', retrying: 's-retry',
  completed: 's-ok', blocked: 's-retry', building: 's-run'
};
T.stateClass = (state) => STATE_CLASS[state] || 's-wait';
T.badge = (state) => T.h('span', {class: 'badge ' + T.stateClass(state)}, String(state).replaceAll('_', ' '));
T.TASK_STATES = ['pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
  'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures', 'complete', 'error', 'cancelled',
  'resolved_manually'];

T.time = function (iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
};
T.ms = function (ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return ms + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  if (ms < 3600000) return (ms / 60000).toFixed(1) + ' min';
  return (ms / 3600000).toFixed(1) + ' h';
};
T.json = (value) => T.h('pre', {}, JSON.stringify(value, null, 2));
T.short = (uuid) => uuid ? uuid.slice(0, 8) + '…' : '—';

/** An error box with the API's message, for a failed load or action. */
T.errorBox = (err, what) => T.h('div', {class: 'error-box', role: 'alert'},
  (what ? what + ': ' : '') + err.message + (err.status ? ' (HTTP ' + err.status + ')' : ''));
T.empty = (...children) => T.h('div', {class: 'empty'}, ...children);
T.toast = function (text) {
  const toast = document.getElementById('toast');
  toast.textContent = text;
  clearTimeout(T.toastTimer);
  T.toastTimer = setTimeout(() => { toast.textContent = ''; }, 4000);
};

/** Reads the current location: '#/tasks/abc?status=error' -> {parts: ['tasks', 'abc'], query: URLSearchParams}. */
T.route = function () {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  return {parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query || '')};
};
T.go = (path, query) => {
  const q = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  location.hash = '#/' + path + (q ? '?' + q : '');
};
T.facts = (pairs) => T.h('dl', {class: 'facts'},
  pairs.filter(p => p).map(([k, v]) => [T.h('dt', {}, k), T.h('dd', {}, v === null || v === undefined ? '—' : v)]));
T.table = (headers, rows, attrs) => T.h('div', {class: 'table-wrap'}, T.h('table', attrs || {},
  T.h('thead', {}, T.h('tr', {}, headers.map(x => T.h('th', {scope: 'col'}, x)))),
  T.h('tbody', {}, rows)));

/** Previous/next buttons and 'Page 2 of 7 · 130 things' for a page {page, total_pages, total_count}. */
T.pager = (p, noun, go) => {
  const pages = Math.max(1, p.total_pages);
  return T.h('div', {class: 'pager'},
    T.h('button', {type: 'button', class: 'secondary', disabled: p.page <= 1, onclick: () => go(p.page - 1)}, 'Previous'),
    T.h('span', {class: 'page-info'}, `Page ${p.page} of ${pages} · ${p.total_count} ${noun}`),
    T.h('button', {type: 'button', class: 'secondary', disabled: p.page >= pages, onclick: () => go(p.page + 1)}, 'Next'));
};
