//! The catalogue: every diagnostic code pullsecret can emit, each defined once, here.
//!
//! Why this module exists: a code is a promise to users (a stable name they can search for,
//! filter on and read about), so what it means lives next to its name, the way ruff documents
//! each rule beside its implementation (`## What it does / ## Why is this bad? / ## Example`)
//! and oxc gives each diagnostic a code, a message, labels and a `help`. One entry holds:
//!
//! - the stable kebab-case name and the default [`Severity`] (and, in words, where the checks
//!   raise or lower it);
//! - the clients it affects (kubelet, containers/image, docker), in words;
//! - what it means (one line), why clients fail (their behaviour, with the upstream source the
//!   rule was read from, as recorded in the team's `auth-semantics.md`), an example input, and
//!   the fix: the `help` every [`Diagnostic`](super::Diagnostic) with this code carries unless
//!   its call site knows a more specific one.
//!
//! `docs/diagnostics.md` is generated from this table (`crates/pullsecret/tests/docs.rs` renders
//! it, fails when the committed page is stale, and rewrites it with `UPDATE_DOCS=1`); the same
//! test runs every example input through `validate`, checks that it raises its code, and prints
//! under the example the verdict each client gets from the rules (for the entry the finding
//! points at, else the object's client summary) and whether the clients disagree. So the page's
//! per-client outcome cannot drift from the rules; `clients` here is the general statement in
//! words, kept for what one example's verdicts cannot show (what is sent, how keys match, the
//! API server), and for the examples that are only described.
//!
//! Every text here is a fixed string: none can hold a credential.
//!
//! May use: the rest of the `diagnostics` layer ([`Severity`]); nothing above it.

use super::diagnostic::Severity;

/// An example for a code's documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    /// An input that raises the code (the docs test runs it through `validate`).
    Input(&'static str),
    /// An input too large to show, described in words.
    Described(&'static str),
}

macro_rules! catalog {
    (@context) => { None };
    (@context $c:literal) => { Some($c) };
    ($(
        family $family:ident ($family_title:literal) {
            $(
                $variant:ident {
                    name: $name:literal,
                    severity: $sev:ident $(($context:literal))?,
                    clients: $clients:literal,
                    summary: $summary:literal,
                    why: $why:literal,
                    example: $example_kind:ident($example:literal),
                    help: $help:literal $(,)?
                }
            )*
        }
    )*) => {
        /// The families the codes are grouped in (as ruff groups rules), in documentation order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Family { $($family),* }

        impl Family {
            /// All families, in documentation order.
            pub const ALL: &'static [Family] = &[$(Family::$family),*];

            /// The family's heading in the docs.
            pub fn title(self) -> &'static str {
                match self { $(Family::$family => $family_title),* }
            }
        }

        /// Every diagnostic pullsecret can emit. The string form ([`Code::as_str`]) is stable
        /// API; what each code means is in its documentation and in `docs/diagnostics.md`.
        /// `Serialize` writes the stable name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum Code {
            $($(
                #[doc = concat!("`", $name, "`: ", $summary, "\n\n", $why, "\n\nFix: ", $help)]
                #[serde(rename = $name)]
                $variant,
            )*)*
        }

        // One `match` per field rather than one table of structs: a build that uses only the
        // names, severities and help texts (the wasm package) links none of the longer docs.
        impl Code {
            /// All codes, in documentation order (family by family).
            pub const ALL: &'static [Code] = &[$($(Code::$variant),*),*];

            /// The stable kebab-case name, e.g. `auth-not-base64`.
            pub fn as_str(self) -> &'static str {
                match self { $($(Code::$variant => $name,)*)* }
            }

            /// The code with this name.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($($name => Some(Code::$variant),)*)* _ => None }
            }

            /// The usual severity (a few checks raise or lower it by context: see
            /// [`severity_in_context`](Self::severity_in_context)).
            pub fn default_severity(self) -> Severity {
                match self { $($(Code::$variant => Severity::$sev,)*)* }
            }

            /// Where the severity differs from the default, in words (`"error in a Secret"`).
            pub fn severity_in_context(self) -> Option<&'static str> {
                match self { $($(Code::$variant => catalog!(@context $($context)?),)*)* }
            }

            /// The family the code belongs to.
            pub fn family(self) -> Family {
                match self { $($(Code::$variant => Family::$family,)*)* }
            }

            /// What kubelet, containers/image and docker do, in words.
            pub fn clients(self) -> &'static str {
                match self { $($(Code::$variant => $clients,)*)* }
            }

            /// One line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self { $($(Code::$variant => $summary,)*)* }
            }

            /// Why clients fail or surprise: their behaviour, with the source of the rule.
            pub fn why(self) -> &'static str {
                match self { $($(Code::$variant => $why,)*)* }
            }

            /// An example that raises the code.
            pub fn example(self) -> Example {
                match self { $($(Code::$variant => Example::$example_kind($example),)*)* }
            }

            /// How to fix it: the `help` of a [`Diagnostic`](super::Diagnostic) with this code,
            /// unless its call site gives a more specific one.
            pub fn help(self) -> &'static str {
                match self { $($(Code::$variant => $help,)*)* }
            }
        }
    };
}

