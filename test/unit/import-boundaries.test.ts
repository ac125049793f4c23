import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(name) ? [p] : []
  })
}

/** Module specifiers of every static or dynamic import in a file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g
  )) {
    out.push((m[1] ?? m[2] ?? m[3])!)
  }
  return out
}

function offenders(dirs: string[], bad: (spec: string) => boolean): string[] {
  return dirs.flatMap((d) =>
    sources(join(ROOT, d)).flatMap((f) =>
      importsOf(f)
        .filter(bad)
        .map((s) => `${relative(ROOT, f)} imports ${s}`)
    )
  )
}

/**
 * The architecture of STYLE.md, enforced: Electron only in the thin shell (it can't run
 * on our machines, and electron-store crashes outside it), no Node in the renderer, and
 * no zod in what the renderer bundles (it would cost ~40 KB gzipped of the 300 KB budget).
 */
describe('import boundaries', () => {
  it('nothing outside src/main and src/preload imports electron or electron-store', () => {
    expect(
      offenders(['src/core', 'src/shared', 'src/web', 'src/cli', 'src/renderer'], (s) => s === 'electron' || s.startsWith('electron-store'))
    ).toEqual([])
  })

  it('the renderer imports no node: module', () => {
    expect(offenders(['src/renderer'], (s) => s.startsWith('node:'))).toEqual([])
  })

  it('the renderer reaches core only through browser-safe modules', () => {
    const allowed = ['core/jsonpath', 'core/registration', 'core/provider', 'core/scopes', 'core/engine']
    // The engine's disk loader is for Node hosts only.
    const bad = offenders(
      ['src/renderer'],
      (s) => (s.includes('/core/') && !allowed.some((a) => s.includes(a))) || s.includes('core/engine/load-node')
    )
    expect(bad).toEqual([])
    // …and those modules themselves stay free of Node.
    expect(
      offenders(
        allowed.map((a) => `src/${a}`),
        (s) => s.startsWith('node:')
      ).filter((o) => !o.startsWith('src/core/engine/load-node.ts'))
    ).toEqual([])
  })

  it('the renderer takes only types from the zod-bearing contract files', () => {
    const valueImports = sources(join(ROOT, 'src/renderer')).flatMap((f) => {
      const text = readFileSync(f, 'utf8')
      return [...text.matchAll(/^import\s+(?!type\b)[^'"]*from\s+['"]([^'"]*(?:shared\/api|shared\/schemas\/[^'"]+))['"]/gm)].map(
        (m) => `${relative(ROOT, f)} imports ${m[1]}`
      )
    })
    expect(valueImports).toEqual([])
  })
})
