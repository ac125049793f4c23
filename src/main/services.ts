import { app } from 'electron'
import type { Services } from '../core/services'
import { createElectronSaveFile } from './save-file'
import { createElectronVault } from './vault-electron'
import { openExternalSafely } from './window'

/** The Electron host's adapters for the core. Call after app.whenReady() (safeStorage needs it). */
export async function createElectronServices(): Promise<Services> {
  return {
    mode: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    openExternal: openExternalSafely,
    vault: createElectronVault(app),
    saveFile: createElectronSaveFile()
  }
}
