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

  fetch('/ide/examples.json')
    .then((res) => (res.ok ? res.json() : []))
    .catch(() => [])
    .then((examples) => {
      const tabs = examples.map((e) => ({ query: '# ' + e.title + '\n' + e.query + '\n' }));
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
