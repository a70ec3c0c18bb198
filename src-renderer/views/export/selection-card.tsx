import { useEffect } from 'react';
import type { AnalyticsGroupBy } from '../../../src-main/contract/index.js';
import { useCommand } from '../../app/client-context.js';
import { normaliseIds, type ExportParams } from './export-params.js';
import type { FieldErrors } from './export-query.js';
import { Card, Check, Field } from './option-controls.js';
import { TimeRange } from './time-range.js';
import { paramsFromTrafficFilter } from './traffic-filter.js';

type Update = (patch: Partial<ExportParams>) => void;

/** Values seen in the store for a field, most used first, offered as the input's suggestions. */
function useSuggestions(groupBy: AnalyticsGroupBy): string[] {
  const { data } = useCommand('analytics.summary', { groupBy, limit: 200 });
  return (data?.groups ?? []).flatMap((g) => (g.group === null ? [] : [g.group]));
}

function TextField(props: { name: 'provider' | 'model' | 'tag' | 'conversationId' | 'host' | 'search'; label: string; placeholder: string; hint?: string; params: ExportParams; errors: FieldErrors; update: Update; suggestions?: string[] }) {
  const id = `xp-${props.name}`;
  const listId = props.suggestions && props.suggestions.length > 0 ? `${id}-values` : undefined;
  return (
    <Field label={props.label} htmlFor={id} hint={props.hint} error={props.errors[props.name]}>
      <input
        id={id}
        type="text"
        value={props.params[props.name]}
        placeholder={props.placeholder}
        list={listId}
        spellCheck={false}
        aria-invalid={!!props.errors[props.name] || undefined}
        onChange={(e) => props.update({ [props.name]: e.target.value })}
        data-testid={`export-option-${props.name}`}
      />
      {listId && (
        <datalist id={listId}>
          {props.suggestions!.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
    </Field>
  );
}

/** Which exchanges the export looks at: the exchange list's filters, a time range and explicit ids. */
export function SelectionCard({ params, errors, update }: { params: ExportParams; errors: FieldErrors; update: Update }) {
  const providers = useSuggestions('provider');
  const models = useSuggestions('model');
  const tags = useSuggestions('tag');
  const idCount = normaliseIds(params.ids).split(',').filter(Boolean).length;
  const extra = Object.entries(params.extra);
  const common = { params, errors, update };
  // a link from Traffic carries its filter text: turn it into these fields once, so what is shown is what is exported
  useEffect(() => {
    if (params.q !== '') update(paramsFromTrafficFilter(params.q));
  }, [params.q, update]);
  return (
    <Card title="Selection">
      <TextField name="provider" label="Provider" placeholder="any" suggestions={providers} {...common} />
      <TextField name="model" label="Model" placeholder="any, e.g. gpt-4o*" hint="* matches any text" suggestions={models} {...common} />
      <TextField name="tag" label="Tag" placeholder="any" suggestions={tags} {...common} />
      <TextField name="conversationId" label="Conversation" placeholder="any, e.g. c:12" {...common} />
      <TextField name="host" label="Host" placeholder="any, e.g. *.openai.com" {...common} />
      <TextField name="search" label="Text" placeholder="words in the bodies" hint="full-text search; plain words must all appear" {...common} />
      <TimeRange params={params} errors={errors} update={update} />
      <Field label="Exchange ids" htmlFor="xp-ids" error={errors['ids']} hint={idCount > 0 ? `only these ${idCount} (still narrowed by the filters above)` : 'only these exchanges, e.g. 12,15,20'}>
        <input
          id="xp-ids"
          type="text"
          value={params.ids}
          placeholder="all"
          spellCheck={false}
          aria-invalid={!!errors['ids'] || undefined}
          onChange={(e) => update({ ids: e.target.value })}
          data-testid="export-option-ids"
        />
      </Field>
      <Check name="starred" label="Starred only" hint="only exchanges starred (☆) in their detail header" checked={params.starred} onChange={(starred) => update({ starred })} />
      {extra.length > 0 && (
        <div className="xp-extra" data-testid="export-extra-filters">
          <span className="dim">Also filtered by</span>
          {extra.map(([k, v]) => (
            <span key={k} className="xp-chip">
              <code>
                {k}={v}
              </code>
              {errors[k] && <span className="xp-field-error"> {errors[k]}</span>}
              <button
                type="button"
                aria-label={`Remove ${k}`}
                onClick={() => {
                  const next = { ...params.extra };
                  delete next[k];
                  update({ extra: next });
                }}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </Card>
  );
}
