// Types of the CommonJS entry (index.cjs). This package has no "type" field, so this file is
// CommonJS-format for TypeScript (`.d.cts`), matching `require('@pullsecret/node')`.
export * from './api.js';
