//! `merge`: several configs merged into the first one's layout, with every conflict named (the
//! OpenShift global pull secret "append", HyperShift's additional pull secret).

use super::*;

/// Which entry `merge` keeps when configs disagree about a registry (read as `last`, `first`,
/// `error`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "one of last, first, error")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum OnConflict {
    /// The later config wins (the OpenShift global pull secret "append", self-managed HyperShift).
    #[default]
    Last,
    /// The earlier config wins (managed HyperShift: the original pull secret wins).
    First,
    /// Fail with `merge-conflict`.
    Error,
}

/// Options of [`merge`]: `{onConflict?, style?}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeOptions {
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub on_conflict: OnConflict,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub style: EditStyle,
}

/// Where a merge conflict is (serialized as `auths`, `credHelpers`, `config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Section {
    /// Registry entries (`auths`, or the top level of a legacy file), compared by registry.
    Auths,
    /// `credHelpers`, compared by exact key.
    CredHelpers,
    /// Other top-level keys (`credsStore`, `HttpHeaders`, …), compared by exact key.
    Config,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Auths => "auths",
            Section::CredHelpers => "credHelpers",
            Section::Config => "config",
        }
    }
}

/// Configs that disagree about one registry (or one top-level key).
#[derive(Clone, Debug, PartialEq, Eq)]
// The shape of the `Serialize` impl below (`registry` or `key` by section; `kept` left out
// when `None`), which ts-rs cannot read.
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(type = "{ section: \"auths\" | \"credHelpers\", \
        /** The registry, normalised (`docker.io`, `quay.io`, `quay.io/org`). */ registry: string, \
        /** The keys as written, one per entry, in config order. */ keys: Array<string>, \
        /** For each key, the index of the config it came from. */ sources: Array<number>, \
        /** The config whose entries were kept (absent with `onConflict: \"error\"`). */ kept?: number, } \
        | { section: \"config\", /** The top-level key (`credsStore`, `HttpHeaders`, …). */ key: string, \
        keys: Array<string>, sources: Array<number>, kept?: number, }")
)]
pub struct Conflict {
    pub section: Section,
    /// The registry (normalised: `docker.io`, `quay.io`, `quay.io/org`) or the top-level key.
    pub name: String,
    /// The keys as written, one per entry, in config order.
    pub keys: Vec<String>,
    /// For each key, the index of the config it came from.
    pub sources: Vec<usize>,
    /// The config whose entries were kept (`None` with `onConflict: "error"`).
    pub kept: Option<usize>,
}

/// What [`merge`] returns: the merged config and every conflict (each names what was dropped).
/// `Debug` shows the config's size only: it holds credentials.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Merged {
    pub config: String,
    pub conflicts: Vec<Conflict>,
}

/// `{section, registry|key, keys, sources, kept?}`: the name is `key` in the `config` section
/// (a top-level key), `registry` elsewhere.
impl Serialize for Conflict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let name_key = if self.section == Section::Config {
            "key"
        } else {
            "registry"
        };
        let mut m = s.serialize_struct("Conflict", 5)?;
        m.serialize_field("section", &self.section)?;
        m.serialize_field(name_key, &self.name)?;
        m.serialize_field("keys", &self.keys)?;
        m.serialize_field("sources", &self.sources)?;
        match self.kept {
            Some(k) => m.serialize_field("kept", &k)?,
            None => m.skip_field("kept")?,
        }
        m.end()
    }
}

impl std::fmt::Debug for Merged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merged")
            .field("config", &Redacted(self.config.len()))
            .field("conflicts", &self.conflicts)
            .finish()
    }
}

/// One member of a config being merged.
struct Found<'n, 'a> {
    source: usize,
    /// The object it is in (an object id: see [`ROOT`]).
    object: usize,
    index: usize,
    member: &'n Member<'a>,
}

