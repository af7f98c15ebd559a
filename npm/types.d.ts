// Generated from the Rust types of crates/pullsecret by crates/pullsecret/tests/types.rs: do not
// edit (PULLSECRET_WRITE_TYPES=1 cargo test -p pullsecret --features ts --test types rewrites it;
// the test fails when it is stale). The values the functions of @pullsecret/wasm and
// @pullsecret/node take and return.

/** Every diagnostic pullsecret can emit (docs/diagnostics.md). The string form is stable API. */
export type Code =
  /** The input is empty or only whitespace. */
  | 'empty-input'
  /** The text starts with a UTF-8 byte-order mark, which Go's JSON decoder (kubelet, API server, podman) rejects in a config file; before a manifest kubectl and kustomize skip it. */
  | 'bom'
  /** The text is UTF-16 (with or without a byte-order mark): no client reads a config file in it, every Go client expects UTF-8; kubectl and kustomize decode a manifest that starts with the mark. */
  | 'utf16'
  /** The text is not valid JSON. */
  | 'json-syntax'
  /** The text is not valid YAML (or uses YAML features a Secret does not need). */
  | 'yaml-syntax'
  /** Collections (JSON arrays and objects, YAML sequences and mappings) are nested deeper than pullsecret reads: 1,000 levels (YAML flow collections: 255). */
  | 'too-deep'
  /** The input text is larger than pullsecret reads: 64 MiB per input text. */
  | 'too-large'
  /** The top level is not a JSON object. */
  | 'not-an-object'
  /** A field has the wrong JSON type; the Go clients that read that field fail to read the whole file. */
  | 'wrong-type'
  /** The same key appears twice in one object; Go clients keep the last one silently. */
  | 'duplicate-key'
  /** The input is the base64 of a config file; it was decoded before checking. */
  | 'base64-input'
  /** The file holds no registry entries. */
  | 'empty-auths'
  /** The file is the legacy `.dockercfg` format (registries at the top level, no `auths`). */
  | 'legacy-format'
  /** `credHelpers` or `credsStore` is set; kubelet ignores both, so those registries have no credentials in a Secret. */
  | 'cred-helpers'
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
  /** `auth` decodes to an empty username (`:password`); docker cannot load the whole config. */
  | 'auth-empty-username'
  /** The username contains `:`; clients split `auth` at the first `:`, so the rest becomes part of the password. */
  | 'username-colon'
  /** The decoded username or password starts or ends with whitespace or holds a line break (the `echo` without `-n` mistake). */
  | 'credentials-whitespace'
  /** The decoded credentials hold NUL bytes; podman and docker strip them from the password, kubelet keeps them. */
  | 'credentials-nul'
  /** The entry has an `identitytoken` (an OAuth refresh token written by `docker login`); kubelet ignores it, podman uses it only beside an `auth` with `:`. */
  | 'identity-token'
  /** An Azure Container Registry token login (`az acr login`): user `00000000-0000-0000-0000-000000000000`, no password, an `identitytoken`; kubelet cannot use it. */
  | 'acr-token-login'
  /** `email` is deprecated: no registry needs it; docker 29 and podman drop it when they rewrite the file. */
  | 'email-deprecated'
  /** An entry carries no credentials (a `credsStore` placeholder); Kubernetes cannot use it. */
  | 'no-credentials'
  /** An entry has `username`/`password` but no `auth`; podman, CRI-O and skopeo ignore it. */
  | 'missing-auth'
  /** A password or token is a JWT or an Amazon ECR token whose expiry has passed; the registry refuses it. */
  | 'token-expired'
  /** A password or token is a JWT or an Amazon ECR token that expires within the expiry window (7 days unless set). */
  | 'token-expiring'
  /** The password is a Google OAuth access token (user `oauth2accesstoken`, `ya29.`…), valid for about an hour and carrying no expiry to check. */
  | 'token-short-lived'
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
  /** The Secret has no `.dockerconfigjson` or `.dockercfg` value. */
  | 'secret-no-data'
  /** A `data` value of the Secret is not valid base64. */
  | 'secret-data-not-base64'
  /** The Secret's config is base64-encoded once too often: `data` holds the base64 of the base64, or `stringData` holds the base64. */
  | 'secret-data-double-base64'
  /** The Secret's `type` does not match its data key or its content, so kubelet finds no credentials in it. */
  | 'secret-type-mismatch'
  /** The Secret's `type` is not one kubelet reads pull credentials from. */
  | 'secret-type-unsupported'
  /** The Secret's name is not a DNS-1123 subdomain; the API server rejects it. */
  | 'secret-name-invalid'
  /** The Secret's namespace is not a DNS-1123 label; the API server rejects it. */
  | 'secret-namespace-invalid'
  /** The Secret's data exceeds 1 MiB, the API server's limit. */
  | 'secret-too-large'
  /** The Secret exceeds 256 KiB encoded; client-side `kubectl apply` cannot store it in its last-applied annotation. */
  | 'secret-too-large-for-apply'
  /** `pullsecret check` found a pull secret's credentials in plain text in the repository: base64 is an encoding, not encryption. */
  | 'secret-in-plain-text'
  /** The Secret's config is encrypted with SOPS: its credentials are checked once it is decrypted. */
  | 'sops-encrypted'
  /** A workload or ServiceAccount names an `imagePullSecrets` Secret that is in none of the checked files. */
  | 'pull-secret-not-found'
  /** An `imagePullSecrets` name refers to a Secret whose type is not `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`: kubelet skips it without a word. */
  | 'pull-secret-wrong-type'
  /** The named Secret exists only in another namespace: a pod can use pull secrets of its own namespace only. */
  | 'pull-secret-other-namespace'
  /** A pull secret the pod gets cannot be read by kubelet, which then fails every image pull of the pod, not only the images that Secret is for. */
  | 'pull-secret-unreadable'
  /** No pull secret the pod gets has an entry for the image: kubelet pulls it without credentials. */
  | 'anonymous-pull'
  /** Which pull secret entry kubelet sends for an image (and which it tries next). */
  | 'image-pull-credential'
  /** The pull secret comes from a SealedSecret, an ExternalSecret, a ClusterExternalSecret or a kustomize secretGenerator: its type is known, its entries are not, so the images it may cover are not checked. */
  | 'pull-secret-unverifiable'
  /** The workload runs as a ServiceAccount that is in none of the checked files, so the pull secrets it would add are unknown. */
  | 'service-account-not-found'
  /** The same Secret or ServiceAccount (its kind, namespace and name) is defined more than once in the checked files: the tools that apply a repository disagree on what that means. */
  | 'duplicate-definition'
  /** A Secret the files define is also made by a SealedSecret or an ExternalSecret (or both make it): which one the cluster keeps is the controllers' doing, not the order of the files. */
  | 'pull-secret-contended'
  /** A container's image holds a template expression that was not rendered (`{{ … }}`, `${…}`): the image, and the credential kubelet sends for it, are known only in the rendered output. */
  | 'image-unrendered'
  /** A container's image is not a valid image reference. */
  | 'invalid-image';

