import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    const t = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs
    if (t > newest) newest = t
  }
  return newest
}

/** Builds the renderer when out/ is missing or older than any source file. */
export function buildIfNeeded(root: string, log: (line: string) => void): void {
  const index = join(root, 'out', 'renderer', 'index.html')
  let builtAt = 0
  try {
    builtAt = statSync(index).mtimeMs
  } catch {
    /* not built yet */
  }
  const sourceAt = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'electron.vite.config.ts')).mtimeMs)
  if (builtAt >= sourceAt) return
  log(builtAt === 0 ? 'Building the app (first run)…' : 'Sources changed since the last build; rebuilding…')
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  if (r.status !== 0) throw new Error(`The build failed (exit ${r.status}); see the messages above.`)
}
