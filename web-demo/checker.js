// The demo's checker, a module Web Worker: `validate` and `fix` run here, off the page's thread,
// so that no paste (a 1 MB file, a hostile one) freezes the page. One message in, one out:
// ({ id, text }) is a check, answered with ({ id, report, fixes }), `fixes` being the repairs
// `fix(text)` would make (its text stays here; null when it refused); ({ fixId, text, codes })
// applies the repairs of `codes` (all of them when absent), answered with ({ fixId, fixed }). A
// failure is ({ id | fixId, error }). app.js starts a new worker if this one ever fails. Tokens'
// expiry is checked as at the browser's clock (the core reads none).
import { init, validate, fix } from './pullsecret.js';

const ready = init();

/** A thrown value as plain data: a PullSecretError keeps its code; anything else (a trap) says the worker must be replaced. */
function errorOf(e) {
  const { name = 'Error', code, line, column, span } = e ?? {};
  return { name, code, line, column, span, message: String(e?.message ?? e) };
}

self.onmessage = async ({ data: { id, fixId, text, codes } }) => {
  await ready;
  if (fixId !== undefined) {
    try {
      self.postMessage({ fixId, fixed: fix(text, codes ? { codes } : undefined) });
    } catch (e) {
      self.postMessage({ fixId, error: errorOf(e) });
    }
    return;
  }
  let report;
  try {
    report = validate(text, { now: Date.now() / 1000 });
  } catch (e) {
    self.postMessage({ id, error: errorOf(e) });
    return;
  }
  // The repairs on offer; the report stands without them if `fix` refuses this text.
  let fixes = null;
  try {
    ({ fixes } = fix(text));
  } catch (e) {
    if (e?.name !== 'PullSecretError') {
      self.postMessage({ id, error: errorOf(e) });
      return;
    }
  }
  self.postMessage({ id, report, fixes });
};
