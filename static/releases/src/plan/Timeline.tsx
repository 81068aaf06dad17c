/**
 * A horizontal timeline over a period (a quarter): one row per version or environment, bars for
 * spans and bookings, diamonds for release dates, ticks for deployments, shaded bands for freezes
 * and maintenance. Bars are buttons with full descriptions, so the timeline works by keyboard and
 * screen reader; the shading is decoration repeated in the "Windows" row.
 */
import { type ReactNode, memo, useEffect, useMemo, useRef } from 'react';
import { color, font, radius, space } from '../design';
import { type Swatch, WINDOW_SWATCH, planColor } from './plan-design';
import { type DayAxis, axisPosition, axisSpan, axisTicks, tickLeft } from './timeline-axis';

export interface TimelineBar {
  id: string;
  /** Instants (ms): the axis places them on the project's days. */
  from: number;
  to: number;
  /** Text on the bar (blocks only). */
  label: string;
  ariaLabel: string;
  swatch: Swatch;
  kind: 'span' | 'block' | 'milestone' | 'point';
  conflicted?: boolean;
  onClick?: () => void;
  testId?: string;
}

export interface TimelineRow {
  id: string;
  label: ReactNode;
  bars: TimelineBar[];
  /** Bands drawn on this row only (e.g. an environment's maintenance). */
  bands?: TimelineBand[];
}

export interface TimelineBand {
  id: string;
  from: number;
  to: number;
  kind: 'freeze' | 'maintenance';
  label: string;
  onClick?: () => void;
}

interface Props {
  /** The project's days shown (timeline-axis.ts): ticks at the project's midnight, whatever the browser's zone. */
  axis: DayAxis;
  rows: TimelineRow[];
  /** Bands across every row (site and project freezes). */
  bands: TimelineBand[];
  /** Now, for the today line. */
  today: Date;
  label: string;
  labelWidth?: number;
  testId?: string;
  empty?: ReactNode;
  /**
   * Pixels per day; undefined fits the period to the width. With a width, the timeline scrolls
   * sideways (labels stay put) and opens scrolled to today.
   */
  dayWidth?: number;
}

