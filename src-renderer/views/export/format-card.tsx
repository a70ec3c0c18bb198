import { ExportFormatSchema } from '../../../src-main/contract/index.js';
import { FORMATS, formatInfo } from './export-formats.js';
import type { ExportParams } from './export-params.js';
import { Card } from './option-controls.js';

const GROUPS = [
  { label: 'Fine-tuning datasets (JSONL)', kinds: ['dataset'] },
  { label: 'Raw exchanges', kinds: ['har', 'traces'] },
] as const;

/** Text with `backticked` names shown as code. */
function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

/** The format picker and what the chosen format is. */
export function FormatCard({ params, update }: { params: ExportParams; update: (patch: Partial<ExportParams>) => void }) {
  const info = formatInfo(params.format);
  return (
    <Card title="Format">
      <select
        className="xp-format"
        value={params.format}
        aria-label="Export format"
        onChange={(e) => {
          const f = ExportFormatSchema.safeParse(e.target.value);
          if (f.success) update({ format: f.data });
        }}
        data-testid="export-format"
      >
        {GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {FORMATS.filter((f) => (g.kinds as readonly string[]).includes(f.kind)).map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p className="xp-format-desc" data-testid="export-format-description">
        <InlineCode text={info.description} />
      </p>
    </Card>
  );
}
