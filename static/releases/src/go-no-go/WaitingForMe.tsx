/** "Waiting for you": the Go/No-Go sign-offs the person looking still owes, on the Overview. */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { formatJiraDate } from '../release-rows';
import { color, font, space } from '../design';
import { useResolverAnswer } from '../use-resolver-answer';

const EMPTY = {};

export function WaitingForMe({ onOpenBoard }: { onOpenBoard: (versionId: string) => void }) {
  const { data } = useResolverAnswer('getWaitingForMe', EMPTY);
  // Nothing owed (or the list failed to load): the Overview stays as it was, no empty banner.
  if (!data || data.votes.length === 0) return null;
  return (
    <div data-testid="waiting-for-me">
      <SectionMessage appearance="information" title={`Waiting for your sign-off (${data.votes.length})`}>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
          {data.votes.map((vote) => (
            <li key={`${vote.versionId}-${vote.roleId}`} style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap', font: font.body, color: color.text }}>
              <span>
                <strong>{vote.versionName}</strong> · {vote.roleName}
                {vote.releaseDate ? <span style={{ color: color.textSubtle }}> · due {formatJiraDate(vote.releaseDate)}</span> : null}
              </span>
              <Button spacing="compact" onClick={() => onOpenBoard(vote.versionId)} testId={`waiting-open-${vote.versionId}-${vote.roleId}`}>
                Open the Go/No-Go board
              </Button>
            </li>
          ))}
        </ul>
      </SectionMessage>
    </div>
  );
}
