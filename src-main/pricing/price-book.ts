// Cost of one exchange in USD: the user's price overrides first, then local model servers (free by default), then the
// bundled price data of @pydantic/genai-prices (0.x; its API stays inside this module). An unknown price is null,
// never 0.
import { createRequire } from 'node:module';
import type { calcPrice as CalcPrice, Provider } from '@pydantic/genai-prices';
import type { Config } from '../contract/config.js';
import type { Usage } from '../contract/exchange.js';

export type PricingConfig = Config['pricing'];
export type PriceOverride = PricingConfig['overrides'][number];

export type CostSource = 'override' | 'local' | 'genai-prices';

export interface CostInput {
  /** our provider id ('openai', 'azure-openai', 'ollama', …), or null when unknown */
  provider: string | null;
  /** the URL the request went to (scheme + host at least); matched against the price data's API patterns */
  apiUrl: string | null;
  /** the model to price (request model, or the response's model when it is more precise) */
  model: string | null;
  usage: Usage | null;
  /** when the exchange started: prices that changed over time are taken at this instant (default: now) */
  timestamp?: Date | number | null;
}

export interface CostResult {
  costUsd: number | null;
  source: CostSource | null;
  /** the override pattern, the local model name, or the price data's model id that matched */
  matchedModel: string | null;
}

/** Providers that run on the user's own machine or servers. */
export const LOCAL_PROVIDERS: ReadonlySet<string> = new Set(['ollama', 'lmstudio', 'vllm', 'llamacpp', 'llama.cpp', 'localai']);

/**
 * Our provider ids → genai-prices provider ids, used only when the API URL matched no provider there (gateways,
 * custom base URLs). Ids not listed are not passed: genai-prices matches unknown ids loosely (`azure-openai` would
 * "contain" openai).
 */
const PROVIDER_IDS: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  gemini: 'google',
  'vertex-ai': 'google',
  vertex: 'google',
  aws: 'aws',
  bedrock: 'aws',
  azure: 'azure',
  'azure-openai': 'azure',
  'azure-ai-foundry': 'azure',
  deepseek: 'deepseek',
  mistral: 'mistral',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  openrouter: 'openrouter',
  'x-ai': 'x-ai',
  xai: 'x-ai',
  perplexity: 'perplexity',
  cohere: 'cohere',
  moonshotai: 'moonshotai',
  cerebras: 'cerebras',
};

const NONE: CostResult = { costUsd: null, source: null, matchedModel: null };

interface CompiledOverride {
  override: PriceOverride;
  provider: string | null;
  re: RegExp;
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

/** A token count we can use: a finite, non-negative number (else null). */
function count(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** True for http(s)://localhost, 127.x.x.x, [::1] and 0.0.0.0 URLs. */
export function isLocalUrl(url: string | null): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '[::1]' ||
    host === '::1' ||
    host === '0.0.0.0'
  );
}

