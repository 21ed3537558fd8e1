// Task detail: the DAG coloured by state, the steps, and the selected step's attempts, result, error and timeline,
// with the operator's actions. Polls while the task is unfinished.
'use strict';
T.TERMINAL = ['complete', 'error', 'cancelled', 'resolved_manually'];
T.pages.task = function (main, route) {
  // The table shows the steps a hundred at a time: a thousand rows cost the browser more than the whole graph.
  const h = T.h, uuid = route.parts[1], POLL_MS = 2000, TABLE_PAGE = 100;
  let tablePage = 1;
  let task = null, selected = route.query.get('step'), lastSeen = '', stopped = false, loading = false;
  const head = h('div', {}), graph = h('div', {}), panel = h('div', {class: 'panel', id: 'step-panel'}),
    steps = h('div', {class: 'offscreen-lazy'}), problem = h('div', {});
  main.append(h('p', {}, h('a', {href: '#/tasks'}, '← Tasks')), head, problem,
    h('div', {class: 'detail'}, h('section', {'aria-label': 'Graph'}, graph), panel), steps);
  panel.append(h('p', {class: 'muted'}, 'Select a step in the graph or the table to see its attempts and actions.'));

  async function load(force) {
    if (loading && !force) return;  // a large task may take longer to load than the poll interval
    loading = true;
    const started = performance.now();
    try {
      const fresh = await T.api('GET', '/v1/tasks/' + encodeURIComponent(uuid));
      const fetched = performance.now();
      problem.replaceChildren();
      const seen = fresh.status + fresh.updated_at + fresh.steps.map(s => s.current_state + s.attempts).join();
      if (!force && seen === lastSeen) return;
      lastSeen = seen;
      task = fresh;
      render();
      main.dataset.apiMs = String(Math.round(fetched - started));
      main.dataset.renderMs = String(Math.round(performance.now() - started));
      main.dataset.renderedAt = String(performance.now());
      // Painted: after the browser's style, layout and paint of what the script built (the next frame).
      requestAnimationFrame(() => setTimeout(() => {
        main.dataset.paintedMs = String(Math.round(performance.now() - started));
      }, 0));
    } catch (err) {
      problem.replaceChildren(T.errorBox(err, 'Could not load the task'));
    } finally {
      loading = false;
    }
  }

  function render() {
    const cancel = h('div', {class: 'actions'});
    if (T.may('tasks:cancel') && !T.TERMINAL.includes(task.status)) {
      cancel.append(h('button', {type: 'button', class: 'danger', onclick: () => cancel.replaceChildren(
        h('span', {}, 'Cancel this task and its unfinished steps?'),
        h('button', {type: 'button', class: 'danger', id: 'confirm-cancel', onclick: () => act('DELETE',
          '/v1/tasks/' + uuid, undefined, 'Task cancelled', cancel)}, 'Yes, cancel the task'),
        h('button', {type: 'button', class: 'secondary', onclick: render}, 'Keep it'))}, 'Cancel task…'));
    }
    head.replaceChildren(h('h1', {}, task.namespace + '/' + task.name + ' ', T.badge(task.status)),
      T.facts([['Task', h('span', {class: 'mono'}, task.task_uuid)], ['Version', task.version],
        ['Progress', `${task.completed_steps} of ${task.total_steps} steps complete, ${task.failed_steps} failed`
          + ` (${task.execution_status.replaceAll('_', ' ')})`],
        ['Initiator', task.initiator], ['Reason', task.reason], ['Correlation id', h('a', {
          href: '#/tasks?correlation_id=' + task.correlation_id}, task.correlation_id)],
        ['Created', T.time(task.created_at)], ['Completed', T.time(task.completed_at)]]), cancel);
    const nodes = task.steps.map(s => ({id: s.name, label: s.name, state: s.current_state,
      sub: s.current_state + (s.attempts > 1 ? ' · ' + s.attempts + ' attempts' : ''), step: s}));
    const edges = task.steps.flatMap(s => s.depends_on.map(d => [d, s.name]));
    const graphStarted = performance.now();
    const grouped = T.dag.group(nodes, edges, 6);
    graph.replaceChildren(h('h2', {}, 'Steps as a graph'), T.dag.legend(task.steps.map(s => s.current_state)),
      T.dag.render(grouped.nodes, grouped.edges, n => n.members ? showGroup(n) : select(n.step.step_uuid),
        'Steps of task ' + task.task_uuid));
    const tableStarted = performance.now();
    main.dataset.graphMs = String(Math.round(tableStarted - graphStarted));
    const pages = Math.ceil(task.steps.length / TABLE_PAGE);
    tablePage = Math.min(tablePage, Math.max(1, pages));
    const shown = task.steps.slice((tablePage - 1) * TABLE_PAGE, tablePage * TABLE_PAGE);
    steps.replaceChildren(h('h2', {}, 'Steps'), T.table(['Step', 'State', 'Attempts', 'Depends on', 'Updated'],
      shown.map(s => h('tr', {class: s.step_uuid === selected ? 'selected' : ''},
        h('td', {}, h('a', {href: '#', 'data-step-link': s.name, onclick: e => { e.preventDefault(); select(s.step_uuid); }},
          s.name)), h('td', {}, T.badge(s.current_state)), h('td', {}, s.attempts + ' / ' + s.max_attempts),
        h('td', {}, s.depends_on.join(', ') || '—'), h('td', {}, T.time(s.updated_at)))), {id: 'step-table'}),
      pages > 1 ? T.pager({page: tablePage, total_pages: pages, total_count: task.steps.length}, 'steps',
        n => { tablePage = n; render(); }) : '');
    main.dataset.tableMs = String(Math.round(performance.now() - tableStarted));
    if (selected && !panel.contains(document.activeElement)) select(selected);
  }

  function showGroup(group) {
    panel.replaceChildren(h('h2', {}, group.label),
      h('p', {}, Object.entries(group.counts).map(([k, v]) => v + ' ' + k.replaceAll('_', ' ')).join(', ')),
      T.table(['Step', 'State'], group.members.map(m => h('tr', {}, h('td', {}, h('a', {href: '#', onclick: e => {
        e.preventDefault(); select(m.step.step_uuid);
      }}, m.label)), h('td', {}, T.badge(m.state))))));
  }

  async function select(stepUuid) {
    selected = stepUuid;
    const step = task.steps.find(s => s.step_uuid === stepUuid);
    if (!step) return;
    const timeline = h('div', {}, h('p', {class: 'muted'}, 'Loading attempts…'));
    panel.replaceChildren(h('h2', {id: 'step-title'}, step.name + ' ', T.badge(step.current_state)),
      T.facts([['Attempts', step.attempts + ' of ' + step.max_attempts + (step.retryable ? '' : ' (not retryable)')],
        ['Depends on', step.depends_on.join(', ') || '—'], ['Last attempt', T.time(step.last_attempted_at)],
        step.next_retry_at && ['Next retry', T.time(step.next_retry_at)], step.claimed_by && ['Claimed by', step.claimed_by]]),
      actions(step), h('h3', {}, 'Result'), step.results ? T.json(step.results) : h('p', {class: 'muted'}, 'No result yet.'),
      h('h3', {}, 'Attempts and transitions'), timeline);
    try {
      const base = `/v1/tasks/${uuid}/workflow_steps/${stepUuid}`;
      const [transitions, audit] = await Promise.all([T.api('GET', base + '/transitions'), T.api('GET', base + '/audit')]);
      const measured = new Map(audit.map(a => [a.transition_uuid, a.execution_time_ms]));
      timeline.replaceChildren(transitions.length === 0 ? h('p', {class: 'muted'}, 'No state change yet.')
        : h('ol', {class: 'timeline', 'aria-label': 'Timeline, newest first'}, transitions.slice().reverse().map(t => {
          const m = t.metadata || {}, ms = measured.get(t.transition_uuid);
          return h('li', {class: m.error || /error/.test(t.to_state) ? 'fail' : t.to_state === 'complete' ? 'ok' : ''},
            h('div', {}, h('strong', {}, T.time(t.at)), ' · ', (t.from_state || 'created') + ' → ' + t.to_state,
              m.attempt ? ' · attempt ' + m.attempt : '', ms != null ? ' · ran ' + T.ms(ms) : ''),
            m.actor ? h('div', {}, (m.event ? m.event.replaceAll('_', ' ') + ' ' : '') + 'by ' + m.actor
              + (m.reason ? ': ' + m.reason : '')) : '',
            m.error ? h('div', {class: 'step-error'}, T.json(m.error)) : '');
        })));
    } catch (err) {
      timeline.replaceChildren(T.errorBox(err, 'Could not load the attempts'));
    }
  }

  function actions(step) {
    if (!T.may('steps:resolve')) {
      return h('p', {class: 'muted'}, 'You may look but not repair: step actions need the steps:resolve permission.');
    }
    if (['complete', 'resolved_manually', 'cancelled'].includes(step.current_state)) return '';
    const box = h('div', {});
    const reason = h('input', {id: 'action-reason', name: 'reason', placeholder: 'why (recorded in the audit)'});
    const result = h('textarea', {id: 'action-result', rows: 3, cols: 30}, '{}');
    const path = `/v1/tasks/${uuid}/workflow_steps/${step.step_uuid}`;
    const send = (type, extra, done) => act('PATCH', path, Object.assign({action_type: type, reason: reason.value}, extra),
      done, box);
    box.append(h('h3', {}, 'Repair'), h('label', {for: 'action-reason'}, 'Reason'), reason,
      h('div', {class: 'actions'},
        h('button', {type: 'button', id: 'retry-step', disabled: step.current_state !== 'error',
          title: 'Run the step again from attempt 1', onclick: () => send('reset_for_retry', {}, 'Step reset for retry')},
        'Retry step'),
        h('button', {type: 'button', class: 'secondary', id: 'resolve-step', onclick: () => send('resolve_manually', {},
          'Step resolved manually')}, 'Resolve manually')),
      h('details', {}, h('summary', {}, 'Complete with a result'), h('label', {for: 'action-result'}, 'Result (JSON)'),
        result, h('div', {class: 'actions'}, h('button', {type: 'button', class: 'secondary', id: 'complete-step',
          onclick: () => {
            let parsed;
            try { parsed = JSON.parse(result.value); } catch (e) {
              box.append(T.errorBox(new Error('The result is not valid JSON: ' + e.message)));
              return;
            }
            send('complete_manually', {completion_data: {result: parsed}}, 'Step completed manually');
          }}, 'Complete step'))));
    return box;
  }

  async function act(method, path, body, done, where) {
    where.querySelectorAll('.error-box').forEach(e => e.remove());
    try {
      await T.api(method, path, body);
      T.toast(done);
      document.activeElement && document.activeElement.blur();
      await load(true);
    } catch (err) {
      where.append(T.errorBox(err, 'The action failed'));
    }
  }

  load(true);
  const timer = setInterval(() => {
    if (!stopped && task && !document.hidden && !T.TERMINAL.includes(task.status)) load(false);
  }, POLL_MS);
  return () => { stopped = true; clearInterval(timer); };
};
