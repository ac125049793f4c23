import { checkProviderRules, type RuleProblem } from '../../../core/provider/rules'
import type { ProviderConfig } from '../../../shared/provider'
import { useWizard } from '../store'
import { usePanelEngineReady } from './usePanelEngineReady'
import type { PanelFieldProblem } from '../store/panel-slice'

/**
 * The panel's save-time rules applied to the draft as the admin types. A field left
 * empty and never touched isn't flagged yet: a new draft shouldn't open in red.
 */
function visibleProblems(config: ProviderConfig, touched: Partial<Record<string, true>>): RuleProblem[] {
  return checkProviderRules(config, { mode: 'draft' }).filter((p) => {
    const v = (config as unknown as Record<string, unknown>)[p.field]
    return touched[p.field] || (v !== '' && v !== null)
  })
}

type Inputs = [ProviderConfig, Partial<Record<string, true>>, PanelFieldProblem[], boolean]
/** The last answer, shared by every component that asks in one render (the frame and the step). */
let last: { inputs: Inputs; byField: Record<string, RuleProblem[]> } | null = null

function problemsByField(...inputs: Inputs): Record<string, RuleProblem[]> {
  if (last && last.inputs.every((v, i) => v === inputs[i])) return last.byField
  const [config, touched, panelProblems] = inputs
  const byField: Record<string, RuleProblem[]> = {}
  for (const p of visibleProblems(config, touched)) (byField[p.field] ??= []).push(p)
  for (const p of stillPanelProblems(config, panelProblems)) (byField[p.field] ??= []).push(p)
  last = { inputs, byField }
  return byField
}

/** Visible problems grouped by field, with what the panel refused on push (until the field is edited). */
export function useRuleProblems(): Record<string, RuleProblem[]> {
  const config = useWizard((s) => s.config)
  const touched = useWizard((s) => s.touched)
  const panelProblems = useWizard((s) => s.panelFieldProblems)
  // Paths are checked by the panel's engine once it has loaded (after first paint).
  const engineReady = usePanelEngineReady()
  return problemsByField(config, touched, panelProblems, engineReady)
}

/** The panel's refusals of fields the admin has not changed since (docs/panel-behaviour.md#admin-api: "<field>: <message>"). */
function stillPanelProblems(config: ProviderConfig, reported: PanelFieldProblem[]): RuleProblem[] {
  const now = config as unknown as Record<string, unknown>
  return reported
    .filter((p) => JSON.stringify(now[p.field]) === JSON.stringify(p.value))
    .map((p) => ({
      field: p.field,
      severity: 'error' as const,
      message: p.source === 'panel' ? `${p.message} (the panel refused it)` : p.message
    }))
}

/**
 * The one verdict of the last step: what stops the panel from saving this provider. The
 * secret is checked where it lives (the vault, on the Credentials step; the panel keeps its
 * own on an update), so only the record's fields are judged here.
 */
export function pushBlockers(config: ProviderConfig): RuleProblem[] {
  return checkProviderRules(config, { mode: 'create', clientSecret: 'set-in-vault' }).filter((p) => p.severity === 'error')
}
