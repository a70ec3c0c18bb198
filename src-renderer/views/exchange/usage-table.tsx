import type { Usage } from '../../../src-main/contract/index.js';
import { formatCost, formatTokens } from './format.js';

const SOURCE_NOTES: Record<Usage['source'], string> = {
  provider: 'as the provider reported',
  estimated: 'estimated with a tokenizer: the provider sent no usage (a stream without include_usage, or a cut stream)',
  regex: 'found by pattern in an unrecognised JSON body',
};

/** Tokens with the splits that drive cost: cached input (read / write) and reasoning inside output. */
export function UsageTable({ usage, costUsd, priced }: { usage: Usage; costUsd: number | null; priced: boolean }) {
  const cached = (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
  const uncached = usage.inputTokens !== null ? usage.inputTokens - cached : null;
  const rows: Array<[string, number | null, boolean]> = [
    ['Input', usage.inputTokens, false],
    ['uncached', cached > 0 ? uncached : null, true],
    ['cache read', usage.cacheReadTokens, true],
    ['cache write', usage.cacheWriteTokens, true],
    ['Output', usage.outputTokens, false],
    ['reasoning', usage.reasoningTokens, true],
    ['Total', usage.totalTokens ?? (usage.inputTokens !== null && usage.outputTokens !== null ? usage.inputTokens + usage.outputTokens : null), false],
  ];
  return (
    <table className="kv-table usage-table" data-testid="usage-table">
      <tbody>
        {rows
          .filter(([, v, sub]) => !sub || (v !== null && v !== 0))
          .map(([label, v, sub]) => (
            <tr key={label} className={sub ? 'sub' : undefined} data-row={label}>
              <th>{sub ? `↳ ${label}` : label}</th>
              <td className="num">{formatTokens(v)}</td>
            </tr>
          ))}
        <tr>
          <th>Source</th>
          <td>
            <span className={`badge badge-${usage.source}`} data-testid="usage-source">
              {usage.source}
            </span>{' '}
            <span className="dim">{SOURCE_NOTES[usage.source]}</span>
          </td>
        </tr>
        {priced && (
          <tr>
            <th>Cost</th>
            <td className="num" data-testid="usage-cost" title={costUsd === null ? 'no price known for this provider and model' : undefined}>
              {formatCost(costUsd)}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
