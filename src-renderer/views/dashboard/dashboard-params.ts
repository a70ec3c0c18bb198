import type { AnalyticsGroupBy } from '../../../src-main/contract/index.js';

/** What the cost chart can be stacked by (the URL's `group`). */
export const GROUP_OPTIONS = [
  { key: 'provider', label: 'Provider' },
  { key: 'model', label: 'Model' },
  { key: 'tag', label: 'Tag' },
] as const satisfies ReadonlyArray<{ key: AnalyticsGroupBy; label: string }>;

export type DashboardGroup = (typeof GROUP_OPTIONS)[number]['key'];

export const DEFAULT_GROUP: DashboardGroup = 'provider';

export function parseGroup(v: string | null | undefined): DashboardGroup {
  return GROUP_OPTIONS.find((g) => g.key === v)?.key ?? DEFAULT_GROUP;
}
