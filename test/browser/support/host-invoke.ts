/**
 * A resolver call through the running local host, as `accountId` on SHOP's Releases page: set-up
 * for browser tests (settings, decisions, steps that are not the test's subject).
 */
export async function hostInvoke<T>(hostUrl: string, accountId: string, functionKey: string, payload: unknown): Promise<T> {
  const response = await fetch(`${hostUrl}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } }, functionKey, payload }),
  });
  const answer = (await response.json()) as { ok: boolean; data: T };
  if (!answer.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(answer)}`);
  return answer.data;
}
