//! The default credential chain, in the SDKs' order, and the default region chain.
//!
//! Credentials: 1. the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! `AWS_SESSION_TOKEN`); 2. the profile (`AWS_PROFILE`, else `default`) of the shared files:
//! `role_arn` with `web_identity_token_file`, or with `source_profile` / `credential_source`
//! (STS AssumeRole), then SSO (`sso_session` or legacy `sso_start_url`), then
//! `credential_process`, then static keys; 3. web identity from
//! `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` (EKS); 4. the container endpoint
//! ([`container_credentials`](crate::credentials::container)); 5. instance metadata
//! ([`imds`](crate::imds)). The first source that is configured decides: a configured source
//! that fails ends the chain with an error (as the SDKs do), naming every source tried and why
//! each was skipped or failed. No message carries a secret.
//!
//! The STS and SSO calls (AssumeRole, AssumeRoleWithWebIdentity, GetRoleCredentials) go
//! through a [`Federation`]: the generated crate implements it with its own STS and SSO
//! clients, generated from their models. SSO profiles: see
//! [`credential_sso`](crate::credentials::sso).
//!
//! Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, instance metadata.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::credentials::cache::ProvideCredentials;
use crate::credentials::container::ContainerCredentials;
use crate::credentials::{Credentials, CredentialsError, Profile, SharedFiles, profile_name};
use crate::imds::{Imds, ImdsError};
use crate::transport::{BoxFuture, HttpClient, HyperClient};

/// An STS `AssumeRole` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssumeRole {
    /// The role's ARN.
    pub role_arn: String,
    /// The session name (`role_session_name`, else `awsgen-<unix time>`).
    pub role_session_name: String,
    /// The profile's `external_id`.
    pub external_id: Option<String>,
    /// The profile's `duration_seconds`.
    pub duration_seconds: Option<i32>,
}

/// An STS `AssumeRoleWithWebIdentity` call.
#[derive(Clone, PartialEq, Eq)]
pub struct AssumeRoleWithWebIdentity {
    /// The role's ARN.
    pub role_arn: String,
    /// The session name.
    pub role_session_name: String,
    /// The OIDC token read from the token file.
    pub web_identity_token: String,
}

/// Hides the token.
impl fmt::Debug for AssumeRoleWithWebIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleWithWebIdentity")
            .field("role_arn", &self.role_arn)
            .field("role_session_name", &self.role_session_name)
            .field("web_identity_token", &crate::error::REDACTED)
            .finish()
    }
}

/// An SSO portal `GetRoleCredentials` call.
#[derive(Clone, PartialEq, Eq)]
pub struct GetRoleCredentials {
    /// `sso_account_id`.
    pub account_id: String,
    /// `sso_role_name`.
    pub role_name: String,
    /// The access token from the SSO token cache.
    pub access_token: String,
}

/// Hides the token.
impl fmt::Debug for GetRoleCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetRoleCredentials")
            .field("account_id", &self.account_id)
            .field("role_name", &self.role_name)
            .field("access_token", &crate::error::REDACTED)
            .finish()
    }
}

/// Where a federation call goes: the region, and an endpoint that overrides the regional one
/// (`AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL_SSO`, else `AWS_ENDPOINT_URL`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FederationTarget {
    /// The region (the profile's, else the chain's region, else `us-east-1`).
    pub region: String,
    /// The endpoint, when overridden.
    pub endpoint: Option<String>,
}

/// The STS and SSO calls the chain makes. Errors are messages without secrets. Each call
/// fails by default, saying the client is missing: a generated crate implements the calls of
/// the services it has.
pub trait Federation: fmt::Debug + Send + Sync {
    /// STS AssumeRole, signed with `credentials`.
    fn assume_role(
        &self,
        target: FederationTarget,
        credentials: Credentials,
        call: AssumeRole,
    ) -> BoxFuture<'_, Result<Credentials, String>> {
        let _ = (target, credentials, call);
        missing("STS", "AssumeRole")
    }

    /// STS AssumeRoleWithWebIdentity (unsigned).
    fn assume_role_with_web_identity(
        &self,
        target: FederationTarget,
        call: AssumeRoleWithWebIdentity,
    ) -> BoxFuture<'_, Result<Credentials, String>> {
        let _ = (target, call);
        missing("STS", "AssumeRoleWithWebIdentity")
    }

    /// SSO portal GetRoleCredentials (unsigned: the access token authorizes it).
    fn get_role_credentials(
        &self,
        target: FederationTarget,
        call: GetRoleCredentials,
    ) -> BoxFuture<'_, Result<Credentials, String>> {
        let _ = (target, call);
        missing("SSO", "GetRoleCredentials")
    }
}

