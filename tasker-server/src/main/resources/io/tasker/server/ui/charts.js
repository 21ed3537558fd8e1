// Small SVG charts: horizontal bars with their numbers written beside them (readable without colour, any width).
'use strict';
T.charts = (function () {
  const ROW = 22, LABEL = 150, BAR = 260;

  /** items: [{label, value, cls}] -> an SVG bar chart titled `title`. */
  function bars(title, items, format) {
    const s = T.s, max = Math.max(1, ...items.map(i => i.value || 0));
    const height = items.length * ROW + 6, width = LABEL + BAR + 80;
    const svg = s('svg', {class: 'chart', role: 'img', 'aria-label': title + ': ' +
        items.map(i => i.label + ' ' + (format ? format(i.value) : i.value)).join(', '),
      viewBox: `0 0 ${width} ${height}`, width: '100%'});
    items.forEach((item, k) => {
      const y = k * ROW + 3, w = Math.max(item.value ? 2 : 0, Math.round(BAR * (item.value || 0) / max));
      svg.append(s('text', {x: LABEL - 6, y: y + 14, 'text-anchor': 'end'}, item.label),
        s('rect', {x: LABEL, y: y + 2, width: w, height: ROW - 6, rx: 3, class: 'bar ' + (item.cls || 's-run')}),
        s('text', {x: LABEL + w + 6, y: y + 14}, format ? format(item.value) : String(item.value ?? '—')));
    });
    return T.h('figure', {class: 'panel'}, T.h('figcaption', {}, T.h('strong', {}, title)), svg);
  }

  /**
   * A time series as lines: points [{start, ...}] and lines [{key, label, cls}], with the highest value and the
   * window's ends written on the axes and each line's total in the legend (the numbers, not only the shapes).
   */
  function series(title, points, lines) {
    const s = T.s, W = 800, H = 160, L = 40, B = 22, top = 8;
    const max = Math.max(1, ...points.flatMap(p => lines.map(l => p[l.key])));
    const x = (i) => L + (points.length < 2 ? 0 : i * (W - L - 8) / (points.length - 1));
    const y = (v) => top + (H - B - top) * (1 - v / max);
    const totals = lines.map(l => [l, points.reduce((n, p) => n + p[l.key], 0)]);
    const svg = s('svg', {class: 'chart series', role: 'img', viewBox: `0 0 ${W} ${H}`, width: '100%',
      'aria-label': title + ': ' + totals.map(([l, n]) => n + ' ' + l.label).join(', ')},
    s('line', {x1: L, y1: y(0), x2: W - 8, y2: y(0), class: 'axis'}),
    s('text', {x: L - 4, y: y(max) + 4, 'text-anchor': 'end'}, String(max)),
    s('text', {x: L - 4, y: y(0) + 4, 'text-anchor': 'end'}, '0'),
    points.length ? s('text', {x: L, y: H - 4}, T.time(points[0].start).slice(5, 16)) : null,
    points.length ? s('text', {x: W - 8, y: H - 4, 'text-anchor': 'end'}, T.time(points[points.length - 1].start)
      .slice(5, 16)) : null,
    lines.map(l => s('polyline', {class: 'line ' + l.cls, fill: 'none',
      points: points.map((p, i) => x(i).toFixed(1) + ',' + y(p[l.key]).toFixed(1)).join(' ')})));
    return T.h('figure', {class: 'panel'}, T.h('figcaption', {}, T.h('strong', {}, title), ' ',
      totals.map(([l, n]) => T.h('span', {class: 'badge ' + l.cls}, l.label + ' ' + n))), svg);
  }

  return {bars, series};
})();
