/// <reference lib="webworker" />
import { createClaimsEngine } from './claims-engine'
import type { ClaimsRequest, ClaimsResponse } from './claims-protocol'

// Off the main thread: typing in a path field never waits for an evaluation.
const scope = self as unknown as { onmessage: ((e: MessageEvent<ClaimsRequest>) => void) | null; postMessage(m: ClaimsResponse): void }
const run = createClaimsEngine()
scope.onmessage = (e) => scope.postMessage(run(e.data))
