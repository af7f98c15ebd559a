//! The command line: every subcommand and flag, as clap reads them.
//!
//! Why it exists: the flags keep kubectl's conventions (pflag) so that a `kubectl create secret`
//! line works with `pullsecret` in front of it: `--flag=value` and `--flag value`, `-n ns`,
//! `-nns` and `-n=ns`, booleans as `--flag` or `--flag=false`, `StringSlice` flags split at
//! commas (`--from-file`, `--labels`), a value may start with `-` (a password often does), and
//! flags go anywhere among the arguments. Each subcommand's help carries examples.
//!
//! May use: `clap`. Nothing here decides anything about credentials: the commands pass what
//! is read here to the core.

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

/// Go's `strconv.ParseBool`, which pflag uses for `--flag=VALUE` on a boolean flag.
fn go_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(String::from("must be true or false")),
    }
}

/// The attributes of a pflag boolean (`--flag` is true, `--flag=false` false; the value only
/// after `=`) are written out on each such field: `#[arg(long, num_args = 0..=1, require_equals
/// = true, default_missing_value = "true", default_value = "false", value_parser = go_bool,
/// action = ArgAction::Set)]`.
const AFTER: &str = "Diagnostic codes: docs/diagnostics.md. Exit status: 0 fine, 1 findings or a failed operation, 2 usage.";

