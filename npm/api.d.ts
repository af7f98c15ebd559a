// The pullsecret API, shared by @pullsecret/wasm and @pullsecret/node (copied into each at build).

// The diagnostic and error codes, generated from the Rust catalogue (npm/types.d.ts).
import type { Code, ErrorCode } from './types.js';
export * from './types.js';

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';
/** The client families whose reading rules pullsecret knows: kubelet; containers/image (podman, CRI-O, skopeo, buildah, oc); the Docker CLI. */
export type ClientName = 'kubelet' | 'containers' | 'docker';
/** What a client does with an entry: sends its credentials; matches it but sends none; skips it; fails pulls from its registry; cannot read the file at all. */
export type Status = 'used' | 'anonymous' | 'ignored' | 'fails-registry' | 'fails-all';

export interface Verdict {
  status: Status;
  /** Why, when the status is not plain `used`. */
  reason?: string;
}

/** One finding. Positions are 1-based; columns count Unicode characters. Messages never contain a secret. */
export interface Diagnostic {
  /** Stable code, documented in docs/diagnostics.md (e.g. `auth-not-base64`). */
  code: Code;
  severity: Severity;
  message: string;
  /** RFC 6901 pointer into the config, e.g. `/auths/quay.io/auth`. */
  pointer: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For a Secret or base64 input: the position inside the decoded config. */
  inner?: { line: number; column: number };
}

/** One registry entry. Holds no password, token or `auth` value. */
export interface EntrySummary {
  /** The key exactly as written. Entries are an array, so a registry named `__proto__` stays data. */
  registry: string;
  username?: string;
  hasPassword: boolean;
  hasAuth: boolean;
  hasIdentityToken?: boolean;
  email?: string;
  pointer: string;
  line: number;
  column: number;
  clients: Record<ClientName, Verdict>;
}

export interface Source {
  kind: 'file' | 'base64' | 'secret';
  secret?: {
    name?: string;
    namespace?: string;
    type?: string;
    key: string;
    field: 'data' | 'stringData';
    syntax: 'yaml' | 'json';
  };
}

export type Format = 'dockerconfigjson' | 'dockercfg';

/** What `validate` returns. */
export interface Report {
  format: Format | null;
  source: Source;
  /** No error-severity diagnostic. */
  valid: boolean;
  errors: number;
  warnings: number;
  /** Per client: `fails` when some entry makes the whole file unreadable for it. */
  clients: Record<ClientName, { status: 'ok' | 'fails'; reason?: string; usedEntries: number }>;
  entries: EntrySummary[];
  diagnostics: Diagnostic[];
}

/** One registry's credentials, as `parse` returns them. */
export interface Credential {
  registry: string;
  username?: string;
  password?: string;
  auth?: string;
  email?: string;
  identityToken?: string;
}

/** What `parse` returns. */
export interface Document {
  format: Format;
  source: Source;
  entries: Credential[];
  credHelpers: { registry: string; helper: string }[];
  credsStore?: string;
  /** Top-level keys other than `auths`, `credHelpers`, `credsStore`. */
  otherKeys: string[];
}

/** Options of `create`: the flags of `kubectl create secret docker-registry`. */
export interface CreateOptions {
  /** Registry key, verbatim. Default `https://index.docker.io/v1/`. */
  server?: string;
  username: string;
  password: string;
  /** Left out when empty. */
  email?: string;
}

/** Options of `toSecret`. */
export interface SecretOptions {
  name: string;
  /** Left out when absent (as kubectl without `-n`). */
  namespace?: string;
  /** Default: `kubernetes.io/dockercfg` for legacy content, else `kubernetes.io/dockerconfigjson`. */
  type?: 'kubernetes.io/dockerconfigjson' | 'kubernetes.io/dockercfg';
  /** Default `yaml`. */
  output?: 'yaml' | 'json';
  /** Print `creationTimestamp: null`, as kubectl 1.33 and older do. Default false (kubectl 1.34+). */
  creationTimestamp?: boolean;
  /** `--append-hash`: the name becomes `NAME-HASH`, kubectl's hash of name, type and data. */
  appendHash?: boolean;
  /**
   * `metadata.labels`, as `kubectl label --local` adds them. Keys must be qualified names, values
   * valid label values. With labels or annotations, `-o json` has kubectl label/annotate's sorted key order.
   */
  labels?: Record<string, string>;
  /** `metadata.annotations`, as `kubectl annotate --local` adds them. Keys must be qualified names. */
  annotations?: Record<string, string>;
}

/** Options of `lookup`. */
export interface LookupOptions {
  /** Whose search rules to apply. */
  client: ClientName;
}

