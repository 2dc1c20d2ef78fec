//! The default credential chain and region chain against real servers on 127.0.0.1 (an HTTP/1.1
//! server in this file that behaves as the instance metadata service or the container
//! endpoint: tokens that expire, slow answers, a missing role), a real `credential_process`
//! script, and the shared files; the credentials cache (one refresh for many waiting calls,
//! old credentials kept when a refresh fails); and a client call signed with what the chain
//! found. Every failure must name each source tried and never carry a secret.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use awsgen_e2e::runtime::credential_cache::{CredentialsCache, ProvideCredentials};
use awsgen_e2e::runtime::credential_chain::DefaultChain;
use awsgen_e2e::runtime::credentials::{Credentials, CredentialsError};
use awsgen_e2e::runtime::transport::BoxFuture;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// ---------------------------------------------------------------------------------------------
// A small HTTP/1.1 server

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    body: String,
}

type Handler = dyn Fn(&Seen) -> (u16, String, Duration) + Send + Sync;

/// A server on 127.0.0.1 answering each request with the handler's (status, body, delay).
struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    async fn start(
        handler: impl Fn(&Seen) -> (u16, String, Duration) + Send + Sync + 'static,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let handler = handler.clone();
                let log = log.clone();
                tokio::spawn(serve(stream, handler, log));
            }
        });
        Self { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Serves the requests of one connection (keep-alive, as hyper's pool uses it).
async fn serve(
    mut stream: tokio::net::TcpStream,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Seen>>>,
) {
    let mut buffer = Vec::new();
    loop {
        let head_end = loop {
            if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next().unwrap_or("").split(' ');
        let method = request_line.next().unwrap_or("").to_owned();
        let path = request_line.next().unwrap_or("").to_owned();
        let headers: BTreeMap<String, String> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buffer.len() < head_end + length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).into_owned();
        buffer.drain(..head_end + length);
        let seen = Seen {
            method,
            path,
            headers,
            body,
        };
        log.lock().unwrap().push(seen.clone());
        let (status, body, delay) = handler(&seen);
        tokio::time::sleep(delay).await;
        let response = format!(
            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\ncontent-type: text/plain\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

const NOW: Duration = Duration::ZERO;

fn ok(body: impl Into<String>) -> (u16, String, Duration) {
    (200, body.into(), NOW)
}

/// An RFC 3339 time `from_now` ahead.
fn rfc3339(from_now: Duration) -> String {
    let secs = (SystemTime::now() + from_now)
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    awsgen_e2e::runtime::DateTime::from_secs(secs as i64).to_date_time_string()
}

fn credentials_json(key: &str, secret: &str, token: &str, expiry: Duration) -> String {
    format!(
        r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{key}","SecretAccessKey":"{secret}","Token":"{token}","Expiration":"{}","LastUpdated":"2026-01-01T00:00:00Z"}}"#,
        rfc3339(expiry)
    )
}

// ---------------------------------------------------------------------------------------------
// Environments

/// A scratch directory (removed when dropped) standing in for `HOME`.
struct Home(PathBuf);

impl Home {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("awsgen-chain-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        for (path, text) in files {
            std::fs::write(dir.join(path), text).unwrap();
        }
        Self(dir)
    }

    fn path(&self, file: &str) -> String {
        self.0.join(file).display().to_string()
    }

    /// An environment with `HOME` here, IMDS pointed at a closed port (unless `vars` says
    /// otherwise), and `vars`.
    fn env(&self, vars: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut env: BTreeMap<String, String> = [
            ("HOME", self.0.display().to_string()),
            // Port 9 on loopback: connection refused at once, never a real IMDS.
            (
                "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                "http://127.0.0.1:9".to_owned(),
            ),
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

async fn resolve(env: BTreeMap<String, String>) -> Result<Credentials, CredentialsError> {
    DefaultChain::with_env(env).resolve().await
}

/// Asserts that `message` names every source of the chain and none of `secrets`.
fn names_every_source(message: &str, secrets: &[&str]) {
    for source in [
        "environment:",
        "profile `",
        "web identity (environment):",
        "container:",
        "instance metadata:",
    ] {
        assert!(message.contains(source), "{source} missing from: {message}");
    }
    for secret in secrets {
        assert!(!message.contains(secret), "secret {secret} in: {message}");
    }
}

// ---------------------------------------------------------------------------------------------
// Environment, profile, credential_process

#[tokio::test]
async fn the_environment_comes_first() {
    let home = Home::new(
        "env-first",
        &[(
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n",
        )],
    );
    let env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ("AWS_SESSION_TOKEN", "env-token"),
    ]);
    let credentials = resolve(env).await.unwrap();
    assert_eq!(
        credentials,
        Credentials::new("AKIDENV", "env-secret", Some("env-token".into()))
    );
    // Then the profile.
    let credentials = resolve(home.env(&[])).await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
    assert_eq!(credentials.expiry(), None);
    // Half the environment's keys is an error, not a fall-through.
    let err = resolve(home.env(&[("AWS_ACCESS_KEY_ID", "AKIDENV")]))
        .await
        .unwrap_err();
    assert!(
        err.message().contains("AWS_SECRET_ACCESS_KEY is not"),
        "{err}"
    );
}

#[tokio::test]
async fn a_named_profile_that_does_not_exist_is_an_error() {
    let home = Home::new("no-profile", &[]);
    let err = resolve(home.env(&[("AWS_PROFILE", "nope")]))
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("profile `nope`: failed: not found in"),
        "{message}"
    );
    assert!(message.contains(&home.path(".aws/config")), "{message}");
}

#[cfg(unix)]
#[tokio::test]
async fn credential_process_runs_the_command_and_reads_its_json() {
    let expiry = rfc3339(Duration::from_secs(3600));
    let script = format!(
        "#!/bin/sh\necho '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"process-secret\", \"SessionToken\": \"process-token\", \"Expiration\": \"{expiry}\"}}'\n"
    );
    let home = Home::new(
        "process",
        &[
            ("creds.sh", &script),
            (
                "fail.sh",
                "#!/bin/sh\necho 'SECRETOUT' ; echo 'token expired, run login' >&2; exit 3\n",
            ),
            (
                "v2.sh",
                "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"v2-secret\"}'\n",
            ),
        ],
    );
    let config = format!(
        "[default]\ncredential_process = sh {}\n\n[profile failing]\ncredential_process = sh {}\n\n[profile v2]\ncredential_process = sh {}\n",
        home.path("creds.sh"),
        home.path("fail.sh"),
        home.path("v2.sh")
    );
    std::fs::write(home.path(".aws/config"), config).unwrap();

    let credentials = resolve(home.env(&[])).await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDPROCESS");
    assert_eq!(credentials.secret_access_key(), "process-secret");
    assert_eq!(credentials.session_token(), Some("process-token"));
    let expected = awsgen_e2e::runtime::DateTime::parse_date_time(&expiry).unwrap();
    assert_eq!(
        credentials
            .expiry()
            .unwrap()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        expected.secs() as u64
    );

    let err = resolve(home.env(&[("AWS_PROFILE", "failing")]))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("exit status: 3"), "{err}");
    assert!(err.contains("token expired, run login"), "{err}");
    assert!(
        !err.contains("SECRETOUT"),
        "standard output is never shown: {err}"
    );
    assert!(
        err.contains("environment: AWS_ACCESS_KEY_ID is not set"),
        "{err}"
    );

    let err = resolve(home.env(&[("AWS_PROFILE", "v2")]))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("unsupported Version 2"), "{err}");
    assert!(!err.contains("v2-secret"), "{err}");
}

#[tokio::test]
async fn profiles_that_need_what_is_refused_say_why() {
    let home = Home::new(
        "refused",
        &[(
            ".aws/config",
            "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n\n[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n\n[profile both]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\ncredential_source = Environment\n",
        )],
    );
    let err = resolve(home.env(&[("AWS_PROFILE", "mfa")]))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("mfa_serial"), "{err}");
    assert!(!err.contains("base-secret"), "{err}");
    let err = resolve(home.env(&[("AWS_PROFILE", "both")]))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("both source_profile and credential_source"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Container endpoint

#[tokio::test]
async fn container_credentials_with_the_token_file() {
    let server = Server::start(|seen| {
        if seen.path == "/v1/credentials" && seen.headers.get("authorization").map(String::as_str) == Some("pod-token") {
            ok(format!(
                r#"{{"AccessKeyId":"AKIDPOD","SecretAccessKey":"pod-secret","Token":"pod-session","AccountId":"123456789012","Expiration":"{}"}}"#,
                rfc3339(Duration::from_secs(3600))
            ))
        } else {
            (401, "no".to_owned(), NOW)
        }
    })
    .await;
    let home = Home::new("container", &[("token", "pod-token\n")]);
    let uri = format!("{}/v1/credentials", server.url);
    let token_file = home.path("token");
    let env = home.env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
        // The file wins over the variable.
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "stale"),
    ]);
    let credentials = resolve(env).await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDPOD");
    assert_eq!(credentials.session_token(), Some("pod-session"));
    assert!(credentials.expiry().is_some());

    // A wrong token: the endpoint's 401 ends the chain, with every source tried so far.
    let env = home.env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token"),
    ]);
    let err = resolve(env).await.unwrap_err().to_string();
    assert!(err.contains("container: failed: GET"), "{err}");
    assert!(err.contains("HTTP 401"), "{err}");
    assert!(!err.contains("wrong-token"), "{err}");

    // Plain http to anything but loopback and the agents is refused before any request.
    let env = home.env(&[(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://169.254.169.254/creds",
    )]);
    let err = resolve(env).await.unwrap_err().to_string();
    assert!(err.contains("must point at a loopback address"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Instance metadata

/// An IMDS: tokens `t1`, `t2`, …; role `app-role`; `expire_first_token` rejects `t1` once with
/// 401 (an expired token); `role_status` is what the role's credentials answer.
fn imds_handler(
    expire_first_token: bool,
    role_status: u16,
) -> impl Fn(&Seen) -> (u16, String, Duration) + Send + Sync + 'static {
    let tokens = AtomicUsize::new(0);
    let expired = AtomicUsize::new(0);
    move |seen| {
        if seen.method == "PUT" && seen.path == "/latest/api/token" {
            if seen
                .headers
                .get("x-aws-ec2-metadata-token-ttl-seconds")
                .map(String::as_str)
                != Some("21600")
            {
                return (400, String::new(), NOW);
            }
            let n = tokens.fetch_add(1, Ordering::SeqCst) + 1;
            return ok(format!("t{n}"));
        }
        let token = seen
            .headers
            .get("x-aws-ec2-metadata-token")
            .cloned()
            .unwrap_or_default();
        if !token.starts_with('t') {
            return (401, String::new(), NOW);
        }
        if expire_first_token && token == "t1" && expired.fetch_add(1, Ordering::SeqCst) == 0 {
            return (401, String::new(), NOW);
        }
        match seen.path.as_str() {
            "/latest/meta-data/iam/security-credentials/" => ok("app-role"),
            "/latest/meta-data/iam/security-credentials/app-role" if role_status == 200 => {
                ok(credentials_json(
                    "AKIDIMDS",
                    "imds-secret",
                    "imds-token",
                    Duration::from_secs(6 * 3600),
                ))
            }
            "/latest/meta-data/iam/security-credentials/app-role" => {
                (role_status, String::new(), NOW)
            }
            "/latest/meta-data/placement/region" => ok("ap-southeast-2"),
            _ => (404, String::new(), NOW),
        }
    }
}

#[tokio::test]
async fn imds_v2_token_role_and_credentials() {
    let server = Server::start(imds_handler(false, 200)).await;
    let home = Home::new("imds", &[]);
    let env = home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]);
    let credentials = resolve(env.clone()).await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDIMDS");
    assert_eq!(credentials.session_token(), Some("imds-token"));
    let expiry = credentials.expiry().unwrap();
    assert!(expiry > SystemTime::now() + Duration::from_secs(5 * 3600));
    let seen = server.seen();
    assert_eq!(
        seen.iter()
            .map(|s| format!("{} {}", s.method, s.path))
            .collect::<Vec<_>>(),
        [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/app-role"
        ]
    );
    assert!(
        seen[1..]
            .iter()
            .all(|s| s.headers["x-aws-ec2-metadata-token"] == "t1")
    );

    // The region chain ends at instance metadata.
    let region = DefaultChain::with_env(env.clone()).region().await.unwrap();
    assert_eq!(region, "ap-southeast-2");
    // … after the environment and the profile.
    let mut with_region = env.clone();
    with_region.insert("AWS_REGION".into(), "eu-north-1".into());
    assert_eq!(
        DefaultChain::with_env(with_region).region().await.unwrap(),
        "eu-north-1"
    );
    std::fs::write(home.path(".aws/config"), "[default]\nregion = sa-east-1\n").unwrap();
    assert_eq!(
        DefaultChain::with_env(env).region().await.unwrap(),
        "sa-east-1"
    );
}

