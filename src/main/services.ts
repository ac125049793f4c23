import { app } from 'electron'
import type { Services } from '../core/services'
import { MemoryVault } from '../core/vault/memory-vault'
import { openExternalSafely } from './window'

/** The Electron host's adapters for the core. */
export async function createElectronServices(): Promise<Services> {
  return {
    mode: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    openExternal: openExternalSafely,
    vault: new MemoryVault()
  }
}
