export { ConversationsView } from './conversations-view.js';
