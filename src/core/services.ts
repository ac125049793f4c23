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
  secretStorage: { kind: 'os-keychain' | 'weak-keychain' | 'memory'; description: string }
}
