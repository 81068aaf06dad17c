/** The promotion order, the project's calendar rules, its release managers and the calendar feed. */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { ErrorBody, PlanSettingsView, Tier, UserRef } from '../../../../src/contract';
import { TIER_LABELS } from '../../../../src/contract';
import { ErrorMessage, SaveError } from '../components/ErrorMessage';
import { formatDateTime } from '../date-format';
import { useProjectTime } from '../project-time';
import { color, font, radius, space } from '../design';
import { invoke } from '../platform';
import { Checkbox, FormRow, TextInput } from './form-controls';
import { SaveRow, Section, useSaveOutcome, type Save } from './settings-parts';
import { UserPicker } from './UserPicker';

export function PromotionOrderSection({ settings, save }: { settings: PlanSettingsView; save: Save }) {
  const [order, setOrder] = useState<Tier[]>(settings.tierOrder);
  const { error, saved, setSaved, record } = useSaveOutcome();
  useEffect(() => setOrder(settings.tierOrder), [settings.tierOrder]);
  const move = (index: number, by: number) => {
    setSaved(false);
    setOrder((current) => {
      const next = [...current];
      const [tier] = next.splice(index, 1);
      next.splice(index + by, 0, tier as Tier);
      return next;
    });
  };
  const changed = order.join() !== settings.tierOrder.join();
  return (
    <Section title="Promotion order" description="Releases go through the tiers in this order. The calendar warns when a version is booked on (or deployed to) a tier before a lower one." testId="promotion-order-section">
      <ol aria-label="Promotion order" style={{ margin: 0, paddingLeft: space.s300, display: 'flex', flexDirection: 'column', gap: 4 }}>
        {order.map((tier, i) => (
          <li key={tier} style={{ font: font.body, color: color.text }}>
            <span style={{ display: 'inline-flex', gap: space.s100, alignItems: 'center' }}>
              <span style={{ minWidth: 220 }}>
                <strong>{tier}</strong> <span style={{ color: color.textSubtle }}>{TIER_LABELS[tier]}</span>
              </span>
              {settings.canEdit && (
                <>
                  <Button spacing="compact" appearance="subtle" isDisabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${tier} earlier`}>
                    ↑
                  </Button>
                  <Button spacing="compact" appearance="subtle" isDisabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${tier} later`}>
                    ↓
                  </Button>
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      {error && <ErrorMessage title="The promotion order was not saved" error={error} />}
      {settings.canEdit && (
        <SaveRow label="Save order" disabled={!changed} saved={saved && !changed} onSave={async () => record(await save('savePromotionOrder', { tierOrder: order, expectedTierOrder: settings.tierOrder }))} />
      )}
    </Section>
  );
}

export function CalendarRulesSection({ settings, save, reload }: { settings: PlanSettingsView; save: Save; reload: () => void }) {
  const [limit, setLimit] = useState(String(settings.settings.maxReleasesPerDay));
  const [related, setRelated] = useState<string[]>(settings.settings.relatedProjects);
  const { error, saved, setSaved, record } = useSaveOutcome();
  // A newer revision (saved here, or loaded after a conflict) replaces what the form shows; a save
  // elsewhere on the page (same revision) leaves unsaved edits alone.
  useEffect(() => {
    setLimit(String(settings.settings.maxReleasesPerDay));
    setRelated(settings.settings.relatedProjects);
  }, [settings.settingsRevision]);
  const limitNumber = Number(limit);
  const limitError = Number.isInteger(limitNumber) && limitNumber >= 1 && limitNumber <= 50 ? undefined : 'A whole number from 1 to 50.';
  const choices = [...settings.projects, ...related.filter((k) => !settings.projects.some((p) => p.key === k)).map((key) => ({ key, name: key }))];
  return (
    <Section title="Calendar" description="How many releases a day the project can support, and which other projects its calendar shows (and can depend on)." testId="calendar-rules-section">
      <FormRow>
        <TextInput label="Releases per day before warning" type="number" min={1} max={50} value={limit} onValue={(v) => { setLimit(v); setSaved(false); }} error={limitError} width={220} disabled={!settings.canEdit} testId="max-releases" />
      </FormRow>
      <fieldset style={{ border: 'none', margin: 0, padding: 0 }} disabled={!settings.canEdit}>
        <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: 4 }}>Related projects (at most 10)</legend>
        {choices.length === 0 ? (
          <p style={{ margin: 0, color: color.textSubtle }}>There are no other projects you can browse.</p>
        ) : (
          <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap' }}>
            {choices.map((p) => (
              <Checkbox
                key={p.key}
                label={`${p.name} (${p.key})`}
                checked={related.includes(p.key)}
                testId={`related-${p.key}`}
                onChange={(checked) => {
                  setSaved(false);
                  setRelated((current) => (checked ? [...current, p.key] : current.filter((k) => k !== p.key)));
                }}
              />
            ))}
          </div>
        )}
      </fieldset>
      {error && (
        <SaveError
          title="The calendar settings were not saved"
          error={error}
          onReload={() => {
            record(undefined);
            setSaved(false);
            reload();
          }}
        />
      )}
      {settings.canEdit && (
        <SaveRow
          label="Save"
          disabled={!!limitError}
          testId="save-calendar-rules"
          saved={saved}
          onSave={async () => record(await save('savePlanSettings', { maxReleasesPerDay: limitNumber, relatedProjects: related, revision: settings.settingsRevision }))}
        />
      )}
    </Section>
  );
}

export function ReleaseManagersSection({ settings, save }: { settings: PlanSettingsView; save: Save }) {
  const [managers, setManagers] = useState<UserRef[]>(settings.releaseManagers);
  const { error, saved, setSaved, record } = useSaveOutcome();
  useEffect(() => setManagers(settings.releaseManagers), [settings.releaseManagers]);
  const changed = managers.map((m) => m.accountId).join() !== settings.releaseManagers.map((m) => m.accountId).join();
  return (
    <Section title="Release managers" description="Besides project administrators, these people may change the release plan (bookings, freezes, the environment inventory) and rotate the calendar feed. Only project administrators choose them." testId="release-managers-section">
      {managers.length === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No release managers: only project administrators can change the plan.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: space.s200 }}>
          {managers.map((m) => (
            <li key={m.accountId} style={{ color: color.text }}>
              <span style={{ display: 'inline-flex', gap: space.s100, alignItems: 'center' }}>
                {m.displayName}
                {settings.canAdminister && (
                  <Button spacing="compact" appearance="subtle" onClick={() => { setManagers((c) => c.filter((x) => x.accountId !== m.accountId)); setSaved(false); }} aria-label={`Remove ${m.displayName}`}>
                    Remove
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {settings.canAdminister && (
        <FormRow>
          <UserPicker
            label="Add a release manager"
            testId="release-manager-search"
            onChange={(user) => {
              if (user && !managers.some((m) => m.accountId === user.accountId)) setManagers((c) => [...c, user]);
              setSaved(false);
            }}
          />
        </FormRow>
      )}
      {error && <ErrorMessage title="The release managers were not saved" error={error} />}
      {settings.canAdminister && (
        <SaveRow label="Save release managers" disabled={!changed} testId="save-release-managers" saved={saved && !changed} onSave={async () => record(await save('setReleaseManagers', { accountIds: managers.map((m) => m.accountId), expectedAccountIds: settings.releaseManagers.map((m) => m.accountId) }))} />
      )}
    </Section>
  );
}

export function FeedSection({ settings, save, onChanged }: { settings: PlanSettingsView; save: Save; onChanged: () => void }) {
  const [fresh, setFresh] = useState<{ url?: string; token: string }>();
  const { timeZone } = useProjectTime();
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const rotate = async () => {
    setBusy(true);
    setCopied(false);
    const result = await invoke('rotateCalendarFeedToken', {});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setFresh({ token: result.data.token, ...(result.data.url ? { url: result.data.url } : {}) });
    onChanged();
  };
  const link = fresh?.url;
  return (
    <Section
      title="Calendar feed"
      description="Subscribe to the project's release calendar (versions, environment slots, freezes and maintenance) from Outlook, Google Calendar or Apple Calendar. The address holds a secret: anyone with it can read the calendar. Rotate it to cut off everyone who has the old one."
      testId="feed-section"
    >
      <p style={{ margin: 0, color: color.text }} data-testid="feed-status">
        {settings.feed.enabled ? `On – the current address was created ${settings.feed.rotatedAt ? formatDateTime(settings.feed.rotatedAt, timeZone) : ''} by ${settings.feed.rotatedBy ?? 'someone'}.` : 'Off – there is no feed address.'}
      </p>
      {fresh && (
        <div style={{ border: `1px solid ${color.borderInformation}`, background: color.bgInformation, borderRadius: radius, padding: space.s150, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
          <strong style={{ color: color.text }}>Copy the address now: it is shown only once.</strong>
          {link ? (
            <>
              <input readOnly aria-label="Calendar feed address" value={link} data-testid="feed-url" onFocus={(e) => e.currentTarget.select()} style={{ font: font.small, fontFamily: 'monospace', width: '100%', padding: space.s050, color: color.text, background: color.bgInput, border: `1px solid ${color.borderInput}`, borderRadius: radius }} />
              <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
                <Button
                  onClick={() => {
                    void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false));
                  }}
                >
                  Copy address
                </Button>
                <a href={link.replace(/^https?:/, 'webcal:')} style={{ color: color.link, alignSelf: 'center' }}>
                  Open in my calendar app
                </a>
                <span role="status" style={{ font: font.small, color: color.textSuccess, alignSelf: 'center' }}>
                  {copied ? 'Copied.' : ''}
                </span>
              </div>
            </>
          ) : (
            <p style={{ margin: 0 }}>
              Token: <code data-testid="feed-token">{fresh.token}</code>. Append <code>?project=KEY&amp;token=…</code> to the <code>calendar-feed</code> web trigger URL (<code>forge webtrigger</code>).
            </p>
          )}
        </div>
      )}
      {error && <ErrorMessage title="The feed was not changed" error={error} />}
      {settings.canEdit && (
        <div style={{ display: 'flex', gap: space.s100 }}>
          <Button appearance="primary" onClick={() => void rotate()} isDisabled={busy} testId="rotate-feed">
            {settings.feed.enabled ? 'Rotate address' : 'Create feed address'}
          </Button>
          {settings.feed.enabled && (
            <Button
              appearance="subtle"
              isDisabled={busy}
              onClick={async () => {
                const failed = await save('disableCalendarFeed', {});
                setError(failed);
                if (!failed) setFresh(undefined);
              }}
            >
              Turn the feed off
            </Button>
          )}
        </div>
      )}
    </Section>
  );
}

