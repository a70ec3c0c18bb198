export { AboutView } from './about-view.js';
