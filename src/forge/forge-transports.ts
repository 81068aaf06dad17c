import api, { assumeTrustedRoute } from '@forge/api';
import type { HttpRequest, HttpResponse, HttpTransport, ProductTransports } from '../ports';

type FetchResponse = Awaited<ReturnType<ReturnType<typeof api.asApp>['requestJira']>>;

async function toHttpResponse(response: FetchResponse): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const text = await response.text();
  let body: unknown = text === '' ? undefined : text;
  if (text && (headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers, body };
}

function init(request: HttpRequest) {
  return {
    method: request.method,
    headers: { Accept: 'application/json', ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  };
}

/**
 * Forge's product fetch. Paths are built by the clients from encoded segments only (see `seg`),
 * which is what makes `assumeTrustedRoute` safe here.
 * `asUser()` always acts for the user who invoked the function: Forge gives no other choice, so
 * the account id is only a guard that the caller meant that user.
 */
export function createForgeTransports(invokingAccountId?: string): ProductTransports {
  return {
    jiraAsUser(accountId: string): HttpTransport {
      if (invokingAccountId && accountId !== invokingAccountId) {
        throw new Error('Forge can only call Jira as the user who invoked the function.');
      }
      return async (request) => toHttpResponse(await api.asUser().requestJira(assumeTrustedRoute(request.path), init(request)));
    },
    jiraAsApp(): HttpTransport {
      return async (request) => toHttpResponse(await api.asApp().requestJira(assumeTrustedRoute(request.path), init(request)));
    },
    confluenceAsApp(): HttpTransport {
      return async (request) => toHttpResponse(await api.asApp().requestConfluence(assumeTrustedRoute(request.path), init(request)));
    },
  };
}
