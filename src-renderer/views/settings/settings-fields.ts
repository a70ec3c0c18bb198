/** What the form shows for each setting. The order here is the order on the page. */
export type FieldSpec =
  | { kind: 'text'; path: string; label: string; hint?: string; placeholder?: string; nullable?: boolean; restart?: boolean }
  | { kind: 'number'; path: string; label: string; hint?: string; unit?: string; scale?: number; nullable?: boolean; placeholder?: string; restart?: boolean; duration?: boolean }
  | { kind: 'bool'; path: string; label: string; hint?: string; warnWhenOn?: string }
  | { kind: 'chips'; path: string; label: string; hint?: string; placeholder?: string; warnWhenAny?: string; resettable?: boolean }
  | { kind: 'select'; path: string; label: string; hint?: string; options: readonly { value: string; label: string }[] }
  | { kind: 'overrides'; path: 'pricing.overrides'; label: string; hint?: string };

export interface SectionSpec {
  id: string;
  title: string;
  description?: string;
  fields: FieldSpec[];
}

const MIB = 1024 * 1024;

export const THEME_OPTIONS = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

export const SECTIONS: SectionSpec[] = [
  {
    id: 'appearance',
    title: 'Appearance',
    fields: [
      { kind: 'select', path: 'ui.theme', label: 'Theme', hint: 'Applies at once.', options: THEME_OPTIONS },
      { kind: 'bool', path: 'ui.closeToTray', label: 'Closing the window keeps capturing in the tray', hint: 'Desktop app only. Off: closing the window quits the app.' },
    ],
  },
  {
    id: 'network',
    title: 'Ports',
    description: 'Read when the inspector starts: a change takes effect after a restart. A port in use moves to the next free one.',
    fields: [
      { kind: 'text', path: 'proxy.host', label: 'Proxy address', hint: '127.0.0.1 keeps it to this machine; 0.0.0.0 lets phones and other machines in.', restart: true },
      { kind: 'number', path: 'proxy.port', label: 'Proxy port', hint: '0 picks any free port at each start.', restart: true },
      { kind: 'text', path: 'ui.host', label: 'UI address', restart: true },
      { kind: 'number', path: 'ui.port', label: 'UI port', restart: true },
    ],
  },
  {
    id: 'interception',
    title: 'Interception',
    description: 'HTTPS to these hosts is decrypted and captured; every other connection passes through as a blind tunnel.',
    fields: [
      { kind: 'chips', path: 'mitm.hosts', label: 'LLM hosts', hint: '* matches within one DNS label: *.openai.azure.com, bedrock-runtime.*.amazonaws.com.', placeholder: 'add a host…', resettable: true },
      { kind: 'chips', path: 'mitm.extraHosts', label: 'Extra hosts', hint: 'Your own gateways and self-hosted models; kept apart so the built-in list can grow with new versions.', placeholder: 'llm.internal.example.com' },
      {
        kind: 'bool',
        path: 'mitm.all',
        label: 'Decrypt every HTTPS connection',
        hint: 'Opt-in: turns every CONNECT into an interception.',
        warnWhenOn: 'Every HTTPS connection through the proxy will be decrypted, not only LLM APIs: banking, email, anything. Programs that pin certificates or do not trust the CA will fail to connect.',
      },
    ],
  },
  {
    id: 'upstream',
    title: 'Upstream',
    fields: [
      { kind: 'number', path: 'upstream.headersTimeoutMs', label: 'Response headers timeout', unit: 's', scale: 1000, duration: true, hint: 'Connecting plus waiting for the first byte; long reasoning calls need minutes.' },
      { kind: 'number', path: 'upstream.idleTimeoutMs', label: 'Idle body timeout', unit: 's', scale: 1000, duration: true, hint: 'Longest silence allowed between two chunks of a body.' },
      { kind: 'text', path: 'upstream.extraCaFile', label: 'Extra CA file', nullable: true, placeholder: '/path/to/corporate-ca.pem', hint: 'PEM file of CAs to trust upstream (corporate TLS proxy, local gateway), on top of the system roots.' },
      {
        kind: 'chips',
        path: 'upstream.insecureHosts',
        label: 'Skip TLS verification for',
        placeholder: 'self-signed.local',
        warnWhenAny: 'The upstream certificate of these hosts is NOT verified: anyone on the network path can read and change that traffic, API keys included. Only for a test server you control; remove them as soon as you can.',
      },
    ],
  },
  {
    id: 'capture',
    title: 'Capture',
    fields: [
      { kind: 'bool', path: 'capture.enabled', label: 'Capture exchanges', hint: 'Off: traffic still flows through the proxy, nothing is stored.' },
      { kind: 'number', path: 'capture.maxBodyBytes', label: 'Body size cap', unit: 'MiB', scale: MIB, hint: 'Per side, after decompression; the rest is dropped and the body marked truncated.' },
      { kind: 'bool', path: 'capture.recordTunnels', label: 'Record blind tunnels', hint: 'Host, bytes and duration of connections that are not decrypted.' },
      { kind: 'bool', path: 'capture.parseLlm', label: 'Understand LLM calls', hint: 'Model, tokens, cost and conversations. Off leaves only the HTTP facts.' },
    ],
  },
  {
    id: 'retention',
    title: 'Retention',
    description: 'The oldest exchanges are deleted past any of these limits. Empty means no limit.',
    fields: [
      { kind: 'number', path: 'retention.maxRows', label: 'Keep at most', unit: 'exchanges', nullable: true, placeholder: 'no limit' },
      { kind: 'number', path: 'retention.maxAgeDays', label: 'Keep for', unit: 'days', nullable: true, placeholder: 'forever' },
      { kind: 'number', path: 'retention.maxDbBytes', label: 'Database size', unit: 'MiB', scale: MIB, nullable: true, placeholder: 'no limit' },
    ],
  },
  {
    id: 'redaction',
    title: 'Redaction',
    description: 'Secrets are replaced before anything is stored; the forwarded request is untouched.',
    fields: [
      { kind: 'chips', path: 'redaction.headers', label: 'Headers', placeholder: 'x-my-secret', hint: 'Case does not matter.' },
      { kind: 'chips', path: 'redaction.queryParams', label: 'Query parameters', placeholder: 'key' },
      {
        kind: 'bool',
        path: 'redaction.disabled',
        label: 'Store secrets in clear',
        hint: 'For debugging authentication problems only.',
        warnWhenOn: 'API keys, cookies and tokens will be written to the database in clear, and shown and exported with the exchanges. Switch it back off when done.',
      },
    ],
  },
  {
    id: 'pricing',
    title: 'Pricing',
    fields: [
      { kind: 'overrides', path: 'pricing.overrides', label: 'Price overrides', hint: 'Checked before the bundled price data. Model patterns take * as a wildcard; USD per million tokens.' },
      { kind: 'bool', path: 'pricing.localModelsFree', label: 'Local models are free', hint: 'Calls to Ollama, LM Studio, llama.cpp and vLLM cost $0 instead of "unknown".' },
    ],
  },
  {
    id: 'conversations',
    title: 'Conversations',
    description: 'How calls are grouped when they carry no explicit session id.',
    fields: [
      { kind: 'number', path: 'conversations.maxLive', label: 'Conversations tracked', unit: 'conversations', hint: 'Kept in memory for history matching.' },
      { kind: 'number', path: 'conversations.idleTtlMs', label: 'Idle after', unit: 's', scale: 1000, duration: true, hint: 'A conversation quiet this long no longer absorbs new calls.' },
    ],
  },
];

