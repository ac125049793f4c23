/// <reference types="vite/client" />
import type { Transport } from '../../shared/api'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    calagopus?: Transport
  }
}
export {}