/** What `PullSecretError.code` holds: every diagnostic code, plus the ones only an operation raises. */
export type ErrorCode = Code | 'missing-option' | 'invalid-option' | 'not-logged-in' | 'merge-conflict' | 'key-refused' | 'unsupported' | 'invalid-argument';

/** A config read once (`readPullSecret`): look up many images without parsing it again. */
export interface PullSecret {
  /** What `lookup(config, image, options)` returns for this config: the same result, or the same error thrown. */
  lookup(image: string, options: LookupOptions): Lookup;
}

/**
 * Options of `validate(input, options)` (in Rust, `validate_with`): `{now?, expiryWindow?}`.
 * Without `now` no token's expiry is checked: the core never reads a clock.
 */
export type ValidateOptions = {
  /**
   * The time to check tokens' expiry against, in seconds since the Unix epoch (UTC), as JWT
   * `exp` counts: `Date.now() / 1000` (a fraction is dropped; milliseconds are refused).
   * Given, passwords and identity tokens that are JWTs or Amazon ECR tokens are read for
   * their expiry (`token-expired`, `token-expiring`) and short-lived Google access tokens
   * noted (`token-short-lived`). Absent: no expiry check.
   */
  now?: number;
  /** How far ahead of `now` a token counts as expiring, in seconds (default 604800: 7 days). */
  expiryWindow?: number;
};

/**
 * The result of `validate`: one section per object of the input and
 * a summary over all of them; every position is in the user's text.
 *
 * `{schemaVersion, valid, errors, warnings, clients, diagnostics, objects}`. A config file,
 * its base64 or a single Secret is a report with one object. A YAML stream, a `List`/`*List`
 * (JSON or YAML) and a JSON array of objects give one object per pull Secret (type
 * `kubernetes.io/dockerconfigjson`/`dockercfg`, or any Secret holding one of their keys) and
 * per config; other objects are skipped without a finding. `diagnostics` at the top holds what
 * belongs to no object: a YAML syntax error (the stream is not read at all), a byte-order mark
 * before a stream, or that no object of the input is a pull secret.
 */
export type Report = {
  /** The version of this shape: 1. */
  schemaVersion: 1;
  /** No error anywhere: at the top nor in any object. */
  valid: boolean;
  /** Errors and warnings over the whole input (top and every object). */
  errors: number;
  warnings: number;
  /**
   * Per client, the worst over the objects: `fails` when it fails on any of them (with that
   * object's reason); `usedEntries` adds up the entries it sends credentials from.
   */
  clients: Clients<ClientSummary>;
  /** Findings about the input that belong to no object. */
  diagnostics: Array<Diagnostic>;
  /** Every object checked, in the order of the text. */
  objects: Array<ObjectReport>;
  /**
   * The text of every verdict reason used in the report, once, by key: a verdict's or a
   * client summary's `reason` is a key (`r` and 8 hex digits, stable for a given text).
   */
  reasons: Record<string, string>;
};

