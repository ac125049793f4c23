import { safeStorage, type App } from 'electron'
// electron-store crashes the process when imported outside Electron: only src/main imports it.
import Store from 'electron-store'
import { SafeStorageVault, type KeyValueStore, type SafeStorageLike } from '../core/vault/safe-storage-vault'
import type { SecretVault } from '../core/vault/vault'
import { secretsStoreOptions } from './secrets-store-options'

/**
 * The Electron host's vault: safeStorage encryption, ciphertext kept in
 * `<userData>/secrets.json` through electron-store. Call after `app.whenReady()`:
 * on Linux safeStorage only knows its backend once the app is ready.
 */
export function createElectronVault(app: Pick<App, 'getPath'>): SecretVault {
  const store = new Store<Record<string, unknown>>(secretsStoreOptions(app.getPath('userData')))
  const kv: KeyValueStore = {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key)
  }
  const safe: SafeStorageLike = {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (cipher) => safeStorage.decryptString(cipher),
    // Only Linux has selectable backends; elsewhere the OS keychain is always the backend.
    getSelectedStorageBackend: process.platform === 'linux' ? () => safeStorage.getSelectedStorageBackend() : undefined
  }
  return new SafeStorageVault(safe, kv)
}