export function Timeline({ axis, rows, bands, today, label, labelWidth = 220, testId, empty, dayWidth }: Props) {
  const { from, to } = axis;
  const scroller = useRef<HTMLDivElement>(null);
  const trackWidth = dayWidth ? axis.days * dayWidth : undefined;
  const todayAt = today.getTime();
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Today a third of the way in, so what is next shows; the start of the period when today is outside it.
    const offset = trackWidth && todayAt > from && todayAt < to ? (axisPosition(axis, todayAt) / axis.days) * trackWidth - element.clientWidth / 3 + labelWidth : 0;
    element.scrollLeft = Math.max(0, offset);
  }, [trackWidth, axis, from, to, todayAt, labelWidth]);
  const ticks = useMemo(() => axisTicks(axis), [axis]);
  const todayPos = axisSpan(axis, todayAt, todayAt + 1);
  const pct = (index: number) => tickLeft(axis, index);

  return (
    <div
      ref={scroller}
      data-testid={testId}
      data-day-width={dayWidth ?? 'fit'}
      role="region"
      aria-label={label}
      tabIndex={trackWidth ? 0 : undefined}
      style={{ border: `1px solid ${color.border}`, borderRadius: 4, overflowX: trackWidth ? 'auto' : 'hidden', overflowY: 'hidden', background: color.surface }}
    >
      <div style={trackWidth ? { width: labelWidth + trackWidth } : undefined}>
      <div aria-hidden="true" style={{ display: 'flex', borderBottom: `1px solid ${color.border}`, background: color.surfaceSunken }}>
        <div style={{ width: labelWidth, flex: `0 0 ${labelWidth}px`, position: 'sticky', left: 0, zIndex: 3, background: color.surfaceSunken }} />
        <div style={{ position: 'relative', flex: 1, height: 36 }}>
          {ticks.map((t) => (
            <div key={t.day} data-tick={t.day} style={{ position: 'absolute', left: `${pct(t.index)}%`, top: 0, bottom: 0, borderLeft: `1px solid ${t.month ? color.border : 'transparent'}` }}>
              {t.month && <span style={{ position: 'absolute', top: 2, left: 4, font: font.small, fontWeight: 600, color: color.textSubtle, whiteSpace: 'nowrap' }}>{t.month}</span>}
              {t.monday && <span style={{ position: 'absolute', bottom: 2, left: 2, font: font.small, fontSize: 10, color: color.textSubtlest, whiteSpace: 'nowrap' }}>{t.dayOfMonth}</span>}
            </div>
          ))}
        </div>
      </div>
      <div style={{ position: 'relative' }}>
        <div aria-hidden="true" style={{ position: 'absolute', left: labelWidth, right: 0, top: 0, bottom: 0, pointerEvents: 'none' }}>
          {ticks.filter((t) => t.monday || t.month).map((t) => (
            <div key={t.day} style={{ position: 'absolute', left: `${pct(t.index)}%`, top: 0, bottom: 0, borderLeft: `1px ${t.month ? 'solid' : 'dotted'} ${color.border}` }} />
          ))}
          {bands.map((band) => {
            const p = axisSpan(axis, band.from, band.to);
            return p ? <div key={band.id} style={{ position: 'absolute', left: `${p.left}%`, width: `${p.width}%`, top: 0, bottom: 0, background: WINDOW_SWATCH[band.kind].background, opacity: 0.6 }} /> : null;
          })}
          {todayPos && <div style={{ position: 'absolute', left: `${todayPos.left}%`, top: 0, bottom: 0, borderLeft: `2px solid ${planColor.todayLine}` }} />}
        </div>
        {bands.length > 0 && (
          <Row
            row={{ id: 'windows', label: <span style={{ color: color.textSubtle }}>Windows</span>, bars: [], bands: [] }}
            axis={axis}
            labelWidth={labelWidth}
            windowBars={bands}
          />
        )}
        {rows.length === 0 && empty && <div style={{ padding: space.s200, color: color.textSubtle, position: 'relative' }}>{empty}</div>}
        {rows.map((row) => (
          <Row key={row.id} row={row} axis={axis} labelWidth={labelWidth} />
        ))}
      </div>
      </div>
    </div>
  );
}

const LANE = 24;

/** Overlapping blocks go on separate lanes, so none hides another. */
export function assignLanes(bars: readonly TimelineBar[]): { lanes: Map<string, number>; count: number } {
  const lanes = new Map<string, number>();
  const ends: number[] = [];
  for (const bar of [...bars].filter((b) => b.kind === 'block').sort((a, b) => a.from - b.from || a.to - b.to)) {
    let lane = ends.findIndex((end) => end <= bar.from);
    if (lane === -1) lane = ends.length;
    ends[lane] = bar.to;
    lanes.set(bar.id, lane);
  }
  return { lanes, count: Math.max(1, ends.length) };
}

