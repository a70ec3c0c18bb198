import type { ExportFormat } from '../../../src-main/contract/index.js';

/**
 * What the format picker says about each export target, and which options apply to it. The thinking rules mirror the
 * targets' own (`src-main/export/targets/*`: only ShareGPT and TRL can carry reasoning); the server still checks them and
 * answers 400 when they disagree, so a drift shows up as an error instead of a wrong file.
 */
export interface FormatInfo {
  id: ExportFormat;
  label: string;
  /** one line under the picker */
  description: string;
  /** `dataset`: fine-tuning examples; `har` / `traces`: the raw exchanges, where the dataset options do not apply */
  kind: 'dataset' | 'har' | 'traces';
  extension: 'jsonl' | 'har';
  /** null when thinking can be kept; else why it cannot */
  thinkingLocked: string | null;
  /** OpenAI's per-turn `weight` exists, so "train on" applies */
  weights: boolean;
}

export const FORMATS: readonly FormatInfo[] = [
  {
    id: 'openai-chat',
    label: 'OpenAI chat (SFT)',
    description: '`messages` with tools, tool_calls (arguments as JSON strings) and per-turn weight; also read by Azure, Together, Fireworks.',
    kind: 'dataset',
    extension: 'jsonl',
    thinkingLocked: 'OpenAI chat fine-tuning has no field for reasoning, so thinking is always stripped.',
    weights: true,
  },
  {
    id: 'openai-dpo',
    label: 'OpenAI preference (DPO)',
    description: 'Pairs of two replies to the same prompt (a resend, a retry): input, preferred_output, non_preferred_output.',
    kind: 'dataset',
    extension: 'jsonl',
    thinkingLocked: 'DPO outputs are text-only assistant replies, so thinking is always stripped.',
    weights: false,
  },
  {
    id: 'bedrock-claude',
    label: 'Amazon Bedrock Claude',
    description: 'Top-level `system` string plus strictly alternating text-only `messages`; tool calls and images are dropped.',
    kind: 'dataset',
    extension: 'jsonl',
    thinkingLocked: 'Bedrock Claude fine-tuning takes text-only string content, so thinking is always stripped.',
    weights: false,
  },
  {
    id: 'vertex-gemini',
    label: 'Vertex AI Gemini',
    description: '`contents` with user/model `parts`, `systemInstruction`, functionCall / functionResponse parts for tools.',
    kind: 'dataset',
    extension: 'jsonl',
    thinkingLocked: 'Vertex supervised tuning data does not accept thought parts, so thinking is always stripped.',
    weights: false,
  },
  {
    id: 'sharegpt',
    label: 'ShareGPT / Axolotl',
    description: '`conversations` of from/value turns (system, human, gpt, function_call, observation); thinking can be kept as <think>.',
    kind: 'dataset',
    extension: 'jsonl',
    thinkingLocked: null,
    weights: false,
  },
  {
    id: 'trl-messages',
    label: 'Hugging Face TRL',
    description: 'Conversational `messages` (+ `tools`) for SFTTrainer chat templates; thinking can be kept as reasoning_content.',
    kind: 'dataset',
    extension: 'jsonl',
    thinkingLocked: null,
    weights: false,
  },
  {
    id: 'har',
    label: 'HAR 1.2 archive',
    description: 'Every selected exchange as HTTP, openable in Chrome DevTools, HTTP Toolkit and Charles, and importable here.',
    kind: 'har',
    extension: 'har',
    thinkingLocked: 'A HAR archive holds the raw HTTP bodies as captured.',
    weights: false,
  },
  {
    id: 'traces',
    label: 'Trace files',
    description: 'One JSON trace per exchange (request, response, chunk timings, parsed view), one per line.',
    kind: 'traces',
    extension: 'jsonl',
    thinkingLocked: 'Trace files hold the raw exchanges as captured.',
    weights: false,
  },
];

export const DEFAULT_FORMAT: ExportFormat = 'openai-chat';

export function formatInfo(id: ExportFormat): FormatInfo {
  return FORMATS.find((f) => f.id === id) ?? FORMATS[0]!;
}

/** `llm-inspector-openai-chat-2026-11-24.jsonl`, dated in the user's own time zone. */
export function downloadFilename(format: ExportFormat, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `llm-inspector-${format}-${day}.${formatInfo(format).extension}`;
}
