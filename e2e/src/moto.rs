//! A local moto server for the tests: `moto/server.py` (moto's threaded server on 127.0.0.1,
//! a free port, with the CopySnapshot plugin) started with the Python that
//! `AWSGEN_MOTO_PYTHON` names (else `python3`); stopped when the handle is dropped, or when
//! the test process ends (the script exits when its stdin closes).
//!
//! When moto is not installed, [`Moto::start`] prints a banner that `cargo test` does not
//! capture and returns `None`, so the tests skip visibly; with `CI` set it panics instead, so
//! CI never skips them (`.ci/run` installs moto and sets `AWSGEN_MOTO_PYTHON`).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The server script, next to this package's manifest.
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/moto/server.py");

/// How long the server may take to start (importing moto takes a second or two).
const STARTUP: Duration = Duration::from_secs(60);

/// A running moto server.
#[derive(Debug)]
pub struct Moto {
    child: Child,
    stdin: Option<ChildStdin>,
    endpoint: String,
}

impl Moto {
    /// Starts a server, or returns `None` after saying loudly why the test is skipped (moto
    /// missing); panics instead when `CI` is set, and whenever the server fails otherwise.
    pub fn start(test: &str) -> Option<Self> {
        let python = std::env::var("AWSGEN_MOTO_PYTHON").unwrap_or_else(|_| "python3".into());
        let spawned = Command::new(&python)
            .arg("-u")
            .arg(SCRIPT)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                skip(test, &format!("cannot run `{python}`: {e}"));
                return None;
            }
        };
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(STARTUP).unwrap_or_default();
        let line = line.trim();
        if let Some(port) = line.strip_prefix("PORT ") {
            return Some(Self {
                stdin: child.stdin.take(),
                child,
                endpoint: format!("http://127.0.0.1:{port}"),
            });
        }
        let _ = child.kill();
        let _ = child.wait();
        if let Some(why) = line.strip_prefix("MISSING ") {
            skip(test, &format!("`{python}` has no moto: {why}"));
            return None;
        }
        panic!("the moto server did not start (`{python} {SCRIPT}` printed {line:?})");
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A client configuration for this server: us-east-1, example credentials (moto accepts
    /// any), its endpoint.
    pub fn config(&self) -> crate::runtime::client::Config {
        crate::runtime::client::Config::new(
            "us-east-1",
            crate::runtime::credentials::Credentials::new(
                "AKIDEXAMPLE",
                "moto-accepts-any-secret",
                None,
            ),
        )
        .with_endpoint(self.endpoint())
    }

    /// A server (see [`Moto::start`]), an S3 client of it and its new bucket `bucket`.
    pub async fn s3_bucket(test: &str, bucket: &str) -> Option<(Self, crate::s3::Client)> {
        let moto = Self::start(test)?;
        let client = crate::s3::Client::new(moto.config()).expect("client");
        client
            .create_bucket()
            .bucket(bucket)
            .send()
            .await
            .expect("CreateBucket");
        Some((moto, client))
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Says, where `cargo test` does not capture it, that `test` is skipped; fails under CI.
fn skip(test: &str, why: &str) {
    let banner = format!(
        "\n\
         ************************************************************************\n\
         SKIPPED {test}: the moto end-to-end test needs moto[server].\n\
         {why}\n\
         Install it (pip install \"moto[server]==5.2.5\") and point AWSGEN_MOTO_PYTHON at\n\
         that Python, or run `bash .ci/run`, which does both.\n\
         ************************************************************************\n"
    );
    // Written to the process's stderr directly: the test harness captures only `eprint!`.
    let _ = std::io::stderr().write_all(banner.as_bytes());
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    assert!(
        !ci,
        "CI is set, so the moto end-to-end tests must not skip: {why}"
    );
}
