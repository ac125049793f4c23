import { Text } from '@radix-ui/themes'
import type { RuleProblem } from '../../../core/provider/rules'

/** Inline problems under a field; the id lets the input point at them with aria-describedby. */
export function FieldProblems({ id, label, problems }: { id: string; label: string; problems: RuleProblem[] | undefined }) {
  if (!problems?.length) return null
  return (
    <div id={id} role="status" aria-live="polite">
      {problems.map((p, i) => (
        <Text as="p" size="1" key={i} color={p.severity === 'error' ? 'red' : 'amber'} data-testid={`problem-${p.field}`}>
          {label}: {p.message}
        </Text>
      ))}
    </div>
  )
}
