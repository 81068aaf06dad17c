import type { HttpRequest, HttpResponse, HttpTransport, Logger, Timing } from '../../src/ports';

/** A transport that answers from a script and records what it was asked. */
export function scriptedTransport(answers: Array<Partial<HttpResponse> | Error>): HttpTransport & { calls: HttpRequest[] } {
  const calls: HttpRequest[] = [];
  const transport = (async (request: HttpRequest) => {
    calls.push(request);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return { status: 200, headers: {}, body: undefined, ...answer };
  }) as HttpTransport & { calls: HttpRequest[] };
  transport.calls = calls;
  return transport;
}

/** Time that only moves when the code under test sleeps. */
export function manualTime(start = new Date('2026-11-24T10:00:00Z')) {
  let now = start.getTime();
  const sleeps: number[] = [];
  const timing: Timing = {
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
  return { clock: { now: () => new Date(now) }, timing, sleeps, advance: (ms: number) => (now += ms) };
}

export const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export function recordingLog(): Logger & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}