/// Container-registry credential files and pull secrets, as kubectl, kubelet, podman and docker
/// read them.
#[derive(Debug, Parser)]
#[command(
    name = "pullsecret",
    version,
    disable_help_subcommand = false,
    after_help = AFTER,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a config.json, auth.json, .dockercfg, base64 config or Secrets (YAML/JSON).
    #[command(
        long_about = "Check a config.json, auth.json, .dockercfg, base64 config, or Secrets (YAML/JSON): every pull Secret of a YAML stream, a List (kubectl get secrets -o json) or a JSON array.\n\nPasswords and identity tokens that are JWTs or Amazon ECR tokens are checked for their expiry as at --now (default: the system clock): expired is an error, expiring within --expiry-window a warning.\n\nPrints FILE:LINE:COLUMN severity code message, a line per object, then the totals.",
        after_help = "Examples:\n  pullsecret validate ~/.docker/config.json\n  kubectl get secret regcred -o yaml | pullsecret validate -\n  pullsecret validate pull-secret.json -o json | jq .clients\n  pullsecret validate config.json auth.json   # several files: each report, then a summary\n  pullsecret validate config.json --now=2026-01-02T00:00:00Z   # tokens checked as at that time\n\nExit status: 0 no error in any object; 1 errors; 2 usage (or a file that cannot be read)."
    )]
    Validate(ValidateArgs),
    /// Check a repository: every pull secret, and every workload against its pull secrets, in
    /// files, directories (walked) or stdin.
    #[command(
        long_about = "Check a repository before merge: every pull Secret and config in the files and directories given (directories walked recursively for *.yaml, *.yml and *.json, honouring .gitignore and .pullsecretignore, hidden files, FIFOs and devices skipped; a symlink out of the repository is reported, not followed) or in stdin (-). Files are checked in parallel and reported in name order. Every workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, DeploymentConfig, Argo Workflow, …) and ServiceAccount is checked against the pull secrets of all the files, as the cluster resolves them (-n: the namespace of objects without one; --strict: a Secret in none of the files and an anonymous pull are errors). A pull secret kept in plain text gets a warning (SealedSecrets, ExternalSecrets, ClusterExternalSecrets, kustomize secretGenerators and SOPS are recognised; an object defined twice is read as its last definition, as kubectl apply leaves it; definitions in directories apart, such as clusters/dev and clusters/prod, are alternatives: a name resolves to the nearest; a file a kustomization names as a patch is part of an object, not checked alone). Files with neither a pull secret nor a workload are counted, not reported.\n\nConfigured as a linter: .pullsecret.yaml (nearest from the working directory up to the git root; --config, --no-config) turns rules off or sets their level, per path with overrides; --rule CODE=LEVEL wins over it; a comment `# pullsecret-ignore: CODE` on a finding's line or the line above silences it (`# pullsecret-ignore-file: CODE`: the whole file); --write-baseline FILE records today's findings and --baseline FILE fails only on new ones.\n\nText output: a headline per file (✔ pulls will work, ⚠ works with warnings, ✘ N pulls will fail: N counts, per object, the clients that fail on it), its findings as FILE:LINE:COLUMN severity code message, then the summary. Colour on a terminal unless NO_COLOR is set.",
        after_help = "Examples:\n  pullsecret check .\n  pullsecret check clusters/ apps/pull-secret.yaml\n  kustomize build overlays/prod | pullsecret check -\n  pullsecret check . --format=sarif > pullsecret.sarif\n  pullsecret check . --format=github   # annotations in a GitHub Actions run\n  pullsecret check . --now=2026-01-02T00:00:00Z --expiry-window=30d\n\nExit status: 0 no error (warnings allowed); 1 errors; 2 usage, or a path that cannot be read."
    )]
    Check(CheckArgs),
    /// Why a pod cannot pull: each image of a Pod (or workload), with its ServiceAccount,
    /// Secrets and events, answered in plain words with the fix.
    #[command(
        long_about = "Why a pod cannot pull. Give the Pod (or its Deployment, Job, …), its ServiceAccount and its pull Secrets (one YAML stream, several files, or stdin), and optionally the pod's events (--events: the output of kubectl describe pod). For each image: the entry kubelet sends (searched over every pull secret the pod gets, as kubelet's keyring does), or why none is sent (a key for another path, a Secret in another namespace or of a type kubelet skips, one broken entry that fails every pull), what the registry answered according to the events (401, denied, not found, rate limit, TLS, network), and the fix. No network: nothing is sent anywhere.",
        after_help = "Examples:\n  kubectl get pod app -o yaml > pod.yaml; kubectl get secret regcred -o yaml > secret.yaml\n  kubectl describe pod app > events.txt\n  pullsecret explain pod.yaml secret.yaml --events events.txt\n  pullsecret explain deploy.yaml -n web -o json\n\nExit status: 0 every image pulls (or may, anonymously); 1 a pull fails, the events show a failure, or the input cannot be read; 2 usage, or no workload in the input."
    )]
    Explain(ExplainArgs),
    /// Repair what is safely repairable in files, directories (walked) or stdin, keeping every
    /// other byte.
    #[command(
        long_about = "Repair what `validate` finds and can safely repair, keeping every other byte of each file: a byte-order mark; an `auth` without its `=` padding or in the URL-safe alphabet; the line break `echo` leaves at the end of a password; a missing `auth` (from `username`/`password`); legacy content under `.dockerconfigjson` (wrapped in `auths`); empty placeholder entries (`{}`); a Secret value encoded twice, or base64 wrapped or unpadded. Inside a Secret the config is repaired and written back as the Secret held it (base64 in the value's quotes, a `stringData` block with its indentation). Nothing ambiguous is touched (an `auth` disagreeing with the fields, duplicate keys): those findings stay for `validate`.\n\nPATHs are files, directories (walked as `check` walks them) and `-` (stdin: the repaired text goes to stdout). Files are written atomically, keeping their mode; a path that cannot be read is named on stderr and the others are still repaired. --dry-run writes nothing and prints a unified diff instead; the changed lines hold credentials, as the files do.",
        after_help = "Examples:\n  pullsecret fix config.json\n  pullsecret fix clusters/ --dry-run      # the diff; exit 1 when a file would change\n  pullsecret fix secret.yaml --code=auth-unpadded --code=bom\n  kubectl get secret regcred -o yaml | pullsecret fix - > fixed.yaml\n\nExit status: 0 done (also when nothing needed repair); 1 with --dry-run when a file would change, or when a file could not be written; 2 usage, or a path that cannot be read."
    )]
    Fix(FixArgs),
    /// Are the credentials still good? Ask each registry, up to the point of authorisation
    /// (online, opt-in).
    #[command(
        long_about = "Ask each registry whether the file's credentials still work: what the client does on a pull, up to the point of authorisation, and no further (no layer is fetched). Without --image every entry is checked with a login (GET /v2/, then the credentials as Basic or a token request); with --image, the entry the client uses for that image (the `lookup` answer), up to a HEAD of the image's manifest with the repository's pull scope. An `identitytoken` is sent as the OAuth2 refresh token, as docker and podman do.\n\nEach credential gets one answer: ok, ok-anonymous (no credentials needed), unauthorized (wrong, revoked or expired), denied (logged in, no pull access), not-found, unreachable (DNS, TLS, timeout), unusable (the client cannot read the entry: see `validate`) or skipped (no credentials, a credential helper).\n\nSafe by construction: HTTPS with the system's roots (plus --ca-file); plain HTTP and unverified TLS only with --insecure; credentials go only to the registry's own host and the token service it names, never along a redirect to another host; at most 3 requests per credential, a timeout per request, 8 registries at a time. Nothing is sent by any other command.",
        after_help = "Examples:\n  pullsecret verify pull-secret.json\n  pullsecret verify config.json --image quay.io/org/app:1.2 --client containers\n  pullsecret verify secret.yaml --image registry.local:5000/app:v1 --ca-file ca.crt -o json\n\nExit status: 0 every checked credential works; 1 one does not (or a file cannot be read by the client); 2 usage."
    )]
    Verify(VerifyArgs),
    /// Which entry each client uses to pull IMAGE, in the order it tries them.
    #[command(
        long_about = "Which entry each client (kubelet, containers/image, docker) uses to pull IMAGE (nginx, quay.io/org/app:1.2, host:5000/app@sha256:...), in the order it tries them, and the rule that matched.",
        after_help = "Examples:\n  pullsecret lookup quay.io/org/app:1.2 config.json\n  pullsecret lookup nginx pull-secret.yaml --client=kubelet -o json\n\nExit status: 1 when a client fails outright."
    )]
    Lookup(LookupArgs),
    /// Print the credentials as JSON (this output contains the secrets).
    #[command(
        after_help = "Examples:\n  pullsecret parse config.json\n  kubectl get secret regcred -o yaml | pullsecret parse -"
    )]
    Parse(ParseArgs),
    /// Print a pull Secret exactly as `kubectl create secret … --dry-run=client` does.
    Create(CreateArgs),
    /// Write the credentials as podman's auth.json, Docker's config.json, a .dockercfg, rkt,
    /// Butane or Mesos files.
    #[command(
        long_about = "Write the credentials as podman's auth.json, Docker's config.json, a legacy .dockercfg, rkt auth.d files, a Flatcar Butane config or the Mesos docker.tar.gz. What the target cannot hold (or spells differently) is listed on stderr.\n\nFiles are written atomically, mode 0600; several files (rkt, butane --source) need -o DIR. The binary mesos archive is never written to a terminal.",
        after_help = "Examples:\n  pullsecret convert config.json --to=auth.json -o auth.json\n  pullsecret convert pull-secret.json --to=rkt -o /etc/rkt/auth.d/\n  pullsecret convert config.json --to=mesos -o docker.tar.gz\n\nExit status: 1 when no entry can be expressed in the target."
    )]
    Convert(ConvertArgs),
    /// Add or replace a registry's entry in FILE, offline, like `oc registry login --skip-check`.
    #[command(
        long_about = "Add or replace R's entry in FILE (created if missing), offline, like 'oc registry login --skip-check'. The password may contain ':' (split at the first). Every other byte of FILE is kept; --style=podman writes exactly what podman writes instead.",
        after_help = "Examples:\n  pullsecret login --registry=quay.io --auth-basic=\"$USER:$TOKEN\" --to=config.json\n  echo \"$TOKEN\" | pullsecret login --registry=quay.io -u robot --password-stdin --to=auth.json\n\nFiles are written atomically (a temporary file in the same directory, then a rename), mode 0600."
    )]
    Login(LoginArgs),
    /// Remove a registry's entry from FILE.
    #[command(
        after_help = "Examples:\n  pullsecret logout --registry=quay.io config.json\n  pullsecret logout --registry=docker.io --aliases config.json\n\nExit status: 1 when no key names the registry."
    )]
    Logout(LogoutArgs),
    /// Merge configs into the first one's layout; conflicts are reported on stderr.
    #[command(
        long_about = "Merge configs into the first one's layout; conflicts (found under normalised registry names) are reported on stderr. Without -o the result goes to stdout.",
        after_help = "Examples:\n  pullsecret merge pull-secret.json ~/.docker/config.json -o merged.json\n  pullsecret merge a.json b.json --on-conflict=error"
    )]
    Merge(MergeArgs),
    /// The ServiceAccount after `oc secrets link` (print only).
    #[command(
        long_about = "The ServiceAccount after 'oc secrets link' (default --for=mount, as oc), from the object 'oc get sa NAME -o yaml' printed (-f) or a new one. --patch: the merge patch for 'kubectl patch serviceaccount NAME -p'; --print-command: that whole command. Nothing is sent to a cluster.",
        after_help = "Examples:\n  pullsecret link default regcred --for=pull -n apps\n  oc get sa builder -o yaml | pullsecret link builder regcred --for=pull,mount -f -"
    )]
    Link(LinkArgs),
    /// The RoleBinding of `oc policy add-role-to-user system:image-puller` (print only).
    #[command(
        name = "grant-pull",
        long_about = "The RoleBinding of 'oc policy add-role-to-user system:image-puller system:serviceaccount:A:SA --namespace=B' (--group: add-role-to-group system:serviceaccounts:A). Nothing is sent to a cluster.",
        after_help = "Examples:\n  pullsecret grant-pull --from-namespace=ci --namespace=apps --serviceaccount=default\n  pullsecret grant-pull --from-namespace=ci --namespace=apps --group --print-command"
    )]
    GrantPull(GrantPullArgs),
    /// A Pod manifest with imagePullSecrets.
    #[command(
        after_help = "Example:\n  pullsecret pod test --image=quay.io/org/app:1.2 --secret=regcred -n apps"
    )]
    Pod(WorkloadArgs),
    /// An Argo Workflow manifest with imagePullSecrets.
    #[command(
        after_help = "Example:\n  pullsecret workflow --generate-name=build- --secret=regcred --image=quay.io/org/builder"
    )]
    Workflow(WorkloadArgs),
    /// The two Secrets of a registry that delegates authentication.
    #[command(
        name = "delegated-auth",
        long_about = "The two Secrets of a registry that delegates authentication, as two 'kubectl create secret docker-registry' would print them.",
        after_help = "Example:\n  pullsecret delegated-auth --auth-server=auth.example.com --registry=registry.example.com \\\n    --username=u --password=p --auth-secret-name=auth --registry-secret-name=pull"
    )]
    DelegatedAuth(DelegatedAuthArgs),
    /// Add or replace logins in the OpenShift global pull secret.
    #[command(
        name = "global-pull-secret",
        long_about = "Add or replace logins in the OpenShift global pull secret: --from is its config file or the pasted 'oc get secret/pull-secret -n openshift-config -o yaml'. Prints the updated Secret (or the new .dockerconfigjson, or the 'oc set data' command); --to writes the new config to FILE (0600, atomically), as 'oc registry login --to=FILE' does. --hypershift: kube-system/additional-pull-secret of a hosted cluster (--from optional). --style=podman: the bytes 'oc registry login' writes (other entries lose email); the default keeps every other byte.",
        after_help = "Examples:\n  oc get secret/pull-secret -n openshift-config -o yaml | \\\n    pullsecret global-pull-secret --from=- --registry=quay.io --auth-basic=\"$USER:$TOKEN\"\n  pullsecret global-pull-secret --from=pull.json --registry=a.io --auth-basic=u:p \\\n    --registry=b.io --auth-basic=v:q --to=pull.json --print=command"
    )]
    GlobalPullSecret(GlobalPullSecretArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  pullsecret completion bash > /etc/bash_completion.d/pullsecret\n  pullsecret completion zsh > \"${fpath[1]}/_pullsecret\"\n  pullsecret completion fish > ~/.config/fish/completions/pullsecret.fish"
    )]
    Completion {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `-o text|json` of the reading commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

/// `-o yaml|json` of the object printers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum YamlOrJson {
    Yaml,
    Json,
}

