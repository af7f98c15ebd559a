//! `pullsecret_cli::run` with buffers for streams: exit statuses, and no canary secret in any
//! error, note or report (the binary and the Node launcher run this same function).

use pullsecret_cli::{run, Io};

const CANARY: &str = "canary-Rust-cli-pw-9931";

/// Runs `args` with `stdin`; returns (status, stdout, stderr).
fn pullsecret(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut input = stdin.as_bytes();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = Io {
        stdin: &mut input,
        stdout: &mut out,
        stderr: &mut err,
        stdin_is_terminal: false,
        stdout_is_terminal: false,
        registry_auth_file: None,
    };
    let status = run(
        std::iter::once("pullsecret").chain(args.iter().copied()),
        &mut io,
    );
    (
        status,
        String::from_utf8(out).expect("utf-8 stdout"),
        String::from_utf8(err).expect("utf-8 stderr"),
    )
}

/// Standard padded base64 (the `base64` crate, as the core uses it).
fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn statuses_and_texts() {
    let ok = format!(r#"{{"auths":{{"quay.io":{{"auth":"{}"}}}}}}"#, b64("u:p"));
    let (status, out, err) = pullsecret(&["validate", "-"], &ok);
    assert_eq!((status, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "<stdin>: 0 errors, 0 warnings (dockerconfigjson, 1 entry)\n"
    );
    let (status, out, _) = pullsecret(
        &["validate", "-"],
        r#"{"auths":{"quay.io":{"auth":"bad"}}}"#,
    );
    assert_eq!(status, 1);
    assert!(
        out.starts_with("<stdin>:1:29 error auth-not-base64 "),
        "{out}"
    );
    let (status, _, err) = pullsecret(&["validate", "--output=xml", "-"], &ok);
    assert_eq!(status, 2);
    assert!(
        err.starts_with("error: invalid value for --output"),
        "{err}"
    );
    let (status, out, _) = pullsecret(
        &[
            "lookup",
            "quay.io/a/b",
            "-",
            "--client=kubelet",
            "-o",
            "json",
        ],
        &ok,
    );
    assert_eq!(status, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["matches"][0]["registry"], "quay.io");
    let (status, out, _) = pullsecret(
        &[
            "create",
            "secret",
            "docker-registry",
            "x",
            "--docker-username=u",
            "--docker-password=p",
            "-o",
            "name",
        ],
        "",
    );
    assert_eq!((status, out.as_str()), (0, "secret/x\n"));
}

#[test]
fn no_canary_in_errors_or_reports() {
    let inputs = [
        format!(r#"{{"auths":{{"r.io":{{"auth":"{CANARY}"}}}}}}"#),
        format!(
            r#"{{"auths":{{"r.io":{{"auth":"{}"}}}}}} trailing {CANARY}"#,
            b64(&format!("u:{CANARY}"))
        ),
        format!(r#"{{"auths":{{"r.io":{{"password": {CANARY}}}}}}}"#),
        format!("apiVersion: v1\nkind: Secret\ndata:\n  .dockerconfigjson: \"{CANARY}\"\n"),
    ];
    let leaks = |s: &str| s.contains(CANARY) || s.contains(&b64(&format!("u:{CANARY}")));
    for input in &inputs {
        for args in [
            &["validate", "-"][..],
            &["validate", "-", "-o", "json"],
            &["lookup", "r.io/a", "-", "-o", "json"],
        ] {
            let (_, out, err) = pullsecret(args, input);
            assert!(!leaks(&out) && !leaks(&err), "{args:?} leaked for {input}");
        }
        for args in [&["parse", "-"][..], &["convert", "-", "--to=auth.json"]] {
            let (_, _, err) = pullsecret(args, input);
            assert!(!leaks(&err), "stderr of {args:?} leaked for {input}");
        }
    }
    for args in [
        &[
            "create",
            "secret",
            "docker-registry",
            "x",
            &format!("--docker-pasword={CANARY}"),
        ][..],
        &[
            "create",
            "secret",
            "docker-registry",
            "x",
            &format!("-Z{CANARY}"),
        ],
        &["validate", "-o", CANARY, "-"],
        &[
            "login",
            "--registry=a.io",
            &format!("--auth-basic={CANARY}"),
            "--to=/nonexistent/dir/x.json",
        ],
    ] {
        let (status, out, err) = pullsecret(args, "{}");
        assert_ne!(status, 0, "{args:?}");
        assert!(
            !out.contains(CANARY) && !err.contains(CANARY),
            "{args:?}: {err}"
        );
    }
}
