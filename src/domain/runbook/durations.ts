/** Minutes in the runbook's words: “45 min”, “2 h”, “1 h 30 min” (negative: “-15 min”). */
export function formatDuration(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const text = m < 60 ? `${m} min` : m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
  return minutes < 0 ? `-${text}` : text;
}
