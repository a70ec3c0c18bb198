import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/index.js';
import { App } from './app/app.js';
import { ClientProvider } from './app/client-context.js';
import './styles/base.css';
import './styles/traffic.css';
import './styles/detail.css';
import './styles/conversations.css';
import './styles/dashboard.css';
import './styles/setup.css';
import './styles/settings.css';
import './styles/export.css';

// The token came in the URL `serve` printed and is now in an HttpOnly cookie; keep it out of bookmarks and history.
const url = new URL(location.href);
if (url.searchParams.has('token')) {
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <ClientProvider value={createClient()}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