/** What one client makes of the whole file: the worst any entry causes. */
export type ClientSummary = {
  status: FileStatus;
  /** Why it fails, as a key into the report's `reasons`. */
  reason?: string;
  /** Entries whose credentials the client sends (0 when it fails). */
  usedEntries: number;
};

/** Whether a client can read the file at all (serialized as `ok`, `fails`). */
export type FileStatus = "ok" | "fails";

/** One value per client, serialized as `{kubelet, containers, docker}`. */
export type Clients<T> = {
  kubelet: T;
  containers: T;
  docker: T;
};

/**
 * One finding. `span` is in the text the user gave; `inner` (for Secrets and base64 input) is
 * in the decoded config. Serialized as `{code, severity, message, pointer, line, column,
 * endLine, endColumn, inner?: {line, column}}`; the positions are filled in by `validate` once
 * every span is mapped to the user's text (0 until then).
 */
export type Diagnostic = {
  code: Code;
  severity: Severity;
  /** What is wrong, in one sentence; never contains a secret. */
  message: string;
  /** RFC 6901 JSON pointer into the config (or the Secret for Secret-level findings). */
  pointer: string;
  /** Where it starts in the text given (1-based line; column in Unicode characters). */
  line: number;
  column: number;
  /** Where it ends in the text given. */
  endLine: number;
  endColumn: number;
  /** For a Secret or base64 input: where it starts in the decoded config. */
  inner?: Position;
  /**
   * How to fix it: the code's fix from the catalogue, or a more specific one from the check.
   * A fixed text, so it can never hold a secret.
   */
  help: string;
  /**
   * Other places that explain the finding (the first of two duplicate keys), each with what
   * it shows there. Absent when there are none.
   */
  labels?: Array<Label>;
};

/**
 * A secondary span of a `Diagnostic` with what it shows there, e.g. "first defined here".
 * Serialized as `{message, line, column, endLine, endColumn, inner?: {line, column}}`, the
 * positions filled in by `validate` as for the diagnostic.
 */
export type Label = {
  /** A fixed text, so it can never hold a secret. */
  message: string;
  /** Where it starts in the text given (1-based line; column in Unicode characters). */
  line: number;
  column: number;
  /** Where it ends in the text given. */
  endLine: number;
  endColumn: number;
  /** For a Secret or base64 input: where it starts in the decoded config. */
  inner?: Position;
};

/** A 1-based line and column (serialized as `{line, column}`). */
export type Position = {
  line: number;
  column: number;
};

/** How bad a finding is. */
export type Severity = "error" | "warning" | "info";

/**
 * What `validate` found in one object of the input: a pull Secret of a stream or a List, or the
 * config file the input is. Every position is in the user's whole text.
 */
export type ObjectReport = {
  /**
   * 0-based index of the YAML document (or the value of a JSON stream) the object is in (0
   * for one JSON value and plain files).
   */
  index: number;
  /** 0-based index of the object in the `items` of a `List`/`*List`, or in a JSON array. */
  item?: number;
  /** The object's `kind` (`Secret`); absent for a config file. */
  kind?: string;
  namespace?: string;
  name?: string;
  /** Where the object starts (1-based; column in characters). */
  line: number;
  column: number;
  /** How the config is written (`null` when no config could be read). */
  format: Format | null;
  source: Source;
  /** No error in this object. */
  valid: boolean;
  errors: number;
  warnings: number;
  /** What each client makes of this object as a whole. */
  clients: Clients<ClientSummary>;
  /** One row per registry entry, with what each client does with it. */
  entries: Array<EntrySummary>;
  /** The findings about this object, in text order. */
  diagnostics: Array<Diagnostic>;
};

/** The summary of one entry. Never holds a password or token. */
export type EntrySummary = {
  registry: string;
  username?: string;
  hasPassword: boolean;
  hasAuth: boolean;
  hasIdentityToken?: boolean;
  email?: string;
  pointer: string;
  /** Where the key is in the user's text (1-based; column in characters). */
  line: number;
  column: number;
  /** What each client does with the entry. */
  clients: Clients<Verdict>;
};

/** A status with the reason, when it is not plain `used`. */
export type Verdict = {
  status: Status;
  /**
   * Why, as a stable key (`r` and 8 hex digits of the FNV-1a hash of the text); the report's
   * `reasons` holds the text once.
   */
  reason?: string;
};

/**
 * What one client does with one entry (serialized as `used`, `anonymous`, `ignored`,
 * `fails-registry`, `fails-all`).
 */
export type Status = "used" | "anonymous" | "ignored" | "fails-registry" | "fails-all";

/** The two shapes of a registry credential file (serialized as `dockerconfigjson`, `dockercfg`). */
export type Format = "dockerconfigjson" | "dockercfg";

/** Where the config came from. Serialized as `{kind: "file"|"base64"|"secret", secret?}`. */
export type Source = {
  "kind": "file";
} | {
  "kind": "base64";
} | {
  "kind": "secret";
  secret: SecretInfo;
};

