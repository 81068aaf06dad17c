import type { ErrorBody, ErrorCode } from './contract';

/** One catalogue of user-facing messages; code paths add specifics through `details`. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: 'The request is not valid.',
  UNAUTHENTICATED: 'You need to be logged in to Jira to use this.',
  FORBIDDEN: 'You do not have permission to do this.',
  NOT_FOUND: 'That item does not exist or you cannot see it.',
  CONFLICT: 'Someone else changed this at the same time. Reload and try again.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  UNKNOWN_RESOLVER: 'The app asked for something it does not provide.',
  RATE_LIMITED: 'Jira is busy right now. Try again in a moment.',
  QUOTA_EXHAUSTED: "The app has used this hour's Jira API allowance. It resumes automatically.",
  UPSTREAM: 'Jira or Confluence answered with an error.',
  STORE_LIMIT: 'The app tried to store something the storage does not accept.',
  INTERNAL: 'Something went wrong in the app.',
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: string[],
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.details?.length) body.details = this.details;
    if (this.retryAt) body.retryAt = this.retryAt.toISOString();
    return body;
  }
}

export class ConflictError extends AppError {
  constructor(message = ERROR_MESSAGES.CONFLICT, details?: string[]) {
    super('CONFLICT', message, details);
    this.name = 'ConflictError';
  }
}

/** Jira or Confluence answered with an error that retrying will not fix. */
export class UpstreamError extends AppError {
  constructor(
    readonly status: number,
    message: string,
    details?: string[],
  ) {
    super(status === 404 ? 'NOT_FOUND' : status === 403 || status === 401 ? 'FORBIDDEN' : 'UPSTREAM', message, details);
    this.name = 'UpstreamError';
  }
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}
