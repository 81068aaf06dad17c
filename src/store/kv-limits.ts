import { jsonBytes } from '../domain/json-size';
import { AppError } from '../errors';

/**
 * Forge KVS limits, enforced by the local store so code that would fail on Forge fails locally,
 * and checked by repositories before writing. See shared/platform.md.
 */
export const KV_LIMITS = {
  maxKeyLength: 500,
  maxValueBytes: 240 * 1024,
  maxQueryLimit: 100,
  maxTransactionOperations: 25,
  maxBatchItems: 20,
} as const;

// Forge's own pattern; in a character class "\s-#" is whitespace, '-' and '#', not a range.
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const FORGE_KEY_PATTERN_TEXT = '/^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/';

export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'The key must be a non-empty string.';
  if (key.length > KV_LIMITS.maxKeyLength) return `The key is ${key.length} characters long; the limit is ${KV_LIMITS.maxKeyLength}.`;
  if (!KEY_PATTERN.test(key)) return `The key "${key.slice(0, 80)}" does not match ${FORGE_KEY_PATTERN_TEXT}.`;
  return undefined;
}

/** UTF-8 bytes of the value's JSON: what Forge's 240 KiB limit counts. */
export function valueSizeBytes(value: unknown): number {
  return jsonBytes(value);
}

function typeProblem(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'The value must not be null or undefined.';
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return 'The value must be JSON: a string, number, boolean, array or object.';
  }
  return undefined;
}

function sizeProblem(stored: unknown): string | undefined {
  const size = valueSizeBytes(stored);
  if (size > KV_LIMITS.maxValueBytes) return `The value is ${size} bytes; the limit is ${KV_LIMITS.maxValueBytes} bytes (240 KiB).`;
  return undefined;
}

export function valueProblem(value: unknown): string | undefined {
  return typeProblem(value) ?? sizeProblem(value);
}

export function assertValidKey(key: unknown): asserts key is string {
  const problem = keyProblem(key);
  if (problem) throw new AppError('STORE_LIMIT', problem);
}

export function assertValidValue(value: unknown): void {
  const problem = valueProblem(value);
  if (problem) throw new AppError('STORE_LIMIT', problem);
}

/**
 * A versioned document is stored on Forge as the entity record `{ rev, value }`: the 240 KiB limit
 * counts that record, so both stores check it rather than the bare value.
 */
export function assertValidVersionedValue(value: unknown, rev: number): void {
  const problem = typeProblem(value) ?? sizeProblem({ rev, value });
  if (problem) throw new AppError('STORE_LIMIT', problem);
}

export function assertValidQueryLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > KV_LIMITS.maxQueryLimit) {
    throw new AppError('STORE_LIMIT', `A query page holds 1 to ${KV_LIMITS.maxQueryLimit} results; ${limit} was asked.`);
  }
}

export function assertValidTransaction(keys: string[]): void {
  if (keys.length === 0) throw new AppError('STORE_LIMIT', 'A transaction needs at least one operation.');
  if (keys.length > KV_LIMITS.maxTransactionOperations) {
    throw new AppError('STORE_LIMIT', `A transaction holds at most ${KV_LIMITS.maxTransactionOperations} operations; it had ${keys.length}.`);
  }
  const seen = new Set<string>();
  for (const key of keys) {
    assertValidKey(key);
    if (seen.has(key)) throw new AppError('STORE_LIMIT', `A transaction may name each key once; "${key}" appears twice.`);
    seen.add(key);
  }
}