/**
 * What we learned about a Secret wrapper (serialized as `{name?, namespace?, type?, key, field,
 * syntax}`).
 */
export type SecretInfo = {
  name?: string;
  namespace?: string;
  type?: string;
  /** The data key the config was read from (`.dockerconfigjson` or `.dockercfg`). */
  key: string;
  /** `data` (base64) or `stringData` (plain). */
  field: "data" | "stringData";
  /** `yaml` or `json`. */
  syntax: "yaml" | "json";
};

/**
 * A parsed file. `Debug` output redacts every secret. Entries are an array, so a registry
 * called `__proto__` stays data in JavaScript.
 */
export type Document = {
  format: Format;
  source: Source;
  entries: Array<Credential>;
  credHelpers: Array<CredHelper>;
  credsStore?: string;
  otherKeys: Array<string>;
};

/** One `credHelpers` entry. */
export type CredHelper = {
  registry: string;
  helper: string;
};

/**
 * One registry's credentials. Serialized with the secrets in plain text (the caller asked to
 * read them); absent fields are left out.
 */
export type Credential = {
  registry: string;
  /** From `auth` when it decodes (first `:` splits), else the `username` field. */
  username?: string;
  password?: string;
  /** The `auth` text as written. */
  auth?: string;
  email?: string;
  identityToken?: string;
};

/**
 * Options of `create`: `{server?, username, password, email?}`. `Debug` redacts the
 * password.
 */
export type CreateOptions = {
  /** Registry key; default `https://index.docker.io/v1/` (Docker Hub, as kubectl). */
  server?: string;
  username: string;
  password: string;
  /** Optional; left out of the JSON when empty. */
  email?: string;
};

/**
 * Options of `toSecret`: `{name, namespace?, type?, output?, creationTimestamp?,
 * appendHash?, labels?, annotations?}`.
 */
export type SecretOptions = {
  /** `metadata.name`. */
  name: string;
  /** `metadata.namespace`; left out when absent, as kubectl does without `-n`. */
  namespace?: string;
  /** Default: `kubernetes.io/dockercfg` for legacy content, else `kubernetes.io/dockerconfigjson`. */
  type?: SecretType;
  output?: OutputFormat;
  /** Print `creationTimestamp: null` as kubectl 1.33 and older do. */
  creationTimestamp?: boolean;
  /**
   * `--append-hash`: the name becomes `NAME-HASH`, the hash of type, name and data as kubectl
   * computes it (labels, annotations and namespace do not count).
   */
  appendHash?: boolean;
  /** `metadata.labels`, as `kubectl label --local` adds them (keys and values checked). */
  labels?: Record<string, string> | Array<string>;
  /** `metadata.annotations`, as `kubectl annotate --local` adds them (keys checked). */
  annotations?: Record<string, string> | Array<string>;
};

/** `-o yaml` or `-o json` (read as `yaml`, `json`). */
export type OutputFormat = "yaml" | "json";

/** The two Secret types kubelet reads pull credentials from (read by their type names). */
export type SecretType = "kubernetes.io/dockerconfigjson" | "kubernetes.io/dockercfg";

/** Options of `lookup`: `{client: "kubelet"|"containers"|"docker"}` (required). */
export type LookupOptions = {
  client: Client;
};

/**
 * The clients whose reading rules pullsecret knows (serialized and read as `kubelet`,
 * `containers`, `docker`).
 */
export type Client = "kubelet" | "containers" | "docker";

/** What `lookup` returns. */
export type Lookup = {
  client: Client;
  /** The normalised repository, e.g. `docker.io/library/nginx`. */
  image: string;
  /** What the client looks credentials up with (docker: `https://index.docker.io/v1/` for Hub). */
  server: string;
  status: LookupStatus;
  reason?: string;
  /** The client picks among the first matches in random order (several keys mean the same). */
  ambiguous?: boolean;
  /** In the order the client tries them; containers/image and docker try only the first. */
  matches: Array<Match>;
};

/** The outcome of a lookup (serialized lower-case). */
export type LookupStatus = "credentials" | "anonymous" | "none" | "fails" | "helper";

/**
 * One entry a client would try (serialized `{registry, pointer, rule, username?,
 * hasPassword, line, column}`).
 */
export type Match = {
  /** The key as written. */
  registry: string;
  pointer: string;
  /**
   * Which rule matched: `host`, `path-prefix`, `glob`, `docker-hub-fallback` (kubelet);
   * `exact`, `namespace`, `normalized` (containers); `exact`, `hostname` (docker).
   */
  rule: string;
  username?: string;
  hasPassword: boolean;
  line: number;
  column: number;
};

/** Options of `convert`: `{to, source?, uri?}` (`to` required). */
export type ConvertOptions = {
  to: Target;
  /**
   * Butane: fetch the config from this URL (`contents.source`) with its sha512 instead of
   * inlining it; the file to upload is returned too.
   */
  source?: string;
  /** Mesos: where the agents find the archive (default `file:///etc/docker.tar.gz`). */
  uri?: string;
};

