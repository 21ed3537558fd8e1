// The coordination board: a column per status (each paged by the server with offset and the counts of
// GET /v1/board/stats), the ready work, and the caller's notifications as they arrive. Notifications come from the
// board's Server-Sent Events stream rather than polling: the server already pushes each one the moment it is
// written (woken by LISTEN), EventSource reconnects by itself, and an idle page costs one open request instead of a
// query every few seconds. The stream marks what it delivered read, as the API documents: this is your inbox.
'use strict';
T.BOARD_COLUMNS = ['pending', 'blocked', 'in_progress', 'completed', 'cancelled'];
T.pages.board = function (main, route) {
  const h = T.h, q = route.query, PER = 20;
  const summary = h('div', {class: 'cards', id: 'board-stats'}), columns = h('div', {class: 'columns', id: 'board-columns'});
  const ready = h('div', {id: 'board-ready'}), feed = h('ol', {class: 'feed', id: 'board-feed', 'aria-label': 'Notifications, newest first'});
  const streamState = h('p', {class: 'muted', id: 'stream-state'}, 'Connecting to the notification stream…');
  const problem = h('div', {});
  main.append(h('h1', {}, 'Board'), problem, summary, h('h2', {}, 'Tasks by status'), columns,
    h('div', {class: 'grid2'}, h('section', {'aria-labelledby': 'ready-h'}, h('h2', {id: 'ready-h'}, 'Ready work'), ready),
      h('section', {'aria-labelledby': 'feed-h'}, h('h2', {id: 'feed-h'}, 'Your notifications'), streamState, feed)));

  async function load() {
    try {
      const stats = await T.api('GET', '/v1/board/stats');
      problem.replaceChildren();
      summary.replaceChildren(...T.BOARD_COLUMNS.map(s => card(stats.by_status[s], s.replaceAll('_', ' '))),
        card(stats.ready, 'ready to claim'), card(stats.unread, 'unread for you'));
      const total = T.BOARD_COLUMNS.reduce((n, s) => n + stats.by_status[s], 0);
      if (total === 0) {
        columns.replaceChildren(T.empty('The board is empty. Add a task with "tasker board add TITLE" or '
          + 'POST /v1/board/tasks; agents and people then claim it (docs/board.md walks through two agents).'));
      } else {
        columns.replaceChildren(...await Promise.all(T.BOARD_COLUMNS.map(s => column(s, stats.by_status[s]))));
      }
      const work = await T.api('GET', '/v1/board/ready?limit=50');
      ready.replaceChildren(work.tasks.length === 0
        ? T.empty('Nothing is ready: every open task is claimed or waits for a dependency.')
        : h('ul', {class: 'cardlist'}, work.tasks.map(taskCard)),
      stats.ready > work.tasks.length ? h('p', {class: 'muted'}, `The first ${work.tasks.length} of ${stats.ready}, `
        + 'highest priority first ("tasker board ready" lists them all).') : '');
    } catch (err) {
      problem.replaceChildren(T.errorBox(err, 'Could not load the board'));
    }
  }

  function card(value, label) {
    return h('div', {class: 'card'}, h('div', {class: 'value'}, value), h('div', {class: 'label'}, label));
  }

  async function column(status, count) {
    const page = Math.max(1, Number(q.get('p_' + status) || 1));
    const body = h('div', {});
    const box = h('section', {class: 'column', 'data-status': status, 'aria-label': status.replaceAll('_', ' ')},
      h('h3', {}, T.badge(status), ' ', h('span', {class: 'muted'}, count)), body);
    if (count === 0) {
      body.append(h('p', {class: 'muted'}, 'None.'));
      return box;
    }
    try {
      const data = await T.api('GET', `/v1/board/tasks?status=${status}&limit=${PER}&offset=${(page - 1) * PER}`);
      body.append(h('ul', {class: 'cardlist'}, data.tasks.map(taskCard)));
      if (count > PER) {
        body.append(T.pager({page, total_pages: Math.ceil(count / PER), total_count: count}, 'tasks',
          n => T.go('board', Object.assign(Object.fromEntries(q.entries()), {['p_' + status]: n}))));
      }
    } catch (err) {
      body.append(T.errorBox(err, 'Could not list ' + status));
    }
    return box;
  }

  function taskCard(t) {
    return h('li', {class: 'task-card', 'data-board-task': t.id}, h('strong', {}, t.title),
      h('div', {class: 'muted'}, [t.id, t.priority, t.assignee ? 'for ' + t.assignee : '',
        t.claimed_by ? 'claimed by ' + t.claimed_by : ''].filter(Boolean).join(' · ')),
      t.summary ? h('div', {}, t.summary) : '');
  }

  function notify(n) {
    feed.prepend(h('li', {class: 'notification', 'data-type': n.type}, h('strong', {}, n.type.replaceAll('_', ' ')),
      ' · ', T.time(n.created_at), ' · from ', n.from, h('div', {}, n.message, n.task_id ? ' (' + n.task_id + ')' : '')));
    while (feed.children.length > 100) feed.lastChild.remove();
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, 500);  // a notification means the board changed: recount, coalesced
  }

  let reloadTimer = null;
  const source = new EventSource('/v1/board/notifications/stream');
  source.onopen = () => { streamState.textContent = 'Live: new notifications appear here as they are written.'; };
  source.addEventListener('notification', e => notify(JSON.parse(e.data)));
  source.onerror = () => {
    streamState.replaceChildren(source.readyState === EventSource.CLOSED
      ? T.errorBox(new Error('The notification stream closed (is your session still valid?); reload the page'))
      : 'The notification stream dropped; the browser reconnects by itself…');
  };
  load();
  return () => { source.close(); clearTimeout(reloadTimer); };
};
