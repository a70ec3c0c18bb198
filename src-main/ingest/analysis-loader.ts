import type { AnalysisConfig } from '../analysis/index.js';
import type { IngestOp } from './ingest-ops.js';

type AnalysisModule = typeof import('../analysis/index.js');

/**
 * The LLM stage (provider modules, price data, conversation tracker) is loaded on first use: an idle inspector, or one
 * with LLM parsing switched off, does not carry it. Loading is the only asynchronous step in the worker; the worker
 * queues messages behind it so their order is kept.
 */
export class AnalysisLoader {
  private module: AnalysisModule | null = null;
  private loading: Promise<AnalysisModule | null> | null = null;

  constructor(private config: AnalysisConfig | null) {}

  get enabled(): boolean {
    return this.config !== null;
  }

  /** The loaded stage, when enabled and loaded. */
  get ready(): AnalysisModule | null {
    return this.config !== null ? this.module : null;
  }

  /** Whether handling these ops must wait for the stage to load first. */
  needsLoad(ops: readonly IngestOp[]): boolean {
    return this.config !== null && this.module === null && ops.some((op) => op.op === 'finish');
  }

  setConfig(config: AnalysisConfig | null): void {
    this.config = config;
    if (config !== null && this.module !== null) this.module.configureAnalysis(config);
  }

  load(): Promise<AnalysisModule | null> {
    this.loading ??= import('../analysis/index.js').then(
      (m) => {
        this.module = m;
        if (this.config !== null) m.configureAnalysis(this.config);
        return m;
      },
      () => null, // without the stage exchanges are still stored, with HTTP facts only
    );
    return this.loading;
  }
}