/// The error of a call whose service client the crate lacks.
fn missing(service: &str, operation: &str) -> BoxFuture<'static, Result<Credentials, String>> {
    let message = format!(
        "needs {service} {operation}, and this crate has no {service} client (generate \
         {service}'s {operation} into it, as `codegen.toml` does for `generated/`)"
    );
    Box::pin(async move { Err(message) })
}

/// How many `source_profile` hops a role chain may take.
const MAX_ROLE_CHAIN: usize = 10;

/// The default chain (see the module documentation). Resolves afresh on every call: wrap it in
/// a [`CredentialsCache`](crate::credentials::cache::CredentialsCache), as
/// [`Config::from_env`](crate::client::Config::from_env) does.
#[derive(Clone)]
pub struct DefaultChain {
    env: BTreeMap<String, String>,
    http: Option<Arc<dyn HttpClient>>,
    federation: Option<Arc<dyn Federation>>,
    /// A profile chosen by the program rather than by `AWS_PROFILE`.
    profile: Option<String>,
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The environment may hold secrets: only whether STS is available.
        f.debug_struct("DefaultChain")
            .field("federation", &self.federation)
            .finish_non_exhaustive()
    }
}

/// The result of one source: skipped (not configured), or its answer.
enum Outcome {
    Skipped(String),
    Done(Result<Credentials, String>),
}

impl DefaultChain {
    /// The chain with this process's environment.
    pub fn from_env() -> Self {
        Self::with_env(std::env::vars().collect())
    }

    /// The chain with `env` as the environment (for tests and embedding).
    pub fn with_env(env: BTreeMap<String, String>) -> Self {
        Self {
            env,
            http: None,
            federation: None,
            profile: None,
        }
    }

    /// Uses profile `name` whatever `AWS_PROFILE` says. As with a profile botocore's session is
    /// given explicitly, the environment's keys are then not a source of their own: the
    /// program asked for this profile, so a stray `AWS_ACCESS_KEY_ID` must not override it
    /// (the profile's `credential_source = Environment` still reads them). The profile must
    /// exist.
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The profile to read: the one given to [`with_profile`](Self::with_profile), else
    /// `AWS_PROFILE`, else `default`.
    fn profile_name(&self) -> String {
        self.profile
            .clone()
            .unwrap_or_else(|| profile_name(&self.env))
    }

    /// Sends the metadata and container requests with `http` (default: a [`HyperClient`]
    /// connecting within one second).
    pub fn with_http_client(mut self, http: Arc<dyn HttpClient>) -> Self {
        self.http = Some(http);
        self
    }

    /// Makes the STS calls with `federation`.
    pub fn with_federation(mut self, federation: Arc<dyn Federation>) -> Self {
        self.federation = Some(federation);
        self
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn http(&self) -> Result<Arc<dyn HttpClient>, String> {
        match &self.http {
            Some(http) => Ok(http.clone()),
            None => HyperClient::new(Duration::from_secs(1))
                .map(|c| Arc::new(c) as Arc<dyn HttpClient>)
                .map_err(|e| e.to_string()),
        }
    }

    /// Walks the chain once.
    pub async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let mut tried: Vec<String> = Vec::new();
        let files = SharedFiles::load(&self.env)?;
        let profile = files.profile(&self.profile_name());
        let sources: [(&str, Step); 5] = [
            ("environment", Step::Environment),
            ("profile", Step::Profile),
            ("web identity (environment)", Step::WebIdentity),
            ("container", Step::Container),
            ("instance metadata", Step::Imds),
        ];
        for (name, step) in sources {
            let name = match step {
                Step::Profile => format!("profile `{}`", profile.name()),
                _ => name.to_owned(),
            };
            let outcome = match step {
                Step::Environment if self.profile.is_some() => {
                    Outcome::Skipped("not consulted: the program chose a profile".to_owned())
                }
                Step::Environment => self.environment(),
                Step::Profile => self.profile(&files, &profile).await,
                Step::WebIdentity => self.web_identity_env(&profile).await,
                Step::Container => self.container().await,
                Step::Imds => self.imds(&profile).await,
            };
            match outcome {
                Outcome::Skipped(why) => tried.push(format!("{name}: {why}")),
                Outcome::Done(Ok(credentials)) => return Ok(credentials),
                Outcome::Done(Err(why)) => {
                    tried.push(format!("{name}: failed: {why}"));
                    return Err(CredentialsError::new(format!(
                        "{name} is configured but failed; sources tried: {}",
                        tried.join("; ")
                    )));
                }
            }
        }
        Err(CredentialsError::new(format!(
            "no source is configured; sources tried: {}",
            tried.join("; ")
        )))
    }

