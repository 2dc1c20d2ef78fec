//! The credential chain's STS sources through the generated STS client, against moto's STS:
//! a profile with `role_arn` and `source_profile` (and a chain of two), with `credential_source =
//! Environment` (a profile the program chose), web identity from a profile and from the
//! environment (EKS). Each is checked by calling STS
//! `GetCallerIdentity` with the credentials the chain found: moto answers with the assumed
//! role's session ARN, so the role, the session name and the signing all went through.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use awsgen_e2e::moto::Moto;
use awsgen_e2e::runtime::Operation as _;
use awsgen_e2e::runtime::client::Config;
use awsgen_e2e::runtime::credential_chain::DefaultChain;
use awsgen_e2e::runtime::credentials::Credentials;
use awsgen_e2e::sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentity;

const ACCOUNT: &str = "123456789012";

/// A scratch `HOME` with a config file, removed when dropped.
struct Home(PathBuf);

impl Home {
    fn new(name: &str, config: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("awsgen-sts-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        std::fs::write(dir.join("token"), "an-oidc-token\n").unwrap();
        Self(dir)
    }

    fn env(&self, moto: &Moto, vars: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut env: BTreeMap<String, String> = [
            ("HOME", self.0.display().to_string()),
            ("AWS_ENDPOINT_URL_STS", moto.endpoint().to_owned()),
            ("AWS_REGION", "us-east-1".to_owned()),
            // Never a real instance metadata service.
            ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        for (k, v) in vars {
            env.insert((*k).to_owned(), (*v).to_owned());
        }
        env
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The ARN moto says the credentials the chain finds in `env` belong to, called through a
/// client configured from `env` (as `Client::from_env` does).
async fn caller_arn(env: &BTreeMap<String, String>) -> String {
    let config = Config::from_env_map(env, awsgen_e2e::runtime::default_federation())
        .unwrap()
        .with_endpoint(&env["AWS_ENDPOINT_URL_STS"]);
    let client = awsgen_e2e::sts::Client::new(config).unwrap();
    let identity = client
        .get_caller_identity()
        .send()
        .await
        .unwrap_or_else(|e| panic!("GetCallerIdentity: {e}"));
    assert_eq!(identity.account(), Some(ACCOUNT));
    identity.arn().unwrap().to_owned()
}

async fn chain(env: &BTreeMap<String, String>) -> Credentials {
    DefaultChain::with_env(env.clone())
        .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
        .resolve()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn web_identity_is_sent_unsigned_as_the_model_says() {
    // From `"authtype": "none"` in the STS model; signed operations keep the default.
    const { assert!(AssumeRoleWithWebIdentity::UNSIGNED) };
    const { assert!(!awsgen_e2e::sts::operation::assume_role::AssumeRole::UNSIGNED) };
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn roles_and_web_identity_through_the_generated_sts_client() {
    let Some(moto) = Moto::start("roles_and_web_identity_through_the_generated_sts_client") else {
        return;
    };
    let home = Home::new(
        "roles",
        &format!(
            "[profile base]\n\
         aws_access_key_id = AKIDBASE\n\
         aws_secret_access_key = base-secret\n\
         \n\
         [profile assumer]\n\
         role_arn = arn:aws:iam::{ACCOUNT}:role/awsgen-role\n\
         source_profile = base\n\
         role_session_name = awsgen-session\n\
         external_id = awsgen-external\n\
         duration_seconds = 900\n\
         \n\
         [profile chained]\n\
         role_arn = arn:aws:iam::{ACCOUNT}:role/second-role\n\
         source_profile = assumer\n\
         role_session_name = second-session\n\
         \n\
         [profile web]\n\
         role_arn = arn:aws:iam::{ACCOUNT}:role/web-role\n\
         web_identity_token_file = {token}\n\
         role_session_name = web-session\n",
            token = "TOKEN_FILE"
        ),
    );
    let token = home.0.join("token").display().to_string();
    let config = std::fs::read_to_string(home.0.join(".aws/config"))
        .unwrap()
        .replace("TOKEN_FILE", &token);
    std::fs::write(home.0.join(".aws/config"), config).unwrap();

    // role_arn + source_profile: temporary credentials for the asked duration.
    let env = home.env(&moto, &[("AWS_PROFILE", "assumer")]);
    let credentials = chain(&env).await;
    assert!(
        credentials.access_key_id().starts_with("ASIA"),
        "{credentials:?}"
    );
    assert!(credentials.session_token().is_some());
    let left = credentials
        .expiry()
        .expect("temporary credentials expire")
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(
        left <= Duration::from_secs(900) && left > Duration::from_secs(800),
        "{left:?}"
    );
    assert_eq!(
        caller_arn(&env).await,
        format!("arn:aws:sts::{ACCOUNT}:assumed-role/awsgen-role/awsgen-session")
    );

    // Two hops.
    let env = home.env(&moto, &[("AWS_PROFILE", "chained")]);
    assert_eq!(
        caller_arn(&env).await,
        format!("arn:aws:sts::{ACCOUNT}:assumed-role/second-role/second-session")
    );

    // Web identity from the profile, then from the environment (EKS).
    let env = home.env(&moto, &[("AWS_PROFILE", "web")]);
    assert_eq!(
        caller_arn(&env).await,
        format!("arn:aws:sts::{ACCOUNT}:assumed-role/web-role/web-session")
    );
    let env = home.env(
        &moto,
        &[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &token),
            (
                "AWS_ROLE_ARN",
                &format!("arn:aws:iam::{ACCOUNT}:role/eks-role"),
            ),
            ("AWS_ROLE_SESSION_NAME", "eks-session"),
        ],
    );
    assert_eq!(
        caller_arn(&env).await,
        format!("arn:aws:sts::{ACCOUNT}:assumed-role/eks-role/eks-session")
    );

    // A failed AssumeRole names the role and the source, without the secret.
    let env = home.env(
        &moto,
        &[
            ("AWS_PROFILE", "assumer"),
            ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9"),
        ],
    );
    let err = DefaultChain::with_env(env)
        .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
        .resolve()
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("profile `assumer`: failed: STS AssumeRole of arn:aws:iam::123456789012:role/awsgen-role"), "{err}");
    assert!(!err.contains("base-secret"), "{err}");

    // Without an STS client the profile says what it needs.
    let env = home.env(&moto, &[("AWS_PROFILE", "assumer")]);
    let err = DefaultChain::with_env(env)
        .resolve()
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("needs STS"), "{err}");
}

#[tokio::test]
#[cfg_attr(
    moto_missing,
    ignore = "moto[server] not installed: set AWSGEN_MOTO_PYTHON (see e2e/build.rs)"
)]
async fn credential_source_environment_assumes_the_role_with_the_environment_keys() {
    let Some(moto) = Moto::start("credential_source_environment_assumes_the_role") else {
        return;
    };
    let home = Home::new(
        "credential-source",
        &format!(
            "[profile from-env]\n\
         role_arn = arn:aws:iam::{ACCOUNT}:role/env-role\n\
         credential_source = Environment\n\
         role_session_name = env-session\n"
        ),
    );
    let env = home.env(
        &moto,
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDENVSOURCE"),
            ("AWS_SECRET_ACCESS_KEY", "env-source-secret"),
        ],
    );
    // The program names the profile: the role is assumed with the environment's keys.
    let credentials = DefaultChain::with_env(env.clone())
        .with_profile("from-env")
        .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
        .resolve()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        credentials.access_key_id().starts_with("ASIA"),
        "{credentials:?}"
    );
    let config = Config::new("us-east-1", credentials).with_endpoint(moto.endpoint());
    let identity = awsgen_e2e::sts::Client::new(config)
        .unwrap()
        .get_caller_identity()
        .send()
        .await
        .unwrap_or_else(|e| panic!("GetCallerIdentity: {e}"));
    assert_eq!(
        identity.arn(),
        Some(format!("arn:aws:sts::{ACCOUNT}:assumed-role/env-role/env-session").as_str())
    );

    // Named by AWS_PROFILE instead, the environment's keys come first, as in botocore and the
    // SDKs: they are the credentials, and no role is assumed.
    let mut by_variable = env.clone();
    by_variable.insert("AWS_PROFILE".into(), "from-env".into());
    assert_eq!(chain(&by_variable).await.access_key_id(), "AKIDENVSOURCE");

    // Without the keys, the profile says which source failed and why.
    let env = home.env(&moto, &[]);
    let err = DefaultChain::with_env(env)
        .with_profile("from-env")
        .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
        .resolve()
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("profile `from-env`: failed: credential_source Environment"),
        "{err}"
    );
    assert!(err.contains("environment: not consulted"), "{err}");
}
