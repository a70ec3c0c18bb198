import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { LiveRate, TrafficView } from '../views/traffic/index.js';
import { useCommand, useServiceEvents } from './client-context.js';
import { NAV_ITEMS, viewOf, type ViewId } from './nav.js';
import { NavIcon } from './nav-icons.js';
import { formatHash, navigate, useRoute } from './router.js';
import { StatusBanners } from './status-banners.js';
import { applyTheme, watchSystemTheme } from './theme.js';

// Traffic is the first screen and ships in the main bundle; the other views (charts, editors) load when first opened.
const VIEWS: Record<ViewId, ComponentType> = {
  traffic: TrafficView,
  conversations: lazy(() => import('../views/conversations/index.js').then((m) => ({ default: m.ConversationsView }))),
  dashboard: lazy(() => import('../views/dashboard/index.js').then((m) => ({ default: m.DashboardView }))),
  export: lazy(() => import('../views/export/index.js').then((m) => ({ default: m.ExportView }))),
  setup: lazy(() => import('../views/setup/index.js').then((m) => ({ default: m.SetupView }))),
  settings: lazy(() => import('../views/settings/index.js').then((m) => ({ default: m.SettingsView }))),
  about: lazy(() => import('../views/about/index.js').then((m) => ({ default: m.AboutView }))),
};

export function App() {
  const route = useRoute();
  const view = viewOf(route.segments[0]);
  const config = useCommand('config.get', {});
  useServiceEvents((batch) => {
    if (batch.some((e) => e.event === 'config.changed')) config.reload();
  });
  const theme = config.data?.ui.theme ?? 'system';
  useEffect(() => {
    applyTheme(theme);
    watchSystemTheme();
  }, [theme]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const item = NAV_ITEMS[Number(e.key) - 1];
      if (item) {
        e.preventDefault();
        navigate([item.id]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const View = VIEWS[view];
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand" title="LLM Inspector">
          LLM<span>Inspector</span>
        </div>
        {NAV_ITEMS.map((item, i) => (
          <a
            key={item.id}
            href={formatHash([item.id])}
            className={item.id === view ? 'nav-item active' : 'nav-item'}
            aria-current={item.id === view ? 'page' : undefined}
            title={`${item.label} (Alt+${i + 1})`}
            data-testid={`nav-${item.id}`}
          >
            <span className="nav-icon">
              <NavIcon view={item.id} />
            </span>
            <span className="nav-label">{item.label}</span>
          </a>
        ))}
        <div className="sidebar-foot">
          <LiveRate />
        </div>
      </nav>
      <main className="main">
        <StatusBanners />
        <Suspense fallback={<div className="view-loading" aria-busy="true" />}>
          <View />
        </Suspense>
      </main>
    </div>
  );
}
