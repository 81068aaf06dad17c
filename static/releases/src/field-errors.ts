/**
 * Server validation answers in people's words, next to the field at fault. The resolvers refuse a
 * bad payload with details shaped `path: message` (`template.sections.0.title: Too small: expected
 * string to have >=1 characters`, src/app/resolvers.ts); a form names its fields by path pattern
 * (`*` stands for a list index, `{n}` in the label for that index counted from 1) and gets one
 * sentence per field, plus what names no field of the form.
 */
import type { ErrorBody } from '../../../src/contract';

export interface FieldLabel {
  /** Dotted path with `*` for list indexes, e.g. `template.sections.*.title`. */
  path: string;
  /** What the form calls the field, e.g. `Section {n} title`. */
  label: string;
}

export interface FieldErrors {
  /** Concrete path (`template.sections.0.title`) → the sentence to show under that field. */
  byPath: Record<string, string>;
  /** Problems that name no field of the form (shown above it). */
  other: string[];
}

export const NO_FIELD_ERRORS: FieldErrors = { byPath: {}, other: [] };

const DETAIL = /^([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*): (.+)$/;

function labelFor(path: string, labels: readonly FieldLabel[]): string | undefined {
  const parts = path.split('.');
  for (const { path: pattern, label } of labels) {
    const want = pattern.split('.');
    if (want.length !== parts.length) continue;
    const indexes: number[] = [];
    if (want.every((w, i) => (w === '*' ? /^\d+$/.test(parts[i]!) && indexes.push(Number(parts[i])) > 0 : w === parts[i]))) {
      return label.replace('{n}', String((indexes[0] ?? 0) + 1));
    }
  }
  return undefined;
}

/** Zod's words turned into a sentence about the field; our own schema messages kept. */
export function sentence(label: string, message: string): string {
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [/^Too small: expected string to have >=1 characters?$/, () => `${label} cannot be empty.`],
    [/^required$/, () => `${label} cannot be empty.`],
    [/^Too small: expected string to have >=(\d+) characters$/, (m) => `${label} needs at least ${m[1]} characters.`],
    [/^Too big: expected string to have <=(\d+) characters$/, (m) => `${label} can be at most ${m[1]} characters long.`],
    [/^Too big: expected array to have <=(\d+) items$/, (m) => `${label}: at most ${m[1]}.`],
    [/^Too small: expected number to be >=(-?[\d.]+)$/, (m) => `${label} must be at least ${m[1]}.`],
    [/^Too big: expected number to be <=(-?[\d.]+)$/, (m) => `${label} must be at most ${m[1]}.`],
    [/^Invalid option: expected one of /, () => `Choose one of the offered values for ${label.toLowerCase()}.`],
    [/^Invalid input: expected \w+, received undefined$/, () => `${label} is missing.`],
    [/^Invalid (input|string)/, () => `${label} is not valid.`],
    // The app's own schema messages describe what is wanted: "a Jira label: one word without spaces".
    [/^(a|an) (.+)$/, (m) => `${label} must be ${m[0]}.`],
  ];
  for (const [pattern, say] of rules) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return `${label}: ${message}`;
}

const words = (segment: string) => segment.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** A path no form named, in words: `policy.criteria.2.title` → `Title (criteria 3)`. */
function genericLabel(path: string): string {
  const parts = path.split('.');
  const last = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? 'value';
  const at = parts.lastIndexOf(last);
  const index = parts.slice(0, at).reverse().find((p) => /^\d+$/.test(p));
  const owner = index !== undefined ? parts[parts.lastIndexOf(index) - 1] : undefined;
  const name = words(last);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${index !== undefined && owner ? ` (${words(owner)} ${Number(index) + 1})` : ''}`;
}

/**
 * One detail line of any refused request in words, for lists that are not next to a form's fields
 * (ErrorMessage, the board's inline errors): `path: zod text` never reaches people as it is.
 */
export function humanDetail(detail: string, labels: readonly FieldLabel[] = []): string {
  const match = DETAIL.exec(detail);
  if (!match || match[1] === 'payload') return match ? sentence('The request', match[2]!) : detail;
  return sentence(labelFor(match[1]!, labels) ?? genericLabel(match[1]!), match[2]!);
}

/** Splits a resolver error into sentences for the form's fields and the rest. */
export function fieldErrors(error: ErrorBody | undefined, labels: readonly FieldLabel[]): FieldErrors {
  if (!error || error.code !== 'VALIDATION') return NO_FIELD_ERRORS;
  const byPath: Record<string, string> = {};
  const other: string[] = [];
  for (const detail of error.details ?? []) {
    const match = DETAIL.exec(detail);
    const label = match ? labelFor(match[1]!, labels) : undefined;
    if (match && label) byPath[match[1]!] ??= sentence(label, match[2]!);
    else other.push(detail);
  }
  return { byPath, other };
}

/** The error to show above the form: its message and only the details no field shows. */
export function formLevelError(error: ErrorBody, errors: FieldErrors): ErrorBody {
  const shown = Object.keys(errors.byPath).length;
  if (shown === 0) return error;
  const { details: _all, ...rest } = error;
  return {
    ...rest,
    message: `${shown === 1 ? 'One field needs' : `${shown} fields need`} a change: the form says what, in red next to ${shown === 1 ? 'it' : 'each'}.`,
    ...(errors.other.length ? { details: errors.other } : {}),
  };
}
