import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchoredClock } from '../../src/app/clock';
import { keys } from '../../src/store/keys';
import { startLocalRuntime } from '../../local/runtime';

/**
 * The fake Jira's quota switch stands for Jira's hourly quota: the host says so (with when it
 * resets) rather than "not answering", and a block remembered from a run whose switch was on does
 * not outlive that run: the next start's fake Jira has its quota back.
 */
const NOW = new Date('2026-11-24T10:20:00Z');
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'rr-quota-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => startLocalRuntime({ port: 0, dataDir, quiet: true, demoPlan: false, clock: anchoredClock(NOW), env: {} });
const session = async (hostUrl: string) => {
  const response = await fetch(`${hostUrl}/api/session`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

it('answers the session with Jira’s quota and its reset time, and starts clean after a restart', async () => {
  const first = await start();
  try {
    first.fakeJira!.faults.quotaExhausted = true;
    const tripped = await session(first.hostUrl);
    expect(tripped).toEqual({ status: 503, body: { code: 'QUOTA_EXHAUSTED', error: expect.stringContaining('Jira'), retryAt: expect.stringMatching(/^2026-11-24T11:00:0/) } });
    expect(await first.store.get(keys.quotaBlock('jira'))).toEqual({ until: tripped.body.retryAt });
  } finally {
    await first.close();
  }

  const second = await start();
  try {
    const fresh = await session(second.hostUrl);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ defaultProjectKey: 'SHOP' });
    expect(await second.store.get(keys.quotaBlock('jira'))).toBeUndefined();
  } finally {
    await second.close();
  }
}, 60_000);
