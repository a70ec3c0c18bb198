import type { LlmRequest } from '../../../src-main/contract/index.js';
import { jsCall, pythonCall } from './code-literal.js';
import { apiKeyEnvVar, isKeyParam } from './secrets.js';
import {
  toAnthropicMessages,
  toAnthropicTools,
  toOpenAiChatMessages,
  toOpenAiChatTools,
  toResponsesInput,
  toResponsesTools,
  userTexts,
} from './sdk-messages.js';

export type SnippetLang = 'openai-python' | 'openai-node' | 'anthropic-python' | 'anthropic-typescript';

export const SNIPPET_LABELS: Record<SnippetLang, string> = {
  'openai-python': 'OpenAI Python',
  'openai-node': 'OpenAI Node',
  'anthropic-python': 'Anthropic Python',
  'anthropic-typescript': 'Anthropic TypeScript',
};

export interface SnippetInput {
  url: string;
  provider: string | null;
  api: string | null;
  request: LlmRequest;
}

/** The SDKs that can make this call: chosen by the API family the provider module recognised. */
export function snippetLanguages(api: string | null): SnippetLang[] {
  if (api === null) return [];
  if (api.startsWith('openai.')) return ['openai-python', 'openai-node'];
  if (api === 'anthropic.messages' || api === 'anthropic.countTokens') return ['anthropic-python', 'anthropic-typescript'];
  return [];
}

type Kwargs = Array<[string, unknown]>;

interface Endpoint {
  /** method path on the client, Python spelling */
  py: string;
  /** method path on the client, JavaScript spelling */
  js: string;
  /** the URL path the SDK appends to its base URL */
  suffix: RegExp;
  known: ReadonlySet<string>;
  /** how to show the result (Python, JS) */
  show: [string, string];
  /** how to show a stream's text as it arrives (Python, JS); null when the API does not stream */
  stream: [string, string] | null;
}

const set = (s: string): ReadonlySet<string> => new Set(s.split(' '));
const CHAT_KNOWN = set(
  'temperature top_p max_tokens max_completion_tokens n stop seed presence_penalty frequency_penalty logit_bias logprobs top_logprobs reasoning_effort verbosity response_format tool_choice parallel_tool_calls stream_options service_tier modalities audio prediction store web_search_options metadata user prompt_cache_key safety_identifier',
);

const ENDPOINTS: Record<string, Endpoint> = {
  'openai.chat': {
    py: 'chat.completions.create',
    js: 'chat.completions.create',
    suffix: /\/chat\/completions\/?$/,
    known: CHAT_KNOWN,
    show: ['print(response.choices[0].message)', 'console.log(response.choices[0].message);'],
    stream: [
      'for chunk in stream:\n    if chunk.choices and chunk.choices[0].delta.content:\n        print(chunk.choices[0].delta.content, end="", flush=True)\nprint()',
      'for await (const chunk of stream) {\n  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");\n}\nconsole.log();',
    ],
  },
  'openai.responses': {
    py: 'responses.create',
    js: 'responses.create',
    suffix: /\/responses\/?$/,
    known: set(
      'temperature top_p max_output_tokens max_tool_calls reasoning text tool_choice parallel_tool_calls truncation service_tier store background include top_logprobs prompt_cache_key prompt_cache_retention stream_options prompt previous_response_id instructions metadata user',
    ),
    show: ['print(response.output_text)', 'console.log(response.output_text);'],
    stream: [
      'for event in stream:\n    if event.type == "response.output_text.delta":\n        print(event.delta, end="", flush=True)\nprint()',
      'for await (const event of stream) {\n  if (event.type === "response.output_text.delta") process.stdout.write(event.delta);\n}\nconsole.log();',
    ],
  },
  'openai.embeddings': {
    py: 'embeddings.create',
    js: 'embeddings.create',
    suffix: /\/embeddings\/?$/,
    known: set('dimensions encoding_format user'),
    show: ['print(len(response.data), "vectors of", len(response.data[0].embedding))', 'console.log(response.data.length, "vectors of", response.data[0].embedding.length);'],
    stream: null,
  },
  'openai.completions': {
    py: 'completions.create',
    js: 'completions.create',
    suffix: /\/completions\/?$/,
    known: set('max_tokens temperature top_p n stop logprobs echo best_of suffix presence_penalty frequency_penalty logit_bias seed user stream_options'),
    show: ['print(response.choices[0].text)', 'console.log(response.choices[0].text);'],
    stream: [
      'for chunk in stream:\n    print(chunk.choices[0].text, end="", flush=True)\nprint()',
      'for await (const chunk of stream) {\n  process.stdout.write(chunk.choices[0]?.text ?? "");\n}\nconsole.log();',
    ],
  },
  'anthropic.messages': {
    py: 'messages.create',
    js: 'messages.create',
    suffix: /\/v1\/messages\/?$/,
    known: set('max_tokens temperature top_p top_k stop_sequences tool_choice thinking metadata service_tier container mcp_servers context_management'),
    show: ['print(response.content)', 'console.log(response.content);'],
    stream: [
      'for event in stream:\n    if event.type == "content_block_delta" and event.delta.type == "text_delta":\n        print(event.delta.text, end="", flush=True)\nprint()',
      'for await (const event of stream) {\n  if (event.type === "content_block_delta" && event.delta.type === "text_delta") process.stdout.write(event.delta.text);\n}\nconsole.log();',
    ],
  },
  'anthropic.countTokens': {
    py: 'messages.count_tokens',
    js: 'messages.countTokens',
    suffix: /\/v1\/messages\/count_tokens\/?$/,
    known: set('tool_choice thinking'),
    show: ['print(response.input_tokens)', 'console.log(response.input_tokens);'],
    stream: null,
  },
};

