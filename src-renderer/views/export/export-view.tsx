import { useCallback, useEffect, useMemo, useState } from 'react';
import { useServiceEvents } from '../../app/client-context.js';
import { formatHash, navigate, useRoute } from '../../app/router.js';
import { ChecksCard, ContentCard, ExamplesCard } from './dataset-options.js';
import { DownloadBar } from './download-bar.js';
import { formatInfo } from './export-formats.js';
import { importedSelection, readParams, writeParams, type ExportParams } from './export-params.js';
import { buildExportQuery } from './export-query.js';
import { FormatCard } from './format-card.js';
import { ImportHar } from './import-har.js';
import { ReportPanel } from './report-panel.js';
import { downloadState } from './report-shape.js';
import { SelectionCard } from './selection-card.js';
import { useExportPreview } from './use-export-preview.js';

/** Lines asked of the dry run: enough for the token chart; HAR entries and traces are big and only shown. */
const DATASET_LINES = 25;
const RAW_LINES = 5;

/**
 * `#/export?format=…&<filters>&<options>`: pick a format and a selection, watch the dry run's report update as the
 * options change, then download the file the same options describe (or import a HAR file).
 */
export function ExportView() {
  const route = useRoute();
  const search = route.params.toString();
  const params = useMemo(() => readParams(new URLSearchParams(search)), [search]);
  // relative times (`24h`) resolve once per change of options or refresh, so preview and download ask for one range
  const [tick, setTick] = useState(0);
  const built = useMemo(() => buildExportQuery(params, Date.now()), [params, tick]);
  const info = formatInfo(params.format);
  const query = built.ok ? built.query : null;
  const preview = useExportPreview(query, info.kind === 'dataset' ? DATASET_LINES : RAW_LINES);

  const update = useCallback(
    (patch: Partial<ExportParams>) => navigate(['export'], writeParams({ ...params, ...patch }), { replace: true }),
    [params],
  );

  const [newTraffic, setNewTraffic] = useState(0);
  useServiceEvents((batch) => {
    const n = batch.filter((e) => e.event === 'exchange.finished').length;
    if (n > 0) setNewTraffic((c) => c + n);
  });
  useEffect(() => setNewTraffic(0), [preview.data]);

  const report = preview.data && preview.dataQuery === query ? preview.data.report : null;
  const error = preview.errorQuery === query ? preview.error : null;
  const download = downloadState({ invalid: !built.ok, error, report, pending: preview.pendingSince !== null });
  const stale = preview.data !== null && preview.dataQuery !== query;
  const limit = built.ok ? built.options.maxTokens : 65_536;
  const errors = built.ok ? {} : built.errors;

  return (
    <section className="export-view" data-testid="export-view">
      <header className="xp-head">
        <h2>Export</h2>
        <p className="dim">Fine-tuning datasets, HAR archives and trace files from captured traffic. Every option is in the address: bookmark an export to run it again.</p>
      </header>
      <div className="xp-layout">
        <form className="xp-options" onSubmit={(e) => e.preventDefault()} aria-label="Export options">
          <FormatCard params={params} update={update} />
          <SelectionCard params={params} errors={errors} update={update} />
          <ExamplesCard params={params} errors={errors} update={update} />
          {info.kind === 'dataset' ? (
            <>
              <ContentCard params={params} errors={errors} update={update} />
              <ChecksCard params={params} errors={errors} update={update} />
            </>
          ) : (
            <p className="xp-hint xp-raw-note">{info.label} writes the selected exchanges as captured: the fine-tuning options (thinking, PII, checks) do not apply.</p>
          )}
          <ImportHar onExportIds={(ids) => update(importedSelection(params, ids))} />
        </form>
        <div className="xp-results" data-testid="export-preview" aria-busy={preview.pendingSince !== null}>
          <DownloadBar
            format={params.format}
            query={query}
            state={download}
            pendingSince={preview.pendingSince}
            newTraffic={newTraffic}
            elapsedMs={report?.elapsedMs ?? null}
            onRefresh={() => {
              setTick((t) => t + 1);
              preview.reload();
            }}
          />
          {preview.pendingSince !== null && <div className="xp-progress" aria-hidden="true" />}
          {!built.ok && <div className="xp-banner xp-banner-error">Some options are not valid (marked in red); the preview waits for them.</div>}
          {error !== null && (
            <div className="xp-banner xp-banner-error" data-testid="export-preview-error">
              The preview failed: {error}
            </div>
          )}
          {preview.data === null && error === null && built.ok && <div className="xp-placeholder dim">Checking what this export would write…</div>}
          {preview.data !== null && (
            <div className={stale ? 'xp-stale' : undefined}>
              {preview.data.report.scanned === 0 && <NothingSelected params={params} />}
              <ReportPanel report={preview.data.report} lines={preview.data.preview} limit={limit} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function NothingSelected({ params }: { params: ExportParams }) {
  const filtered = params.provider || params.model || params.tag || params.conversationId || params.host || params.search || params.since || params.ids || Object.keys(params.extra).length > 0;
  return (
    <div className="xp-empty" data-testid="export-empty">
      <b>No exchanges match.</b>{' '}
      {filtered ? (
        'Widen the selection on the left: every filter must match.'
      ) : (
        <>
          Nothing is captured yet: send some LLM calls through the proxy (see <a href={formatHash(['setup'])}>Setup &amp; CA</a>) or import a HAR file.
        </>
      )}
    </div>
  );
}
