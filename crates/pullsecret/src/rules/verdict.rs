//! Verdicts: what one client does with one entry, or with the whole file.
//!
//! The per-client answers (`used`, `anonymous`, `ignored`, `fails-registry`, `fails-all`) that
//! `validate`'s entry table, its client summary and `lookup` all share, with the file-level
//! verdicts (BOM, empty, trailing data, not JSON) decided once from the input's diagnostics.

use crate::diagnostics::Code;
use crate::model::input::{Input, Source};

/// The clients whose reading rules pullsecret knows (serialized and read as `kubelet`,
/// `containers`, `docker`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of kubelet, containers, docker"
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Client {
    /// kubelet reading `imagePullSecrets` (and its node-level `config.json`).
    Kubelet,
    /// containers/image: podman, CRI-O, skopeo, buildah, `oc`.
    Containers,
    /// The Docker CLI.
    Docker,
}

impl Client {
    pub const ALL: [Client; 3] = [Client::Kubelet, Client::Containers, Client::Docker];

    pub fn as_str(self) -> &'static str {
        match self {
            Client::Kubelet => "kubelet",
            Client::Containers => "containers",
            Client::Docker => "docker",
        }
    }
}

/// What one client does with one entry (serialized as `used`, `anonymous`, `ignored`,
/// `fails-registry`, `fails-all`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Status {
    /// Credentials are read and sent.
    Used,
    /// The entry matches but carries no credentials: an anonymous attempt.
    Anonymous,
    /// The client skips the entry.
    Ignored,
    /// Pulls from this entry's registry fail with an error.
    FailsRegistry,
    /// The client cannot read the file (or secret) at all: every pull that uses it fails.
    FailsAll,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Used => "used",
            Status::Anonymous => "anonymous",
            Status::Ignored => "ignored",
            Status::FailsRegistry => "fails-registry",
            Status::FailsAll => "fails-all",
        }
    }
}

/// A status with the reason, when it is not plain `used`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Verdict {
    pub status: Status,
    /// Why, as a stable key (`r` and 8 hex digits of the FNV-1a hash of the text); the report's
    /// `reasons` holds the text once.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "reason_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub reason: Option<&'static str>,
}

/// The stable key of a verdict's explanation: `r` and the 8 hex digits of the FNV-1a hash of
/// its text, so that the same explanation has the same key in every report and on every surface,
/// and a changed explanation a new one. Reports carry each explanation once, in `reasons`,
/// instead of repeating the sentence for every entry and client.
pub fn reason_key(text: &str) -> ReasonKey {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    let mut key = [b'r'; 9];
    for (i, k) in key[1..].iter_mut().enumerate() {
        *k = b"0123456789abcdef"[(h >> (28 - 4 * i) & 15) as usize];
    }
    ReasonKey(key)
}

/// A reason key (`r` and 8 hex digits), without allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReasonKey([u8; 9]);

impl ReasonKey {
    pub fn as_str(&self) -> &str {
        // Always ASCII: `r` and hex digits.
        std::str::from_utf8(&self.0).unwrap_or("r")
    }
}

impl serde::Serialize for ReasonKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Serializes an optional reason as its key.
pub(crate) fn reason_opt<S: serde::Serializer>(
    r: &Option<&'static str>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match r {
        Some(t) => s.serialize_str(reason_key(t).as_str()),
        None => s.serialize_none(),
    }
}

/// One value per client, serialized as `{kubelet, containers, docker}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clients<T> {
    pub kubelet: T,
    pub containers: T,
    pub docker: T,
}

impl<T> Clients<T> {
    /// The value for `client`.
    pub fn get(&self, client: Client) -> &T {
        match client {
            Client::Kubelet => &self.kubelet,
            Client::Containers => &self.containers,
            Client::Docker => &self.docker,
        }
    }

    /// The values in [`Client::ALL`] order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        [&mut self.kubelet, &mut self.containers, &mut self.docker].into_iter()
    }
}

impl<T> From<[T; 3]> for Clients<T> {
    fn from([kubelet, containers, docker]: [T; 3]) -> Self {
        Clients {
            kubelet,
            containers,
            docker,
        }
    }
}

