//! `to_secret`: a Kubernetes Secret, byte for byte as kubectl prints it.
//!
//! Equivalent to `kubectl create secret docker-registry NAME --from-file=.dockerconfigjson=FILE
//! --dry-run=client -o yaml|json` (or `create secret generic ... --type=...`): the config bytes
//! go into `data` verbatim, base64-encoded; the object is printed as `sigs.k8s.io/yaml` or
//! `json.MarshalIndent` would. kubectl 1.34 dropped `creationTimestamp: null` from this output;
//! `creation_timestamp: true` restores it for older kubectl.

use crate::b64;
use crate::config::Format;
use crate::diagnostic::Code;
use crate::error::{Error, ErrorCode};
use crate::gojson::Writer;
use crate::goyaml::{self, Yaml};
use alloc::string::String;
use alloc::vec;

/// The two Secret types kubelet reads pull credentials from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretType {
    /// `kubernetes.io/dockerconfigjson`, key `.dockerconfigjson`, content `{"auths": ...}`.
    DockerConfigJson,
    /// `kubernetes.io/dockercfg`, key `.dockercfg`, legacy content (registries at the top level).
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

/// `-o yaml` or `-o json`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    #[default]
    Yaml,
    Json,
}

/// Options of [`to_secret`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretOptions {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`; left out when absent, as kubectl does without `-n`.
    pub namespace: Option<String>,
    /// Default: `kubernetes.io/dockercfg` for legacy content, else `kubernetes.io/dockerconfigjson`.
    pub secret_type: Option<SecretType>,
    pub output: OutputFormat,
    /// Print `creationTimestamp: null` as kubectl 1.33 and older do.
    pub creation_timestamp: bool,
}

impl SecretOptions {
    /// Reads `{"name", "namespace"?, "type"?, "output"?, "creationTimestamp"?}`; unknown names are refused.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let o = crate::options::Options::read(
            text,
            &["name", "namespace", "type", "output", "creationTimestamp"],
        )?;
        Ok(SecretOptions {
            name: o.string("name")?.unwrap_or_default(),
            namespace: o.string("namespace")?,
            secret_type: o.choice(
                "type",
                &[
                    (
                        SecretType::DockerConfigJson.as_str(),
                        SecretType::DockerConfigJson,
                    ),
                    (SecretType::DockerCfg.as_str(), SecretType::DockerCfg),
                ],
            )?,
            output: o
                .choice(
                    "output",
                    &[("yaml", OutputFormat::Yaml), ("json", OutputFormat::Json)],
                )?
                .unwrap_or_default(),
            creation_timestamp: o.boolean("creationTimestamp")?,
        })
    }
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
        crate::document::read_config(config, &[Code::Bom], |_, text, cfg| {
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
                    alloc::format!("{{\"auths\":{}}}", text.trim())
                }
            };
            (b64::encode(bytes.as_bytes()), t)
        })?;
    Ok(render(
        &opts.name,
        opts.namespace.as_deref(),
        secret_type,
        &data,
        opts.output,
        opts.creation_timestamp,
    ))
}

/// Prints a Secret holding `data_b64` under the type's key.
pub fn render(
    name: &str,
    namespace: Option<&str>,
    secret_type: SecretType,
    data_b64: &str,
    output: OutputFormat,
    creation_timestamp: bool,
) -> String {
    match output {
        OutputFormat::Yaml => {
            let mut meta = vec![];
            if creation_timestamp {
                meta.push(("creationTimestamp".into(), Yaml::Null));
            }
            meta.push(("name".into(), Yaml::str(name)));
            if let Some(ns) = namespace {
                meta.push(("namespace".into(), Yaml::str(ns)));
            }
            let doc = Yaml::map_sorted(vec![
                ("apiVersion".into(), Yaml::str("v1")),
                (
                    "data".into(),
                    Yaml::Map(vec![(secret_type.data_key().into(), Yaml::str(data_b64))]),
                ),
                ("kind".into(), Yaml::str("Secret")),
                ("metadata".into(), Yaml::map_sorted(meta)),
                ("type".into(), Yaml::str(secret_type.as_str())),
            ]);
            goyaml::to_string(&doc)
        }
        OutputFormat::Json => {
            let mut w = Writer::indented("    ");
            w.begin_object()
                .field("kind", "Secret")
                .field("apiVersion", "v1");
            w.key("metadata")
                .begin_object()
                .field("name", name)
                .opt_field("namespace", namespace);
            if creation_timestamp {
                w.key("creationTimestamp").null();
            }
            w.end_object();
            w.key("data")
                .begin_object()
                .field(secret_type.data_key(), data_b64)
                .end_object();
            w.field("type", secret_type.as_str()).end_object();
            let mut s = w.finish();
            s.push('\n');
            s
        }
    }
}
