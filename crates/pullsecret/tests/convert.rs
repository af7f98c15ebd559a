//! `convert` outputs checked against the rules of the programs that read them: rkt's own
//! parser (`rkt/config/auth.go`), tar/gzip framing, Docker's and podman's field sets.

use pullsecret::{convert, Content, ConvertOptions, Target};
use serde_json::Value;
use std::io::Read;

fn run(config: &str, to: Target) -> pullsecret::Converted {
    convert(
        config,
        &ConvertOptions {
            to,
            source: None,
            uri: None,
        },
    )
    .unwrap()
}

fn text(c: &Content) -> &str {
    match c {
        Content::Text(t) => t,
        Content::Bytes(_) => panic!("binary"),
    }
}

/// rkt `config.go`/`auth.go`, for one `auth.d` directory: every file needs non-empty `rktKind`
/// and `rktVersion`; `auth.d` takes kinds `auth` and `dockerAuth` (v1 only registered); `auth`:
/// non-empty `domains`, `type` non-empty and `basic`|`oauth`, basic `user`/`password` non-empty;
/// `dockerAuth`: non-empty `registries`, `credentials.user`/`password` non-empty; a domain or
/// registry only once per directory. Returns rkt's error text.
fn rkt_accepts(files: &[(String, String)]) -> Result<(), String> {
    use std::collections::HashSet;
    let (mut hosts, mut registries) = (HashSet::new(), HashSet::new());
    for (name, body) in files {
        if !name.ends_with(".json") {
            continue; // rkt ignores other files
        }
        let v: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        let (kind, version) = (s("rktKind"), s("rktVersion"));
        if kind.is_empty() || version.is_empty() {
            return Err("no rktKind or rktVersion".into());
        }
        if !["auth", "dockerAuth"].contains(&kind.as_str()) {
            return Err(format!("the configuration directory expects kinds auth, dockerAuth, but {name} has kind of {kind:?}"));
        }
        if version != "v1" {
            return Err(format!("no parser for {kind} {version}"));
        }
        let basic = |c: &Value| -> Result<(), String> {
            if c["user"].as_str().unwrap_or("").is_empty() {
                return Err("user not specified".into());
            }
            if c["password"].as_str().unwrap_or("").is_empty() {
                return Err("password not specified".into());
            }
            Ok(())
        };
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
                .unwrap_or_default()
        };
        if kind == "auth" {
            let domains = list("domains");
            if domains.is_empty() {
                return Err("no domains specified".into());
            }
            match s("type").as_str() {
                "" => return Err("no auth type specified".into()),
                "basic" => basic(&v["credentials"])?,
                "oauth" if v["credentials"]["token"].as_str().unwrap_or("").is_empty() => {
                    return Err("no oauth bearer token specified".into())
                }
                "oauth" => {}
                t => return Err(format!("unknown auth type: {t:?}")),
            }
            for d in domains {
                // rkt matches the request URL's host exactly: a scheme or path never matches.
                assert!(!d.contains('/'), "domain {d:?} is not a host");
                if !hosts.insert(d.clone()) {
                    return Err(format!("auth for domain {d:?} is already specified"));
                }
            }
        } else {
            let regs = list("registries");
            if regs.is_empty() {
                return Err("no registries specified".into());
            }
            basic(&v["credentials"])?;
            for r in regs {
                if !registries.insert(r.clone()) {
                    return Err(format!(
                        "credentials for docker registry {r:?} are already specified"
                    ));
                }
            }
        }
    }
    Ok(())
}

const MIXED: &str = r#"{"auths":{
  "https://index.docker.io/v1/":{"auth":"dTpwOnE="},
  "docker.io":{"auth":"eDp5"},
  "quay.io/org":{"auth":"cTp3","identitytoken":"t"},
  "https://quay.io":{"auth":"cTI6dzI="},
  "localhost:5000":{},
  "http://10.0.0.1:5000/v2/":{"username":"a","password":"b"},
  "empty-user.io":{"auth":"OnA="}
},"credHelpers":{"gcr.io":"gcloud"}}"#;

#[test]
fn rkt_files_pass_rkts_own_rules() {
    let c = run(MIXED, Target::Rkt);
    let files: Vec<(String, String)> = c
        .files
        .iter()
        .map(|f| (f.target.clone(), text(&f.content).to_string()))
        .collect();
    rkt_accepts(&files).unwrap();
    // one `auth` and one `dockerAuth` file per registry host
    let names: Vec<&str> = c.files.iter().map(|f| f.target.as_str()).collect();
    assert_eq!(
        names,
        [
            "/etc/rkt/auth.d/10.0.0.1_5000.json",
            "/etc/rkt/auth.d/docker-10.0.0.1_5000.json",
            "/etc/rkt/auth.d/index.docker.io.json",
            "/etc/rkt/auth.d/docker-index.docker.io.json",
            "/etc/rkt/auth.d/quay.io.json",
            "/etc/rkt/auth.d/docker-quay.io.json",
        ]
    );
    assert!(c.files.iter().all(|f| f.mode == 0o600));
    // the canonical Hub key and the registry-wide quay key win over the other spellings
    let hub: Value = serde_json::from_str(text(&c.files[2].content)).unwrap();
    assert_eq!(hub["credentials"]["user"], "u");
    assert_eq!(hub["credentials"]["password"], "p:q");
    let quay: Value = serde_json::from_str(text(&c.files[5].content)).unwrap();
    assert_eq!(quay["credentials"]["user"], "q2");
    let dropped: Vec<&str> = c.dropped.iter().map(|n| n.what.as_str()).collect();
    for what in [
        "credHelpers",
        "entry `localhost:5000`",
        "entry `empty-user.io`",
        "entry `docker.io`",
        "entry `quay.io/org`",
    ] {
        assert!(dropped.contains(&what), "{what} not in {dropped:?}");
    }
}