const DEFAULT_BASES: Record<'openai' | 'anthropic', string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

interface ClientTarget {
  /** base URL to pass, or null for the SDK's default */
  baseUrl: string | null;
  /** non-secret query parameters the SDK must add to every call (Azure's api-version) */
  query: Record<string, string>;
}

/** Where the SDK must point: the URL up to the endpoint path, when it is not the SDK's default. */
export function clientTarget(url: string, family: 'openai' | 'anthropic', suffix: RegExp): ClientTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { baseUrl: null, query: {} };
  }
  const prefix = parsed.pathname.replace(suffix, '') || '';
  const base = `${parsed.origin}${family === 'anthropic' ? prefix : prefix.replace(/\/$/, '')}`;
  const query: Record<string, string> = {};
  for (const [k, v] of parsed.searchParams) if (!isKeyParam(k, v)) query[k] = v;
  return { baseUrl: base === DEFAULT_BASES[family] ? null : base, query };
}

/** Keyword arguments of the call, in the order a person would write them. */
function callArgs(api: string, req: LlmRequest): Kwargs {
  const args: Kwargs = [];
  if (req.model !== null) args.push(['model', req.model]);
  if (api === 'openai.chat') {
    args.push(['messages', toOpenAiChatMessages(req.messages)]);
    if (req.tools.length > 0) args.push(['tools', toOpenAiChatTools(req.tools)]);
    if (req.hints.user !== null) args.push(['user', req.hints.user]);
  } else if (api === 'openai.responses') {
    args.push(['input', toResponsesInput(req.messages)]);
    if (req.tools.length > 0) args.push(['tools', toResponsesTools(req.tools)]);
    if (req.hints.previousResponseId !== null) args.push(['previous_response_id', req.hints.previousResponseId]);
    if (req.hints.user !== null) args.push(['user', req.hints.user]);
  } else if (api === 'openai.embeddings') {
    const inputs = userTexts(req.messages);
    args.push(['input', inputs.length === 1 ? inputs[0] : inputs]);
  } else if (api === 'openai.completions') {
    const prompts = userTexts(req.messages);
    args.push(['prompt', prompts.length === 1 ? prompts[0] : prompts]);
  } else {
    const { system, messages } = toAnthropicMessages(req.messages);
    if (system !== null) args.push(['system', system]);
    args.push(['messages', messages]);
    if (req.tools.length > 0) args.push(['tools', toAnthropicTools(req.tools)]);
    if (req.hints.user !== null) args.push(['metadata', { user_id: req.hints.user }]);
  }
  for (const [k, v] of Object.entries(req.parameters)) if (!args.some(([a]) => a === k)) args.push([k, v]);
  return args;
}