#[tokio::test]
async fn an_expired_imds_token_is_fetched_again() {
    let server = Server::start(imds_handler(true, 200)).await;
    let home = Home::new("imds-expired", &[]);
    let credentials = resolve(home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]))
        .await
        .unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDIMDS");
    let puts = server.seen().iter().filter(|s| s.method == "PUT").count();
    assert_eq!(puts, 2, "{:?}", server.seen());
}

#[tokio::test]
async fn a_missing_imds_role_is_an_error_naming_every_source() {
    let server = Server::start(imds_handler(false, 404)).await;
    let home = Home::new("imds-404", &[]);
    let err = resolve(home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]))
        .await
        .unwrap_err()
        .to_string();
    names_every_source(&err, &["t1"]);
    assert!(
        err.contains("instance metadata: failed: GET /latest/meta-data/iam/security-credentials/app-role: 404"),
        "{err}"
    );
}

#[tokio::test]
async fn a_slow_imds_times_out_as_configured() {
    let server = Server::start(|_| (200, "late".to_owned(), Duration::from_secs(5))).await;
    let home = Home::new("imds-slow", &[]);
    let started = std::time::Instant::now();
    let err = resolve(home.env(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url),
        ("AWS_METADATA_SERVICE_TIMEOUT", "0.2"),
        ("AWS_EC2_METADATA_V1_DISABLED", "true"),
    ]))
    .await
    .unwrap_err()
    .to_string();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    names_every_source(&err, &[]);
    assert!(err.contains("timed out after 200ms"), "{err}");
    assert!(err.contains("IMDSv1 is disabled"), "{err}");
}

