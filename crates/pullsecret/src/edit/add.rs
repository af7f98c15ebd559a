//! `add`: one registry login written into a file, as `podman login` / `oc registry login --to`
//! would (podman style) or spliced into the existing text (preserve style).

use super::*;

/// Options of [`add`]. `Debug` redacts the password. Read from `{registry, username, password,
/// email?, style?}`, or with `authBasic: "user:password"` (split at the first `:`, as `oc
/// registry login --auth-basic`) in place of `username`/`password`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "AddInput")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "AddInput"))]
pub struct AddOptions {
    /// The key to write, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`).
    pub registry: String,
    pub username: String,
    pub password: Secret,
    /// Written only in preserve style; podman style has no `email` and refuses it.
    pub email: Option<String>,
    pub style: EditStyle,
}

/// [`AddOptions`] as given: a login (see [`login::LoginInput`]) and a style.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub(crate) struct AddInput {
    /// The key to write, verbatim (`quay.io`, `quay.io/org`, `https://index.docker.io/v1/`).
    #[serde(default)]
    registry: String,
    /// Must not be empty or contain `:` (clients split `auth` at the first `:`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    username: String,
    /// Any text, `:` included; `auth` is the base64 of the UTF-8 `username:password`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    password: Secret,
    /// Written only in preserve style; podman style has no `email` and refuses it.
    email: Option<String>,
    /// `user:password` in place of `username` and `password` (split at the first `:`, as
    /// `oc registry login --auth-basic`).
    auth_basic: Option<Secret>,
    /// Default `preserve`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    style: EditStyle,
}

impl TryFrom<AddInput> for AddOptions {
    type Error = &'static str;
    fn try_from(i: AddInput) -> Result<Self, Self::Error> {
        let l = login::LoginInput {
            registry: i.registry,
            username: i.username,
            password: i.password,
            email: i.email,
            auth_basic: i.auth_basic,
        };
        let l = login::RegistryLogin::try_from(l)?;
        Ok(AddOptions {
            registry: l.registry,
            username: l.username,
            password: l.password,
            email: l.email,
            style: i.style,
        })
    }
}

/// Adds or replaces the entry for `opts.registry` with `auth` = base64 of the UTF-8
/// `username:password`, as `podman login` / `oc registry login --to=FILE` do, without their
/// losses (see the module docs). Input: a config (empty for a new file), its base64 or a Secret;
/// output: the config text.
pub fn add(config: &str, opts: &AddOptions) -> Result<String, Error> {
    check_add_options(opts)?;
    edit_one(config, opts.style, &mut |loaded, root, style| {
        if opts.style == EditStyle::Podman {
            check_podman_add(loaded, root, opts)?;
        }
        Ok(std::vec![add_change(loaded, root, style, opts)])
    })
}

/// The change `add` makes: the entry updated, or a new one at its place.
fn add_change(
    loaded: &Loaded<'_>,
    root: &Node<'_>,
    style: &Style<'_>,
    opts: &AddOptions,
) -> Change {
    let auth = b64::basic(&opts.username, opts.password.expose());
    let mut w = Writer::new();
    w.begin_object().field("auth", &auth);
    w.opt_field("email", opts.email.as_deref());
    w.end_object();
    let new_entry = w.finish();
    let objects = entry_objects(root, loaded.format);
    // The effective entry of this key: the last one (Go keeps the last of repeated keys).
    let mut existing = None;
    for &o in &objects {
        for (i, m) in root_members(object_node(root, o)).iter().enumerate() {
            if m.key == opts.registry.as_str() {
                existing = Some((o, i));
            }
        }
    }
    let text = loaded.text;
    match (existing, objects.last()) {
        (Some((o, i)), _) => {
            let entry = &root_members(object_node(root, o))[i].value;
            set(
                o,
                match entry.value.as_object() {
                    Some(fields) => {
                        Item::Verbatim(i, update_entry(text, entry, fields, opts, &auth, style))
                    }
                    None => Item::Replace(i, new_entry),
                },
            )
        }
        (None, Some(&o)) => set(o, Item::New(opts.registry.clone(), new_entry)),
        // No `auths` object: replace an `"auths": null`, or add the member.
        (None, None) => set_root(
            root,
            "auths",
            &[Item::New(opts.registry.clone(), new_entry)],
            false,
        ),
    }
}

