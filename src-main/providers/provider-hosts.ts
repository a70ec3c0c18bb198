/**
 * Host → provider label for APIs many hosts speak (OpenAI chat / responses / completions / embeddings). The path decides
 * the API; the host only names who answered. Unknown hosts are 'openai-compatible'.
 */

/** Exact host names (lower-case, no port). */
const EXACT: Record<string, string> = {
  'api.openai.com': 'openai',
  'api.deepseek.com': 'deepseek',
  'api.mistral.ai': 'mistral',
  'api.groq.com': 'groq',
  'api.together.xyz': 'together',
  'api.together.ai': 'together',
  'api.fireworks.ai': 'fireworks',
  'openrouter.ai': 'openrouter',
  'api.x.ai': 'xai',
  'api.perplexity.ai': 'perplexity',
  'generativelanguage.googleapis.com': 'gemini',
  'aiplatform.googleapis.com': 'vertex-ai',
  'api.anthropic.com': 'anthropic',
};

/** Host suffixes (checked in order: the more specific first). */
const SUFFIXES: [suffix: string, provider: string][] = [
  ['.openai.azure.com', 'azure-openai'],
  ['.cognitiveservices.azure.com', 'azure-openai'],
  ['.services.ai.azure.com', 'azure-ai-foundry'],
  ['-aiplatform.googleapis.com', 'vertex-ai'],
];

/** Local inference servers by their default port. */
const LOCAL_PORTS: Record<number, string> = {
  11434: 'ollama',
  1234: 'lmstudio',
  8000: 'vllm',
  8080: 'llamacpp',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

/** Splits `host[:port]` (IPv6 literals in brackets) into a lower-case name and an optional port. */
function splitHost(host: string): { name: string; port: number | undefined } {
  let h = host.trim().toLowerCase();
  let port: number | undefined;
  const m = /^(\[[^\]]*\]|[^:]+):(\d+)$/.exec(h);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    h = m[1];
    port = Number(m[2]);
  }
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return { name: h, port };
}

/** The provider label for a host (and port, when the host string carries none). */
export function providerForHost(host: string, port?: number): string {
  const split = splitHost(host);
  const name = split.name;
  const p = port ?? split.port;
  const exact = EXACT[name];
  if (exact !== undefined) return exact;
  for (const [suffix, provider] of SUFFIXES) if (name.endsWith(suffix)) return provider;
  if (/^bedrock-runtime(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com$/.test(name)) return 'bedrock';
  if ((LOCAL_HOSTS.has(name) || name === '[::1]') && p !== undefined) {
    const local = LOCAL_PORTS[p];
    if (local !== undefined) return local;
  }
  return 'openai-compatible';
}
