/** The signals that stop a command: Ctrl-C and SIGTERM. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Calls `stop` at the first Ctrl-C (SIGINT) or SIGTERM, and takes no other: both listeners go with the first signal,
 * so that a second one, of either kind, ends the process at once, as Node does by default with no listener. Returns
 * what removes them, when no signal came.
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  const dispose = () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      dispose();
      stop(signal);
    };
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return dispose;
}
