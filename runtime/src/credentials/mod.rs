//! AWS credentials (keys, session token, expiry) and the shared files they may come from
//! (`~/.aws/credentials` and `~/.aws/config`: profiles and other sections); the region from the
//! environment or the profile. Sans-IO (feature `sigv4`).
//!
//! [`Credentials::from_env`] loads static keys only, with an optional session token, from the
//! environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) or a profile
//! (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`); the profile named by
//! `AWS_PROFILE` (else `default`); the files named by `AWS_SHARED_CREDENTIALS_FILE` and
//! `AWS_CONFIG_FILE`. A profile that needs more (`role_arn`, `credential_process`, SSO, web
//! identity) is an error saying so: the client's default chain (`credential_chain`, feature
//! `client`) handles those, and the container and instance metadata sources.

//!
//! The credential sources of the client (feature `client`) are the sub-modules: the chain and
//! its cache, instance metadata's and the container endpoint's sources, `credential_process`,
//! SSO and the JSON documents they answer with; [`interop`] (feature `aws-credential-types`)
//! bridges to the official SDKs' providers. They are also reachable under their former root
//! names (`credential_chain`, `container_credentials`, …).

#[cfg(feature = "client")]
pub mod cache;
#[cfg(feature = "client")]
pub mod chain;
#[cfg(feature = "client")]
pub mod container;
#[cfg(feature = "aws-credential-types")]
pub mod interop;
#[cfg(feature = "client")]
pub mod json_document;
#[cfg(feature = "client")]
pub mod process;
#[cfg(feature = "client")]
pub mod sso;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::SystemTime;

/// An access key id, its secret, an optional session token, and when temporary credentials
/// expire.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// The same credentials, expiring at `expiry` (temporary credentials).
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// When the credentials expire (`None`: they do not).
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The access key id (`AKIA…`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// Credentials from the environment variables, then from the profile (see the module
    /// documentation).
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::load(&std::env::vars().collect())
    }

    /// Like [`Credentials::from_env`], with the environment given as a map (for tests and
    /// embedding).
    pub fn load(env: &BTreeMap<String, String>) -> Result<Self, CredentialsError> {
        let var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
        match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            (Some(id), Some(secret)) => {
                return Ok(Self::new(id, secret, var("AWS_SESSION_TOKEN")));
            }
            (Some(_), None) => {
                return Err(CredentialsError::new(
                    "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                ));
            }
            _ => {}
        }
        let profile = Profile::load(env)?;
        profile.credentials()
    }
}

/// Shows the access key id; the secret and the token are redacted.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &crate::error::REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| crate::error::REDACTED),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// No usable credentials (or region) were found, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError(String);

impl CredentialsError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no usable AWS credentials: {}", self.0)
    }
}

impl std::error::Error for CredentialsError {}

/// The settings of one profile, merged from the credentials file (which wins) and the
/// config file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    name: String,
    /// Where the settings were looked for, for error messages.
    sources: Vec<String>,
    settings: BTreeMap<String, String>,
}

impl Profile {
    /// The profile `AWS_PROFILE` names (else `default`) from the shared files that `env`
    /// points at (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, else `~/.aws/…` under
    /// `HOME` or `USERPROFILE`). Missing files are empty; unreadable ones are an error.
    pub fn load(env: &BTreeMap<String, String>) -> Result<Self, CredentialsError> {
        Ok(SharedFiles::load(env)?.profile(&profile_name(env)))
    }

    /// The profile's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the files define the profile at all (some setting is present).
    pub fn exists(&self) -> bool {
        !self.settings.is_empty()
    }

    /// Where the profile was looked for: the shared files' paths.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// A setting (`region`, `aws_access_key_id`, …).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.settings
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The profile's static credentials.
    pub fn credentials(&self) -> Result<Credentials, CredentialsError> {
        match (
            self.get("aws_access_key_id"),
            self.get("aws_secret_access_key"),
        ) {
            (Some(id), Some(secret)) => Ok(Credentials::new(
                id,
                secret,
                self.get("aws_session_token").map(str::to_owned),
            )),
            _ => {
                let unsupported = [
                    "role_arn",
                    "credential_process",
                    "sso_session",
                    "sso_start_url",
                    "web_identity_token_file",
                    "credential_source",
                ]
                .into_iter()
                .find(|k| self.get(k).is_some());
                Err(CredentialsError::new(match unsupported {
                    Some(key) => format!(
                        "profile `{}` uses `{key}`, which static loading does not support \
                         (only static keys, with an optional session token): the client's \
                         default chain (`credential_chain`, feature `client`) does",
                        self.name
                    ),
                    None => format!(
                        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and profile \
                         `{}` has no aws_access_key_id and aws_secret_access_key (looked in: {})",
                        self.name,
                        if self.sources.is_empty() {
                            "no files: HOME is not set".to_owned()
                        } else {
                            self.sources.join(", ")
                        }
                    ),
                }))
            }
        }
    }
}

