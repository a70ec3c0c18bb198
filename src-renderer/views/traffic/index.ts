export { TrafficView } from './traffic-view.js';
export { LiveRate } from './live-rate.js';
export { parseFilter, type FilterFields } from './filter-query.js';
