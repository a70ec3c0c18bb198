/**
 * Until the React renderer lands, `/` shows a small live page: where the proxy is, how to point a program at it, and
 * exchanges as they arrive (from the same REST + WebSocket API the renderer will use).
 */
export function placeholderPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LLM Inspector</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:14px system-ui,sans-serif;margin:2rem;color:#1d2330;background:#fafbfc}
 h1{font-size:1.3rem} code{background:#eef1f5;padding:.1rem .3rem;border-radius:3px}
 table{border-collapse:collapse;width:100%;margin-top:1rem} td,th{padding:.25rem .5rem;border-bottom:1px solid #e3e7ee;text-align:left;font-size:13px}
 .error{color:#b42318} .paused{background:#fff4e5;border:1px solid #f5c56b;padding:.5rem;border-radius:4px}
</style></head>
<body>
<h1>LLM Inspector <small id="status">connecting…</small></h1>
<div id="banner"></div>
<p>Proxy: <code id="proxy">…</code>. Route a terminal through it with <code>eval "$(llm-inspector env)"</code>,
or set a base URL such as <code id="base">…</code>. CA certificate: <a id="ca" href="#">download PEM</a>.</p>
<table><thead><tr><th>#</th><th>time</th><th>mode</th><th>method</th><th>url</th><th>status</th><th>state</th><th>model</th><th>tokens in/out</th><th>cost</th><th>conversation</th><th>bytes in/out</th><th>ms</th></tr></thead>
<tbody id="rows"></tbody></table>
<script type="module">
const token = new URLSearchParams(location.search).get('token') ?? '';
const api = (p) => fetch(p, { headers: { authorization: 'Bearer ' + token } }).then((r) => r.json());
const rows = document.getElementById('rows');
const seen = new Map();
function render(x) {
  let tr = seen.get(x.id);
  if (!tr) { tr = document.createElement('tr'); seen.set(x.id, tr); rows.prepend(tr); }
  const u = x.usage;
  const cells = [x.id, new Date(x.startedAt).toLocaleTimeString(), x.mode, x.method, x.url, x.status ?? '', x.state,
    x.responseModel ?? x.model ?? '', u ? u.inputTokens + ' / ' + u.outputTokens + (u.source === 'provider' ? '' : ' (' + u.source + ')') : '',
    x.costUsd == null ? (x.provider ? 'unknown' : '') : '$' + x.costUsd.toFixed(6),
    x.conversationId ? x.conversationId + ' #' + x.turn : '',
    x.requestBytes + ' / ' + x.responseBytes, x.timings.totalMs == null ? '' : Math.round(x.timings.totalMs)];
  tr.replaceChildren(...cells.map((c) => { const td = document.createElement('td'); td.textContent = String(c); return td; }));
  tr.className = x.state === 'error' ? 'error' : '';
  if (x.error) tr.title = x.error.message;
}
const info = await api('/api/runtime');
document.getElementById('proxy').textContent = info.proxyUrl;
document.getElementById('base').textContent = 'OPENAI_BASE_URL=' + info.proxyUrl + '/openai/v1';
document.getElementById('ca').href = '/api/ca.pem?token=' + encodeURIComponent(token);
const page = await api('/api/exchanges?limit=100');
for (const x of page.items.reverse()) render(x);
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/events?token=' + encodeURIComponent(token));
ws.onopen = () => { document.getElementById('status').textContent = 'live'; };
ws.onclose = () => { document.getElementById('status').textContent = 'disconnected'; };
ws.onmessage = (m) => {
  for (const e of JSON.parse(m.data).events) {
    if (e.event.startsWith('exchange.')) render(e.data);
    if (e.event === 'capture.status') document.getElementById('banner').innerHTML = e.data.paused
      ? '<p class="paused">Capture paused: ' + e.data.reason.replace(/</g, '&lt;') + ' Traffic still flows.</p>' : '';
  }
};
</script>
</body></html>`;
}
