import { formatInfo } from './export-formats.js';
import type { ExportParams } from './export-params.js';
import { optionApplies, type FieldErrors } from './export-query.js';
import { Card, Check, Field, Segmented } from './option-controls.js';

type Props = { params: ExportParams; errors: FieldErrors; update: (patch: Partial<ExportParams>) => void };

/** Why an option is greyed out for the chosen format, or null when it applies. */
function offWhy(p: ExportParams, option: string): string | null {
  if (optionApplies(p.format, option)) return null;
  const info = formatInfo(p.format);
  if (info.kind !== 'dataset') return `${info.label} writes the selected exchanges as they are; this option is for fine-tuning datasets.`;
  if (option === 'thinking') return info.thinkingLocked;
  if (option === 'per') return 'DPO pairs two replies to the same prompt, call by call.';
  if (option === 'trainOn') return 'Only the OpenAI chat format has per-turn weights.';
  return 'Only for OpenAI preference (DPO) pairs.';
}

function NumberField(props: Props & { name: 'maxTokens' | 'minExamples' | 'maxExamples'; label: string; placeholder: string; hint: string }) {
  const id = `xp-${props.name}`;
  const why = offWhy(props.params, props.name);
  return (
    <Field label={props.label} htmlFor={id} hint={props.hint} error={props.errors[props.name]} disabledWhy={why}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="xp-num"
        value={props.params[props.name]}
        placeholder={props.placeholder}
        disabled={!!why}
        aria-invalid={!!props.errors[props.name] || undefined}
        onChange={(e) => props.update({ [props.name]: e.target.value })}
        data-testid={`export-option-${props.name}`}
      />
    </Field>
  );
}

/** How calls become examples: per conversation or per call, failed calls, duplicates, how many. */
export function ExamplesCard(props: Props) {
  const { params: p, update } = props;
  const perWhy = offWhy(p, 'per');
  return (
    <Card title="Examples">
      <Field label="One example per" disabledWhy={perWhy}>
        <Segmented
          name="per"
          label="One example per"
          value={p.per}
          options={[
            { value: 'conversation', label: 'Conversation' },
            { value: 'call', label: 'Call' },
          ]}
          onChange={(per) => update({ per })}
          disabledWhy={perWhy}
        />
      </Field>
      <details className="xp-explain" data-testid="export-per-explain">
        <summary>What does one per conversation mean?</summary>
        <p>
          A chat or agent loop sends its whole history again with every call, so call 3 of a conversation already holds calls 1 and 2.{' '}
          <b>Per conversation</b> exports only the last call of each conversation with its reply: the full transcript, once. Exporting every call would
          repeat the same opening turns as separate examples (1, 1–2, 1–3, …) and over-train on them.
        </p>
        <p>
          <b>Per call</b> makes each selected call its own example: right when the calls are independent prompts, or when you picked single calls by id.
          Calls no conversation claims always stand alone.
        </p>
      </details>
      <Check name="includeErrors" label="Include failed calls" hint="errored and aborted calls are left out by default" checked={p.includeErrors} onChange={(includeErrors) => update({ includeErrors })} disabledWhy={offWhy(p, 'includeErrors')} />
      <Check name="dedupe" label="Drop duplicates" hint="examples identical to an earlier one" checked={p.dedupe} onChange={(dedupe) => update({ dedupe })} disabledWhy={offWhy(p, 'dedupe')} />
      <NumberField {...props} name="maxExamples" label="At most" placeholder="all" hint={formatInfo(p.format).kind === 'dataset' ? 'examples' : 'exchanges'} />
    </Card>
  );
}

/** What goes into each example: thinking, PII, trained turns, DPO preference. */
export function ContentCard(props: Props) {
  const { params: p, errors, update } = props;
  const thinkingWhy = offWhy(p, 'thinking');
  const dpo = p.format === 'openai-dpo';
  return (
    <Card title="Content">
      <Field label="Thinking" disabledWhy={thinkingWhy} hint={thinkingWhy ?? 'reasoning blocks from Claude, o-series, Gemini and DeepSeek replies'}>
        <Segmented
          name="thinking"
          label="Thinking"
          value={thinkingWhy ? 'strip' : p.thinking === 'default' ? 'strip' : p.thinking}
          options={[
            { value: 'strip', label: 'Strip' },
            { value: 'keep', label: 'Keep' },
          ]}
          onChange={(thinking) => update({ thinking: thinking === 'strip' ? 'default' : thinking })}
          disabledWhy={thinkingWhy}
        />
      </Field>
      <Check
        name="scrubPii"
        label="Scrub PII"
        hint="replace emails, phone numbers and API-key-like strings in message text (secrets in headers are already redacted)"
        checked={p.scrubPii}
        onChange={(scrubPii) => update({ scrubPii })}
        disabledWhy={offWhy(p, 'scrubPii')}
      />
      {formatInfo(p.format).weights && (
        <Field label="Train on">
          <Segmented
            name="trainOn"
            label="Train on"
            value={p.trainOn}
            options={[
              { value: 'all', label: 'Every reply', title: 'every assistant turn has weight 1' },
              { value: 'last', label: 'Last reply', title: 'earlier assistant turns get weight 0' },
            ]}
            onChange={(trainOn) => update({ trainOn })}
          />
        </Field>
      )}
      {dpo && (
        <>
          <Field label="Preferred reply" hint="when no pair below says which">
            <Segmented
              name="dpoPrefer"
              label="Preferred reply"
              value={p.dpoPrefer}
              options={[
                { value: 'latest', label: 'Latest' },
                { value: 'earliest', label: 'Earliest' },
              ]}
              onChange={(dpoPrefer) => update({ dpoPrefer })}
            />
          </Field>
          <Field label="Pairs" htmlFor="xp-pairs" error={errors['pairs']} hint="preferred:rejected exchange ids, e.g. 12:10,15:14">
            <input id="xp-pairs" type="text" value={p.pairs} placeholder="automatic" spellCheck={false} onChange={(e) => update({ pairs: e.target.value })} data-testid="export-option-pairs" />
          </Field>
        </>
      )}
    </Card>
  );
}

/** The checks: strict, token limit, minimum count. */
export function ChecksCard(props: Props) {
  const { params: p, update } = props;
  return (
    <Card title="Checks">
      <Check name="strict" label="Strict" hint="fail instead of fixing or dropping an example" checked={p.strict} onChange={(strict) => update({ strict })} disabledWhy={offWhy(p, 'strict')} />
      <NumberField {...props} name="maxTokens" label="Token limit" placeholder="65536" hint="per example (o200k count); warns above it" />
      <Check name="dropOverLimit" label="Drop examples over the limit" checked={p.dropOverLimit} onChange={(dropOverLimit) => update({ dropOverLimit })} disabledWhy={offWhy(p, 'dropOverLimit')} />
      <NumberField {...props} name="minExamples" label="Minimum examples" placeholder="10" hint="OpenAI needs 10; warns (strict: fails) below it" />
    </Card>
  );
}
