import { buttonColor, color, font, radius, space } from '../design';

/**
 * The Go-live step list's look as one style sheet of classes instead of inline styles on every
 * element: a 300-step run has some 6,000 elements, and React setting each one's inline style
 * (then the browser resolving it element by element) was the largest part of drawing the list
 * after the buttons. Same tokens, so dark mode follows Jira as before.
 */
const CSS = `
.gl-row{border-bottom:1px solid ${color.border}}
.gl-row.gl-critical{background:${color.bgInformation}}
.gl-row.gl-dimmed{opacity:.75}
.gl-row>td{padding:${space.s050};vertical-align:top}
.gl-row>td.gl-index{color:${color.textSubtle}}
.gl-nowrap{white-space:nowrap}
.gl-title{font-weight:600}
.gl-badge{margin-left:${space.s100};font:${font.small};color:${color.textInformation};border:1px solid ${color.borderInformation};border-radius:${radius};padding:0 4px}
.gl-small{font:${font.small};color:${color.textSubtle}}
.gl-subtlest{color:${color.textSubtlest}}
.gl-link{color:${color.link}}
.gl-danger{color:${color.textDanger}}
.gl-success{color:${color.textSuccess}}
.gl-actions{display:flex;gap:${space.s050};flex-wrap:wrap;align-items:center}
.gl-input{font:${font.body};color:${color.text};background:${color.bgInput};border:1px solid ${color.borderInput};border-radius:${radius};min-height:32px;padding:0 ${space.s100};box-sizing:border-box;width:140px;color-scheme:light dark}
.gl-btn{font:${font.body};font-weight:500;border:none;border-radius:${radius};height:24px;padding:0 8px;cursor:pointer;white-space:nowrap;background:${buttonColor.neutral};color:${color.text}}
.gl-btn:hover{filter:brightness(.95)}
.gl-btn.gl-primary{background:${buttonColor.brand};color:${buttonColor.textInverse}}
.gl-btn.gl-danger-btn{background:${buttonColor.danger};color:${buttonColor.textInverse}}
.gl-btn:disabled{background:${buttonColor.disabled};color:${buttonColor.textDisabled};cursor:not-allowed;filter:none}
`;

/** Rendered once with the step table (Forge's CSP allows inline styles: manifest.yml `permissions.content.styles`). */
export function StepTableStyle() {
  return <style>{CSS}</style>;
}