function validDate(t: Date | number | null | undefined): Date | undefined {
  if (t === null || t === undefined) return undefined;
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export class PriceBook {
  private readonly overrides: CompiledOverride[];
  private readonly localModelsFree: boolean;

  constructor(pricing: PricingConfig) {
    this.localModelsFree = pricing?.localModelsFree ?? true;
    this.overrides = [];
    for (const o of pricing?.overrides ?? []) {
      try {
        this.overrides.push({ override: o, provider: o.provider ? o.provider.toLowerCase() : null, re: wildcard(o.model) });
      } catch {
        // an unusable pattern is skipped
      }
    }
  }

  /** Price one exchange. Never throws. */
  cost(input: CostInput): CostResult {
    try {
      return this.price(input);
    } catch {
      return NONE;
    }
  }

  private price({ provider, apiUrl, model, usage, timestamp }: CostInput): CostResult {
    if (!usage) return NONE;
    const inputTokens = count(usage.inputTokens);
    const outputTokens = count(usage.outputTokens);
    if (inputTokens === null && outputTokens === null) return NONE;
    const providerId = provider ? provider.toLowerCase() : null;

    // 1. user overrides, first match in list order
    if (model) {
      for (const o of this.overrides) {
        if (o.provider !== null && o.provider !== providerId) continue;
        if (!o.re.test(model)) continue;
        return { costUsd: overrideCost(o.override, usage), source: 'override', matchedModel: o.override.model };
      }
    }

    // 2. local model servers
    if (this.localModelsFree && ((providerId !== null && LOCAL_PROVIDERS.has(providerId)) || isLocalUrl(apiUrl))) {
      return { costUsd: 0, source: 'local', matchedModel: model };
    }

    // 3. bundled price data: provider by API URL, then by our provider id
    if (!model) return NONE;
    const libUsage = toLibraryUsage(usage);
    if (!libUsage) return NONE;
    const when = validDate(timestamp);
    let res = apiUrl ? libraryPrice(libUsage, model, { providerApiUrl: apiUrl, timestamp: when }) : null;
    if (!res) {
      const mapped = providerId ? PROVIDER_IDS[providerId] : undefined;
      if (mapped) res = libraryPrice(libUsage, model, { providerId: mapped, timestamp: when });
    }
    return res ? { costUsd: res.costUsd, source: 'genai-prices', matchedModel: res.model } : NONE;
  }
}

/** Cost under a user override: cache reads/writes at their own price when given, else at the input price. */
function overrideCost(o: PriceOverride, usage: Usage): number {
  const input = count(usage.inputTokens) ?? 0;
  const output = count(usage.outputTokens) ?? 0;
  const cacheRead = Math.min(count(usage.cacheReadTokens) ?? 0, input);
  const cacheWrite = Math.min(count(usage.cacheWriteTokens) ?? 0, input - cacheRead);
  const uncached = input - cacheRead - cacheWrite;
  const usd =
    uncached * o.inputPerMTok +
    cacheRead * (o.cacheReadPerMTok ?? o.inputPerMTok) +
    cacheWrite * (o.cacheWritePerMTok ?? o.inputPerMTok) +
    output * o.outputPerMTok;
  return usd / 1_000_000;
}

type LibraryUsage = Record<string, number>;

/**
 * Our usage → genai-prices' snake_case units. Their `input_tokens` is the TOTAL input including cache reads/writes
 * (like ours); it is raised to cover the cache counts when a provider's numbers disagree, since the library throws on
 * cache > input. Reasoning is passed only when it fits inside the output (it is part of it).
 */
function toLibraryUsage(usage: Usage): LibraryUsage | null {
  const cacheRead = count(usage.cacheReadTokens) ?? 0;
  const cacheWrite = count(usage.cacheWriteTokens) ?? 0;
  const output = count(usage.outputTokens) ?? 0;
  const reasoning = count(usage.reasoningTokens) ?? 0;
  const input = Math.max(count(usage.inputTokens) ?? 0, cacheRead + cacheWrite);
  const out: LibraryUsage = { input_tokens: input, output_tokens: output };
  if (cacheRead > 0) out.cache_read_tokens = cacheRead;
  if (cacheWrite > 0) out.cache_write_tokens = cacheWrite;
  if (reasoning > 0 && reasoning <= output) out.output_reasoning_tokens = reasoning;
  return out;
}

/**
 * The library matches the provider (regexes over every provider) and then the model (rules over every model of it) on
 * each call, ~40 µs. Both matches depend only on (provider hint, model), so the first successful match is remembered as
 * a provider holding just that model; later calls price against it directly. Prices still depend on the usage and the
 * timestamp (historic, tiered and time-of-day prices), which the library evaluates every time.
 */
const matchCache = new Map<string, Provider | null>();

// The price data is ~20 MB once parsed: loaded on the first call that needs a price, not when the worker starts.
let loadedCalcPrice: typeof CalcPrice | null = null;
function calcPrice(...args: Parameters<typeof CalcPrice>): ReturnType<typeof CalcPrice> {
  loadedCalcPrice ??= (createRequire(import.meta.url)('@pydantic/genai-prices') as { calcPrice: typeof CalcPrice }).calcPrice;
  return loadedCalcPrice(...args);
}
const MATCH_CACHE_MAX = 2000;

function libraryPrice(
  usage: LibraryUsage,
  model: string,
  options: { providerApiUrl?: string; providerId?: string; timestamp: Date | undefined },
): { costUsd: number; model: string } | null {
  const key = `${options.providerApiUrl ?? ''}|${options.providerId ?? ''}|${model}`;
  const narrowed = matchCache.get(key);
  if (narrowed === null) return null;
  try {
    const opts: { provider?: Provider; providerApiUrl?: string; providerId?: string; timestamp?: Date } = {};
    if (narrowed) opts.provider = narrowed;
    else {
      if (options.providerApiUrl) opts.providerApiUrl = options.providerApiUrl;
      if (options.providerId) opts.providerId = options.providerId;
    }
    if (options.timestamp) opts.timestamp = options.timestamp;
    const r = calcPrice(usage, model, opts);
    if (!r) {
      if (!narrowed) remember(key, null);
      return null;
    }
    if (!narrowed && r.provider && r.model) remember(key, { ...r.provider, models: [r.model] });
    const total = r.total_price;
    if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) return null;
    const id = r.model && typeof r.model.id === 'string' ? r.model.id : model;
    return { costUsd: total, model: id };
  } catch {
    return null;
  }
}

function remember(key: string, value: Provider | null): void {
  if (matchCache.size >= MATCH_CACHE_MAX) matchCache.clear();
  matchCache.set(key, value);
}
