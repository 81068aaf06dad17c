import type { ServerResponse } from 'node:http';
import type { LiveNotice, LiveUpdates } from '../src/ports';

/**
 * The local stand-in for Forge Realtime: resolvers publish through the LiveUpdates port, the host
 * page subscribes over a server-sent-events stream (`GET /api/realtime?projectId=…&channel=…`)
 * and hands each notice to the app frame's `realtime.subscribe` callback, as Forge's bridge does.
 * Channels are scoped by project, as Forge scopes them by the module's context.
 */
export class LocalRealtimeHub implements LiveUpdates {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  /** Every notice published, in order (tests read it). */
  readonly published: Array<{ projectId: string; channel: string; notice: LiveNotice }> = [];

  async publish(target: { projectId: string; channel: string }, notice: LiveNotice): Promise<void> {
    this.published.push({ ...target, notice });
    // Forge delivers the payload as the JSON text it was published as.
    const data = `data: ${JSON.stringify(JSON.stringify(notice))}\n\n`;
    for (const res of this.streams.get(scopeOf(target)) ?? []) res.write(data);
  }

  /** Keeps `res` open as an event stream of one channel until the client goes away. */
  subscribe(target: { projectId: string; channel: string }, res: ServerResponse): void {
    const scope = scopeOf(target);
    const set = this.streams.get(scope) ?? new Set<ServerResponse>();
    this.streams.set(scope, set);
    set.add(res);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // A comment line tells the browser the stream is open (EventSource fires `open`).
    res.write(': subscribed\n\n');
    res.on('close', () => {
      set.delete(res);
      if (!set.size) this.streams.delete(scope);
    });
  }

  /** Ends every stream (the server cannot close while they are open). */
  close(): void {
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }
}

const scopeOf = (target: { projectId: string; channel: string }) => `${target.projectId}\u0000${target.channel}`;
