/**
 * The KPI page reads a stored view, not the facts: computing a report reads every fact part (about
 * 550 KVS read units at 50,000 issues, over 4,000 a minute at seven views), so the computed figures,
 * trends and drill-downs are stored with a stamp of what they were computed from and read back for
 * a few units while nothing changed.
 *
 * The stamp is the project's day in the KPI zone (the window is whole days ending at the start of
 * today, docs/kpi-definitions.md), the project key, the settings' and inventory's revisions, what
 * the sync doc says readers read (generation, months, dictionaries, horizon) and the project's mark,
 * which every writer of the other inputs bumps after its write (src/app/kpi-inputs-mark.ts). A view
 * whose stamp differs from the current one is computed once and stored again, so a missing or stale
 * view never shows wrong numbers. The stamp is read before the computation: a write that lands
 * during it moves the mark after that read, so the view stored is computed again on the next read.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { KpiDrilldown, KpiFigureId, KpiReportView } from '../contract-kpis';
import { dayOf } from '../domain/kpis/time';
import { readKpiSettings } from '../domain/kpis/settings';
import { trendsOf } from '../domain/kpis/report';
import type { KeyValueStore } from '../ports';
import { keys } from '../store/keys';
import { type ComputedKpis, type ProjectRef, computeProjectKpis } from './kpi-data';
import { fnv1a } from './kpi-fact-store';
import { type KpiSyncDoc, readableFacts } from './kpi-sync';

/** What a stored view holds: the report without what depends on the viewer or the sync's progress. */
export type StoredKpiFigures = Pick<KpiReportView, 'window' | 'settings' | 'deploymentSource' | 'deploymentSourceReason' | 'figures' | 'trends' | 'notes'> & { generatedAt: string };

interface StoredView {
  v: 2;
  stamp: string;
  /** The StoredKpiFigures packed: figures and trends repeat their words, so ~19 KB become ~3 (one read unit, not two). */
  packed: string;
}

interface StoredDrilldownPart {
  v: 2;
  stamp: string;
  parts: number;
  /** A slice of the packed drill-down: parts joined in order unpack to the KpiDrilldown. */
  packed: string;
}

/** Characters per drill-down part: packed text is ASCII, so a part stays under 240 KiB. */
const PART_CHARS = 200_000;

/** JSON, deflated, as base64 text (any JSON value is storable; base64 is ASCII). */
function pack(value: unknown): string {
  return deflateRawSync(JSON.stringify(value)).toString('base64');
}

function unpack<T>(packed: string): T {
  return JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as T;
}

export interface KpiViewState {
  stamp: string;
  sync: KpiSyncDoc | undefined;
}

/** The current stamp of a project's KPI inputs (five small reads) and the sync doc read for it. */
export async function kpiViewState(store: KeyValueStore, project: ProjectRef, now: Date): Promise<KpiViewState> {
  const [settings, inventory, sync, mark] = await Promise.all([
    store.getVersioned<unknown>(keys.kpiSettings()),
    store.getVersioned<unknown>(keys.planInventory()),
    store.getVersioned<KpiSyncDoc>(keys.kpiSyncState(project.id)),
    store.getVersioned<{ n: number }>(keys.kpiInputsMark(project.id)),
  ]);
  // Settings saved before revisions were checked are a plain key: their content is the stamp.
  const stored = settings ? settings.value : await store.get<unknown>(keys.kpiSettings());
  const zone = readKpiSettings(stored, project.timeZone).timeZone;
  const readable = sync ? readableFacts(sync.value) : undefined;
  const stamp = [
    dayOf(now.getTime(), zone),
    zone,
    // A renamed key is another project key for the deployment writers: computed again under it.
    project.key,
    settings ? `s${settings.rev}` : `s0-${fnv1a(JSON.stringify(stored ?? null)).toString(36)}`,
    `i${inventory?.rev ?? 0}`,
    `f${readable ? fnv1a(JSON.stringify(readable)).toString(36) : '-'}`,
    `m${mark?.rev ?? 0}`,
  ].join('|');
  return { stamp, sync: sync?.value };
}

function figuresOf(computed: ComputedKpis, now: Date): StoredKpiFigures {
  const { report } = computed;
  return {
    generatedAt: now.toISOString(),
    window: report.window,
    settings: computed.settings,
    deploymentSource: report.deploymentSource,
    deploymentSourceReason: report.deploymentSourceReason,
    figures: report.figures,
    trends: trendsOf(computed.trend, report.figures),
    notes: report.notes,
  };
}

/**
 * Computes the project's KPIs and stores the view and every drill-down. The key's project id is
 * written first and the stamp read after it, so a write of any input from then on moves the mark
 * past the stamp stored here.
 */
async function computeAndStore(store: KeyValueStore, project: ProjectRef, now: Date): Promise<{ view: StoredKpiFigures; computed: ComputedKpis; state: KpiViewState }> {
  await store.set(keys.kpiProjectOfKey(project.key), { projectId: project.id });
  const state = await kpiViewState(store, project, now);
  const { stamp } = state;
  const computed = await computeProjectKpis(store, project, now);
  const view = figuresOf(computed, now);
  for (const figure of computed.report.figures) {
    const text = pack(computed.report.drilldowns[figure.id]);
    const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
    const entries = Array.from({ length: parts }, (_, part) => ({
      key: keys.kpiViewDrilldown(project.id, figure.id, part),
      value: { v: 2, stamp, parts, packed: text.slice(part * PART_CHARS, (part + 1) * PART_CHARS) } satisfies StoredDrilldownPart,
    }));
    await store.batchSet(entries);
  }
  await store.set<StoredView>(keys.kpiView(project.id), { v: 2, stamp, packed: pack(view) });
  return { view, computed, state };
}

/** The stored KPI figures when current, else computed once and stored. */
export async function readKpiView(store: KeyValueStore, project: ProjectRef, now: Date): Promise<{ view: StoredKpiFigures; sync: KpiSyncDoc | undefined; recomputed: boolean }> {
  const state = await kpiViewState(store, project, now);
  const stored = await store.get<StoredView>(keys.kpiView(project.id));
  if (stored?.v === 2 && stored.stamp === state.stamp) return { view: unpack<StoredKpiFigures>(stored.packed), sync: state.sync, recomputed: false };
  const computed = await computeAndStore(store, project, now);
  return { view: computed.view, sync: computed.state.sync, recomputed: true };
}

/** One figure's stored drill-down when current, else the KPIs computed once and stored. */
export async function readKpiDrilldown(store: KeyValueStore, project: ProjectRef, now: Date, figureId: KpiFigureId): Promise<KpiDrilldown> {
  const { stamp } = await kpiViewState(store, project, now);
  const first = await store.get<StoredDrilldownPart>(keys.kpiViewDrilldown(project.id, figureId, 0));
  if (first?.v === 2 && first.stamp === stamp) {
    const rest = await Promise.all(Array.from({ length: first.parts - 1 }, (_, i) => store.get<StoredDrilldownPart>(keys.kpiViewDrilldown(project.id, figureId, i + 1))));
    if (rest.every((part) => part?.v === 2 && part.stamp === stamp)) return unpack<KpiDrilldown>([first, ...rest].map((part) => (part as StoredDrilldownPart).packed).join(''));
  }
  const { computed } = await computeAndStore(store, project, now);
  return computed.report.drilldowns[figureId];
}
