// What every scenario gets: the endpoints, the inspector child (for flushing and RSS) and the size knobs.
import type { InspectorChild } from '../children.js';
import type { Endpoints } from '../load-client.js';
import type { Row } from '../report.js';

export interface BenchContext {
  quick: boolean;
  ep: Endpoints;
  inspector: InspectorChild;
  /** never-requested hosts mapped to the upstream and intercepted via the `*.bench.test` pattern */
  newHosts: string[];
  upstreamPid: number;
  /** RSS of the inspector child right after start, set by run-bench */
  idleRssBytes: number | null;
  /** the inspector's CPU per proxied request at 64 connections, set by the throughput scenario */
  proxiedCpuPerRequestUs?: number | null;
}

export interface ScenarioOutput {
  rows: Row[];
  data: Record<string, unknown>;
}

export type Scenario = (ctx: BenchContext) => Promise<ScenarioOutput>;
