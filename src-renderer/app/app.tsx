import { useEffect } from 'react';
import { AboutView } from '../views/about/index.js';
import { ConversationsView } from '../views/conversations/index.js';
import { DashboardView } from '../views/dashboard/index.js';
import { SettingsView } from '../views/settings/index.js';
import { SetupView } from '../views/setup/index.js';
import { LiveRate, TrafficView } from '../views/traffic/index.js';
import { useCommand, useServiceEvents } from './client-context.js';
import { NAV_ITEMS, viewOf, type ViewId } from './nav.js';
import { NavIcon } from './nav-icons.js';
import { formatHash, navigate, useRoute } from './router.js';
import { StatusBanners } from './status-banners.js';
import { applyTheme, watchSystemTheme } from './theme.js';

const VIEWS: Record<ViewId, () => React.JSX.Element | null> = {
  traffic: TrafficView,
  conversations: ConversationsView,
  dashboard: DashboardView,
  setup: SetupView,
  settings: SettingsView,
  about: AboutView,
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
        <View />
      </main>
    </div>
  );
}