#[tokio::test]
async fn imds_v1_only_where_botocore_falls_back() {
    // A token request answered 403 (IMDSv2 off on an old setup): botocore goes on without one.
    let server = Server::start(|seen| match (seen.method.as_str(), seen.path.as_str()) {
        ("PUT", _) => (403, String::new(), NOW),
        (_, _) if seen.headers.contains_key("x-aws-ec2-metadata-token") => {
            (400, String::new(), NOW)
        }
        (_, "/latest/meta-data/iam/security-credentials/") => ok("v1-role\n"),
        (_, "/latest/meta-data/iam/security-credentials/v1-role") => ok(credentials_json(
            "AKIDV1",
            "v1-secret",
            "v1-token",
            Duration::from_secs(3600),
        )),
        _ => (404, String::new(), NOW),
    })
    .await;
    let home = Home::new("imds-v1", &[]);
    let env = home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]);
    assert_eq!(
        resolve(env.clone()).await.unwrap().access_key_id(),
        "AKIDV1"
    );
    // Never with IMDSv1 disabled, in the environment or the profile.
    let mut disabled = env.clone();
    disabled.insert("AWS_EC2_METADATA_V1_DISABLED".into(), "true".into());
    let err = resolve(disabled).await.unwrap_err().to_string();
    assert!(err.contains("PUT token: HTTP 403"), "{err}");
    assert!(err.contains("IMDSv1 is disabled"), "{err}");
    std::fs::write(
        home.path(".aws/config"),
        "[default]\nec2_metadata_v1_disabled = true\n",
    )
    .unwrap();
    let err = resolve(env).await.unwrap_err().to_string();
    assert!(err.contains("IMDSv1 is disabled"), "{err}");
}

