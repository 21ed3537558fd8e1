// Overview: the analytics endpoints' figures, refreshed every few seconds while the page is open.
'use strict';
T.pages.overview = function (main) {
  const h = T.h, REFRESH_MS = 5000;
  let hours = 1;
  const windowPick = h('select', {id: 'series-hours', onchange: e => { hours = Number(e.target.value); load(); }},
    [[1, 'last hour, per minute'], [24, 'last 24 h, per 15 min'], [168, 'last 7 days, per hour']].map(([v, l]) =>
      h('option', {value: v}, l)));
  const status = h('p', {class: 'muted', id: 'refreshed'}, 'Loading…');
  let paused = false;
  const pause = h('button', {type: 'button', class: 'secondary', 'aria-pressed': 'false', onclick: () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume live refresh' : 'Pause live refresh';
    pause.setAttribute('aria-pressed', String(paused));
  }}, 'Pause live refresh');
  const body = h('div', {id: 'overview-body'});
  main.append(h('h1', {}, 'Overview'), h('div', {class: 'actions'}, pause, status,
    h('label', {for: 'series-hours'}, 'Time series'), windowPick), body);

  async function load() {
    try {
      const [day, hour, week, bottlenecks, dlq, health] = await Promise.all([
        T.api('GET', '/v1/analytics/performance?hours=24'), T.api('GET', '/v1/analytics/performance?hours=1'),
        T.api('GET', '/v1/analytics/performance?hours=168'), T.api('GET', '/v1/analytics/bottlenecks?hours=24&limit=5'),
        T.api('GET', '/v1/dlq/stats'), T.api('GET', '/health/detailed').catch(() => null)]);
      const series = await T.api('GET', '/v1/analytics/series?hours=' + hours);
      body.replaceChildren(...render(day, hour, week, bottlenecks, dlq, health, series));
      status.textContent = 'Live: updated ' + new Date().toLocaleTimeString() + ', every ' + REFRESH_MS / 1000 + ' s';
    } catch (err) {
      body.replaceChildren(T.errorBox(err, 'Could not load the analytics'),
        err.status === 403 ? T.empty('The overview covers every org: it needs the analytics:read and dlq:read '
          + 'permissions of a user of the default org. The Tasks, Templates and Dead letters pages show your org.') : '');
      status.textContent = 'Last attempt ' + new Date().toLocaleTimeString();
    }
  }

  function card(label, value, href) {
    const v = h('div', {class: 'value'}, value);
    return h('div', {class: 'card'}, href ? h('a', {href}, v) : v, h('div', {class: 'label'}, label));
  }

  function render(day, hour, week, bottlenecks, dlq, health, series) {
    const p = day.period, now = day.health;
    const queue = health && health.info && health.info.queue;
    const out = [h('div', {class: 'cards'},
      card('Active tasks now', p.active_tasks, '#/tasks'),
      card('Tasks created, 24 h', p.tasks_created),
      card('Completion rate, 24 h', p.completion_rate + ' %'),
      card('Error rate, 24 h', p.error_rate + ' %', '#/tasks?status=error'),
      card('Dead letters pending', dlq.pending, '#/dlq'),
      card('Ready steps (queue depth)', now.ready_steps),
      card('Steps running now (leased by workers)', queue ? queue.active_leases : now.in_flight_steps),
      card('Oldest waiting step', now.oldest_pending_step ? T.ms(now.oldest_pending_step.age_ms) : 'none'))];
    if (now.total_tasks === 0) {
      out.push(T.empty('No tasks yet. Register a template (Templates page, or POST /v1/templates) and start a task '
        + 'with "tasker task create" or POST /v1/tasks; this page then fills in by itself.'));
    }
    const windows = [['last hour', hour.period], ['last 24 h', day.period], ['last 7 days', week.period]];
    out.push(h('h2', {}, 'Throughput and failures over time'), T.charts.series('Tasks per '
      + ({60: 'minute', 300: '5 minutes', 900: '15 minutes', 3600: 'hour'}[series.bucket_seconds]
        || series.bucket_seconds / 3600 + ' hours'), series.points, [
      {key: 'created', label: 'created', cls: 's-run'}, {key: 'completed', label: 'completed', cls: 's-ok'},
      {key: 'failed', label: 'failed', cls: 's-bad'}]), h('div', {class: 'grid2'},
      T.charts.bars('Tasks per hour', windows.map(([l, w]) => ({label: l, value: w.tasks_per_hour, cls: 's-run'}))),
      T.charts.bars('Error rate (% of tasks created)', windows.map(([l, w]) => ({label: l, value: w.error_rate,
        cls: 's-bad'})), v => v + ' %'),
      T.charts.bars('Tasks completed / failed, 24 h', [{label: 'completed', value: p.tasks_completed, cls: 's-ok'},
        {label: 'failed', value: p.tasks_failed, cls: 's-bad'}]),
      T.charts.bars('Step duration, 24 h', ['p50', 'p95', 'p99'].map(k => ({label: k,
        value: p.step_duration_ms ? p.step_duration_ms[k] : 0, cls: 's-run'})), T.ms)));
    const byState = (counts) => Object.entries(counts).filter(([, v]) => v > 0)
      .map(([k, v]) => ({label: k.replaceAll('_', ' '), value: v, cls: T.stateClass(k)}));
    out.push(h('h2', {}, 'Now'), h('div', {class: 'grid2'},
      T.charts.bars('Tasks by state', byState(now.tasks_by_state)),
      T.charts.bars('Steps by state', byState(now.steps_by_state))));
    out.push(h('h2', {}, 'Bottlenecks, 24 h'), bottlenecks.slow_steps.length === 0 && bottlenecks.retried_steps.length === 0
      ? T.empty('No step results in the last 24 hours.')
      : h('div', {class: 'grid2'},
        T.table(['Slow step', 'Runs', 'Avg', 'p95'], bottlenecks.slow_steps.map(s => h('tr', {},
          h('td', {}, s.namespace + '/' + s.name + ' · ' + s.step_name), h('td', {}, s.executions),
          h('td', {}, T.ms(s.avg_duration_ms)), h('td', {}, T.ms(s.p95_duration_ms))))),
        T.table(['Retried step', 'Failed attempts', 'In error'], bottlenecks.retried_steps.map(s => h('tr', {},
          h('td', {}, s.namespace + '/' + s.name + ' · ' + s.step_name), h('td', {}, s.failed_attempts),
          h('td', {}, s.error_steps))))));
    return out;
  }

  load();
  const timer = setInterval(() => { if (!paused && !document.hidden) load(); }, REFRESH_MS);
  return () => clearInterval(timer);
};
