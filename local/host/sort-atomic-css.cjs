/**
 * Atlaskit ships its styles as Compiled atomic CSS (`*.compiled.css`, one declaration per class).
 * Concatenated per module, a shorthand (`font:`) can land after a longhand (`font-weight:`) and
 * win the cascade. Compiled's own runtime/extractor orders rules in buckets; this does the same
 * for an esbuild CSS bundle: non-atomic rules first (source order), then atomic rules by
 * shorthand depth, plain, pseudo-classes (link, visited, focus-within, focus, focus-visible,
 * hover, active), and at-rules last. Stable within a bucket.
 * Mirrors @compiled/react/dist/cjs/runtime/sheet.js getStyleBucketName.
 */
'use strict';

const SHORTHAND_DEPTH = {
  all: 0,
  animation: 1, 'animation-range': 1, background: 1, border: 1,
  'border-color': 2, 'border-style': 2, 'border-width': 2,
  'border-block': 3, 'border-inline': 3,
  'border-top': 4, 'border-right': 4, 'border-bottom': 4, 'border-left': 4,
  'border-block-start': 5, 'border-block-end': 5, 'border-inline-start': 5, 'border-inline-end': 5,
  'border-image': 1, 'border-radius': 1, 'column-rule': 1, columns: 1, 'contain-intrinsic-size': 1, container: 1,
  flex: 1, 'flex-flow': 1, font: 1, 'font-synthesis': 1, 'font-variant': 2, gap: 1,
  grid: 1, 'grid-area': 1, 'grid-column': 2, 'grid-row': 2, 'grid-template': 2,
  inset: 1, 'inset-block': 2, 'inset-inline': 2, 'list-style': 1,
  margin: 1, 'margin-block': 2, 'margin-inline': 2, mask: 1, 'mask-border': 1, offset: 1, outline: 1,
  overflow: 1, 'overscroll-behavior': 1, padding: 1, 'padding-block': 2, 'padding-inline': 2,
  'place-content': 1, 'place-items': 1, 'place-self': 1, 'position-try': 1,
  'scroll-margin': 1, 'scroll-margin-block': 2, 'scroll-margin-inline': 2,
  'scroll-padding': 1, 'scroll-padding-block': 2, 'scroll-padding-inline': 2, 'scroll-timeline': 1,
  'text-decoration': 1, 'text-emphasis': 1, 'text-wrap': 1, transition: 1, 'view-timeline': 1,
};

const PSEUDO_BUCKET = { link: 'l', visited: 'v', 'focus-within': 'w', focus: 'f', 'focus-visible': 'i', hover: 'h', active: 'a' };

const ORDER = ['base', 's-0', 's-1', 's-2', 's-3', 's-4', 's-5', '', 'l', 'v', 'w', 'f', 'i', 'h', 'a', 'm'];

/** Split a stylesheet into its top-level rules (comments dropped, strings respected). */
function splitRules(css) {
  const rules = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  let quote = null;
  while (i < css.length) {
    const ch = css[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end < 0 ? css.length : end + 2;
      if (depth === 0) {
        const before = css.slice(start, i).trim();
        if (before) rules.push(before);
        start = stop;
      }
      i = stop;
      continue;
    } else if (ch === '{') {
      depth += 1;
    } else if (ch === '}') {
      depth -= 1;
      if (depth === 0) {
        rules.push(css.slice(start, i + 1).trim());
        start = i + 1;
      }
    } else if (ch === ';' && depth === 0) {
      // @import / @charset
      rules.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
    i += 1;
  }
  const rest = css.slice(start).trim();
  if (rest) rules.push(rest);
  return rules.filter(Boolean);
}

const ATOMIC = /^\._[a-z0-9]{8,10}(?=$|[:\s,.[>+~])/i;

function bucketOf(rule) {
  if (rule.startsWith('@')) return /^@(charset|import|layer|font-face|property)\b/.test(rule) ? 'base' : 'm';
  const brace = rule.indexOf('{');
  const selector = rule.slice(0, brace).trim();
  const m = ATOMIC.exec(selector);
  if (!m) return 'base';
  const after = selector.slice(m[0].length);
  if (after.startsWith(':')) {
    const pseudo = /^:([a-z-]+)/.exec(after);
    const bucket = pseudo && PSEUDO_BUCKET[pseudo[1]];
    if (bucket && after.slice(pseudo[0].length).trim() === '') return bucket;
    if (bucket === undefined || bucket === null) return '';
  }
  const body = rule.slice(brace + 1, rule.lastIndexOf('}'));
  const property = body.slice(0, body.indexOf(':')).trim();
  const depth = SHORTHAND_DEPTH[property];
  return typeof depth === 'number' ? `s-${depth}` : '';
}

function sortAtomicCss(css) {
  const rules = splitRules(css).map((rule, index) => ({ rule, index, rank: ORDER.indexOf(bucketOf(rule)) }));
  rules.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const charset = rules.filter((r) => r.rule.startsWith('@charset'));
  const others = rules.filter((r) => !r.rule.startsWith('@charset'));
  return [...charset, ...others].map((r) => r.rule).join('\n') + '\n';
}

module.exports = { sortAtomicCss, splitRules, bucketOf };
