import { create } from 'zustand'
import { createAppSlice } from './app-slice'
import { createAutosaveSlice } from './autosave-slice'
import { createCredentialsSlice } from './credentials-slice'
import { createDiscoverySlice } from './discovery-slice'
import { createDraftSlice } from './draft-slice'
import { createDraftsSlice } from './drafts-slice'
import { createExportSlice } from './export-slice'
import { createImportSlice } from './import-slice'
import { createLibrarySlice } from './library-slice'
import { createMappingsSlice } from './mappings-slice'
import { createNavSlice } from './nav-slice'
import { createPanelSlice } from './panel-slice'
import { createPushRecordSlice } from './push-record-slice'
import type { WizardState } from './types'
import { createUserinfoSlice } from './userinfo-slice'

export type { WizardState } from './types'

/** The one bound store of the wizard. Steps call actions here, never `window.calagopus`. */
export const useWizard = create<WizardState>()((...a) => ({
  ...createAppSlice(...a),
  ...createNavSlice(...a),
  ...createDraftSlice(...a),
  ...createDiscoverySlice(...a),
  ...createUserinfoSlice(...a),
  ...createPanelSlice(...a),
  ...createPushRecordSlice(...a),
  ...createCredentialsSlice(...a),
  ...createLibrarySlice(...a),
  ...createDraftsSlice(...a),
  ...createAutosaveSlice(...a),
  ...createImportSlice(...a),
  ...createExportSlice(...a),
  ...createMappingsSlice(...a)
}))
