//! The flow against scripted registries: every request it makes, what it sends, and what it
//! concludes. (The real registries: `tests/e2e/verify.test.mjs`.)

use super::*;

const PASSWORD: &str = "canary-Pa55:wörd";
const TOKEN: &str = "canary-refresh-token";

fn b64(s: &str) -> String {
    crate::go::base64::encode(s.as_bytes())
}

fn file(host: &str, entry: &str) -> String {
    format!(r#"{{"auths":{{"{host}":{entry}}}}}"#)
}

fn basic_entry() -> String {
    format!(r#"{{"auth":"{}"}}"#, b64(&format!("robot:{PASSWORD}")))
}

fn answer(status: u16, challenge: Option<&str>) -> Response {
    Response {
        status,
        www_authenticate: challenge.map(String::from).into_iter().collect(),
        ..Default::default()
    }
}

/// A registry as a function of the request; returns the results and every request seen.
fn run_with(
    text: &str,
    opts: &VerifyOptions,
    mut registry: impl FnMut(&Request) -> Result<Response, Unreachable>,
) -> (VerifyReport, Vec<Request>) {
    let mut seen = Vec::new();
    let jobs = plan(text, opts).unwrap();
    let results = jobs
        .iter()
        .map(|j| {
            j.run(opts.insecure, |r| {
                seen.push(r.clone());
                registry(r)
            })
        })
        .collect();
    let report = VerifyReport::new(opts.client, results);
    // No secret in anything shown: the report, its JSON, Debug of the requests.
    let shown = format!(
        "{report:?}{}{seen:?}",
        serde_json::to_string(&report).unwrap()
    );
    for s in [
        PASSWORD,
        TOKEN,
        &b64(&format!("robot:{PASSWORD}")),
        "tok-123",
    ] {
        assert!(!shown.contains(s), "secret shown: {shown}");
    }
    (report, seen)
}

fn basic_auth(r: &Request) -> Option<String> {
    r.authorization.as_ref().map(|a| a.expose().to_string())
}

fn htpasswd_registry(r: &Request) -> Result<Response, Unreachable> {
    let good = format!("Basic {}", b64(&format!("robot:{PASSWORD}")));
    match basic_auth(r) {
        None => Ok(answer(401, Some(r#"Basic realm="Registry Realm""#))),
        Some(a) if a == good && r.url.ends_with("/v2/test/tiny/manifests/v1") => {
            Ok(answer(200, None))
        }
        Some(a) if a == good && r.url.contains("/manifests/") => Ok(answer(404, None)),
        Some(a) if a == good => Ok(answer(200, None)),
        Some(_) => Ok(answer(401, Some(r#"Basic realm="Registry Realm""#))),
    }
}

#[test]
fn basic_login_without_an_image() {
    let text = file("r.test:5000", &basic_entry());
    let (report, seen) = run_with(&text, &VerifyOptions::default(), htpasswd_registry);
    assert!(report.ok);
    let v = &report.results[0];
    assert_eq!((v.outcome, v.host.as_str()), (Outcome::Ok, "r.test:5000"));
    assert_eq!(v.username.as_deref(), Some("robot"));
    let urls: Vec<(&str, &str)> = v
        .requests
        .iter()
        .map(|x| (x.method, x.url.as_str()))
        .collect();
    assert_eq!(
        urls,
        [
            ("GET", "https://r.test:5000/v2/"),
            ("GET", "https://r.test:5000/v2/")
        ]
    );
    assert_eq!(v.requests[1].sent, Sent::Basic);
    assert!(
        seen[0].authorization.is_none(),
        "the ping carries no credentials"
    );
}

#[test]
fn basic_with_images_goes_straight_to_the_manifest() {
    let text = file("r.test:5000", &basic_entry());
    let opts = VerifyOptions {
        images: vec![
            "r.test:5000/test/tiny:v1".into(),
            "r.test:5000/test/nope".into(),
        ],
        ..Default::default()
    };
    let (report, seen) = run_with(&text, &opts, htpasswd_registry);
    let outcomes: Vec<Outcome> = report.results.iter().map(|v| v.outcome).collect();
    assert_eq!(outcomes, [Outcome::Ok, Outcome::NotFound]);
    assert!(!report.ok);
    assert_eq!(seen[1].method, Method::Head);
    assert_eq!(
        seen[3].url,
        "https://r.test:5000/v2/test/nope/manifests/latest"
    );
    assert_eq!(seen[1].accept, Some(flow::MANIFEST_ACCEPT));
}

#[test]
fn wrong_password_is_unauthorized_with_a_fix() {
    let text = file("r.test", &format!(r#"{{"auth":"{}"}}"#, b64("robot:wrong")));
    let (report, _) = run_with(&text, &VerifyOptions::default(), htpasswd_registry);
    let v = &report.results[0];
    assert_eq!(v.outcome, Outcome::Unauthorized);
    assert!(v.fix.contains("log in again"), "{}", v.fix);
}

/// A token registry: `/v2/` asks for a bearer token from `realm`; robot may pull test/tiny only.
fn token_registry(realm: &'static str) -> impl FnMut(&Request) -> Result<Response, Unreachable> {
    move |r: &Request| {
        let challenge = format!(r#"Bearer realm="{realm}",service="reg""#);
        if r.url.starts_with(realm) {
            let good = format!("Basic {}", b64(&format!("robot:{PASSWORD}")));
            let form_ok = r.form.as_ref().is_some_and(|f| {
                f.expose().contains(&format!("refresh_token={TOKEN}"))
                    && f.expose().starts_with("grant_type=refresh_token")
            });
            let ok = basic_auth(r) == Some(good) || form_ok;
            if !ok {
                return Ok(answer(if r.form.is_some() { 400 } else { 401 }, None));
            }
            let scope = if r.url.contains("scope=repository%3Atest%2Ftiny%3Apull")
                || r.form
                    .as_ref()
                    .is_some_and(|f| f.expose().contains("scope=repository%3Atest%2Ftiny%3Apull"))
            {
                "tiny"
            } else {
                "none"
            };
            return Ok(Response {
                status: 200,
                body: format!(r#"{{"token":"tok-123-{scope}"}}"#).into_bytes(),
                ..Default::default()
            });
        }
        match basic_auth(r).as_deref() {
            Some("Bearer tok-123-tiny") if r.url.contains("/test/tiny/") => Ok(answer(200, None)),
            Some(a) if a.starts_with("Bearer tok-123") => Ok(answer(
                401,
                Some(&format!(
                    r#"{challenge},scope="repository:other/tiny:pull",error="insufficient_scope""#
                )),
            )),
            _ => Ok(answer(401, Some(&challenge))),
        }
    }
}

#[test]
fn bearer_ok_and_denied_with_a_password() {
    let text = file("reg.test", &basic_entry());
    let opts = VerifyOptions {
        images: vec![
            "reg.test/test/tiny:v1".into(),
            "reg.test/other/tiny:v1".into(),
        ],
        ..Default::default()
    };
    let (report, seen) = run_with(&text, &opts, token_registry("https://auth.test/token"));
    let outcomes: Vec<Outcome> = report.results.iter().map(|v| v.outcome).collect();
    assert_eq!(outcomes, [Outcome::Ok, Outcome::Denied]);
    assert_eq!(
        seen[1].url,
        "https://auth.test/token?service=reg&scope=repository%3Atest%2Ftiny%3Apull&account=robot"
    );
    assert_eq!(report.results[0].requests.len(), 3, "ping, token, manifest");
    assert!(report.results[1].fix.contains("pull access"));
}

#[test]
fn identity_token_is_a_refresh_grant_for_docker_and_containers_not_kubelet() {
    let entry = format!(
        r#"{{"auth":"{}","identitytoken":"{TOKEN}"}}"#,
        b64("robot:")
    );
    let text = file("reg.test", &entry);
    for client in [Client::Docker, Client::Containers] {
        let opts = VerifyOptions {
            client,
            images: vec!["reg.test/test/tiny:v1".into()],
            ..Default::default()
        };
        let (report, seen) = run_with(&text, &opts, token_registry("https://auth.test/token"));
        assert_eq!(report.results[0].outcome, Outcome::Ok, "{client:?}");
        assert_eq!(seen[1].method, Method::Post);
        assert_eq!(report.results[0].requests[1].sent, Sent::RefreshToken);
    }
    // kubelet's entries carry no token: it sends `robot:` as Basic, which is refused.
    let opts = VerifyOptions {
        images: vec!["reg.test/test/tiny:v1".into()],
        ..Default::default()
    };
    let (report, seen) = run_with(&text, &opts, token_registry("https://auth.test/token"));
    assert_eq!(report.results[0].outcome, Outcome::Unauthorized);
    assert_eq!(seen[1].method, Method::Get);
    // A bad refresh token: 400 invalid_grant is unauthorized.
    let text = file(
        "reg.test",
        &format!(r#"{{"auth":"{}","identitytoken":"other"}}"#, b64("robot:")),
    );
    let opts = VerifyOptions {
        client: Client::Docker,
        ..Default::default()
    };
    let (report, _) = run_with(&text, &opts, token_registry("https://auth.test/token"));
    assert_eq!(report.results[0].outcome, Outcome::Unauthorized);
    assert!(report.results[0].reason.contains("refresh token"));
}

#[test]
fn a_plain_http_token_service_gets_credentials_only_when_insecure() {
    let text = file("reg.test", &basic_entry());
    let (report, seen) = run_with(
        &text,
        &VerifyOptions::default(),
        token_registry("http://auth.test/token"),
    );
    assert_eq!(report.results[0].outcome, Outcome::Unreachable);
    assert!(report.results[0].reason.contains("plain HTTP"));
    assert_eq!(seen.len(), 1, "nothing sent to the token service");
    let opts = VerifyOptions {
        insecure: true,
        ..Default::default()
    };
    let (report, _) = run_with(&text, &opts, token_registry("http://auth.test/token"));
    assert_eq!(report.results[0].outcome, Outcome::Ok);
}

#[test]
fn a_redirect_to_another_host_carries_no_credentials() {
    let text = file("a.test", &basic_entry());
    let opts = VerifyOptions {
        images: vec!["a.test/test/tiny:v1".into()],
        ..Default::default()
    };
    // The manifest is redirected to b.test, which serves it.
    let (report, seen) = run_with(&text, &opts, |r| {
        if r.url.starts_with("https://b.test") {
            assert!(
                r.authorization.is_none(),
                "credentials sent to another host"
            );
            return Ok(answer(200, None));
        }
        if r.url.contains("/manifests/") && r.authorization.is_some() {
            return Ok(Response {
                status: 307,
                location: Some("https://b.test/blob/x".into()),
                ..Default::default()
            });
        }
        htpasswd_registry(r)
    });
    assert_eq!(seen.last().unwrap().url, "https://b.test/blob/x");
    assert_eq!(report.results[0].outcome, Outcome::Ok);
    assert!(report.results[0]
        .reason
        .contains("redirected the manifest to https://b.test"));
    // /v2/ redirected to b.test, which asks for credentials: they are not sent.
    let (report, seen) = run_with(&text, &VerifyOptions::default(), |r| {
        if r.url.starts_with("https://b.test") {
            assert!(
                r.authorization.is_none(),
                "credentials sent to another host"
            );
            return Ok(answer(401, Some(r#"Basic realm="b""#)));
        }
        Ok(Response {
            status: 307,
            location: Some("https://b.test/v2/".into()),
            ..Default::default()
        })
    });
    assert_eq!(report.results[0].outcome, Outcome::Unauthorized);
    assert!(report.results[0].reason.contains("never sends"));
    assert_eq!(seen.len(), 2);
}

#[test]
fn at_most_three_requests() {
    let text = file("a.test", &basic_entry());
    let (report, seen) = run_with(&text, &VerifyOptions::default(), |r| {
        Ok(Response {
            status: 302,
            location: Some(format!("{}x", r.url)),
            ..Default::default()
        })
    });
    assert_eq!(seen.len(), MAX_REQUESTS as usize);
    assert_eq!(report.results[0].outcome, Outcome::Unreachable);
}

#[test]
fn insecure_falls_back_to_plain_http_and_errors_are_unreachable() {
    let text = file("a.test:5000", &basic_entry());
    let tls_fails = |r: &Request| {
        if r.url.starts_with("https://") {
            return Err(Unreachable {
                kind: UnreachableKind::Tls,
                detail: "handshake".into(),
            });
        }
        htpasswd_registry(r)
    };
    let (report, _) = run_with(&text, &VerifyOptions::default(), tls_fails);
    assert_eq!(report.results[0].outcome, Outcome::Unreachable);
    assert!(report.results[0].reason.contains("TLS"));
    let opts = VerifyOptions {
        insecure: true,
        ..Default::default()
    };
    let (report, seen) = run_with(&text, &opts, tls_fails);
    assert_eq!(report.results[0].outcome, Outcome::Ok);
    assert_eq!(seen[1].url, "http://a.test:5000/v2/");
    assert_eq!(seen.len(), 3, "the fallback is the same request again");
}

#[test]
fn kubelet_tries_every_match_until_one_works() {
    let text = format!(
        r#"{{"auths":{{"r.test/test":{{"auth":"{}"}},"r.test":{}}}}}"#,
        b64("robot:wrong"),
        basic_entry()
    );
    let opts = VerifyOptions {
        images: vec!["r.test/test/tiny:v1".into()],
        ..Default::default()
    };
    let (report, _) = run_with(&text, &opts, htpasswd_registry);
    let rows: Vec<(Option<&str>, Outcome, bool)> = report
        .results
        .iter()
        .map(|v| (v.registry.as_deref(), v.outcome, v.fallback))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("r.test/test"), Outcome::Unauthorized, true),
            (Some("r.test"), Outcome::Ok, false)
        ]
    );
    assert!(report.ok, "the pull works with the second entry");
    // containers/image sends the most specific entry only.
    let opts = VerifyOptions {
        client: Client::Containers,
        ..opts
    };
    let (report, _) = run_with(&text, &opts, htpasswd_registry);
    assert_eq!(report.results.len(), 1);
    assert!(!report.ok);
}

#[test]
fn what_is_settled_without_the_network() {
    let text = format!(
        r#"{{"auths":{{"docker.io":{{"auth":"bad!"}},"empty.test":{{}},"*.glob.test":{}}},"credHelpers":{{"helped.test":"ecr-login"}}}}"#,
        basic_entry()
    );
    let text = text.replacen(
        "\"empty.test\"",
        "\"helped.test\":{\"auth\":\"dTpw\"},\"empty.test\"",
        1,
    );
    let opts = VerifyOptions {
        client: Client::Docker,
        ..Default::default()
    };
    let (report, seen) = run_with(&text, &opts, |_| panic!("nothing is sent"));
    let rows: Vec<(&str, Outcome)> = report
        .results
        .iter()
        .map(|v| (v.registry.as_deref().unwrap(), v.outcome))
        .collect();
    assert_eq!(
        rows,
        [
            ("docker.io", Outcome::Unusable),
            ("helped.test", Outcome::Skipped),
            ("empty.test", Outcome::Skipped),
            ("*.glob.test", Outcome::Skipped),
        ]
    );
    assert!(seen.is_empty());
    assert!(!report.ok, "an unusable entry fails");
    assert_eq!(report.results[0].host, "registry-1.docker.io");
}

#[test]
fn an_image_no_entry_matches_is_checked_anonymously() {
    let text = file("other.test", &basic_entry());
    let opts = VerifyOptions {
        images: vec!["reg.test/test/tiny:v1".into()],
        ..Default::default()
    };
    let (report, seen) = run_with(&text, &opts, token_registry("https://auth.test/token"));
    assert!(seen
        .iter()
        .all(|r| r.authorization.is_none() || r.url.contains("/v2/test")));
    assert_eq!(
        seen[1].url,
        "https://auth.test/token?service=reg&scope=repository%3Atest%2Ftiny%3Apull"
    );
    let v = &report.results[0];
    assert_eq!(
        (v.outcome, v.registry.as_deref()),
        (Outcome::Unauthorized, None)
    );
    assert!(
        v.fix.starts_with("add credentials for reg.test"),
        "{}",
        v.fix
    );
}

#[test]
fn options_and_commands() {
    let opts: VerifyOptions = crate::model::options::from(
        "verify",
        serde_json::json!({"client": "docker", "images": ["a/b"], "timeoutMs": 100}),
    )
    .unwrap();
    assert_eq!(
        (opts.client, opts.timeout_ms, opts.insecure),
        (Client::Docker, 100, false)
    );
    let err = crate::model::options::from::<VerifyOptions, _>(
        "verify",
        serde_json::json!({"images": "x"}),
    )
    .unwrap_err();
    assert!(err.message.starts_with("verify: images"), "{}", err.message);
    assert_eq!(
        verify_command(
            "my file.json",
            &VerifyCommandOptions {
                images: vec!["quay.io/a/b:1".into()],
                client: Some(Client::Docker)
            }
        ),
        "pullsecret verify 'my file.json' --image quay.io/a/b:1 --client docker"
    );
    assert_eq!(
        verify_command("it's", &VerifyCommandOptions::default()),
        r#"pullsecret verify 'it'\''s'"#
    );
    for (file, want) in [
        ("--insecure", "pullsecret verify ./--insecure"),
        ("-", "pullsecret verify -"),
    ] {
        assert_eq!(verify_command(file, &VerifyCommandOptions::default()), want);
    }
    assert!(plan(
        "{}",
        &VerifyOptions {
            images: vec!["Bad Image".into()],
            ..Default::default()
        }
    )
    .is_err());
}

#[test]
fn every_pull_secret_of_a_stream_is_checked() {
    let secret = |name: &str, host: &str| {
        let config = file(host, &basic_entry());
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata: {{name: {name}, namespace: apps}}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n",
            b64(&config)
        )
    };
    let text = format!(
        "{}---\n{}",
        secret("a", "r.test"),
        secret("b", "other.test")
    );
    let (report, _) = run_with(&text, &VerifyOptions::default(), htpasswd_registry);
    let rows: Vec<(Option<&str>, Option<&str>, Option<usize>)> = report
        .results
        .iter()
        .map(|v| (v.secret.as_deref(), v.registry.as_deref(), v.line))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("apps/a"), Some("r.test"), Some(6)),
            (Some("apps/b"), Some("other.test"), Some(13))
        ]
    );
    assert!(report.ok);
    // With an image, each Secret's entry for it (or an anonymous check where it has none).
    let opts = VerifyOptions {
        images: vec!["r.test/test/tiny:v1".into()],
        ..Default::default()
    };
    let (report, _) = run_with(&text, &opts, htpasswd_registry);
    let rows: Vec<(Option<&str>, Outcome)> = report
        .results
        .iter()
        .map(|v| (v.secret.as_deref(), v.outcome))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("apps/a"), Outcome::Ok),
            (Some("apps/b"), Outcome::Unauthorized)
        ]
    );
    // One Secret: no name (the file is the Secret).
    let (report, _) = run_with(
        &secret("a", "r.test"),
        &VerifyOptions::default(),
        htpasswd_registry,
    );
    assert_eq!(report.results[0].secret, None);
}

#[test]
fn a_rate_limit_is_said_as_such() {
    let text = file("r.test", &basic_entry());
    let opts = VerifyOptions {
        images: vec!["r.test/test/tiny:v1".into()],
        ..Default::default()
    };
    let (report, _) = run_with(&text, &opts, |r| {
        if r.method == Method::Head {
            return Ok(answer(429, None));
        }
        htpasswd_registry(r)
    });
    let v = &report.results[0];
    assert_eq!(v.outcome, Outcome::Unreachable);
    assert!(v.reason.contains("429 Too Many Requests"), "{}", v.reason);
    assert!(v.fix.starts_with("wait and run again"));
}

#[test]
fn a_server_that_echoes_a_credential_does_not_get_it_printed() {
    let entry = format!(
        r#"{{"auth":"{}","identitytoken":"{TOKEN}"}}"#,
        b64(&format!("robot:{PASSWORD}"))
    );
    let text = file("r.test", &entry);
    let opts = VerifyOptions {
        client: Client::Docker,
        ..Default::default()
    };
    // The challenge, a redirect target and the transport's words all carry the secrets back.
    let (report, _) = run_with(&text, &opts, |r| {
        if r.url.contains("echo") {
            return Err(Unreachable {
                kind: UnreachableKind::Connect,
                detail: format!("refused {PASSWORD} {TOKEN}"),
            });
        }
        Ok(Response {
            status: 307,
            location: Some(format!(
                "https://r.test/echo/{}",
                PASSWORD.replace(':', "%3A").replace('ö', "%C3%B6")
            )),
            ..Default::default()
        })
    });
    assert!(
        report.results[0].reason.contains("<redacted>"),
        "{}",
        report.results[0].reason
    );
    // A challenge's scheme is named only when it is a registered one.
    let (report, _) = run_with(&text, &opts, |_| {
        Ok(answer(401, Some(&format!("Weird{PASSWORD} {TOKEN}"))))
    });
    assert!(
        report.results[0].reason.ends_with("(another scheme)"),
        "{}",
        report.results[0].reason
    );
    // Another entry's password, echoed in the next check, is not printed either.
    let two = format!(
        r#"{{"auths":{{"a.test":{{"auth":"{}"}},"b.test":{{"auth":"{}"}}}}}}"#,
        b64(&format!("robot:{PASSWORD}")),
        b64("other:another-Secret-42")
    );
    let (report, _) = run_with(&two, &VerifyOptions::default(), |r| {
        if r.url.contains("/echo/") {
            return Ok(answer(500, None));
        }
        Ok(Response {
            status: 307,
            location: Some("/echo/another-Secret-42".into()),
            ..Default::default()
        })
    });
    assert_eq!(report.results.len(), 2);
    let shown = format!("{report:?}");
    assert!(!shown.contains("another-Secret-42"), "{shown}");
    assert!(report.results[1].requests[1]
        .url
        .ends_with("/echo/<redacted>"));
}
