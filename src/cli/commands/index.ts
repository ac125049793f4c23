import type { CliCommand } from '../command'

/**
 * Every CLI command, in the order `help` lists them, each loaded only when it runs: a
 * command's dependencies (zod, the whole core for `push`…) cost start-up time only to
 * the command that needs them.
 */
export const COMMAND_LOADERS = {
  discover: async () => (await import('./discover')).discoverCommand,
  eval: async () => (await import('./eval')).evalCommand,
  preview: async () => (await import('./preview')).previewCommand,
  presets: async () => (await import('./presets')).presetsCommand,
  login: async () => (await import('./login')).loginCommand,
  import: async () => (await import('./import')).importCommand,
  export: async () => (await import('./export')).exportCommand,
  mappings: async () => (await import('./mappings')).mappingsCommand,
  push: async () => (await import('./push')).pushCommand
} satisfies Record<string, () => Promise<CliCommand>>

export type CommandName = keyof typeof COMMAND_LOADERS

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_LOADERS, name)
}

/** All commands (for `help`). */
export async function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()))
}
