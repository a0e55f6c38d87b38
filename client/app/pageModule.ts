import { useCallback, useSyncExternalStore } from 'react';

/** Where the load of a page's code stands. */
export type ModuleLoad<T> =
  { state: 'loading' } | { state: 'ready'; module: T } | { state: 'failed'; error: unknown };

interface Entry {
  current: ModuleLoad<unknown>;
  settled: Promise<void>;
}

// One load per importer for the life of the page, started by whoever asks first.
const loads = new WeakMap<() => Promise<unknown>, Entry>();

/**
 * Starts loading a chunk (once; later calls return the same load). A page calls it as early as
 * it can, e.g. the board page for its canvas before it has its board's details.
 */
export function startModuleLoad<T>(importer: () => Promise<T>): {
  current: ModuleLoad<T>;
  settled: Promise<void>;
} {
  let entry = loads.get(importer);
  if (!entry) {
    const fresh: Entry = { current: { state: 'loading' }, settled: Promise.resolve() };
    fresh.settled = importer().then(
      (module) => {
        fresh.current = { state: 'ready', module };
      },
      (error: unknown) => {
        fresh.current = { state: 'failed', error };
      },
    );
    loads.set(importer, fresh);
    entry = fresh;
  }
  return entry as { current: ModuleLoad<T>; settled: Promise<void> };
}

/**
 * A chunk of code for a component to render once it has arrived, without Suspense: React holds
 * back the content of a Suspense boundary for up to 300 ms after its fallback was shown (to
 * batch reveals), and on the hall WiFi the board's code often arrives within that window, so
 * `React.lazy` cost the board up to 300 ms twice (page, then canvas) before anything ran.
 */
export function useModule<T>(importer: () => Promise<T>): ModuleLoad<T> {
  const load = startModuleLoad(importer);
  // An external store, not state set from an effect: a load that settles between this render
  // and the effect would otherwise never be seen (the page stayed on "Memuat papan…").
  const subscribe = useCallback((onChange: () => void) => watchModuleLoad(load, onChange), [load]);
  return useSyncExternalStore(subscribe, () => load.current);
}

/**
 * Calls `onChange` once the load has settled, also when it already has (a late subscriber is
 * told too); the returned function stops it.
 */
export function watchModuleLoad(
  load: { settled: Promise<void> },
  onChange: () => void,
): () => void {
  let live = true;
  void load.settled.then(() => live && onChange());
  return () => {
    live = false;
  };
}
