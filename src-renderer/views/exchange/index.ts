export { ExchangeDetail } from './exchange-detail.js';
export { ChatTranscript } from './chat-transcript.js';