export const OVERRIDE_COLUMNS = [
  { key: 'provider', label: 'Provider', kind: 'text', placeholder: 'any' },
  { key: 'model', label: 'Model pattern', kind: 'text', placeholder: 'my-model-*' },
  { key: 'inputPerMTok', label: 'Input', kind: 'number', placeholder: '0' },
  { key: 'outputPerMTok', label: 'Output', kind: 'number', placeholder: '0' },
  { key: 'cacheReadPerMTok', label: 'Cache read', kind: 'number', placeholder: 'as input' },
  { key: 'cacheWritePerMTok', label: 'Cache write', kind: 'number', placeholder: 'as input' },
] as const;

export type OverrideColumn = (typeof OVERRIDE_COLUMNS)[number];

/** Every path an error can be shown beside, for the current number of override rows. */
export function fieldPaths(overrideRows: number): string[] {
  const paths = SECTIONS.flatMap((s) => s.fields.map((f) => f.path));
  for (let i = 0; i < overrideRows; i++) for (const c of OVERRIDE_COLUMNS) paths.push(`pricing.overrides.${i}.${c.key}`);
  return paths;
}

export function fieldSpec(path: string): FieldSpec | undefined {
  for (const s of SECTIONS) for (const f of s.fields) if (f.path === path) return f;
  return undefined;
}
