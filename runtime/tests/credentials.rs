//! Credentials and region from the environment and the shared files: precedence (environment,
//! then the credentials file, then the config file), profiles (`AWS_PROFILE`, `[profile x]` in
//! the config file), file overrides, session tokens, comments and nested blocks, and the
//! errors for missing or unsupported settings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use awsgen_runtime::credentials::{Credentials, Profile, parse_section, region_from_env};

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh directory with the given files.
fn dir(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir =
        std::env::temp_dir().join(format!("awsgen-credentials-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
    Scratch(dir)
}

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

const CREDENTIALS: &str = "\
# a comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret ; an inline comment

[work]
aws_access_key_id=AKIDWORK
aws_secret_access_key=work-secret
aws_session_token = work-token
";

const CONFIG: &str = "\
[default]
region = eu-west-1

[profile work]
region = ap-southeast-2
s3 =
  max_concurrent_requests = 20
  region = not-this-one

[profile assumed]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = default

[profile in-config]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = config-secret
";

#[test]
fn environment_variables_win() {
    let home = dir("env", &[(".aws/credentials", CREDENTIALS)]);
    let env = env(&[
        ("HOME", home.to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ("AWS_SESSION_TOKEN", "env-token"),
    ]);
    let c = Credentials::load(&env).unwrap();
    assert_eq!(
        c,
        Credentials::new("AKIDENV", "env-secret", Some("env-token".into()))
    );
    let debug = format!("{c:?}");
    assert!(
        !debug.contains("env-secret") && !debug.contains("env-token"),
        "{debug}"
    );
}

#[test]
fn default_and_named_profiles_from_the_shared_files() {
    let home = dir(
        "profiles",
        &[(".aws/credentials", CREDENTIALS), (".aws/config", CONFIG)],
    );
    let h = home.to_str().unwrap();
    assert_eq!(
        Credentials::load(&env(&[("HOME", h)])).unwrap(),
        Credentials::new("AKIDDEFAULT", "default-secret", None)
    );
    assert_eq!(
        region_from_env(&env(&[("HOME", h)])).unwrap().as_deref(),
        Some("eu-west-1")
    );
    let work = env(&[("HOME", h), ("AWS_PROFILE", "work")]);
    assert_eq!(
        Credentials::load(&work).unwrap(),
        Credentials::new("AKIDWORK", "work-secret", Some("work-token".into()))
    );
    assert_eq!(
        region_from_env(&work).unwrap().as_deref(),
        Some("ap-southeast-2")
    );
    // AWS_REGION beats the profile.
    let with_region = env(&[
        ("HOME", h),
        ("AWS_PROFILE", "work"),
        ("AWS_REGION", "us-west-2"),
    ]);
    assert_eq!(
        region_from_env(&with_region).unwrap().as_deref(),
        Some("us-west-2")
    );
    // Keys may also sit in the config file.
    assert_eq!(
        Credentials::load(&env(&[("HOME", h), ("AWS_PROFILE", "in-config")])).unwrap(),
        Credentials::new("AKIDCONFIG", "config-secret", None)
    );
}

#[test]
fn file_locations_can_be_overridden() {
    let home = dir("override", &[("creds", CREDENTIALS), ("conf", CONFIG)]);
    let env = env(&[
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join("creds").to_str().unwrap(),
        ),
        ("AWS_CONFIG_FILE", home.join("conf").to_str().unwrap()),
        ("AWS_PROFILE", "work"),
    ]);
    assert_eq!(Credentials::load(&env).unwrap().access_key_id(), "AKIDWORK");
    assert_eq!(
        Profile::load(&env).unwrap().get("region"),
        Some("ap-southeast-2")
    );
}

#[test]
fn missing_and_unsupported_credentials_are_explained() {
    let home = dir("errors", &[(".aws/config", CONFIG)]);
    let h = home.to_str().unwrap();
    let err = Credentials::load(&env(&[("HOME", h), ("AWS_PROFILE", "assumed")])).unwrap_err();
    assert!(err.to_string().contains("uses `role_arn`"), "{err}");
    let err = Credentials::load(&env(&[("HOME", h), ("AWS_PROFILE", "nope")])).unwrap_err();
    assert!(
        err.to_string()
            .contains("profile `nope` has no aws_access_key_id"),
        "{err}"
    );
    let err = Credentials::load(&env(&[("AWS_ACCESS_KEY_ID", "x")])).unwrap_err();
    assert!(
        err.to_string().contains("AWS_SECRET_ACCESS_KEY is not"),
        "{err}"
    );
    let err = Credentials::load(&env(&[])).unwrap_err();
    assert!(err.to_string().contains("HOME is not set"), "{err}");
}

#[test]
fn sections_are_parsed_like_the_cli() {
    let text = "[ profile   spaced ]\nkey = a = b\n\tindented = skipped\nKEY2 = x # comment\n";
    let section = parse_section(text, "profile spaced");
    assert_eq!(section.get("key").map(String::as_str), Some("a = b"));
    assert_eq!(section.get("key2").map(String::as_str), Some("x"));
    assert!(!section.contains_key("indented"));
}
