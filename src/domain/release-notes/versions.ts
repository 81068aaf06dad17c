/** A version as the notes page offers it. */
export interface VersionChoice {
  id: string;
  released: boolean;
  archived: boolean;
  releaseDate?: string;
}

/**
 * The version to show first: the one asked for, else the next unreleased one by date (undated
 * last), else the most recently released one.
 */
export function defaultVersionId(versions: VersionChoice[], wanted?: string): string | undefined {
  if (wanted && versions.some((v) => v.id === wanted)) return wanted;
  const live = versions.filter((v) => !v.archived);
  const unreleased = live.filter((v) => !v.released).sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999'));
  if (unreleased[0]) return unreleased[0].id;
  // No live version is unreleased here: the most recently released one first.
  const released = [...live].sort((a, b) => (b.releaseDate ?? '').localeCompare(a.releaseDate ?? ''));
  return (released[0] ?? versions[0])?.id;
}
