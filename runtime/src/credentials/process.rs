//! A profile's `credential_process`: the command is run (through `sh -c`, or `cmd /C` on
//! Windows, as the Rust and Go SDKs do) and prints, on success, the JSON of the SDKs'
//! contract: `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?,
//! "Expiration"?}` (RFC 3339). A non-zero exit is an error with the exit status and the
//! command's standard error (its output is never shown: it holds the secret). The command runs
//! on a thread of its own, so the async runtime is not blocked while it runs.

use std::process::{Command, Stdio};

use crate::credentials::Credentials;

/// How much of the command's standard error an error message quotes.
const STDERR_QUOTED: usize = 1000;

/// Runs `command` and reads its credentials.
pub async fn run(command: &str) -> Result<Credentials, String> {
    let (send, receive) = tokio::sync::oneshot::channel();
    let owned = command.to_owned();
    std::thread::Builder::new()
        .name("credential_process".to_owned())
        .spawn(move || {
            let _ = send.send(run_blocking(&owned));
        })
        .map_err(|e| format!("cannot start a thread for credential_process: {e}"))?;
    receive
        .await
        .map_err(|_| "credential_process: the thread running it stopped".to_owned())?
}

fn run_blocking(command: &str) -> Result<Credentials, String> {
    let mut shell = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.arg("/C");
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c");
        c
    };
    let output = shell
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run credential_process `{command}`: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr: String = stderr.trim().chars().take(STDERR_QUOTED).collect();
        return Err(format!(
            "credential_process `{command}` failed ({}){}",
            output.status,
            if stderr.is_empty() {
                String::new()
            } else {
                format!(": {stderr}")
            }
        ));
    }
    let document = crate::credentials::json_document::parse(&output.stdout)
        .map_err(|e| format!("credential_process `{command}`: {e}"))?;
    match document.get("Version") {
        Some("1") => {}
        Some(other) => {
            return Err(format!(
                "credential_process `{command}`: unsupported Version {other} (only 1 is)"
            ));
        }
        None => return Err(format!("credential_process `{command}`: no `Version`")),
    }
    document
        .credentials(
            "AccessKeyId",
            "SecretAccessKey",
            "SessionToken",
            "Expiration",
        )
        .map_err(|e| format!("credential_process `{command}`: {e}"))
}