/// The profile name `AWS_PROFILE` sets, else `default`.
pub fn profile_name(env: &BTreeMap<String, String>) -> String {
    env.get("AWS_PROFILE")
        .filter(|v| !v.is_empty())
        .cloned()
        .unwrap_or_else(|| "default".to_owned())
}

/// The shared config and credentials files, read once: profiles (merged from both, the
/// credentials file winning) and the config file's other sections (`[sso-session x]`).
#[derive(Clone, Debug, Default)]
pub struct SharedFiles {
    config: String,
    credentials: String,
    /// Where the files were looked for, for error messages.
    sources: Vec<String>,
}

impl SharedFiles {
    /// The files that `env` points at (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else
    /// `~/.aws/config` and `~/.aws/credentials` under `HOME` or `USERPROFILE`). Missing files
    /// are empty; unreadable ones are an error naming the file.
    pub fn load(env: &BTreeMap<String, String>) -> Result<Self, CredentialsError> {
        let var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
        let home = var("HOME").or_else(|| var("USERPROFILE"));
        let file = |override_var: &str, default: &str| {
            var(override_var).map(PathBuf::from).or_else(|| {
                home.as_ref()
                    .map(|h| PathBuf::from(h).join(".aws").join(default))
            })
        };
        let mut files = Self::default();
        for (path, is_config) in [
            (file("AWS_CONFIG_FILE", "config"), true),
            (file("AWS_SHARED_CREDENTIALS_FILE", "credentials"), false),
        ] {
            let Some(path) = path else { continue };
            files.sources.push(path.display().to_string());
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(CredentialsError::new(format!(
                        "cannot read {}: {e}",
                        path.display()
                    )));
                }
            };
            if is_config {
                files.config = text;
            } else {
                files.credentials = text;
            }
        }
        Ok(files)
    }

    /// Profile `name`: the config file's `[profile name]` (`[default]` for `default`) with the
    /// credentials file's `[name]` over it.
    pub fn profile(&self, name: &str) -> Profile {
        let section = if name == "default" {
            name.to_owned()
        } else {
            format!("profile {name}")
        };
        let mut settings = parse_section(&self.config, &section);
        settings.extend(parse_section(&self.credentials, name));
        Profile {
            name: name.to_owned(),
            sources: self.sources.clone(),
            settings,
        }
    }

    /// The settings of the config file's section `[header]` (`sso-session my-sso`).
    pub fn config_section(&self, header: &str) -> BTreeMap<String, String> {
        parse_section(&self.config, header)
    }
}

/// The region from `AWS_REGION`, `AWS_DEFAULT_REGION`, or the profile's `region`.
pub fn region_from_env(env: &BTreeMap<String, String>) -> Result<Option<String>, CredentialsError> {
    let var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
    if let Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
        return Ok(Some(region));
    }
    Ok(Profile::load(env)?.get("region").map(str::to_owned))
}

/// The `key = value` settings of section `[name]` of an INI-style shared file. Comments
/// (`#`, `;`) and the indented sub-settings of nested blocks (`s3 =` then indented lines) are
/// skipped; keys are lowercased; later sections of the same name add to earlier ones.
pub fn parse_section(text: &str, name: &str) -> BTreeMap<String, String> {
    let mut settings = BTreeMap::new();
    let mut inside = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.split(']').next().unwrap_or("");
            let header = header.split_whitespace().collect::<Vec<_>>().join(" ");
            inside = header == name;
            continue;
        }
        if !inside || line.starts_with([' ', '\t']) {
            continue;
        }
        if let Some((key, value)) = trimmed.split_once('=') {
            let value = value.trim();
            // An inline comment needs whitespace before it.
            let value = value
                .split_once(" #")
                .or_else(|| value.split_once(" ;"))
                .map_or(value, |(before, _)| before.trim_end());
            settings.insert(key.trim().to_ascii_lowercase(), value.to_owned());
        }
    }
    settings
}
