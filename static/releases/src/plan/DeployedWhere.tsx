/** The "what is deployed where" matrix of the Environments page: versions x environments. */
import { useMemo } from 'react';
import type { ReleaseCalendarView } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { TIER_SWATCH } from './plan-design';
import { type DeployedCell, deployedWhere } from './deployed-where';
import { formatWhen } from './plan-model';
import { useProjectTime } from '../project-time';

const MAX_ROWS = 12;

function CellContent({ cell }: { cell: DeployedCell | undefined }) {
  const { timeZone } = useProjectTime();
  if (!cell) return <span style={{ color: color.textSubtlest }}>–</span>;
  const ok = cell.status === 'successful';
  const word = ok ? (cell.current ? 'Running' : 'Deployed') : cell.status.replace('_', ' ');
  return (
    <span
      title={`${word} · ${formatWhen(cell.at, timeZone)}`}
      style={{
        display: 'inline-flex',
        flexDirection: 'column',
        padding: '2px 6px',
        borderRadius: radius,
        font: font.small,
        background: cell.current ? color.bgSuccess : ok ? 'transparent' : color.bgDanger,
        color: ok ? color.textSuccess : color.textDanger,
        fontWeight: cell.current ? 600 : 400,
      }}
    >
      <span>
        {ok ? '✓ ' : '✗ '}
        {word}
      </span>
      <span style={{ color: color.textSubtle, fontWeight: 400 }}>{formatWhen(cell.at, timeZone)}</span>
    </span>
  );
}

export function DeployedWhereMatrix({ view, now }: { view: ReleaseCalendarView; now: number }) {
  const matrix = useMemo(() => deployedWhere(view.deployments, view.environments, view.tierOrder, now), [view, now]);
  const rows = matrix.rows.slice(0, MAX_ROWS);
  return (
    <section aria-labelledby="deployed-where-heading" data-testid="deployed-where" style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <h3 id="deployed-where-heading" style={{ margin: 0, fontSize: 16, fontWeight: 600, color: color.text }}>
        What is deployed where
      </h3>
      {rows.length === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No deployment to an environment of the inventory in the loaded period. Pipelines report them to the app’s web trigger, or record one from the Calendar.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', font: font.body, color: color.text, minWidth: '100%' }}>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left', padding: space.s050, font: font.small, fontWeight: 600, color: color.textSubtle, borderBottom: `2px solid ${color.border}` }}>
                  Version
                </th>
                {matrix.environments.map((e) => (
                  <th key={e.id} scope="col" style={{ textAlign: 'left', padding: space.s050, font: font.small, fontWeight: 600, color: color.textSubtle, borderBottom: `2px solid ${color.border}`, whiteSpace: 'nowrap' }}>
                    {e.name}{' '}
                    <span style={{ padding: '0 4px', borderRadius: radius, background: TIER_SWATCH[e.tier].background, color: TIER_SWATCH[e.tier].text, fontWeight: 400 }}>{e.tier}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid={`deployed-row-${row.name}`}>
                  <th scope="row" style={{ textAlign: 'left', padding: space.s050, borderBottom: `1px solid ${color.border}`, whiteSpace: 'nowrap' }}>
                    {row.name}
                  </th>
                  {matrix.environments.map((e) => (
                    <td key={e.id} data-environment={e.name} style={{ padding: space.s050, borderBottom: `1px solid ${color.border}`, verticalAlign: 'top' }}>
                      <CellContent cell={row.cells[e.id]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {matrix.rows.length > MAX_ROWS && <p style={{ margin: `${space.s050} 0 0`, font: font.small, color: color.textSubtle }}>The {MAX_ROWS} versions deployed most recently; {matrix.rows.length - MAX_ROWS} older ones are on the timeline below.</p>}
        </div>
      )}
    </section>
  );
}
