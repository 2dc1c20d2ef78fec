//! The client costs nothing when off: `cargo tree -e normal` of the checked-in generated crate
//! (`generated/Cargo.toml`, default features) equals the tree of the same manifest with the
//! `client` and `sigv4` features (which turn on the runtime's) and their optional dependencies
//! removed; with `sigv4` alone
//! the signer's sha2 and hmac are in the tree and no transport; with `client` on, the client's
//! transport is in the tree. Resolved offline from the local registry cache, each manifest in
//! a scratch directory of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str, manifest: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsgen-tree-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    dir
}

fn tree(dir: &Path, features: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["tree", "-e", "normal", "--offline", "--prefix", "depth"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", dir.join("target"));
    if !features.is_empty() {
        command.arg("--features").arg(features.join(","));
    }
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The first line names the package and its (scratch) path.
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines().skip(1).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_client_feature_adds_nothing_when_off() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/Cargo.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut manifest: toml::Table = toml::from_str(&text).unwrap();
    manifest.insert("workspace".into(), toml::Table::new().into());
    // The runtime by an absolute path, so the manifest resolves from a scratch directory.
    let runtime = manifest["dependencies"]["awsgen-runtime"]
        .as_table()
        .cloned()
        .expect("generated/ depends on awsgen-runtime");
    assert_eq!(runtime["path"].as_str(), Some("../runtime"));
    assert_eq!(runtime["default-features"].as_bool(), Some(false));
    manifest["dependencies"]["awsgen-runtime"]["path"] =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime").into();
    let with_client = toml::to_string(&manifest).unwrap();

    let features = manifest["features"].as_table_mut().unwrap();
    let deps_of = |feature: toml::Value| -> Vec<String> {
        feature
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d.as_str().unwrap().strip_prefix("dep:").map(str::to_owned))
            .collect()
    };
    let client = features.remove("client").expect("a `client` feature");
    for needed in ["sigv4", "awsgen-runtime/client"] {
        assert!(
            client
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f.as_str() == Some(needed)),
            "client includes {needed}: {client:?}"
        );
    }
    let sigv4 = features.remove("sigv4").expect("a `sigv4` feature");
    let mut client_deps = deps_of(client);
    client_deps.extend(deps_of(sigv4));
    // Features on top of the client (interop with aws-credential-types) go with it.
    let on_top: Vec<String> = features
        .iter()
        .filter(|(_, list)| {
            list.as_array()
                .unwrap()
                .iter()
                .any(|f| f.as_str() == Some("client"))
        })
        .map(|(name, _)| name.clone())
        .collect();
    assert_eq!(on_top, ["aws-credential-types"]);
    for name in on_top {
        client_deps.extend(deps_of(features.remove(&name).unwrap()));
    }
    let deps = manifest["dependencies"].as_table_mut().unwrap();
    for dep in &client_deps {
        let removed = deps.remove(dep).expect("a client dependency");
        assert_eq!(
            removed.get("optional").and_then(|o| o.as_bool()),
            Some(true),
            "{dep}"
        );
    }
    let without_client = toml::to_string(&manifest).unwrap();

    let on = scratch("with", &with_client);
    let off = scratch("without", &without_client);
    let default_tree = tree(&on, &[]);
    assert_eq!(default_tree, tree(&off, &[]));
    assert!(!default_tree.contains("hyper"), "{default_tree}");
    // Sans-IO signing: sha2 and hmac, no transport.
    let sigv4_tree = tree(&on, &["sigv4"]);
    for crate_name in ["sha2", "hmac"] {
        assert!(
            sigv4_tree.contains(crate_name),
            "{crate_name} in\n{sigv4_tree}"
        );
    }
    for crate_name in ["hyper", "rustls", "tokio"] {
        assert!(
            !sigv4_tree.contains(crate_name),
            "{crate_name} in\n{sigv4_tree}"
        );
    }
    let client_tree = tree(&on, &["client"]);
    for crate_name in ["hyper-util", "rustls", "sha2", "hmac", "tokio"] {
        assert!(
            client_tree.contains(crate_name),
            "{crate_name} in\n{client_tree}"
        );
    }
    assert!(!has_h2(&client_tree), "no HTTP/2 in\n{client_tree}");
    let _ = std::fs::remove_dir_all(on);
    let _ = std::fs::remove_dir_all(off);
}

/// Whether `tree` (`cargo tree --prefix depth`) has the `h2` crate.
fn has_h2(tree: &str) -> bool {
    tree.lines().any(|l| {
        l.trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with("h2 v")
    })
}

#[test]
fn http2_only_with_an_input_event_stream_and_the_client() {
    // The end-to-end crate, generated by build.rs: Bedrock Runtime's
    // `InvokeModelWithBidirectionalStream` has an input stream.
    let path = concat!(env!("OUT_DIR"), "/generated/Cargo.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut manifest: toml::Table = toml::from_str(&text).unwrap();
    manifest.insert("workspace".into(), toml::Table::new().into());
    manifest["dependencies"]["awsgen-runtime"]["path"] =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime").into();
    let client = manifest["features"]["client"].as_array().unwrap();
    assert!(
        client
            .iter()
            .any(|f| f.as_str() == Some("awsgen-runtime/http2")),
        "{client:?}"
    );
    let dir = scratch("input-stream", &toml::to_string(&manifest).unwrap());
    let without = tree(&dir, &[]);
    assert!(
        !has_h2(&without),
        "no HTTP/2 without the client:\n{without}"
    );
    let with = tree(&dir, &["client"]);
    assert!(has_h2(&with), "HTTP/2 with the client:\n{with}");
    let _ = std::fs::remove_dir_all(dir);
}
