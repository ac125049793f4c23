import { open, stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { importPreset, presetToYaml, toPresetRecord } from '../../core/presets'
import { AppError } from '../../shared/errors'
import { PRESET_MAX_BYTES } from '../../shared/schemas/presets'
import type { ImportProblem } from '../../shared/schemas/presets'
import type { CliCommand, CliIO } from '../command'
import { printJson, UsageError } from '../command'

/** Reads at most one byte past the preset limit, so a huge file is refused without loading it. */
async function readPresetFile(file: string, io: CliIO): Promise<{ text: string; byteLength?: number }> {
  if (file === '-') return { text: await io.stdin() }
  try {
    const size = (await stat(file)).size
    const fh = await open(file, 'r')
    try {
      const buf = Buffer.alloc(Math.min(size, PRESET_MAX_BYTES + 1))
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
      // A non-fatal decoder leaves U+FFFD for invalid UTF-8, which the importer reports
      // as binary; a BOM is kept so that the importer can mention it.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf.subarray(0, bytesRead))
      return { text, byteLength: size }
    } finally {
      await fh.close()
    }
  } catch (err) {
    throw new AppError('cli.read', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`)
  }
}

function line(p: ImportProblem): string {
  return `${p.severity}: ${p.message}\n`
}

/**
 * `import FILE [--json]`: reads a preset file as the panel's Import would. Prints the
 * validated record (JSON with --json, else the house-style YAML); on a file the panel
 * would refuse, prints every problem (with key and line) and exits 1.
 */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Check a preset file (YAML or JSON) against the panel’s Import and print the record',
  usage: 'import FILE [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } })
    if (positionals.length !== 1) throw new UsageError('import takes exactly one file (or - for stdin).')
    const { text, byteLength } = await readPresetFile(positionals[0]!, io)
    const r = importPreset(text, { byteLength })
    if (values.json) {
      if (r.ok && r.preset) {
        for (const p of r.problems) io.stderr(line(p))
        printJson(io, Object.fromEntries(toPresetRecord(r.preset)))
        return 0
      }
      printJson(io, { problems: r.problems })
      return 1
    }
    for (const p of r.problems) io.stderr(line(p))
    if (!r.ok || !r.preset) {
      io.stderr(`The panel's Import would refuse this file (${r.problems.filter((p) => p.severity === 'error').length} error(s)).\n`)
      return 1
    }
    io.stdout(presetToYaml(r.preset))
    return 0
  }
}
