import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Config } from '../contract/index.js';
import { Redactor, type SecretVault } from '../capture/index.js';
import { HostPatterns, splitHostPort } from './host-patterns.js';
import { RouteTable } from './route-table.js';

/**
 * The proxy's view of the config, compiled for the hot path (pattern sets, route table, keep-alive agents). Rebuilt
 * whole when the config changes, so a request always sees one consistent version.
 */
export class ProxySettings {
  readonly mitmHosts: HostPatterns;
  readonly mitmAll: boolean;
  readonly insecureHosts: HostPatterns;
  readonly routes: RouteTable;
  readonly hostMap: Map<string, { host: string; port: number }>;
  readonly redactor: Redactor;
  readonly headersTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly captureEnabled: boolean;
  readonly maxBodyBytes: number;
  readonly recordTunnels: boolean;
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;

  /** `vault`: where redacted secrets are kept for this run (one vault outlives every settings rebuild) */
  constructor(config: Config, upstreamCa: readonly string[], vault: SecretVault | null = null) {
    this.mitmHosts = new HostPatterns([...config.mitm.hosts, ...config.mitm.extraHosts]);
    this.mitmAll = config.mitm.all;
    this.insecureHosts = new HostPatterns(config.upstream.insecureHosts);
    this.routes = new RouteTable(config.routes);
    this.hostMap = new Map(
      Object.entries(config.upstream.hostMap).map(([from, to]) => [from.toLowerCase(), splitHostPort(to, 443)]),
    );
    this.redactor = new Redactor(config.redaction, vault);
    this.headersTimeoutMs = config.upstream.headersTimeoutMs;
    this.idleTimeoutMs = config.upstream.idleTimeoutMs;
    this.captureEnabled = config.capture.enabled;
    this.maxBodyBytes = config.capture.maxBodyBytes;
    this.recordTunnels = config.capture.recordTunnels;
    this.httpAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
    // One secure context built once: passing `ca` instead would make https.Agent concatenate every root certificate into
    // its pool key on each request and build a new context per connection (most of the proxy's CPU in a profile).
    const secureContext = tls.createSecureContext({ ca: [...upstreamCa] });
    this.httpsAgent = new https.Agent({ keepAlive: true, scheduling: 'lifo', secureContext });
  }

  shouldMitm(host: string): boolean {
    return this.mitmAll || this.mitmHosts.matches(host);
  }

  /** Where to open the upstream socket for a host: its mapping ("map remote"), or the host itself. */
  connectTarget(host: string, port: number): { host: string; port: number } {
    return this.hostMap.get(host.toLowerCase()) ?? { host, port };
  }

  dispose(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
