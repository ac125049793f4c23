import type { ComponentType } from 'react'
import { STEP_FIELDS, type StepId } from '../store/nav-slice'
import { ClaimsStep } from './ClaimsStep'
import { CredentialsStep } from './CredentialsStep'
import { DiscoverStep } from './DiscoverStep'
import { FinishStep } from './FinishStep'
import { MappingsStep } from './MappingsStep'
import { OptionsStep } from './OptionsStep'
import { ScopesStep } from './ScopesStep'

export interface StepDef {
  id: StepId
  title: string
  component: ComponentType
  /** Draft fields edited on this step: a problem in one of them marks the step in the nav. */
  fields: readonly string[]
}

/** The wizard, in order. */
export const STEPS: StepDef[] = [
  { id: 'discover', title: 'Discover', component: DiscoverStep, fields: STEP_FIELDS.discover },
  { id: 'claims', title: 'Claims', component: ClaimsStep, fields: STEP_FIELDS.claims },
  { id: 'scopes', title: 'Scopes', component: ScopesStep, fields: STEP_FIELDS.scopes },
  { id: 'credentials', title: 'Client credentials', component: CredentialsStep, fields: STEP_FIELDS.credentials },
  { id: 'options', title: 'Options', component: OptionsStep, fields: STEP_FIELDS.options },
  { id: 'mappings', title: 'Mappings', component: MappingsStep, fields: STEP_FIELDS.mappings },
  { id: 'finish', title: 'Export or push', component: FinishStep, fields: STEP_FIELDS.finish }
]
