/**
 * Resolves on a new macrotask, so messages queued for this thread (a cancel) are delivered.
 * A MessageChannel message is not clamped like nested setTimeout(0) (4 ms after five levels),
 * which would cost that much on every yield.
 */
export function nextMacrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
