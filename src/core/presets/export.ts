import type { ExportResult, PresetConfig, PresetFormat } from '../../shared/schemas/presets'
import { PRESET_KEYS } from '../../shared/schemas/presets'
import { checkProviderRules } from '../provider/rules'
import { writeHouseYaml, type YamlValue } from './yaml-style'

/** Fields that are `string | null` in the panel's record. */
const NULLABLE = new Set(['description', 'email_path', 'username_path', 'name_first_path', 'name_last_path'])

type Exportable = PresetConfig & { client_id?: string; client_secret?: string }

/**
 * The preset record in the panel's key order, without client_id/client_secret (never
 * exported: docs/panel-behaviour.md#preset-export). An empty description or optional path becomes `null`,
 * as the panel's own form and import do (`nullableString` in its frontend), so the file
 * says what the panel will store.
 */
export function toPresetRecord(config: Exportable): Array<[keyof PresetConfig, YamlValue]> {
  return PRESET_KEYS.map((k) => {
    const v = config[k]
    if (NULLABLE.has(k) && v === '') return [k, null]
    return [k, Array.isArray(v) ? [...v] : (v as YamlValue)]
  })
}

/**
 * The panel's YAML export, byte for byte: `js-yaml.dump(record, {flowLevel: -1,
 * forceQuotes: true})` (frontend `OAuthProviderCreateOrUpdate.tsx`).
 */
export function presetToYaml(config: Exportable): string {
  return writeHouseYaml(toPresetRecord(config))
}

/**
 * The panel's JSON export, byte for byte: `JSON.stringify(record, undefined, 2)`,
 * snake_case keys in record order, no final newline (the panel writes none).
 */
export function presetToJson(config: Exportable, mappings?: unknown[]): string {
  const record: Record<string, unknown> = Object.fromEntries(toPresetRecord(config))
  // Ours, only when asked: the panel's export never has mappings and its import ignores unknown keys.
  if (mappings !== undefined) record.mappings = mappings
  return JSON.stringify(record, undefined, 2)
}

/** A file name from the provider's name: `pocket-id.yml`, `provider.json` when nothing usable. */
export function presetFileName(name: string, format: PresetFormat): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'provider'
  return `${base}.${format === 'json' ? 'json' : 'yml'}`
}

export interface ExportOptions {
  /**
   * Write `enabled: false` whatever the draft says. The panel's Import creates the
   * provider at once with client ID and secret `example` and `enabled` from the file, so an
   * enabled file puts a login button with dummy credentials on the panel's login page
   * (docs/panel-behaviour.md#preset-import).
   */
  importDisabled?: boolean
  /** JSON only, when the admin asks: the draft's mappings under our own `mappings` key (the panel's import ignores it). */
  mappings?: unknown[]
}

/** Export in either format, with the panel-rule problems the record has (in preset mode). */
export function exportPreset(draft: Exportable, format: PresetFormat, opts: ExportOptions = {}): ExportResult {
  const config = opts.importDisabled ? { ...draft, enabled: false } : draft
  const content = format === 'json' ? presetToJson(config, opts.mappings) : presetToYaml(config)
  const normalized = Object.fromEntries(toPresetRecord(config)) as unknown as PresetConfig
  const problems = checkProviderRules({ ...normalized, client_id: '' }, { mode: 'preset' })
  return {
    content,
    fileName: presetFileName(config.name, format),
    mimeType: format === 'json' ? 'application/json' : 'application/yaml',
    problems
  }
}
