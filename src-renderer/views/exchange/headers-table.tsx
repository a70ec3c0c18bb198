import type { HeaderPairs } from '../../../src-main/contract/index.js';
import { isRedacted } from './secrets.js';

/** Headers in wire order and case; redacted values shown as stored, marked so nobody mistakes them for the key. */
export function HeadersTable({ headers, testId }: { headers: HeaderPairs; testId?: string }) {
  if (headers.length === 0) return <div className="dim headers-empty">No headers recorded.</div>;
  return (
    <table className="headers-table" data-testid={testId}>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th className="mono">{name}</th>
            <td className={isRedacted(value) ? 'mono redacted' : 'mono'} title={isRedacted(value) ? 'redacted at capture: the secret never reached the store' : undefined}>
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
