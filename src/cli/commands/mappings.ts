import { parseArgs } from 'node:util'
import { AppError } from '../../shared/errors'
import type { MappingPlan } from '../../shared/schemas/mappings'
import type { CliCommand, CliIO } from '../command'
import { printJson, readUserinfoInput, UsageError } from '../command'
import { readConfigJson, readConfigMappings } from '../config-file'
import { createCliClient } from '../dispatch'

const USAGE = 'mappings test --config CONFIG.json --file USERINFO.json [--granted-scope "a b"] [--json]'

/** The mapping diff of a push plan, one line per write (unchanged ones counted only). */
export function printMappingPlan(io: CliIO, plan: MappingPlan): void {
  const c = plan.counts
  io.stdout(`Mappings: ${c.created} to create, ${c.updated} to update, ${c.deleted} to delete, ${c.unchanged} unchanged\n`)
  for (const o of plan.ops) {
    if (o.op === 'create') io.stdout(`  + #${o.index! + 1} ${JSON.stringify(o.after)}\n`)
    else if (o.op === 'delete') io.stdout(`  - ${o.uuid} ${JSON.stringify(o.before)}\n`)
    else if (o.op === 'update') io.stdout(`  ~ #${o.index! + 1} ${o.uuid} sends ${JSON.stringify(o.body)}\n`)
  }
}

/**
 * `mappings test`: validates CONFIG.json's mappings with the panel's rules and runs them on a
 * userinfo for a new user (no role, no subuser access before), as the panel does at login.
 * Exit 0 when the mappings are valid, 1 when not.
 */
export const mappingsCommand: CliCommand = {
  name: 'mappings',
  summary: 'Test the role/server mappings of CONFIG.json on a userinfo, as the panel runs them at login; exit 1 when invalid',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv
    if (sub !== 'test') throw new UsageError(`usage: ${USAGE}`)
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        file: { type: 'string' },
        'granted-scope': { type: 'string' },
        json: { type: 'boolean' }
      }
    })
    if (positionals.length) throw new UsageError(`unexpected argument “${positionals[0]}”.`)
    if (values.config === undefined) throw new UsageError('--config CONFIG.json is required.')
    if (values.file === undefined) throw new UsageError('--file USERINFO.json is required (use - for stdin).')
    if (values.config === '-' && values.file === '-') throw new UsageError('Only one of --config and --file can be read from stdin.')
    const raw = await readConfigJson(values.config, io)
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new AppError('cli.config', `${values.config} is not a JSON object.`)
    const mappings = readConfigMappings(raw as Record<string, unknown>, values.config) ?? []
    const body = await readUserinfoInput(values.file, io, 'userinfo')
    const grantedScope = values['granted-scope'] ?? null
    // The same contract method as the wizard's live test.
    const client = await createCliClient(io)
    const result = await client.call('mappings:test', {
      mappings: mappings as { matcher: unknown; mapping: unknown }[],
      samples: [{ label: values.file, body, granted_scope: grantedScope }],
      known: null
    })
    const sample = result.samples[0]!
    const out = {
      valid: result.valid,
      problems: result.problems,
      mappings: sample.mappings.map((m) => ({
        matched: m.matched === true,
        explanation: m.nearest_miss ? `${m.explanation} Nearest miss: ${m.nearest_miss}` : m.explanation
      })),
      outcome: sample.outcome
    }
    for (const w of [...result.warnings, ...sample.warnings]) io.stderr(`warning: ${w}\n`)
    if (!sample.doc_ok) io.stderr(`warning: ${sample.summary[0]}\n`)
    if (grantedScope === null) io.stderr('note: no --granted-scope: tested as a token response without `scope` (granted scopes empty).\n')
    if (values.json) printJson(io, out)
    else {
      io.stdout(result.valid ? 'Valid: the panel accepts these mappings.\n' : 'INVALID: the panel refuses these mappings:\n')
      for (const p of result.problems) io.stdout(`  ${p}\n`)
      out.mappings.forEach((m, i) => io.stdout(`#${i + 1} ${m.matched ? 'MATCH' : 'no match'}: ${m.explanation}\n`))
      io.stdout(`Outcome for a new user:\n${sample.summary.map((l) => `  ${l}\n`).join('')}`)
    }
    return result.valid ? 0 : 1
  }
}
