// The data layer's lists: a dataset's partitions as a status grid (fresh, stale, missing, running, failed; paged and
// filtered by the server), the invalidations asked for (paged by the server) and one invalidation's cascade.
'use strict';
T.PARTITION_CLASS = {fresh: 's-ok', stale: 's-retry', missing: 's-wait', queued: 's-run', running: 's-run',
  failed: 's-bad'};
/** What a partition is now, in the words of GET /v1/datasets/{name}/partitions/{key}/status. */
T.partitionState = (p) => p.status === 'materialized' ? (p.freshness || 'fresh') : p.status;

T.partitionGrid = function (box, dag, dataset, q, info) {
  const h = T.h, status = q.get('status') || '', page = q.get('page') || '1';
  const go = (extra) => T.go('pipelines/' + encodeURIComponent(dag), Object.assign({version: q.get('version'),
    dataset, status}, extra));
  const pick = h('select', {id: 'f-partition-status', onchange: e => go({status: e.target.value})},
    ['', 'fresh', 'stale', 'missing', 'queued', 'running', 'failed'].map(s =>
      h('option', {value: s, selected: s === status}, s || 'any')));
  const cells = h('div', {}, h('p', {class: 'muted'}, 'Loading partitions…'));
  const detail = h('div', {id: 'partition-detail', 'aria-live': 'polite'});
  box.replaceChildren(h('h2', {}, 'Partitions of ' + dataset), info && info.error ? '' : h('div', {class: 'filters'},
    h('div', {}, h('label', {for: 'f-partition-status'}, 'Status'), pick)), cells, detail);
  if (info && info.error) {
    cells.replaceChildren(T.errorBox(info.error, 'Partitions of ' + dataset + ' cannot be shown'));
    return;
  }
  const params = new URLSearchParams({page, per_page: '200'});
  if (status) params.set('status', status);
  T.api('GET', `/v1/datasets/${encodeURIComponent(dataset)}/partitions?${params}`).then(data => {
    cells.replaceChildren(data.partitions.length === 0
      ? T.empty(status ? 'No partition is ' + status + '. Choose "any" to see them all.'
        : 'No partition expected yet: a run of the producing job makes them (tasker dag run, or its schedule).')
      : h('ul', {class: 'grid', 'aria-label': 'Partitions of ' + dataset}, data.partitions.map(p => {
        const state = T.partitionState(p);
        return h('li', {}, h('button', {type: 'button', class: 'cell ' + (T.PARTITION_CLASS[state] || 's-wait'),
          'data-partition': p.partition_key, 'data-state': state, title: p.partition_key + ': ' + state
            + (p.causes.length ? ' (' + p.causes.join(', ') + ')' : ''), onclick: () => show(p, state)},
        h('span', {class: 'key'}, p.partition_key), h('span', {class: 'state'}, state)));
      })), T.pager(data.pagination, 'partitions', n => go({page: n})));
  }).catch(err => cells.replaceChildren(T.errorBox(err, 'Could not list the partitions')));

  function show(p, state) {
    detail.replaceChildren(h('div', {class: 'panel'}, h('h3', {}, dataset + ' / ' + p.partition_key + ' ',
      h('span', {class: 'badge ' + (T.PARTITION_CLASS[state] || 's-wait')}, state)),
    T.facts([['Materialised', T.time(p.materialized_at)], ['Rows', p.row_count], ['Bytes', p.bytes],
      ['Stale because', p.causes.map(c => c.replaceAll('_', ' ')).join(', ') || null], ['Error', p.error],
      ['Location', p.location]])));
  }
};

T.invalidationList = function (box, q, filter) {
  const h = T.h, page = q.get('ipage') || '1';
  const params = new URLSearchParams(Object.assign({page, per_page: '20'}, filter));
  box.replaceChildren(h('p', {class: 'muted'}, 'Loading…'));
  T.api('GET', '/v1/invalidations?' + params).then(data => box.replaceChildren(data.invalidations.length === 0
    ? T.empty('No invalidation yet. To correct a partition and what was made from it, run "tasker dataset '
      + 'invalidate" or POST /v1/datasets/{name}/invalidations; its cascade shows here.')
    : T.table(['Asked', 'Dataset', 'Partition', 'Reason', 'Cascade', ''], data.invalidations.map(i => h('tr', {},
      h('td', {}, T.time(i.created_at)), h('td', {}, i.dataset), h('td', {}, i.partition_key || i.scope),
      h('td', {}, i.reason), h('td', {}, `${i.invalidations} in ${i.levels} level${i.levels === 1 ? '' : 's'}, `
        + (i.unprocessed ? i.unprocessed + ' unprocessed' : 'all processed')),
      h('td', {}, h('a', {href: '#/invalidations/' + i.invalidation_id, class: 'invalidation-link'}, 'Cascade')))),
    {id: 'invalidation-table'}), T.pager(data.pagination, 'invalidations', n => T.go(location.hash.slice(2)
      .split('?')[0], Object.assign(Object.fromEntries(q.entries()), {ipage: n})))))
    .catch(err => box.replaceChildren(T.errorBox(err, 'Could not list the invalidations')));
};

T.pages.invalidations = function (main, route) {
  const h = T.h, body = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
  main.append(h('p', {}, h('a', {href: '#/pipelines'}, '← Pipelines')), body);
  if (!route.parts[1]) return T.invalidationList(body, route.query, {});
  T.api('GET', '/v1/invalidations/' + encodeURIComponent(route.parts[1])).then(data => {
    const root = data.cascade[0];
    body.replaceChildren(h('h1', {}, 'Invalidation of ' + root.dataset + ' ' + (root.partition_key || '')),
      T.facts([['Invalidation', h('span', {class: 'mono'}, data.invalidation_id)], ['Reason', root.reason],
        ['Scope', root.scope], ['Asked', T.time(root.created_at)], ['Rows', root.row_filter ? JSON.stringify(root.row_filter) : null]]),
      h('h2', {}, 'Cascade, level by level'),
      T.table(['Level', 'Dataset', 'Partition', 'Dependents', 'Processed by', 'Processed', 'Runs'],
        data.cascade.map(l => h('tr', {}, h('td', {}, l.level), h('td', {}, l.dataset), h('td', {}, l.partition_key || l.scope),
          h('td', {}, l.dependents.join(', ') || '—'), h('td', {}, l.processed_by.join(', ') || '—'),
          h('td', {}, l.processed_at ? T.time(l.processed_at) : h('span', {class: 'badge s-wait'}, 'waiting')),
          h('td', {}, l.runs.length === 0 ? '—' : l.runs.map(r => h('div', {}, r.job + ' ', T.badge(r.status)))))),
        {id: 'cascade-table', 'aria-label': 'Cascade'}));
  }).catch(err => body.replaceChildren(T.errorBox(err, 'Could not load the invalidation')));
};
