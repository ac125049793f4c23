import type { CliCommand } from '../command'
import { discoverCommand } from './discover'
import { evalCommand } from './eval'
import { previewCommand } from './preview'

/** Every CLI command, in the order `help` lists them. */
export const COMMANDS: CliCommand[] = [discoverCommand, evalCommand, previewCommand]