#[tokio::test]
async fn the_disable_switch_skips_imds() {
    let server = Server::start(imds_handler(false, 200)).await;
    let home = Home::new("imds-off", &[]);
    let err = resolve(home.env(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]))
    .await
    .unwrap_err()
    .to_string();
    names_every_source(&err, &[]);
    assert!(
        err.starts_with("no usable AWS credentials: no source is configured"),
        "{err}"
    );
    assert!(
        err.contains("instance metadata: AWS_EC2_METADATA_DISABLED is true"),
        "{err}"
    );
    assert!(server.seen().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The cache

/// Gives `AKID<n>` on its n-th call, each valid for `lifetime`, after `delay`; fails while
/// `failing` is set.
#[derive(Debug)]
struct Counting {
    calls: AtomicUsize,
    lifetime: Duration,
    delay: Duration,
    failing: std::sync::atomic::AtomicBool,
}

impl Counting {
    fn new(lifetime: Duration, delay: Duration) -> Arc<Self> {
        Arc::new(Self {
            calls: AtomicUsize::new(0),
            lifetime,
            delay,
            failing: false.into(),
        })
    }
}

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(self.delay).await;
            if self.failing.load(Ordering::SeqCst) {
                return Err(CredentialsError::new("the source is down"));
            }
            Ok(
                Credentials::new(format!("AKID{n}"), "secret", Some("token".into()))
                    .with_expiry(SystemTime::now() + self.lifetime),
            )
        })
    }
}