pub(crate) const fn v(status: Status, reason: &'static str) -> Verdict {
    Verdict {
        status,
        reason: Some(reason),
    }
}
pub(crate) const BOM: Verdict = v(
    Status::FailsAll,
    "a UTF-8 BOM: Go's JSON decoders reject the file (docker warns and pulls anonymously)",
);
pub(crate) const EMPTY: Verdict = v(
    Status::FailsAll,
    "an empty file: Go's json.Unmarshal rejects it (docker reads it as no credentials)",
);
pub(crate) const TRAILING: Verdict = v(
    Status::FailsAll,
    "data after the JSON value: Go's json.Unmarshal rejects the file (docker ignores the rest)",
);
pub(crate) const UTF16: Verdict = v(
    Status::FailsAll,
    "the file is UTF-16: Go's JSON decoders read UTF-8 only (docker warns and pulls anonymously)",
);
pub(crate) const NOT_JSON: Verdict = v(Status::FailsAll, "the file is not valid JSON");
pub(crate) const NOT_AN_OBJECT: Verdict = v(
    Status::FailsAll,
    "the top level is not a JSON object: Go's json.Unmarshal rejects the file (docker warns and pulls anonymously)",
);
const YAML_SYNTAX: Verdict = v(
    Status::FailsAll,
    "the YAML cannot be read: kubectl refuses it, so no Secret in it reaches kubelet",
);
const JSON_STREAM_SYNTAX: Verdict = v(
    Status::FailsAll,
    "the JSON stream cannot be read: kubectl stops at the syntax error, so no Secret from there on reaches kubelet",
);

const TOO_DEEP: Verdict = v(
    Status::FailsAll,
    "the text nests collections deeper than any credential file: it was not read",
);
const TOO_LARGE: Verdict = v(
    Status::FailsAll,
    "the text is larger than 64 MiB: it was not read (the API server refuses Secrets above 1 MiB)",
);

/// What every client makes of an input whose error belongs to no object and makes the whole
/// text unreadable (a YAML syntax error, a broken JSON stream, a UTF-16 file): nothing in it
/// can be read (a JSON file that does not parse keeps its error in its one object). `None`
/// for the others (a stream without a pull secret has nothing to read, but nothing fails).
pub(crate) fn input_verdict(code: Code) -> Option<Verdict> {
    match code {
        Code::Utf16 => Some(UTF16),
        Code::YamlSyntax => Some(YAML_SYNTAX),
        Code::JsonSyntax => Some(JSON_STREAM_SYNTAX),
        Code::TooDeep => Some(TOO_DEEP),
        Code::TooLarge => Some(TOO_LARGE),
        _ => None,
    }
}

/// Per client (kubelet, containers, docker): a value of the wrong JSON type in a field the
/// client's struct has (see `Refused`).
pub(crate) const WRONG_TYPE: [Verdict; 3] = [
    v(
        Status::FailsAll,
        "a value has the wrong JSON type: kubelet rejects the whole secret",
    ),
    v(
        Status::FailsAll,
        "a value has the wrong JSON type: containers/image cannot read the file",
    ),
    v(
        Status::FailsAll,
        "a value has the wrong JSON type: docker cannot load the file (it warns and pulls anonymously)",
    ),
];

/// The file-level verdicts of a config some clients refuse for a wrong-typed value.
pub(crate) fn refused(r: crate::model::config::Refused) -> [Option<Verdict>; 3] {
    let [k, c, d] = WRONG_TYPE;
    [
        r.kubelet.then_some(k),
        r.containers.then_some(c),
        r.docker.then_some(d),
    ]
}

pub(crate) const USED: Verdict = Verdict {
    status: Status::Used,
    reason: None,
};

/// Per client (kubelet, containers, docker): why it cannot read the file at all, if it cannot.
pub(crate) fn file_verdicts(input: &Input<'_>) -> [Option<Verdict>; 3] {
    let has = |c: Code| input.diagnostics.iter().any(|d| d.code == c);
    if has(Code::TooLarge) {
        [Some(TOO_LARGE); 3]
    } else if has(Code::TooDeep) {
        [Some(TOO_DEEP); 3]
    } else if has(Code::Utf16) {
        [Some(UTF16); 3]
    } else if matches!(input.source, Source::File) && has(Code::Bom) {
        [Some(BOM); 3]
    } else if has(Code::EmptyInput) {
        unreadable(true)
    } else if !has(Code::JsonSyntax) {
        [None; 3]
    } else if input.first_value_only {
        // Data after the value: the first value is kept, docker reads only that.
        [Some(TRAILING), Some(TRAILING), None]
    } else {
        unreadable(false)
    }
}

/// What each client makes of a config that is empty, or otherwise not JSON: docker accepts an
/// empty file (no credentials), `json.Unmarshal` (kubelet, containers/image) does not.
pub(crate) fn unreadable(empty: bool) -> [Option<Verdict>; 3] {
    if empty {
        [Some(EMPTY), Some(EMPTY), None]
    } else {
        [Some(NOT_JSON); 3]
    }
}

/// Adds [`unreadable`] for the config inside a Secret or base64 input, keeping what the outer
/// text already decided.
pub(crate) fn or_unreadable(verdicts: &mut [Option<Verdict>; 3], empty: bool) {
    for (v, u) in verdicts.iter_mut().zip(unreadable(empty)) {
        *v = v.or(u);
    }
}
