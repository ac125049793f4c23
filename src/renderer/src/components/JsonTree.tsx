import { Box, Button, Code, Flex, IconButton, Text } from '@radix-ui/themes'
import { memo, useState } from 'react'
import type { JsonNode } from '../../../core/jsonpath/document'
import { pathOf } from '../../../core/jsonpath/paths'
import { toCompactJsonLimited } from '../../../core/jsonpath/serialize'

const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const
const VALUE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '40ch' } as const

/** Children shown before a "show more" button: a 1 MB document stays responsive. */
const PAGE = 100

export interface JsonTreeProps {
  root: JsonNode
  /** Called with the node's shortest RFC 9535 path when the admin picks it. */
  onPick: (path: string) => void
  /** Paths of the nodes the focused field matches, highlighted in the tree. */
  matched: ReadonlySet<string>
  /** The field a click writes into, for the buttons' accessible names. */
  targetLabel: string
}

/**
 * The userinfo document as a collapsible tree, in document order (the panel's order).
 * Every value is a button: clicking it writes its path into the focused path field.
 */
export function JsonTree({ root, onPick, matched, targetLabel }: JsonTreeProps) {
  return (
    <Box asChild data-testid="json-tree">
      <ul role="list" style={LIST} aria-label="Userinfo document">
        <TreeNode node={root} depth={0} onPick={onPick} matched={matched} targetLabel={targetLabel} />
      </ul>
    </Box>
  )
}

const TreeNode = memo(function TreeNode({
  node,
  depth,
  onPick,
  matched,
  targetLabel
}: { node: JsonNode; depth: number } & Omit<JsonTreeProps, 'root'>) {
  const [open, setOpen] = useState(depth < 2)
  const [shown, setShown] = useState(PAGE)
  const path = pathOf(node)
  const isContainer = node.type === 'object' || node.type === 'array'
  const count = node.type === 'object' ? node.keys.length : node.type === 'array' ? node.items.length : 0
  const label = node.key === null ? '$' : typeof node.key === 'number' ? `[${node.key}]` : node.key
  const preview = isContainer
    ? node.type === 'object'
      ? `{${count} ${count === 1 ? 'member' : 'members'}}`
      : `[${count} ${count === 1 ? 'item' : 'items'}]`
    : toCompactJsonLimited(node, 120).text
  const isMatched = matched.has(path)
  const children = node.type === 'object' ? node.values : node.type === 'array' ? node.items : []
  return (
    <li data-testid="tree-node" data-path={path}>
      <Flex align="center" gap="1" pl={`${Math.min(depth, 8) * 16}px`}>
        {isContainer ? (
          <IconButton
            style={{ flexShrink: 0 }}
            size="1"
            variant="ghost"
            color="gray"
            aria-expanded={open}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${label}`}
            onClick={() => setOpen(!open)}
            data-testid={`tree-toggle-${path}`}
          >
            <Text size="1" aria-hidden>
              {open ? '▾' : '▸'}
            </Text>
          </IconButton>
        ) : (
          <Box width="24px" flexShrink="0" />
        )}
        <Button
          size="1"
          variant={isMatched ? 'soft' : 'ghost'}
          color={isMatched ? 'green' : 'gray'}
          highContrast={!isMatched}
          onClick={() => onPick(path)}
          // The visible text stays the accessible name (WCAG 2.5.3); the target field is described.
          aria-describedby="tree-target"
          title={`Use ${path} for ${targetLabel}`}
          data-testid={`tree-value-${path}`}
          data-matched={isMatched || undefined}
        >
          <Code size="1" variant="ghost" color={isMatched ? 'green' : 'gray'}>
            {label}
          </Code>
          <Text size="1" color="gray">
            :
          </Text>
          <Code size="1" variant="ghost" style={VALUE}>
            {preview}
          </Code>
        </Button>
      </Flex>
      {isContainer && open ? (
        <ul role="list" style={LIST}>
          {children.slice(0, shown).map((c, i) => (
            <TreeNode
              key={typeof c.key === 'string' ? `k:${c.key}` : i}
              node={c}
              depth={depth + 1}
              onPick={onPick}
              matched={matched}
              targetLabel={targetLabel}
            />
          ))}
          {children.length > shown ? (
            <li>
              <Box pl={`${Math.min(depth + 1, 8) * 16 + 28}px`}>
                <Button size="1" variant="ghost" onClick={() => setShown(shown + PAGE)}>
                  Show {Math.min(PAGE, children.length - shown)} more of {children.length - shown}
                </Button>
              </Box>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  )
})
