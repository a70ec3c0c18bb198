export {
  ConversationTracker,
  type AssignInput,
  type Assignment,
  type ConversationStats,
  type ConversationTrackerOptions,
} from './conversation-tracker.js';
export { canonicalJson, fingerprint, hashString, type Fingerprint } from './message-fingerprint.js';
export {
  explicitSessionId,
  headerValue,
  previousResponseId,
  sessionConversationId,
  tagOf,
  userNamespace,
} from './hints.js';
export { measureAssign, type AssignMeasurement } from './measure-assign.js';
