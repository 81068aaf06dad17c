import type { HttpResponse, HttpTransport } from '../src/ports';

export interface FetchTransportOptions {
  /** Site root without the product path, e.g. `https://x.atlassian.net` or `http://127.0.0.1:4102`. */
  baseUrl: string;
  /** The whole `Authorization` header value, e.g. `Bearer app` or `Basic …`. */
  authorization: string;
  /** Abort a request that takes longer than this (default 20 s: resolvers have 25 s in all). */
  timeoutMs?: number;
}

/**
 * An HttpTransport over Node's fetch for the local runtime and tests: one request, no retries
 * (ProductClient owns that). Header names come back in lower case; the body is parsed JSON when
 * the response says JSON, the text otherwise, undefined when empty. A network failure or timeout
 * rejects, as Forge's fetch does.
 */
export function createFetchTransport({ baseUrl, authorization, timeoutMs = 20_000 }: FetchTransportOptions): HttpTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async (request) => {
    const hasBody = request.body !== undefined;
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        Authorization: authorization,
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const text = await response.text();
    let body: HttpResponse['body'] = text === '' ? undefined : text;
    if (text !== '' && (headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, headers, body };
  };
}
