// Types of the ES module entry (index.mjs): the same named exports as the CommonJS entry, plus the
// default export (the whole API object). A separate `.d.mts` so TypeScript under node16/nodenext
// sees an ES module here, not CommonJS types masquerading as ESM.
export * from './index.cjs';
import * as api from './index.cjs';
// `import * as` of a CommonJS file adds `default` (its module.exports); the object has no such key.
declare const _default: Omit<typeof api, 'default'>;
export default _default;
