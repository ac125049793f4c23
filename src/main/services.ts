import { app } from 'electron'
import type { Services } from '../core/services'
import { createElectronSaveFile } from './save-file'
import { createElectronVault } from './vault-electron'

/** The Electron host's adapters for the core. Call after app.whenReady() (safeStorage needs it). */
export async function createElectronServices(openExternal: (url: string) => Promise<boolean>): Promise<Services> {
  return {
    mode: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    openExternal,
    vault: createElectronVault(app),
    saveFile: createElectronSaveFile()
  }
}
