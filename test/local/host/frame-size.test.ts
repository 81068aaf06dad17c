import { nextFrameHeight } from '../../../local/host/src/frame-size';

describe('nextFrameHeight', () => {
  it.each([
    ['grows to overflowing content', { docScrollHeight: 900, bodyHeight: 880, current: 300, min: 80 }, 900],
    ['shrinks to the body when content got smaller', { docScrollHeight: 600, bodyHeight: 240.4, current: 600, min: 80 }, 241],
    ['never below the minimum', { docScrollHeight: 100, bodyHeight: 20, current: 100, min: 80 }, 80],
    ['a 100%-tall body keeps the current height', { docScrollHeight: 500, bodyHeight: 500, current: 500, min: 400 }, 500],
    ['ignores 1px rounding overflow', { docScrollHeight: 301, bodyHeight: 290, current: 300, min: 0 }, 290],
  ])('%s', (_name, m, expected) => {
    expect(nextFrameHeight(m)).toBe(expected);
  });
});
