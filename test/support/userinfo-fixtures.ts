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

/** The five paths and login_only of a community preset (../shared/panel/presets/<name>.yml). */
export function communityPreset(provider: UserinfoProvider): PreviewPaths & { login_only: boolean } {
  const file = fileURLToPath(new URL(`../../../shared/panel/presets/${provider}.yml`, import.meta.url))
  const y = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>
  return {
    identifier_path: y.identifier_path as string,
    email_path: (y.email_path as string | null) ?? null,
    username_path: (y.username_path as string | null) ?? null,
    name_first_path: (y.name_first_path as string | null) ?? null,
    name_last_path: (y.name_last_path as string | null) ?? null,
    login_only: y.login_only === true
  }
}
