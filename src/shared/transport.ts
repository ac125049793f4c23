/** Transport constants, kept apart from the contract so the renderer bundle has no zod. */

/** IPC channel names (Electron transport). */
export const IPC_CALL = 'rpc:call'
export const IPC_CANCEL = 'rpc:cancel'

/** Browser-mode HTTP routes. */
export const HTTP_RPC_PREFIX = '/rpc/'
export const HTTP_CANCEL_PREFIX = '/rpc-cancel/'
export const HTTP_TOKEN_HEADER = 'x-calagopus-token'
export const HTTP_CALL_ID_HEADER = 'x-calagopus-call-id'
