// PullSecretError, the one error class of @pullsecret/wasm. The WebAssembly glue imports it
// (crates/pullsecret-wasm: `raw_module = "../error.js"`) and throws it with the core's code.

/** Error thrown by every pullsecret function; `code` is stable, `line`/`column` are 1-based, `span` is in UTF-8 bytes. */
export class PullSecretError extends Error {
  constructor({ code, message, line, column, span }) {
    super(message);
    this.name = 'PullSecretError';
    this.code = code;
    if (line !== undefined) {
      this.line = line;
      this.column = column;
    }
    if (span !== undefined) this.span = span;
  }
}
