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

/// A JWT whose payload holds the canary and expires at `exp` (seconds since the epoch).
fn jwt(exp: i64) -> String {
    use base64::Engine;
    let seg = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.c2ln",
        seg(r#"{"alg":"RS256"}"#),
        seg(&format!(r#"{{"sub":"{CANARY}","exp":{exp}}}"#))
    )
}

#[test]
fn tokens_expiry_as_at_now_or_the_system_clock() {
    // Expires at 2025-12-01T00:00:00Z.
    let token = jwt(1_764_547_200);
    let config = format!(
        r#"{{"auths":{{"quay.io":{{"auth":"{}"}}}}}}"#,
        b64(&format!("robot:{token}"))
    );
    let no_token = |what: &str, text: &str| {
        assert!(!text.contains(&token), "{what}: the token was printed");
        assert!(!text.contains(&token[..30]), "{what}: part of the token");
        assert!(!text.contains(CANARY), "{what}: the canary was printed");
    };
    let (status, out, err) = pullsecret(&["validate", "-", "--now=2026-01-01T00:00:00Z"], &config);
    assert_eq!((status, err.as_str()), (1, ""));
    assert!(
        out.starts_with("<stdin>:1:29 error token-expired the password in `auth` is a JWT that expired at 2025-12-01T00:00:00Z (31 days ago)"),
        "{out}"
    );
    no_token("validate", &out);
    // 100 seconds before the expiry: a warning, exit 0; a window of 30 s: nothing.
    let (status, out, _) = pullsecret(&["validate", "-", "--now", "1764547100"], &config);
    assert_eq!(status, 0);
    assert!(
        out.contains("warning token-expiring") && out.contains("(in 1 minute)"),
        "{out}"
    );
    let (status, out, _) = pullsecret(
        &["validate", "-", "--now=1764547100", "--expiry-window=30s"],
        &config,
    );
    assert_eq!(
        (status, out.as_str()),
        (
            0,
            "<stdin>: 0 errors, 0 warnings (dockerconfigjson, 1 entry)\n"
        )
    );
    // The system clock: this token expired before this test was written.
    let (status, out, _) = pullsecret(&["validate", "-"], &config);
    assert_eq!(status, 1);
    assert!(out.contains("error token-expired"), "{out}");
    // check, every format: the finding, never the token.
    for format in ["text", "json", "github", "sarif", "junit"] {
        let (status, out, err) = pullsecret(
            &[
                "check",
                "-",
                "--now=2026-01-01T00:00:00+01:00",
                &format!("--format={format}"),
            ],
            &config,
        );
        assert_eq!(status, 1, "{format}: {err}");
        assert!(out.contains("token-expired"), "{format}: {out}");
        no_token(format, &out);
    }
    // Values that cannot be read are usage errors naming the flag and what it takes.
    for (args, message) in [
        (
            ["--now=yesterday"],
            "error: invalid value for --now: must be an RFC 3339 time",
        ),
        (
            ["--now=1767225600000"],
            "error: --now must be a time from 1970 to the year 5138",
        ),
        (
            ["--expiry-window=2w"],
            "error: invalid value for --expiry-window: must be a duration",
        ),
        (
            ["--expiry-window=36601d"],
            "error: --expiry-window must be at most 100 years",
        ),
    ] {
        for command in ["validate", "check"] {
            let (status, out, err) = pullsecret(&[command, "-", args[0]], &config);
            assert_eq!((status, out.as_str()), (2, ""), "{command} {args:?}");
            assert!(err.starts_with(message), "{command} {args:?}: {err}");
        }
    }
}