/// `--format` of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A headline per file, its findings, a summary.
    Text,
    /// One document: {schemaVersion, files, summary} (docs/schemas/check.schema.json).
    Json,
    /// GitHub Actions workflow commands (::error file=…,line=…::).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: a test suite per file, a test case per object.
    Junit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (walked) and `-` (stdin); default `.`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format (`-o` as for `validate`).
    #[arg(
        short = 'o',
        long,
        visible_alias = "output",
        value_enum,
        default_value = "text",
        allow_hyphen_values = true
    )]
    pub format: CheckFormat,
    /// Print only the files that fail (text), only errors (github).
    #[arg(short, long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub quiet: bool,
    /// Also print the files without a pull secret, every file's details and the routine infos.
    #[arg(short, long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub verbose: bool,
    /// The namespace of objects without metadata.namespace (as `kubectl apply -n`); default
    /// `default`, or the config file's `namespace`.
    #[arg(short, long, value_name = "NAMESPACE")]
    pub namespace: Option<String>,
    /// Make a pull secret that is in none of the files, and an anonymous pull, errors (for
    /// repositories that hold every Secret and only private images); default false, or the
    /// config file's `strict`.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub strict: Option<bool>,
    /// The config file (default: `.pullsecret.yaml` in the current directory or the nearest
    /// parent, up to the git root).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<String>,
    /// Read no config file.
    #[arg(long)]
    pub no_config: bool,
    /// Set a rule's level: CODE=off, info, warning or error (repeatable; wins over the config
    /// file).
    #[arg(long = "rule", value_name = "CODE=LEVEL")]
    pub rules: Vec<String>,
    /// Leave out the findings recorded in FILE (written by --write-baseline): only new findings
    /// count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record today's errors and warnings in FILE (fingerprints, never a secret), for --baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
    #[command(flatten)]
    pub expiry: ExpiryFlags,
}