/**
 * What to write (read and serialized as `auth.json`, `config.json`, `dockercfg`, `rkt`,
 * `butane`, `mesos`).
 */
export type Target = "auth.json" | "config.json" | "dockercfg" | "rkt" | "butane" | "mesos";

/** The result of `convert`. */
export type Converted = {
  to: Target;
  files: Array<OutputFile>;
  snippets: Array<Snippet>;
  /** Left out of the output. */
  dropped: Array<Note>;
  /** Written differently from the input (key spelling, `auth` computed, …). */
  changed: Array<Note>;
};

/** A thing the target cannot hold or spells differently, and why. Never contains a secret. */
export type Note = {
  what: string;
  why: string;
};

/** One file to write. */
export type OutputFile = {
  /** Relative file name to save it under (`auth.json`, `auth.d/quay.io.json`, …). */
  path: string;
  /** Where it goes on the machine that uses it (`/etc/rkt/auth.d/quay.io.json`, …). */
  target: string;
  /** Permission bits (`0o600` for anything holding a secret). */
  mode: number;
  content: Content;
};

/**
 * A file's bytes: text, or binary (the Mesos archive). Serialized as a string, or as bytes
 * (a `Uint8Array` in JavaScript).
 */
export type Content = string | Uint8Array;

/** Something text to paste elsewhere (the Marathon app's `uris`, DC/OS `fetch`). */
export type Snippet = {
  name: string;
  text: string;
};

/**
 * Options of `add`. `Debug` redacts the password. Read from `{registry, username, password,
 * email?, style?}`, or with `authBasic: "user:password"` (split at the first `:`, as `oc
 * registry login --auth-basic`) in place of `username`/`password`.
 */
export type AddOptions = {
  /** The key to write, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`). */
  registry: string;
  /** Must not be empty or contain `:` (clients split `auth` at the first `:`). */
  username?: string;
  /** Any text, `:` included; `auth` is the base64 of the UTF-8 `username:password`. */
  password?: string;
  /** Written only in preserve style; podman style has no `email` and refuses it. */
  email?: string;
  /**
   * `user:password` in place of `username` and `password` (split at the first `:`, as
   * `oc registry login --auth-basic`).
   */
  authBasic?: string;
  /** Default `preserve`. */
  style?: EditStyle;
};

/** How an edited file is written (read as `preserve`, `podman`). */
export type EditStyle = "preserve" | "podman";

/** Options of `remove`: `{aliases?, style?}`. */
export type RemoveOptions = {
  /**
   * Also remove every key that names the same registry (`quay.io`, `https://quay.io`,
   * `http://quay.io/v2/`; the Docker Hub spellings), not only the exact key.
   */
  aliases?: boolean;
  style?: EditStyle;
};

/**
 * What `remove` returns: the new config text and the keys it removed, in file order.
 * `Debug` shows the config's size only: it holds credentials.
 */
export type Edited = {
  config: string;
  removed: Array<string>;
};

/** Options of `merge`: `{onConflict?, style?}`. */
export type MergeOptions = {
  onConflict?: OnConflict;
  style?: EditStyle;
};

/**
 * Which entry `merge` keeps when configs disagree about a registry (read as `last`, `first`,
 * `error`).
 */
export type OnConflict = "last" | "first" | "error";

/**
 * What `merge` returns: the merged config and every conflict (each names what was dropped).
 * `Debug` shows the config's size only: it holds credentials.
 */
export type Merged = {
  config: string;
  conflicts: Array<Conflict>;
};

/** Configs that disagree about one registry (or one top-level key). */
export type Conflict = {
  section: "auths" | "credHelpers";
  /** The registry, normalised (`docker.io`, `quay.io`, `quay.io/org`). */
  registry: string;
  /** The keys as written, one per entry, in config order. */
  keys: Array<string>;
  /** For each key, the index of the config it came from. */
  sources: Array<number>;
  /** The config whose entries were kept (absent with `onConflict: "error"`). */
  kept?: number;
} | {
  section: "config";
  /** The top-level key (`credsStore`, `HttpHeaders`, …). */
  key: string;
  keys: Array<string>;
  sources: Array<number>;
  kept?: number;
};

/**
 * Options of `link`, read from `{serviceAccount?, secrets, for?, namespace?, output?,
 * creationTimestamp?}`: `secrets` and `for` are arrays or comma-separated strings, `for` holds
 * `pull` and/or `mount` (any case; default `mount`, as oc).
 */
export type LinkOptions = {
  /** The ServiceAccount's name; required without a ServiceAccount object, else must match it. */
  serviceAccount?: string;
  /** Secrets to link: an array, or one comma-separated string. */
  secrets: Array<string> | string;
  /** `pull` (`imagePullSecrets`), `mount` (`secrets`) or both; default `mount`, as oc. */
  for?: "pull" | "mount" | "pull,mount" | "mount,pull" | Array<"pull" | "mount">;
  /** For the `kubectl patch` command; must match the object's namespace when both are given. */
  namespace?: string;
  output?: OutputFormat;
  /** Print `creationTimestamp: null` in a new ServiceAccount, as kubectl 1.33 and older do. */
  creationTimestamp?: boolean;
};

