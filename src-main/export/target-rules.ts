import type { Example } from './example.js';

/**
 * What a dataset target accepts, as data: the fix-and-validate pass (`rules.ts`) reads these, so the per-target
 * modules only render. Values come from the providers' fine-tuning docs (see `shared/notes/fine-tuning-formats.md`).
 */
export interface ImageRules {
  /** roles whose turns may carry images */
  roles: readonly ('user' | 'system')[];
  maxPerExample: number;
  /** decoded bytes of a data: URL image */
  maxBytes: number;
  /** accepted media types of data: URL images; null = any image type */
  mediaTypes: readonly string[] | null;
  /** accepted URL schemes */
  schemes: readonly ('https' | 'http' | 'data' | 'gs')[];
}

export interface TargetRules {
  /**
   * `inline`: system turns stay where they are; `first`: one system turn, first (merged from all of them);
   * `top-level`: the same, but rendered outside the message list
   */
  system: 'inline' | 'first' | 'top-level';
  /** the format can express tool calls and tool results (else they are dropped, with a fix noted) */
  tools: boolean;
  /** null: text only (images are dropped, with a fix noted) */
  images: ImageRules | null;
  thinking: { default: 'strip' | 'keep'; canKeep: boolean };
  /** per-turn `weight` 0|1 on assistant turns (OpenAI) */
  weights: boolean;
  /** the first non-system turn must be a user turn */
  firstUser: boolean;
  /** user and assistant turns strictly alternate (tool results count on the user side) */
  alternate: boolean;
  /** messages an example needs at least (system excluded) */
  minMessages: number;
}

/** A rendered example: the object written as one JSON line. */
export type RenderedLine = Record<string, unknown>;

export interface RenderOptions {
  thinking: 'strip' | 'keep';
}

/** A dataset target: its rules, its renderer and its own output check. */
export interface DatasetTarget {
  id: string;
  label: string;
  rules: TargetRules;
  render(example: Example, opts: RenderOptions): RenderedLine;
  /** returns why a rendered line breaks the target's rules, or null; a last guard against a renderer bug */
  check(line: RenderedLine): string | null;
}

export const OPENAI_IMAGES: ImageRules = {
  roles: ['user', 'system'],
  maxPerExample: 10,
  maxBytes: 10 * 1024 * 1024,
  mediaTypes: ['image/jpeg', 'image/png', 'image/webp'],
  schemes: ['https', 'http', 'data'],
};

export const VERTEX_IMAGES: ImageRules = {
  roles: ['user'],
  maxPerExample: 30,
  maxBytes: 20 * 1024 * 1024,
  mediaTypes: null,
  schemes: ['gs', 'data'],
};
