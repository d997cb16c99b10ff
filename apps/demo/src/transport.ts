import type { SyncTransport } from '@mfa-kit/core';
import { createEventStreamTransport, createSyncClient } from '@mfa-kit/core';
import { useCallback, useState } from 'react';

/** How the flow hears about the sync: the backend pushes it, or the browser polls. */
export type UpdateMode = 'push' | 'polling';

const BASE_URL = '/api/quovo';
const STORAGE_KEY = 'tally-updates';

let cache: Partial<Record<UpdateMode, SyncTransport>> = {};

/**
 * One transport per mode for the page's life, so switching back and forth hands the flow the
 * same object (a new one would restart its session's push or polling).
 */
export function transportFor(mode: UpdateMode): SyncTransport {
  cache[mode] ??= mode === 'push' ? createEventStreamTransport({ baseUrl: BASE_URL }) : createSyncClient({ baseUrl: BASE_URL });
  return cache[mode]!;
}

/** For tests that load the module twice. */
export function resetTransports(): void {
  cache = {};
}

function readMode(): UpdateMode {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'polling' ? 'polling' : 'push';
  } catch {
    return 'push';
  }
}

/** The chosen mode (push by default), remembered across reloads. */
export function useUpdateMode(): [UpdateMode, (mode: UpdateMode) => void] {
  const [mode, setMode] = useState<UpdateMode>(readMode);
  const choose = useCallback((next: UpdateMode) => {
    setMode(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  return [mode, choose];
}
