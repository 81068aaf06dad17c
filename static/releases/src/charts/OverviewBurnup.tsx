import { useState } from 'react';
import type { ReleaseSummary } from '../../../../src/contract';
import { color, filterSelectStyle, font, space } from '../design';
import { ReleaseBurnup } from './BurnupChart';

/** The release a burn-up opens on: the next unreleased one by release date, else the newest. */
export function defaultBurnupRelease(releases: readonly ReleaseSummary[]): ReleaseSummary | undefined {
  const open = releases.filter((r) => !r.released).sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999'));
  return open[0] ?? releases[0];
}

/** The overview's burn-up of one release, chosen in a picker. */
export function OverviewBurnup({ releases }: { releases: readonly ReleaseSummary[] }) {
  const [chosen, setChosen] = useState<string>();
  const selected = releases.find((r) => r.id === chosen) ?? defaultBurnupRelease(releases);
  if (!selected) return null;
  return (
    <section data-testid="overview-burnup" aria-labelledby="overview-burnup-heading" style={{ display: 'flex', flexDirection: 'column', gap: space.s100, padding: space.s200, border: `1px solid ${color.border}`, borderRadius: 6, background: color.surface }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150, alignItems: 'center' }}>
        <h3 id="overview-burnup-heading" style={{ font: font.body, fontWeight: 600, color: color.text, margin: 0 }}>
          Burn-up
        </h3>
        <select aria-label="Release shown in the burn-up" data-testid="overview-burnup-picker" className="rr-select" value={selected.id} onChange={(e) => setChosen(e.currentTarget.value)} style={filterSelectStyle}>
          {releases.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
              {r.released ? ' (released)' : ''}
            </option>
          ))}
        </select>
      </div>
      <ReleaseBurnup versionId={selected.id} testId="overview-burnup-chart" />
    </section>
  );
}