#[test]
fn rkt_checker_rejects_what_rkt_rejects() {
    let f = |body: &str| rkt_accepts(&[("a.json".into(), body.into())]);
    assert_eq!(
        f(r#"{"rktKind":"auth","rktVersion":"v1","domains":[],"type":"basic"}"#).unwrap_err(),
        "no domains specified"
    );
    assert_eq!(f(r#"{"rktKind":"auth","rktVersion":"v1","domains":["a"],"type":"basic","credentials":{"user":"u"}}"#).unwrap_err(), "password not specified");
    assert!(f(r#"{"rktKind":"paths","rktVersion":"v1"}"#).is_err());
    assert_eq!(f(r#"{"rktKind":"dockerAuth","rktVersion":"v1","credentials":{"user":"u","password":"p"}}"#).unwrap_err(), "no registries specified");
}

/// A minimal ustar reader: (name, mode, typeflag, content) per member; checks header checksums.
fn untar(data: &[u8]) -> Vec<(String, u32, u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 512 <= data.len() && data[i..i + 512].iter().any(|&b| b != 0) {
        let h = &data[i..i + 512];
        let field = |a: usize, b: usize| {
            let s = std::str::from_utf8(&h[a..b]).unwrap();
            u64::from_str_radix(s.trim_matches(|c| c == '\0' || c == ' '), 8).unwrap()
        };
        let mut sum: u64 = h.iter().map(|&b| b as u64).sum();
        sum -= h[148..156].iter().map(|&b| b as u64).sum::<u64>();
        sum += 8 * b' ' as u64;
        assert_eq!(sum, field(148, 156), "checksum");
        assert_eq!(&h[257..263], b"ustar\0");
        // Deterministic: uid, gid and mtime 0, no user or group name.
        for (a, b) in [(108, 116), (116, 124), (136, 148)] {
            assert_eq!(field(a, b), 0, "header bytes {a}..{b}");
        }
        assert!(h[265..329].iter().all(|&b| b == 0), "uname/gname");
        let name = std::str::from_utf8(&h[..100])
            .unwrap()
            .trim_end_matches('\0')
            .to_string();
        let size = field(124, 136) as usize;
        out.push((
            name,
            field(100, 108) as u32,
            h[156],
            data[i + 512..i + 512 + size].to_vec(),
        ));
        i += 512 + size.div_ceil(512) * 512;
    }
    out
}

#[test]
fn mesos_archive_is_gzip_of_ustar_with_docker_modes() {
    let c = run(MIXED, Target::Mesos);
    let Content::Bytes(gz) = &c.files[0].content else {
        panic!("text")
    };
    // gzip magic, deflate, no optional fields, mtime 0, OS Unix (as `tar -czf` on Linux).
    assert_eq!(&gz[..8], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    assert_eq!(gz[9], 3);
    // The decoder checks the CRC-32 trailer; ISIZE is the archive's length.
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut tar)
        .unwrap();
    assert_eq!(
        u32::from_le_bytes(gz[gz.len() - 4..].try_into().unwrap()) as usize,
        tar.len()
    );
    // ustar: 512-byte blocks, closed by two zero blocks.
    assert_eq!(tar.len() % 512, 0);
    assert!(tar[tar.len() - 1024..].iter().all(|&b| b == 0));
    let members = untar(&tar);
    assert_eq!(members.len(), 2);
    assert_eq!(
        (members[0].0.as_str(), members[0].1, members[0].2),
        (".docker/", 0o700, b'5')
    );
    assert_eq!(
        (members[1].0.as_str(), members[1].1, members[1].2),
        (".docker/config.json", 0o600, b'0')
    );
    let docker = run(MIXED, Target::ConfigJson);
    assert_eq!(members[1].3, text(&docker.files[0].content).as_bytes());
    assert!(members[0].3.is_empty());
    // Same input, same bytes.
    assert_eq!(
        run(MIXED, Target::Mesos).files[0].content.as_bytes(),
        &gz[..]
    );
    let uris: Value = serde_json::from_str(&c.snippets[0].text).unwrap();
    assert_eq!(
        uris,
        serde_json::json!({"uris": ["file:///etc/docker.tar.gz"]})
    );
    let fetch: Value = serde_json::from_str(&c.snippets[1].text).unwrap();
    assert_eq!(
        fetch,
        serde_json::json!({"fetch": [{"uri": "file:///etc/docker.tar.gz"}]})
    );
}

#[test]
fn every_target_refuses_unreadable_input_with_a_position() {
    for to in [Target::AuthJson, Target::Rkt, Target::Mesos] {
        let e = convert(
            "{\"auths\": ",
            &ConvertOptions {
                to,
                source: None,
                uri: None,
            },
        )
        .unwrap_err();
        assert_eq!(e.code.as_str(), "json-syntax");
        assert!(e.position.is_some());
    }
}