fn check_add_options(opts: &AddOptions) -> Result<(), Error> {
    let mut missing = String::new();
    for (name, empty) in [
        ("registry", opts.registry.is_empty()),
        ("username", opts.username.is_empty()),
        ("password", opts.password.expose().is_empty()),
    ] {
        if empty {
            if !missing.is_empty() {
                missing.push_str(", ");
            }
            missing.push_str(name);
        }
    }
    if !missing.is_empty() {
        missing.push_str(" must not be empty");
        return Err(Error::option(ErrorCode::MissingOption, missing));
    }
    if opts.username.contains(':') {
        return Err(Error::option(
            ErrorCode::InvalidOption,
            "the username must not contain `:`: every client splits `auth` at the first `:`, so the rest would become part of the password",
        ));
    }
    Ok(())
}

fn check_podman_add(loaded: &Loaded, root: &Node<'_>, opts: &AddOptions) -> Result<(), Error> {
    let registry = opts.registry.as_str();
    if let Some(problem) = keys::containers_key_problem(registry) {
        return Err(Error::option(
            ErrorCode::KeyRefused,
            format!("{problem} (registry `{registry}`)"),
        ));
    }
    if opts.email.is_some() {
        return Err(Error::option(
            ErrorCode::Unsupported,
            "podman style has no `email` field: podman drops it (use the preserve style to keep it)",
        ));
    }
    check_podman_format(loaded)?;
    // podman login (containers/common `Login`) refuses to log in over an identity token, which
    // containers/image returns only beside an `auth` holding `user:`.
    let mut current = None;
    for o in entry_objects(root, loaded.format) {
        for m in root_members(object_node(root, o)) {
            if m.key == registry {
                current = Some(m);
            }
        }
    }
    if let Some(fields) = current.and_then(|m| m.value.value.as_object()) {
        let field = |name: &str| {
            fields
                .iter()
                .rev()
                .filter(|f| f.key.eq_ignore_ascii_case(name))
                .find_map(|f| f.value.value.as_str())
        };
        let auth_has_colon = field("auth")
            .and_then(|a| b64::decode_go(&b64::STD, a))
            .is_some_and(|d| d.contains(&b':'));
        if auth_has_colon && field("identitytoken").is_some_and(|t| !t.is_empty()) {
            return Err(Error::option(
                ErrorCode::Unsupported,
                format!("podman refuses to log in to `{registry}`: currently logged in, the entry holds an identity token (the preserve style replaces it)"),
            ));
        }
    }
    for m in root_members(root) {
        if m.key.eq_ignore_ascii_case("credHelpers")
            && root_members(&m.value).iter().any(|h| h.key == registry)
        {
            return Err(Error::option(
                ErrorCode::Unsupported,
                format!("`credHelpers` names `{registry}`: podman would hand the credentials to that helper and leave the file unchanged"),
            ));
        }
    }
    Ok(())
}

/// The new text of an existing entry object: `auth` (and `username`/`password` when present)
/// set, `email` set when given, tokens of the old login dropped, everything else kept.
fn update_entry(
    text: &str,
    entry: &Node<'_>,
    fields: &[Member<'_>],
    opts: &AddOptions,
    auth: &str,
    style: &Style,
) -> String {
    let q = |s: &str| {
        let mut o = String::new();
        gojson::push_str(&mut o, s);
        o
    };
    let mut items = Vec::with_capacity(fields.len() + 2);
    let (mut has_auth, mut has_email) = (false, false);
    for (i, f) in fields.iter().enumerate() {
        let k = |name: &str| f.key.eq_ignore_ascii_case(name);
        let item = if k("auth") {
            has_auth = true;
            Item::Replace(i, q(auth))
        } else if k("username") {
            Item::Replace(i, q(&opts.username))
        } else if k("password") {
            Item::Replace(i, q(opts.password.expose()))
        } else if k("email") {
            has_email = true;
            match &opts.email {
                Some(e) => Item::Replace(i, q(e)),
                None => Item::Keep(i),
            }
        } else if k("identitytoken") || k("registrytoken") {
            continue;
        } else {
            Item::Keep(i)
        };
        items.push(item);
    }
    if !has_auth {
        items.push(Item::New("auth".into(), q(auth)));
    }
    if let (false, Some(e)) = (has_email, &opts.email) {
        items.push(Item::New("email".into(), q(e)));
    }
    layout::rewrite_object(text, entry, &items, style)
}
