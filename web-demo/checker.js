// The demo's checker, a module Web Worker: `validate` runs here, off the page's thread, so that
// no paste (a 1 MB file, a hostile one) freezes the page. One message in ({ id, text }), one out
// ({ id, report } or { id, error }). app.js starts a new worker if this one ever fails. Tokens'
// expiry is checked as at the browser's clock (the core reads none).
import { init, validate } from './pullsecret.js';

const ready = init();

self.onmessage = async ({ data: { id, text } }) => {
  await ready;
  try {
    self.postMessage({ id, report: validate(text, { now: Date.now() / 1000 }) });
  } catch (e) {
    // A PullSecretError keeps its code; anything else (a trap) says the worker must be replaced.
    const { name = 'Error', code, line, column, span } = e ?? {};
    self.postMessage({ id, error: { name, code, line, column, span, message: String(e?.message ?? e) } });
  }
};
