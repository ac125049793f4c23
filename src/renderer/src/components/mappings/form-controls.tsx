import { Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'

/** A native <select> styled to sit beside Radix's text fields. */
export const SELECT_STYLE = {
  font: 'inherit',
  fontSize: 'var(--font-size-2)',
  padding: '4px 6px',
  borderRadius: 'var(--radius-2)',
  border: '1px solid var(--gray-a7)',
  background: 'var(--color-surface)',
  color: 'var(--gray-12)'
} as const

/** The small grey label above a control of the mapping builder. */
export function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <Text as="label" htmlFor={htmlFor} size="1" color="gray" style={{ display: 'block' }}>
      {children}
    </Text>
  )
}
