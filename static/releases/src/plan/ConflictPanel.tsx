import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { ConflictItem, FixAction, PlanConflict } from '../../../../src/contract';
import { color, font, space } from '../design';
import { SEVERITY_APPEARANCE, SEVERITY_LABEL, planColor } from './plan-design';
import { conflictSummary } from './plan-model';

interface Props {
  conflicts: PlanConflict[];
  canEdit: boolean;
  /** Applies a suggested fix; resolves once the plan was saved (or refused). */
  onApply: (action: Extract<FixAction, { type: 'move-slot' }>, conflict: PlanConflict) => Promise<void>;
  onItem: (item: ConflictItem) => void;
  busy: boolean;
  /** What the list covers, e.g. "in the loaded year". */
  scopeText: string;
}

const COLLAPSED = 6;

/** Every conflict of the plan, most severe first: what happens, who is involved, and a fix. */
export function ConflictPanel({ conflicts, canEdit, onApply, onItem, busy, scopeText }: Props) {
  const [expanded, setExpanded] = useState(false);
  const summary = conflictSummary(conflicts, scopeText);
  const tone = { danger: color.textDanger, warning: color.textWarning, neutral: color.textSubtle, success: color.textSuccess }[summary.tone];
  const shown = expanded ? conflicts : conflicts.slice(0, COLLAPSED);
  return (
    <section aria-labelledby="conflicts-heading" data-testid="conflict-panel" style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: space.s100, flexWrap: 'wrap' }}>
        <h2 id="conflicts-heading" style={{ margin: 0, font: font.body, fontSize: 16, fontWeight: 600, color: color.text }}>
          Conflicts
        </h2>
        <span aria-live="polite" data-testid="conflict-summary" style={{ font: font.small, color: tone }}>
          {summary.text}
        </span>
      </div>
      {conflicts.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
          {shown.map((conflict) => (
            <li
              key={conflict.id}
              data-testid={`conflict-${conflict.rule}`}
              data-conflict-id={conflict.id}
              style={{
                border: `1px solid ${color.border}`,
                borderLeft: `4px solid ${conflict.severity === 'error' ? color.borderDanger : conflict.severity === 'warning' ? planColor.textWarning : color.borderInformation}`,
                borderRadius: 4,
                padding: `${space.s100} ${space.s150}`,
                background: color.surface,
                display: 'flex',
                flexDirection: 'column',
                gap: space.s050,
              }}
            >
              <div style={{ display: 'flex', gap: space.s100, alignItems: 'center', flexWrap: 'wrap' }}>
                <Lozenge appearance={SEVERITY_APPEARANCE[conflict.severity]}>{SEVERITY_LABEL[conflict.severity]}</Lozenge>
                <strong style={{ font: font.body, fontWeight: 600, color: color.text }}>{conflict.title}</strong>
              </div>
              <p style={{ margin: 0, font: font.body, color: color.text }}>{conflict.explanation}</p>
              <div style={{ display: 'flex', gap: space.s050, flexWrap: 'wrap', alignItems: 'center', font: font.small, color: color.textSubtle }}>
                <span>Involves:</span>
                {conflict.items.map((item) => (
                  <button
                    key={`${item.kind}-${item.id}`}
                    type="button"
                    className="rr-chip"
                    onClick={() => onItem(item)}
                    style={{ font: font.small, color: color.link, background: 'none', border: `1px solid ${color.border}`, borderRadius: 10, padding: '0 6px', cursor: 'pointer' }}
                  >
                    {item.label}
                  </button>
                ))}
              </div>
              {conflict.fixes.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: space.s200, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
                  {conflict.fixes.map((fix, i) => (
                    <li key={i} style={{ font: font.body, color: color.textSubtle }}>
                      <span>{fix.text}</span>
                      {fix.action?.type === 'move-slot' && canEdit && (
                        <span style={{ marginLeft: space.s100 }}>
                          <Button
                            spacing="compact"
                            appearance={i === 0 ? 'primary' : 'default'}
                            isDisabled={busy}
                            testId={`apply-fix-${i}`}
                            onClick={() => void onApply(fix.action as Extract<FixAction, { type: 'move-slot' }>, conflict)}
                          >
                            Apply
                          </Button>
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {conflicts.length > COLLAPSED && (
        <div>
          <Button appearance="subtle" spacing="compact" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
            {expanded ? 'Show fewer' : `Show all ${conflicts.length} conflicts`}
          </Button>
        </div>
      )}
    </section>
  );
}