/**
 * What `link` returns: the full object, the merge patch, the `kubectl patch` command that
 * applies it, and the equivalent `oc secrets link` command.
 */
export type LinkResult = {
  /** The ServiceAccount's name. */
  name: string;
  namespace?: string;
  /** The ServiceAccount after the link, as `kubectl patch --local -o yaml|json` prints it. */
  object: string;
  /** The merge patch (compact JSON). */
  patch: string;
  /** `kubectl patch serviceaccount NAME [-n NS] -p PATCH`. */
  command: string;
  /** `oc secrets link NAME SECRET... [-n NS] --for=...`. */
  ocCommand: string;
  /** The secrets newly listed. */
  added: Array<string>;
  /** Whether anything was added. */
  changed: boolean;
};

/**
 * Options of `grantPull`: `{fromNamespace, namespace, serviceAccount?, group?, role?,
 * roleBindingName?, output?, creationTimestamp?}`.
 */
export type GrantOptions = {
  /** The project whose ServiceAccounts pull (A). */
  fromNamespace: string;
  /** The project that holds the images (B); the RoleBinding lives here. */
  namespace: string;
  /** The ServiceAccount in A (default `default`); ignored with `group`. */
  serviceAccount?: string;
  /** Grant every ServiceAccount of A (`add-role-to-group ... system:serviceaccounts:A`). */
  group?: boolean;
  /** The ClusterRole (default `system:image-puller`). */
  role?: string;
  /**
   * `--rolebinding-name`; default: the role's name (oc appends `-0`, `-1`, … when a binding of
   * that name already exists in B, which only the cluster knows).
   */
  roleBindingName?: string;
  output?: OutputFormat;
  /** Print `creationTimestamp: null`, as oc/kubectl built on Kubernetes 1.33 and older do. */
  creationTimestamp?: boolean;
};

/** What `grantPull` returns. */
export type GrantResult = {
  /** The RoleBinding's name. */
  name: string;
  /** The RoleBinding, printed as `-o yaml|json`. */
  object: string;
  /** The `oc policy add-role-to-user|group` command. */
  command: string;
  /** The `kubectl create rolebinding` command. */
  kubectlCommand: string;
};

/**
 * Options of `podSnippet` and `workflowSnippet`: `{name?, generateName?, namespace?,
 * image?, container?, secrets, output?, creationTimestamp?}`; `secrets` is an array or a
 * comma-separated string.
 */
export type WorkloadOptions = {
  /** `metadata.name` (a Pod requires it). */
  name?: string;
  /** `metadata.generateName` (what an Argo Workflow usually has). */
  generateName?: string;
  namespace?: string;
  /** The container image (required for a Pod; a Workflow gets a one-container template). */
  image?: string;
  /** Container name (Pod) or entrypoint template name (Workflow); default: the Pod's name, `main`. */
  container?: string;
  /** The pull secrets to reference. */
  secrets: Array<string> | string;
  output?: OutputFormat;
  creationTimestamp?: boolean;
};

/**
 * Options of `delegatedAuth`: `{authServer, registry, username, password, email?,
 * authSecretName, registrySecretName, namespace?, output?, creationTimestamp?}`. `Debug`
 * redacts the password.
 */
export type DelegatedAuthOptions = {
  /** The authentication server the registry delegates to (e.g. `sso.redhat.com`). */
  authServer: string;
  /** The registry (e.g. `privateregistry.example.com`). */
  registry: string;
  username: string;
  password: string;
  email?: string;
  /** Name of the auth server's Secret. */
  authSecretName: string;
  /** Name of the registry's Secret. */
  registrySecretName: string;
  namespace?: string;
  output?: OutputFormat;
  creationTimestamp?: boolean;
};

/**
 * What `delegatedAuth` returns: `manifest` is both Secrets, separated by `---` (YAML) or
 * one after the other (JSON), ready for `kubectl apply -f -`.
 */
export type DelegatedAuthResult = {
  manifest: string;
  secrets: Array<DelegatedSecret>;
};

/** One Secret of `DelegatedAuthResult`. */
export type DelegatedSecret = {
  name: string;
  server: string;
  manifest: string;
};

/**
 * Options of `globalPullSecret`, read from `{logins: [{registry, username, password,
 * email?} | {registry, authBasic: "user:password", email?}], variant?: "openshift"|"hypershift",
 * file?, style?: "preserve"|"podman", output?, creationTimestamp?}`; a single login may also be
 * given at the top level (`registry`, `authBasic` or `username`/`password`, `email`).
 */
