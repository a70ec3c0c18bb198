export { InspectorProxy, type InspectorProxyOptions, type LeafSource } from './inspector-proxy.js';
export { ProxySettings } from './proxy-settings.js';
export { HostPatterns, splitHostPort } from './host-patterns.js';
export { RouteTable, type RouteTarget } from './route-table.js';
export { classifyUpstreamError, type ClassifiedError } from './upstream-errors.js';
export { listenWithFallback } from './listen.js';
export { SELF_HOST, isSelfHost, selfHostAnswer, type SelfHostCa } from './self-host.js';
export { planUpstream, type UpstreamPlan } from './upstream-plan.js';
export { limitHeapGrowth, heapGrowingPercent, DEFAULT_HEAP_GROWING_PERCENT, HEAP_GROWING_ENV } from './heap-policy.js';
