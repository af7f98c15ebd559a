// Generated from the Rust types of crates/pullsecret by crates/pullsecret/tests/types.rs: do not
// edit (PULLSECRET_WRITE_TYPES=1 cargo test -p pullsecret --features ts --test types rewrites it;
// the test fails when it is stale). The values the functions of @pullsecret/wasm and
// @pullsecret/node take and return.

/** Every diagnostic pullsecret can emit (docs/diagnostics.md). The string form is stable API. */
export type Code =
  /** The input is empty or only whitespace. */
  | 'empty-input'
  /** The text starts with a UTF-8 byte-order mark, which Go's JSON decoder (kubelet, API server, podman) rejects. */
  | 'bom'
  /** The text is not valid JSON. */
  | 'json-syntax'
  /** The text is not valid YAML (or uses YAML features a Secret does not need). */
  | 'yaml-syntax'
  /** The top level is not a JSON object. */
  | 'not-an-object'
  /** A field has the wrong JSON type; Go clients fail to read the whole file. */
  | 'wrong-type'
  /** The same key appears twice in one object; Go clients keep the last one silently. */
  | 'duplicate-key'
  /** An `auth` value is not base64; kubelet fails every pull that uses this secret. */
  | 'auth-not-base64'
  /** An `auth` value lacks `=` padding; only kubelet accepts it, podman/CRI-O and docker fail. */
  | 'auth-unpadded'
  /** An `auth` value uses the URL-safe base64 alphabet (`-`, `_`), which no client reads. */
  | 'auth-url-safe'
  /** An `auth` value decodes to text without a `:`, so it holds no username:password pair. */
  | 'auth-no-colon'
  /** `auth` disagrees with the `username`/`password` fields; every client uses `auth`. */
  | 'auth-mismatch'
  /** `auth` decodes to an empty username; docker cannot load the whole config. */
  | 'auth-empty-username'
  /** The username contains `:`; clients split `auth` at the first `:`, so the rest becomes part of the password. */
  | 'username-colon'
  /** The decoded username or password starts or ends with whitespace or holds a line break (the `echo` without `-n` mistake). */
  | 'credentials-whitespace'
  /** The decoded credentials hold NUL bytes; podman and docker strip them from the password, kubelet keeps them. */
  | 'credentials-nul'
  /** The entry has an `identitytoken`; kubelet ignores it, podman uses it only beside an `auth` with `:`. */
  | 'identity-token'
  /** `email` is deprecated: no registry needs it; docker 29 and podman drop it when they rewrite the file. */
  | 'email-deprecated'
  /** An entry carries no credentials (a `credsStore` placeholder); Kubernetes cannot use it. */
  | 'no-credentials'
  /** An entry has `username`/`password` but no `auth`; podman, CRI-O and skopeo ignore it. */
  | 'missing-auth'
  /** A registry key that a client cannot parse, or that no image can match. */
  | 'key-invalid'
  /** A key with `http://` or `https://`: every client reads it, `podman login` refuses to write it. */
  | 'key-scheme'
  /** A key with a path (a namespace): kubelet, podman and docker apply it differently. */
  | 'key-path'
  /** A Docker Hub spelling other than `https://index.docker.io/v1/`; not every client uses it. */
  | 'key-hub-alias'
  /** `https://index.docker.io/v1` without the trailing `/`: kubelet and docker never use it for Docker Hub. */
  | 'key-hub-no-slash'
  /** A glob key (`*.example.com`): only kubelet expands it. */
  | 'key-glob'
  /** A key with upper-case letters; clients compare host names case-sensitively. */
  | 'key-uppercase'
  /** Two keys name the same registry; clients pick one of them at random. */
  | 'key-duplicate-registry'
  /** `credHelpers` or `credsStore` is set; kubelet ignores both, so those registries have no credentials in a Secret. */
  | 'cred-helpers'
  /** The file holds no registry entries. */
  | 'empty-auths'
  /** The file is the legacy `.dockercfg` format (registries at the top level, no `auths`). */
  | 'legacy-format'
  /** The input is the base64 of a config file; it was decoded before checking. */
  | 'base64-input'
  /** The Secret has no `.dockerconfigjson` or `.dockercfg` value. */
  | 'secret-no-data'
  /** A `data` value of the Secret is not valid base64. */
  | 'secret-data-not-base64'
  /** The Secret's `type` does not match its data key, so kubelet will not read it. */
  | 'secret-type-mismatch'
  /** The Secret's `type` is not one kubelet reads pull credentials from. */
  | 'secret-type-unsupported'
  /** The Secret's name is not a DNS-1123 subdomain; the API server rejects it. */
  | 'secret-name-invalid'
  /** The Secret's namespace is not a DNS-1123 label; the API server rejects it. */
  | 'secret-namespace-invalid'
  /** The Secret's data exceeds 1 MiB, the API server's limit. */
  | 'secret-too-large'
  /** The Secret exceeds 256 KiB encoded; client-side `kubectl apply` cannot store it in its annotation. */
  | 'secret-too-large-for-apply'
  /** The input holds several YAML documents or list items; only the first Secret was checked. */
  | 'multiple-documents';

/** What `PullSecretError.code` holds: every diagnostic code, plus the ones only an operation raises. */
export type ErrorCode = Code | 'missing-option' | 'invalid-option' | 'not-logged-in' | 'merge-conflict' | 'key-refused' | 'unsupported';
