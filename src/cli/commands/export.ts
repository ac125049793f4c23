import { parseArgs } from 'node:util'
import { exportPreset } from '../../core/presets'
import { ExportableConfigSchema, PresetFormatSchema } from '../../shared/schemas/presets'
import type { CliCommand } from '../command'
import { UsageError } from '../command'
import { readConfigFile, readConfigMappings } from '../config-file'

/**
 * `export --config CONFIG.json [--format yaml|json] [--import-disabled]`: prints the preset
 * file exactly as the panel's Export button writes it, never with a client id/secret;
 * `--import-disabled` writes `enabled: false`, because the panel's Import creates the
 * provider at once with dummy credentials.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Print the preset file of a provider record (the panel’s YAML or JSON export, byte for byte)',
  usage: 'export --config CONFIG.json [--format yaml|json] [--import-disabled] [--with-mappings]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        format: { type: 'string', default: 'yaml' },
        'import-disabled': { type: 'boolean', default: false },
        'with-mappings': { type: 'boolean' }
      }
    })
    if (positionals.length) throw new UsageError(`unexpected argument “${positionals[0]}”.`)
    if (values.config === undefined) throw new UsageError('--config CONFIG.json is required (use - for stdin).')
    const format = PresetFormatSchema.safeParse(values.format)
    if (!format.success) throw new UsageError(`--format is yaml or json, not “${values.format}”.`)
    const file = values.config
    const { config, raw } = await readConfigFile(file, io, ExportableConfigSchema)
    const importDisabled = values['import-disabled'] === true
    if (values['with-mappings'] && format.data !== 'json') throw new UsageError('--with-mappings needs --format json.')
    const mappings = values['with-mappings'] ? (readConfigMappings(raw, file) ?? []) : undefined
    const r = exportPreset(config, format.data, { importDisabled, mappings })
    if (!importDisabled && config.enabled) {
      io.stderr(
        'note: enabled is true: the panel’s Import creates the provider at once with client ID and secret “example”, so a login button that cannot work appears until the real credentials are entered; --import-disabled writes enabled: false.\n'
      )
    }
    if (typeof raw.client_secret === 'string' || typeof raw.client_id === 'string') {
      io.stderr('note: client_id and client_secret are never written to a preset; they were left out.\n')
    }
    for (const p of r.problems) io.stderr(`${p.severity}: ${p.field} ${p.message}\n`)
    io.stdout(r.content)
    return 0
  }
}
