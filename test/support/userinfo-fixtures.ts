import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import type { PreviewPaths } from '../../src/core/registration/preview'

/** Realistic userinfo documents of the community presets' providers (test/fixtures/userinfo). */
export const USERINFO_PROVIDERS = ['pocket-id', 'authentik', 'google', 'github', 'discord'] as const
export type UserinfoProvider = (typeof USERINFO_PROVIDERS)[number]

export function userinfoText(provider: UserinfoProvider): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/userinfo/${provider}.json`, import.meta.url)), 'utf8')
}

/**
 * SHA-256 of the five community presets as the panel's documentation publishes them
 * (docs/panel-behaviour.md#community-presets). test/fixtures/community-presets/ keeps them verbatim, so the
 * hash proves the copy read here is the upstream file, byte for byte.
 */
export const COMMUNITY_PRESET_SHA256: Record<UserinfoProvider, string> = {
  authentik: 'c8eac6a7976b94f9728dfc2495542b5b0d8a37d0b3d3c062cbe73aff2230a06f',
  discord: 'cc2f53eba8dbccd535975710a52a772f241214cb1bb6891b2f48e6bae95c026b',
  github: 'c65e83841e86d18f30833040f64d194d3d98ecebe448d0461b4ad673a4659e28',
  google: '0397a9d1983605f506459f5af35ee9b55db1dcdc34ce37f2646c1043a33c0617',
  'pocket-id': '7a23efb651fa944f04b56f9210b329934bedaba11a18a331725ec8bfc0cad765'
}

/** A community preset's bytes from test/fixtures/community-presets/, refused unless they are the upstream file's. */
export function communityPresetBytes(provider: UserinfoProvider): Buffer {
  const bytes = readFileSync(fileURLToPath(new URL(`../fixtures/community-presets/${provider}.yml`, import.meta.url)))
  const sha = createHash('sha256').update(bytes).digest('hex')
  if (sha !== COMMUNITY_PRESET_SHA256[provider])
    throw new Error(`test/fixtures/community-presets/${provider}.yml is no longer the upstream community preset (SHA-256 ${sha}).`)
  return bytes
}

/** The five paths and login_only of a community preset (verified upstream copy). */
export function communityPreset(provider: UserinfoProvider): PreviewPaths & { login_only: boolean } {
  const y = parseYaml(communityPresetBytes(provider).toString('utf8')) as Record<string, unknown>
  return {
    identifier_path: y.identifier_path as string,
    email_path: (y.email_path as string | null) ?? null,
    username_path: (y.username_path as string | null) ?? null,
    name_first_path: (y.name_first_path as string | null) ?? null,
    name_last_path: (y.name_last_path as string | null) ?? null,
    login_only: y.login_only === true
  }
}