#[tokio::test]
async fn the_cache_refreshes_once_for_every_waiting_call() {
    let source = Counting::new(Duration::from_millis(600), Duration::from_millis(100));
    let cache = Arc::new(
        CredentialsCache::new(source.clone())
            .with_refresh_before_expiry(Duration::from_millis(300)),
    );
    let many = |cache: Arc<CredentialsCache>| async move {
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { cache.provide_credentials().await.unwrap() })
            })
            .collect();
        let mut keys = Vec::new();
        for task in tasks {
            keys.push(task.await.unwrap().access_key_id().to_owned());
        }
        keys
    };
    assert!(many(cache.clone()).await.iter().all(|k| k == "AKID1"));
    assert_eq!(source.calls.load(Ordering::SeqCst), 1);
    // Reused while fresh.
    assert_eq!(
        cache.provide_credentials().await.unwrap().access_key_id(),
        "AKID1"
    );
    assert_eq!(source.calls.load(Ordering::SeqCst), 1);
    // Inside the refresh window (expiry 600 ms minus 300 ms): one refresh for 20 calls.
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(many(cache.clone()).await.iter().all(|k| k == "AKID2"));
    assert_eq!(source.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failed_refresh_keeps_valid_credentials_and_says_so() {
    let source = Counting::new(Duration::from_millis(500), Duration::ZERO);
    let cache = CredentialsCache::new(source.clone())
        .with_refresh_before_expiry(Duration::from_millis(400));
    assert_eq!(
        cache.provide_credentials().await.unwrap().access_key_id(),
        "AKID1"
    );
    assert!(cache.last_refresh_error().is_none());
    source.failing.store(true, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(150)).await;
    // In the refresh window, still valid: kept, and the failure recorded.
    assert_eq!(
        cache.provide_credentials().await.unwrap().access_key_id(),
        "AKID1"
    );
    let why = cache.last_refresh_error().unwrap().to_string();
    assert!(
        why.contains("kept the cached credentials") && why.contains("the source is down"),
        "{why}"
    );
    // Expired: the error.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let err = cache.provide_credentials().await.unwrap_err();
    assert_eq!(err.message(), "the source is down");
    // Back up: refreshed, and the recorded failure cleared.
    source.failing.store(false, Ordering::SeqCst);
    assert!(
        cache
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id()
            .starts_with("AKID")
    );
    assert!(cache.last_refresh_error().is_none());
}

// ---------------------------------------------------------------------------------------------
// A client call

#[tokio::test]
async fn a_client_signs_with_what_the_chain_found() {
    let imds = Server::start(imds_handler(false, 200)).await;
    // The service: answers any request, recording it.
    let service = Server::start(|_| ok(r#"{"Snapshot":{"Name":"b"}}"#)).await;
    let home = Home::new("client", &[]);
    let env = home.env(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url),
        ("AWS_ENDPOINT_URL", &service.url),
    ]);
    let config = awsgen_e2e::runtime::client::Config::load_from_env(&env, None)
        .await
        .unwrap();
    assert_eq!(config.region(), Some("ap-southeast-2"));
    let client = awsgen_e2e::memorydb::Client::new(config).unwrap();
    for _ in 0..2 {
        let output = client
            .copy_snapshot()
            .source_snapshot_name("a")
            .target_snapshot_name("b")
            .send()
            .await
            .unwrap();
        assert_eq!(output.snapshot().and_then(|s| s.name()), Some("b"));
    }
    let seen = service.seen();
    assert_eq!(seen.len(), 2);
    for request in &seen {
        assert!(
            request.headers["authorization"].starts_with("AWS4-HMAC-SHA256 Credential=AKIDIMDS/"),
            "{:?}",
            request.headers
        );
        assert!(request.headers["authorization"].contains("/ap-southeast-2/memorydb/"));
        assert_eq!(request.headers["x-amz-security-token"], "imds-token");
    }
    // Cached: the role's credentials were read once for both calls (and the region once).
    let role_reads = imds
        .seen()
        .iter()
        .filter(|s| s.path.ends_with("/app-role"))
        .count();
    assert_eq!(role_reads, 1);

    // No source: the call fails before sending, naming every source.
    let env = home.env(&[
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ENDPOINT_URL", &service.url),
    ]);
    let config = awsgen_e2e::runtime::client::Config::from_env_map(&env, None).unwrap();
    let client = awsgen_e2e::memorydb::Client::new(config).unwrap();
    let err = client
        .copy_snapshot()
        .source_snapshot_name("a")
        .target_snapshot_name("b")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(
        err.kind(),
        awsgen_e2e::runtime::client::ErrorKind::Credentials(_)
    ));
    names_every_source(&err.to_string(), &[]);
    assert_eq!(service.seen().len(), 2, "nothing was sent");
}