/** One entry a client would try, in its order. Holds no password. */
export interface LookupMatch {
  /** The key as written. */
  registry: string;
  pointer: string;
  /**
   * The rule that matched. kubelet: `host`, `path-prefix` (a plain string prefix of the path),
   * `glob`, `docker-hub-fallback`; containers: `exact`, `namespace`, `normalized`; docker: `exact`, `hostname`.
   */
  rule: string;
  username?: string;
  hasPassword: boolean;
  line: number;
  column: number;
}

/** What `lookup` returns. */
export interface LookupResult {
  client: ClientName;
  /** The normalised repository, e.g. `docker.io/library/nginx`. */
  image: string;
  /** What the client looks credentials up with (docker: `https://index.docker.io/v1/` for Docker Hub). */
  server: string;
  /**
   * `credentials`: the first match's credentials are sent; `anonymous`: an entry matches but has none;
   * `none`: nothing matches (anonymous pull); `fails`: the client errors before pulling;
   * `helper`: a credential helper is asked instead of the file.
   */
  status: 'credentials' | 'anonymous' | 'none' | 'fails' | 'helper';
  reason?: string;
  /** Several keys mean the same registry and the client picks one at random (Go map order). */
  ambiguous?: boolean;
  /** kubelet tries each in turn until a pull succeeds; containers/image and docker use only the first. */
  matches: LookupMatch[];
}

/**
 * How `add`, `remove` and `merge` write the file. `preserve` (default): the change is spliced into
 * the existing text, every other byte stays (other entries' fields, unknown keys, indentation, key
 * order). `podman`: the bytes podman/skopeo/`oc registry login` write (tab-indented, sorted, no
 * trailing newline, only `auth`/`identitytoken` per entry and `auths`/`credHelpers` at the top).
 */
export type EditStyle = 'preserve' | 'podman';

/** Options of `add`: what `podman login` / `oc registry login --skip-check --to=FILE` take. */
export interface AddOptions {
  /** The key, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`). Podman style refuses keys `podman login` refuses (`key-refused`). */
  registry: string;
  /** Must not be empty or contain `:` (clients split `auth` at the first `:`). */
  username: string;
  /** Any text, `:` included; `auth` is the base64 of the UTF-8 `username:password`. */
  password: string;
  /** Preserve style only (podman drops `email`; podman style refuses it). */
  email?: string;
  style?: EditStyle;
}

/** Options of `remove`. */
export interface RemoveOptions {
  /** Also remove every key naming the same registry (`https://quay.io`, Docker Hub spellings…). Default: the exact key only. */
  aliases?: boolean;
  style?: EditStyle;
}

/** What `remove` returns. Removing a key that is not there throws `not-logged-in` (as `podman logout`). */
export interface RemoveResult {
  config: string;
  /** The keys removed, in file order. */
  removed: string[];
}

/** Options of `merge`. */
export interface MergeOptions {
  /** Which config's entries stay when configs disagree about a registry: `last` (default), `first`, or throw `merge-conflict`. */
  onConflict?: 'last' | 'first' | 'error';
  style?: EditStyle;
}

/** Configs that disagree about one registry (compared normalised: `quay.io` = `https://quay.io`) or one top-level key. */
export interface MergeConflict {
  section: 'auths' | 'credHelpers' | 'config';
  /** For `auths`/`credHelpers`: the registry, normalised (`docker.io`, `quay.io/org`). */
  registry?: string;
  /** For `config`: the top-level key (`credsStore`, `HttpHeaders`, …). */
  key?: string;
  /** The keys as written, one per entry, in config order. */
  keys: string[];
  /** For each key, the index of the config it came from. */
  sources: number[];
  /** The config whose entries were kept; the others' entries in `keys` were dropped. */
  kept: number;
}

/** What `merge` returns: every entry of every config is in `config` or named in `conflicts`. */
export interface MergeResult {
  config: string;
  conflicts: MergeConflict[];
}

/** Thrown by every function: a real `Error` with a stable `code`, and `line`/`column` when the problem is in the input. */
export declare class PullSecretError extends Error {
  /** `not-initialized`: @pullsecret/wasm before `init()`/`initSync()`. */
  readonly code: ErrorCode | 'not-initialized';
  readonly line?: number;
  readonly column?: number;
}

/** Every finding in a config, base64 config or Secret (YAML or JSON). Never throws on bad content. */
export declare function validate(input: string | object): Report;
/** The credentials in a config, base64 config or Secret. Throws `PullSecretError` when there is no readable config. */
export declare function parse(input: string | object): Document;
/** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds from the same flags. */
export declare function create(options: CreateOptions): string;
/** The Secret manifest for a config (or an existing Secret), byte for byte as kubectl prints it. */
export declare function toSecret(config: string | object, options: SecretOptions): string;
/** Which entry of a config (or Secret) a client uses to pull `image` (`nginx`, `quay.io/org/app:1.2`, `host:5000/app@sha256:...`). */
export declare function lookup(config: string | object, image: string, options: LookupOptions): LookupResult;

