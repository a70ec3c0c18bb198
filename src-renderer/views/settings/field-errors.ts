import { getAt } from './config-form.js';
import { fieldSpec } from './settings-fields.js';

/** The part of a zod issue the form reads (zod's own issues fit it; so do the ones rebuilt from a server tree). */
export interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/** A field's error, and which items of a list field are wrong (for chips to show red). */
export interface FieldError {
  message: string;
  items: number[];
}

export type FieldErrors = Record<string, FieldError>;

/** Issues still not placed beside a field go on the form as a whole, under this key. */
export const FORM_KEY = '';

/** z.treeifyError output (what the server sends as `details` with a 400) back into a list of issues with paths. */
export function issuesFromTree(tree: unknown, path: PropertyKey[] = []): Issue[] {
  if (typeof tree !== 'object' || tree === null) return [];
  const node = tree as { errors?: unknown; properties?: unknown; items?: unknown };
  const out: Issue[] = [];
  if (Array.isArray(node.errors)) for (const m of node.errors) if (typeof m === 'string') out.push({ path, message: m });
  if (typeof node.properties === 'object' && node.properties !== null) {
    for (const [k, child] of Object.entries(node.properties)) out.push(...issuesFromTree(child, [...path, k]));
  }
  if (Array.isArray(node.items)) node.items.forEach((child: unknown, i) => out.push(...issuesFromTree(child, [...path, i])));
  return out;
}

function num(v: number | bigint | undefined, scale: number): string {
  return v === undefined ? '' : String(Number(v) / scale);
}

/** Zod's message in the words of the form, with limits in the unit the field is shown in (seconds, MiB). */
export function friendlyMessage(issue: Issue, fieldPath: string, draft: unknown): string {
  const spec = fieldSpec(fieldPath);
  const scale = spec?.kind === 'number' ? (spec.scale ?? 1) : 1;
  const unit = spec?.kind === 'number' && spec.unit ? ` ${spec.unit}` : '';
  const value = getAt(draft, issue.path.map(String).join('.'));
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return value === '' || value === undefined ? 'Required' : 'Enter a number';
      return issue.message;
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return 'Required';
      return issue.inclusive === false ? `Must be more than ${num(issue.minimum, scale)}${unit}` : `At least ${num(issue.minimum, scale)}${unit}`;
    case 'too_big':
      return issue.inclusive === false ? `Must be less than ${num(issue.maximum, scale)}${unit}` : `At most ${num(issue.maximum, scale)}${unit}`;
    default:
      // zod's "expected int" comes as invalid_type above; custom regex messages are already written for people
      return issue.message;
  }
}

/**
 * Places each issue beside the field it belongs to: the longest known field path that is a prefix of the issue's path.
 * An issue about one item of a list (`mitm.hosts.3`) names the item, and marks it. The first issue per field wins.
 */
export function fieldErrors(issues: readonly Issue[], fields: readonly string[], draft: unknown): FieldErrors {
  const out: FieldErrors = {};
  const known = [...fields].sort((a, b) => b.length - a.length);
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    const field = known.find((f) => path === f || path.startsWith(`${f}.`)) ?? FORM_KEY;
    const rest = field === FORM_KEY ? [] : path.slice(field.length + 1).split('.').filter(Boolean);
    const item = rest.length === 1 && /^\d+$/.test(rest[0] ?? '') ? Number(rest[0]) : null;
    let message = friendlyMessage(issue, field, draft);
    if (item !== null) {
      const value = getAt(draft, path);
      message = `${typeof value === 'string' ? `"${value}"` : `item ${item + 1}`}: ${message}`;
    } else if (field === FORM_KEY && path) {
      message = `${path}: ${message}`;
    }
    const entry = out[field];
    if (!entry) out[field] = { message, items: item === null ? [] : [item] };
    else if (item !== null && !entry.items.includes(item)) entry.items.push(item);
  }
  return out;
}