    fn environment(&self) -> Outcome {
        match (
            self.var("AWS_ACCESS_KEY_ID"),
            self.var("AWS_SECRET_ACCESS_KEY"),
        ) {
            (Some(id), Some(secret)) => Outcome::Done(Ok(Credentials::new(
                id,
                secret,
                self.var("AWS_SESSION_TOKEN").map(str::to_owned),
            ))),
            (Some(_), None) => Outcome::Done(Err(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not".to_owned(),
            )),
            (None, Some(_)) => Outcome::Done(Err(
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not".to_owned(),
            )),
            (None, None) => Outcome::Skipped("AWS_ACCESS_KEY_ID is not set".to_owned()),
        }
    }

    async fn profile(&self, files: &SharedFiles, profile: &Profile) -> Outcome {
        if !profile.exists() {
            let looked = if profile.sources().is_empty() {
                "no files: HOME is not set".to_owned()
            } else {
                profile.sources().join(", ")
            };
            let why = format!("not found in {looked}");
            // A profile asked for by name must exist.
            return if self.profile.is_some() || self.var("AWS_PROFILE").is_some() {
                Outcome::Done(Err(why))
            } else {
                Outcome::Skipped(why)
            };
        }
        if !self.profile_has_credentials(profile) {
            return Outcome::Skipped(
                "no credentials in it (no aws_access_key_id, role_arn, credential_process, \
                 sso_session or sso_start_url)"
                    .to_owned(),
            );
        }
        Outcome::Done(Box::pin(self.profile_credentials(files, profile, 0)).await)
    }

    fn profile_has_credentials(&self, profile: &Profile) -> bool {
        [
            "aws_access_key_id",
            "role_arn",
            "credential_process",
            "sso_session",
            "sso_start_url",
        ]
        .into_iter()
        .any(|k| profile.get(k).is_some())
    }

    /// The credentials of `profile`, `depth` hops into a role chain.
    async fn profile_credentials(
        &self,
        files: &SharedFiles,
        profile: &Profile,
        depth: usize,
    ) -> Result<Credentials, String> {
        if let Some(role_arn) = profile.get("role_arn") {
            if let Some(token_file) = profile.get("web_identity_token_file") {
                return self
                    .web_identity(
                        profile,
                        role_arn,
                        token_file,
                        profile.get("role_session_name"),
                    )
                    .await;
            }
            return Box::pin(self.assume_role(files, profile, role_arn, depth)).await;
        }
        if profile.get("sso_session").is_some() || profile.get("sso_start_url").is_some() {
            return self.sso(files, profile).await;
        }
        if let Some(command) = profile.get("credential_process") {
            return crate::credentials::process::run(command).await;
        }
        profile.credentials().map_err(|e| e.message().to_owned())
    }

