// Pipelines (the data layer): the DAGs, one DAG's versions with the active one marked, its lineage as a graph
// (sources, jobs and datasets, drawn by T.dag's layered layout), the selected dataset's partitions as a status grid
// paged by the server, and the invalidations asked for. Everything comes from the data API, so read roles apply
// exactly as they do there: a dataset the caller may not read shows as such, never its partitions.
'use strict';
T.pages.pipelines = function (main, route) {
  const h = T.h;
  if (route.parts[1]) return T.pipeline(main, route);
  const dags = h('div', {id: 'dag-list'}, h('p', {class: 'muted'}, 'Loading…'));
  const invalidations = h('div', {id: 'invalidation-list'});
  main.append(h('h1', {}, 'Pipelines'), dags, h('h2', {}, 'Invalidations'), invalidations);
  T.api('GET', '/v1/dags').then(data => dags.replaceChildren(data.dags.length === 0
    ? T.empty('No pipelines yet. Deploy a DAG file with "tasker dag deploy FILE --activate" or POST /v1/dags; '
      + 'docs/data-pipelines.md has a worked example.')
    : T.table(['DAG', 'Active version', 'Versions', 'Last deployed'], data.dags.map(d => h('tr', {},
      h('td', {}, h('a', {href: '#/pipelines/' + encodeURIComponent(d.dag_name), class: 'dag-link'}, d.dag_name)),
      h('td', {class: 'mono'}, d.current_version_id ? T.short(d.current_version_id) : 'none active'),
      h('td', {}, d.version_count), h('td', {}, T.time(d.last_deployed_at)))), {id: 'dag-table'})))
    .catch(err => dags.replaceChildren(T.errorBox(err, 'Could not list the pipelines')));
  T.invalidationList(invalidations, route.query, {});
};

/** One DAG: versions, lineage graph, partition grid of the chosen dataset, its invalidations. */
T.pipeline = function (main, route) {
  const h = T.h, name = route.parts[1], q = route.query;
  const head = h('div', {}), graph = h('div', {}), grid = h('div', {id: 'partition-grid'}), problem = h('div', {});
  main.append(h('p', {}, h('a', {href: '#/pipelines'}, '← Pipelines')), head, problem,
    h('section', {'aria-label': 'Lineage'}, graph), grid);
  const path = '/v1/dags/' + encodeURIComponent(name) + (q.get('version') ? '?version=' + q.get('version') : '');
  T.api('GET', path).then(async dag => {
    const versions = T.table(['Version', 'Deployed', 'State', ''], dag.versions.map(v => h('tr', {
      class: v.dag_version_id === dag.jobs_of_version_id ? 'selected' : ''},
    h('td', {class: 'mono'}, v.dag_version_id), h('td', {}, T.time(v.created_at)),
    h('td', {}, v.current ? h('span', {class: 'badge s-ok', 'data-active': 'true'}, 'active')
      : v.live ? T.badge('building') : h('span', {class: 'muted'}, 'inactive')),
    h('td', {}, v.dag_version_id === dag.jobs_of_version_id ? h('span', {class: 'muted'}, 'shown below')
      : h('a', {href: '#/pipelines/' + encodeURIComponent(name) + '?version=' + v.dag_version_id}, 'Show its jobs')))),
    {id: 'version-table', 'aria-label': 'Versions'});
    head.replaceChildren(h('h1', {}, 'Pipeline ' + dag.dag_name), dag.current_version_id ? ''
      : h('p', {class: 'muted'}, 'No version is active: activate one with "tasker dag activate" or PUT /v1/dags/'
        + name + '/active.'), h('h2', {}, 'Versions'), versions);
    const datasets = [...new Set(dag.jobs.flatMap(j => j.inputs.concat(j.outputs)))];
    const health = new Map(await Promise.all(datasets.map(d => T.api('GET', '/v1/datasets/' + encodeURIComponent(d))
      .then(x => [d, x], err => [d, {error: err}]))));
    drawLineage(dag, health);
    // By default the most upstream dataset: the first output of a job that reads no dataset.
    const chosen = q.get('dataset') || dag.jobs.filter(j => j.inputs.length === 0).concat(dag.jobs)
      .flatMap(j => j.outputs)[0];
    if (chosen) T.partitionGrid(grid, name, chosen, q, health.get(chosen));
    else grid.replaceChildren(T.empty('This version writes no dataset.'));
  }).catch(err => problem.replaceChildren(T.errorBox(err, 'Could not load the pipeline')));

  function drawLineage(dag, health) {
    const nodes = [], edges = [];
    for (const j of dag.jobs) {
      nodes.push({id: 'job:' + j.name, label: j.name, cls: 's-manual', sub: 'job · ' + j.operator, job: j});
      if (j.inputs.length === 0) {
        nodes.push({id: 'src:' + j.name, label: j.source && j.source.kind ? j.source.kind + ' source' : 'source',
          cls: 's-off', sub: 'outside input'});
        edges.push(['src:' + j.name, 'job:' + j.name]);
      }
      j.inputs.forEach(d => edges.push(['ds:' + d, 'job:' + j.name]));
      j.outputs.forEach(d => edges.push(['job:' + j.name, 'ds:' + d]));
    }
    for (const [d, info] of health) {
      const [cls, sub] = T.datasetHealth(info);
      nodes.push({id: 'ds:' + d, label: d, cls, sub, dataset: d});
    }
    graph.replaceChildren(h('h2', {}, 'Lineage'), h('p', {class: 'muted'}, 'Sources, jobs (violet) and datasets '
      + 'coloured by their partitions. Select a dataset to see its partitions.'),
    T.dag.render(nodes, edges, n => {
      if (n.dataset) T.go('pipelines/' + encodeURIComponent(name), {version: q.get('version'), dataset: n.dataset});
    }, 'Lineage of pipeline ' + name));
  }
};

/** A dataset's colour and caption in the lineage graph, from its partition counts (or why it cannot be read). */
T.datasetHealth = function (info) {
  if (info.error) return ['s-off', info.error.status === 403 ? 'no read access' : 'not made yet'];
  const c = info.partition_counts || {};
  if (c.failed) return ['s-bad', c.failed + ' failed'];
  if (c.running || c.queued) return ['s-run', (c.running + c.queued) + ' running'];
  if (c.missing) return ['s-wait', c.missing + ' missing'];
  return ['s-ok', (c.materialized || 0) + ' partitions'];
};
