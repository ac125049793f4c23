import type { CliCommand } from '../command'
import { discoverCommand } from './discover'

/** Every CLI command, in the order `help` lists them. */
export const COMMANDS: CliCommand[] = [discoverCommand]
