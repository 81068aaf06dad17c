/**
 * Atlassian's controls for people, groups, days and Confluence pages (loaded in a chunk of their
 * own, see index.tsx). They show names and store ids; ids stored before (typed by hand, or by an
 * admin whose account is gone) are named once when the picker opens, or shown as they are.
 */
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import Avatar from '@atlaskit/avatar';
import { DatePicker } from '@atlaskit/datetime-picker';
import type { ErrorBody, UserRef } from '../../../../../src/contract';
import { invoke } from '../../platform';
import { color, font, space } from '../../design';
import { humanDetail } from '../../field-errors';
import { type Answer, type PickerOption, searchAfterPause } from './search-options';

export interface MultiPickerProps {
  inputId?: string;
  /** The stored ids (account ids, group names). */
  value: readonly string[];
  onChange(value: string[]): void;
  label: string;
  placeholder?: string;
  isDisabled?: boolean;
  testId?: string;
}

export interface UserPickerProps extends MultiPickerProps {
  /** Names the page already has (no lookup for these ids). */
  knownNames?: Readonly<Record<string, string>>;
  /** Told the names of the people picked, for the page's own lists. */
  onNamed?(users: UserRef[]): void;
}

function PersonLabel({ option }: { option: PickerOption }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: space.s100 }}>
      <Avatar size="xsmall" name={option.label} />
      <span>
        {option.label}
        {option.detail && <span style={{ color: color.textSubtlest }}> · {option.detail}</span>}
      </span>
    </span>
  );
}

function SearchError({ error }: { error?: ErrorBody }) {
  if (!error) return null;
  return (
    <div role="alert" style={{ font: font.small, color: color.textDanger }}>
      Could not search: {error.message}
      {error.details?.length ? ` ${error.details.map((d) => humanDetail(d)).join(' ')}` : ''}
    </div>
  );
}

/** A picker's search (see searchAfterPause) and the last error it met; a new search when `key` changes. */
function useSearch<T>(search: (query: string) => Promise<Answer<T>>, toOption: (item: T) => PickerOption, key = '') {
  const [error, setError] = useState<ErrorBody>();
  // The search functions are rebuilt on each render; only `key` changes what they ask.
  const loadOptions = useMemo(() => searchAfterPause(search, toOption, setError), [key]);
  return { loadOptions, error, setError };
}

const findPeople = (query: string) => invoke('searchUsers', { query });
const personOption = (u: UserRef): PickerOption => ({ value: u.accountId, label: u.displayName });
const noOptions = (prompt: string, nothing: string) => ({ inputValue }: { inputValue: string }) => (inputValue.trim() ? nothing : prompt);
/** What every picker here shares: Jira's compact height, and a menu that opens upwards near the frame's bottom. */
const SELECT_DEFAULTS = { spacing: 'compact', menuPlacement: 'auto' } as const;

/** A picker and, under it, why its last search found nothing. */
function Searching({ testId, error, children }: { testId?: string; error?: ErrorBody; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      {children}
      <SearchError error={error} />
    </div>
  );
}

/** People by name or e-mail (Jira's user search); stores account ids. */
export function UserPicker({ inputId, value, onChange, label, placeholder = 'Find people by name or e-mail', isDisabled, testId, knownNames, onNamed }: UserPickerProps) {
  const [names, setNames] = useState<Record<string, string | null>>(() => ({ ...knownNames }));
  const { loadOptions, error, setError } = useSearch(findPeople, personOption);
  const unnamed = value.filter((id) => !(id in names));
  const unnamedKey = unnamed.join(',');
  useEffect(() => {
    if (unnamed.length === 0) return;
    void invoke('lookupUsers', { accountIds: unnamed.slice(0, 50) }).then((answer) => {
      if (!answer.ok) return setError(answer.error);
      const found = new Map(answer.data.map((u) => [u.accountId, u.displayName]));
      // null: Jira does not know the account (any more); it stays, marked, until removed.
      setNames((known) => ({ ...known, ...Object.fromEntries(unnamed.map((id) => [id, found.get(id) ?? null])) }));
    });
  }, [unnamedKey]);
  const selected: PickerOption[] = value.map((id) => {
    const name = names[id];
    return name ? { value: id, label: name } : { value: id, label: name === null ? id : '…', ...(name === null ? { detail: 'account not found' } : {}) };
  });
  return (
    <Searching testId={testId} error={error}>
      <AsyncSelect<PickerOption, true>
        inputId={inputId}
        aria-label={label}
        isMulti
        isDisabled={isDisabled}
        value={selected}
        loadOptions={loadOptions}
        placeholder={placeholder}
        noOptionsMessage={noOptions('Type a name or e-mail', 'Nobody found')}
        formatOptionLabel={(option) => <PersonLabel option={option} />}
        onChange={(options) => {
          const picked = options ?? [];
          onNamed?.(picked.filter((o) => o.label !== '…' && !o.detail).map((o) => ({ accountId: o.value, displayName: o.label })));
          setNames((known) => ({ ...known, ...Object.fromEntries(picked.filter((o) => o.label !== '…').map((o) => [o.value, o.detail ? null : o.label])) }));
          onChange(picked.map((o) => o.value));
        }}
        {...SELECT_DEFAULTS}
      />
    </Searching>
  );
}

