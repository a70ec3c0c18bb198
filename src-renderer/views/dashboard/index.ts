export { DashboardView } from './dashboard-view.js';
