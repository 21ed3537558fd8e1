// Tasks: filters and paging done by the server (GET /v1/tasks); the filters live in the address, so a view can be
// bookmarked and the browser's back button works.
'use strict';
T.pages.tasks = function (main, route) {
  const h = T.h, q = route.query;
  const FIELDS = [['namespace', 'Namespace'], ['name', 'Template name'], ['initiator', 'Initiator'],
    ['correlation_id', 'Correlation id']];
  const input = (name, label, attrs) => h('div', {}, h('label', {for: 'f-' + name}, label),
    h('input', Object.assign({id: 'f-' + name, name, value: q.get(name) || ''}, attrs || {})));
  const status = h('select', {id: 'f-status', name: 'status'}, h('option', {value: ''}, 'any'),
    T.TASK_STATES.map(s => h('option', {value: s, selected: q.get('status') === s}, s.replaceAll('_', ' '))));
  const localTime = (iso) => iso ? iso.replace(/Z$/, '').slice(0, 16) : '';
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter tasks', onsubmit: (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    for (const k of ['created_from', 'created_to']) {
      if (data[k]) data[k] = new Date(data[k] + 'Z').toISOString();
    }
    T.go('tasks', data);
  }},
  h('div', {}, h('label', {for: 'f-status'}, 'Status'), status),
  FIELDS.map(([name, label]) => input(name, label)),
  input('created_from', 'Created from (UTC)', {type: 'datetime-local', value: localTime(q.get('created_from'))}),
  input('created_to', 'Created before (UTC)', {type: 'datetime-local', value: localTime(q.get('created_to'))}),
  h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Filter'),
    h('button', {type: 'button', class: 'secondary', onclick: () => T.go('tasks')}, 'Clear')));
  const results = h('div', {id: 'task-results'}, h('p', {class: 'muted'}, 'Loading…'));
  main.append(h('h1', {}, 'Tasks'), form, results);

  const params = new URLSearchParams();
  for (const k of ['status', 'namespace', 'name', 'initiator', 'correlation_id', 'created_from', 'created_to', 'page']) {
    if (q.get(k)) params.set(k, q.get(k));
  }
  params.set('per_page', q.get('per_page') || '50');
  const started = performance.now();
  T.api('GET', '/v1/tasks?' + params).then(data => {
    results.dataset.apiMs = String(Math.round(performance.now() - started));
    const rows = data.tasks.map(t => h('tr', {},
      h('td', {}, T.badge(t.status)),
      h('td', {}, h('a', {href: '#/tasks/' + t.task_uuid, class: 'task-link'}, t.namespace + '/' + t.name),
        h('span', {class: 'muted'}, ' ' + t.version)),
      h('td', {class: 'mono hide-narrow'}, T.short(t.task_uuid)),
      h('td', {class: 'hide-narrow'}, t.initiator),
      h('td', {}, T.time(t.created_at)),
      h('td', {class: 'hide-narrow'}, T.time(t.completed_at))));
    const p = data.pagination;
    const page = (n) => T.go('tasks', Object.assign(Object.fromEntries(q.entries()), {page: n}));
    results.replaceChildren(
      data.tasks.length === 0
        ? T.empty(params.size > 1 ? 'No task matches these filters. Loosen or clear them.'
          : 'No tasks yet. Start one with "tasker task create <namespace> <name>" or POST /v1/tasks; '
            + 'the Templates page lists what can be started.')
        : T.table(['Status', 'Template', 'Task', 'Initiator', 'Created', 'Completed'], rows,
          {'aria-label': 'Tasks', id: 'task-table'}),
      h('div', {class: 'pager'},
        h('button', {type: 'button', class: 'secondary', disabled: !p.has_previous, onclick: () => page(p.page - 1)},
          'Previous'),
        h('span', {id: 'page-info'}, `Page ${p.page} of ${Math.max(1, p.total_pages)} · ${p.total_count} tasks`),
        h('button', {type: 'button', class: 'secondary', disabled: !p.has_next, onclick: () => page(p.page + 1)},
          'Next')));
    results.dataset.renderMs = String(Math.round(performance.now() - started));
    results.dataset.renderedAt = String(performance.now());
  }).catch(err => results.replaceChildren(T.errorBox(err, 'Could not list tasks')));
};
