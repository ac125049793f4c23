import { parseArgs } from 'node:util'
import { loadLibrary, searchLibrary } from '../../core/presets'
import type { CliCommand } from '../command'
import { printJson, UsageError } from '../command'

/** `presets [--json] [--search TEXT]`: the preset library, with what each one asks for. */
export const presetsCommand: CliCommand = {
  name: 'presets',
  summary: 'List the preset library (providers, discovery URL patterns, placeholders to fill in)',
  usage: 'presets [--json] [--search TEXT]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, search: { type: 'string' } }
    })
    if (positionals.length) throw new UsageError(`unexpected argument “${positionals[0]}”.`)
    const entries = searchLibrary(await loadLibrary(), values.search ?? '')
    if (values.json) {
      printJson(io, entries)
      return 0
    }
    for (const e of entries) {
      const asks = e.placeholders.map((p) => `${p.token} (${p.label})`).join(', ')
      io.stdout(`${e.id.padEnd(20)} ${e.title.padEnd(20)} ${e.kind.padEnd(12)} ${asks || '-'}\n`)
    }
    if (entries.length === 0) io.stderr(`No preset matches “${values.search}”.\n`)
    return 0
  }
}