/// The time tokens' expiry is checked against (`validate`, `check`).
#[derive(Debug, Args)]
pub struct ExpiryFlags {
    /// Check tokens' expiry (JWT `exp`, Amazon ECR) as at TIME instead of the system clock:
    /// RFC 3339 (2026-01-02T03:04:05Z) or seconds since the Unix epoch.
    #[arg(long, value_name = "TIME", value_parser = crate::time::parse_now)]
    pub now: Option<i64>,
    /// Warn about tokens that expire within DURATION: 7d, 12h, 30m, 3600s or seconds.
    #[arg(long, value_name = "DURATION", default_value = "7d", value_parser = crate::time::parse_duration)]
    pub expiry_window: i64,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The file to check; `-` (or nothing, with piped input) reads stdin. Several FILEs are each
    /// checked and summed up (directories: `pullsecret check`).
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// Output format.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "text",
        allow_hyphen_values = true
    )]
    pub output: TextOrJson,
    /// Also print the routine infos the text output hides (email-deprecated: every file the
    /// OpenShift installer and console write has them); -o json has all.
    #[arg(short, long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub verbose: bool,
    #[command(flatten)]
    pub expiry: ExpiryFlags,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files, directories (walked) and `-` (stdin).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Write nothing: print a unified diff of each file that would change (exit 1 when one would).
    #[arg(long)]
    pub dry_run: bool,
    /// Only the repairs of this code (repeatable, or comma-separated; default: every repair).
    #[arg(long = "code", value_name = "CODE", value_delimiter = ',')]
    pub codes: Vec<String>,
    /// Output format of the list of repairs.
    #[arg(short, long, value_enum, default_value = "text")]
    pub output: TextOrJson,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The Pod (or workload), its ServiceAccount and pull Secrets; `-` (or nothing, with piped
    /// input) reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// The pod's events: the output of `kubectl describe pod` (or `kubectl get events`); `-`
    /// reads stdin.
    #[arg(long, value_name = "FILE")]
    pub events: Option<String>,
    /// The namespace of objects without metadata.namespace.
    #[arg(short, long, default_value = "default", value_name = "NAMESPACE")]
    pub namespace: String,
    /// Output format.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "text",
        allow_hyphen_values = true
    )]
    pub output: TextOrJson,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Configs or Secrets; `-` reads stdin.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// Check the entry the client uses for IMAGE (repeatable), up to its manifest.
    #[arg(long = "image", value_name = "IMAGE", allow_hyphen_values = true)]
    pub images: Vec<String>,
    /// Whose reading of the file: kubelet, containers (podman, CRI-O, skopeo) or docker.
    #[arg(long, default_value = "kubelet", value_parser = ["kubelet", "containers", "docker"], allow_hyphen_values = true)]
    pub client: String,
    /// Allow plain HTTP and TLS without verification (docker's insecure registries).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub insecure: bool,
    /// Trust the certificates of this PEM file beside the system's roots.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<String>,
    /// Per request: 5s, 500ms, 1m or seconds.
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = crate::time::parse_timeout_ms)]
    pub timeout: u32,
    /// Output format.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "text",
        allow_hyphen_values = true
    )]
    pub output: TextOrJson,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The image reference: nginx, quay.io/org/app:1.2, host:5000/app@sha256:...
    pub image: String,
    /// The config or Secret; `-` (or nothing, with piped input) reads stdin.
    pub file: Option<String>,
    /// Which client's rules: kubelet, containers (podman, CRI-O, skopeo), docker, or all.
    #[arg(long, default_value = "all", value_parser = ["kubelet", "containers", "docker", "all"], allow_hyphen_values = true)]
    pub client: String,
    /// Output format.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "text",
        allow_hyphen_values = true
    )]
    pub output: TextOrJson,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The config or Secret; `-` (or nothing, with piped input) reads stdin.
    pub file: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_required = true,
    after_help = "Examples:\n  pullsecret create secret docker-registry regcred --docker-server=quay.io \\\n    --docker-username=u --docker-password=p\n  pullsecret create secret docker-registry regcred --from-file=.dockerconfigjson=config.json \\\n    -n apps -o json"
)]
pub struct CreateArgs {
    #[command(subcommand)]
    pub what: CreateWhat,
}