export interface OneUserPickerProps {
  inputId?: string;
  label: string;
  /** The person chosen; undefined: nobody (the picker stays empty after a pick, for "add" pickers). */
  value?: UserRef;
  onChange(user: UserRef | undefined): void;
  testId?: string;
}

/** One person by name or e-mail (Jira's user search), e.g. an owner. */
export function OneUserPicker({ inputId, label, value, onChange, testId }: OneUserPickerProps) {
  const { loadOptions, error } = useSearch(findPeople, personOption);
  return (
    <Searching testId={testId} error={error}>
      <AsyncSelect<PickerOption, false>
        inputId={inputId}
        aria-label={label}
        isClearable
        value={value ? { value: value.accountId, label: value.displayName } : null}
        loadOptions={loadOptions}
        placeholder="Find a person by name or e-mail"
        noOptionsMessage={noOptions('Type a name or e-mail', 'Nobody found')}
        formatOptionLabel={(option) => <PersonLabel option={option} />}
        onChange={(option) => onChange(option ? { accountId: option.value, displayName: option.label } : undefined)}
        {...SELECT_DEFAULTS}
      />
    </Searching>
  );
}

/** Jira groups by any part of their name (Jira's group picker); stores group names. */
export function GroupPicker({ inputId, value, onChange, label, placeholder = 'Find Jira groups', isDisabled, testId }: MultiPickerProps) {
  const { loadOptions, error } = useSearch(
    (query) => invoke('searchGroups', { query }),
    (g) => ({ value: g.name, label: g.name }),
  );
  return (
    <Searching testId={testId} error={error}>
      <AsyncSelect<PickerOption, true>
        inputId={inputId}
        aria-label={label}
        isMulti
        isDisabled={isDisabled}
        value={value.map((name) => ({ value: name, label: name }))}
        loadOptions={loadOptions}
        placeholder={placeholder}
        noOptionsMessage={noOptions('Type part of a group name', 'No group has that in its name')}
        onChange={(options) => onChange((options ?? []).map((o) => o.value))}
        {...SELECT_DEFAULTS}
      />
    </Searching>
  );
}

export interface ConfluencePlaceProps {
  /** The chosen space (undefined: the site's report space, `defaultSpaceKey`). */
  spaceKey?: string;
  parentPageId?: string;
  defaultSpaceKey?: string;
  onChange(place: { spaceKey?: string; parentPageId?: string }): void;
  isDisabled?: boolean;
  /** Field problems from the save, by field. */
  spaceError?: string;
  pageError?: string;
}

