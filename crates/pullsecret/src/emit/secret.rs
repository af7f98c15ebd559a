//! `to_secret`: a Kubernetes Secret, byte for byte as kubectl prints it.
//!
//! Equivalent to `kubectl create secret docker-registry NAME --from-file=.dockerconfigjson=FILE
//! --dry-run=client -o yaml|json` (or `create secret generic ... --type=...`): the config bytes
//! go into `data` verbatim, base64-encoded; the object is printed as `sigs.k8s.io/yaml` or
//! `json.MarshalIndent` would. kubectl 1.34 dropped `creationTimestamp: null` from this output;
//! `creation_timestamp: true` restores it for older kubectl. `append_hash` is kubectl's
//! `--append-hash` (see `hash.rs`); labels and annotations are printed as `kubectl label/annotate
//! --local -f -` prints them after `kubectl create`, the only way kubectl makes such a Secret.

use crate::diagnostics::Code;
use crate::diagnostics::{Error, ErrorCode};
use crate::go::base64 as b64;
use crate::go::yaml::Yaml;
use crate::model::config::Format;
use crate::model::tree;
use crate::model::tree::OutputFormat;

/// The two Secret types kubelet reads pull credentials from (read by their type names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(expecting = "one of kubernetes.io/dockerconfigjson, kubernetes.io/dockercfg")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SecretType {
    /// `kubernetes.io/dockerconfigjson`, key `.dockerconfigjson`, content `{"auths": ...}`.
    #[serde(rename = "kubernetes.io/dockerconfigjson")]
    DockerConfigJson,
    /// `kubernetes.io/dockercfg`, key `.dockercfg`, legacy content (registries at the top level).
    #[serde(rename = "kubernetes.io/dockercfg")]
    DockerCfg,
}

impl SecretType {
    pub fn as_str(self) -> &'static str {
        match self {
            SecretType::DockerConfigJson => "kubernetes.io/dockerconfigjson",
            SecretType::DockerCfg => "kubernetes.io/dockercfg",
        }
    }

    pub fn data_key(self) -> &'static str {
        match self {
            SecretType::DockerConfigJson => ".dockerconfigjson",
            SecretType::DockerCfg => ".dockercfg",
        }
    }
}

/// Options of [`to_secret`]: `{name, namespace?, type?, output?, creationTimestamp?,
/// appendHash?, labels?, annotations?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct SecretOptions {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`; left out when absent, as kubectl does without `-n`.
    pub namespace: Option<String>,
    /// Default: `kubernetes.io/dockercfg` for legacy content, else `kubernetes.io/dockerconfigjson`.
    #[serde(rename = "type")]
    pub secret_type: Option<SecretType>,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub output: OutputFormat,
    /// Print `creationTimestamp: null` as kubectl 1.33 and older do.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub creation_timestamp: bool,
    /// `--append-hash`: the name becomes `NAME-HASH`, the hash of type, name and data as kubectl
    /// computes it (labels, annotations and namespace do not count).
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub append_hash: bool,
    /// `metadata.labels`, as `kubectl label --local` adds them (keys and values checked).
    #[serde(deserialize_with = "crate::model::options::string_map")]
    #[cfg_attr(
        feature = "ts",
        ts(as = "Option<crate::model::options::StringMap>", optional)
    )]
    pub labels: Vec<(String, String)>,
    /// `metadata.annotations`, as `kubectl annotate --local` adds them (keys checked).
    #[serde(deserialize_with = "crate::model::options::string_map")]
    #[cfg_attr(
        feature = "ts",
        ts(as = "Option<crate::model::options::StringMap>", optional)
    )]
    pub annotations: Vec<(String, String)>,
}

