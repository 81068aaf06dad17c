import { useState } from 'react';
import { openInNewTab } from '../platform';
import { versionPath } from '../release-rows';
import { color } from '../design';

interface Props {
  projectKey: string;
  versionId: string;
  name: string;
  siteUrl?: string;
}

/** The version's name, opening its page in Jira (new tab) through the Forge router. */
export function VersionLink({ projectKey, versionId, name, siteUrl }: Props) {
  const [failed, setFailed] = useState<string>();
  const path = versionPath(projectKey, versionId);
  return (
    <>
      <a
        href={siteUrl ? `${siteUrl.replace(/\/$/, '')}${path}` : path}
        onClick={(event) => {
          event.preventDefault();
          setFailed(undefined);
          openInNewTab(path).catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
        }}
        style={{ color: color.link, fontWeight: 600 }}
      >
        {name}
      </a>
      {failed && (
        <div role="alert" style={{ color: color.textDanger, fontSize: 12 }}>
          Could not open the version in Jira: {failed}
        </div>
      )}
    </>
  );
}
