import { useState } from 'react';
import type { LlmError, LlmMessage, ToolDef } from '../../../src-main/contract/index.js';
import { prettyJson } from './body-format.js';
import { FOLD_SYSTEM_CHARS, linkToolCalls, textLength, type ToolCallPart, type ToolResultPart } from './chat-model.js';
import { ChatPart } from './chat-part.js';

const ROLE_LABELS: Record<LlmMessage['role'], string> = {
  system: 'System',
  developer: 'Developer',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
};

function ToolDefinitions({ tools }: { tools: ToolDef[] }) {
  return (
    <details className="chat-tools" data-testid="chat-tools">
      <summary>
        {tools.length} tool{tools.length === 1 ? '' : 's'} defined: <span className="mono">{tools.map((t) => t.name).join(', ')}</span>
      </summary>
      {tools.map((t) => (
        <div key={t.name} className="chat-tool-def">
          <div>
            <span className="tool-name">{t.name}</span> {t.description && <span className="dim">{t.description}</span>}
          </div>
          {t.parameters !== null && <pre className="tool-args">{prettyJson(t.parameters)}</pre>}
        </div>
      ))}
    </details>
  );
}

interface MessageProps {
  message: LlmMessage;
  markdown: boolean;
  testId: 'chat-message' | 'chat-reply';
  live: boolean;
  answered: Set<string>;
  resultCall: Map<ToolResultPart, ToolCallPart>;
}

function ChatMessage({ message, markdown, testId, live, answered, resultCall }: MessageProps) {
  const system = message.role === 'system' || message.role === 'developer';
  const long = system && textLength(message) > FOLD_SYSTEM_CHARS;
  const [open, setOpen] = useState(!long);
  const lastText = message.parts.map((p) => p.type).lastIndexOf('text');
  return (
    <div className={`chat-msg role-${message.role}${testId === 'chat-reply' ? ' chat-reply' : ''}`} data-testid={testId} data-role={message.role}>
      <div className="chat-role">
        {ROLE_LABELS[message.role]}
        {testId === 'chat-reply' && <span className="chat-reply-tag">{live ? 'streaming' : 'reply'}</span>}
      </div>
      <div className={open ? 'chat-body' : 'chat-body folded'}>
        {message.parts.map((p, i) => (
          <ChatPart
            key={i}
            part={p}
            caret={live && i === lastText}
            answered={p.type === 'tool_call' && p.id !== null && answered.has(p.id)}
            call={p.type === 'tool_result' ? resultCall.get(p) : undefined}
            // replies are written as Markdown; prompts are shown exactly as sent
            markdown={markdown && message.role === 'assistant'}
          />
        ))}
        {message.parts.length === 0 && <div className="dim">(empty){live && <span className="caret" aria-hidden="true" />}</div>}
        {live && lastText === -1 && message.parts.length > 0 && <span className="caret" aria-hidden="true" />}
      </div>
      {long && (
        <button type="button" className="chat-fold link-button" onClick={() => setOpen(!open)}>
          {open ? 'Fold' : `Show all (${textLength(message).toLocaleString('en-US')} chars)`}
        </button>
      )}
    </div>
  );
}

/**
 * The conversation as a person reads it: instructions, turns, tool calls with their results, thinking folded, images,
 * refusals, then the reply (growing, with a caret, while `live`).
 */
export function ChatTranscript({
  messages,
  reply,
  live,
  tools = [],
  error = null,
  markdown = true,
}: {
  messages: LlmMessage[];
  reply: LlmMessage | null;
  live?: boolean;
  tools?: ToolDef[];
  error?: LlmError | null;
  /** render the assistant's text as Markdown (plain text otherwise, exactly as sent) */
  markdown?: boolean;
}) {
  const { links, resultCall } = linkToolCalls(messages, reply);
  return (
    <div className="chat" data-testid="chat-transcript">
      {tools.length > 0 && <ToolDefinitions tools={tools} />}
      {messages.map((m, i) => (
        <ChatMessage key={i} message={m} markdown={markdown} testId="chat-message" live={false} answered={links.answered} resultCall={resultCall} />
      ))}
      {reply && <ChatMessage message={reply} markdown={markdown} testId="chat-reply" live={live === true} answered={links.answered} resultCall={resultCall} />}
      {!reply && live && (
        <div className="chat-msg role-assistant chat-reply" data-testid="chat-reply" data-role="assistant">
          <div className="chat-role">
            Assistant<span className="chat-reply-tag">waiting</span>
          </div>
          <div className="chat-body dim">
            waiting for the first token<span className="caret" aria-hidden="true" />
          </div>
        </div>
      )}
      {error && (
        <div className="chat-error" data-testid="chat-error">
          <span className="chat-error-type">{error.type}</span> {error.message}
        </div>
      )}
    </div>
  );
}
