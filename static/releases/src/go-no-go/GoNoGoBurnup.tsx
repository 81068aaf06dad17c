import { ReleaseBurnup } from '../charts/BurnupChart';
import { Section } from './controls';

/** Scope vs done of the release being decided, with the projection against its release date. */
export function GoNoGoBurnup({ versionId }: { versionId: string }) {
  return (
    <Section title="Burn-up" testId="gng-burnup">
      <ReleaseBurnup key={versionId} versionId={versionId} testId="gng-burnup-chart" />
    </Section>
  );
}
