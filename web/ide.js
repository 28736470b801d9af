/* The query IDE: GraphiQL (bundled by its npm package, served by the gateway) over POST /graphql,
 * with the examples of docs/queries.md as tabs and an optional bearer token. */
(function () {
  'use strict';
  const tokenInput = document.getElementById('token');
  tokenInput.value = sessionStorage.getItem('lle-token') || '';
  tokenInput.addEventListener('input', () => sessionStorage.setItem('lle-token', tokenInput.value.trim()));

  async function fetcher(params, options) {
    const headers = { 'content-type': 'application/json', accept: 'application/json', ...((options && options.headers) || {}) };
    const token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    if (token) headers.authorization = 'Bearer ' + token;
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params), credentials: 'omit' });
    return res.json();
  }

  /** GraphiQL titles a tab by its operation's name: an anonymous example gets one from its title. */
  function named(query, n, title) {
    if (!query.startsWith('{')) return query;
    const words = title
      .normalize('NFD')
      .replace(/[^A-Za-z0-9 ]/g, ' ')
      .split(/\s+/)
      .filter((w) => w && !/^\d+$/.test(w))
      .slice(0, 4)
      .map((w) => w[0].toUpperCase() + w.slice(1));
    return `query Q${n}${words.join('')} ${query}`;
  }

  fetch('/ide/examples.json')
    .then((res) => (res.ok ? res.json() : []))
    .catch(() => [])
    .then((examples) => {
      const tabs = examples.map((e, i) => ({ query: '# ' + e.title + '\n' + named(e.query, i + 1, e.title) + '\n' }));
      const root = ReactDOM.createRoot(document.getElementById('graphiql'));
      root.render(
        React.createElement(GraphiQL, {
          fetcher,
          defaultTabs: tabs.length ? tabs : undefined,
          defaultEditorToolsVisibility: false,
          isHeadersEditorEnabled: true,
          // The tabs come from the server each time; only the user's own edits of this session persist.
          storage: window.sessionStorage,
        }),
      );
    });
})();