#[derive(Debug, Subcommand)]
pub enum CreateWhat {
    /// A Secret, as `kubectl create secret`.
    Secret {
        #[command(subcommand)]
        kind: SecretKind,
    },
}

#[derive(Debug, Subcommand)]
pub enum SecretKind {
    /// Print the Secret exactly as `kubectl create secret docker-registry NAME --dry-run=client`.
    #[command(
        name = "docker-registry",
        after_help = "Examples:\n  pullsecret create secret docker-registry regcred --docker-server=quay.io \\\n    --docker-username=u --docker-password=p\n  pullsecret create secret docker-registry regcred --from-file=config.json --append-hash -o name\n  pullsecret create secret docker-registry regcred --docker-username=u --docker-password=p \\\n    -l app=web --kubectl-version=1.33"
    )]
    DockerRegistry(SecretArgs),
    /// The same, as `kubectl create secret generic NAME --type=kubernetes.io/dockerconfigjson`
    /// makes it (also --type=kubernetes.io/dockercfg --from-file=.dockercfg=FILE).
    #[command(
        after_help = "Example:\n  pullsecret create secret generic regcred --type=kubernetes.io/dockerconfigjson \\\n    --from-file=.dockerconfigjson=config.json"
    )]
    Generic(SecretArgs),
    /// Any other kind of Secret (tls, ...): refused with the list of what pullsecret makes.
    #[command(external_subcommand)]
    #[allow(dead_code)] // the kind is refused whatever it is
    Other(Vec<String>),
}

