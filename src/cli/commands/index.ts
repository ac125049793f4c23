import type { CliCommand } from '../command'
import { discoverCommand } from './discover'
import { evalCommand } from './eval'
import { exportCommand } from './export'
import { importCommand } from './import'
import { loginCommand } from './login'
import { mappingsCommand } from './mappings'
import { presetsCommand } from './presets'
import { previewCommand } from './preview'
import { pushCommand } from './push'

/** Every CLI command, in the order `help` lists them. */
export const COMMANDS: CliCommand[] = [
  discoverCommand,
  evalCommand,
  previewCommand,
  presetsCommand,
  loginCommand,
  importCommand,
  exportCommand,
  mappingsCommand,
  pushCommand
]
