// Templates: the registered templates by namespace, and one template's steps drawn as its DAG with its input schema.
'use strict';
T.pages.templates = function (main, route) {
  const h = T.h;
  if (route.parts.length >= 4) return detail(main, route.parts.slice(1, 4));
  const ns = route.query.get('namespace') || '';
  const body = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
  main.append(h('h1', {}, 'Templates'), body);
  T.api('GET', '/v1/templates' + (ns ? '?namespace=' + encodeURIComponent(ns) : '')).then(data => {
    const pick = h('select', {id: 'f-namespace', onchange: e => T.go('templates', {namespace: e.target.value})},
      h('option', {value: ''}, 'all namespaces'),
      data.namespaces.map(n => h('option', {value: n.name, selected: n.name === ns}, `${n.name} (${n.template_count})`)));
    body.replaceChildren(h('div', {class: 'filters'}, h('div', {}, h('label', {for: 'f-namespace'}, 'Namespace'), pick)),
      data.templates.length === 0
        ? T.empty('No templates registered. Put YAML files in the server\'s templates directory (templates.dir) '
          + 'or POST one to /v1/templates ("tasker template register file.yaml").')
        : T.table(['Template', 'Version', 'Steps', 'Description'], data.templates.map(t => h('tr', {},
          h('td', {}, h('a', {href: `#/templates/${t.namespace}/${t.name}/${t.version}`}, t.namespace + '/' + t.name)),
          h('td', {}, t.version), h('td', {}, t.step_count), h('td', {}, t.description || '—'))), {id: 'template-table'}));
  }).catch(err => body.replaceChildren(T.errorBox(err, 'Could not list templates')));

  function detail(main, [namespace, name, version]) {
    const body = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
    main.append(h('p', {}, h('a', {href: '#/templates'}, '← Templates')), body);
    const path = [namespace, name, version].map(encodeURIComponent).join('/');
    T.api('GET', '/v1/templates/' + path).then(t => {
      const info = h('div', {class: 'panel', id: 'template-step'},
        h('p', {class: 'muted'}, 'Select a step to see its handler and retry settings.'));
      const show = (step) => info.replaceChildren(h('h2', {}, step.name),
        T.facts([['Type', step.type], ['Depends on', (step.dependencies || []).join(', ') || '—'],
          ['Retryable', String(step.default_retryable)], ['Max attempts', step.default_max_attempts],
          ['Description', step.description || '—']]), h('h3', {}, 'Handler'), T.json(step.handler));
      const nodes = t.steps.map(s => ({id: s.name, label: s.name, state: 'pending', cls: 's-wait', sub: s.type, step: s}));
      const edges = t.steps.flatMap(s => (s.dependencies || []).map(d => [d, s.name]));
      const schema = t.configuration && t.configuration.input_schema;
      body.replaceChildren(h('h1', {}, `${t.namespace}/${t.name} `, h('span', {class: 'muted'}, t.version)),
        h('p', {}, t.description || ''),
        h('p', {}, h('a', {href: `#/tasks?namespace=${t.namespace}&name=${t.name}`}, 'Tasks of this template')),
        h('div', {class: 'detail'}, h('section', {'aria-label': 'Graph'}, h('h2', {}, 'Steps as a graph'),
          T.dag.render(nodes, edges, n => show(n.step), 'Steps of template ' + t.name)), info),
        h('h2', {}, 'Input schema'), schema ? T.json(schema)
          : h('p', {class: 'muted'}, 'No input schema: any JSON object is accepted as the context.'),
        h('h2', {}, 'Steps'), T.table(['Step', 'Type', 'Depends on', 'Max attempts'], t.steps.map(s => h('tr', {},
          h('td', {}, s.name), h('td', {}, s.type), h('td', {}, (s.dependencies || []).join(', ') || '—'),
          h('td', {}, s.default_max_attempts)))));
    }).catch(err => body.replaceChildren(T.errorBox(err, 'Could not load the template')));
  }
};
