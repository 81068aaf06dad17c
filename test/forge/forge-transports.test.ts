/** The Forge product transport: @forge/api is replaced by a recorder of what would reach Jira. */
const requests: Array<{ as: string; product: string; path: string; init: { method: string; headers: Record<string, string>; body?: string } }> = [];

jest.mock('@forge/api', () => {
  const respond = (as: string, product: string) => async (route: { value: string }, init: never) => {
    requests.push({ as, product, path: route.value, init });
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json', 'Retry-After': '3' } });
  };
  const api = {
    asUser: () => ({ requestJira: respond('user', 'jira'), requestConfluence: respond('user', 'confluence') }),
    asApp: () => ({ requestJira: respond('app', 'jira'), requestConfluence: respond('app', 'confluence') }),
  };
  return { __esModule: true, default: api, assumeTrustedRoute: (path: string) => ({ value: path }) };
});

import { createForgeTransports } from '../../src/forge/forge-transports';

beforeEach(() => (requests.length = 0));

describe('the Forge product transport', () => {
  it('calls Jira as the invoking user with a JSON body, and reads JSON back with lower-case headers', async () => {
    const transport = createForgeTransports('acc-1').jiraAsUser('acc-1');
    const response = await transport({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = SHOP' } });
    expect(requests[0]).toMatchObject({ as: 'user', product: 'jira', path: '/rest/api/3/search/jql' });
    expect(requests[0]!.init).toEqual({
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql: 'project = SHOP' }),
    });
    expect(response).toMatchObject({ status: 200, body: { ok: true } });
    expect(response.headers['retry-after']).toBe('3');
  });

  it('refuses to act for anyone but the user who invoked the function', () => {
    expect(() => createForgeTransports('acc-1').jiraAsUser('acc-2')).toThrow(/only call Jira as the user who invoked/);
  });

  it('publishes to Confluence as the app', async () => {
    await createForgeTransports().confluenceAsApp()({ method: 'GET', path: '/wiki/api/v2/spaces?keys=REL' });
    expect(requests[0]).toMatchObject({ as: 'app', product: 'confluence', path: '/wiki/api/v2/spaces?keys=REL' });
    expect(requests[0]!.init.body).toBeUndefined();
  });
});
