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

  /** Draws nodes [{id, label, state|cls, members?}] and edges [[from, to]]; onSelect(node) on click or Enter. */
  function render(nodes, edges, onSelect, title) {
    const s = T.s, lay = layout(nodes, edges);
    const svg = s('svg', {class: 'dag', width: lay.width, height: lay.height, role: 'group',
      viewBox: `0 0 ${lay.width} ${lay.height}`, 'aria-label': title});
    svg.append(s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7,
      markerHeight: 7, orient: 'auto'}, s('path', {d: 'M0,0 L8,4 L0,8 z', fill: '#8c959f'}))));
    const edgeLayer = s('g', {'aria-hidden': 'true'});
    for (const [a, b] of edges) {
      const [x1, y1] = lay.xy[lay.index.get(a)], [x2, y2] = lay.xy[lay.index.get(b)];
      const sx = x1 + W, sy = y1 + H / 2, ex = x2, ey = y2 + H / 2, mx = (sx + ex) / 2;
      edgeLayer.append(s('path', {class: 'edge', d: `M${sx},${sy} C${mx},${sy} ${mx},${ey} ${ex},${ey}`,
        'marker-end': 'url(#arrow)'}));
    }
    svg.append(edgeLayer);
    nodes.forEach((n, i) => {
      const [x, y] = lay.xy[i], cls = n.cls || T.stateClass(n.state);
      const sub = n.members ? Object.entries(n.counts).map(([k, v]) => v + ' ' + k).join(', ') : (n.sub || n.state || '');
      const label = n.label.length > 24 ? n.label.slice(0, 23) + '…' : n.label;
      const g = s('g', {class: 'node ' + cls + (n.members ? ' group' : ''), transform: `translate(${x},${y})`,
        tabindex: 0, role: 'button', 'data-step': n.label, 'data-id': n.id,
        'aria-label': n.label + (sub ? ', ' + sub.replaceAll('_', ' ') : '')},
      s('title', {}, n.label + (sub ? ' — ' + sub : '')),
      s('rect', {width: W, height: H, rx: 6}),
      s('text', {x: 8, y: 18}, label),
      s('text', {x: 8, y: 35, class: 'sub'}, sub.length > 28 ? sub.slice(0, 27) + '…' : sub.replaceAll('_', ' ')));
      const choose = () => {
        svg.querySelectorAll('.node.selected').forEach(el => el.classList.remove('selected'));
        g.classList.add('selected');
        onSelect(n);
      };
      g.addEventListener('click', choose);
      g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); } });
      svg.append(g);
    });
    return T.h('div', {class: 'dag-wrap'}, svg);
  }

  /** A legend of the state colours used in a drawing. */
  function legend(states) {
    return T.h('div', {class: 'legend', 'aria-label': 'Colours'}, [...new Set(states)].map(T.badge));
  }

  return {group, layout, render, legend};
})();
