import Lozenge from '@atlaskit/lozenge';
import type { ReleaseNoteItem, ReleaseNotesDocument } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { openInNewTab } from '../platform';

/**
 * The notes as the Confluence page shows them, rendered from the structured document: React
 * escapes every text from Jira, so nothing is ever injected as HTML.
 */
export function NotesPreview({ document }: { document: ReleaseNotesDocument }) {
  const { counts, version } = document;
  const left = [
    counts.internal ? `${counts.internal} internal` : '',
    counts.subtasks ? `${counts.subtasks} sub-task${counts.subtasks === 1 ? '' : 's'}` : '',
    counts.unmatched ? `${counts.unmatched} in no section` : '',
  ].filter(Boolean);
  return (
    <article
      data-testid="notes-preview"
      aria-label={`Preview of ${document.title}`}
      style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: `${space.s200} ${space.s300}`, background: color.surface }}
    >
      <h2 style={{ margin: `0 0 ${space.s100}`, font: 'inherit', fontSize: 20, fontWeight: 600, color: color.text }}>{document.title}</h2>
      {document.intro && <p style={{ margin: `0 0 ${space.s050}`, color: color.text }}>{document.intro}</p>}
      <p style={{ margin: 0, font: font.small, color: color.textSubtle, fontStyle: 'italic' }}>
        {version.releaseDate ? `${version.released ? 'Released on' : 'Planned release date:'} ${version.releaseDate}` : version.released ? 'Released' : 'Release date: not scheduled'}
      </p>
      {document.audience === 'internal' && (
        <p style={{ margin: `${space.s100} 0 0`, padding: space.s100, borderRadius: radius, background: color.bgInformation, color: color.text }}>
          Internal release notes: they include issues labelled internal. Do not share them with customers.
        </p>
      )}
      {document.empty && (
        <p data-testid="notes-empty" style={{ margin: `${space.s200} 0 0`, color: color.textSubtle }}>
          Nothing to publish: {counts.issues === 0 ? `${version.name} has no issues.` : `none of the ${counts.issues} issues of ${version.name} is listed by the template.`}
        </p>
      )}
      {document.breaking.length > 0 && (
        <section data-testid="notes-breaking" aria-labelledby="notes-breaking-heading">
          <h3 id="notes-breaking-heading" style={headingStyle}>
            Breaking changes and upgrade notes
          </h3>
          <div style={{ borderLeft: `3px solid ${color.borderDanger}`, background: color.bgDanger, borderRadius: radius, padding: `${space.s050} ${space.s150}` }}>
            <NoteList items={document.breaking} withUpgradeNotes />
          </div>
        </section>
      )}
      {document.sections.map((section) => (
        <section key={section.id} data-testid={`notes-section-${section.id}`} aria-labelledby={`notes-heading-${section.id}`}>
          <h3 id={`notes-heading-${section.id}`} style={headingStyle}>
            {section.title}
          </h3>
          <NoteList items={section.items} />
        </section>
      ))}
      <p style={{ margin: `${space.s200} 0 0`, font: font.small, color: color.textSubtlest }}>
        From the {counts.issues} issue{counts.issues === 1 ? '' : 's'} of {version.name} in Jira
        {left.length ? ` (left out: ${left.join(', ')})` : ''}
        {document.truncated ? '; the version has more issues than the app reads, so the list is incomplete' : ''}.
      </p>
    </article>
  );
}

const headingStyle = { margin: `${space.s200} 0 ${space.s050}`, fontSize: 16, fontWeight: 600, color: color.text } as const;

function NoteList({ items, withUpgradeNotes = false }: { items: ReleaseNoteItem[]; withUpgradeNotes?: boolean }) {
  return (
    <ul style={{ margin: 0, paddingLeft: space.s300, color: color.text }}>
      {items.map((item) => (
        <li key={item.key} data-testid={`note-${item.key}`} style={{ margin: `${space.s050} 0` }}>
          {item.url ? (
            <a
              href={item.url}
              onClick={(event) => {
                event.preventDefault();
                // Relative, so Jira (or the local host) opens its own issue view.
                void openInNewTab(`/browse/${encodeURIComponent(item.key)}`).catch(() => undefined);
              }}
              style={{ color: color.link, fontWeight: 600 }}
            >
              {item.key}
            </a>
          ) : (
            <strong>{item.key}</strong>
          )}{' '}
          {item.text}
          {item.breaking && (
            <span style={{ marginLeft: space.s050 }}>
              <Lozenge appearance="removed">Breaking</Lozenge>
            </span>
          )}
          {item.internal && (
            <span style={{ marginLeft: space.s050 }}>
              <Lozenge>Internal</Lozenge>
            </span>
          )}
          {withUpgradeNotes &&
            item.upgradeNotes.map((note, i) => (
              <p key={i} style={{ margin: `${space.s050} 0 0`, color: color.textSubtle }}>
                {note}
              </p>
            ))}
        </li>
      ))}
    </ul>
  );
}
