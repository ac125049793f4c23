import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FuseV1Options } from '@electron/fuses'
// electron-builder's own schema check (the one `electron-builder` runs before packaging).
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import afterPack, { electronBinaryPath } from '../../packaging/after-pack.mjs'
import { FUSES } from '../../packaging/fuses.mjs'
import config from '../../electron-builder.config.mjs'

const ROOT = join(import.meta.dirname, '..', '..')

/** electron-builder's globs as used here: `*` within a name, `**` across folders. */
function globToRegExp(glob: string): RegExp {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0000')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '(?:.*/)?')
  return new RegExp(`^${re}$`)
}
function included(patterns: string[], file: string): boolean {
  let inc = false
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(file)) inc = false
    } else if (globToRegExp(p).test(file)) inc = true
  }
  return inc
}

describe('packaging: electron-builder configuration', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config as never, { isEnabled: false, add: () => undefined } as never)).resolves.toBeUndefined()
  })

  it('builds AppImage and deb, dmg, and an NSIS installer', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.asar).toBe(true)
    expect(config.publish).toBeNull()
  })

  it('packages the build output and nothing of the sources', () => {
    const files = config.files as string[]
    for (const f of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json'
    ])
      expect(included(files, f), f).toBe(true)
    for (const f of [
      'src/main/index.ts',
      'test/unit/packaging.test.ts',
      'out/renderer/assets/index-abc.js.map',
      'presets/github.yml',
      '.github/workflows/release.yml'
    ])
      expect(included(files, f), f).toBe(false)
    // package.json's entry point is among what is packaged.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> }
    expect(included(files, pkg.main.replace(/^\.\//, ''))).toBe(true)
    expect(pkg.scripts['dist']).toMatch(/npm run build && electron-builder --config electron-builder\.config\.mjs/)
  })

  it('ships every library preset as resources/presets, where the library looks for it', () => {
    const [res] = config.extraResources as Array<{ from: string; to: string; filter: string[] }>
    expect(res).toMatchObject({ from: 'presets', to: 'presets' })
    const shipped = readdirSync(join(ROOT, 'presets')).filter((f) => included(res!.filter, f))
    expect(shipped).toContain('index.json')
    expect(shipped.filter((f) => f.endsWith('.yml')).length).toBe(
      readdirSync(join(ROOT, 'presets')).filter((f) => f.endsWith('.yml')).length
    )
    // resources/app.asar/out/main → (up 3) resources → resources/presets: within the library's walk up.
    expect('app.asar/out/main'.split('/').length).toBeLessThanOrEqual(8)
  })

  it('runs the fuses hook after packing', () => {
    expect(config.afterPack).toBe('./packaging/after-pack.mjs')
    expect(existsSync(join(ROOT, 'packaging', 'after-pack.mjs'))).toBe(true)
  })
})

describe('packaging: fuses', () => {
  it('sets every fuse of the wire, locked down', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true)
    const numeric = Object.values(FuseV1Options).filter((v) => typeof v === 'number')
    for (const f of numeric) expect(typeof (FUSES as Record<number, unknown>)[f], FuseV1Options[f]).toBe('boolean')
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
    })
  })

  it('the afterPack hook flips them in the packaged binary of each platform', async () => {
    const packager = { appInfo: { productFilename: 'Calagopus OAuth Setup Assistant' }, executableName: 'calagopus-oauth-assistant' }
    const cases: Array<[string, number, string]> = [
      ['linux', 1, join('/o', 'calagopus-oauth-assistant')],
      ['win32', 1, join('/o', 'Calagopus OAuth Setup Assistant.exe')],
      ['darwin', 3, join('/o', 'Calagopus OAuth Setup Assistant.app')]
    ]
    for (const [platform, arch, expected] of cases) {
      const flips: Array<[string, Record<string | number, unknown>]> = []
      const ctx = { appOutDir: '/o', electronPlatformName: platform, arch, packager }
      expect(electronBinaryPath(ctx)).toBe(expected)
      await afterPack(ctx, async (path, cfg) => {
        flips.push([path, cfg as Record<string | number, unknown>])
        return 1
      })
      expect(flips).toHaveLength(1)
      expect(flips[0]![0]).toBe(expected)
      expect(flips[0]![1]).toMatchObject({ ...FUSES, resetAdHocDarwinSignature: platform === 'darwin' })
    }
  })
})

describe('packaging: release workflow', () => {
  it('builds on Linux, macOS and Windows with the README’s commands and keeps the installers', () => {
    const wf = parse(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } }
      jobs: Record<
        string,
        { strategy: { matrix: { os: string[] } }; steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown> }> }
      >
    }
    expect(wf.on.push.tags).toEqual(['v*'])
    const job = Object.values(wf.jobs)[0]!
    expect(job.strategy.matrix.os.map((o) => o.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows'])
    const runs = job.steps.map((s) => s.run ?? '').join('\n')
    expect(runs).toContain('npm ci')
    expect(runs).toContain('npx vitest run')
    expect(runs).toContain('npm run dist')
    expect(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true)
  })
})
