import type { Logger, QueuedJob, WorkQueue } from '../src/ports';

export type JobRunner = (job: { type: string; body: Record<string, unknown> }) => Promise<unknown>;

/**
 * The local stand-in for a Forge async-events queue: jobs run in this process after their delay,
 * and a failed job is delivered again (at least once, like Forge) up to `maxAttempts` times.
 */
export class LocalWorkQueue implements WorkQueue {
  private pending = new Set<Promise<void>>();
  private runner: JobRunner | undefined;
  readonly delivered: Array<{ type: string; attempt: number; ok: boolean }> = [];

  constructor(
    private readonly log: Logger,
    private readonly options: { maxAttempts?: number; retryDelayMs?: number; delayScale?: number } = {},
  ) {}

  /** Set after composition: the runner needs the deps this queue is part of. */
  attach(runner: JobRunner): void {
    this.runner = runner;
  }

  async push(jobs: QueuedJob[], options: { delaySeconds?: number } = {}): Promise<void> {
    if (jobs.length > 50) throw new Error('Forge accepts at most 50 events per push.');
    for (const job of jobs) {
      const body = JSON.parse(JSON.stringify({ type: job.type, body: job.body })) as { type: string; body: Record<string, unknown> };
      const delayMs = (options.delaySeconds ?? 0) * 1000 * (this.options.delayScale ?? 1);
      this.track(this.deliver(body, 1, delayMs));
    }
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async deliver(job: { type: string; body: Record<string, unknown> }, attempt: number, delayMs: number): Promise<void> {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!this.runner) throw new Error('LocalWorkQueue has no consumer attached.');
    try {
      await this.runner(job);
      this.delivered.push({ type: job.type, attempt, ok: true });
    } catch (error) {
      this.delivered.push({ type: job.type, attempt, ok: false });
      const maxAttempts = this.options.maxAttempts ?? 3;
      this.log.warn('job failed', { type: job.type, attempt, error: String(error) });
      if (attempt < maxAttempts) this.track(this.deliver(job, attempt + 1, this.options.retryDelayMs ?? 1000));
    }
  }

  /** Resolves when every job pushed so far (and its retries) has finished. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
