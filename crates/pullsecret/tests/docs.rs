//! The rule docs page lists every diagnostic code, and nothing that is not one.

use pullsecret::Code;

#[test]
fn every_code_is_documented() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/diagnostics.md"
    ))
    .unwrap();
    let documented: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    for c in Code::ALL {
        assert!(
            documented.contains(&c.as_str()),
            "{} is not in docs/diagnostics.md",
            c.as_str()
        );
    }
    for d in &documented {
        assert!(
            Code::ALL.iter().any(|c| c.as_str() == *d),
            "docs/diagnostics.md lists unknown code {d}"
        );
    }
}
