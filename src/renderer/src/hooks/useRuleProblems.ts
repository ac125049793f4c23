import { useMemo } from 'react'
import { checkProviderRules, type RuleProblem } from '../../../core/provider/rules'
import type { ProviderConfig } from '../../../shared/provider'
import { useWizard } from '../store'

/**
 * The panel's save-time rules applied to the draft as the admin types. A field left
 * empty and never touched isn't flagged yet: a new draft shouldn't open in red.
 */
export function visibleProblems(config: ProviderConfig, touched: Partial<Record<string, true>>): RuleProblem[] {
  return checkProviderRules(config, { mode: 'draft' }).filter((p) => {
    const v = (config as unknown as Record<string, unknown>)[p.field]
    return touched[p.field] || (v !== '' && v !== null)
  })
}

/** Visible problems grouped by field. */
export function useRuleProblems(): Record<string, RuleProblem[]> {
  const config = useWizard((s) => s.config)
  const touched = useWizard((s) => s.touched)
  return useMemo(() => {
    const byField: Record<string, RuleProblem[]> = {}
    for (const p of visibleProblems(config, touched)) (byField[p.field] ??= []).push(p)
    return byField
  }, [config, touched])
}
