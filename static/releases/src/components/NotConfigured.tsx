import type { ReactNode } from 'react';
import SectionMessage from '@atlaskit/section-message';

interface Props {
  title: string;
  /** What the page will hold once it is set up. */
  children: ReactNode;
}

/** An honest placeholder: says what the page is for and that nothing is configured yet. No fake data. */
export function NotConfigured({ title, children }: Props) {
  return (
    <div data-testid="not-configured">
      <SectionMessage appearance="information" title={title}>
        {children}
      </SectionMessage>
    </div>
  );
}
