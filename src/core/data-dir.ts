import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = 'calagopus-oauth-assistant'

/**
 * The app's data folder outside Electron, the same one Electron's `userData` names, so
 * browser mode, the CLI and the desktop app see the same drafts.
 * CALAGOPUS_DATA_DIR overrides it (tests use a fresh temporary folder each).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CALAGOPUS_DATA_DIR) return env.CALAGOPUS_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME)
}
