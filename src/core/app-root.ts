import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_NAME = 'calagopus-oauth-assistant'

/**
 * The repository (or installed app) root: the nearest folder above this module whose
 * package.json is ours. Walked up to, so the same code works from src/ under tsx and
 * from the prebuilt bundle's chunks in out/node/.
 */
export function appRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from))
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir
      } catch {
        /* not ours: keep walking */
      }
    }
    const up = dirname(dir)
    if (up === dir) throw new Error(`The application folder (package.json of ${PACKAGE_NAME}) was not found above ${from}.`)
    dir = up
  }
}

/** The app's version from its package.json. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version
}
