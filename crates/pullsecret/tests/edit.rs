//! add / remove / merge: expectations written by hand from the reference behaviour.

use pullsecret::{
    add, merge, remove, AddOptions, EditStyle, MergeOptions, OnConflict, RemoveOptions,
};

fn opts(registry: &str, user: &str, pass: &str) -> AddOptions {
    AddOptions {
        registry: registry.into(),
        username: user.into(),
        password: pass.into(),
        email: None,
        style: EditStyle::Preserve,
    }
}

#[test]
fn smoke() {
    let cases = [
        "",
        "{}",
        "{\"auths\":{}}",
        "{\n  \"auths\": {\n    \"a.io\": {\n      \"auth\": \"eDp5\"\n    }\n  },\n  \"psFormat\": \"x\"\n}\n",
        "{\"auths\":{\"a.io\":{\"auth\":\"eDp5\",\"email\":\"e\"},\"z.io\":{}},\"credsStore\":\"desktop\"}",
    ];
    for c in cases {
        let out = add(c, &opts("quay.io", "u", "p:w")).unwrap();
        println!("---\n{out}\n---");
        let back = remove(&out, "quay.io", &RemoveOptions::default()).unwrap();
        println!("{}", back.config);
        let p = add(
            c,
            &AddOptions {
                style: EditStyle::Podman,
                ..opts("quay.io", "u", "p:w")
            },
        )
        .unwrap();
        println!("podman:\n{p}");
        let m = merge(
            &[c, &out],
            &MergeOptions {
                on_conflict: OnConflict::Last,
                style: EditStyle::Preserve,
            },
        )
        .unwrap();
        println!("merged:\n{}\n{:?}", m.config, m.conflicts);
    }
}
