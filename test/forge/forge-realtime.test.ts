/**
 * The Forge Realtime adapter over the real @forge/realtime package: the notice goes to Forge's
 * realtime service as the package sends it (the channel, the notice as JSON text, in the invoking
 * module's context), and a refusal or an outage is logged, never thrown at the write it reports.
 */
import { createForgeRealtime } from '../../src/forge/forge-realtime';

interface Sent {
  variables: { installationId: string; name: string; payload: string; isGlobal: boolean; context?: string };
  contextToken: string | undefined;
}

const g = globalThis as unknown as { __forge_runtime__?: unknown; __forge_fetch__?: unknown };
let sent: Sent[];
let answer: () => Response;

beforeEach(() => {
  sent = [];
  answer = () => new Response(JSON.stringify({ data: { ecosystem: { publishRealtimeChannel: { eventId: 'e1', eventTimestamp: '1' } } } }), { status: 200 });
  g.__forge_runtime__ = { appContext: { installationId: 'ari:cloud:ecosystem::installation/1' }, realtime: { contextToken: 'context-of-the-invocation' } };
  g.__forge_fetch__ = async (_target: unknown, _path: string, init: { body: string; headers: Record<string, string> }) => {
    sent.push({ variables: JSON.parse(init.body).variables, contextToken: init.headers['x-forge-context-token'] });
    return answer();
  };
});
afterEach(() => {
  delete g.__forge_runtime__;
  delete g.__forge_fetch__;
});

const logged = () => {
  const warnings: string[] = [];
  return { log: { info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined }, warnings };
};

describe('the Forge Realtime adapter', () => {
  it('publishes the notice on the channel in the invocation’s context', async () => {
    const { log, warnings } = logged();
    await createForgeRealtime(log).publish({ projectId: '10000', channel: 'runbook-run-10042' }, { versionId: '10042', revision: 3 });
    expect(sent).toEqual([
      { variables: expect.objectContaining({ name: 'runbook-run-10042', payload: '{"versionId":"10042","revision":3}', isGlobal: false }), contextToken: 'context-of-the-invocation' },
    ]);
    expect(sent[0]?.variables.context).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it.each([
    ['a refusal', () => new Response('{}', { status: 429, statusText: 'Too Many Requests' })],
    ['an outage', () => { throw new Error('socket hang up'); }],
  ])('logs %s instead of throwing', async (_what, failure) => {
    answer = failure;
    const { log, warnings } = logged();
    await expect(createForgeRealtime(log).publish({ projectId: '10000', channel: 'runbook-run-10042' }, { versionId: '10042', revision: 4 })).resolves.toBeUndefined();
    expect(warnings).toEqual(['realtime notice not sent']);
  });
});
