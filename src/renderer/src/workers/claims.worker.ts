/// <reference lib="webworker" />
import { createClaimsEngine, loadClaimsEngine } from './claims-engine'
import type { ClaimsRequest, ClaimsResponse } from './claims-protocol'
import { LEGACY_PAUSE_MS } from './claims-protocol'

// Off the main thread: typing in a path field never waits for an evaluation, and the engine's
// WebAssembly module loads here, after the window has painted.
const scope = self as unknown as { onmessage: ((e: MessageEvent<ClaimsRequest>) => void) | null; postMessage(m: ClaimsResponse): void }
const ready = loadClaimsEngine().then(createClaimsEngine)
let latest = 0
let legacyTimer: ReturnType<typeof setTimeout> | undefined

scope.onmessage = (e) => {
  const req = e.data
  latest = req.seq
  ready.then(
    (engine) => {
      if (req.seq !== latest) return
      scope.postMessage(engine.evaluate(req))
      clearTimeout(legacyTimer)
      legacyTimer = setTimeout(() => {
        if (req.seq !== latest) return
        const withLegacy = engine.withLegacy(req)
        if (withLegacy) scope.postMessage(withLegacy)
      }, LEGACY_PAUSE_MS)
    },
    (err: unknown) =>
      scope.postMessage({ seq: req.seq, ok: false, message: `The JSONPath engine could not load: ${(err as Error).message}` })
  )
}