export type GlobalPullSecretOptions = {
  /** The logins to add or replace. */
  logins?: Array<RegistryLogin>;
  /**
   * One login at the top level: its registry (with `username`/`password` or `authBasic`,
   * and `email`).
   */
  registry?: string;
  username?: string;
  password?: string;
  email?: string;
  authBasic?: string;
  /**
   * `openshift` (`openshift-config/pull-secret`, default) or `hypershift`
   * (`kube-system/additional-pull-secret`).
   */
  variant?: PullSecretVariant;
  /**
   * The file name used in the printed commands (default `pull-secret.json` or
   * `additional-pull-secret.json`).
   */
  file?: string;
  /** How the config is edited (see `add`); default `preserve`. */
  style?: EditStyle;
  output?: OutputFormat;
  /** Print `creationTimestamp: null`, as kubectl 1.33 and older do. */
  creationTimestamp?: boolean;
};

/** Which pull secret is edited (read as `openshift`, `hypershift`). */
export type PullSecretVariant = "openshift" | "hypershift";

/**
 * One registry login to add or replace. `Debug` redacts the password. Read from `{registry,
 * username, password, email?}` or `{registry, authBasic: "user:password", email?}`.
 */
export type RegistryLogin = {
  /** The key, verbatim; may include a repository path (`quay.io/my-org`). */
  registry: string;
  username?: string;
  password?: string;
  email?: string;
  /**
   * `user:password` in place of `username` and `password` (split at the first `:`, as
   * `oc registry login --auth-basic`).
   */
  authBasic?: string;
};

/**
 * What `globalPullSecret` returns: the new `.dockerconfigjson`, the updated Secret (name
 * and namespace kept from a pasted Secret), and the `oc` commands.
 */
export type GlobalPullSecretResult = {
  /** The Secret's name and namespace. */
  name: string;
  namespace: string;
  /** The new `.dockerconfigjson` text. */
  config: string;
  /** The updated Secret, printed as `-o yaml|json`. */
  secret: string;
  /** The file name used in the commands. */
  file: string;
  /** `oc get secret/... --template=... > FILE`. */
  fetchCommand: string;
  /** `oc set data secret/...` (or `oc create secret generic ...` for a new HyperShift one). */
  command: string;
  /** Registries added, and registries whose entry was replaced. */
  added: Array<string>;
  replaced: Array<string>;
};

/** Options of `explain`: `{namespace?: string, events?: string}`. */
export type ExplainOptions = {
  /** The namespace of objects without `metadata.namespace`. Default `default`. */
  namespace?: string;
  /**
   * What the cluster said: the text of `kubectl describe pod` (its `Events:`) or of
   * `kubectl get events`.
   */
  events?: string;
};

/** What `explain` answers. */
export type Explanation = {
  /** Each workload of the input, in order. */
  workloads: Array<WorkloadExplanation>;
  /** The pull events read from `options.events`. */
  events: Array<PullEvent>;
};

/** One thing the events say about an image, or about the pod's pull secrets. */
export type PullEvent = {
  "event": "failed";
  image: string;
  failure: PullFailure;
  /** 1-based line of the text. */
  line: number;
} | {
  "event": "pulled";
  image: string;
  line: number;
} | {
  "event": "missingSecrets";
  names: Array<string>;
  line: number;
};

/** What a registry or runtime answered, in kinds an explanation can act on. */
export type PullFailure = "unauthorized" | "denied" | "not-found" | "rate-limited" | "tls" | "network" | "invalid-name" | "other";

/** One workload and the answer for each of its images. */
export type WorkloadExplanation = {
  /** Which of the inputs it is in (0 for one text). */
  input: number;
  kind: string;
  name?: string;
  namespace: string;
  line: number;
  column: number;
  /** Whose `imagePullSecrets` the pod gets: `pod`, `serviceAccount` or `none`. */
  pullSecretsFrom: "pod" | "serviceAccount" | "none";
  pullSecrets: Array<PullSecretRef>;
  images: Array<ImageExplanation>;
  /**
   * The workload check's findings (errors and warnings; the per-image infos are the
   * answers).
   */
  diagnostics: Array<Diagnostic>;
};

/** The answer for one image. */
export type ImageExplanation = {
  /** What the registry or runtime answered, from the events. */
  failure?: PullFailure;
  /** The events say the image was pulled. */
  pulled?: boolean;
  /** The answer, in plain words. */
  answer: string;
  /** What to do. */
  fix: string;
  /**
   * `containers`, `initContainers`, `ephemeralContainers`; for Argo `container`,
   * `script`, `sidecars`, `containerSet`.
   */
  section: string;
  container?: string;
  /** The image kubelet pulls: as written, or as a kustomization's `images` rewrote it. */
  image: string;
  /** The image as the file writes it, when a kustomization's `images` rewrote it. */
  written?: string;
  line: number;
  column: number;
  status: PullStatus;
  /** The pull secret whose entry is sent first. */
  secret?: string;
  /** That entry's key, as written. */
  registry?: string;
  /** The rule that matched (`host`, `path-prefix`, `glob`, `docker-hub-fallback`). */
  rule?: string;
  /** Matching entries kubelet tries after the first, if the pull fails. */
  alternatives: number;
  /** The answer in words (never a secret). */
  reason: string;
};

