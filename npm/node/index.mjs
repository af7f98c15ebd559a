// ESM entry of @pullsecret/node.
import api from './index.cjs';

export const { PullSecretError, validate, parse, create, toSecret, lookup, readPullSecret, explain, fix, convert, add, remove, merge } = api;
export const { link, grantPull, podSnippet, workflowSnippet, delegatedAuth, globalPullSecret } = api;
export const { verify, verifyCommand } = api;
export default api;
