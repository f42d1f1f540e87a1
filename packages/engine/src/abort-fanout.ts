/**
 * One real 'abort' listener per signal, fanning out to any number of callbacks. A run's stop signal is
 * watched by every VU's sleeps and connections; adding each as its own EventTarget listener would cost a
 * listener object each and trip Node's "possible memory leak" warning past ten.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    queueMicrotask(callback);
    return noop;
  }
  let callbacks = subscribers.get(signal);
  if (!callbacks) {
    const set = new Set<() => void>();
    callbacks = set;
    subscribers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const each of [...set]) each();
        set.clear();
      },
      { once: true },
    );
  }
  const own = callbacks;
  own.add(callback);
  return () => own.delete(callback);
}

function noop(): void {}
