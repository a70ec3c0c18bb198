import type { LlmMessage } from '../../../src-main/contract/index.js';

/** The conversation as a person reads it (first version: text parts only). */
export function ChatTranscript({ messages, reply, live }: { messages: LlmMessage[]; reply: LlmMessage | null; live?: boolean }) {
  return (
    <div className="chat">
      {messages.map((m, i) => (
        <div key={i} className={`chat-msg role-${m.role}`} data-testid="chat-message" data-role={m.role}>
          {m.parts.map((p, j) => (p.type === 'text' ? <p key={j}>{p.text}</p> : null))}
        </div>
      ))}
      {reply && (
        <div className="chat-msg role-assistant" data-testid="chat-reply" data-role="assistant">
          {reply.parts.map((p, j) => (p.type === 'text' ? <p key={j}>{p.text}</p> : null))}
          {live && <span className="caret" />}
        </div>
      )}
    </div>
  );
}
