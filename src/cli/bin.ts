import { runCliProcess } from './main'

/** Entry point of the prebuilt CLI (out/node/cli.js). */
runCliProcess()
