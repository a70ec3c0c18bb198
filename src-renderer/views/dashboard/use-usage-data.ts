import type { UsageSummary, UsageTimeseries } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import type { DashboardGroup } from './dashboard-params.js';
import { bucketForSpan, wholeRangeBucket, type TimeRange } from './time-range.js';

export interface UsageData {
  /** ungrouped series: tokens, requests, percentiles per bucket */
  overall: UsageTimeseries | null;
  /** the same range grouped for the cost chart */
  grouped: UsageTimeseries | null;
  summary: UsageSummary | null;
  /** one bucket spanning the whole range: its percentiles are the range's */
  whole: UsageTimeseries | null;
  loading: boolean;
  error: Error | null;
  reload: () => void;
}

/** The dashboard's four queries for a range; answers stay on screen while the next ones load. */
export function useUsageData(range: TimeRange, group: DashboardGroup): UsageData {
  const { since, until } = range;
  const bucketMs = bucketForSpan(until - since);
  const wholeMs = wholeRangeBucket(since, until);
  const overall = useCommand('analytics.timeseries', { since, until, bucketMs, groupBy: 'none' });
  const grouped = useCommand('analytics.timeseries', { since, until, bucketMs, groupBy: group });
  const summary = useCommand('analytics.summary', { since, until, groupBy: 'none' });
  const whole = useCommand('analytics.timeseries', wholeMs === null ? null : { since, until, bucketMs: wholeMs, groupBy: 'none' });
  const reload = () => {
    overall.reload();
    grouped.reload();
    summary.reload();
    if (wholeMs !== null) whole.reload();
  };
  return {
    overall: overall.data,
    grouped: grouped.data,
    summary: summary.data,
    // a null input leaves the previous answer in place: it belongs to another range
    whole: wholeMs === null ? null : whole.data,
    loading: overall.loading || grouped.loading || summary.loading || (wholeMs !== null && whole.loading),
    error: overall.error ?? grouped.error ?? summary.error ?? (wholeMs === null ? null : whole.error),
    reload,
  };
}