catalog! {
    family Input ("Reading the input") {
        EmptyInput {
            name: "empty-input",
            severity: Error,
            clients: "kubelet, API server, containers/image: the file fails; docker: no credentials",
            summary: "The input is empty or only whitespace.",
            why: "Go's `json.Unmarshal` (kubelet's `pkg/credentialprovider`, the API server's `ValidateSecret`, containers/image's `authPath.parse`) rejects an empty document with `unexpected end of JSON input`. docker/cli decodes its config with `json.NewDecoder` and reads an empty file as a config without credentials.",
            example: Input(""),
            help: "Give the file content.",
        }
        Bom {
            name: "bom",
            severity: Error("info before a manifest: a Secret, a stream or a List, which kubectl and kustomize read past the mark"),
            clients: "kubelet, API server, containers/image: the file fails; docker: warns and pulls anonymously",
            summary: "The text starts with a UTF-8 byte-order mark, which Go's JSON decoder (kubelet, API server, podman) rejects in a config file; before a manifest kubectl and kustomize skip it.",
            why: "Go's `encoding/json` does not skip a byte-order mark: `json.Unmarshal` fails with `invalid character 'ï' looking for beginning of value` (podman and skopeo print exactly that, `docs/e2e-results.md`), and docker cannot load the config either, so it pulls without credentials. Windows editors and PowerShell's `Out-File -Encoding utf8` write the mark. A manifest is different: kubectl (`YAMLOrJSONDecoder`) and kustomize decode YAML and JSON with go-yaml, which skips the mark, so a Secret, a stream or a List with one applies as without it (checked with `kubectl label --local -f` and `kubectl kustomize`, kubectl 1.32); `jq` and other JSON tools still fail on it.",
            example: Input("\u{feff}{\"auths\":{}}"),
            help: "Save the file as UTF-8 without BOM.",
        }
        Utf16 {
            name: "utf16",
            severity: Error("a warning for a manifest with a byte-order mark, which kubectl and kustomize decode: its objects are checked as decoded"),
            clients: "all: the file fails (docker warns and pulls anonymously)",
            summary: "The text is UTF-16 (with or without a byte-order mark): no client reads a config file in it, every Go client expects UTF-8; kubectl and kustomize decode a manifest that starts with the mark.",
            why: "Windows PowerShell 5's `>` and `Out-File` write UTF-16 LE with a BOM. Go's `encoding/json` reads bytes as UTF-8, so the first byte (`0xFF`, or the NUL beside each ASCII character) is an `invalid character` and kubelet, the API server, podman and docker all fail to read the file. Read as UTF-8 text, such a file shows as `U+FFFD U+FFFD` (the BOM) followed by NUL-interleaved characters. A manifest is read otherwise: kubectl and kustomize decode YAML (and JSON, which kubectl then reads as YAML) with go-yaml, which decodes UTF-16 after a byte-order mark, so `kubectl apply` of a Secret saved by PowerShell works (checked with `kubectl label --local -f` and `kubectl kustomize`, kubectl 1.32; without the mark both fail on the NULs). pullsecret then reads the objects decoded, with this code as a warning: git shows such a file as binary, without a diff, and most other tools read UTF-8 only.",
            example: Input("\u{fffd}\u{fffd}{\0\"\0a\0u\0t\0h\0s\0\"\0:\0{\0}\0}\0"),
            help: "Save the file as UTF-8 without BOM: `iconv -f UTF-16 -t UTF-8 in.json > out.json`, or in PowerShell `Get-Content in.json | Set-Content -Encoding ascii out.json` (PowerShell 7: `-Encoding utf8NoBOM`).",
        }
        JsonSyntax {
            name: "json-syntax",
            severity: Error,
            clients: "all: the whole file fails (docker ignores data after the first value)",
            summary: "The text is not valid JSON.",
            why: "Every client decodes the file with Go's `encoding/json`, so a syntax error fails the whole file, not only the entry it sits in. Data after the JSON value is rejected by `json.Unmarshal` (kubelet, API server, containers/image) but ignored by docker/cli, which reads only the first value (`LoadFromReader` uses `json.NewDecoder`).",
            example: Input(r#"{"auths":{"r":{"auth":"dTpw",}}}"#),
            help: "Fix the JSON at the reported position.",
        }
        YamlSyntax {
            name: "yaml-syntax",
            severity: Error,
            clients: "kubectl, API server",
            summary: "The text is not valid YAML (or uses YAML features a Secret does not need).",
            why: "A Secret manifest goes through kubectl (`sigs.k8s.io/yaml` converts the YAML to JSON) before the API server sees it: text it cannot parse never reaches the cluster. pullsecret reads YAML as go-yaml v2 does for `sigs.k8s.io/yaml`: aliases (`*a`) are copies of their anchor and merge keys (`<<`) merge, within a budget of four times the text (go-yaml refuses excessive aliasing too); complex keys (`? k`) are refused.",
            example: Input("data:\n  a: \"unterminated\n"),
            help: "Fix the YAML at the reported position.",
        }
        TooDeep {
            name: "too-deep",
            severity: Error,
            clients: "none: pullsecret stops reading; no credential file nests more than a few levels",
            summary: "Collections (JSON arrays and objects, YAML sequences and mappings) are nested deeper than pullsecret reads: 1,000 levels (YAML flow collections: 255).",
            why: "Real configs nest four levels and Kubernetes objects about fifteen; text nested thousands of levels deep (`[[[[…`) is an attack on parsers that recurse, which run out of stack. Go's `encoding/json` stops at 10,000 levels, go-yaml v2 has no limit. pullsecret stops at 1,000 levels (`MAX_DEPTH`) and reports the position where the limit was passed, so that no input can crash the command, the Node process or the WebAssembly instance.",
            example: Described("a JSON array nested 1,001 levels deep (`[[[[…`), or YAML block or flow collections nested as deep"),
            help: "This is not a credential file: check what was pasted.",
        }
        TooLarge {
            name: "too-large",
            severity: Error,
            clients: "none: pullsecret does not read it (the API server refuses a Secret above 1 MiB)",
            summary: "The input text is larger than pullsecret reads: 64 MiB per input text.",
            why: "The API server refuses Secrets above 1 MiB (`MaxSecretSize`), and real credential files are a few kilobytes. A larger text is not a credential file; refusing it up front keeps every operation's time and memory bounded (`MAX_INPUT`).",
            example: Described("a 65 MiB text"),
            help: "Give the credential file or Secret only, not a whole dump or archive.",
        }
        NotAnObject {
            name: "not-an-object",
            severity: Error,
            clients: "all: the whole file fails",
            summary: "The top level is not a JSON object.",
            why: "kubelet decodes `.dockerconfigjson` into a struct and `.dockercfg` into a map, containers/image and docker/cli into their config structs: a top-level array, string or number fails with `json: cannot unmarshal array into Go value of type …`. The API server's `ValidateSecret` decodes the value into `map[string]interface{}` and refuses it the same way.",
            example: Input(r#"[{"auths":{}}]"#),
            help: "The file must be one JSON object: `{\"auths\": {…}}`.",
        }
        WrongType {
            name: "wrong-type",
            severity: Error,
            clients: "the clients whose structs have the field fail to read the whole file (kubelet: `auths`, `auth`, `username`, `password`, `email`; containers: `auths`, `auth`, `identitytoken`, `credHelpers`; docker: all, it warns and pulls anonymously)",
            summary: "A field has the wrong JSON type; the Go clients that read that field fail to read the whole file.",
            why: "Go's `json.Unmarshal` stops at the first value that does not fit its struct field (`json: cannot unmarshal number into Go struct field … of type string`). kubelet then drops every pull secret of the pod (`secrets.go` `MakeDockerKeyring` returns the error), containers/image and docker/cli cannot load the file (docker warns and goes on with no credentials). A client skips the fields its struct lacks whatever their type: containers/image's `dockerAuthConfig` has only `auth` and `identitytoken` (a boolean `email` is fine for skopeo and podman), kubelet's entry has no `identitytoken` and its config no `credHelpers` or `credsStore`.",
            example: Input(r#"{"auths":{"r":{"auth":5}}}"#),
            help: "Use strings for `auth`, `username`, `password`, objects for `auths` and entries.",
        }
        DuplicateKey {
            name: "duplicate-key",
            severity: Warning,
            clients: "all: the last one wins (a repeated `auths` is merged)",
            summary: "The same key appears twice in one object; Go clients keep the last one silently.",
            why: "Go's `encoding/json` keeps the last of repeated keys (a repeated registry keeps only its last entry), matches struct fields case-insensitively (`auth` and `Auth` are one field), and merges a repeated `auths` object into the first one. No client warns. The report labels the first occurrence.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpw"},"quay.io":{"auth":"dTpxcQ=="}}}"#),
            help: "Keep one entry per key.",
        }
        Base64Input {
            name: "base64-input",
            severity: Info,
            clients: "none",
            summary: "The input is the base64 of a config file; it was decoded before checking.",
            why: "pullsecret accepts the base64 copied out of a Secret's `data` and checks the config it encodes; positions point at the base64 text, and `inner` gives the position inside the decoded config. No client reads the base64 form of a file: podman's `--authfile` and kubectl's `--from-file` need the decoded config.",
            example: Input("eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ=="),
            help: "Nothing to fix: the decoded config was checked. Decode it (`base64 -d`) before giving it to a client.",
        }
    }

    family Config ("The file as a whole") {
        EmptyAuths {
            name: "empty-auths",
            severity: Warning ("error in a Secret"),
            clients: "all: no credentials",
            summary: "The file holds no registry entries.",
            why: "A config without entries (`{\"auths\":{}}`, or only helper settings) is valid for every client and gives no credentials: pulls go out anonymously and private images fail with `unauthorized` or `not found`. The API server accepts such a Secret (`ValidateSecret` checks only that the value is a JSON object).",
            example: Input(r#"{"auths":{}}"#),
            help: "Add the registries you need.",
        }
        LegacyFormat {
            name: "legacy-format",
            severity: Info ("error under `.dockerconfigjson`"),
            clients: "kubelet reads it only as `.dockercfg`; podman only as `~/.dockercfg`; docker not at all",
            summary: "The file is the legacy `.dockercfg` format (registries at the top level, no `auths`).",
            why: "Registries at the top level are the `.dockercfg` shape of Docker before 1.7. kubelet reads it only from a `kubernetes.io/dockercfg` Secret; under `.dockerconfigjson` it decodes to a config without `auths` and silently finds no credentials (`secrets.go`). containers/image reads it only at `$HOME/.dockercfg`; docker/cli stopped reading it in v20.10.",
            example: Input(r#"{"quay.io":{"auth":"dTpw"}}"#),
            help: "Wrap the entries in `{\"auths\": …}` unless the target is a `kubernetes.io/dockercfg` Secret.",
        }
        CredHelpers {
            name: "cred-helpers",
            severity: Info ("warning in a Secret"),
            clients: "kubelet ignores helpers; docker asks `credHelpers`, then `credsStore`, first; containers asks only `credHelpers`",
            summary: "`credHelpers` or `credsStore` is set; kubelet ignores both, so those registries have no credentials in a Secret.",
            why: "Kubernetes reads only `auths` (and `HttpHeaders`) from a pull secret (kubernetes/website `images.md`). containers/image asks `credHelpers[registry]` before any `auths` entry (`findCredentialsInFile`) and has no `credsStore` (skopeo sends the file's `auth` beside one), and docker/cli prefers `credHelpers`, then `credsStore`, to the file. A Secret made from a workstation's `config.json` lacks every credential the helper held.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpw"}},"credHelpers":{"gcr.io":"gcloud"}}"#),
            help: "For a Secret, write the helper's credentials under `auths`.",
        }
    }

    family Auth ("The `auth` value") {
        AuthNotBase64 {
            name: "auth-not-base64",
            severity: Error,
            clients: "kubelet: every pull from the secret fails; docker: config load fails; containers: this registry fails",
            summary: "An `auth` value is not base64; kubelet fails every pull that uses this secret.",
            why: "kubelet decodes every `auth` when it reads the Secret (`config.go` `decodeDockerConfigFieldAuth`): one bad value fails the whole keyring, so every image of the pod fails, not only this registry's. docker/cli decodes every entry when it loads the file (`decodeAuth`) and fails the whole config. containers/image decodes only the entry it looks up (`decodeDockerAuth`) and fails pulls from that registry.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"bad"}}}"#),
            help: "Set `auth` to the padded base64 of `username:password` (UTF-8).",
        }
        AuthUnpadded {
            name: "auth-unpadded",
            severity: Error,
            clients: "kubelet: used; containers: this registry fails; docker: config load fails",
            summary: "An `auth` value lacks `=` padding; only kubelet accepts it, podman/CRI-O and docker fail.",
            why: "kubelet decodes an `auth` that does not end in `=` with `RawStdEncoding` (kubernetes/kubernetes#82147, `config.go` `decodeDockerConfigFieldAuth`); containers/image (`decodeDockerAuth`) and docker/cli (`decodeAuth`) use `StdEncoding`, which requires the padding. Docker Desktop's credential helper has written such values.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpwcQ"}}}"#),
            help: "Re-encode `auth` with `=` padding (`dTpwcQ` becomes `dTpwcQ==`).",
        }
        AuthUrlSafe {
            name: "auth-url-safe",
            severity: Error,
            clients: "all fail as for `auth-not-base64`",
            summary: "An `auth` value uses the URL-safe base64 alphabet (`-`, `_`), which no client reads.",
            why: "Every client decodes `auth` with Go's standard alphabet (`StdEncoding`; kubelet also `RawStdEncoding`), where `-` and `_` are illegal (`illegal base64 data at input byte N`): the consequences are those of `auth-not-base64`. URL-safe encoders (`basenc --base64url`, many libraries' `urlsafe_b64encode`) produce this alphabet.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpw-_8="}}}"#),
            help: "Use the standard alphabet (`+`, `/`).",
        }
        AuthNoColon {
            name: "auth-no-colon",
            severity: Error,
            clients: "kubelet: every pull fails; containers: no credentials; docker: config load fails",
            summary: "An `auth` value decodes to text without a `:`, so it holds no username:password pair.",
            why: "kubelet splits the decoded `auth` at its first `:` and, without one, fails with `unable to parse auth field, must be formatted as base64(username:password)`, dropping the whole keyring. docker/cli fails the config load (`invalid auth configuration file`). containers/image (`decodeDockerAuth`) reads no credentials and logs a warning. A token encoded on its own does this.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dG9rZW4="}}}"#),
            help: "Encode `username:password`; for a token, use the username the registry expects with it.",
        }
        AuthMismatch {
            name: "auth-mismatch",
            severity: Warning,
            clients: "all use `auth`",
            summary: "`auth` disagrees with the `username`/`password` fields; every client uses `auth`.",
            why: "When `auth` is set, kubelet (`DockerConfigEntry.UnmarshalJSON`) and docker/cli take the username and password from it and ignore the fields; containers/image never reads the fields. Tools that show or edit the fields (consoles, scripts) then disagree with what is sent. The report labels the fields that differ.",
            example: Input(r#"{"auths":{"quay.io":{"username":"alice","password":"x","auth":"Ym9iOng="}}}"#),
            help: "Make `username`/`password` agree with `auth`, or drop them.",
        }
        AuthEmptyUsername {
            name: "auth-empty-username",
            severity: Error,
            clients: "docker: config load fails; kubelet, containers: empty user name sent",
            summary: "`auth` decodes to an empty username (`:password`); docker cannot load the whole config.",
            why: "docker/cli's `decodeAuth` refuses an empty username (`invalid auth configuration file`) and fails the whole config. kubelet (`strings.SplitN`) and containers/image (`strings.Cut`) accept it and send an empty user name, which registries refuse. A console that joins a blank username and the password with `:` writes this.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"OnB3"}}}"#),
            help: "Put the username before the `:`.",
        }
    }

    family Credentials ("Entries and their credentials") {
        UsernameColon {
            name: "username-colon",
            severity: Warning,
            clients: "all split at the first `:`",
            summary: "The username contains `:`; clients split `auth` at the first `:`, so the rest becomes part of the password.",
            why: "Basic auth cannot carry a `:` in the user name: kubelet (`strings.SplitN(s, \":\", 2)`), containers/image and docker/cli (`strings.Cut`) split the decoded `auth` at its first `:`, so the rest of the username is sent as the start of the password. kubectl accepts `--docker-username=a:b` without a word.",
            example: Input(r#"{"auths":{"quay.io":{"username":"a:b","password":"c","auth":"YTpiOmM="}}}"#),
            help: "Usernames cannot contain `:` in Basic auth; use the registry's real username.",
        }
        CredentialsWhitespace {
            name: "credentials-whitespace",
            severity: Warning,
            clients: "all send it as is",
            summary: "The decoded username or password starts or ends with whitespace or holds a line break (the `echo` without `-n` mistake).",
            why: "No client trims decoded credentials: `echo secret | base64` encodes the newline, which becomes part of the password (kubernetes/website#492 and the many guides that copied it). The registry then answers `unauthorized` with no hint why.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpzZWNyZXQK"}}}"#),
            help: "Encode with `printf %s` or `echo -n`.",
        }
        CredentialsNul {
            name: "credentials-nul",
            severity: Warning,
            clients: "containers, docker strip outer NULs from the password; kubelet keeps them",
            summary: "The decoded credentials hold NUL bytes; podman and docker strip them from the password, kubelet keeps them.",
            why: "containers/image (`decodeDockerAuth`) and docker/cli (`decodeAuth`) apply `strings.Trim(password, \"\\x00\")`; kubelet sends the bytes as decoded. The same Secret then logs in with podman and fails with kubelet.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpwAA=="}}}"#),
            help: "Remove the NUL bytes.",
        }
        IdentityToken {
            name: "identity-token",
            severity: Info,
            clients: "kubelet ignores the token and sends `auth` alone; containers: the token only beside an `auth` with `:`; docker: uses the token",
            summary: "The entry has an `identitytoken` (an OAuth refresh token written by `docker login`); kubelet ignores it, podman uses it only beside an `auth` with `:`.",
            why: "kubelet's `DockerConfigEntry` has no identity-token field, so the token is dropped. containers/image returns it only with an `auth` that decodes to something holding `:` (docker writes base64(`user:`) beside it); docker/cli exchanges it for a registry token. An entry with only `identitytoken` gives Kubernetes no credentials.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTo=","identitytoken":"..."}}}"#),
            help: "For Kubernetes, use a username and password or an access token in `auth`.",
        }
        AcrTokenLogin {
            name: "acr-token-login",
            severity: Warning ("error in a Secret"),
            clients: "kubelet: pulls from this registry fail; containers, docker: used",
            summary: "An Azure Container Registry token login (`az acr login`): user `00000000-0000-0000-0000-000000000000`, no password, an `identitytoken`; kubelet cannot use it.",
            why: "`az acr login` (and `docker login` with a token) writes `auth` = base64(`00000000-0000-0000-0000-000000000000:`) beside an `identitytoken`. docker/cli and containers/image exchange the token for a registry token; kubelet's `DockerConfigEntry` has no identity-token field (`config.go`), so it sends the null user with an empty password and ACR answers `unauthorized`. The refresh token also expires after hours.",
            example: Input(r#"{"auths":{"r.azurecr.io":{"auth":"MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==","identitytoken":"..."}}}"#),
            help: "For Kubernetes, log in with a service principal (`--docker-username <appId> --docker-password <secret>`) or an ACR repository-scoped token (`az acr token create`), or attach the registry to the cluster (`az aks update --attach-acr`).",
        }
        EmailDeprecated {
            name: "email-deprecated",
            severity: Info,
            clients: "none read it",
            summary: "`email` is deprecated: no registry needs it; docker 29 and podman drop it when they rewrite the file.",
            why: "No registry protocol uses the email. docker/cli removed the field in v29.0.0 and drops it when it saves the file; containers/image writers (`podman login`, `oc registry login`) keep only `auth` and `identitytoken`; kubectl writes it only when `--docker-email` is given.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpw","email":"a@b.c"}}}"#),
            help: "Drop `email` (leave `--docker-email` out).",
        }
        NoCredentials {
            name: "no-credentials",
            severity: Warning ("error in a Secret, or when every entry is a credential helper's placeholder"),
            clients: "kubelet: anonymous match that hides later fallbacks; containers: ignored; docker: anonymous, or the helper when one is set",
            summary: "An entry carries no credentials (a `credsStore` placeholder); Kubernetes cannot use it.",
            why: "docker writes an empty entry (`\"host\": {}`) when a credential store holds the secret; copied into a Secret it holds nothing. kubelet still counts it as a match with an empty user and password, so an empty `docker.io` entry ends the search before the `https://index.docker.io/v1/` fallback (`keyring.go` `Lookup`); containers/image reads no credentials and goes on to the next file; docker pulls anonymously where the store is missing. A file whose every entry is such a placeholder (Docker Desktop's `{\"auths\":{\"https://index.docker.io/v1/\":{}},\"credsStore\":\"desktop\"}`) gives kubelet and containers/image no credential at all: an error.",
            example: Input(r#"{"auths":{"r.io":{},"quay.io":{"auth":"dTpw"}},"credsStore":"desktop"}"#),
            help: "Export the credentials from the helper (`docker login` writes them only to the store) and write `auth`.",
        }
        MissingAuth {
            name: "missing-auth",
            severity: Warning,
            clients: "kubelet, docker: used; containers: ignored",
            summary: "An entry has `username`/`password` but no `auth`; podman, CRI-O and skopeo ignore it.",
            why: "containers/image reads only `auth` and `identitytoken` from an entry (`authPath.parse`), so podman, CRI-O and skopeo see no credentials; kubelet and docker/cli use the `username`/`password` fields. Rancher's dashboard writes such entries (rancher/rancher#19177).",
            example: Input(r#"{"auths":{"quay.io":{"username":"u","password":"p"}}}"#),
            help: "Add `auth`: the padded base64 of `username:password`.",
        }
    }

    family Tokens ("Tokens and their expiry") {
        TokenExpired {
            name: "token-expired",
            severity: Error,
            clients: "every client that sends the token: pulls from this registry fail (kubelet never sends `identitytoken`, only docker `registrytoken`)",
            summary: "A password or token is a JWT or an Amazon ECR token whose expiry has passed; the registry refuses it.",
            why: "Registries hand out short-lived tokens: JWTs carry their expiry in the `exp` claim (RFC 7519 §4.1.4, seconds since the epoch; Azure ACR's refresh tokens and most registry tokens are JWTs), and `aws ecr get-login-password` gives user `AWS` and a password valid for 12 hours (Amazon ECR User Guide, \"Private registry authentication\"), which is base64 of a JSON envelope whose numeric `expiration` is that time (the envelope is not documented; its shape is what the AWS CLI prints). No client looks at the expiry: kubelet, podman and docker send the token and the registry answers `401 unauthorized`. Only checked when `validate` is given the time (`now`; the command uses the system clock or `--now`); the signature is not checked and the token is never printed.",
            example: Input(r#"{"auths":{"registry.example.com":{"auth":"cm9ib3Q6ZXlKaGJHY2lPaUpTVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lKeWIySnZkQ0lzSW1WNGNDSTZNVGMyTkRVME56SXdNSDAuYzJsbmJtRjBkWEps"}}}"#),
            help: "Log in again and replace the credential; for a pull secret, prefer a long-lived one (a robot account, a service principal, an ACR repository-scoped token) or kubelet's credential provider (ECR, GCR/Artifact Registry, ACR), which renews tokens.",
        }
        TokenExpiring {
            name: "token-expiring",
            severity: Warning,
            clients: "works until the expiry; then pulls from this registry fail for every client that sends the token",
            summary: "A password or token is a JWT or an Amazon ECR token that expires within the expiry window (7 days unless set).",
            why: "The token is valid now, so every pull works today and fails once it expires (a JWT's `exp` claim, RFC 7519 §4.1.4; an ECR password's `expiration`, 12 hours after `aws ecr get-login-password`). A Secret made from it fails on the next node, the next rollout or the next image, long after the change that wrote it was merged. The window is `expiryWindow` (`--expiry-window`, default 7 days).",
            example: Input(r#"{"auths":{"registry.example.com":{"auth":"dTo=","identitytoken":"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb2JvdCIsImV4cCI6MTc2NzM5ODQwMH0.c2lnbmF0dXJl"}}}"#),
            help: "Renew the token before it expires, or switch to a long-lived credential or kubelet's credential provider, which renews tokens.",
        }
        TokenShortLived {
            name: "token-short-lived",
            severity: Info,
            clients: "works for about an hour after the login; then pulls from this registry fail",
            summary: "The password is a Google OAuth access token (user `oauth2accesstoken`, `ya29.`…), valid for about an hour and carrying no expiry to check.",
            why: "Google's Artifact Registry and Container Registry accept `gcloud auth print-access-token` as the password of user `oauth2accesstoken`; the docs (\"Configure authentication to Artifact Registry for Docker\", access token) say such a token is valid for 60 minutes. Unlike a JWT it holds no expiry, so pullsecret cannot say when; it says only that a pull secret made from it stops working soon.",
            example: Input(r#"{"auths":{"europe-docker.pkg.dev":{"auth":"b2F1dGgyYWNjZXNzdG9rZW46eWEyOS5hMEFmLWV4YW1wbGU="}}}"#),
            help: "For a pull secret, use a service-account key (user `_json_key`) or, better, Workload Identity or kubelet's credential provider for Artifact Registry.",
        }
    }

    family Keys ("Registry keys") {
        KeyInvalid {
            name: "key-invalid",
            severity: Error ("warning when only kubelet cannot parse it"),
            clients: "the clients that cannot parse it skip the entry",
            summary: "A registry key that a client cannot parse, or that no image can match.",
            why: "kubelet prefixes a key with `https://` and parses it with `url.Parse` (`keyring.go` `BasicDockerKeyring.Add`); a key that fails is skipped with only a log line. A key that is not a registry host at all (`__proto__`, `not a host`) matches no image reference in any client.",
            example: Input(r#"{"auths":{"not a host":{"auth":"dTpw"}}}"#),
            help: "Use the registry's host name (`host[:port]`), optionally with a path.",
        }
        KeyScheme {
            name: "key-scheme",
            severity: Info ("warning with a namespace path"),
            clients: "all read it; `podman login`/`oc registry login` refuse to write it; a path is a prefix for kubelet only",
            summary: "A key with `http://` or `https://`: every client reads it, `podman login` refuses to write it.",
            why: "kubelet drops the scheme (and `/v1/`, `/v2/`) when it indexes keys; containers/image drops a scheme and then the whole path (`normalizeAuthFileKey`); docker/cli reduces the key to its host name (`ConvertToHostname`). But containers/image's `validateKey` refuses to write such a key (`key … contains http[s]:// prefix`), so `podman login` and `oc registry login` cannot update the entry. With a namespace path, only kubelet applies the path.",
            example: Input(r#"{"auths":{"https://quay.io/v2/":{"auth":"dTpw"}}}"#),
            help: "Write the bare host (`quay.io`).",
        }
        KeyPath {
            name: "key-path",
            severity: Info ("warning with a trailing `/`"),
            clients: "kubelet: string prefix of the image path; containers: whole path segments; docker: the whole host when no exact key",
            summary: "A key with a path (a namespace): kubelet, podman and docker apply it differently.",
            why: "kubelet matches the key's path as a plain string prefix (`quay.io/org` also matches `quay.io/organisation/…`; `keyring.go` `URLsMatch`); containers/image tries namespaces from the most specific down by whole segments and never matches one ending in `/` (`authKeyLookupOrder`); docker/cli looks up host names only and uses the key for the whole registry when no exact key exists (`fileStore.Get`).",
            example: Input(r#"{"auths":{"quay.io/org":{"auth":"dTpw"}}}"#),
            help: "Keep it if you mean per-namespace credentials; know that docker applies it to the whole registry.",
        }
        KeyHubAlias {
            name: "key-hub-alias",
            severity: Warning,
            clients: "`docker.io`, `index.docker.io`: kubelet and containers, not docker; `registry-1.docker.io`: containers only; `index.docker.io/v1/`: kubelet only",
            summary: "A Docker Hub spelling other than `https://index.docker.io/v1/`; not every client uses it.",
            why: "docker/cli looks Docker Hub up only under the exact key `https://index.docker.io/v1/` (`authConfigKey`). kubelet matches `docker.io` directly and uses keys that normalise to `index.docker.io` as its default-registry fallback (`isDefaultRegistryMatch`). containers/image normalises `docker.io`, `index.docker.io` and `registry-1.docker.io` but reads a schemeless `index.docker.io/v1/` as a namespace (`normalizeAuthFileKey`). podman writes `docker.io`; Rancher writes `index.docker.io/v1/`.",
            example: Input(r#"{"auths":{"docker.io":{"auth":"dTpw"}}}"#),
            help: "Write `https://index.docker.io/v1/`, the key every client matches for Docker Hub.",
        }
        KeyHubNoSlash {
            name: "key-hub-no-slash",
            severity: Warning,
            clients: "containers only; kubelet and docker never use it for Docker Hub",
            summary: "`https://index.docker.io/v1` without the trailing `/`: kubelet and docker never use it for Docker Hub.",
            why: "kubelet strips `/v1/` only with its slash, so the key becomes `index.docker.io/v1`, a path no image has (kubeapps#1691 saw the same). docker/cli compares the exact string `https://index.docker.io/v1/`. containers/image drops the path after a scheme and normalises the host, so only podman, CRI-O and skopeo use it.",
            example: Input(r#"{"auths":{"https://index.docker.io/v1":{"auth":"dTpw"}}}"#),
            help: "Write `https://index.docker.io/v1/`.",
        }
        KeyGlob {
            name: "key-glob",
            severity: Info,
            clients: "kubelet only (one label per `*`)",
            summary: "A glob key (`*.example.com`): only kubelet expands it.",
            why: "kubelet matches each host label with Go's `filepath.Match` and requires the same number of labels (`keyring.go` `URLsMatch`), so `*.example.com` matches `a.example.com` but neither `example.com` nor `a.b.example.com`. containers/image and docker/cli compare keys as strings.",
            example: Input(r#"{"auths":{"*.example.com":{"auth":"dTpw"}}}"#),
            help: "Add explicit keys for podman and docker.",
        }
        KeyUppercase {
            name: "key-uppercase",
            severity: Warning,
            clients: "all compare host names case-sensitively",
            summary: "A key with upper-case letters; clients compare host names case-sensitively.",
            why: "No client folds case when it compares a key with the registry of an image: kubelet matches labels with `filepath.Match`, containers/image and docker/cli compare strings. Image references write hosts in lower case, so the key is never used.",
            example: Input(r#"{"auths":{"Quay.IO":{"auth":"dTpw"}}}"#),
            help: "Write the host in lower case.",
        }
        KeyDuplicateRegistry {
            name: "key-duplicate-registry",
            severity: Warning,
            clients: "kubelet tries both in random order; containers and docker prefer an exact key, else pick one",
            summary: "Two keys name the same registry; clients pick one of them at random.",
            why: "kubelet normalises both keys to one index entry and collects their credentials in Go map order, which is random (`keyring.go` `BasicDockerKeyring.Add`), then tries each until a pull succeeds. containers/image and docker/cli use an exact key first and otherwise whichever normalised key a random map iteration finds first. With different credentials under the two keys, pulls succeed or fail from one run to the next. The report labels the other key.",
            example: Input(r#"{"auths":{"quay.io":{"auth":"dTpw"},"https://quay.io":{"auth":"dTpxcQ=="}}}"#),
            help: "Keep one key per registry.",
        }
    }

    family Secrets ("Kubernetes Secrets") {
        SecretNoData {
            name: "secret-no-data",
            severity: Error,
            clients: "kubelet: no credentials",
            summary: "The Secret has no `.dockerconfigjson` or `.dockercfg` value.",
            why: "kubelet reads pull credentials only from `.dockerconfigjson` (type `kubernetes.io/dockerconfigjson`) or `.dockercfg` (type `kubernetes.io/dockercfg`) and skips other Secrets silently (`secrets.go` `MakeDockerKeyring`). For those two types the API server also requires the key (`ValidateSecret`: `Required value`). In a stream or a List, other Secrets (`Opaque`, TLS) are skipped without a finding; this one is raised for a pull-secret type without its key, or at the top of the report when no object of the input is a pull secret.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: Opaque\ndata:\n  token: dG9rZW4=\n"),
            help: "Put the config under `.dockerconfigjson` (type `kubernetes.io/dockerconfigjson`).",
        }
        SecretDataNotBase64 {
            name: "secret-data-not-base64",
            severity: Error,
            clients: "API server rejects it",
            summary: "A `data` value of the Secret is not valid base64.",
            why: "`data` values are bytes, written as padded standard base64; the API server refuses a value that does not decode. Plain text belongs in `stringData`, which the API server encodes into `data`.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: \"not base64!\"\n"),
            help: "Base64-encode the config, or move it to `stringData`.",
        }
        SecretDataDoubleBase64 {
            name: "secret-data-double-base64",
            severity: Error,
            clients: "API server rejects it; kubelet: no credentials",
            summary: "The Secret's config is base64-encoded once too often: `data` holds the base64 of the base64, or `stringData` holds the base64.",
            why: "The API server decodes a `data` value once and encodes a `stringData` value itself; `ValidateSecret` then reads the bytes as JSON (`json.Unmarshal`) and refuses text that is still base64 (`invalid character 'e' looking for beginning of value`). It happens when the config is encoded twice (`base64 -w0 config.json | base64 -w0`, or a template's `b64enc` applied to a value that already was), or when the output of `base64` is put under `stringData`. pullsecret decodes it once more and checks the config inside.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ZXlKaGRYUm9jeUk2ZXlKeGRXRjVMbWx2SWpwN0ltRjFkR2dpT2lKa1ZIQjNJbjE5ZlE9PQ==\n"),
            help: "Encode the config once under `data`, or give it as plain text under `stringData` (`pullsecret fix` does it).",
        }
        SecretTypeMismatch {
            name: "secret-type-mismatch",
            severity: Error,
            clients: "kubelet: no credentials; API server rejects a typed Secret without its key",
            summary: "The Secret's `type` does not match its data key or its content, so kubelet finds no credentials in it.",
            why: "kubelet pairs `kubernetes.io/dockerconfigjson` with `.dockerconfigjson` and `kubernetes.io/dockercfg` with `.dockercfg` and skips any other combination (`secrets.go` `MakeDockerKeyring`); a Secret without `type` is `Opaque`. `{\"auths\": …}` content under `.dockercfg` is read as a registry named `auths`. The API server refuses a typed Secret that lacks its type's key. The report labels the data key.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockercfg\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n"),
            help: "Use `kubernetes.io/dockerconfigjson` with `.dockerconfigjson`, or `kubernetes.io/dockercfg` with `.dockercfg`.",
        }
        SecretTypeUnsupported {
            name: "secret-type-unsupported",
            severity: Error,
            clients: "kubelet: no credentials",
            summary: "The Secret's `type` is not one kubelet reads pull credentials from.",
            why: "kubelet reads pull credentials only from Secrets of type `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg` and skips every other Secret without a word (`secrets.go` `MakeDockerKeyring`); the API server accepts an `Opaque` Secret with a `.dockerconfigjson` key, which is then never used. For type `Opaque` (the ordinary Secret, often a copy kept for another purpose) the finding is a warning.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/basic-auth\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n"),
            help: "Use `kubernetes.io/dockerconfigjson`.",
        }
        SecretNameInvalid {
            name: "secret-name-invalid",
            severity: Error,
            clients: "API server rejects it",
            summary: "The Secret's name is not a DNS-1123 subdomain; the API server rejects it.",
            why: "`ValidateSecret` requires the name to be a DNS-1123 subdomain (`ValidateSecretName`). kubectl does not check it, so `--dry-run=client` prints a Secret that the server then refuses.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: My_Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n"),
            help: "Lower-case letters, digits, `-` and `.`, at most 253 characters.",
        }
        SecretNamespaceInvalid {
            name: "secret-namespace-invalid",
            severity: Error,
            clients: "API server rejects it",
            summary: "The Secret's namespace is not a DNS-1123 label; the API server rejects it.",
            why: "Namespace names are DNS-1123 labels (`ValidateNamespaceName`): no `.`, at most 63 characters. An object in a namespace that cannot exist is refused.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\n  namespace: a.b\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n"),
            help: "Lower-case letters, digits and `-`, at most 63 characters.",
        }
        SecretTooLarge {
            name: "secret-too-large",
            severity: Error,
            clients: "API server rejects it",
            summary: "The Secret's data exceeds 1 MiB, the API server's limit.",
            why: "`ValidateSecret` adds up the lengths of all data values and refuses more than `MaxSecretSize` (1 MiB) with `Too long`.",
            example: Described("a config with thousands of registries, more than 1 MiB in all"),
            help: "Split the credentials over several pull secrets.",
        }
        SecretTooLargeForApply {
            name: "secret-too-large-for-apply",
            severity: Warning,
            clients: "client-side `kubectl apply` fails",
            summary: "The Secret exceeds 256 KiB encoded; client-side `kubectl apply` cannot store it in its last-applied annotation.",
            why: "Client-side `kubectl apply` keeps the whole object in the `kubectl.kubernetes.io/last-applied-configuration` annotation, and annotations are limited to 256 KiB in all: the apply fails with `metadata.annotations: Too long` (kubernetes/kubectl#712, kubernetes/kubernetes#100572).",
            example: Described("a 300 KiB config"),
            help: "Use `kubectl create`/`replace`, or `kubectl apply --server-side`.",
        }
    }

    family Repository ("Repositories: secrets in plain sight, workloads and their pull secrets") {
        SecretInPlainText {
            name: "secret-in-plain-text",
            severity: Warning,
            clients: "none: about where the credentials are kept",
            summary: "`pullsecret check` found a pull secret's credentials in plain text in the repository: base64 is an encoding, not encryption.",
            why: "A Secret's `data` is only base64 (`echo … | base64 -d` reads it) and `stringData` or a config file is the text itself: anyone who can read the repository, its forks and its history can pull, and often push, with these credentials. GitOps keeps Secrets encrypted (Bitnami SealedSecrets), outside the repository (External Secrets Operator, a CSI secret store) or encrypted in place (SOPS); those are recognised and not flagged. Raised by `check` (a repository), not by `validate` (one file the user holds).",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n"),
            help: "Keep it encrypted: seal it (`kubeseal -o yaml < secret.yaml > sealed.yaml`), fetch it with an ExternalSecret, or encrypt it with SOPS (`sops -e -i --encrypted-regex '^(data|stringData)$' secret.yaml`); then rotate the exposed credentials.",
        }
        SopsEncrypted {
            name: "sops-encrypted",
            severity: Info,
            clients: "kubelet, after the Secret is decrypted (Flux, the KSOPS and helm-secrets plug-ins)",
            summary: "The Secret's config is encrypted with SOPS: its credentials are checked once it is decrypted.",
            why: "SOPS encrypts the values of a manifest in place (`ENC[AES256_GCM,data:…]`) and adds a `sops` section with the keys and a MAC; Flux's kustomize-controller (or a KSOPS/helm-secrets plug-in) decrypts it before applying. The repository holds no readable credential, so neither the config nor the images it covers can be checked here.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ENC[AES256_GCM,data:q8Jm3w==,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]\nsops:\n  lastmodified: \"2026-01-01T00:00:00Z\"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.0\n"),
            help: "Check the decrypted Secret: `sops -d secret.yaml | pullsecret validate -`.",
        }
        PullSecretNotFound {
            name: "pull-secret-not-found",
            severity: Warning("an error with `check --strict`"),
            clients: "kubelet: the Secret is skipped, the pull goes on without it",
            summary: "A workload or ServiceAccount names an `imagePullSecrets` Secret that is in none of the checked files.",
            why: "kubelet looks each `imagePullSecrets` name up in the pod's namespace and skips a Secret it cannot get (`kuberuntime_image.go` logs `Unable to retrieve pull secret` and pulls with the others, or anonymously). The Secret may live only in the cluster (made by hand, by a controller or by another repository), so `check` warns; `--strict` makes it an error for repositories that hold every Secret.",
            example: Input("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Add the Secret to the repository (sealed or external), fix the name, or run `check` with the files that define it.",
        }
        PullSecretWrongType {
            name: "pull-secret-wrong-type",
            severity: Error,
            clients: "kubelet: no credentials from it",
            summary: "An `imagePullSecrets` name refers to a Secret whose type is not `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`: kubelet skips it without a word.",
            why: "`MakeDockerKeyring` (`pkg/credentialprovider/secrets`) reads only those two types, each under its own key; any other Secret (`Opaque`, the default, and what an ExternalSecret makes without `spec.target.template.type`, or a SealedSecret without `spec.template.type`) is skipped silently, and the pull goes on without its credentials.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: Opaque\ndata:\n  .dockerconfigjson: e30=\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Give the Secret `type: kubernetes.io/dockerconfigjson` (for an ExternalSecret: `spec.target.template.type`; for a SealedSecret: `spec.template.type`).",
        }
        PullSecretOtherNamespace {
            name: "pull-secret-other-namespace",
            severity: Error,
            clients: "kubelet: no credentials from it",
            summary: "The named Secret exists only in another namespace: a pod can use pull secrets of its own namespace only.",
            why: "`imagePullSecrets` holds `LocalObjectReference`s: kubelet gets each Secret from the pod's namespace (`GetSecret(pod.Namespace, name)`), never from another. Objects without `metadata.namespace` are in the namespace `check -n` names (default `default`), as `kubectl apply` puts them in the context's namespace.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Create the Secret in the workload's namespace too (a copy, or an ExternalSecret per namespace).",
        }
        PullSecretUnreadable {
            name: "pull-secret-unreadable",
            severity: Error,
            clients: "kubelet: every pull of the pod fails",
            summary: "A pull secret the pod gets cannot be read by kubelet, which then fails every image pull of the pod, not only the images that Secret is for.",
            why: "`MakeDockerKeyring` unmarshals every pull secret of the pod into one keyring and returns the first error (a config that is not JSON, an `auth` that is not base64 or has no `:`): kubelet then fails the pull (`ErrImagePull`) for every container, whichever Secret the image needed.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"quay.io\":{\"auth\":\"not base64!\"}}}'\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: broken\n  containers:\n  - name: web\n    image: nginx\n"),
            help: "Fix the Secret (its own findings say how), or stop naming it.",
        }
        AnonymousPull {
            name: "anonymous-pull",
            severity: Warning("an error with `check --strict`"),
            clients: "kubelet: the pull is anonymous",
            summary: "No pull secret the pod gets has an entry for the image: kubelet pulls it without credentials.",
            why: "kubelet matches the image against the keys of the pod's pull secrets (`BasicDockerKeyring.Lookup`: same host, a path prefix, globs per host label; Docker Hub's `index.docker.io` key as the fallback). With no match it pulls anonymously: fine for a public image, `ErrImagePull` (`unauthorized`, `not found`) for a private one, and Docker Hub rate limits apply. Node credentials (`/var/lib/kubelet/config.json`) or a kubelet credential provider may still cover it, which a repository cannot show, so `check` warns; the message names the nearest miss (a key for another path, a Secret in another namespace or not named by the pod).",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvL3RlYW0tYSI6eyJhdXRoIjoiZFRwdyJ9fX0=\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team-b/web:1.0\n"),
            help: "Add an entry for the image's registry (or repository path) to a pull secret the pod names, or name the Secret that has one; ignore for a public image.",
        }
        ImagePullCredential {
            name: "image-pull-credential",
            severity: Info,
            clients: "kubelet",
            summary: "Which pull secret entry kubelet sends for an image (and which it tries next).",
            why: "kubelet tries every matching credential of the pod's keyring in order (keys reverse-lexicographic, so longer paths first; Secrets in `imagePullSecrets` order) until a pull succeeds. This is `lookup` over the Secrets the pod gets, with the rule that matched.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Nothing to fix.",
        }
        PullSecretUnverifiable {
            name: "pull-secret-unverifiable",
            severity: Info,
            clients: "kubelet",
            summary: "The pull secret comes from a SealedSecret, an ExternalSecret, a ClusterExternalSecret or a kustomize secretGenerator: its type is known, its entries are not, so the images it may cover are not checked.",
            why: "A SealedSecret's data is encrypted for the cluster's controller and an ExternalSecret's is fetched from a secret store at run time; a repository shows only the type of the Secret each will make (`spec.template.type`, `spec.target.template.type`). A ClusterExternalSecret makes its ExternalSecret in every namespace its `namespaces`, `namespaceSelector` and `namespaceSelectors` choose (its controller's `getTargetNamespaces`): `check` evaluates the selectors against the `Namespace` objects of the files and the `kubernetes.io/metadata.name` label every namespace has; when they depend on labels of a namespace the files do not define, the Secret *may* be there, and the finding says so (the pull is then unknown, not anonymous). One whose `target.creationPolicy` is `Merge` (it writes into a Secret that must already exist) or `None` makes no Secret: the name is then `pull-secret-not-found`, whose message names it. A kustomize `secretGenerator` item makes its Secret from files when the kustomization is built, in the namespace of the build (the outermost kustomization's `namespace`, which overrides the item's; where none sets one, whatever builds it decides), with the build's other resources: `check` follows the kustomizations' `resources` as `kubectl kustomize` does, so a pod of the same build gets it and a pod of another build does not; for a pod in a file no kustomization takes, the Secret *may* be there.",
            example: Input("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: regcred\nspec:\n  encryptedData:\n    .dockerconfigjson: AgB4...\n  template:\n    type: kubernetes.io/dockerconfigjson\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Check the rendered Secret in the cluster (`kubectl get secret NAME -o yaml | pullsecret validate -`).",
        }
        ServiceAccountNotFound {
            name: "service-account-not-found",
            severity: Info,
            clients: "API server, kubelet",
            summary: "The workload runs as a ServiceAccount that is in none of the checked files, so the pull secrets it would add are unknown.",
            why: "When a pod names no `imagePullSecrets`, the ServiceAccount admission plugin copies its ServiceAccount's `imagePullSecrets` into the pod at creation; a pod that names any gets none of the ServiceAccount's. The API server refuses a pod whose ServiceAccount does not exist, so it must be in the cluster.",
            example: Input("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: builder\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Check the ServiceAccount with the workload, or name the pull secrets in the pod.",
        }
        DuplicateDefinition {
            name: "duplicate-definition",
            severity: Warning,
            clients: "kubectl apply, Argo CD: the last definition wins; kustomize, Flux: the build fails",
            summary: "The same Secret or ServiceAccount (its kind, namespace and name) is defined more than once in the checked files: the tools that apply a repository disagree on what that means.",
            why: "`kubectl apply -f DIR -R` applies the files in name order and each definition replaces the one before, so the cluster keeps the last; Argo CD keeps the last one too and raises `RepeatedResourceWarning` (`DeduplicateTargetObjects` in its controller). kustomize refuses the build (`may not add resource with an already registered id`, seen with `kubectl kustomize`), and so does Flux, which builds every path with kustomize (generating a `kustomization.yaml` where there is none). `check` walks files in the same name order and reads the last definition, as `kubectl apply` and Argo CD leave the cluster. Definitions in directories apart from one another (`clusters/dev/` and `clusters/prod/`, each applied by its own Argo CD Application or Flux Kustomization) are alternatives, not duplicates: a name resolves to the definition nearest the file that names it (the one sharing most of its directories, with those in a directory that holds it, which a recursive apply takes too). The finding is at every pull-secret name that leads to a Secret defined twice, and at every ServiceAccount definition a later one replaces. A Secret and a SealedSecret or ExternalSecret that makes a Secret of the same name are two objects (their controllers contend in the cluster): `pull-secret-contended`, not this finding.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}}}'\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"ghcr.io\":{\"auth\":\"dTpw\"}}}'\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: ghcr.io/team/web:1.0\n"),
            help: "Keep one definition of each object: delete or rename the others (an overlay's change belongs in a kustomize patch, not in a second copy).",
        }
        PullSecretContended {
            name: "pull-secret-contended",
            severity: Warning,
            clients: "the SealedSecrets and External Secrets Operator controllers, then kubelet",
            summary: "A Secret the files define is also made by a SealedSecret or an ExternalSecret (or both make it): which one the cluster keeps is the controllers' doing, not the order of the files.",
            why: "They are different objects to `kubectl apply`, kustomize and Argo CD, which all apply both; what the Secret holds is then the controllers' doing. The SealedSecrets controller does not replace a Secret it did not make: the SealedSecret stays unsynced with `Resource \"NAME\" already exists and is not managed by SealedSecret` (unless that Secret carries the annotation `sealedsecrets.bitnami.com/managed: \"true\"`), so the plain Secret is what kubelet gets. The External Secrets Operator writes over a Secret it does not own at every refresh (`creationPolicy` `Owner`, `Orphan`, `CreateOrMerge`; it takes ownership of one without an owner), while every sync of the plain Secret writes it back: the two alternate. `check` reads the plain Secret against a SealedSecret and the ExternalSecret's Secret otherwise, and says so at every pull-secret name that leads to it.",
            example: Input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}}}'\n---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: regcred\nspec:\n  encryptedData:\n    .dockerconfigjson: AgB4...\n  template:\n    type: kubernetes.io/dockerconfigjson\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: quay.io/team/web:1.0\n"),
            help: "Keep one source for each Secret: when a SealedSecret or an ExternalSecret takes over, delete the plain Secret from the files and from the cluster (or, for a SealedSecret, annotate the cluster's copy `sealedsecrets.bitnami.com/managed: \"true\"`).",
        }
        ImageUnrendered {
            name: "image-unrendered",
            severity: Info,
            clients: "whatever renders the template (Helm, Flux's post-build substitution), then kubelet",
            summary: "A container's image holds a template expression that was not rendered (`{{ … }}`, `${…}`): the image, and the credential kubelet sends for it, are known only in the rendered output.",
            why: "`{` and `$` are never part of an image reference, so as written the image is not one: it is what Helm (`{{ .Values.image.tag }}` in a chart's `templates/`, where the YAML happens to parse), Flux's `postBuild` substitution (`${TAG}`, from `substitute` and `substituteFrom`) or another template engine replaces before the object reaches the cluster. `check` cannot tell which registry it names, so the pull is unknown rather than `invalid-image`. If nothing renders the file, kubelet reports `InvalidImageName`, as for `invalid-image`.",
            example: Input("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: \"quay.io/team/web:{{ .Values.image.tag }}\"\n"),
            help: "Check what renders (`helm template … | pullsecret check -`, `flux build kustomization … | pullsecret check -`).",
        }
        InvalidImage {
            name: "invalid-image",
            severity: Error,
            clients: "kubelet: `InvalidImageName`, never pulled",
            summary: "A container's image is not a valid image reference.",
            why: "kubelet parses the image with distribution's reference grammar (`ParseNormalizedNamed`) before any pull; a reference it cannot parse (upper-case repository, a bad tag or digest) leaves the container in `InvalidImageName`.",
            example: Input("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: quay.io/Team/Web:1.0\n"),
            help: "Write the image as `registry/repository:tag` in lower case (a digest as `@sha256:…`).",
        }
    }
}

impl Code {
    /// A routine finding: present in most files that the tools themselves write (every
    /// pull secret the OpenShift installer and console make has `email`; every image a workload
    /// pulls with credentials has `image-pull-credential`), so a text report may fold it into a
    /// count (`pullsecret validate` shows it with `-v`). Reports always hold it.
    pub fn is_routine(self) -> bool {
        matches!(self, Code::EmailDeprecated | Code::ImagePullCredential)
    }

    /// A finding that only says the input holds no pull secret: no Secret or config at all
    /// (`not-an-object`: a Deployment, a ConfigMap), Secrets of other types only
    /// (`secret-no-data`), an empty file (`empty-input`), or a JSON object without any registry
    /// entry (`empty-auths`: any other JSON file reads as a config without credentials). A check
    /// over a repository, where most files are such, counts a file whose every finding is one of
    /// these (and which has no entry) instead of reporting it; `validate` of one file reports it.
    pub fn means_no_pull_secret(self) -> bool {
        matches!(
            self,
            Code::NotAnObject | Code::SecretNoData | Code::EmptyInput | Code::EmptyAuths
        )
    }
}