/// Merges configs into the first one's layout and format: every entry of every config is in
/// the result or named in a conflict. Conflicts are found under normalised registry names
/// (`quay.io` and `https://quay.io` conflict); `onConflict` picks the config whose entries stay.
/// `credHelpers` and the other top-level keys are compared by exact key, in the same loop.
/// Every member of `section` in every config: all of the first config's, and the effective
/// ones of later configs (the last of a repeated key; registry entries per `auths` object).
fn section_members<'n, 'a>(
    roots: &'n [Node<'a>],
    loaded: &[Loaded<'_>],
    section: Section,
) -> Vec<Found<'n, 'a>> {
    let auths = section == Section::Auths;
    let mut all: Vec<Found<'n, 'a>> = Vec::new();
    for (s, r) in roots.iter().enumerate() {
        let legacy = loaded[s].format == Format::DockerCfg;
        let mut objects = Vec::new();
        match section {
            Section::Auths => objects = entry_objects(r, loaded[s].format),
            _ if legacy => {}
            Section::CredHelpers => {
                for (i, m) in root_members(r).iter().enumerate() {
                    if m.key.eq_ignore_ascii_case("credHelpers") {
                        objects.push(i);
                    }
                }
            }
            Section::Config => objects.push(ROOT),
        }
        let first = all.len();
        for o in objects {
            for (index, member) in root_members(object_node(r, o)).iter().enumerate() {
                let k = &member.key;
                if section == Section::Config
                    && (k.eq_ignore_ascii_case("auths") || k.eq_ignore_ascii_case("credHelpers"))
                {
                    continue;
                }
                all.push(Found {
                    source: s,
                    object: o,
                    index,
                    member,
                });
            }
        }
        // Later configs contribute their effective entries (the last of a repeated key;
        // registry entries per `auths` object).
        if s > 0 && all.len() > first {
            // Runs compared for repeats: each `auths` object alone, else the whole config.
            let mut runs = Vec::new();
            let mut start = first;
            for j in first + 1..=all.len() {
                if j == all.len() || (auths && all[j].object != all[start].object) {
                    runs.push((start, j));
                    start = j;
                }
            }
            let mut shadowed = std::vec![false; all.len() - first];
            for (a, b) in runs {
                let mut seen: HashMap<&str, usize> = HashMap::with_capacity(b - a);
                for (i, f) in all.iter().enumerate().take(b).skip(a) {
                    if let Some(earlier) = seen.insert(&f.member.key, i) {
                        shadowed[earlier - first] = true;
                    }
                }
            }
            let mut i = 0;
            all.retain(|_| {
                i += 1;
                i - 1 < first || !shadowed[i - 1 - first]
            });
        }
    }
    all
}

