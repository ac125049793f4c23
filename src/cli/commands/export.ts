import { parseArgs } from 'node:util'
import { exportPreset } from '../../core/presets'
import { locateJsonError } from '../../core/json-position'
import { AppError } from '../../shared/errors'
import { ExportableConfigSchema, PresetFormatSchema } from '../../shared/schemas/presets'
import type { CliCommand } from '../command'
import { readInput, UsageError } from '../command'

/**
 * `export --config CONFIG.json [--format yaml|json]`: prints the preset file exactly as
 * the panel's Export button writes it (PANEL-CONTRACT §6), never with a client id/secret.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Print the preset file of a provider record (the panel’s YAML or JSON export, byte for byte)',
  usage: 'export --config CONFIG.json [--format yaml|json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { config: { type: 'string' }, format: { type: 'string', default: 'yaml' } }
    })
    if (positionals.length) throw new UsageError(`unexpected argument “${positionals[0]}”.`)
    if (values.config === undefined) throw new UsageError('--config CONFIG.json is required (use - for stdin).')
    const format = PresetFormatSchema.safeParse(values.format)
    if (!format.success) throw new UsageError(`--format is yaml or json, not “${values.format}”.`)
    const file = values.config
    const text = (await readInput(file, io, 'config')).replace(/^\uFEFF/, '')
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (err) {
      const at = locateJsonError(text, (err as Error).message)
      throw new AppError('cli.config', `${file} is not JSON${at.line === null ? '' : ` (line ${at.line}, column ${at.column})`}: ${at.message}.`, {
        hint: 'CONFIG.json is the provider record in the panel’s snake_case form; a preset file can be turned into one with `import FILE --json`.'
      })
    }
    const parsed = ExportableConfigSchema.safeParse(raw)
    if (!parsed.success) {
      throw new AppError('cli.config', `${file} is not a provider record.`, {
        hint: 'Use the panel’s field names (name, description, auth_url, token_url, info_url, scopes, identifier_path, the four optional paths, the six switches); optional values may be null.',
        problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message }))
      })
    }
    const r = exportPreset(parsed.data, format.data)
    const raw_ = raw as Record<string, unknown>
    if (typeof raw_.client_secret === 'string' || typeof raw_.client_id === 'string') {
      io.stderr('note: client_id and client_secret are never written to a preset; they were left out.\n')
    }
    for (const p of r.problems) io.stderr(`${p.severity}: ${p.field} ${p.message}\n`)
    io.stdout(r.content)
    return 0
  }
}