/// Wraps a config (file text, base64 of it, or an existing Secret) in a Secret.
pub fn to_secret(config: &str, opts: &SecretOptions) -> Result<String, Error> {
    if opts.name.is_empty() {
        return Err(Error::option(
            ErrorCode::MissingOption,
            "name must be specified",
        ));
    }
    let (data, secret_type) =
        crate::model::document::read_config(config, &[Code::Bom], |_, text, cfg| {
            let t = opts.secret_type.unwrap_or(match cfg.format {
                Format::DockerCfg => SecretType::DockerCfg,
                Format::DockerConfigJson => SecretType::DockerConfigJson,
            });
            let bytes: String = match (t, cfg.format) {
                (SecretType::DockerConfigJson, Format::DockerConfigJson)
                | (SecretType::DockerCfg, Format::DockerCfg) => text.into(),
                (SecretType::DockerCfg, Format::DockerConfigJson) => match cfg.auths_span {
                    Some(s) => text[s.start..s.end].into(),
                    None => "{}".into(),
                },
                (SecretType::DockerConfigJson, Format::DockerCfg) => {
                    format!("{{\"auths\":{}}}", text.trim())
                }
            };
            (b64::encode(bytes.as_bytes()), t)
        })?;
    for (k, v) in &opts.labels {
        crate::model::labels::check_key("label", k)?;
        crate::model::labels::check_label_value(k, v)?;
    }
    for (k, _) in &opts.annotations {
        crate::model::labels::check_key("annotation", k)?;
    }
    let name = if opts.append_hash {
        let hash = crate::emit::hash::secret_hash(
            &opts.name,
            secret_type.as_str(),
            secret_type.data_key(),
            &data,
        );
        format!("{}-{hash}", opts.name)
    } else {
        opts.name.clone()
    };
    Ok(render_meta(
        &Meta {
            name: &name,
            namespace: opts.namespace.as_deref(),
            labels: &opts.labels,
            annotations: &opts.annotations,
            creation_timestamp: opts.creation_timestamp,
        },
        secret_type,
        &data,
        opts.output,
    ))
}

/// The `metadata` of a printed Secret.
pub struct Meta<'a> {
    pub name: &'a str,
    pub namespace: Option<&'a str>,
    pub labels: &'a [(String, String)],
    pub annotations: &'a [(String, String)],
    /// `creationTimestamp: null` (kubectl 1.33 and older).
    pub creation_timestamp: bool,
}

/// Prints a Secret holding `data_b64` under the type's key (no labels or annotations).
pub fn render(
    name: &str,
    namespace: Option<&str>,
    secret_type: SecretType,
    data_b64: &str,
    output: OutputFormat,
    creation_timestamp: bool,
) -> String {
    let meta = Meta {
        name,
        namespace,
        labels: &[],
        annotations: &[],
        creation_timestamp,
    };
    render_meta(&meta, secret_type, data_b64, output)
}

/// Prints a Secret with labels and annotations. Without them, `-o json` is kubectl's typed
/// `create` layout (`kind, apiVersion, metadata, data, type`); with them it is the layout of
/// `kubectl label/annotate --local -o json`, which prints its object as a generic map: every key
/// sorted. YAML sorts keys either way.
pub fn render_meta(
    meta: &Meta<'_>,
    secret_type: SecretType,
    data_b64: &str,
    output: OutputFormat,
) -> String {
    // One object in kubectl's typed field order; printing sorts it where kubectl does.
    let pairs = |pairs: &[(String, String)]| {
        Yaml::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.clone(), Yaml::str(v)))
                .collect(),
        )
    };
    let mut m = Yaml::strs(&[("name", meta.name)]);
    if let Some(ns) = meta.namespace {
        m = m.with("namespace", Yaml::str(ns));
    }
    if meta.creation_timestamp {
        m = m.with("creationTimestamp", Yaml::Null);
    }
    if !meta.labels.is_empty() {
        m = m.with("labels", pairs(meta.labels));
    }
    if !meta.annotations.is_empty() {
        m = m.with("annotations", pairs(meta.annotations));
    }
    let mut doc = Yaml::strs(&[("kind", "Secret"), ("apiVersion", "v1")])
        .with("metadata", m)
        .with("data", Yaml::strs(&[(secret_type.data_key(), data_b64)]))
        .with("type", Yaml::str(secret_type.as_str()));
    match output {
        OutputFormat::Yaml => tree::to_yaml(&mut doc),
        OutputFormat::Json => tree::to_json(
            &doc,
            !meta.labels.is_empty() || !meta.annotations.is_empty(),
        ),
    }
}
