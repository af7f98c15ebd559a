//! Canary secrets must never reach a diagnostic, an error, or Debug output.

use pullsecret::{
    create, lookup, parse, to_secret, validate, Client, CreateOptions, LookupOptions, SecretOptions,
};
use serde::de::DeserializeOwned;

const CANARY: &str = "canary-Pa55w0rd-9931";

/// Standard padded base64 (the `base64` crate, as the core uses it).
fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn inputs() -> Vec<String> {
    let auth = b64(&format!("user:{CANARY}"));
    vec![
        format!(r#"{{"auths":{{"r.io":{{"auth":"{CANARY}"}}}}}}"#),
        format!(r#"{{"auths":{{"r.io":{{"username":"u","password":"{CANARY}","auth":"{}"}}}}}}"#, b64("u:x")),
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}"}}}}}} {CANARY}"#),
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}"}}}}}}{{"{CANARY}":1}}"#),
        format!("\u{feff}{{\"auths\":{{\"r.io\":{{\"auth\":\"{auth}\"}}}}}}"),
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}", "password": {CANARY}}}}}}}"#),
        format!(r#"{{"auths":{{"r.io":{{"auth":"{}"}}}}}}"#, b64(CANARY)),
        format!(r#"{{"auths":{{"r.io":{{"identitytoken":"{CANARY}"}}}}}}"#),
        format!("apiVersion: v1\nkind: Secret\ndata:\n  .dockerconfigjson: \"{CANARY}\"\n"),
        format!("apiVersion: v1\nkind: Secret\nstringData:\n  .dockerconfigjson: '{{\"auths\":{{\"r\":{{\"auth\":\"{CANARY}\"}}}}}}'\n"),
        format!("apiVersion: v1\nkind: Secret\ndata:\n  .dockerconfigjson: {}\n", b64(&format!("{{\"auths\":{{\"r\":{{\"auth\":\"{auth}\",}}}}}}"))),
        // Findings with labels (duplicate keys, a second key for one registry, fields that
        // differ from `auth`): labels carry positions and fixed texts only.
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}","AUTH":"{auth}"}},"r.io":{{"auth":"{auth}"}},"https://r.io":{{"auth":"{auth}"}}}}}}"#),
        format!(r#"{{"auths":{{"r.io":{{"username":"{CANARY}","password":"{CANARY}","auth":"{}"}}}}}}"#, b64("u:x")),
        // Issue 14: a `_json_key` login, an ACR token login, wrong-typed fields some clients
        // skip, a repeated `auths`, helper placeholders.
        format!(r#"{{"auths":{{"gcr.io":{{"auth":"{}"}}}}}}"#, b64(&format!("_json_key:{{\n \"private_key\": \"{CANARY}\"\n}}"))),
        format!(r#"{{"auths":{{"x.azurecr.io":{{"auth":"{}","identitytoken":"{CANARY}"}}}}}}"#, b64("00000000-0000-0000-0000-000000000000:")),
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}","email":false,"identitytoken":["{CANARY}"]}}}},"credsStore":{{"{CANARY}":1}}}}"#),
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}"}}}},"auths":{{"q.io":{{"auth":"{auth}","password":"{CANARY}"}}}}}}"#),
        format!(r#"{{"auths":{{"r.io":{{}},"q.io":{{"identitytoken":"{CANARY}"}}}},"credsStore":"desktop"}}"#),
        // A UTF-16 file read as UTF-8: the BOM as two U+FFFD, NULs between the characters.
        format!(r#"{{"auths":{{"r.io":{{"auth":"{auth}"}}}}}}"#)
            .chars()
            .fold(String::from("\u{fffd}\u{fffd}"), |mut s, c| {
                s.push(c);
                s.push('\0');
                s
            }),
    ]
}

/// Options read from JSON text through serde_json's own deserializer (whose messages quote
/// values) and the core's `options::from`.
fn read<T: DeserializeOwned>(function: &str, text: &str) -> Result<T, pullsecret::Error> {
    pullsecret::options::from(function, &mut serde_json::Deserializer::from_str(text))
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} leaked the canary: {text}");
    for encoded in [b64(&format!("user:{CANARY}")), b64(CANARY)] {
        assert!(
            !text.contains(&encoded),
            "{what} leaked an auth value: {text}"
        );
    }
}

#[test]
fn reports_errors_and_debug_never_show_secrets() {
    for input in inputs() {
        let report = validate(&input);
        assert_clean("validate", &serde_json::to_string(&report).unwrap());
        assert_clean("validate Debug", &format!("{report:?}"));
        for d in report.all_diagnostics() {
            assert_clean("diagnostic", &format!("{d:?}"));
        }
        match parse(&input) {
            Ok(doc) => assert_clean("Document Debug", &format!("{doc:?}")),
            Err(e) => {
                assert_clean("parse error", &format!("{e} {e:?} {}", e.message));
            }
        }
        let opts = SecretOptions {
            name: "x".into(),
            ..Default::default()
        };
        if let Err(e) = to_secret(&input, &opts) {
            assert_clean("to_secret error", &format!("{e} {e:?}"));
        }
        for client in Client::ALL {
            match lookup(&input, "r.io/a/b:1", &LookupOptions { client }) {
                Ok(l) => assert_clean(
                    "lookup",
                    &format!("{} {l:?}", serde_json::to_string(&l).unwrap()),
                ),
                Err(e) => assert_clean("lookup error", &format!("{e} {e:?}")),
            }
        }
    }
}

#[test]
fn options_never_echo_values() {
    let opts = CreateOptions {
        username: "u".into(),
        password: CANARY.into(),
        ..Default::default()
    };
    assert_clean("CreateOptions Debug", &format!("{opts:?}"));
    for bad in [
        format!(r#"{{"username":"u","password":"{CANARY}","creationTimestamp":"{CANARY}"}}"#),
        format!(r#"{{"username":"u","password":["{CANARY}"]}}"#),
        format!(r#"{{"{CANARY}":"x"}}"#),
    ] {
        let Err(e) = read::<CreateOptions>("create", &bad) else {
            panic!("invalid options were accepted");
        };
        // an unknown option name is echoed (it is a name, not a value) unless it is the value itself
        if !bad.starts_with(&format!("{{\"{CANARY}\"")) {
            assert_clean("options error", &format!("{e} {e:?} {}", e.message));
        }
    }
    let missing = create(&CreateOptions {
        username: "u".into(),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(missing.code.as_str(), "missing-option");
}

#[test]
fn secret_options_and_refusals_never_show_secrets() {
    let config = create(&CreateOptions {
        username: "u".into(),
        password: CANARY.into(),
        ..Default::default()
    })
    .unwrap();
    for bad in [
        format!(r#"{{"name":"x","labels":"{CANARY}"}}"#),
        format!(r#"{{"name":"x","labels":{{"a":["{CANARY}"]}}}}"#),
        format!(r#"{{"name":"x","annotations":{{"a":{{"b":"{CANARY}"}}}}}}"#),
        format!(r#"{{"name":"x","appendHash":"{CANARY}"}}"#),
    ] {
        let e = read::<SecretOptions>("toSecret", &bad).expect_err("invalid options");
        assert_clean("secret options error", &format!("{e} {e:?} {}", e.message));
    }
    // Refused labels and annotations: the message names the label, never the config's content.
    for opts in [
        r#"{"name":"x","appendHash":true,"labels":{"app":"-bad"}}"#,
        r#"{"name":"x","appendHash":true,"labels":{"bad key":"v"}}"#,
        r#"{"name":"x","annotations":{"a/b/c":"v"}}"#,
    ] {
        let e = to_secret(&config, &read::<SecretOptions>("toSecret", opts).unwrap()).unwrap_err();
        assert_eq!(e.code.as_str(), "invalid-option");
        assert_clean("label refusal", &format!("{e} {e:?} {}", e.message));
    }
    let opts = read::<SecretOptions>(
        "toSecret",
        r#"{"name":"x","appendHash":true,"labels":{"a":"b"},"annotations":{"n":"v"}}"#,
    )
    .unwrap();
    assert_clean("SecretOptions Debug", &format!("{opts:?}"));
    assert!(to_secret(&config, &opts).unwrap().contains("name: x-"));
}

#[test]
fn convert_notes_errors_and_debug_never_show_secrets() {
    use pullsecret::{convert, ConvertOptions, Target};
    let targets = [
        Target::AuthJson,
        Target::ConfigJson,
        Target::DockerCfg,
        Target::Rkt,
        Target::Butane,
        Target::Mesos,
    ];
    let mut more = inputs();
    more.push(format!(
        r#"{{"auths":{{"r.io":{{"auth":"{}","identitytoken":"{CANARY}","registrytoken":"{CANARY}","email":"e"}},"s.io":{{"username":"u","password":"{CANARY}"}}}},"credsStore":"x","psFormat":"{CANARY}"}}"#,
        b64(&format!("user:{CANARY}"))
    ));
    for input in more {
        for to in targets {
            let opts = ConvertOptions {
                to,
                source: Some("https://h/c.json".into()),
                uri: None,
            };
            match convert(&input, &opts) {
                Ok(c) => {
                    assert_clean("Converted Debug", &format!("{c:?}"));
                    for n in c.dropped.iter().chain(&c.changed) {
                        assert_clean("convert note", &format!("{} {}", n.what, n.why));
                    }
                }
                Err(e) => assert_clean("convert error", &format!("{e} {e:?} {}", e.message)),
            }
        }
    }
    let e = read::<ConvertOptions>("convert", &format!(r#"{{"to":"{CANARY}"}}"#)).unwrap_err();
    assert_clean("convert options error", &format!("{e} {e:?} {}", e.message));
}

#[test]
fn edits_never_show_secrets_in_errors_or_debug() {
    use pullsecret::{add, merge, remove, AddOptions, EditStyle, MergeOptions, RemoveOptions};
    let opts = AddOptions {
        registry: "r.io".into(),
        username: "u".into(),
        password: CANARY.into(),
        email: None,
        style: EditStyle::Podman,
    };
    assert_clean("AddOptions Debug", &format!("{opts:?}"));
    for input in inputs() {
        if let Err(e) = add(&input, &opts) {
            assert_clean("add error", &format!("{e} {e:?} {}", e.message));
        }
        if let Err(e) = remove(&input, "other.io", &RemoveOptions::default()) {
            assert_clean("remove error", &format!("{e} {e:?}"));
        }
        // Results hold the credentials in `config`; their Debug must not.
        let rm = read::<RemoveOptions>("remove", r#"{"aliases":true}"#).unwrap();
        if let Ok(r) = remove(&input, "other.io", &rm).or_else(|_| remove(&input, "r.io", &rm)) {
            assert_clean("Edited Debug", &format!("{r:?}"));
        }
        if let Ok(m) = merge(
            &[&input, &input.replace("r.io", "https://r.io")],
            &MergeOptions::default(),
        ) {
            assert!(
                m.config.contains("auth"),
                "the merged config has credentials to hide"
            );
            assert_clean("Merged Debug", &format!("{m:?}"));
        }
        let on_error = read::<MergeOptions>("merge", r#"{"onConflict":"error"}"#).unwrap();
        if let Err(e) = merge(&[&input, &input.replace("r.io", "https://r.io")], &on_error) {
            assert_clean("merge error", &format!("{e} {e:?}"));
        }
    }
    for bad in [
        format!(r#"{{"registry":"r","username":"u","password":"{CANARY}","style":"{CANARY}"}}"#),
        format!(r#"{{"registry":"r","username":"u:x","password":"{CANARY}"}}"#),
        format!(r#"{{"registry":"r","username":"u","password":{{"x":"{CANARY}"}}}}"#),
    ] {
        let e = read::<AddOptions>("add", &bad)
            .and_then(|o| add("{}", &o).map(|_| ()))
            .unwrap_err();
        assert_clean("add options error", &format!("{e} {e:?} {}", e.message));
    }
}

#[test]
fn cluster_objects_never_show_the_password() {
    use pullsecret::{delegated_auth, link, DelegatedAuthOptions, LinkOptions};
    let opts = DelegatedAuthOptions {
        auth_server: "sso.example.com".into(),
        registry: "r.example.com".into(),
        username: "user".into(),
        password: CANARY.into(),
        auth_secret_name: "sso".into(),
        registry_secret_name: "sso".into(),
        ..Default::default()
    };
    assert_clean("DelegatedAuthOptions Debug", &format!("{opts:?}"));
    assert_clean(
        "delegated_auth error",
        &delegated_auth(&opts).unwrap_err().to_string(),
    );
    let bad = read::<DelegatedAuthOptions>(
        "delegatedAuth",
        &format!(r#"{{"password":"{CANARY}","output":"{CANARY}"}}"#),
    )
    .unwrap_err();
    assert_clean(
        "delegated_auth options error",
        &format!("{bad} {bad:?} {}", bad.message),
    );
    // A ServiceAccount pasted with a secret in it: errors name the problem, not the text.
    let sa = format!("kind: ServiceAccount\nmetadata:\n  name: {CANARY}\nsecrets: {CANARY}\n");
    let e = link(
        &sa,
        &LinkOptions {
            secrets: vec!["s".into()],
            for_mount: true,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "wrong-type");
    assert_clean("link error", &format!("{e} {e:?} {}", e.message));
    let opts = LinkOptions {
        secrets: vec!["s".into()],
        for_pull: true,
        ..Default::default()
    };
    let e = link(&format!("kind: {CANARY}\n"), &opts).unwrap_err();
    assert_eq!(e.code.as_str(), "not-an-object");
    assert_clean("link error", &format!("{e} {e:?} {}", e.message));
}

#[test]
fn global_pull_secret_errors_never_show_secrets() {
    use pullsecret::{global_pull_secret, GlobalPullSecretOptions};
    for bad in [
        format!(r#"{{"registry":"r.io","authBasic":"{CANARY}"}}"#),
        format!(r#"{{"logins":[{{"registry":"r.io","authBasic":"u:{CANARY}","x":1}}]}}"#),
        format!(r#"{{"registry":"r.io","password":"{CANARY}","style":"{CANARY}"}}"#),
    ] {
        let e = read::<GlobalPullSecretOptions>("globalPullSecret", &bad)
            .and_then(|o| global_pull_secret("{}", &o).map(|_| ()))
            .unwrap_err();
        assert_clean(
            "global pull secret options error",
            &format!("{e} {e:?} {}", e.message),
        );
    }
    let opts = read::<GlobalPullSecretOptions>(
        "globalPullSecret",
        &format!(r#"{{"registry":"https://r.io","authBasic":"u:{CANARY}","style":"podman"}}"#),
    )
    .unwrap();
    assert_clean("GlobalPullSecretOptions Debug", &format!("{opts:?}"));
    // Podman style refuses the `https://` key before reading entries; preserve style reads them.
    let preserve = read::<GlobalPullSecretOptions>(
        "globalPullSecret",
        &format!(r#"{{"registry":"r.io","authBasic":"u:{CANARY}"}}"#),
    )
    .unwrap();
    for input in inputs() {
        for opts in [&opts, &preserve] {
            if let Err(e) = global_pull_secret(&input, opts) {
                assert_clean(
                    "global pull secret error",
                    &format!("{e} {e:?} {}", e.message),
                );
            }
        }
    }
}

/// Every options type, given wrong-typed values, unknown names and bad choices that hold the
/// canary: the error (message, Display, Debug) names the option and never shows the value.
#[test]
fn option_errors_never_show_the_value() {
    use pullsecret::*;
    let values = [
        format!("{CANARY:?}"),
        format!("[{CANARY:?}]"),
        format!("{{{CANARY:?}: {CANARY:?}}}"),
        "true".to_string(),
        "7".to_string(),
    ];
    let names = [
        "server",
        "username",
        "password",
        "email",
        "name",
        "namespace",
        "type",
        "output",
        "creationTimestamp",
        "appendHash",
        "labels",
        "annotations",
        "client",
        "to",
        "source",
        "uri",
        "registry",
        "authBasic",
        "style",
        "aliases",
        "onConflict",
        "serviceAccount",
        "secrets",
        "for",
        "fromNamespace",
        "group",
        "role",
        "roleBindingName",
        "generateName",
        "image",
        "container",
        "authServer",
        "authSecretName",
        "registrySecretName",
        "logins",
        "variant",
        "file",
    ];
    let mut refused = 0;
    for name in names {
        for value in &values {
            let text = format!("{{{name:?}: {value}}}");
            let errors = [
                read::<CreateOptions>("create", &text).err(),
                read::<SecretOptions>("toSecret", &text).err(),
                read::<LookupOptions>("lookup", &text).err(),
                read::<ConvertOptions>("convert", &text).err(),
                read::<AddOptions>("add", &text).err(),
                read::<RemoveOptions>("remove", &text).err(),
                read::<MergeOptions>("merge", &text).err(),
                read::<LinkOptions>("link", &text).err(),
                read::<GrantOptions>("grantPull", &text).err(),
                read::<WorkloadOptions>("podSnippet", &text).err(),
                read::<DelegatedAuthOptions>("delegatedAuth", &text).err(),
                read::<GlobalPullSecretOptions>("globalPullSecret", &text).err(),
            ];
            for e in errors.into_iter().flatten() {
                refused += 1;
                assert!(
                    matches!(e.code.as_str(), "invalid-option" | "missing-option"),
                    "{e}"
                );
                assert_clean(&text, &format!("{e} {e:?} {}", e.message));
            }
        }
    }
    assert!(refused > 500, "only {refused} refusals");
    // The message names the option.
    let e =
        read::<CreateOptions>("create", &format!(r#"{{"username": ["{CANARY}"]}}"#)).unwrap_err();
    assert_eq!(e.message, "create: username must be a string");
    let e = read::<ConvertOptions>("convert", &format!(r#"{{"to": "{CANARY}"}}"#)).unwrap_err();
    assert_eq!(
        e.message,
        "convert: to must be one of auth.json, config.json, dockercfg, rkt, butane, mesos"
    );
    let e = read::<ConvertOptions>("convert", r#"{"to": 5}"#).unwrap_err();
    assert_eq!(
        e.message,
        "convert: to must be one of auth.json, config.json, dockercfg, rkt, butane, mesos"
    );
    let e = read::<LookupOptions>("lookup", "{}").unwrap_err();
    assert_eq!(e.message, "lookup: missing option client");
    assert_eq!(e.code.as_str(), "missing-option");
    let e = read::<SecretOptions>("toSecret", r#"{"foo": 1}"#).unwrap_err();
    assert!(
        e.message
            .starts_with("toSecret: unknown option `foo` (expected one of: name, "),
        "{e}"
    );
    let e = read::<LinkOptions>("link", &format!(r#"{{"for": "{CANARY}"}}"#)).unwrap_err();
    assert_eq!(e.message, "link: for must be pull, mount, or both");
    let e = read::<SecretOptions>("toSecret", r#"{"labels": {"a": {"b": 1}}}"#).unwrap_err();
    assert_eq!(e.message, "toSecret: labels.a must be a string");
    let e = read::<GlobalPullSecretOptions>(
        "globalPullSecret",
        &format!(r#"{{"logins": [{{"registry": "r", "authBasic": "{CANARY}"}}]}}"#),
    )
    .unwrap_err();
    assert_eq!(
        e.message,
        "globalPullSecret: logins[0]: authBasic must be in the form user:password"
    );
}

/// Issue 17 part 7: tokens whose expiry is reported (expired, expiring, short-lived) in every
/// field that can hold one. The finding names the field and the date; the token, any segment of
/// it and the canary inside its payload never appear in the report, its Debug or a diagnostic.
#[test]
fn token_expiry_findings_never_show_the_token() {
    use base64::Engine;
    let url = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let jwt = |exp: i64| {
        format!(
            "{}.{}.{}",
            url(r#"{"alg":"RS256"}"#),
            url(&format!(r#"{{"sub":"{CANARY}","exp":{exp}}}"#)),
            url(CANARY)
        )
    };
    let ecr = b64(&format!(
        r#"{{"payload":"{CANARY}","expiration":1767225000}}"#
    ));
    let (old, soon) = (jwt(1_764_547_200), jwt(1_767_398_400));
    let inputs = [
        format!(
            r#"{{"auths":{{"r.io":{{"auth":"{}"}}}}}}"#,
            b64(&format!("u:{old}"))
        ),
        format!(r#"{{"auths":{{"r.io":{{"username":"u","password":"{soon}"}}}}}}"#),
        format!(
            r#"{{"auths":{{"r.io":{{"auth":"dTo=","identitytoken":"{old}","registrytoken":"{soon}"}}}}}}"#
        ),
        format!(
            r#"{{"auths":{{"r.io":{{"auth":"{}"}}}}}}"#,
            b64(&format!("AWS:{ecr}"))
        ),
        format!(
            r#"{{"auths":{{"r.io":{{"auth":"{}"}}}}}}"#,
            b64(&format!("oauth2accesstoken:ya29.{CANARY}"))
        ),
    ];
    let options = pullsecret::ValidateOptions {
        now: Some(1_767_225_600),
        ..Default::default()
    };
    for input in &inputs {
        let report = pullsecret::validate_with(input, &options);
        assert!(
            report
                .all_diagnostics()
                .any(|d| d.code.as_str().starts_with("token-")),
            "{input}"
        );
        let texts = [
            serde_json::to_string(&report).unwrap(),
            format!("{report:?}"),
        ];
        for text in &texts {
            assert_clean("validate_with", text);
            for token in [&old, &soon, &ecr] {
                for part in token.split('.') {
                    assert!(!text.contains(part), "a token segment leaked: {text}");
                }
            }
        }
    }
}
