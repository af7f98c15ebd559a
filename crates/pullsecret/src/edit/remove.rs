//! `remove`: a registry's entries taken out of a file, as `podman logout` does (the exact key, or
//! with `aliases` every key naming the same registry).

use super::*;

/// Options of [`remove`]: `{aliases?, style?}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RemoveOptions {
    /// Also remove every key that names the same registry (`quay.io`, `https://quay.io`,
    /// `http://quay.io/v2/`; the Docker Hub spellings), not only the exact key.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub aliases: bool,
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub style: EditStyle,
}

/// Removes the entry with exactly the key `registry` (with `aliases`, every key naming the same
/// registry) and reports the keys removed. Fails with `not-logged-in` when none is there.
pub fn remove(config: &str, registry: &str, opts: &RemoveOptions) -> Result<Edited, Error> {
    let mut removed = Vec::new();
    let config = edit_one(config, opts.style, &mut |loaded, root, _| {
        if opts.style == EditStyle::Podman {
            check_podman_format(loaded)?;
        }
        remove_changes(loaded, root, registry, opts, &mut removed)
    })?;
    Ok(Edited { config, removed })
}

/// The changes `remove` makes; the removed keys go to `removed`.
fn remove_changes(
    loaded: &Loaded<'_>,
    root: &Node<'_>,
    registry: &str,
    opts: &RemoveOptions,
    removed: &mut Vec<String>,
) -> Result<Vec<Change>, Error> {
    let identity = keys::registry_identity(registry);
    let mut changes = Vec::new();
    for o in entry_objects(root, loaded.format) {
        for (i, m) in root_members(object_node(root, o)).iter().enumerate() {
            if m.key == registry || opts.aliases && keys::registry_identity(&m.key) == identity {
                removed.push(String::from(m.key.as_ref()));
                changes.push(Change {
                    obj: o,
                    drop: true,
                    item: Item::Keep(i),
                });
            }
        }
    }
    if removed.is_empty() {
        return Err(Error::option(
            ErrorCode::NotLoggedIn,
            if opts.aliases {
                format!("not logged in: no key of the file names the registry `{identity}`")
            } else {
                format!("not logged in: the file has no key `{registry}` (removing with aliases also matches other spellings of the registry)")
            },
        ));
    }
    Ok(changes)
}
