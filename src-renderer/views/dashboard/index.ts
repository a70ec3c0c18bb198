export { DashboardView } from './dashboard-view.js';
// shared with the Conversations view: formatting, time ranges, Traffic links and throttled live refresh
export { formatAgo, formatCount, formatMs, formatPercent, formatUsd, formatWhen } from './format.js';
export { RANGE_PRESETS, isPresetKey, parseInstant, presetMs, type PresetKey } from './time-range.js';
export { filterQuery, trafficParams, type TrafficFilter } from './traffic-link.js';
export { useLiveRefresh } from './use-live-refresh.js';
