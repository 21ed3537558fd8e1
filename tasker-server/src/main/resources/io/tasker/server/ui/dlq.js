// Dead letter queue: the investigation queue and every entry by status, one entry with its task snapshot, and the
// resolve form. Closing an entry does not touch its task (the API's rule): repair the task first.
'use strict';
T.pages.dlq = function (main, route) {
  const h = T.h;
  if (route.parts[1]) return entry(route.parts[1]);
  const q = route.query, status = q.get('status') || 'pending', page = q.get('page') || '1';
  const body = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
  const pick = h('select', {id: 'f-dlq-status', onchange: e => T.go('dlq', {status: e.target.value})},
    ['pending', 'manually_resolved', 'permanently_failed', 'cancelled', 'all'].map(s =>
      h('option', {value: s, selected: s === status}, s.replaceAll('_', ' '))));
  main.append(h('h1', {}, 'Dead letter queue'), h('div', {class: 'filters'},
    h('div', {}, h('label', {for: 'f-dlq-status'}, 'Resolution status'), pick)), body);
  const filter = status === 'all' ? '' : '&status=' + status;
  T.api('GET', `/v1/dlq?per_page=50&page=${encodeURIComponent(page)}${filter}`).then(data => {
    const p = data.pagination;
    body.replaceChildren(data.entries.length === 0
      ? T.empty(status === 'pending' ? 'Nothing waits for investigation. Tasks land here when a step runs out of '
        + 'retries, when staleness detection finds them stuck, or when someone sends one (POST /v1/dlq).'
        : 'No entries with this status.')
      : T.table(['Reason', 'Task', 'Since', 'Status', ''], data.entries.map(e => h('tr', {},
        h('td', {}, e.dlq_reason.replaceAll('_', ' ')),
        h('td', {}, h('a', {href: '#/tasks/' + e.task_uuid}, e.namespace + '/' + e.task_name)),
        h('td', {}, T.time(e.dlq_timestamp)), h('td', {}, T.badge(e.resolution_status)),
        h('td', {}, h('a', {href: '#/dlq/' + e.dlq_entry_uuid, class: 'entry-link'}, 'Investigate')))), {id: 'dlq-table'}),
    h('div', {class: 'pager'},
      h('button', {type: 'button', class: 'secondary', disabled: !p.has_previous,
        onclick: () => T.go('dlq', {status, page: p.page - 1})}, 'Previous'),
      h('span', {}, `Page ${p.page} of ${Math.max(1, p.total_pages)} · ${p.total_count} entries`),
      h('button', {type: 'button', class: 'secondary', disabled: !p.has_next,
        onclick: () => T.go('dlq', {status, page: p.page + 1})}, 'Next')));
  }).catch(err => body.replaceChildren(T.errorBox(err, 'Could not list the dead letter queue')));

  function entry(id) {
    const body = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
    main.append(h('p', {}, h('a', {href: '#/dlq'}, '← Dead letter queue')), body);
    const load = () => T.api('GET', '/v1/dlq/entry/' + encodeURIComponent(id)).then(e => {
      const snapshot = e.task_snapshot || {};
      const stepsOf = snapshot.steps || [];
      body.replaceChildren(h('h1', {}, 'Dead letter: ' + e.namespace + '/' + e.task_name + ' ', T.badge(e.resolution_status)),
        T.facts([['Reason', e.dlq_reason.replaceAll('_', ' ')], ['Task', h('a', {href: '#/tasks/' + e.task_uuid},
          e.task_uuid)], ['Task state then', e.original_state], ['In the queue since', T.time(e.dlq_timestamp)],
        ['Resolved', T.time(e.resolution_timestamp)], ['Resolved by', e.resolved_by], ['Notes', e.resolution_notes]]),
        e.resolution_status === 'pending' ? resolveForm(e, load) : '',
        h('h2', {}, 'Task as it was'), stepsOf.length === 0 ? h('p', {class: 'muted'}, 'No snapshot of steps.')
          : T.table(['Step', 'State', 'Attempts', 'Result or error'], stepsOf.map(s => h('tr', {},
            h('td', {}, s.name), h('td', {}, T.badge(s.current_state || s.state)), h('td', {}, s.attempts ?? '—'),
            h('td', {}, s.error ? T.json(s.error) : s.results ? T.json(s.results) : '—')))),
        h('h2', {}, 'What the detector saw'), T.json(e.metadata || {}),
        h('details', {}, h('summary', {}, 'Whole snapshot (JSON)'), T.json(snapshot)));
    }).catch(err => body.replaceChildren(T.errorBox(err, 'Could not load the entry')));
    load();
  }

  function resolveForm(e, reload) {
    if (!T.may('dlq:write')) return h('p', {class: 'muted'}, 'Resolving entries needs the dlq:write permission.');
    const how = h('select', {id: 'resolution', name: 'resolution_status'},
      [['manually_resolved', 'Manually resolved'], ['permanently_failed', 'Permanently failed'],
        ['cancelled', 'Cancelled'], ['pending', 'Keep pending, add a note']].map(([v, l]) => h('option', {value: v}, l)));
    const notes = h('textarea', {id: 'resolution-notes', rows: 3, cols: 40, name: 'resolution_notes'});
    const form = h('form', {class: 'panel', 'aria-label': 'Resolve', onsubmit: async ev => {
      ev.preventDefault();
      form.querySelectorAll('.error-box').forEach(x => x.remove());
      try {
        await T.api('PATCH', '/v1/dlq/entry/' + e.dlq_entry_uuid, {resolution_status: how.value, resolution_notes: notes.value});
        T.toast('Entry updated');
        reload();
      } catch (err) { form.append(T.errorBox(err, 'Could not resolve')); }
    }}, h('h2', {}, 'Resolve'),
    h('p', {class: 'muted'}, 'Closing the entry does not change the task: repair or cancel the task first.'),
    h('label', {for: 'resolution'}, 'Resolution'), how, h('label', {for: 'resolution-notes'}, 'Notes'), notes,
    h('div', {class: 'actions'}, h('button', {type: 'submit', id: 'resolve-entry'}, 'Save')));
    return form;
  }
};