/** What kubelet does for one image (serialized lower-case). */
export type PullStatus = "credentials" | "anonymous" | "unknown" | "node" | "fails" | "invalid";

/** One `imagePullSecrets` name of a workload (or of the ServiceAccount it runs as). */
export type PullSecretRef = {
  name: string;
  status: SecretStatus;
  /** What defines it, when found. */
  provider?: Provider;
  /** Its type, when found. */
  type?: string;
  /** Its namespace, when found (for `other-namespace`, the first other one). */
  namespace?: string;
  /** The file that defines it: an index into the files given to `checkWorkloads`. */
  file?: number;
  /** Where its object starts in that file. */
  line?: number;
  column?: number;
};

/** What makes a Secret. */
export type Provider = "Secret" | "SopsSecret" | "SealedSecret" | "ExternalSecret" | "ClusterExternalSecret" | "SecretGenerator";

/** How a pull secret a workload names was found (serialized kebab-case). */
export type SecretStatus = "found" | "not-found" | "wrong-type" | "other-namespace" | "unreadable" | "unverifiable";

/** Options of `fix`: `{codes?}`. */
export type FixOptions = {
  /**
   * Only the repairs of these codes (an array, or one comma-separated string); every repair
   * when absent or empty. A code `fix` does not repair is refused.
   */
  codes?: Array<Code> | string;
};

/**
 * What `fix` returns: the repaired text (the input itself when nothing was repaired) and
 * each repair made, in the order of the text. `Debug` shows the text's size only.
 */
export type Fixed = {
  /** The repaired text: every byte not repaired is the input's. */
  text: string;
  /** Whether `text` differs from the input. */
  changed: boolean;
  /** The repairs, one per finding repaired. */
  fixes: Array<AppliedFix>;
};

/**
 * One repair: the finding's code and place (as `validate` reported it, in the input) and what
 * was done, in words that never hold a secret.
 */
export type AppliedFix = {
  code: Code;
  /** What was done. */
  message: string;
  /** The finding's JSON pointer. */
  pointer: string;
  /** Where the finding is in the input (1-based line; column in Unicode characters). */
  line: number;
  column: number;
};

/** Options of `verify`: `{client?, images?, insecure?, caFile?, timeoutMs?}`. */
export type VerifyOptions = {
  /**
   * Whose reading of the file is checked: which entry it picks for an image, which fields
   * it sends. Default `kubelet` (the reader of pull secrets).
   */
  client?: Client;
  /**
   * Check the entry the client uses for each of these images (the `lookup` answer), up to a
   * `HEAD` of its manifest with the repository's pull scope. Empty: every entry is checked
   * with a login (`GET /v2/` and, for token auth, a token without a scope).
   */
  images?: Array<string>;
  /**
   * Allow plain HTTP (after HTTPS fails) and TLS without verification, as docker does for its
   * `insecure-registries`; also lets credentials go to a plain-HTTP token service.
   */
  insecure?: boolean;
  /** A PEM file of certificates trusted beside the system's roots. */
  caFile?: string;
  /** Per request, in milliseconds (1 to 600000); default 5000. */
  timeoutMs?: number;
};

/** What `verify` returns. */
export type VerifyReport = {
  client: Client;
  /** Every checked credential works (skipped ones do not count; an unusable one fails). */
  ok: boolean;
  results: Array<Verification>;
};

/** The answer for one credential. */
export type Verification = {
  /** In a manifest stream of several pull Secrets: the Secret (`namespace/name`, or `name`). */
  secret?: string;
  /** The entry's key as written; absent for an image no entry matches (an anonymous pull). */
  registry?: string;
  pointer?: string;
  /** Where the entry's key is (1-based). */
  line?: number;
  column?: number;
  /** The registry API host the requests go to (`registry-1.docker.io` for Docker Hub). */
  host: string;
  /** With `images`: the image as given. */
  image?: string;
  username?: string;
  outcome: Outcome;
  /** What happened, in words. */
  reason: string;
  /** What to do about it (empty when nothing is to be done). */
  fix: string;
  /** kubelet tries the image's next matching entry after this one failed. */
  fallback?: boolean;
  requests: Array<Exchange>;
};

/** One request of the handshake and its answer (`status` absent: no answer). */
export type Exchange = {
  method: string;
  /** Without credentials: a token request's query names the account (the user name) only. */
  url: string;
  sent: Sent;
  status?: number;
};

/** What was sent with a request (never the credential itself). */
export type Sent = "none" | "basic" | "bearer" | "refresh-token";

/** What the registry said about one credential (serialized kebab-case). */
export type Outcome = "ok" | "ok-anonymous" | "unauthorized" | "denied" | "not-found" | "unreachable" | "unusable" | "skipped";

/** Options of `verifyCommand`: `{images?, client?}`. */
export type VerifyCommandOptions = {
  /** `--image` arguments. */
  images?: Array<string>;
  /** `--client` (absent: the command's default, kubelet). */
  client?: Client;
};
