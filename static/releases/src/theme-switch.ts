/**
 * Jira switches light/dark in place by changing the html theme attributes. Atlaskit fields fade
 * their token colours over 0.2 s, so right after a switch they still show the old theme's colours
 * beside controls that have no transition. While the attributes change, transitions are off for
 * two frames: every control takes the new theme's tokens at once.
 */
const PAUSED = 'rr-theme-switching';

export function switchThemesWithoutFading(root: HTMLElement = document.documentElement): () => void {
  let frame = 0;
  const observer = new MutationObserver(() => {
    root.classList.add(PAUSED);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => root.classList.remove(PAUSED));
    });
  });
  observer.observe(root, { attributes: true, attributeFilter: ['data-color-mode', 'data-theme'] });
  return () => observer.disconnect();
}
