import { useMemo } from 'react'
import { checkProviderRules, type RuleProblem } from '../../../core/provider/rules'
import { useWizard } from '../store'

/** The panel's save-time rules applied to the draft as the admin types, grouped by field. */
export function useRuleProblems(): Record<string, RuleProblem[]> {
  const config = useWizard((s) => s.config)
  return useMemo(() => {
    const byField: Record<string, RuleProblem[]> = {}
    for (const p of checkProviderRules(config, { mode: 'draft' })) (byField[p.field] ??= []).push(p)
    return byField
  }, [config])
}
