/**
 * Fault injection for the crash tests (test/fault/). With FAULT_KILL_AFTER_WRITE="<key prefix>#<n>"
 * the local runtime kills itself with SIGKILL (no clean-up, no flush, nothing after it runs) right
 * after its n-th durable write touching a key that starts with the prefix: the write is on disk,
 * its caller never saw it acknowledged. Unset, nothing is checked.
 */
export type WriteObserver = (keys: readonly string[]) => void;

export function killSwitchFromEnvironment(value: string | undefined, kill: () => void = () => process.kill(process.pid, 'SIGKILL')): WriteObserver | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^(.*)#(\d+)$/.exec(value.trim());
  if (!match || Number(match[2]) < 1) throw new Error(`FAULT_KILL_AFTER_WRITE must be "<key prefix>#<n>" with n >= 1, not "${value.slice(0, 60)}".`);
  const prefix = match[1] as string;
  let left = Number(match[2]);
  return (keys) => {
    if (!keys.some((key) => key.startsWith(prefix))) return;
    left--;
    if (left === 0) kill();
  };
}
