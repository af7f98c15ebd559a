//! What `pullsecret check` adds to a file's report because the file is in a repository: a
//! warning on every pull secret whose credentials sit there in plain text, and whether the file
//! is a template that was not rendered.
//!
//! Why it exists: `validate` answers "will this file work?" for a file the user holds; in a
//! GitOps repository the same file is also a leak, since a Secret's `data` is only base64 and
//! `stringData` or a config file the text itself. Encrypted forms (SealedSecrets,
//! ExternalSecrets, SOPS) hold no readable credential: `validate` reads no entry from them, so
//! they are never flagged. The warning is added to the core's report (the object's findings and
//! every count), so each output format shows it without knowing about it.
//!
//! May use: `diagnostics`, `model::input` (`Source`), the `validate` report types.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::input::Source;
use crate::rules::validate::{ObjectReport, Report};
use crate::syntax::json::Span;

/// Adds a `secret-in-plain-text` warning to every object of `report` that holds a credential
/// (a password, an `auth`, an identity token) readable as it is stored, and counts it.
pub fn flag_plain_text_secrets(report: &mut Report) {
    for o in &mut report.objects {
        if let Some(d) = plain_text(o) {
            o.diagnostics.insert(0, d);
            o.warnings += 1;
            report.warnings += 1;
        }
    }
}

/// Whether `text`, whose report is `report`, is a template that was not rendered: `{{ … }}`
/// (Go templates: a Helm chart's `templates/`; Jinja expressions) or a Jinja statement
/// `{% … %}` (Ansible, Salt, mkdocs' `{% raw %}` around a snippet) where YAML or JSON cannot be
/// read. A repository holds those beside what they render, and the pull secrets are in the
/// rendered output (`helm template … | pullsecret check -`): `check` counts such files and
/// reads on.
pub fn is_unrendered_template(text: &str, report: &Report) -> bool {
    (text.contains("{{") || text.contains("{%"))
        && report
            .all_diagnostics()
            .any(|d| matches!(d.code, Code::YamlSyntax | Code::JsonSyntax))
}

fn plain_text(o: &ObjectReport) -> Option<Diagnostic> {
    let credentials = o
        .entries
        .iter()
        .filter(|e| e.has_password || e.has_auth || e.has_identity_token)
        .count();
    if credentials == 0 {
        return None;
    }
    let what = match credentials {
        1 => String::from("a registry credential"),
        n => format!("{n} registry credentials"),
    };
    let (message, pointer) = match &o.source {
        Source::Secret { secret } => {
            let name = match (&secret.namespace, &secret.name) {
                (Some(ns), Some(n)) => format!(" `{ns}/{n}`"),
                (None, Some(n)) => format!(" `{n}`"),
                _ => String::new(),
            };
            let how = if secret.field == "data" {
                "`data` is base64, an encoding anyone can reverse"
            } else {
                "`stringData` is the text itself"
            };
            (
                format!("the Secret{name} keeps {what} in plain text in the repository ({how}): anyone who can read the repository or its history can use them"),
                format!("/{}/{}", secret.field, secret.key.replace('~', "~0").replace('/', "~1")),
            )
        }
        _ => (
            format!("this config file keeps {what} in plain text in the repository: anyone who can read the repository or its history can use them"),
            String::new(),
        ),
    };
    let mut d = Diagnostic::new(Code::SecretInPlainText, message, pointer, Span::new(0, 0))
        .with_severity(Severity::Warning);
    d.line = o.line;
    d.column = o.column;
    d.end_line = o.line;
    d.end_column = o.column;
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::validate::validate;

    fn codes(text: &str) -> (Vec<&'static str>, usize) {
        let mut r = validate(text);
        let before = r.warnings;
        flag_plain_text_secrets(&mut r);
        let codes = r
            .all_diagnostics()
            .filter(|d| d.code == Code::SecretInPlainText)
            .map(|d| d.code.as_str())
            .collect();
        (codes, r.warnings - before)
    }

    #[test]
    fn one_warning_per_secret_with_credentials() {
        let secret = |name: &str, config: &str| {
            format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{config}'\n")
        };
        let two = [
            secret(
                "a",
                r#"{"auths":{"q.io":{"auth":"dTpw"},"r.io":{"auth":"dTpw"}}}"#,
            ),
            secret("b", r#"{"auths":{"q.io":{"identitytoken":"t0k3n"}}}"#),
            secret("empty", r#"{"auths":{"q.io":{}}}"#),
        ]
        .join("---\n");
        assert_eq!(codes(&two), (vec!["secret-in-plain-text"; 2], 2));
        let mut r = validate(&two);
        flag_plain_text_secrets(&mut r);
        let d = &r.objects[0].diagnostics[0];
        assert_eq!(
            (d.line, d.column, d.pointer.as_str()),
            (1, 1, "/stringData/.dockerconfigjson")
        );
        assert!(d
            .message
            .starts_with("the Secret `a` keeps 2 registry credentials in plain text"));
        // A config file too; a file without credentials is not flagged.
        assert_eq!(codes(r#"{"auths":{"q.io":{"auth":"dTpw"}}}"#).1, 1);
        assert_eq!(codes(r#"{"auths":{}}"#).1, 0);
    }

    #[test]
    fn unrendered_templates() {
        let is = |t: &str| is_unrendered_template(t, &validate(t));
        // Helm's `{{ … }}` where YAML cannot be read, in YAML and in JSON.
        assert!(is("apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include \"x\" . | nindent 4 }}\n"));
        assert!(is("{\"auths\": {{ .Values.auths }}}"));
        // Jinja's statements: a file that opens with `{% raw %}` reads as broken JSON.
        assert!(is(
            "{% raw %}\napiVersion: v1\nkind: Secret\n{% endraw %}\n"
        ));
        assert!(is(
            "kind: Secret\nmetadata:\n  name: x\n{% if prod %}\ntype: Opaque\n{% endif %}\n"
        ));
        // Braces in readable text, and unreadable text without them, are not templates.
        assert!(!is(
            "apiVersion: v1\nkind: ConfigMap\ndata:\n  note: \"{{ not a template }}\"\n"
        ));
        assert!(!is("{\"auths\": [}"));
    }

    #[test]
    fn encrypted_secrets_are_not_flagged() {
        let sops = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ENC[AES256_GCM,data:q8Jm3w==,iv:AA==,tag:AA==,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:AA==,type:str]\n  version: 3.9.0\n";
        let r = validate(sops);
        assert_eq!(
            r.errors,
            0,
            "{:?}",
            r.all_diagnostics().map(|d| d.code).collect::<Vec<_>>()
        );
        assert!(r.all_diagnostics().any(|d| d.code == Code::SopsEncrypted));
        assert_eq!(codes(sops).1, 0);
        // `ENC[` without the sops section is not SOPS: a base64 error, as before.
        let fake = sops.split("sops:").next().unwrap();
        assert!(validate(fake)
            .all_diagnostics()
            .any(|d| d.code == Code::SecretDataNotBase64));
    }
}