/** Targets of `convert`. */
export type ConvertTarget = 'auth.json' | 'config.json' | 'dockercfg' | 'rkt' | 'butane' | 'mesos';

/** Options of `convert`. */
export interface ConvertOptions {
  to: ConvertTarget;
  /** butane: fetch the config from this URL (`contents.source` + `verification.hash: sha512-...`) instead of inlining it. */
  source?: string;
  /** mesos: where agents find the archive, for the `uris`/`fetch` snippets (default `file:///etc/docker.tar.gz`). */
  uri?: string;
}

/** One file `convert` produced. Holds the credentials. */
export interface ConvertedFile {
  /** Relative name to save it under (`auth.json`, `auth.d/quay.io.json`, `docker.tar.gz`, ...). */
  path: string;
  /** Where it goes on the machine that uses it (`/etc/rkt/auth.d/quay.io.json`, `~/.docker/config.json`, a URL, ...). */
  target: string;
  /** Permission bits, e.g. 384 (0o600). */
  mode: number;
  /** Text, or bytes for binary files (the Mesos `docker.tar.gz`). */
  content: string | Uint8Array;
}

/** Something `convert` left out or wrote differently, and why. Never holds a secret. */
export interface ConvertNote {
  what: string;
  why: string;
}

/** What `convert` returns. */
export interface Converted {
  to: ConvertTarget;
  files: ConvertedFile[];
  /** Text to paste elsewhere: mesos gives `marathon` (`uris`) and `dcos` (`fetch`). */
  snippets: { name: string; text: string }[];
  dropped: ConvertNote[];
  changed: ConvertNote[];
}

/** A config (or Secret) written as Podman `auth.json`, Docker `config.json`, `.dockercfg`, rkt `auth.d` files, a Flatcar Butane config or the Mesos `docker.tar.gz`. */
export declare function convert(config: string | object, options: ConvertOptions): Converted;

/**
 * The config (or the config inside a Secret/base64; empty for a new file) with the entry for
 * `options.registry` added or replaced, `auth` = base64 of UTF-8 `username:password`. Re-adding a
 * key keeps its position, `email` and unknown fields, updates `username`/`password` fields and drops
 * `identitytoken`/`registrytoken` (they belong to the old login).
 */
export declare function add(config: string | object, options: AddOptions): string;
/** The config without the entry for `registry` (exact key; every spelling with `aliases`). */
export declare function remove(config: string | object, registry: string, options?: RemoveOptions): RemoveResult;
/** The configs merged into the first one's layout and format, conflicts reported. */
export declare function merge(configs: (string | object)[], options?: MergeOptions): MergeResult;

// ---- cluster objects (objects.rs) ----

/** Options of `link`: `oc secrets link SERVICEACCOUNT SECRET... [--for=pull|mount]`. */
export interface LinkOptions {
  /** The ServiceAccount's name: required without a ServiceAccount object, else must match it. */
  serviceAccount?: string;
  /** Secrets to link (an array, or one comma-separated string). */
  secrets: string[] | string;
  /** `pull` (imagePullSecrets), `mount` (secrets) or both (`'pull,mount'`, `['pull','mount']`). Default `mount`, as oc. */
  for?: 'pull' | 'mount' | 'pull,mount' | 'mount,pull' | Array<'pull' | 'mount'>;
  /** For the commands; must match the object's namespace when both are given. */
  namespace?: string;
  /** Format of `object`. Default `yaml`. */
  output?: 'yaml' | 'json';
  /** Print `creationTimestamp: null` in a new ServiceAccount (kubectl 1.33 and older). */
  creationTimestamp?: boolean;
}

/** Result of `link`. */
export interface LinkResult {
  name: string;
  namespace?: string;
  /** The whole ServiceAccount after the change, as `kubectl patch --local -o yaml|json` prints it. */
  object: string;
  /** The merge patch (whole lists: a ServiceAccount's `imagePullSecrets` is replaced, not merged). */
  patch: string;
  /** `kubectl patch serviceaccount NAME -n NS -p '<patch>'`. */
  command: string;
  /** The equivalent `oc secrets link ...`. */
  ocCommand: string;
  /** Secrets that were not linked yet. */
  added: string[];
  /** False when everything was already linked (the patch changes nothing). */
  changed: boolean;
}

/** Options of `grantPull`: `oc policy add-role-to-user|add-role-to-group system:image-puller ... --namespace=B`. */
export interface GrantOptions {
  /** The project whose ServiceAccounts pull (A). */
  fromNamespace: string;
  /** The project holding the images (B); the RoleBinding lives here. */
  namespace: string;
  /** ServiceAccount in A; default `default`. Ignored with `group`. */
  serviceAccount?: string;
  /** Every ServiceAccount of A (`system:serviceaccounts:A`). */
  group?: boolean;
  /** ClusterRole; default `system:image-puller`. */
  role?: string;
  /** `--rolebinding-name`; default the role's name (oc picks `NAME-0`, `-1`… if that name is taken in B). */
  roleBindingName?: string;
  output?: 'yaml' | 'json';
  creationTimestamp?: boolean;
}