#[derive(Debug, Args)]
pub struct SecretArgs {
    /// The Secret's name.
    pub name: Option<String>,
    /// Registry key (default https://index.docker.io/v1/).
    #[arg(long, value_name = "SERVER", allow_hyphen_values = true)]
    pub docker_server: Option<String>,
    /// Username for the registry.
    #[arg(long, value_name = "USER", allow_hyphen_values = true)]
    pub docker_username: Option<String>,
    /// Password for the registry.
    #[arg(long, value_name = "PASS", allow_hyphen_values = true)]
    pub docker_password: Option<String>,
    /// Email (deprecated: no registry reads it).
    #[arg(long, value_name = "EMAIL", allow_hyphen_values = true)]
    pub docker_email: Option<String>,
    /// Wrap an existing config file instead: [KEY=]FILE (one).
    #[arg(long, value_name = "[KEY=]FILE", value_delimiter = ',', action = ArgAction::Append, allow_hyphen_values = true)]
    pub from_file: Vec<String>,
    /// generic: kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg.
    #[arg(long = "type", value_name = "TYPE", allow_hyphen_values = true)]
    pub secret_type: Option<String>,
    /// metadata.namespace.
    #[arg(short, long, value_name = "NS", allow_hyphen_values = true)]
    pub namespace: Option<String>,
    /// Output format: yaml, json or name.
    #[arg(short, long, default_value = "yaml", allow_hyphen_values = true)]
    pub output: String,
    /// Append kubectl's hash of the content to the name.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub append_hash: bool,
    /// Labels, as `kubectl label --local` adds them: K=V[,K=V].
    #[arg(short, long, value_name = "K=V", value_delimiter = ',', action = ArgAction::Append, allow_hyphen_values = true)]
    pub labels: Vec<String>,
    /// An annotation, as `kubectl annotate --local` adds it: K=V (repeatable).
    #[arg(long, value_name = "K=V", action = ArgAction::Append, allow_hyphen_values = true)]
    pub annotations: Vec<String>,
    /// Accepted for kubectl's lines: pullsecret never contacts a cluster (only `client`).
    #[arg(long, value_name = "client", num_args = 0..=1, require_equals = true, default_missing_value = "client")]
    pub dry_run: Option<String>,
    #[command(flatten)]
    pub kubectl: KubectlVersion,
}