pub fn merge(configs: &[&str], opts: &MergeOptions) -> Result<Merged, Error> {
    if configs.is_empty() {
        return Err(Error::option(
            ErrorCode::MissingOption,
            "merge needs at least one config",
        ));
    }
    // Merge holds every config at once, so it keeps a copy of each config's text and parses it
    // a second time (the single-config edits parse once: see `with_loaded`).
    let mut owned: Vec<(&str, String, Format)> = Vec::with_capacity(configs.len());
    for (i, c) in configs.iter().enumerate() {
        let copy = with_loaded(c, &mut |l, _| {
            Ok((l.prefix.len(), l.text.to_owned(), l.format))
        });
        match copy {
            Ok((prefix, text, format)) => owned.push((&c[..prefix], text, format)),
            Err(mut e) => {
                e.message = format!("config {i}: {}", e.message);
                e.input = Some(i);
                return Err(e);
            }
        }
    }
    let loaded: Vec<Loaded> = owned
        .iter()
        .map(|(prefix, text, format)| Loaded {
            prefix,
            text,
            format: *format,
        })
        .collect();
    if opts.style == EditStyle::Podman {
        check_podman_format(&loaded[0])?;
    }
    // Each text was read by `read_config` above, so it parses.
    let roots: Vec<Node<'_>> = loaded
        .iter()
        .map(|l| {
            json::parse(l.text).unwrap_or(Node {
                span: json::Span::new(0, 0),
                value: Value::Object(Vec::new()),
            })
        })
        .collect();
    let base = &loaded[0];
    let text = base.text;
    let root = &roots[0];
    let style = Style::detect(text, root);
    let legacy_base = base.format == Format::DockerCfg;
    let entries_at = entry_objects(root, base.format).last().copied();
    let helpers_at = root_members(root).iter().rposition(|m| {
        m.key.eq_ignore_ascii_case("credHelpers") && m.value.value.as_object().is_some()
    });

    let mut conflicts = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    for section in [Section::Auths, Section::CredHelpers, Section::Config] {
        let auths = section == Section::Auths;
        let all = section_members(&roots, &loaded, section);
        // The name each member is compared by: the registry, or the key itself.
        let mut names: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(all.len());
        for f in &all {
            names.push(if auths {
                keys::registry_identity(&f.member.key)
            } else {
                std::borrow::Cow::Borrowed(f.member.key.as_ref())
            });
        }
        // Where new members go; `None`: a new object in the root.
        let target = match section {
            Section::Auths => entries_at,
            Section::CredHelpers => helpers_at,
            Section::Config => Some(ROOT),
        };
        let mut fresh: Vec<Item> = Vec::new();
        let groups = Groups::new(names.len(), &|i| names[i].as_ref());
        for g in 0..groups.len() {
            let g = groups.get(g);
            let name = names[g[0]].as_ref();
            if !auths && legacy_base && g.iter().any(|&i| all[i].source > 0) {
                return Err(Error::option(
                    ErrorCode::Unsupported,
                    format!("the first config is a legacy .dockercfg, which cannot hold the top-level key `{name}` of a later config"),
                ));
            }
            let winner = resolve(name, &all, g, section, opts, &mut conflicts);
            if winner == 0 {
                continue;
            }
            // Each winning entry replaces the base entry with its key; other base registry
            // entries of the group are dropped.
            let mut matched: Vec<usize> = Vec::new();
            for &i in g {
                let f = &all[i];
                if f.source != winner {
                    continue;
                }
                let value =
                    &loaded[winner].text[f.member.value.span.start..f.member.value.span.end];
                let b = g.iter().rev().copied().find(|&b| {
                    all[b].source == 0 && all[b].member.key == f.member.key && !matched.contains(&b)
                });
                match b {
                    Some(b) => {
                        matched.push(b);
                        let b = &all[b];
                        if !layout::same_value(&b.member.value.value, &f.member.value.value)
                            && (section != Section::CredHelpers || Some(b.object) == helpers_at)
                        {
                            changes.push(set(b.object, Item::Replace(b.index, value.into())));
                        }
                    }
                    None => {
                        let new = Item::New(String::from(f.member.key.as_ref()), value.into());
                        match target {
                            Some(o) => changes.push(set(o, new)),
                            None => fresh.push(new),
                        }
                    }
                }
            }
            for &b in g {
                if auths && all[b].source == 0 && !matched.contains(&b) {
                    changes.push(Change {
                        obj: all[b].object,
                        drop: true,
                        item: Item::Keep(all[b].index),
                    });
                }
            }
        }
        if !fresh.is_empty() {
            let key = if auths { "auths" } else { "credHelpers" };
            changes.push(set_root(root, key, &fresh, true));
        }
    }
    if opts.on_conflict == OnConflict::Error && !conflicts.is_empty() {
        let names: Vec<&str> = conflicts.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::option(
            ErrorCode::MergeConflict,
            format!(
                "the configs disagree about: {} (onConflict: \"last\" or \"first\" picks one)",
                names.join(", ")
            ),
        ));
    }
    let new_root = apply(text, root, &style, changes);
    Ok(Merged {
        config: finish(base, root, new_root, opts.style)?,
        conflicts,
    })
}

/// Decides which config's entries stay in group `g` (indices into `all`) and records a
/// conflict when configs differ. Returns the winning config.
fn resolve(
    name: &str,
    all: &[Found<'_, '_>],
    g: &[usize],
    section: Section,
    opts: &MergeOptions,
    conflicts: &mut Vec<Conflict>,
) -> usize {
    let first = all[g[0]].source;
    let last = all[g[g.len() - 1]].source;
    if first == last {
        return first;
    }
    // The same key with the same value everywhere is not a conflict: nothing is lost.
    let m0 = all[g[0]].member;
    let identical = g.iter().all(|&i| {
        let m = all[i].member;
        m.key == m0.key && layout::same_value(&m.value.value, &m0.value.value)
    });
    if identical {
        return first;
    }
    let kept = match opts.on_conflict {
        OnConflict::Last => Some(last),
        OnConflict::First => Some(first),
        OnConflict::Error => None,
    };
    let mut keys = Vec::with_capacity(g.len());
    let mut sources = Vec::with_capacity(g.len());
    for &i in g {
        keys.push(String::from(all[i].member.key.as_ref()));
        sources.push(all[i].source);
    }
    conflicts.push(Conflict {
        section,
        name: name.into(),
        keys,
        sources,
        kept,
    });
    kept.unwrap_or(first)
}
