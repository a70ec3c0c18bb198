import type { ContentPart } from '../../../src-main/contract/index.js';
import { prettyJson } from './body-format.js';
import type { ToolCallPart } from './chat-model.js';
import { MarkdownText } from './markdown-view.js';

function ToolCall({ part, answered }: { part: ToolCallPart; answered: boolean }) {
  const args = part.parsed !== null && part.parsed !== undefined ? JSON.stringify(part.parsed, null, 2) : part.arguments;
  return (
    <div className="tool-call" data-testid="tool-call" data-tool={part.name}>
      <div className="tool-head">
        <span className="tool-glyph" aria-hidden="true">ƒ</span>
        <span className="tool-name">{part.name}</span>
        {part.id !== null && <span className="tool-id mono dim">{part.id}</span>}
        {answered && <span className="tool-answered" title="a later message carries this call's result">answered</span>}
      </div>
      <pre className="tool-args">{args}</pre>
      {part.parsed === null && part.arguments !== '' && <div className="tool-note warn-text">arguments are not valid JSON (cut short by max tokens?)</div>}
    </div>
  );
}

function ToolResult({ part, call }: { part: Extract<ContentPart, { type: 'tool_result' }>; call: ToolCallPart | undefined }) {
  const name = call?.name ?? part.name;
  return (
    <div className={part.isError ? 'tool-result tool-error' : 'tool-result'} data-testid="tool-result" data-tool={name ?? undefined}>
      <div className="tool-head">
        <span className="tool-glyph" aria-hidden="true">↳</span>
        <span>{part.isError ? 'error from ' : 'result of '}</span>
        <span className="tool-name">{name ?? 'tool'}</span>
        {part.toolCallId !== null && <span className="tool-id mono dim">{part.toolCallId}</span>}
        {!call && <span className="dim"> (no matching call in this request)</span>}
      </div>
      <pre className="tool-args">{prettyJson(part.content)}</pre>
    </div>
  );
}

/** One content part as a person reads it. */
export function ChatPart({
  part,
  caret,
  answered,
  call,
  markdown,
}: {
  part: ContentPart;
  caret: boolean;
  answered: boolean;
  call: ToolCallPart | undefined;
  markdown: boolean;
}) {
  const tail = caret ? <span className="caret" aria-hidden="true" /> : null;
  switch (part.type) {
    case 'text':
      return markdown ? (
        <MarkdownText text={part.text} tail={tail} />
      ) : (
        <div className="chat-text">
          {part.text}
          {tail}
        </div>
      );
    case 'image':
      return part.url ? (
        <figure className="chat-image">
          <img src={part.url} alt={part.mediaType ?? 'image'} loading="lazy" />
          <figcaption className="dim">{part.mediaType ?? (part.url.startsWith('data:') ? 'inline image' : part.url)}</figcaption>
        </figure>
      ) : (
        <div className="chat-image dim">image ({part.mediaType ?? 'no URL kept'})</div>
      );
    case 'thinking':
      return (
        <details className="chat-thinking" data-testid="chat-thinking">
          <summary>{part.redacted ? 'Thinking (redacted by the provider)' : `Thinking · ${part.text.length.toLocaleString('en-US')} chars`}</summary>
          {part.text && <div className="chat-text">{part.text}</div>}
        </details>
      );
    case 'tool_call':
      return <ToolCall part={part} answered={answered} />;
    case 'tool_result':
      return <ToolResult part={part} call={call} />;
    case 'refusal':
      return (
        <div className="chat-refusal" data-testid="chat-refusal">
          <span className="chat-refusal-label">Refusal</span> {part.text}
        </div>
      );
  }
}
