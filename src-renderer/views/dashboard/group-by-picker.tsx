import { GROUP_OPTIONS, type DashboardGroup } from './dashboard-params.js';

export function GroupByPicker({ value, onChange }: { value: DashboardGroup; onChange: (g: DashboardGroup) => void }) {
  return (
    <div className="dash-seg" role="group" aria-label="Group cost by" data-testid="group-by">
      <span className="dash-seg-label">cost by</span>
      {GROUP_OPTIONS.map((g) => (
        <button key={g.key} type="button" aria-pressed={value === g.key} data-testid={`group-${g.key}`} onClick={() => onChange(g.key)}>
          {g.label}
        </button>
      ))}
    </div>
  );
}
