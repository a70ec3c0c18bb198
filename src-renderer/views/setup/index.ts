export { SetupView } from './setup-view.js';
