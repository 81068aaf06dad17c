/**
 * Settings page section "Environments & calendar": the site's environment inventory and promotion
 * order, the project's calendar rules and related projects, its release managers, and the
 * calendar feed. Loads with one call (getPlanSettings); every save answers with the fresh settings.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { EnvironmentInput, EnvironmentStatus, ErrorBody, PlanEnvironment, PlanSettingsView, ResolverContract, Tier, UserRef } from '../../../../src/contract';
import { TIERS, TIER_LABELS } from '../../../../src/contract';
import { ErrorMessage, SaveError } from '../components/ErrorMessage';
import { formatDateTime } from '../date-format';
import { color, font, radius, space } from '../design';
import { type PageContext, invoke } from '../platform';
import { Checkbox, EditorPanel, FormRow, SelectInput, TextArea, TextInput } from './form-controls';
import { TIER_SWATCH } from './plan-design';

type SettingsMutation = 'saveEnvironment' | 'deleteEnvironment' | 'savePromotionOrder' | 'savePlanSettings' | 'setReleaseManagers' | 'disableCalendarFeed';

function Section({ title, description, children, testId }: { title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: space.s100, paddingBottom: space.s300, borderBottom: `1px solid ${color.border}` }}>
      <h2 style={{ margin: 0, font: font.body, fontSize: 18, fontWeight: 600, color: color.text }}>{title}</h2>
      {description && <p style={{ margin: 0, color: color.textSubtle, maxWidth: 760 }}>{description}</p>}
      {children}
    </section>
  );
}

export function ReleasePlanSettingsSection({ context }: { context: PageContext }) {
  const [settings, setSettings] = useState<PlanSettingsView>();
  const [loadError, setLoadError] = useState<ErrorBody>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void invoke('getPlanSettings', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setSettings(result.data);
        setLoadError(undefined);
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [generation]);

  const save = useCallback(async <K extends SettingsMutation>(name: K, payload: ResolverContract[K]['payload']): Promise<ErrorBody | undefined> => {
    const result = await invoke(name, payload);
    if (!result.ok) return result.error;
    setSettings(result.data as PlanSettingsView);
    return undefined;
  }, []);

  if (!settings) {
    if (loadError) return <ErrorMessage title="Could not load the environment settings" error={loadError} onRetry={() => setGeneration((g) => g + 1)} />;
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading the environment settings" />
      </div>
    );
  }

  return (
    <div data-testid="release-plan-settings" style={{ display: 'flex', flexDirection: 'column', gap: space.s300 }}>
      {!settings.canEdit && (
        <SectionMessage appearance="information" title="You can look, not change">
          <p>Administrators of {context.project?.key ?? 'this project'} and its release managers can change these settings.</p>
        </SectionMessage>
      )}
      <InventorySection settings={settings} save={save} />
      <PromotionOrderSection settings={settings} save={save} />
      <CalendarRulesSection settings={settings} save={save} reload={() => setGeneration((g) => g + 1)} />
      <ReleaseManagersSection settings={settings} save={save} />
      <FeedSection settings={settings} save={save} onChanged={() => setGeneration((g) => g + 1)} />
    </div>
  );
}

type Save = <K extends SettingsMutation>(name: K, payload: ResolverContract[K]['payload']) => Promise<ErrorBody | undefined>;

// ---------------------------------------------------------------------------------------------

function InventorySection({ settings, save }: { settings: PlanSettingsView; save: Save }) {
  const [editing, setEditing] = useState<PlanEnvironment | 'new'>();
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState<string>();
  const remove = async (environment: PlanEnvironment) => {
    setBusy(environment.id);
    setError(await save('deleteEnvironment', { environmentId: environment.id }));
    setBusy(undefined);
  };
  return (
    <Section
      title="Environments"
      testId="inventory-section"
      description="The site's environments, shared by every project: releases book them on the Calendar, and deployments from CI/CD are matched to them by name (ignoring case)."
    >
      {settings.environments.length === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No environments yet.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body, color: color.text }} data-testid="inventory-list">
          <thead>
            <tr>
              {['Name', 'Tier', 'Status', 'Owner', 'Components', 'At a time', 'Notes', ''].map((h) => (
                <th key={h} scope="col" style={{ textAlign: 'left', font: font.small, fontWeight: 600, color: color.textSubtle, padding: space.s050, borderBottom: `2px solid ${color.border}` }}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {settings.environments.map((e) => (
              <tr key={e.id} data-testid={`inventory-${e.name}`}>
                <td style={cell}>
                  <strong>{e.name}</strong>
                </td>
                <td style={cell}>
                  <span style={{ font: font.small, padding: '1px 6px', borderRadius: radius, background: TIER_SWATCH[e.tier].background, color: TIER_SWATCH[e.tier].text }}>{e.tier}</span>
                </td>
                <td style={cell}>
                  <Lozenge appearance={e.status === 'available' ? 'success' : e.status === 'down' ? 'removed' : 'moved'}>{e.status}</Lozenge>
                </td>
                <td style={cell}>{e.ownerName ?? '–'}</td>
                <td style={cell}>{e.components.join(', ') || '–'}</td>
                <td style={cell}>{e.capacity === 1 ? '1 release' : `${e.capacity} releases`}</td>
                <td style={{ ...cell, maxWidth: 220, color: color.textSubtle }}>{e.notes ?? ''}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {settings.canEdit && (
                    <span style={{ display: 'inline-flex', gap: space.s050 }}>
                      <Button spacing="compact" onClick={() => setEditing(e)} aria-label={`Edit ${e.name}`}>
                        Edit
                      </Button>
                      <Button spacing="compact" appearance="subtle" onClick={() => void remove(e)} isDisabled={busy === e.id} aria-label={`Delete ${e.name}`}>
                        Delete
                      </Button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorMessage title="The environment was not changed" error={error} />}
      {editing ? (
        <EnvironmentForm key={editing === 'new' ? 'new' : editing.id} settings={settings} environment={editing === 'new' ? undefined : editing} save={save} onDone={() => setEditing(undefined)} />
      ) : (
        settings.canEdit && (
          <div>
            <Button appearance="primary" onClick={() => setEditing('new')} testId="add-environment">
              Add environment
            </Button>
          </div>
        )
      )}
    </Section>
  );
}

const cell: React.CSSProperties = { padding: space.s050, borderBottom: `1px solid ${color.border}`, verticalAlign: 'top' };

function EnvironmentForm({ settings, environment, save, onDone }: { settings: PlanSettingsView; environment?: PlanEnvironment; save: Save; onDone: () => void }) {
  const [name, setName] = useState(environment?.name ?? '');
  const [tier, setTier] = useState<Tier>(environment?.tier ?? 'UAT');
  const [status, setStatus] = useState<EnvironmentStatus>(environment?.status ?? 'available');
  const [owner, setOwner] = useState<UserRef | undefined>(environment?.ownerAccountId ? { accountId: environment.ownerAccountId, displayName: environment.ownerName ?? environment.ownerAccountId } : undefined);
  const [components, setComponents] = useState(environment?.components.join(', ') ?? '');
  const [capacity, setCapacity] = useState(String(environment?.capacity ?? 1));
  const [notes, setNotes] = useState(environment?.notes ?? '');
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const capacityNumber = Number(capacity);
  const nameError = !name.trim() ? 'Give it a name.' : settings.environments.some((e) => e.id !== environment?.id && e.name.trim().toLowerCase() === name.trim().toLowerCase()) ? 'Another environment has this name.' : undefined;
  const capacityError = Number.isInteger(capacityNumber) && capacityNumber >= 1 && capacityNumber <= 20 ? undefined : 'A whole number from 1 to 20.';
  const submit = async () => {
    setSubmitted(true);
    if (nameError || capacityError) return;
    setBusy(true);
    const input: EnvironmentInput = {
      ...(environment ? { id: environment.id } : {}),
      name: name.trim(),
      tier,
      status,
      components: components.split(',').map((c) => c.trim()).filter(Boolean),
      capacity: capacityNumber,
      ...(owner ? { ownerAccountId: owner.accountId } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    const failed = await save('saveEnvironment', { environment: input, ...(environment ? { expectedUpdatedAt: environment.updatedAt } : {}) });
    setBusy(false);
    if (failed) setError(failed);
    else onDone();
  };
  return (
    <EditorPanel title={environment ? `Edit ${environment.name}` : 'Add an environment'} onCancel={onDone} testId="environment-form">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}
      >
        <FormRow>
          <TextInput label="Name" value={name} onValue={setName} maxLength={60} error={submitted ? nameError : undefined} testId="environment-name" autoFocus />
          <SelectInput label="Tier" value={tier} options={TIERS.map((t) => ({ value: t, label: `${t} – ${TIER_LABELS[t]}` }))} onValue={(v) => setTier(v as Tier)} testId="environment-tier" />
          <SelectInput
            label="Status"
            value={status}
            options={[
              { value: 'available', label: 'Available' },
              { value: 'maintenance', label: 'In maintenance' },
              { value: 'down', label: 'Down' },
            ]}
            onValue={(v) => setStatus(v as EnvironmentStatus)}
            testId="environment-status"
            width={160}
          />
          <TextInput label="Releases at a time" type="number" min={1} max={20} value={capacity} onValue={setCapacity} error={submitted ? capacityError : undefined} width={150} testId="environment-capacity" />
        </FormRow>
        <FormRow>
          <UserPicker label="Owner" value={owner} onChange={setOwner} />
          <TextInput label="Components" value={components} onValue={setComponents} hint="What runs there, separated by commas." testId="environment-components" />
        </FormRow>
        <TextArea label="Notes" value={notes} onValue={setNotes} maxLength={1000} />
        {error && <ErrorMessage title="The environment was not saved" error={error} />}
        <div style={{ display: 'flex', gap: space.s100 }}>
          <Button type="submit" appearance="primary" isDisabled={busy} testId="environment-save">
            {busy ? 'Saving…' : 'Save environment'}
          </Button>
          <Button onClick={onDone} isDisabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </EditorPanel>
  );
}

/** Finds people with Jira's user search (as the viewer) and picks one. */
function UserPicker({ label, value, onChange, testId }: { label: string; value?: UserRef; onChange: (user: UserRef | undefined) => void; testId?: string }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserRef[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setResults(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void invoke('searchUsers', { query: text }).then((result) => {
        if (!live) return;
        if (result.ok) {
          setResults(result.data);
          setError(undefined);
        } else setError(result.error.message);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  if (value) {
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4, flex: '1 1 180px' }}>
        <span style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>{label}</span>
        <span style={{ display: 'inline-flex', gap: space.s100, alignItems: 'center', minHeight: 32 }}>
          {value.displayName}
          <Button spacing="compact" appearance="subtle" onClick={() => onChange(undefined)} aria-label={`Remove ${value.displayName} as ${label.toLowerCase()}`}>
            Change
          </Button>
        </span>
      </div>
    );
  }
  return (
    <div style={{ flex: '1 1 220px', maxWidth: 420 }}>
      <TextInput label={label} value={query} onValue={setQuery} placeholder="Type a name" testId={testId ?? 'user-search'} hint={error ?? (results && results.length === 0 ? 'Nobody found.' : undefined)} />
      {results && results.length > 0 && (
        <ul aria-label={`People matching “${query}”`} style={{ listStyle: 'none', margin: `${space.s050} 0 0`, padding: 0, border: `1px solid ${color.border}`, borderRadius: radius }}>
          {results.map((user) => (
            <li key={user.accountId}>
              <button
                type="button"
                className="rr-chip"
                data-testid={`user-${user.accountId}`}
                onClick={() => {
                  onChange(user);
                  setQuery('');
                }}
                style={{ display: 'block', width: '100%', textAlign: 'left', padding: `${space.s050} ${space.s100}`, font: font.body, color: color.text, background: 'none', border: 'none', cursor: 'pointer' }}
              >
                {user.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

/** Error and "saved" state of a settings form; `record` takes what the save answered. */
function useSaveOutcome() {
  const [error, setError] = useState<ErrorBody>();
  const [saved, setSaved] = useState(false);
  const record = (failed: ErrorBody | undefined) => {
    setError(failed);
    setSaved(!failed);
  };
  return { error, saved, setSaved, record };
}

/** A settings form's save button, with a "Saved." status next to it. */
function SaveRow({ label, disabled, testId, saved, onSave }: { label: string; disabled: boolean; testId?: string; saved: boolean; onSave: () => Promise<void> }) {
  return (
    <div style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
      <Button appearance="primary" isDisabled={disabled} {...(testId ? { testId } : {})} onClick={onSave}>
        {label}
      </Button>
      <span role="status" style={{ font: font.small, color: color.textSuccess }}>
        {saved ? 'Saved.' : ''}
      </span>
    </div>
  );
}

function PromotionOrderSection({ settings, save }: { settings: PlanSettingsView; save: Save }) {
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

function CalendarRulesSection({ settings, save, reload }: { settings: PlanSettingsView; save: Save; reload: () => void }) {
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

function ReleaseManagersSection({ settings, save }: { settings: PlanSettingsView; save: Save }) {
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

function FeedSection({ settings, save, onChanged }: { settings: PlanSettingsView; save: Save; onChanged: () => void }) {
  const [fresh, setFresh] = useState<{ url?: string; token: string }>();
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
        {settings.feed.enabled ? `On – the current address was created ${settings.feed.rotatedAt ? formatDateTime(new Date(settings.feed.rotatedAt)) : ''} by ${settings.feed.rotatedBy ?? 'someone'}.` : 'Off – there is no feed address.'}
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
