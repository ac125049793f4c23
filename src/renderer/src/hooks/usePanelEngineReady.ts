import { useEffect, useSyncExternalStore } from 'react'
import { hasPanelEngine } from '../../../core/engine/registry'

const listeners = new Set<() => void>()
let started = false

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Loads the panel's engine on this thread too, once the window has painted (the save-time path check in
 * the form needs it; the Claims tester has its own in the worker). Re-renders its users when it is ready.
 */
export function usePanelEngineReady(): boolean {
  useEffect(() => {
    if (started) return
    started = true
    void import('../workers/claims-engine')
      .then(({ loadClaimsEngine }) => loadClaimsEngine())
      .then(
        () => listeners.forEach((l) => l()),
        () => undefined // the form falls back to the check core runs before anything is sent
      )
  }, [])
  return useSyncExternalStore(subscribe, hasPanelEngine)
}
