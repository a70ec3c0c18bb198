export { TrafficView } from './traffic-view.js';
export { LiveRate } from './live-rate.js';