/** Result of `grantPull`. */
export interface GrantResult {
  name: string;
  /** The RoleBinding, as `oc ... --dry-run=client -o yaml|json` prints it. */
  object: string;
  /** The `oc policy ...` command. */
  command: string;
  /** The same RoleBinding with `kubectl create rolebinding`. */
  kubectlCommand: string;
}

/** Options of `podSnippet` and `workflowSnippet`. */
export interface WorkloadOptions {
  /** `metadata.name` (required for a Pod). */
  name?: string;
  /** `metadata.generateName` (usual for a Workflow). */
  generateName?: string;
  namespace?: string;
  /** Container image (required for a Pod; a Workflow gets a one-container template). */
  image?: string;
  /** Container name (Pod, default the Pod's name) or entrypoint template (Workflow, default `main`). */
  container?: string;
  /** Pull secrets to reference. */
  secrets: string[] | string;
  output?: 'yaml' | 'json';
  creationTimestamp?: boolean;
}

/** Options of `delegatedAuth`: the same credentials for the auth server and the registry. */
export interface DelegatedAuthOptions {
  /** The server the registry delegates authentication to, e.g. `sso.redhat.com`. */
  authServer: string;
  registry: string;
  username: string;
  password: string;
  email?: string;
  authSecretName: string;
  registrySecretName: string;
  namespace?: string;
  output?: 'yaml' | 'json';
  creationTimestamp?: boolean;
}

/** Result of `delegatedAuth`. */
export interface DelegatedAuthResult {
  /** Both Secrets, ready for `kubectl apply -f -`. */
  manifest: string;
  secrets: Array<{ name: string; server: string; manifest: string }>;
}

/** The ServiceAccount change of `oc secrets link`; `serviceAccount` is the object (YAML/JSON) or empty for a new one. */
export declare function link(serviceAccount: string | object | null, options: LinkOptions): LinkResult;
/** The RoleBinding that lets ServiceAccounts of one project pull images of another. */
export declare function grantPull(options: GrantOptions): GrantResult;
/** A Pod manifest with `imagePullSecrets`. */
export declare function podSnippet(options: WorkloadOptions): string;
/** An Argo Workflow manifest with `imagePullSecrets` (a CRD: not schema-checked). */
export declare function workflowSnippet(options: WorkloadOptions): string;
/** Two Secrets for a registry that delegates authentication. */
export declare function delegatedAuth(options: DelegatedAuthOptions): DelegatedAuthResult;

/** One registry login for `globalPullSecret`: `username`/`password`, or oc's `authBasic: 'user:password'`. */
export interface RegistryLogin {
  /** The key, verbatim; may include a repository path (`quay.io/my-org`). */
  registry: string;
  username?: string;
  password?: string;
  /** `user:password`, split at the first `:` as `oc registry login --auth-basic` does. */
  authBasic?: string;
  email?: string;
}

/** Options of `globalPullSecret`. A single login may also be given at the top level. */
export interface GlobalPullSecretOptions extends Partial<RegistryLogin> {
  logins?: RegistryLogin[];
  /** `openshift` (openshift-config/pull-secret, default) or `hypershift` (kube-system/additional-pull-secret). */
  variant?: 'openshift' | 'hypershift';
  /** File name used in the commands. Default `pull-secret.json` / `additional-pull-secret.json`. */
  file?: string;
  /** `preserve` (default: every other byte kept) or `podman` (the bytes `oc registry login --to=FILE` writes; drops other entries' email). */
  style?: 'preserve' | 'podman';
  /** Format of `secret`. */
  output?: 'yaml' | 'json';
  creationTimestamp?: boolean;
}

/** Result of `globalPullSecret`. */
export interface GlobalPullSecretResult {
  name: string;
  namespace: string;
  /** The new `.dockerconfigjson` text (contains the credentials). */
  config: string;
  /** The updated Secret. */
  secret: string;
  file: string;
  /** `oc get secret/NAME -n NS --template=... > FILE`: the docs' download step. */
  fetchCommand: string;
  /** `oc set data secret/NAME -n NS --from-file=.dockerconfigjson=FILE` (or `oc create secret generic` for a new HyperShift one). */
  command: string;
  added: string[];
  replaced: string[];
}

/** Adds or replaces logins in the current pull secret (config, base64, or the pasted `oc get secret/pull-secret -n openshift-config -o yaml`; empty for a new HyperShift one). */
export declare function globalPullSecret(current: string | object | null, options: GlobalPullSecretOptions): GlobalPullSecretResult;
