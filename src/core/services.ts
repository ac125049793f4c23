import type { SaveFile } from './presets'
import type { SecretVault } from './vault/vault'

/**
 * What the core needs from its host (Electron main, the browser-mode server, the CLI).
 * Each host builds one of these with its own adapters; handlers receive it and never
 * look at which host they run in.
 */
export interface Services {
  mode: 'electron' | 'web' | 'cli'
  version: string
  /** Folder for drafts and settings (the app's data folder). */
  dataDir: string
  /** Opens a URL in the system browser. Resolves false when this host cannot. */
  openExternal(url: string): Promise<boolean>
  /** Secrets (client secret, panel API key); its kind/description are shown to the admin. */
  vault: SecretVault
  /**
   * Saves an exported preset where the admin chooses (Electron: native save dialog, then
   * write). Left out by hosts without one (browser mode, CLI): the renderer downloads it.
   */
  saveFile?: SaveFile
}
