//! add / remove / merge beyond the shared vectors: options parsing and redaction.

use pullsecret::{add, AddOptions, EditStyle, MergeOptions, OnConflict, RemoveOptions};

fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, pullsecret::Error> {
    pullsecret::options::from(
        "edit",
        serde_json::from_str::<serde_json::Value>(text).unwrap(),
    )
}

#[test]
fn options_from_serde() {
    let o = read::<AddOptions>(
        r#"{"registry":"quay.io","username":"u","password":"p","email":"e","style":"podman"}"#,
    )
    .unwrap();
    assert_eq!(o.style, EditStyle::Podman);
    assert_eq!(o.email.as_deref(), Some("e"));
    let e = read::<AddOptions>(r#"{"registry":"r","style":"docker"}"#).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid-option");
    assert!(
        read::<RemoveOptions>(r#"{"aliases":true}"#)
            .unwrap()
            .aliases
    );
    assert_eq!(
        read::<MergeOptions>(r#"{"onConflict":"first"}"#)
            .unwrap()
            .on_conflict,
        OnConflict::First
    );
    assert_eq!(
        read::<MergeOptions>("{}").unwrap().on_conflict,
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

#[test]
fn auth_basic_splits_at_the_first_colon() {
    let o: AddOptions = read(r#"{"registry":"r","authBasic":"u:p:w","username":"x"}"#).unwrap();
    assert_eq!((o.username.as_str(), o.password.expose()), ("u", "p:w"));
    let e = read::<AddOptions>(r#"{"registry":"r","authBasic":"nocolon"}"#).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid-option");
    assert_eq!(
        e.message,
        "edit: authBasic must be in the form user:password"
    );
}