/** A Confluence space and a parent page in it, found by name and title; stores the key and the page id. */
export function ConfluencePlacePicker({ spaceKey, parentPageId, defaultSpaceKey, onChange, isDisabled, spaceError, pageError }: ConfluencePlaceProps) {
  const [lookupError, setLookupError] = useState<ErrorBody>();
  const [spaceName, setSpaceName] = useState<Record<string, string>>({});
  const [pageTitle, setPageTitle] = useState<Record<string, string | null>>({});
  const effectiveSpace = spaceKey ?? defaultSpaceKey;
  useEffect(() => {
    if (!effectiveSpace || !parentPageId || parentPageId in pageTitle) return;
    void invoke('searchConfluencePages', { spaceKey: effectiveSpace, pageIds: [parentPageId] }).then((answer) => {
      if (!answer.ok) return setLookupError(answer.error);
      setPageTitle((known) => ({ ...known, [parentPageId]: answer.data[0]?.title ?? null }));
    });
  }, [effectiveSpace, parentPageId]);
  const spaces = useSearch(
    (query) => invoke('searchConfluenceSpaces', { query }),
    (s) => ({ value: s.key, label: s.name, detail: s.key }),
  );
  const pages = useSearch(
    (query) => (effectiveSpace ? invoke('searchConfluencePages', { spaceKey: effectiveSpace, query }) : Promise.resolve({ ok: true as const, data: [] })),
    (p) => ({ value: p.id, label: p.title }),
    effectiveSpace,
  );
  const error = spaces.error ?? pages.error ?? lookupError;
  const spaceValue = spaceKey ? { value: spaceKey, label: spaceName[spaceKey] ?? spaceKey, ...(spaceName[spaceKey] ? { detail: spaceKey } : {}) } : null;
  const title = parentPageId ? pageTitle[parentPageId] : undefined;
  const pageValue = parentPageId ? { value: parentPageId, label: title ?? (title === null ? `Page ${parentPageId}` : '…'), ...(title === null ? { detail: `not found in ${effectiveSpace}` } : {}) } : null;
  const labelled = (o: PickerOption) => (
    <span>
      {o.label}
      {o.detail && <span style={{ color: color.textSubtlest }}> · {o.detail}</span>}
    </span>
  );
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150 }}>
      <div style={{ flex: '1 1 240px', minWidth: 0 }} data-testid="confluence-space-picker">
        <label htmlFor="confluence-space-picker" style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
          Confluence space
        </label>
        <AsyncSelect<PickerOption, false>
          inputId="confluence-space-picker"
          isClearable
          isDisabled={isDisabled}
          value={spaceValue}
          loadOptions={spaces.loadOptions}
          placeholder={defaultSpaceKey ? `${defaultSpaceKey} (the site's report space)` : 'Find a space by name or key'}
          noOptionsMessage={noOptions('Type part of a space name or key', 'No space found')}
          formatOptionLabel={labelled}
          isInvalid={Boolean(spaceError)}
          onChange={(option) => {
            if (option) setSpaceName((known) => ({ ...known, [option.value]: option.label }));
            // Another space: the parent page chosen in the old one cannot stay.
            onChange({ ...(option ? { spaceKey: option.value } : {}) });
          }}
          {...SELECT_DEFAULTS}
        />
        {spaceError && <div style={{ font: font.small, color: color.textDanger }}>{spaceError}</div>}
      </div>
      <div style={{ flex: '1 1 240px', minWidth: 0 }} data-testid="confluence-page-picker">
        <label htmlFor="confluence-page-picker" style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
          Parent page
        </label>
        <AsyncSelect<PickerOption, false>
          key={effectiveSpace ?? 'none'}
          inputId="confluence-page-picker"
          isClearable
          isDisabled={isDisabled || !effectiveSpace}
          value={pageValue}
          loadOptions={pages.loadOptions}
          placeholder={effectiveSpace ? `Find a page in ${effectiveSpace} by title` : 'Choose a space first'}
          noOptionsMessage={noOptions('Type part of a page title', 'No page has that in its title')}
          formatOptionLabel={labelled}
          isInvalid={Boolean(pageError)}
          onChange={(option) => {
            if (option) setPageTitle((known) => ({ ...known, [option.value]: option.label }));
            onChange({ ...(spaceKey ? { spaceKey } : {}), ...(option ? { parentPageId: option.value } : {}) });
          }}
          {...SELECT_DEFAULTS}
        />
        <div style={{ font: font.small, color: color.textSubtlest }}>Pages are published under it; none: at the top of the space.</div>
        {pageError && <div style={{ font: font.small, color: color.textDanger }}>{pageError}</div>}
      </div>
      <div style={{ flexBasis: '100%' }}>
        <SearchError error={error} />
      </div>
    </div>
  );
}

export interface DayPickerProps {
  /** The input's id, for a `<label htmlFor>`; without one, give `label`. */
  id?: string;
  label?: string;
  /** yyyy-MM-dd, a day in the project's time zone (a day, not an instant: no zone to convert). */
  value?: string;
  onChange(value: string | undefined): void;
  isDisabled?: boolean;
  testId?: string;
}

/** Atlaskit's date picker for a day; stores yyyy-MM-dd. */
export function DayPicker({ id, label, value, onChange, isDisabled, testId }: DayPickerProps) {
  return (
    <div>
      <DatePicker
        id={id}
        {...(label ? { label } : {})}
        value={value ?? ''}
        onChange={(day) => onChange(day || undefined)}
        isDisabled={isDisabled}
        dateFormat="D MMM YYYY"
        placeholder="Pick a day"
        weekStartDay={1}
        spacing="compact"
        testId={testId}
      />
    </div>
  );
}
