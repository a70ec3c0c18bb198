import { Fragment, useEffect } from 'react';
import type { RuntimeInfo, Stats } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import { NAV_ITEMS } from '../../app/nav.js';
import { formatBytes, formatUptime, LIBRARIES, shortcutGroups, statRows, versionRows } from './about-facts.js';

const STATS_REFRESH_MS = 2000;

function Facts({ rows, testId }: { rows: [string, string][]; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {rows.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Keys({ keys }: { keys: string[][] }) {
  return (
    <>
      {keys.map((combo, i) => (
        <span key={combo.join('+')}>
          {i > 0 && <span className="dim"> or </span>}
          {combo.map((k, j) => (
            <span key={k}>
              {j > 0 && '+'}
              <kbd>{k}</kbd>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}

export function RuntimePanel({ runtime, dbBytes, now }: { runtime: RuntimeInfo; dbBytes: number | null; now: number }) {
  return (
    <>
      <section className="card" aria-labelledby="about-where">
        <h3 id="about-where">Where things are</h3>
        <Facts
          rows={[
            ['Shell', runtime.shell === 'electron' ? 'desktop app (Electron)' : 'headless (serve), in a browser'],
            ['Running for', formatUptime(runtime.startedAt, now)],
            ['Proxy', runtime.proxyUrl],
            ['UI', runtime.uiUrl ? runtime.uiUrl.replace(/\?.*$/, '') : 'inside the desktop window'],
            ['Data directory', runtime.dataDir],
            ['Database', dbBytes === null ? runtime.dbPath : `${runtime.dbPath} (${formatBytes(dbBytes)})`],
          ]}
        />
      </section>
      <section className="card" aria-labelledby="about-versions">
        <h3 id="about-versions">Versions</h3>
        <Facts rows={[['LLM Inspector', runtime.version], ...versionRows(runtime)]} testId="about-versions" />
      </section>
    </>
  );
}

export function StatsPanel({ stats }: { stats: Stats }) {
  const rows = statRows(stats);
  return (
    <section className="card" aria-labelledby="about-store" data-testid="about-stats">
      <h3 id="about-store">Store and memory</h3>
      <Facts rows={rows.store} />
      <div className="group-title">Memory</div>
      <Facts rows={rows.memory} />
      <div className="group-title">Capture</div>
      <Facts rows={rows.capture} />
    </section>
  );
}

export function ShortcutsPanel() {
  return (
    <section className="card" aria-labelledby="about-keys" data-testid="about-shortcuts">
      <h3 id="about-keys">Keyboard</h3>
      <table className="shortcuts">
        {shortcutGroups(NAV_ITEMS).map((g) => (
          <tbody key={g.title}>
            <tr>
              <th colSpan={2} className="group-title">
                {g.title}
              </th>
            </tr>
            {g.shortcuts.map((s) => (
              <tr key={s.action}>
                <td>
                  <Keys keys={s.keys} />
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

export function LibrariesPanel() {
  return (
    <section className="card" aria-labelledby="about-libs" data-testid="about-libraries">
      <h3 id="about-libs">Built with</h3>
      <table className="libraries">
        <tbody>
          {LIBRARIES.map((l) => (
            <tr key={l.name}>
              <td>
                <a href={l.url} target="_blank" rel="noreferrer">
                  {l.name}
                </a>
              </td>
              <td>{l.use}</td>
              <td className="dim">{l.license}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** About (`#/about`): what is running where, its versions and figures, the shortcuts and the open-source parts. */
export function AboutView() {
  const runtime = useCommand('runtime.info', {});
  const stats = useCommand('stats.get', {});
  const { reload } = stats;
  useEffect(() => {
    const t = setInterval(reload, STATS_REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  return (
    <div className="about-view" data-testid="about">
      <header className="view-header about-title">
        <h2>LLM Inspector</h2>
        {runtime.data && <span className="version">{runtime.data.version}</span>}
      </header>
      {runtime.error && !runtime.data && <p className="error-text">Could not read the runtime: {runtime.error.message}</p>}
      <div className="about-grid">
        <div className="about-column">
          {runtime.data ? <RuntimePanel runtime={runtime.data} dbBytes={stats.data?.dbBytes ?? null} now={Date.now()} /> : !runtime.error && <p className="dim">Reading…</p>}
          {stats.data ? <StatsPanel stats={stats.data} /> : stats.error ? <p className="error-text">Could not read the figures: {stats.error.message}</p> : null}
        </div>
        <div className="about-column">
          <ShortcutsPanel />
          <LibrariesPanel />
        </div>
      </div>
    </div>
  );
}
