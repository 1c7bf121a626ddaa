/** Salt Edge API client: the public surface for the rest of the core. */
export { createSaltEdgeClient, type SaltEdgeClient, type SaltEdgeClientOptions, type IterateOptions } from './client.js';
export { SaltEdgeError, isSaltEdgeError, type SaltEdgeErrorInit } from './errors.js';
export {
  SALTEDGE_ERRORS,
  SALTEDGE_ERROR_ACTIONS,
  LOCAL_ERROR_CLASSES,
  describeSaltEdgeError,
  type SaltEdgeErrorAction,
  type SaltEdgeErrorGroup,
  type SaltEdgeErrorInfo,
  type SaltEdgeErrorDescription,
  type DescribeContext,
  type LocalErrorClass,
} from './error-messages.js';
export { createRequestSigner, signaturePayload, verifyRequestSignature, SIGNATURE_VALIDITY_SECONDS, type RequestSigner } from './signing.js';
export type { RequestInfo, RetryOptions } from './transport.js';
export type { SaltEdgeEndpoints, RequestSpec, PageRequest, Page, HttpMethod } from './endpoints.js';
export { v6Endpoints } from './v6/endpoints.js';
export * from './types.js';