/// `--kubectl-version`: which kubectl's bytes to print.
#[derive(Debug, Args)]
pub struct KubectlVersion {
    /// Print as that kubectl prints (1.33 and older write `creationTimestamp: null`).
    #[arg(
        long = "kubectl-version",
        value_name = "1.34",
        allow_hyphen_values = true
    )]
    pub version: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The config or Secret; `-` (or nothing, with piped input) reads stdin.
    pub file: Option<String>,
    /// The target format.
    #[arg(long, value_parser = ["auth.json", "config.json", "dockercfg", "rkt", "butane", "mesos"], allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Write to FILE (or DIR for several files) instead of stdout.
    #[arg(short, long, value_name = "FILE|DIR", allow_hyphen_values = true)]
    pub output: Option<String>,
    /// butane: fetch the config from URL (verification.hash sha512) instead of inline.
    #[arg(long, value_name = "URL", allow_hyphen_values = true)]
    pub source: Option<String>,
    /// mesos: the archive's URI in the uris/fetch snippets (default file:///etc/docker.tar.gz).
    #[arg(long, value_name = "URI", allow_hyphen_values = true)]
    pub uri: Option<String>,
}

/// `--style` of the editing commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Style {
    /// Keep every other byte of the file.
    Preserve,
    /// Write exactly what podman writes.
    Podman,
}

impl Style {
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Preserve => "preserve",
            Style::Podman => "podman",
        }
    }
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The registry (its key in the file).
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    pub registry: Option<String>,
    /// USER:PASS (split at the first ':').
    #[arg(long, value_name = "USER:PASS", allow_hyphen_values = true)]
    pub auth_basic: Option<String>,
    /// The username, with --password-stdin.
    #[arg(short = 'u', long, value_name = "USER", allow_hyphen_values = true)]
    pub username: Option<String>,
    /// Read the password from stdin (every line, joined without line breaks, as podman).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub password_stdin: bool,
    /// Email (deprecated).
    #[arg(long, value_name = "E", allow_hyphen_values = true)]
    pub email: Option<String>,
    /// The file to edit (default $REGISTRY_AUTH_FILE).
    #[arg(short = 'a', long, value_name = "FILE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// preserve (every other byte kept) or podman (podman's bytes).
    #[arg(
        long,
        value_enum,
        default_value = "preserve",
        allow_hyphen_values = true
    )]
    pub style: Style,
    /// No arguments are taken: this catches a stray one.
    #[arg(hide = true)]
    pub stray: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The file to edit.
    pub file: Vec<String>,
    /// The registry to remove.
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    pub registry: Option<String>,
    /// Remove every key naming the same registry.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub aliases: bool,
    /// The file to edit (instead of FILE).
    #[arg(short = 'a', long, value_name = "FILE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// preserve (every other byte kept) or podman (podman's bytes).
    #[arg(
        long,
        value_enum,
        default_value = "preserve",
        allow_hyphen_values = true
    )]
    pub style: Style,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The configs; the first one's layout is kept.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Write the result to OUT (atomically, 0600) instead of stdout.
    #[arg(short, long, value_name = "OUT", allow_hyphen_values = true)]
    pub output: Option<String>,
    /// Which entry wins a conflict.
    #[arg(long, default_value = "last", value_parser = ["last", "first", "error"], allow_hyphen_values = true)]
    pub on_conflict: String,
    /// preserve (the first file's layout) or podman (podman's bytes).
    #[arg(
        long,
        value_enum,
        default_value = "preserve",
        allow_hyphen_values = true
    )]
    pub style: Style,
}

/// What the object printers share.
#[derive(Debug, Args)]
pub struct ObjectFlags {
    /// metadata.namespace.
    #[arg(short, long, value_name = "NS", allow_hyphen_values = true)]
    pub namespace: Option<String>,
    /// Output format.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "yaml",
        allow_hyphen_values = true
    )]
    pub output: YamlOrJson,
    #[command(flatten)]
    pub kubectl: KubectlVersion,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// SERVICEACCOUNT SECRET...
    #[arg(required = true, num_args = 2.., value_name = "SERVICEACCOUNT SECRET")]
    pub names: Vec<String>,
    /// pull, mount or pull,mount (default mount, as oc).
    #[arg(long = "for", default_value = "mount", allow_hyphen_values = true)]
    pub for_: String,
    /// The ServiceAccount as `oc get sa NAME -o yaml` prints it (`-` for stdin).
    #[arg(short = 'f', long, value_name = "SA.yaml", allow_hyphen_values = true)]
    pub filename: Option<String>,
    /// Print the merge patch for `kubectl patch serviceaccount NAME -p`.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub patch: bool,
    /// Print the whole `kubectl patch` command.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub print_command: bool,
    #[command(flatten)]
    pub object: ObjectFlags,
}

