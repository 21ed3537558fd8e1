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

  return {bars};
})();
