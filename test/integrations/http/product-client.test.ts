import { AppError, UpstreamError } from '../../../src/errors';
import { ProductClient, QuotaExhaustedError, RateLimitedError, parseRetryAfter, type QuotaGate } from '../../../src/integrations/http/product-client';
import type { HttpResponse } from '../../../src/ports';
import { manualTime, scriptedTransport, silentLog } from '../../support/fakes';

function memoryGate(): QuotaGate & { until?: Date } {
  const gate: QuotaGate & { until?: Date } = {
    blockedUntil: async () => gate.until,
    block: async (_product, until) => {
      gate.until = until;
    },
  };
  return gate;
}

function clientWith(answers: Array<Partial<HttpResponse> | Error>, gate = memoryGate()) {
  const time = manualTime();
  const transport = scriptedTransport(answers);
  const client = new ProductClient({ product: 'jira', transport, clock: time.clock, timing: time.timing, quotaGate: gate, log: silentLog });
  return { client, transport, time, gate };
}

const ok = { status: 200, body: { fine: true } };
const burst = (retryAfter = '2') => ({ status: 429, headers: { 'retry-after': retryAfter, 'ratelimit-reason': 'jira-burst-based' } });
const quota = { status: 429, headers: { 'retry-after': '1800', 'ratelimit-reason': 'jira-quota-global-based' } };

describe('calling Jira through the product client', () => {
  it('waits as long as Retry-After says, then succeeds', async () => {
    const { client, transport, time } = clientWith([burst('3'), ok]);
    const response = await client.send({ method: 'GET', path: '/rest/api/3/myself' });
    expect(response.status).toBe(200);
    expect(transport.calls).toHaveLength(2);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('retries a rejected POST on 429, because Jira did no work for it', async () => {
    const { client, transport } = clientWith([burst('1'), ok]);
    await client.send({ method: 'POST', path: '/rest/api/3/search/jql', body: {} });
    expect(transport.calls).toHaveLength(2);
  });

  it('gives up after four retries with a RATE_LIMITED error that says when to try again', async () => {
    const { client, transport } = clientWith([burst('1')]);
    const error = await client.send({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as AppError).toBody()).toMatchObject({ code: 'RATE_LIMITED', retryAt: expect.any(String) });
    expect(transport.calls).toHaveLength(5);
  });

  it('does not wait longer in total than the caller can afford', async () => {
    const { client, transport } = clientWith([burst('20')]);
    await expect(client.send({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(RateLimitedError);
    expect(transport.calls).toHaveLength(1);
  });

  it('stops at once on an exhausted quota and blocks every later call until it refills', async () => {
    const { client, transport, gate } = clientWith([quota, ok]);
    const error = await client.send({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExhaustedError);
    expect(gate.until?.toISOString()).toBe('2026-11-24T10:30:00.000Z');
    await expect(client.send({ method: 'GET', path: '/y' })).rejects.toBeInstanceOf(QuotaExhaustedError);
    expect(transport.calls).toHaveLength(1);
  });

  it('resumes at the next UTC hour when a quota 429 says nothing about when', async () => {
    const { client, gate } = clientWith([{ status: 429, headers: { 'x-ratelimit-reason': 'jira-quota-tenant-based' } }]);
    await expect(client.send({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(QuotaExhaustedError);
    expect(gate.until?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
  });

  it.each([
    ['GET', undefined, 2],
    ['PUT', undefined, 2],
    ['POST', undefined, 1],
    ['POST', true, 2],
  ] as const)('a 503 on %s (idempotent: %s) is sent %i time(s)', async (method, idempotent, expectedCalls) => {
    const { client, transport } = clientWith([{ status: 503 }, ok]);
    const attempt = client.send({ method, path: '/x' }, idempotent === undefined ? {} : { idempotent });
    if (expectedCalls === 1) await expect(attempt).rejects.toBeInstanceOf(UpstreamError);
    else await expect(attempt).resolves.toMatchObject({ status: 200 });
    expect(transport.calls).toHaveLength(expectedCalls);
  });

  it('repeats a GET after a network failure but not a POST', async () => {
    const get = clientWith([new Error('socket hang up'), ok]);
    await expect(get.client.send({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    const post = clientWith([new Error('socket hang up'), ok]);
    await expect(post.client.send({ method: 'POST', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM' });
    expect(post.transport.calls).toHaveLength(1);
  });

  it.each([
    [404, 'NOT_FOUND'],
    [403, 'FORBIDDEN'],
    [401, 'FORBIDDEN'],
    [400, 'UPSTREAM'],
  ])('maps a %i to the %s catalogue error with Jira’s messages as details', async (status, code) => {
    const { client } = clientWith([{ status, body: { errorMessages: ['Issue does not exist'], errors: { jql: 'bad' } } }]);
    const error = (await client.send({ method: 'GET', path: '/x' }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe(code);
    expect(error.details).toEqual(['Issue does not exist', 'jql: bad']);
  });

  it('hands back statuses the caller handles itself', async () => {
    const { client } = clientWith([{ status: 404 }]);
    await expect(client.send({ method: 'GET', path: '/x' }, { acceptStatuses: [404] })).resolves.toMatchObject({ status: 404 });
  });

  it('spreads retries with jitter below an exponential ceiling', () => {
    const time = manualTime();
    const low = new ProductClient({ product: 'jira', transport: scriptedTransport([ok]), clock: time.clock, timing: { ...time.timing, random: () => 0 } });
    const high = new ProductClient({ product: 'jira', transport: scriptedTransport([ok]), clock: time.clock, timing: { ...time.timing, random: () => 1 } });
    expect([0, 1, 2, 3].map((a) => low.delayFor(a, undefined))).toEqual([200, 400, 800, 1600]);
    expect([0, 1, 2, 3].map((a) => high.delayFor(a, undefined))).toEqual([400, 800, 1600, 3200]);
  });
});

describe('reading Retry-After', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  it.each([
    ['5', 5000],
    ['0', 0],
    ['Tue, 24 Nov 2026 10:00:30 GMT', 30000],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
