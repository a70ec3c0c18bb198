import type { Config, Usage } from '../contract/index.js';
import { ConversationTracker } from '../conversations/index.js';
import { PriceBook } from '../pricing/index.js';
import {
  emptyFacts,
  estimateUsage,
  extractUsageByRegex,
  HEAD_CHARS,
  TAIL_CHARS,
  parseExchange,
  type ParsedExchange,
  type ProviderFacts,
  type ProviderInput,
} from '../providers/index.js';

export interface AnalysisConfig {
  pricing: Config['pricing'];
  conversations: Config['conversations'];
}

/** APIs whose calls are turns of a conversation (not embeddings, token counts or model lists). */
const CONVERSATIONAL = /\.(chat|responses|messages|completions|generateContent|streamGenerateContent|converse|chatV2)$/;
/** APIs that cost nothing (token counting). */
const FREE_APIS = /countTokens$/;
const TEXTUAL = /json|event-stream|ndjson|text\//i;
/** unknown bodies larger than this are not scanned for usage-looking numbers */
const REGEX_SCAN_MAX = 10 * 1024 * 1024;

/**
 * The LLM stage of the ingest pipeline: parse (provider modules) → usage (provider's numbers, else a tokenizer
 * estimate, else a regex scan of unknown JSON) → cost (price book, at the exchange's own time) → conversation and tag.
 * Stateful only through the conversation tracker; runs in the ingest worker, one call per finished exchange, in order.
 */
export class LlmAnalyser {
  private prices: PriceBook;
  private conversations: ConversationTracker;
  private conversationLimits: string;

  constructor(config: AnalysisConfig) {
    this.prices = new PriceBook(config.pricing);
    this.conversations = new ConversationTracker(config.conversations);
    this.conversationLimits = JSON.stringify(config.conversations);
  }

  reconfigure(config: AnalysisConfig): void {
    this.prices = new PriceBook(config.pricing);
    // live conversations survive a price change; new matching limits start a fresh tracker
    const limits = JSON.stringify(config.conversations);
    if (limits !== this.conversationLimits) {
      this.conversations = new ConversationTracker(config.conversations);
      this.conversationLimits = limits;
    }
  }

  /**
   * `conversations: false` re-derives the parse facts only (re-parse of stored exchanges): conversation ids and turns
   * depend on capture order and stay as they were assigned.
   */
  analyse(input: ProviderInput, opts: { conversations: boolean } = { conversations: true }): ProviderFacts {
    const parsed = parseExchange(input);
    if (!parsed) return this.unrecognised(input);
    const usage = this.usageOf(parsed, input);
    const model = parsed.request?.model ?? null;
    const responseModel = parsed.response?.responseModel ?? null;
    const costUsd = FREE_APIS.test(parsed.api)
      ? 0
      : usage === null
        ? null
        : this.prices.cost({
            provider: parsed.provider,
            apiUrl: apiOrigin(input.url),
            model: responseModel ?? model ?? '',
            usage,
            timestamp: new Date(input.startedAt),
          }).costUsd;
    const convo = opts.conversations && CONVERSATIONAL.test(parsed.api)
      ? this.conversations.assign({
          exchangeId: input.exchangeId,
          startedAt: input.startedAt,
          provider: parsed.provider,
          api: parsed.api,
          requestHeaders: input.requestHeaders,
          request: parsed.request,
          response: parsed.response,
        })
      : null;
    const raw = parsed.response?.rawUsage;
    return {
      ...emptyFacts(),
      provider: parsed.provider,
      api: parsed.api,
      model: model ?? parsed.urlModel,
      responseModel,
      usage,
      costUsd,
      conversationId: convo?.conversationId ?? null,
      turn: convo?.turn ?? null,
      tag: convo?.tag ?? null,
      ttftMs: parsed.ttftMs,
      finishReason: parsed.response?.finishReason ?? null,
      usageRaw: raw === undefined || raw === null ? null : safeJson(raw),
      responseId: parsed.response?.responseId ?? null,
      providerError: parsed.response?.error ?? null,
    };
  }

  /** Provider numbers win; a reply without them (stream without include_usage, cut stream) gets a tokenizer estimate. */
  private usageOf(parsed: ParsedExchange, input: ProviderInput): Usage | null {
    const given = parsed.response?.usage ?? null;
    if (given !== null) return given;
    if (input.status !== null && input.status >= 400) return null;
    if (parsed.request === null && parsed.response === null) return null;
    return estimateUsage(parsed.request, parsed.response);
  }

  /** Unknown JSON from an unknown API: seed 000's last resort, usage-looking numbers found by pattern. */
  private unrecognised(input: ProviderInput): ProviderFacts {
    const body = input.responseBody;
    if (body === null || body.length === 0 || body.length > REGEX_SCAN_MAX || !TEXTUAL.test(input.contentType ?? '')) {
      return emptyFacts();
    }
    // the scan only looks at the head and the tail; decoding a 10 MB body whole just to cut it would cost more
    const usage = extractUsageByRegex(
      body.length <= HEAD_CHARS + TAIL_CHARS
        ? body.toString('utf8')
        : `${body.subarray(0, HEAD_CHARS).toString('utf8')}\n${body.subarray(body.length - TAIL_CHARS).toString('utf8')}`,
    );
    return usage === null ? emptyFacts() : { ...emptyFacts(), usage };
  }
}

function apiOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function safeJson(v: unknown): string | null {
  try {
    return JSON.stringify(v);
  } catch {
    return null;
  }
}