/** Python SDKs reject unknown keyword arguments: compatible hosts' extras go through `extra_body`. */
function pythonArgs(args: Kwargs, known: ReadonlySet<string>): Kwargs {
  const fixed = new Set(['model', 'messages', 'input', 'prompt', 'tools', 'system', 'user', 'previous_response_id', 'metadata']);
  const direct = args.filter(([k]) => fixed.has(k) || known.has(k));
  const extra = args.filter(([k]) => !fixed.has(k) && !known.has(k));
  return extra.length > 0 ? [...direct, ['extra_body', Object.fromEntries(extra)]] : direct;
}

function pythonClient(family: 'openai' | 'anthropic', target: ClientTarget, envVar: string): string {
  const cls = family === 'openai' ? 'OpenAI' : 'Anthropic';
  const opts: Kwargs = [];
  if (target.baseUrl !== null) opts.push(['base_url', target.baseUrl]);
  if (Object.keys(target.query).length > 0) opts.push(['default_query', target.query]);
  const defaultVar = family === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const imports = [`from ${family} import ${cls}`];
  if (envVar !== defaultVar) imports.unshift('import os');
  const keyArg = envVar !== defaultVar ? [`    api_key=os.environ["${envVar}"],`] : [];
  const head = `${imports.join('\n')}\n\n`;
  if (opts.length === 0 && keyArg.length === 0) return `${head}client = ${cls}()  # reads ${defaultVar}`;
  const lines = [...opts.map(([k, v]) => `    ${k}=${JSON.stringify(v)},`), ...keyArg];
  return `${head}client = ${cls}(\n${lines.join('\n')}\n)`;
}

function jsClient(family: 'openai' | 'anthropic', target: ClientTarget, envVar: string): string {
  const cls = family === 'openai' ? 'OpenAI' : 'Anthropic';
  const pkg = family === 'openai' ? 'openai' : '@anthropic-ai/sdk';
  const defaultVar = family === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const lines: string[] = [];
  if (target.baseUrl !== null) lines.push(`  baseURL: ${JSON.stringify(target.baseUrl)},`);
  if (Object.keys(target.query).length > 0) lines.push(`  defaultQuery: ${JSON.stringify(target.query)},`);
  if (envVar !== defaultVar) lines.push(`  apiKey: process.env.${envVar},`);
  const head = `import ${cls} from ${JSON.stringify(pkg)};\n\n`;
  if (lines.length === 0) return `${head}const client = new ${cls}(); // reads ${defaultVar}`;
  return `${head}const client = new ${cls}({\n${lines.join('\n')}\n});`;
}

/**
 * The request as SDK code: the client (base URL when not the provider's own, the key from an environment variable),
 * the call with model, messages, tools and parameters as sent, and the lines that print the answer.
 */
export function sdkSnippet(lang: SnippetLang, input: SnippetInput): string {
  const api = input.api !== null && ENDPOINTS[input.api] ? input.api : lang.startsWith('openai') ? 'openai.chat' : 'anthropic.messages';
  const ep = ENDPOINTS[api] as Endpoint;
  const family = lang.startsWith('openai') ? 'openai' : 'anthropic';
  const target = clientTarget(input.url, family, ep.suffix);
  const envVar = apiKeyEnvVar(input.provider ?? family);
  const streaming = input.request.stream && ep.stream !== null;
  const args = callArgs(api, input.request);
  const python = lang.endsWith('python');
  if (python) {
    const kwargs = pythonArgs(args, ep.known);
    if (streaming) kwargs.push(['stream', true]);
    const call = pythonCall(`client.${ep.py}`, kwargs);
    const tail = streaming && ep.stream ? `stream = ${call}\n${ep.stream[0]}` : `response = ${call}\n${ep.show[0]}`;
    return `${pythonClient(family, target, envVar)}\n\n${tail}\n`;
  }
  if (streaming) args.push(['stream', true]);
  const call = jsCall(`await client.${ep.js}`, args);
  const tail = streaming && ep.stream ? `const stream = ${call};\n${ep.stream[1]}` : `const response = ${call};\n${ep.show[1]}`;
  return `${jsClient(family, target, envVar)}\n\n${tail}\n`;
}