// ---------------------------------------------------------------------------------------------
// credential_source: the role assumed with the container's or the instance's credentials

/// An STS endpoint answering AssumeRole as the STS API reference documents its response.
fn sts_handler() -> impl Fn(&Seen) -> (u16, String, Duration) + Send + Sync + 'static {
    |seen| {
        if seen.method != "POST" || !seen.body.contains("Action=AssumeRole&") {
            return (400, String::new(), NOW);
        }
        ok(format!(
            r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/source-role/source-session</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:source-session</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAROLE</AccessKeyId>
      <SecretAccessKey>role-secret</SecretAccessKey>
      <SessionToken>role-token</SessionToken>
      <Expiration>{}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>"#,
            rfc3339(Duration::from_secs(3600))
        ))
    }
}

#[tokio::test]
async fn credential_source_signs_assume_role_with_the_container_or_instance_credentials() {
    let sts = Server::start(sts_handler()).await;
    let imds = Server::start(imds_handler(false, 200)).await;
    let container = Server::start(|seen| {
        if seen.path == "/creds" {
            ok(format!(
                r#"{{"AccessKeyId":"AKIDPOD","SecretAccessKey":"pod-secret","Token":"pod-session","Expiration":"{}"}}"#,
                rfc3339(Duration::from_secs(3600))
            ))
        } else {
            (404, String::new(), NOW)
        }
    })
    .await;
    let home = Home::new(
        "credential-source",
        &[(
            ".aws/config",
            "[profile ecs]\n\
             role_arn = arn:aws:iam::123456789012:role/source-role\n\
             credential_source = EcsContainer\n\
             role_session_name = source-session\n\
             \n\
             [profile ec2]\n\
             role_arn = arn:aws:iam::123456789012:role/source-role\n\
             credential_source = Ec2InstanceMetadata\n\
             role_session_name = source-session\n\
             \n\
             [profile elsewhere]\n\
             role_arn = arn:aws:iam::123456789012:role/source-role\n\
             credential_source = Lambda\n",
        )],
    );
    let container_uri = format!("{}/creds", container.url);
    let cases = [
        (
            "ecs",
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", container_uri.as_str()),
            "AKIDPOD",
            "pod-session",
        ),
        (
            "ec2",
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url.as_str()),
            "AKIDIMDS",
            "imds-token",
        ),
    ];
    for (i, (profile, source_var, source_key, source_token)) in cases.into_iter().enumerate() {
        let env = home.env(&[
            ("AWS_PROFILE", profile),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_STS", &sts.url),
            source_var,
        ]);
        let credentials = DefaultChain::with_env(env)
            .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
            .resolve()
            .await
            .unwrap_or_else(|e| panic!("{profile}: {e}"));
        assert_eq!(credentials.access_key_id(), "ASIAROLE", "{profile}");
        assert_eq!(credentials.session_token(), Some("role-token"), "{profile}");
        assert!(credentials.expiry().is_some(), "{profile}");
        // STS saw one AssumeRole of the profile's role, signed with the source's credentials.
        let seen = sts.seen();
        assert_eq!(seen.len(), i + 1, "{profile}: {seen:?}");
        let call = &seen[i];
        assert!(
            call.body
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fsource-role"),
            "{profile}: {}",
            call.body
        );
        assert!(
            call.body.contains("RoleSessionName=source-session"),
            "{profile}"
        );
        assert!(
            call.headers["authorization"]
                .starts_with(&format!("AWS4-HMAC-SHA256 Credential={source_key}/")),
            "{profile}: {:?}",
            call.headers
        );
        assert!(call.headers["authorization"].contains("/us-east-1/sts/aws4_request"));
        assert_eq!(
            call.headers["x-amz-security-token"], source_token,
            "{profile}"
        );
    }

    // A source the SDKs do not define is named, before any request.
    let env = home.env(&[
        ("AWS_PROFILE", "elsewhere"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL_STS", &sts.url),
    ]);
    let err = DefaultChain::with_env(env)
        .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
        .resolve()
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown credential_source `Lambda`"), "{err}");
    assert_eq!(sts.seen().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// SSO: the token cache and a fake portal

#[test]
fn token_cache_names_are_sha1_as_the_sdks_compute_them() {
    use awsgen_e2e::runtime::credential_sso::sha1_hex;
    // Expected values from Python's hashlib.sha1.
    assert_eq!(sha1_hex(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_eq!(
        sha1_hex(b"https://d-abc123.awsapps.com/start"),
        "40a89917e3175433e361b710a9d43528d7f1890a"
    );
    assert_eq!(
        sha1_hex(&[b'a'; 1000]),
        "291e9a6c66994949b57ba5e650361e98fc36b1ba"
    );
}

/// The SSO portal: role credentials for `good-token`, account 123456789012, role ReadOnly.
fn portal(
    expiration_ms: u128,
) -> impl Fn(&Seen) -> (u16, String, Duration) + Send + Sync + 'static {
    move |seen| {
        let token = seen
            .headers
            .get("x-amz-sso_bearer_token")
            .map(String::as_str);
        let query = seen.path.split_once('?').map_or("", |(_, q)| q);
        let mut params: Vec<&str> = query.split('&').collect();
        params.sort_unstable();
        if !seen.path.starts_with("/federation/credentials?")
            || params != ["account_id=123456789012", "role_name=ReadOnly"]
        {
            return (404, r#"{"message":"no such role"}"#.to_owned(), NOW);
        }
        if token != Some("good-token") {
            return (
                401,
                r#"{"message":"Session token not found or invalid"}"#.to_owned(),
                NOW,
            );
        }
        ok(format!(
            r#"{{"roleCredentials":{{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-session","expiration":{expiration_ms}}}}}"#
        ))
    }
}

fn token_cache(token: &str, expires_in: Duration, expired: bool) -> String {
    let expires_at = if expired {
        "2020-01-01T00:00:00Z".to_owned()
    } else {
        rfc3339(expires_in)
    };
    format!(
        r#"{{"startUrl":"https://d-abc123.awsapps.com/start","region":"us-east-1","accessToken":"{token}","expiresAt":"{expires_at}"}}"#
    )
}

#[tokio::test]
async fn sso_profiles_trade_the_cached_token_at_the_portal() {
    let expiry = SystemTime::now() + Duration::from_secs(3600);
    let expiry_ms = expiry
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let server = Server::start(portal(expiry_ms)).await;
    let config = "\
[profile dev]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile other-session]
sso_session = other
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session other]
sso_start_url = https://d-other.awsapps.com/start
sso_region = us-east-1

[profile dangling]
sso_session = nowhere
sso_account_id = 123456789012
sso_role_name = ReadOnly
";
    let session_file = ".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json";
    let legacy_file = ".aws/sso/cache/40a89917e3175433e361b710a9d43528d7f1890a.json";
    let home = Home::new("sso", &[(".aws/config", config)]);
    std::fs::create_dir_all(home.0.join(".aws/sso/cache")).unwrap();
    let hour = Duration::from_secs(3600);
    std::fs::write(
        home.path(session_file),
        token_cache("good-token", hour, false),
    )
    .unwrap();
    std::fs::write(
        home.path(legacy_file),
        token_cache("good-token", hour, false),
    )
    .unwrap();
    let chain = |profile: &str| {
        DefaultChain::with_env(home.env(&[
            ("AWS_PROFILE", profile),
            ("AWS_ENDPOINT_URL_SSO", &server.url),
        ]))
        .with_federation(awsgen_e2e::runtime::default_federation().unwrap())
    };

    for profile in ["dev", "legacy"] {
        let credentials = chain(profile)
            .resolve()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            credentials,
            Credentials::new("ASIASSO", "sso-secret", Some("sso-session".into()))
                .with_expiry(SystemTime::UNIX_EPOCH + Duration::from_millis(expiry_ms as u64)),
            "{profile}"
        );
    }
    for request in server.seen() {
        assert_eq!(request.method, "GET");
        assert!(
            !request.headers.contains_key("authorization"),
            "unsigned: {request:?}"
        );
    }

    // The portal refuses a token: its message, never the token.
    std::fs::write(
        home.path(session_file),
        token_cache("revoked-token", hour, false),
    )
    .unwrap();
    let err = chain("dev").resolve().await.unwrap_err().to_string();
    assert!(
        err.contains("SSO GetRoleCredentials of role ReadOnly in account 123456789012"),
        "{err}"
    );
    assert!(err.contains("Session token not found or invalid"), "{err}");
    assert!(!err.contains("revoked-token"), "{err}");

    // An expired token asks for a login, without calling the portal.
    let calls = server.seen().len();
    std::fs::write(
        home.path(session_file),
        token_cache("good-token", hour, true),
    )
    .unwrap();
    let err = chain("dev").resolve().await.unwrap_err().to_string();
    assert!(
        err.contains("expired at 2020-01-01T00:00:00Z: run `aws sso login`"),
        "{err}"
    );
    assert!(!err.contains("good-token"), "{err}");
    assert_eq!(server.seen().len(), calls);

    // No token cache for the session; no section for the session.
    let err = chain("other-session")
        .resolve()
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot read the SSO token cache"), "{err}");
    let err = chain("dangling").resolve().await.unwrap_err().to_string();
    assert!(err.contains("no [sso-session nowhere] section"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Interop with aws-credential-types (feature `aws-credential-types`)

#[tokio::test]
async fn aws_credential_types_providers_both_ways() {
    use aws_credential_types::provider::ProvideCredentials as _;
    use awsgen_e2e::runtime::credential_interop::{FromAws, IntoAws};

    // Theirs as ours: every part carried over.
    let expiry = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
    let theirs = aws_credential_types::Credentials::new(
        "AKIDTHEIRS",
        "their-secret",
        Some("their-token".into()),
        Some(expiry),
        "test",
    );
    let ours = FromAws(theirs).provide_credentials().await.unwrap();
    assert_eq!(
        ours,
        Credentials::new("AKIDTHEIRS", "their-secret", Some("their-token".into()))
            .with_expiry(expiry)
    );

    // Ours (the chain, cached, from a real IMDS server) as theirs.
    let server = Server::start(imds_handler(false, 200)).await;
    let home = Home::new("interop", &[]);
    let chain =
        DefaultChain::with_env(home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]));
    let provider = IntoAws(Arc::new(CredentialsCache::new(chain)));
    let theirs = provider.provide_credentials().await.unwrap();
    assert_eq!(theirs.access_key_id(), "AKIDIMDS");
    assert_eq!(theirs.secret_access_key(), "imds-secret");
    assert_eq!(theirs.session_token(), Some("imds-token"));
    assert!(theirs.expiry().is_some_and(|e| e > SystemTime::now()));

    // A failure keeps our message (every source tried) as the cause.
    let chain = DefaultChain::with_env(home.env(&[("AWS_EC2_METADATA_DISABLED", "true")]));
    let err = IntoAws(Arc::new(chain))
        .provide_credentials()
        .await
        .unwrap_err();
    let cause = std::error::Error::source(&err)
        .map(ToString::to_string)
        .unwrap_or_default();
    names_every_source(&cause, &[]);
}