const Row = memo(function Row({ row, axis, labelWidth, windowBars }: { row: TimelineRow; axis: DayAxis; labelWidth: number; windowBars?: TimelineBand[] }) {
  const { lanes, count } = useMemo(() => assignLanes(row.bars.filter((b) => b.to > axis.from && b.from < axis.to)), [row.bars, axis]);
  const height = 30 + (count - 1) * LANE;
  return (
    <div role="group" aria-label={typeof row.label === 'string' ? row.label : undefined} data-row={row.id} style={{ display: 'flex', borderBottom: `1px solid ${color.border}`, minHeight: height, position: 'relative' }}>
      <div style={{ width: labelWidth, flex: `0 0 ${labelWidth}px`, padding: `4px ${space.s100}`, font: font.small, color: color.text, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', boxSizing: 'border-box', background: color.surface, position: 'sticky', left: 0, zIndex: 3, display: 'flex', alignItems: 'center', gap: 4 }}>
        {row.label}
      </div>
      <div style={{ position: 'relative', flex: 1, minHeight: height }}>
        {(row.bands ?? []).map((band) => {
          const p = axisSpan(axis, band.from, band.to);
          return p ? <div key={band.id} aria-hidden="true" style={{ position: 'absolute', left: `${p.left}%`, width: `${p.width}%`, top: 0, bottom: 0, background: WINDOW_SWATCH[band.kind].background, borderLeft: `2px solid ${WINDOW_SWATCH[band.kind].border}` }} /> : null;
        })}
        {(windowBars ?? []).map((band) => {
          const p = axisSpan(axis, band.from, band.to);
          if (!p) return null;
          const swatch = WINDOW_SWATCH[band.kind];
          return (
            <button key={band.id} type="button" className="rr-chip" aria-label={band.label} title={band.label} data-window={band.id} onClick={band.onClick} style={{ position: 'absolute', left: `${p.left}%`, width: `${p.width}%`, top: 5, height: 20, background: swatch.background, color: swatch.text, border: `1px solid ${swatch.border}`, borderRadius: radius, font: font.small, padding: '0 4px', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', cursor: 'pointer', textAlign: 'left' }}>
              {band.kind === 'freeze' ? '❄ ' : '⚒ '}
              {band.label}
            </button>
          );
        })}
        {row.bars.map((bar) => (
          <Bar key={bar.id} bar={bar} axis={axis} lane={lanes.get(bar.id) ?? 0} height={height} />
        ))}
      </div>
    </div>
  );
});

function Bar({ bar, axis, lane, height }: { bar: TimelineBar; axis: DayAxis; lane: number; height: number }) {
  const p = axisSpan(axis, bar.from, bar.to);
  if (!p) return null;
  const outline = bar.conflicted ? `2px solid ${planColor.conflictOutline}` : undefined;
  const common = { type: 'button' as const, className: 'rr-chip', 'aria-label': bar.ariaLabel, title: bar.ariaLabel, onClick: bar.onClick, 'data-testid': bar.testId, 'data-bar': bar.id };
  if (bar.kind === 'span') {
    return <button {...common} style={{ position: 'absolute', left: `${p.left}%`, width: `${p.width}%`, top: 12, height: 6, background: bar.swatch.border, opacity: 0.5, border: 'none', borderRadius: 3, padding: 0, cursor: 'pointer' }} />;
  }
  if (bar.kind === 'milestone') {
    return (
      <button {...common} style={{ position: 'absolute', left: `calc(${p.left + p.width / 2}% - 7px)`, top: 8, width: 14, height: 14, background: bar.swatch.border, border: `2px solid ${bar.conflicted ? planColor.conflictOutline : color.surface}`, transform: 'rotate(45deg)', borderRadius: 2, padding: 0, cursor: 'pointer', zIndex: 2 }} />
    );
  }
  if (bar.kind === 'point') {
    return <button {...common} style={{ position: 'absolute', left: `calc(${p.left}% - 4px)`, top: 2, width: 8, height: height - 4, background: 'none', border: 'none', borderLeft: `3px solid ${bar.swatch.border}`, padding: 0, cursor: 'pointer', zIndex: 2 }} />;
  }
  return (
    <button
      {...common}
      style={{
        position: 'absolute',
        left: `${p.left}%`,
        width: `${p.width}%`,
        top: 5 + lane * LANE,
        height: 20,
        background: bar.swatch.background,
        color: bar.swatch.text,
        border: `1px solid ${bar.swatch.border}`,
        outline,
        outlineOffset: 1,
        borderRadius: radius,
        font: font.small,
        padding: '0 3px',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
        textOverflow: 'ellipsis',
        cursor: 'pointer',
        textAlign: 'left',
        zIndex: 1,
      }}
    >
      {bar.conflicted && <span aria-hidden="true">⚠ </span>}
      {bar.label}
    </button>
  );
}
