//! add / remove / merge beyond the shared vectors: options parsing and redaction.

use pullsecret::{add, AddOptions, EditStyle, MergeOptions, OnConflict, RemoveOptions};

#[test]
fn options_from_json() {
    let o = AddOptions::from_json(
        r#"{"registry":"quay.io","username":"u","password":"p","email":"e","style":"podman"}"#,
    )
    .unwrap();
    assert_eq!(o.style, EditStyle::Podman);
    assert_eq!(o.email.as_deref(), Some("e"));
    let e = AddOptions::from_json(r#"{"registry":"r","style":"docker"}"#).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid-option");
    assert!(
        RemoveOptions::from_json(r#"{"aliases":true}"#)
            .unwrap()
            .aliases
    );
    assert_eq!(
        MergeOptions::from_json(r#"{"onConflict":"first"}"#)
            .unwrap()
            .on_conflict,
        OnConflict::First
    );
    assert_eq!(
        MergeOptions::from_json("{}").unwrap().on_conflict,
        OnConflict::Last
    );
}

#[test]
fn debug_redacts_the_password() {
    let o = AddOptions {
        registry: "r".into(),
        username: "u".into(),
        password: "hunter2-secret".into(),
        email: None,
        style: EditStyle::Preserve,
    };
    assert!(!format!("{o:?}").contains("hunter2"));
    // A Secret input whose decoded config is broken: the error must not echo it.
    let e = add("{\"auths\":{\"r\":{\"auth\":hunter2}}}", &o).unwrap_err();
    assert!(!e.to_string().contains("hunter2"));
}
