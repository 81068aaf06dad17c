// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sortAtomicCss, splitRules, bucketOf } = require('../../../local/host/sort-atomic-css.cjs') as {
  sortAtomicCss: (css: string) => string;
  splitRules: (css: string) => string[];
  bucketOf: (rule: string) => string;
};

describe('sort-atomic-css', () => {
  it('splits top-level rules, keeping at-rule blocks whole and dropping comments', () => {
    expect(splitRules('/* c */a{color:red}@media (min-width:1px){._abcdefgh{color:blue}}._12345678{content:"}"}')).toEqual([
      'a{color:red}',
      '@media (min-width:1px){._abcdefgh{color:blue}}',
      '._12345678{content:"}"}',
    ]);
  });

  it.each([
    ['body{margin:0}', 'base'],
    ['@font-face{font-family:x}', 'base'],
    ['._k48pwu06{font-weight:var(--ds-font-weight-bold,653)}', ''],
    ['._11c8fhey{font:var(--ds-font-body)}', 's-1'],
    ['._1h6d1l7x{border-color:red}', 's-2'],
    ['._1xyz1234{all:unset}', 's-0'],
    ['._30l31gty:hover{color:red}', 'h'],
    ['._1di6fcek:active{color:red}', 'a'],
    ['._f8pj1ssb:focus-visible{outline:none}', 'i'],
    ['._abcdefgh::placeholder{color:red}', ''],
    ['@media (min-width:30rem){._abcdefgh{display:none}}', 'm'],
    ['._abcdefgh ._ijklmnop{color:red}', ''],
  ])('bucketOf(%s) = %p', (rule, bucket) => {
    expect(bucketOf(rule)).toBe(bucket);
  });

  it('orders base, shorthands, longhands, pseudos, at-rules; stable within a bucket', () => {
    const css = [
      '@media (min-width:1px){._m1111111{color:red}}',
      '._h1111111:hover{color:red}',
      '._k48pwu06{font-weight:bold}',
      '._11c8fhey{font:14px sans-serif}',
      'html{color:black}',
      '._p1111111{padding-top:1px}',
      '._p2222222{padding:0}',
    ].join('');
    expect(sortAtomicCss(css).trim().split('\n')).toEqual([
      'html{color:black}',
      '._11c8fhey{font:14px sans-serif}',
      '._p2222222{padding:0}',
      '._k48pwu06{font-weight:bold}',
      '._p1111111{padding-top:1px}',
      '._h1111111:hover{color:red}',
      '@media (min-width:1px){._m1111111{color:red}}',
    ]);
  });
});