#[derive(Debug, Args)]
pub struct GrantPullArgs {
    /// The namespace whose service account (or group) may pull.
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    pub from_namespace: Option<String>,
    /// The service account in --from-namespace.
    #[arg(short = 'z', long, value_name = "SA", allow_hyphen_values = true)]
    pub serviceaccount: Option<String>,
    /// Grant every service account of --from-namespace (system:serviceaccounts:A).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub group: bool,
    /// The RoleBinding's name.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub rolebinding_name: Option<String>,
    /// The ClusterRole (default system:image-puller).
    #[arg(long, value_name = "ROLE", allow_hyphen_values = true)]
    pub role: Option<String>,
    /// Print the `oc policy` command instead.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub print_command: bool,
    #[command(flatten)]
    pub object: ObjectFlags,
    /// No arguments are taken: this catches a stray one.
    #[arg(hide = true)]
    pub stray: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WorkloadArgs {
    /// The object's name (or --name).
    pub name_arg: Option<String>,
    /// The object's name.
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub name: Option<String>,
    /// metadata.generateName.
    #[arg(long, value_name = "PREFIX", allow_hyphen_values = true)]
    pub generate_name: Option<String>,
    /// The container image.
    #[arg(long, value_name = "IMAGE", allow_hyphen_values = true)]
    pub image: Option<String>,
    /// The container's name.
    #[arg(long, value_name = "C", allow_hyphen_values = true)]
    pub container: Option<String>,
    /// imagePullSecrets: S[,S2].
    #[arg(long, value_name = "S[,S2]", allow_hyphen_values = true)]
    pub secret: Option<String>,
    #[command(flatten)]
    pub object: ObjectFlags,
}

#[derive(Debug, Args)]
pub struct DelegatedAuthArgs {
    /// The auth server's host.
    #[arg(long, value_name = "HOST", allow_hyphen_values = true)]
    pub auth_server: Option<String>,
    /// The registry's host.
    #[arg(long, value_name = "HOST", allow_hyphen_values = true)]
    pub registry: Option<String>,
    /// The username.
    #[arg(long, value_name = "U", allow_hyphen_values = true)]
    pub username: Option<String>,
    /// The password.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    pub password: Option<String>,
    /// Email (deprecated).
    #[arg(long, value_name = "E", allow_hyphen_values = true)]
    pub email: Option<String>,
    /// The auth server's Secret.
    #[arg(long, value_name = "N1", allow_hyphen_values = true)]
    pub auth_secret_name: Option<String>,
    /// The registry's Secret.
    #[arg(long, value_name = "N2", allow_hyphen_values = true)]
    pub registry_secret_name: Option<String>,
    #[command(flatten)]
    pub object: ObjectFlags,
    /// No arguments are taken: this catches a stray one.
    #[arg(hide = true)]
    pub stray: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GlobalPullSecretArgs {
    /// The current pull secret: its config, or the Secret as `oc get … -o yaml` prints it (`-`: stdin).
    #[arg(long, value_name = "FILE|-", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// A registry to log in to; each is followed by its --auth-basic (repeatable).
    #[arg(long, value_name = "R", action = ArgAction::Append, allow_hyphen_values = true)]
    pub registry: Vec<String>,
    /// USER:PASSWORD for the --registry before it.
    #[arg(long, value_name = "USER:PASSWORD", action = ArgAction::Append, allow_hyphen_values = true)]
    pub auth_basic: Vec<String>,
    /// kube-system/additional-pull-secret of a HyperShift hosted cluster.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value = "false", hide_default_value = true, value_name = "BOOL", value_parser = go_bool, action = ArgAction::Set)]
    pub hypershift: bool,
    /// preserve (every other byte kept) or podman (the bytes `oc registry login` writes).
    #[arg(long, value_enum, allow_hyphen_values = true)]
    pub style: Option<Style>,
    /// Also write the new config to FILE (0600, atomically).
    #[arg(long, value_name = "FILE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// What to print.
    #[arg(long, default_value = "secret", value_parser = ["secret", "config", "command"], allow_hyphen_values = true)]
    pub print: String,
    /// Output format of the Secret.
    #[arg(
        short,
        long,
        value_enum,
        default_value = "yaml",
        allow_hyphen_values = true
    )]
    pub output: YamlOrJson,
    #[command(flatten)]
    pub kubectl: KubectlVersion,
    /// No arguments are taken: this catches a stray one.
    #[arg(hide = true)]
    pub stray: Vec<String>,
}