    /// `role_arn` with `source_profile` or `credential_source`.
    async fn assume_role(
        &self,
        files: &SharedFiles,
        profile: &Profile,
        role_arn: &str,
        depth: usize,
    ) -> Result<Credentials, String> {
        let name = profile.name();
        if profile.get("mfa_serial").is_some() {
            return Err(format!(
                "profile `{name}` sets mfa_serial: assuming the role needs a code from the \
                 MFA device, which this non-interactive client cannot ask for; get session \
                 credentials with the CLI instead"
            ));
        }
        if depth >= MAX_ROLE_CHAIN {
            return Err(format!(
                "profile `{name}`: more than {MAX_ROLE_CHAIN} source_profile hops (a loop?)"
            ));
        }
        let source = match (
            profile.get("source_profile"),
            profile.get("credential_source"),
        ) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "profile `{name}` sets both source_profile and credential_source"
                ));
            }
            (None, None) => {
                return Err(format!(
                    "profile `{name}` sets role_arn without source_profile, \
                     credential_source or web_identity_token_file"
                ));
            }
            (Some(source_name), None) => {
                let source = files.profile(source_name);
                if !source.exists() {
                    return Err(format!(
                        "profile `{name}`: source_profile `{source_name}` does not exist"
                    ));
                }
                // A profile that names itself uses its own static keys (botocore's rule).
                if source_name == name {
                    source.credentials().map_err(|e| e.message().to_owned())?
                } else {
                    Box::pin(self.profile_credentials(files, &source, depth + 1))
                        .await
                        .map_err(|e| format!("source_profile `{source_name}`: {e}"))?
                }
            }
            (None, Some(credential_source)) => self
                .credential_source(credential_source, profile)
                .await
                .map_err(|e| format!("credential_source {credential_source}: {e}"))?,
        };
        let duration_seconds = match profile.get("duration_seconds") {
            None => None,
            Some(text) => Some(text.parse::<i32>().map_err(|_| {
                format!("profile `{name}`: duration_seconds is not a number: {text}")
            })?),
        };
        let call = AssumeRole {
            role_arn: role_arn.to_owned(),
            role_session_name: session_name(profile.get("role_session_name")),
            external_id: profile.get("external_id").map(str::to_owned),
            duration_seconds,
        };
        let federation = self.federation()?;
        federation
            .assume_role(self.sts_target(profile), source, call)
            .await
            .map_err(|e| format!("STS AssumeRole of {role_arn}: {e}"))
    }

    /// `credential_source`: `Environment`, `Ec2InstanceMetadata` or `EcsContainer`.
    async fn credential_source(
        &self,
        source: &str,
        profile: &Profile,
    ) -> Result<Credentials, String> {
        let outcome = match source {
            "Environment" => self.environment(),
            "EcsContainer" => self.container().await,
            "Ec2InstanceMetadata" => self.imds(profile).await,
            other => {
                return Err(format!(
                    "unknown credential_source `{other}` (Environment, Ec2InstanceMetadata \
                     or EcsContainer)"
                ));
            }
        };
        match outcome {
            Outcome::Skipped(why) => Err(why),
            Outcome::Done(result) => result,
        }
    }

    fn federation(&self) -> Result<&Arc<dyn Federation>, String> {
        self.federation.as_ref().ok_or_else(|| {
            "needs STS or SSO, and no client for them was given (`Client::from_env` gives \
             the generated crate's own)"
                .to_owned()
        })
    }

    /// `sso_session` or the legacy SSO settings: the cached token, then GetRoleCredentials.
    async fn sso(&self, files: &SharedFiles, profile: &Profile) -> Result<Credentials, String> {
        let sso = crate::credentials::sso::sso_profile(files, profile, &self.env)?;
        let call = GetRoleCredentials {
            account_id: sso.account_id.clone(),
            role_name: sso.role_name.clone(),
            access_token: crate::credentials::sso::access_token(&sso.token_file)?,
        };
        let target = FederationTarget {
            region: sso.region.clone(),
            endpoint: self
                .var("AWS_ENDPOINT_URL_SSO")
                .or_else(|| self.var("AWS_ENDPOINT_URL"))
                .map(str::to_owned),
        };
        self.federation()?
            .get_role_credentials(target, call)
            .await
            .map_err(|e| {
                format!(
                    "SSO GetRoleCredentials of role {} in account {}: {e}",
                    sso.role_name, sso.account_id
                )
            })
    }

    fn sts_target(&self, profile: &Profile) -> FederationTarget {
        FederationTarget {
            region: self
                .var("AWS_REGION")
                .or_else(|| self.var("AWS_DEFAULT_REGION"))
                .or_else(|| profile.get("region"))
                .unwrap_or("us-east-1")
                .to_owned(),
            endpoint: self
                .var("AWS_ENDPOINT_URL_STS")
                .or_else(|| self.var("AWS_ENDPOINT_URL"))
                .map(str::to_owned),
        }
    }

    async fn web_identity(
        &self,
        profile: &Profile,
        role_arn: &str,
        token_file: &str,
        session: Option<&str>,
    ) -> Result<Credentials, String> {
        let token = std::fs::read_to_string(token_file)
            .map_err(|e| format!("cannot read the web identity token file {token_file}: {e}"))?;
        let call = AssumeRoleWithWebIdentity {
            role_arn: role_arn.to_owned(),
            role_session_name: session_name(session),
            web_identity_token: token.trim().to_owned(),
        };
        self.federation()?
            .assume_role_with_web_identity(self.sts_target(profile), call)
            .await
            .map_err(|e| format!("STS AssumeRoleWithWebIdentity of {role_arn}: {e}"))
    }

    async fn web_identity_env(&self, profile: &Profile) -> Outcome {
        match (
            self.var("AWS_WEB_IDENTITY_TOKEN_FILE"),
            self.var("AWS_ROLE_ARN"),
        ) {
            (Some(file), Some(role)) => Outcome::Done(
                self.web_identity(profile, role, file, self.var("AWS_ROLE_SESSION_NAME"))
                    .await,
            ),
            (Some(_), None) => Outcome::Done(Err(
                "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not".to_owned(),
            )),
            (None, _) => Outcome::Skipped("AWS_WEB_IDENTITY_TOKEN_FILE is not set".to_owned()),
        }
    }

    async fn container(&self) -> Outcome {
        let http = match self.http() {
            Ok(http) => http,
            Err(e) => return Outcome::Done(Err(e)),
        };
        match ContainerCredentials::from_env(&self.env, http) {
            Ok(None) => Outcome::Skipped(
                "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor …_FULL_URI is set".to_owned(),
            ),
            Ok(Some(container)) => Outcome::Done(container.credentials().await),
            Err(e) => Outcome::Done(Err(e)),
        }
    }

    async fn imds(&self, profile: &Profile) -> Outcome {
        let http = match self.http() {
            Ok(http) => http,
            Err(e) => return Outcome::Done(Err(e)),
        };
        let v1_disabled = profile
            .get("ec2_metadata_v1_disabled")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let imds = match Imds::from_env(&self.env, v1_disabled, http) {
            Ok(imds) => imds,
            Err(ImdsError::Disabled) => {
                return Outcome::Skipped("AWS_EC2_METADATA_DISABLED is true".to_owned());
            }
            Err(ImdsError::Failed(why)) => return Outcome::Done(Err(why)),
        };
        match imds.credentials().await {
            Ok(credentials) => Outcome::Done(Ok(credentials)),
            Err(ImdsError::Disabled) => {
                Outcome::Skipped("AWS_EC2_METADATA_DISABLED is true".to_owned())
            }
            // The last source: not on EC2 is the common case, reported as a failure to reach it.
            Err(ImdsError::Failed(why)) => Outcome::Done(Err(why)),
        }
    }

    /// The region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, then instance
    /// metadata (unless disabled). `Ok(None)` when none has one; the error says why each had
    /// none.
    pub async fn region(&self) -> Result<String, CredentialsError> {
        if let Some(region) = self
            .var("AWS_REGION")
            .or_else(|| self.var("AWS_DEFAULT_REGION"))
        {
            return Ok(region.to_owned());
        }
        let profile = SharedFiles::load(&self.env)?.profile(&self.profile_name());
        if let Some(region) = profile.get("region") {
            return Ok(region.to_owned());
        }
        let why = match self.http() {
            Err(e) => e,
            Ok(http) => match Imds::from_env(&self.env, false, http) {
                Err(ImdsError::Disabled) => "AWS_EC2_METADATA_DISABLED is true".to_owned(),
                Err(ImdsError::Failed(why)) => why,
                Ok(imds) => match imds.region().await {
                    Ok(region) if !region.is_empty() => return Ok(region),
                    Ok(_) => "empty answer".to_owned(),
                    Err(ImdsError::Disabled) => "AWS_EC2_METADATA_DISABLED is true".to_owned(),
                    Err(ImdsError::Failed(why)) => why,
                },
            },
        };
        Err(CredentialsError::new(format!(
            "no region: AWS_REGION and AWS_DEFAULT_REGION are not set, profile `{}` has no \
             region, and instance metadata gave none ({why})",
            profile.name()
        )))
    }
}

#[derive(Clone, Copy)]
enum Step {
    Environment,
    Profile,
    WebIdentity,
    Container,
    Imds,
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.resolve())
    }
}

/// The session name given, else `awsgen-<unix seconds>`.
fn session_name(given: Option<&str>) -> String {
    given.map(str::to_owned).unwrap_or_else(|| {
        let secs = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!("awsgen-{secs}")
    })
}
