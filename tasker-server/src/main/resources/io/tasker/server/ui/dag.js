// DAGs as SVG with a layered layout: steps in columns by their longest path from a root, ordered inside a column by
// the average position of their neighbours (a few barycenter sweeps), edges as curves. Many alike steps of one
// column (batch workers, fan-outs: same name but for a number, same neighbours) are drawn as one group node.
'use strict';
T.dag = (function () {
  const W = 170, H = 44, GAP_X = 60, GAP_Y = 14, PAD = 12;
  const RANK = ['s-bad', 's-retry', 's-run', 's-wait', 's-manual', 's-off', 's-ok'];

  /** Collapses groups of at least `threshold` alike nodes; returns {nodes, edges} with group nodes having members. */
  function group(nodes, edges, threshold) {
    const preds = new Map(nodes.map(n => [n.id, []])), succs = new Map(nodes.map(n => [n.id, []]));
    for (const [a, b] of edges) { if (preds.has(b) && succs.has(a)) { preds.get(b).push(a); succs.get(a).push(b); } }
    const byKey = new Map();
    for (const n of nodes) {
      const base = n.label.replace(/_\d+$/, '');
      const key = base + '|' + preds.get(n.id).slice().sort().join(',') + '|' + succs.get(n.id).slice().sort().join(',');
      if (!byKey.has(key)) byKey.set(key, {base, members: []});
      byKey.get(key).members.push(n);
    }
    const owner = new Map(), out = [];
    for (const [key, g] of byKey) {
      if (g.members.length >= threshold && /_\d+$/.test(g.members[0].label)) {
        const counts = {};
        for (const m of g.members) counts[m.state] = (counts[m.state] || 0) + 1;
        const worst = g.members.map(m => T.stateClass(m.state)).sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0];
        const node = {id: 'group:' + key, label: g.base + '_* ×' + g.members.length, state: null, cls: worst,
          members: g.members, counts};
        g.members.forEach(m => owner.set(m.id, node.id));
        out.push(node);
      } else {
        g.members.forEach(m => { owner.set(m.id, m.id); out.push(m); });
      }
    }
    const seen = new Set(), outEdges = [];
    for (const [a, b] of edges) {
      const e = [owner.get(a), owner.get(b)];
      if (!e[0] || !e[1] || e[0] === e[1] || seen.has(e.join('>'))) continue;
      seen.add(e.join('>'));
      outEdges.push(e);
    }
    return {nodes: out, edges: outEdges};
  }

  function layout(nodes, edges) {
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const preds = nodes.map(() => []), succs = nodes.map(() => []);
    for (const [a, b] of edges) { preds[index.get(b)].push(index.get(a)); succs[index.get(a)].push(index.get(b)); }
    const layer = new Array(nodes.length).fill(0), indeg = preds.map(p => p.length);
    const queue = nodes.map((_, i) => i).filter(i => indeg[i] === 0);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      for (const j of succs[i]) {
        layer[j] = Math.max(layer[j], layer[i] + 1);
        if (--indeg[j] === 0) queue.push(j);
      }
    }
    const layers = [];
    nodes.forEach((_, i) => { (layers[layer[i]] = layers[layer[i]] || []).push(i); });
    const pos = new Array(nodes.length);
    const place = () => layers.forEach(l => l && l.forEach((i, k) => { pos[i] = k; }));
    place();
    const sweep = (list, neighbours) => {
      for (const l of list) {
        if (!l) continue;
        const key = new Map(l.map(i => {
          const ns = neighbours[i];
          return [i, ns.length ? ns.reduce((s, j) => s + pos[j], 0) / ns.length : pos[i]];
        }));
        l.sort((a, b) => key.get(a) - key.get(b));
        l.forEach((i, k) => { pos[i] = k; });
      }
    };
    for (let round = 0; round < 3; round++) {
      sweep(layers.slice(1), preds);
      sweep(layers.slice(0, -1).reverse(), succs);
    }
    const tallest = Math.max(1, ...layers.map(l => (l ? l.length : 0)));
    const height = tallest * (H + GAP_Y);
    const xy = nodes.map((_, i) => {
      const l = layers[layer[i]], offset = (height - l.length * (H + GAP_Y)) / 2;
      return [PAD + layer[i] * (W + GAP_X), PAD + offset + pos[i] * (H + GAP_Y)];
    });
    return {xy, width: 2 * PAD + layers.length * (W + GAP_X) - GAP_X, height: 2 * PAD + height - GAP_Y, index};
  }

  /**
   * Draws nodes [{id, label, state|cls, members?}] and edges [[from, to]]; onSelect(node) on click or Enter.
   * Built for a thousand steps: only what is in view of the scrolled box (and a margin around it) is drawn, again
   * as it scrolls, because the browser's style, layout and paint of every node was most of a large task's load.
   * One listener on the drawing, the edges in view as one path (arrowheads in it, no markers), a tooltip only
   * where a label is cut short.
   */
  function render(nodes, edges, onSelect, title) {
    const laidOut = performance.now(), s = T.s, lay = layout(nodes, edges), MARGIN = 400;
    T.dag.layoutMs = performance.now() - laidOut;
    const svg = s('svg', {class: 'dag', width: lay.width, height: lay.height, role: 'group',
      viewBox: `0 0 ${lay.width} ${lay.height}`, 'aria-label': title, 'data-nodes': nodes.length,
      'data-edges': edges.length});
    const wrap = T.h('div', {class: 'dag-wrap'}, svg);
    const ends = edges.map(([a, b]) => [lay.xy[lay.index.get(a)], lay.xy[lay.index.get(b)]]);
    let selected = null, drawn = '';

    function draw() {
      // Before the box is on screen it has no size: draw a first screenful.
      const left = wrap.scrollLeft - MARGIN, top = wrap.scrollTop - MARGIN;
      const right = left + (wrap.clientWidth || 1400) + 2 * MARGIN, bottom = top + (wrap.clientHeight || 900) + 2 * MARGIN;
      const inView = (x1, y1, x2, y2) => x2 >= left && x1 <= right && y2 >= top && y1 <= bottom;
      const shown = [];
      nodes.forEach((n, i) => { if (inView(lay.xy[i][0], lay.xy[i][1], lay.xy[i][0] + W, lay.xy[i][1] + H)) shown.push(i); });
      const key = shown.join(',');
      if (key === drawn) return;
      drawn = key;
      const d = [];
      for (const [[x1, y1], [x2, y2]] of ends) {
        const sx = x1 + W, sy = y1 + H / 2, ex = x2, ey = y2 + H / 2, mx = (sx + ex) / 2;
        if (!inView(Math.min(sx, ex), Math.min(sy, ey), Math.max(sx, ex), Math.max(sy, ey))) continue;
        d.push(`M${sx},${sy} C${mx},${sy} ${mx},${ey} ${ex},${ey} M${ex - 7},${ey - 4} L${ex},${ey} L${ex - 7},${ey + 4}`);
      }
      const focused = svg.contains(document.activeElement) ? document.activeElement.dataset.index : null;
      svg.replaceChildren(s('path', {class: 'edge', d: d.join(' ') || 'M0,0', 'aria-hidden': 'true'}),
        ...shown.map(i => node(nodes[i], i)));
      const again = focused && svg.querySelector(`[data-index="${focused}"]`);
      if (again) again.focus({preventScroll: true});  // a redraw keeps the keyboard's place
    }

    function node(n, i) {
      const [x, y] = lay.xy[i], cls = n.cls || T.stateClass(n.state);
      const sub = n.members ? Object.entries(n.counts).map(([k, v]) => v + ' ' + k).join(', ') : (n.sub || n.state || '');
      const cut = n.label.length > 24 || sub.length > 28;
      return s('g', {class: 'node ' + cls + (n.members ? ' group' : '') + (n.id === selected ? ' selected' : ''),
        transform: `translate(${x},${y})`, tabindex: 0, role: 'button', 'data-step': n.label, 'data-id': n.id,
        'data-index': i, 'aria-label': n.label + (sub ? ', ' + sub.replaceAll('_', ' ') : '')},
      cut ? s('title', {}, n.label + (sub ? ' — ' + sub : '')) : null,
      s('rect', {width: W, height: H, rx: 6}),
      s('text', {x: 8, y: 18}, n.label.length > 24 ? n.label.slice(0, 23) + '…' : n.label),
      s('text', {x: 8, y: 35, class: 'sub'}, sub.length > 28 ? sub.slice(0, 27) + '…' : sub.replaceAll('_', ' ')));
    }

    const choose = (e) => {
      const g = e.target.closest && e.target.closest('.node');
      if (!g) return;
      svg.querySelectorAll('.node.selected').forEach(el => el.classList.remove('selected'));
      g.classList.add('selected');
      selected = g.dataset.id;
      onSelect(nodes[Number(g.dataset.index)]);
    };
    svg.addEventListener('click', choose);
    svg.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(e); } });
    let pending = false;
    const later = () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); } };
    wrap.addEventListener('scroll', later, {passive: true});
    new ResizeObserver(later).observe(wrap);  // also once it is in the page, with its real size
    draw();
    return wrap;
  }

  /** A legend of the state colours used in a drawing. */
  function legend(states) {
    return T.h('div', {class: 'legend', 'aria-label': 'Colours'}, [...new Set(states)].map(T.badge));
  }

  return {group, layout, render, legend};
})();
