//! Inline ignores: `# pullsecret-ignore: CODE[, CODE...]` and `# pullsecret-ignore-file: CODE`.
//!
//! Why it exists: one finding that is right to keep (a test fixture's plain-text Secret) is
//! silenced where it is, reviewed with it, as `# noqa` or `// eslint-disable-next-line` are.
//! `pullsecret-ignore` on a finding's line, or alone on the line just above it, silences those
//! codes for findings on that line; `pullsecret-ignore-file` anywhere silences them in the
//! whole file. The comments are found in the file's text by a plain scan for `#` followed by the
//! directive (JSON has no comments: a JSON file cannot carry them). A name that is not a code
//! is reported (on stderr, by `check`) and ignored.
//!
//! May use: the core's `Code`, `std`.

use pullsecret::Code;

/// The directives of one file.
#[derive(Debug, Default)]
pub(crate) struct Ignores {
    /// Codes silenced in the whole file.
    pub file: Vec<Code>,
    /// (1-based line, code): silenced for findings on that line.
    pub lines: Vec<(usize, Code)>,
    /// (1-based line, name) of the names that are not codes.
    pub unknown: Vec<(usize, String)>,
}

const LINE: &str = "pullsecret-ignore:";
const FILE: &str = "pullsecret-ignore-file:";

impl Ignores {
    /// The directives in `text`.
    pub(crate) fn read(text: &str) -> Ignores {
        let mut out = Ignores::default();
        if !text.contains("pullsecret-ignore") {
            return out;
        }
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let Some((at, whole_file, names)) = directive(line) else {
                continue;
            };
            // Alone on its line, the comment is about the next line.
            let target = if line[..at].trim().is_empty() {
                n + 1
            } else {
                n
            };
            for name in names.split([',', ' ', '\t']).filter(|s| !s.is_empty()) {
                match Code::from_name(name) {
                    Some(c) if whole_file => out.file.push(c),
                    Some(c) => {
                        out.lines.push((n, c));
                        if target != n {
                            out.lines.push((target, c));
                        }
                    }
                    None => out.unknown.push((n, name.to_string())),
                }
            }
        }
        out
    }

    /// Whether a finding of `code` on `line` is silenced.
    pub(crate) fn silences(&self, code: Code, line: usize) -> bool {
        self.file.contains(&code) || self.lines.contains(&(line, code))
    }
}

/// In `line`, the byte offset of a `#` starting a directive, whether it is the file's, and its
/// names (up to a further ` #`).
fn directive(line: &str) -> Option<(usize, bool, &str)> {
    for (at, _) in line.match_indices('#') {
        let rest = line[at + 1..].trim_start();
        let (whole_file, names) = if let Some(r) = rest.strip_prefix(FILE) {
            (true, r)
        } else if let Some(r) = rest.strip_prefix(LINE) {
            (false, r)
        } else {
            continue;
        };
        let names = names.split(" #").next().unwrap_or("");
        return Some((at, whole_file, names));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(n: &str) -> Code {
        Code::from_name(n).unwrap()
    }

    #[test]
    fn same_line_and_line_above() {
        let text = "a: 1 # pullsecret-ignore: anonymous-pull, email-deprecated\n  # pullsecret-ignore: secret-in-plain-text\nb: 2\nc: 3\n";
        let i = Ignores::read(text);
        assert!(i.silences(code("anonymous-pull"), 1));
        assert!(i.silences(code("email-deprecated"), 1));
        assert!(!i.silences(code("anonymous-pull"), 2));
        // a trailing comment is about its own line only
        assert!(!i.silences(code("email-deprecated"), 2));
        assert!(i.silences(code("secret-in-plain-text"), 3));
        assert!(!i.silences(code("secret-in-plain-text"), 4));
    }

    #[test]
    fn whole_file_and_unknown_names() {
        let i = Ignores::read(
            "x: y\n# pullsecret-ignore-file: anonymous-pull\n# pullsecret-ignore: no-such-code\n",
        );
        assert!(i.silences(code("anonymous-pull"), 1));
        assert!(i.silences(code("anonymous-pull"), 99));
        assert_eq!(i.unknown, vec![(3, String::from("no-such-code"))]);
    }

    #[test]
    fn no_directive() {
        let i = Ignores::read("a: '#not pullsecret-ignore'\n");
        assert!(i.file.is_empty() && i.lines.is_empty() && i.unknown.is_empty());
    }
}
