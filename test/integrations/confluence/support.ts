import { createFetchTransport } from '../../../local/fetch-transport';
import { ProductClient } from '../../../src/integrations/http/product-client';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/ports';

export interface RecordedCall {
  request: HttpRequest;
  response: HttpResponse;
}

/** Wraps a transport and keeps every request with the response it got. */
export function recording(inner: HttpTransport): { transport: HttpTransport; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    transport: async (request) => {
      const response = await inner(request);
      calls.push({ request: structuredClone(request), response });
      return response;
    },
  };
}

/** The ProductClient as the app builds it, over real HTTP, with waiting replaced by a record. */
export function confluenceHttp(baseUrl: string, options: { authorization?: string; wrap?: (t: HttpTransport) => HttpTransport } = {}) {
  const sleeps: number[] = [];
  const base = createFetchTransport({ baseUrl, authorization: options.authorization ?? 'Bearer app' });
  const recorder = recording(options.wrap ? options.wrap(base) : base);
  const http = new ProductClient({
    product: 'confluence',
    transport: recorder.transport,
    clock: { now: () => new Date() },
    timing: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
  });
  return { http, sleeps, calls: recorder.calls };
}
