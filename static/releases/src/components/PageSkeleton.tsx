import { token } from '@atlaskit/tokens';
import { radius, space } from '../design';

const bone = token('color.skeleton', '#091E420F');
const boneSubtle = token('color.skeleton.subtle', '#091E4208');

function Bone({ width, height, subtle = false }: { width: number | string; height: number; subtle?: boolean }) {
  return <div style={{ width, height, borderRadius: radius, background: subtle ? boneSubtle : bone }} />;
}

/**
 * A page's first load in the shape of what is coming (a toolbar, a heading, rows), in Atlassian's
 * skeleton colours, so the page does not jump when the data arrives. `label` is what a screen
 * reader hears.
 */
export function PageSkeleton({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} data-testid="page-skeleton" style={{ display: 'flex', flexDirection: 'column', gap: space.s200, padding: `${space.s200} 0` }}>
      <div style={{ display: 'flex', gap: space.s150 }}>
        <Bone width={260} height={32} />
        <Bone width={160} height={32} />
      </div>
      <Bone width="100%" height={96} subtle />
      <Bone width={220} height={20} />
      {Array.from({ length: rows }, (_, i) => (
        <Bone key={i} width={`${100 - ((i * 13) % 30)}%`} height={16} subtle={i % 2 === 1} />
      ))}
    </div>
  );
}
