//! Podman style: the bytes containers/image's `modifyJSON` writes, and what that style refuses.

use super::*;

/// The file as containers/image `modifyJSON` writes it after reading `text` into
/// `dockerConfigFile{auths map[string]{auth, identitytoken}, credHelpers map[string]string}`
/// with Go's rules (case-insensitive field names, last duplicate wins, `null` is unset).
pub(super) fn podman_bytes(text: &str) -> Option<String> {
    let root = json::parse(text).ok()?;
    // (key, auth, identitytoken) in file order; Go keeps the last of a repeated key.
    let mut auths: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    let mut helpers: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    for m in root_members(&root) {
        if m.key.eq_ignore_ascii_case("auths") {
            for e in root_members(&m.value) {
                let (mut auth, mut token) = (None, None);
                for f in root_members(&e.value) {
                    let v = f.value.value.as_str();
                    if f.key.eq_ignore_ascii_case("auth") {
                        auth = v.or(auth);
                    } else if f.key.eq_ignore_ascii_case("identitytoken") {
                        token = v.or(token);
                    }
                }
                auths.push((&e.key, auth, token));
            }
        } else if m.key.eq_ignore_ascii_case("credHelpers") {
            for h in root_members(&m.value) {
                helpers.push((&h.key, Some(h.value.value.as_str().unwrap_or("")), None));
            }
        }
    }
    let mut w = Writer::indented("\t");
    w.begin_object();
    for (name, list) in [("auths", &auths), ("credHelpers", &helpers)] {
        if name == "credHelpers" && list.is_empty() {
            continue;
        }
        w.key(name).begin_object();
        let groups = Groups::new(list.len(), &|i| list[i].0);
        for g in 0..groups.len() {
            let g = groups.get(g);
            let (k, auth, token) = list[g[g.len() - 1]];
            if name == "credHelpers" {
                w.field(k, auth.unwrap_or(""));
                continue;
            }
            w.key(k).begin_object();
            w.opt_field("auth", auth.filter(|a| !a.is_empty()));
            w.opt_field("identitytoken", token.filter(|t| !t.is_empty()));
            w.end_object();
        }
        w.end_object();
    }
    w.end_object();
    Some(w.finish())
}

pub(super) fn check_podman_format(loaded: &Loaded) -> Result<(), Error> {
    if loaded.format == Format::DockerCfg {
        return Err(Error::option(
            ErrorCode::Unsupported,
            "the file is a legacy .dockercfg: podman does not write that format (its entries would all be lost); use the preserve style",
        ));
    }
    Ok(())
}
