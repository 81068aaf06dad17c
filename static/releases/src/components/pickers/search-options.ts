/**
 * What the pickers share: a search that waits for a pause in typing and turns a resolver's answer
 * into select options, keeping the last error so the picker can say why nothing was found.
 */
import { PICKER_QUERY_MAX } from '../../../../../src/contract';
import type { ErrorBody } from '../../../../../src/contract';

export interface PickerOption {
  /** What is stored: an account id, a group name, a space key, a page id. */
  value: string;
  label: string;
  /** A second line: the space's key, "account not found", … */
  detail?: string;
}

/** Typing pauses this long before a search goes out (Jira's own pickers wait about as long). */
const TYPING_PAUSE_MS = 250;

export type Answer<T> = { ok: true; data: T[] } | { ok: false; error: ErrorBody };

/**
 * loadOptions for Atlaskit's async select: empty or too-long text asks nothing; only the last
 * search typed is answered (earlier ones resolve to nothing).
 */
export function searchAfterPause<T>(search: (text: string) => Promise<Answer<T>>, toOption: (item: T) => PickerOption, onError: (error: ErrorBody | undefined) => void) {
  let latest = 0;
  return (input: string): Promise<PickerOption[]> => {
    const text = input.trim();
    const ticket = ++latest;
    if (!text || text.length > PICKER_QUERY_MAX) return Promise.resolve([]);
    return new Promise((resolve) => {
      setTimeout(() => {
        if (ticket !== latest) return resolve([]);
        void search(text).then((answer) => {
          if (answer.ok) {
            onError(undefined);
            resolve(answer.data.map(toOption));
          } else {
            onError(answer.error);
            resolve([]);
          }
        });
      }, TYPING_PAUSE_MS);
    });
  };
}
